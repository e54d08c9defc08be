"""lxml node helpers the boilerplate steps share: what a node shows, and edits that keep text."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

from lxml import etree

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "iframe", "li", "main", "menu", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "video", "audio"
})  # fmt: skip
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Zero-width spaces and byte-order marks show nothing: a node holding only those is empty.
SHOWN = re.compile(r"[^\s\u200b\ufeff]")


def ends_section(after: etree._Element | None, heading: etree._Element) -> bool:
    """Nothing more, or a heading of the same rank or higher, closes a heading's section."""
    return after is None or (after.tag in HEADINGS and after.tag <= heading.tag)


def code_nodes(root: etree._Element) -> set[etree._Element]:
    """Everything inside <pre> or <code>: never judged, never re-spaced."""
    return {node for code in root.iter("pre", "code") for node in code.iter()}


# lxml sets up a tag matcher on every iter(*tags) call at about a third of a microsecond per tag
# (16 us for the 47 block tags, more than a whole small post's walk), where testing a tag in
# Python costs a tenth: a Python filter wins on trees of up to about three elements a tag.
ELEMENTS_PER_TAG, FEW_ELEMENTS = 3, 30


def tagged(root: etree._Element, tags: Collection[object]) -> list[etree._Element]:
    """root.iter(*tags) as a list (root included, document order), without the matcher's set-up
    on a small tree. Tags are names, or etree.Comment and etree.ProcessingInstruction."""
    budget = ELEMENTS_PER_TAG * len(tags)
    if budget < FEW_ELEMENTS:
        return list(root.iter(*tags))
    found = []
    for count, node in enumerate(root.iter()):
        if count == budget:
            return list(root.iter(*tags))
        if node.tag in tags:
            found.append(node)
    return found


def holders(root: etree._Element, tags: Collection[str]) -> set[etree._Element]:
    """Every element holding one of `tags` at any depth (root too, and root's ancestors): what
    `el.find(".//tag")` says of each."""
    return ancestors(tagged(root, tags))


def ancestors(elements: Iterable[etree._Element]) -> set[etree._Element]:
    """Every ancestor of the elements, found by walking up from each element once."""
    found: set[etree._Element] = set()
    for el in elements:
        parent = el.getparent()
        while parent is not None and parent not in found:
            found.add(parent)
            parent = parent.getparent()
    return found


def shows(text: str | None) -> bool:
    return text is not None and SHOWN.search(text) is not None


def visible(text: str | None) -> str:
    return "".join((text or "").split()).replace("\u200b", "").replace("\ufeff", "")


def drop(node: etree._Element) -> None:
    """Remove a node but keep the text that followed it."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        add_text_before(node, node.tail)
    parent.remove(node)


def unwrap(el: etree._Element) -> int:
    """Replace an element by its content, text and tail kept in place (no index lookups).

    Returns the characters of markup taken out: the tags, not what they held."""
    if el.getparent() is None:
        return 0
    if el.text:
        add_text_before(el, el.text)
        el.text = None
    for child in list(el):
        el.addprevious(child)  # a child moves with its tail
    drop(el)
    # Measured on the emptied element itself: a copy would need lxml to accept the names
    # the parser took from the input, and it refuses some (<o:p>, an attribute "{x").
    return html_size(el)


def add_text_before(node: etree._Element, text: str) -> None:
    """Text goes where the node starts: onto the previous sibling's tail, or the parent's text."""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = node.getparent()
        parent.text = (parent.text or "") + text


def html_size(node: etree._Element) -> int:
    """Characters of HTML a removal takes out."""
    return len(etree.tostring(node, method="html", encoding="unicode", with_tail=False))


def text_of(el: etree._Element) -> str:
    """The element's string value (XPath string()): libxml2 gathers it in C either way, and
    serializing as text skips the XPath evaluator's set-up, 2.5 times faster per call. An
    element with no child (most paragraphs) holds only its own text: 4 times faster still."""
    if not len(el):
        return el.text or ""
    text: str = etree.tostring(el, method="text", encoding="unicode", with_tail=False)
    return text


def holds(el: etree._Element, tag: str) -> bool:
    """Whether an element inside `el` is a `tag`: what `el.find(".//tag") is not None` says,
    asked of lxml's own iterator instead of Python's ElementPath, at half the cost, and at
    once for an element without children (most links and paragraphs)."""
    return len(el) > 0 and next(el.iterdescendants(tag), None) is not None


def elements(found: Iterable[object]) -> Iterator[etree._Element]:
    return (item for item in found if isinstance(item, etree._Element))


def text_size(el: etree._Element) -> int:
    return len(visible(text_of(el)))


def nothing_after(el: etree._Element) -> bool:
    """Nothing shows after the element up to the end of the body: no text, no image."""
    while el.getparent() is not None:
        if shows(el.tail):
            return False
        for sibling in el.itersiblings():
            if shows(text_of(sibling)) or holds(sibling, "img"):
                return False
        el = el.getparent()
    return True
