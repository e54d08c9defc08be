"""Stage 2, metadata: front matter (and a full page's <head>) -> canonical metadata.

In: a Document as read. Out: the same Document with ``metadata`` in canonical keys and order,
dates as ISO strings at the same instant. Entry: ``extract_metadata.extract_metadata``;
``page_metadata`` reads <meta> and JSON-LD for inputs that are whole pages.
"""
