"""The check for a Markdown body kept as written: it must render as it did (mdformat's guard).

Both texts are rendered with markdown-it (CommonMark, tables, strikethrough, raw HTML on) and
reduced to their structure: elements, sorted attributes, comments, text with whitespace
collapsed outside `<pre>`. The only differences allowed are the pieces of junk the
markdown_body stage says it removed (`removed`): an empty paragraph, a tracking pixel, a
full-width indent. Anything else fails the file, and nothing is written.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from converters.document import ConversionError, Document
from converters.markdown_body import junk

if TYPE_CHECKING:  # markdown-it is imported when a Markdown body is first compared
    from markdown_it import MarkdownIt

EXCERPT = 60
EMPTY_TAGS = ("p", "div", "span")
PARSER = lxml.html.HTMLParser(huge_tree=True)


def check_markdown_body(doc: Document) -> Document:
    if doc.markdown == doc.body:
        return doc
    allowed = {removal.what for removal in doc.removed}
    before = structure(doc.body, allowed)
    after = structure(doc.markdown, allowed)
    if before != after:
        raise ConversionError(doc.source, "check", f"the Markdown would render differently: "
                              f"{_first_difference(before, after)}")  # fmt: skip
    return doc


def structure(markdown: str, allowed: set[str]) -> list[str]:
    """The rendered document as a list of pieces: tags, attributes, comments, words."""
    html = _renderer().render(markdown)
    root = lxml.html.fragment_fromstring(html, create_parent="div", parser=PARSER)
    if "tracking pixel" in allowed:
        _drop([el for el in root.iter("img") if junk.is_tracking_pixel(_start_tag(el))])
    if "empty paragraph" in allowed:
        _drop([el for el in root.iter(*EMPTY_TAGS) if _is_empty(el)])
    pieces: list[str] = []
    _walk(root, pieces, in_pre=False)
    return pieces


def _start_tag(el: lxml.html.HtmlElement) -> str:
    return "<img" + "".join(f' {k}="{v}"' for k, v in el.attrib.items()) + ">"


def _drop(elements: list[lxml.html.HtmlElement]) -> None:
    for el in elements:
        if el.getparent() is not None:
            el.drop_tree()  # its tail stays


def _is_empty(el: lxml.html.HtmlElement) -> bool:
    no_text = not "".join(el.itertext()).strip()
    return no_text and not el.attrib and all(child.tag == "br" for child in el)


def _walk(el: etree._Element, pieces: list[str], *, in_pre: bool) -> None:
    """`in_pre`: whether el sits inside a <pre>, where whitespace counts."""
    if el.tag is etree.Comment:
        pieces.append(f"<!--{el.text or ''}-->")
    elif isinstance(el.tag, str):
        attributes = "".join(f" {k}={v!r}" for k, v in sorted(el.attrib.items()))
        pieces.append(f"<{el.tag}{attributes}>")
        inside_pre = in_pre or el.tag == "pre"
        _text(el.text, pieces, inside_pre)
        for child in el:
            _walk(child, pieces, in_pre=inside_pre)
        pieces.append(f"</{el.tag}>")
    _text(el.tail, pieces, in_pre)


def _text(text: str | None, pieces: list[str], in_pre: bool) -> None:
    if text:
        pieces.extend([text] if in_pre else text.split())


def _first_difference(before: list[str], after: list[str]) -> str:
    at = next((i for i, pair in enumerate(zip(before, after, strict=False)) if pair[0] != pair[1]),
              min(len(before), len(after)))  # fmt: skip
    was = " ".join(before[at : at + 6])[:EXCERPT]
    now = " ".join(after[at : at + 6])[:EXCERPT]
    return f"{was!r} became {now!r}"


@functools.cache
def _renderer() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
