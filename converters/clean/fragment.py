"""The body as one lxml tree and back: parsing, a saved page's article, what is never content.

HTML travels between stages as a string: this stage parses it once, here, and serializes the
cleaned tree back into a fragment whose text survives the round trip.
"""

from __future__ import annotations

import copy
import html
import re

from lxml import etree

from converters.clean.junk_signals import MAX_JUNK_BLOCK
from converters.clean.pre_source import escape_code_markup
from converters.clean.tree import drop, html_size, tagged, text_of, text_size, unwrap
from converters.clean.widgets import drop_button_widgets
from converters.clean.work import GENERIC, Work

NEVER_CONTENT = (
    "style", "script", "noscript", "template", "link", "meta", "form", "input", "button",
    "select", "textarea", "head", "title",
)  # fmt: skip
# ... and the nodes that are no element: comments and processing instructions.
NEVER_CONTENT_NODES = frozenset({etree.Comment, etree.ProcessingInstruction, *NEVER_CONTENT})
PAGE_CHROME = ("nav", "footer", "aside")
# The plain parser: lxml.html's element classes cost a Python call per node touched. Without
# huge_tree libxml2 silently drops a text node over 10 MB; nesting is bounded before we parse.
PARSER = etree.HTMLParser(huge_tree=True)
FULL_PAGE = re.compile(r"<(?:!doctype\s+html|h(?:tml|ead)[\s>]|body[\s>])", re.I)  # "h" tried once
XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters as bytes: in UTF-8 each is one byte of its own value, a byte no other
# character's encoding holds (those bytes are all >= 0x80).
CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def parse(body: str, work: Work) -> etree._Element:
    body = without_control_chars(XML_DECLARATION.sub("", body, count=1))
    body = escape_code_markup(body, work)
    if FULL_PAGE.search(body):
        page = etree.fromstring(body, PARSER)
        return etree.Element("div") if page is None else page_content(page, work)
    # No closing tags: a <plaintext> would swallow them as text.
    document = etree.fromstring(f"<html><body>{body}", PARSER)
    return adopt(child(document, "body"))


def without_control_chars(text: str) -> str:
    """The text without CONTROL_CHARS. Most bodies hold none: a byte screen of the encoded text
    tells so at half the cost of the pattern's search, which runs only when one is there.
    (surrogatepass: a lone surrogate encodes to bytes >= 0x80 too.)"""
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded.translate(None, CONTROL_BYTES)) == len(encoded):
        return text
    return CONTROL_CHARS.sub("", text)


def child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child named `tag`: what el.find(tag) answers, without Python's ElementPath."""
    return next(el.iterchildren(tag), None)


def adopt(body: etree._Element | None) -> etree._Element:
    """The body's content under a <div> of its own, so that rules' //-paths see only it."""
    root = etree.Element("div")
    if body is not None:
        root.text = body.text
        root.extend(body)
    return root


def page_content(page: etree._Element, work: Work) -> etree._Element:
    """The part of a saved page that holds the article: <article>, <main> or <body>."""
    body = child(page, "body")
    if body is None:
        return etree.Element("div")
    for chrome in [el for tag in PAGE_CHROME for el in body.iter(tag)]:
        if chrome.getparent() is not None:
            work.note(GENERIC, f"page {chrome.tag}", text_of(chrome), html_size(chrome))
            drop(chrome)
    found = next((el for tag in ("article", "main") for el in body.iter(tag)), body)
    # A copy owns its tree, so the rules' //-paths cannot reach the rest of the page.
    return copy.deepcopy(found)


def inner_html(root: etree._Element) -> str:
    """The root's content as a fragment: the wrapping <div> is ours, not the post's.

    One serialization of the whole tree with the root's own tags cut off: a call per child
    costs twice as much. The cut is checked against the root's tags serialized alone."""
    whole, tags = serialized(root), own_tags(root)
    if tags is not None and whole.startswith(tags[0]) and whole.endswith(tags[1]):
        return whole[len(tags[0]) : len(whole) - len(tags[1])]
    head = html.escape(root.text, quote=False) if root.text else ""
    return head + "".join(serialized(child, with_tail=True) for child in root)


# The tags of the <div> that adopt() makes, as serializing it alone gives them (a test checks).
PLAIN_DIV_TAGS = ("<div>", "</div>")


def own_tags(el: etree._Element) -> tuple[str, str] | None:
    """The element's opening and closing tags as serialized; None for an attribute name lxml
    takes from the parser but will not set again."""
    if el.tag == "div" and not el.keys():
        return PLAIN_DIV_TAGS
    return tags_serialized_alone(el)


def tags_serialized_alone(el: etree._Element) -> tuple[str, str] | None:
    try:
        alone = serialized(etree.Element(el.tag, dict(el.attrib)))
    except ValueError:
        return None
    opening, closing = alone.rsplit("><", 1)
    return opening + ">", "<" + closing


def serialized(el: etree._Element, *, with_tail: bool = False) -> str:
    text: str = etree.tostring(el, method="html", encoding="unicode", with_tail=with_tail)
    return text


def drop_never_content(root: etree._Element, work: Work) -> None:
    """Comments, scripts, styles, forms and the like go before any rule looks at the tree."""
    drop_button_widgets(root, work)
    for node in tagged(root, NEVER_CONTENT_NODES):
        if node.getparent() is None:
            continue
        if not isinstance(node.tag, str):
            kind = "comment" if node.tag is etree.Comment else "instruction"
            work.note(GENERIC, kind, node.text, html_size(node))
        elif node.tag == "form" and text_size(node) > MAX_JUNK_BLOCK:
            unwrap(node)  # some CMSs wrap the whole page in one <form>
            continue
        else:
            text = node.text if node.tag in ("style", "script") else None
            work.note(GENERIC, node.tag, text, html_size(node))
        drop(node)


def rename_obsolete(root: etree._Element, work: Work) -> None:
    """<plaintext>, <listing> and <xmp> read their content raw but serialize it escaped; as
    <pre> the text survives the trip through our HTML string."""
    for el in root.iter("plaintext", "listing", "xmp"):
        el.tag = "pre"
