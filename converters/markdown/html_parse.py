"""HTML -> lxml tree for the Markdown stage, without losing anything to libxml2's nesting limit."""

from __future__ import annotations

import html.parser
import re
from typing import Any

import lxml.etree as etree

from converters.document import Document
from converters.markdown.sentinels import NONCHARACTERS
from converters.read.nesting import VOID_TAGS

Element = Any  # lxml ships no type information

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
FALLBACK_DEPTH = 200  # the flat builder keeps this many levels of real elements
_STRAY_END_TAG_REACH = 64  # how far up an end tag looks for its start tag
_NAME = re.compile(r"[A-Za-z_][\w.-]*")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def parse_html(markup: str) -> tuple[Element, tuple[str, ...]]:
    """Parse an HTML fragment or page without losing anything to libxml2's depth limit.

    Returns the element holding the content (`<body>`, or the root) and warnings."""
    markup = NONCHARACTERS.sub("\ufffd", markup.replace("\x00", "\ufffd"))
    parser = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(markup, parser)
    except ValueError:  # an XML declaration in a str: hand libxml2 the bytes
        data = markup.encode("utf-8", "replace")
        parser = etree.HTMLParser(
            huge_tree=True, remove_comments=True, remove_pis=True, encoding="utf-8"
        )
        root = etree.fromstring(data, parser)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        builder = _FlatTreeBuilder()
        builder.feed(markup)
        builder.close()
        warning = f"HTML nested deeper than {FALLBACK_DEPTH} levels was flattened"
        return builder.root, (warning,)
    if root is None:
        return etree.Element("div"), ()
    body = root.find("body")
    return (body if body is not None else root), ()


def body_tree(doc: Document) -> tuple[Element, tuple[str, ...]]:
    """The cleaned body as a tree: the one clean built, while it still stands for `doc.html`
    (one parse per document instead of one per stage), else `doc.html` parsed. Read-only.

    A noncharacter (the walk's marks are noncharacters) would show in `doc.html`, the tree's
    serialization: such a rare body is parsed again, which replaces each with U+FFFD."""
    parsed = doc.parsed
    if parsed is not None and parsed.html is doc.html and not _has_noncharacter(doc.html):
        return parsed.root, ()
    return parse_html(doc.html)


_NONCHARACTER_LIST = tuple(map(chr, range(0xFDD0, 0xFDF0)))  # what NONCHARACTERS matches


def _has_noncharacter(text: str) -> bool:
    """NONCHARACTERS.search, in half the time: 32 substring searches of a body (none at all
    in an ASCII one) cost less than one regex pass over it."""
    return any(ch in text for ch in _NONCHARACTER_LIST)


def int_attribute(el: Element, name: str, default: int, high: int, low: int = 1) -> int:
    """A whole-number attribute clamped to low..high, or the default when not a number."""
    value = el.get(name)
    if value is None:  # most elements
        return default
    value = value.strip()
    return max(low, min(high, int(value))) if value.isdigit() else default


class _FlatTreeBuilder(html.parser.HTMLParser):
    """A tolerant tokenizer-driven builder for input libxml2 refuses (nesting deeper than
    it allows): tags past a fixed depth are ignored, block ones leaving a paragraph break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = etree.Element("div")
        # the real elements, innermost last, each with its last child (len() and [-1]
        # walk lxml's child list, which is long exactly when the input is hostile)
        self.open: list[tuple[Element, list[Element]]] = [(self.root, [])]
        self.names: list[tuple[str, bool]] = []  # every open tag; False: past the depth cap
        self.pending: list[str] = []  # text not yet stored (growing one lxml string is O(n²))
        self.target: tuple[Element, str] | None = None

    def _flush(self) -> None:
        if self.target is not None and self.pending:
            el, attr = self.target
            setattr(el, attr, (getattr(el, attr) or "") + "".join(self.pending))
        self.pending = []
        self.target = None

    def _add(self, tag: str, attributes: dict[str, str] | None = None) -> Element:
        self._flush()
        parent, last = self.open[-1]
        el = etree.SubElement(parent, tag, attributes or {})
        last[:] = [el]
        return el

    def _append_text(self, text: str) -> None:
        parent, last = self.open[-1]
        target = (last[0], "tail") if last else (parent, "text")
        if self.target is None or self.target[0] is not target[0]:
            self._flush()
            self.target = target
        self.pending.append(_xml_safe(text))

    def close(self) -> None:
        super().close()
        self._flush()

    def _paragraph_break(self) -> None:
        self._add("br")
        self._add("br")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        real = len(self.open) < FALLBACK_DEPTH
        if not real and tag in BLOCK_TAGS:
            self._paragraph_break()
        elif not real and tag == "br":
            self._add("br")
        elif real:
            attributes = {k: _xml_safe(v or "") for k, v in attrs if _is_name(k)}
            el = self._add(tag if _is_name(tag) else "span", attributes)
            if tag not in VOID_TAGS:
                self.open.append((el, []))
        if tag not in VOID_TAGS:
            self.names.append((tag, real))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        # a stray end tag must not cost a scan of the whole stack
        for back in range(1, min(_STRAY_END_TAG_REACH, len(self.names)) + 1):
            if self.names[-back][0] == tag:
                for _ in range(back):
                    _, real = self.names.pop()
                    if real:
                        self.open.pop()
                    elif tag in BLOCK_TAGS:
                        self._paragraph_break()
                return

    def handle_data(self, data: str) -> None:
        if self.names and self.names[-1][0] in ("script", "style"):
            return
        self._append_text(data)


def _is_name(name: str) -> bool:
    """Whether lxml accepts this as a tag or attribute name."""
    return _NAME.fullmatch(name) is not None


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
