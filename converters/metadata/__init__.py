"""Stage 2, metadata: front matter (and a full page's <head>) -> canonical metadata.

In: a Document as read. Out: the same Document with ``metadata`` in canonical keys and order,
dates as ISO strings at the same instant. Entry: ``extract_metadata.extract_metadata``;
``page_metadata`` reads a whole page's JSON-LD (``json_ld``), <meta> tags, markup and byline
lines (``bylines``) in order of trust; ``dates`` reads the date forms pages print, ``titles``
cuts the site's name off a title, ``page_tree`` parses a page and lists its visible lines.
"""
