"""Stages 4 and 5, markdown and normalize: cleaned HTML -> CommonMark.

In: a Document with a cleaned HTML body. Out: ``markdown`` set, then tidied.
Entry: ``to_markdown.to_markdown`` (the walk over the lxml tree, with ``writer``, ``inline``,
``emphasis``, ``escape``, ``code``, ``links``, ``tables``), then ``normalize.normalize_markdown``.
``html_parse`` is the walk's tolerant parser. A Markdown body skips this stage (markdown_body).
"""
