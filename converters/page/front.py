"""The article starts with its first sentence: headline, byline, dateline and dek are front
matter now, so the blocks before the prose that repeat them leave the body."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from lxml import etree

from converters.document import Removal
from converters.metadata import dates
from converters.metadata.page_tree import text_of

LEADING_BLOCKS = 8  # blocks looked at before the prose starts
SHORT_LINE = 160
BYLINE = re.compile(
    r"^(?:by\s|(?:posted|published|updated)(?:\s*[:：]|\s+(?:on|at|by)\b)"
    r"|作者|记者|文\s*[/／]|来源|编辑|责任编辑|发布|时间|日期)",
    re.I,
)
# A byline has no Chinese comma or stop, and is not as long as an English sentence.
SENTENCE = re.compile(r"[，。！？；]")
SENTENCE_WORDS = 16
LABEL_WIDTH = 30  # what a dateline holds besides its date: labels, a source, a time zone
NOT_WORD = re.compile(r"[\W_]+")
BLOCK_TAGS = ("h1", "h2", "h3", "p", "div", "span", "time", "address", "header", "td", "li")


def trim(article: etree._Element, metadata: Mapping[str, object]) -> list[Removal]:
    """Drop the leading blocks that only repeat the title, the description, a byline or a date."""
    title = _key(str(metadata.get("title", "")))
    dek = _key(str(metadata.get("description", "")))
    author = str(metadata.get("author", ""))
    removed = []
    for block in list(_leading_blocks(article)):
        what = _front_matter_kind(text_of(block), title, dek, author)
        if what and block.getparent() is not None:
            removed.append(Removal("page", what, text_of(block)[:60], len(text_of(block))))
            _drop(block)
    return removed


def _leading_blocks(article: etree._Element) -> Iterator[etree._Element]:
    """The smallest blocks, in order, until one that is prose."""
    seen = 0
    for el in article.iter(*BLOCK_TAGS):
        if any(child.tag in BLOCK_TAGS for child in el) or not text_of(el):
            continue
        if seen >= LEADING_BLOCKS or (len(text_of(el)) > SHORT_LINE and el.tag == "p"):
            return
        seen += 1
        yield el


def _front_matter_kind(text: str, title: str, dek: str, author: str) -> str:
    if not text or len(text) > SHORT_LINE * 2:
        return ""
    key = _key(text)
    if title and key == title:
        return "headline"
    if dek and key == dek:
        return "description"
    if len(text) <= SHORT_LINE and _is_byline(text, author):
        return "byline"
    if len(text) <= SHORT_LINE and _is_dateline(text):
        return "dateline"
    return ""


def _is_byline(text: str, author: str) -> bool:
    """A label or the author's name, and no sentence: the article's first paragraph may name
    its author too (`…研究部的郭励弘却撰文指出，…`), and may start with a label's word."""
    if SENTENCE.search(text) or len(text.split()) > SENTENCE_WORDS:
        return False
    return BYLINE.match(text) is not None or bool(author and author in text)


def _is_dateline(text: str) -> bool:
    """A short line that is mostly a date: what stays is a label or a source name
    (`发布时间：… 来源：新华网`, `Updated … ET`), not the article's first sentence after it
    (`【某报2005年7月3日电】一九八九年四月，我在…`)."""
    if len(text) > 60 or not any(True for _ in dates.find_dates(text)):
        return False
    rest = text
    for pattern in dates.PATTERNS:
        rest = pattern.sub("", rest)
    return _width(NOT_WORD.sub("", rest)) <= LABEL_WIDTH


def _width(text: str) -> int:
    """Two per CJK character (a word of two characters is about an English word of four)."""
    return sum(2 if ord(char) >= 0x2E80 else 1 for char in text)


def _key(text: str) -> str:
    return "".join(text.split()).lower()


def _drop(block: etree._Element) -> None:
    parent = block.getparent()
    if parent is None:
        return
    if block.tail and block.tail.strip():
        previous = block.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + block.tail
        else:
            parent.text = (parent.text or "") + block.tail
    parent.remove(block)
