"""Stage 1, read: post text -> Document.

In: the decoded text of one post (``decode.decode_bytes`` turns bytes into it). Out: a Document
with the front matter data, the body, and the body's kind (html, markdown or text).
Entry: ``read_post.read_post``. ``yaml_io`` reads YAML front matter safely (no tags, no
bombs). ``nesting.limit_nesting`` bounds the depth of an HTML body before anything parses it
(the pipeline's "nesting" step).
"""
