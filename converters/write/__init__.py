"""Stage 7, write: Document -> the post's text.

In: a Document with metadata and Markdown. Out: ``output``, YAML front matter and body.
Entry: ``write_post.write_post``; ``yaml_dump`` writes the YAML.
"""
