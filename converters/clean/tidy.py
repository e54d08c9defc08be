"""The last generic steps: repeated captions, attributes, empty elements, edges, whitespace.

They run after every removal, so they also clean up what the removals left behind.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from converters.clean.tree import (
    BLOCK_TAGS,
    HEADINGS,
    add_text_before,
    code_nodes,
    drop,
    holds,
    html_size,
    shows,
    tagged,
    text_of,
    unwrap,
    visible,
)
from converters.clean.work import GENERIC, Work

# Elements that are content even when they hold no text.
SOLID_TAGS = frozenset({
    "img", "iframe", "video", "audio", "source", "track", "embed", "object", "param", "hr", "td",
    "th", "tr", "table", "col", "colgroup", "svg", "math", "area", "map", "wbr"
})  # fmt: skip
# Inline code: a span of spaces is code too (`separate them with <code> </code>`).
CODE_TAGS = frozenset({"code", "kbd", "samp", "tt"})
# Blocks whose Markdown marks their content (a list marker, `>`, a table row): a rule in them
# is not at the body's edge. Any other element's edge is.
MARKED_BLOCKS = frozenset({
    "ul", "ol", "dir", "menu", "li", "blockquote", "pre", "table", "tr", "td", "th"
})  # fmt: skip
# Attributes a later step reads (links, media, tables, code languages); the rest is styling.
KEEP_ATTRIBUTES = frozenset({
    "href", "src", "alt", "title", "class", "id", "colspan", "rowspan", "start", "reversed",
    "type", "lang", "datetime", "cite", "poster", "data-lang", "data-language", "open", "scope",
    "headers", "abbr", "value"
})  # fmt: skip
# An alt text that is only a file name or a generic word describes nothing.
FILE_NAME_ALT = re.compile(
    r"^[\w\-. ()]+\.(?:jpe?g|png|gif|webp|bmp)$|^(?:image|img|图片|photo)$", re.I
)


def drop_repeated_captions(root: etree._Element, work: Work) -> None:
    """A table caption that only repeats the paragraph right before the table is said twice."""
    for caption in list(root.iter("caption")):
        table = caption.getparent()
        before = table.getprevious() if table is not None else None
        if before is None or before.tag != "p" or shows(before.tail):
            continue
        if visible(text_of(caption)) == visible(text_of(before)):
            what = "caption repeating the paragraph before its table"
            work.note(GENERIC, what, before.text, html_size(caption))
            drop(caption)


def tidy_attributes(root: etree._Element, work: Work) -> None:
    """Presentational, event and data attributes go, with those the rules name."""
    keep = KEEP_ATTRIBUTES - {name for rule in work.rules for name in rule.strip_attributes}
    for el in root.iter(etree.Element):
        names = el.keys()
        if names and not keep.issuperset(names):
            drop_attributes(el, [name for name in names if name not in keep])
        if el.tag == "img":
            tidy_image(el, work.title)
    for font in list(root.iter("font")):
        unwrap(font)


def drop_attributes(el: etree._Element, names: list[str]) -> None:
    """The attributes go by name, the others stay as they were. A name lxml would read as a
    namespace ("{x", which the parser may take from the input) cannot be asked for by name:
    then the attributes are rebuilt from those that stay. (Setting an attribute costs more
    than deleting one: lxml checks the name again.)"""
    if any("{" in name for name in names):
        kept = [(name, value) for name, value in el.items() if name not in names]
        el.attrib.clear()
        for name, value in kept:
            el.set(name, value)
        return
    attributes = el.attrib
    for name in names:
        del attributes[name]


def tidy_image(img: etree._Element, title: str) -> None:
    if FILE_NAME_ALT.match(img.get("alt", "").strip()):
        img.set("alt", "")
    shown_title = " ".join(img.get("title", "").split())
    if shown_title and (shown_title == title or FILE_NAME_ALT.match(shown_title)):
        del img.attrib["title"]


def drop_empty(root: etree._Element, work: Work) -> None:
    """Wrappers and paragraphs with nothing to show go, innermost first."""
    solid: set[etree._Element] = set()  # elements known to hold something
    for el in reversed(list(root.iter(etree.Element))):
        parent = el.getparent()
        if parent is None:
            continue
        if el in solid or shows_itself(el, work):
            solid.add(parent)
            continue
        if shows(el.tail):
            solid.add(parent)
        if el.tag != "br":  # a lone <br> does not make its parent solid, nor goes alone
            work.note(GENERIC, f"empty {el.tag}", size=html_size(el))
            if el.text and el.tag not in BLOCK_TAGS:
                add_text_before(el, el.text)  # `make<a> </a>up`: the space is the text's
            drop(el)


def shows_itself(el: etree._Element, work: Work) -> bool:
    """Content with no text: media, a rule; code that is spaces alone; in a body given as is,
    a list item (its marker shows, and in a numbered list it holds a number)."""
    tag = el.tag
    if tag in SOLID_TAGS or shows(el.text) or (tag == "li" and work.given):
        return True
    return tag in CODE_TAGS and not len(el) and is_blank_line(el.text or "")


def is_blank_line(text: str) -> bool:
    """White space on one line (spaces, a tab, a no-break space): in code, that is the code."""
    return text.isspace() and "\n" not in text and "\r" not in text


Pick = Callable[[etree._Element], etree._Element | None]


def trim_edges(root: etree._Element, work: Work) -> None:
    """A rule or break before the first or after the last block is decoration: in a scraped
    body the rule separated it from the page it was cut from. A body given as is keeps its
    rules: they are its author's."""
    decoration = ("br",) if work.given else ("hr", "br")
    for pick in (first_child, last_child):
        edge = edge_of(root, pick)
        while edge is not None and edge.tag in decoration:
            work.note(GENERIC, f"{edge.tag} at the edge", size=html_size(edge))
            drop(edge)
            edge = edge_of(root, pick)


