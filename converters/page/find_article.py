"""The page stage's entry: a whole saved page goes to ``article``, a fragment passes through.

Telling the two apart is a cheap look at the first tags, so the article finder (its scoring
and pruning patterns) is imported only when a page comes.
"""

from __future__ import annotations

import re

from converters.document import Document, Settings
from converters.page import links

WHOLE_PAGE = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I)
EARLY_TITLE = re.compile(r"<title[\s>]", re.I)
EARLY = 2048  # characters in which a page's <title> stands
PAGE = "page"  # the rule name on what the page stage removes


def find_article(doc: Document, settings: Settings) -> Document:
    base = links.base_url(settings.base_url, doc.metadata)
    if doc.body_kind != "html" or not is_whole_page(doc.body):
        if base and doc.body_kind == "html":
            return doc.evolve(body=links.resolve_fragment(doc.body, base))
        return doc
    from converters.page.article import narrow_to_article  # pages only: ~8 ms of imports

    return narrow_to_article(doc, base)


def is_whole_page(body: str) -> bool:
    """A doctype, <html>, <head> or <body>; or a <title> among the first tags (a page saved
    without them, as some crawlers do), unless it is an <svg>'s title."""
    if WHOLE_PAGE.search(body):
        return True
    start = body[:EARLY]
    title = EARLY_TITLE.search(start)
    return title is not None and "<svg" not in start[: title.start()].lower()
