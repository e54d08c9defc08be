"""A whole saved page as one lxml tree, and its visible text as lines a reader would see.

The metadata stage reads a page's <head> and its byline lines from here; the page stage finds
the article in the same kind of tree.
"""

from __future__ import annotations

import re

from lxml import etree

# Without huge_tree libxml2 silently drops a text node over 10 MB.
PARSER = etree.HTMLParser(huge_tree=True)
XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
INVISIBLE = frozenset({
    "script", "style", "noscript", "template", "head", "title", "select", "option", "textarea",
    "svg", "iframe", "object", "embed",
})  # fmt: skip
LINE_BREAKING = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "div", "dl",
    "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "tr",
    "ul",
})  # fmt: skip
SPACES = re.compile(r"[\s\u3000\xa0]+")


def parse_page(text: str) -> etree._Element | None:
    """The page's <html> element; markup before <!DOCTYPE> or a missing <body> are fine."""
    text = CONTROL_CHARS.sub("", XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        return None
    try:
        return etree.fromstring(text, PARSER)
    except (etree.ParserError, ValueError):
        return None


def text_of(el: etree._Element) -> str:
    """All the text under an element, whitespace runs (full-width ones too) as one space."""
    text = etree.tostring(el, method="text", encoding="unicode", with_tail=False)  # string()
    return SPACES.sub(" ", text).strip()


def visible_lines(root: etree._Element) -> list[str]:
    """The page's shown text, one entry per block: what a byline or a date line is read from."""
    parts: list[str] = []
    _walk(root, parts)
    lines = (SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _walk(el: etree._Element, parts: list[str]) -> None:
    if not isinstance(el.tag, str) or el.tag in INVISIBLE:
        return
    breaks = el.tag in LINE_BREAKING
    if breaks:
        parts.append("\n")
    parts.append(el.text or "")
    for child in el:
        _walk(child, parts)
        parts.append(child.tail or "")
    if breaks:
        parts.append("\n")