def edge_of(root: etree._Element, pick: Pick) -> etree._Element | None:
    """The first (or last) element of the body, inside the wrappers that hold it."""
    edge = pick(root)
    while edge is not None and edge.tag not in MARKED_BLOCKS:
        inner = pick(edge)
        if inner is None:
            break
        edge = inner
    return edge


def settle_given(root: etree._Element, work: Work) -> None:
    """A body given as is stays so only while the cleaning has found nothing to take out of
    it: once it has, the body is a cut-out too, and what the removals left at an edge or
    empty goes as in any scraped one."""
    work.given = work.given and not work.removed


def first_child(root: etree._Element) -> etree._Element | None:
    if shows(root.text) or not len(root):
        return None
    return root[0]


def last_child(root: etree._Element) -> etree._Element | None:
    if not len(root) or shows(root[-1].tail):
        return None
    return root[-1]


EMPHASIS = ("strong", "b", "em", "i", "u")


def tidy_inline(root: etree._Element, work: Work) -> None:
    """Emphasis around images only or around a whole heading, and breaks that end their block,
    say nothing in Markdown (`**![](a.jpg)**`, `## **Title**`, a link text ending in spaces)."""
    code = code_nodes(root)
    for el in tagged(root, EMPHASIS):
        if el not in code and (images_only(el) or whole_heading(el)):
            unwrap(el)
    for br in list(root.iter("br")):
        if br not in code and ends_its_block(br):
            drop(br)


def images_only(el: etree._Element) -> bool:
    return not shows(text_of(el)) and holds(el, "img")


def whole_heading(el: etree._Element) -> bool:
    heading = next((up for up in el.iterancestors() if up.tag in HEADINGS), None)
    return heading is not None and visible(text_of(el)) == visible(text_of(heading))


def ends_its_block(node: etree._Element) -> bool:
    """Nothing shows after the node up to the end of the block holding it."""
    while True:
        if shows(node.tail):
            return False
        for sibling in node.itersiblings():
            if shows(text_of(sibling)) or sibling.tag in SOLID_TAGS or holds(sibling, "img"):
                return False
        parent = node.getparent()
        if parent is None or parent.tag in BLOCK_TAGS:
            return True
        node = parent


def tidy_whitespace(root: etree._Element, work: Work) -> None:
    """Whitespace between blocks means nothing; removals leave a lot of it."""
    if not shows(root.text):
        root.text = None
    code = code_nodes(root)
    for el in tagged(root, BLOCK_TAGS):
        if el is not root and is_blank_not_newline(el.tail) and el not in code:
            el.tail = "\n"
        opens_with_block = len(el) and el[0].tag in BLOCK_TAGS and el.tag != "pre"
        if opens_with_block and is_blank_not_newline(el.text):
            el.text = "\n"


def is_blank_not_newline(text: str | None) -> bool:
    """White space (or nothing) to be made one newline: half the blocks' tails already are
    one, and setting a text in lxml costs more than reading it."""
    return text != "\n" and not shows(text)
