"""The headline without the site's name: `Story | Site`, `Story_新浪房产_新浪网`, `Story - 知乎`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from converters.metadata.page_tree import text_of

# Spaced dashes and bars everywhere; bare ones only between CJK text, where no space is written.
SEPARATOR = re.compile(
    r"\s+[|｜–—·•»-]\s+|\s*[|｜_]\s*|(?<=[\u3000-\u9fff\uff00-\uffef)）])\s*[-–—]\s*(?=\S)"
)
SITE_NAME_MAX_WORDS = 6
SITE_NAME_MAX_SHARE = 0.8  # of the rest of the title


def headline(root: etree._Element, given: Iterable[str]) -> str:
    """The first given title, else the <title>; cut to the page's <h1> or stripped of the site."""
    page_title = next((t for t in given if t.strip()), "") or _document_title(root)
    heading = next((text_of(h) for h in root.iter("h1") if text_of(h)), "")
    return without_site_name(page_title, heading) or heading


def without_site_name(title: str, heading: str = "") -> str:
    title = " ".join(title.split())
    if heading and title.startswith(heading) and len(heading) * 2 >= len(title):
        return heading  # the headline as the page prints it
    for separator in reversed(list(SEPARATOR.finditer(title))):
        head, tail = title[: separator.start()], title[separator.end() :]
        if not _is_site_name(tail, head):
            break
        title = head
    return title.strip()


def _is_site_name(part: str, rest: str) -> bool:
    words = part.split()
    return 0 < len(words) <= SITE_NAME_MAX_WORDS and len(part) <= SITE_NAME_MAX_SHARE * len(rest)


def _document_title(root: etree._Element) -> str:
    return next((text_of(t) for t in root.iter("title") if text_of(t)), "")
