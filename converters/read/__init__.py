"""Stage 1, read: post text -> Document.

In: the decoded text of one post (``decode.decode_bytes`` turns bytes into it). Out: a Document
with the front matter (data and text as written), the body, and the body's kind (html,
markdown or text). Entry: ``read_post.read_post``. ``front_matter`` finds the block (YAML,
TOML, JSON, Hexo's unopened form), ``yaml_io`` reads YAML safely (no tags, no bombs),
``body_kind`` decides between converting a body and keeping it, ``templates`` swaps a
converted body's template tags for placeholder words. ``nesting.limit_nesting`` bounds the
depth of an HTML body before anything parses it (the pipeline's "nesting" step).
"""
