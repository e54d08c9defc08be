"""Keyword auto-links: a CMS plugin links every known word of the text to its archive page.

They are not the author's links. Two shapes betray them: a class that says so (`keyword`), or
a target that is a tag or keyword archive named by the linked word itself
(`<a href="/books/tag/%e5%b0%8f%e8%af%b4">小说</a>`). The word stays; the link goes.
"""

from __future__ import annotations

import re
from itertools import pairwise
from urllib.parse import unquote, urlsplit

from lxml import etree

from converters.clean.junk_signals import class_words
from converters.clean.tree import text_of

KEYWORD_CLASSES = frozenset({"keyword", "keywords"})
ARCHIVE_STEPS = frozenset({"tag", "tags", "keyword", "keywords"})
SEPARATORS = re.compile(r"[\s_+-]+")


def is_keyword_link(link: etree._Element, href: str) -> bool:
    if class_words(link) & KEYWORD_CLASSES:
        return True
    word = plain(text_of(link))
    return bool(word) and word in archive_names(href)


def archive_names(href: str) -> set[str]:
    """The names after each tag or keyword step of the URL's path, decoded."""
    try:
        steps = [step for step in urlsplit(href).path.split("/") if step]
    except ValueError:
        return set()
    return {
        plain(unquote(after)) for step, after in pairwise(steps) if step.lower() in ARCHIVE_STEPS
    }


def plain(text: str) -> str:
    return SEPARATORS.sub(" ", text).strip().casefold()
