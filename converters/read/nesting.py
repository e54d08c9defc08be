"""Bounded nesting, before anything parses the body.

libxml2 silently drops everything below depth 256 (a 100,000-deep `<div>` comes out empty),
markdownify recurses once per element, and Markdown renderers drop text nested past their own
limit; so tags nested deeper than MAX_DEPTH (or quotes and lists deeper than
MAX_CONTAINER_DEPTH) are dropped while their text is kept.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from lxml import etree

from converters.document import Document, Settings

VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})  # fmt: skip
# Text inside these is not shown by a browser (or only as a plugin's or a player's fallback,
# or inside a form control), so it need not reach the Markdown. An SVG is a picture.
INVISIBLE = frozenset({
    "script", "style", "template", "noscript", "head", "title", "iframe", "svg", "object",
    "embed", "video", "audio", "canvas", "noembed", "noframes", "select", "option", "datalist",
})  # fmt: skip
MAX_DEPTH = 100
# Markdown renderers stop nesting too: markdown-it's CommonMark preset gives up at 20 levels
# (19 quotes, 9 lists) and drops the text below. Each of these costs one level.
MAX_CONTAINER_DEPTH = 16
CONTAINERS = frozenset({"blockquote", "ul", "ol", "li", "dl", "dd", "menu", "dir"})

# Opening one of these closes an open <p>, as the HTML parsing algorithm does.
CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
})  # fmt: skip
IMPLIED_END = {
    "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr", "td", "th"},
    "td": {"td", "th"}, "th": {"td", "th"}, "option": {"option"},
}  # fmt: skip
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")


def limit_nesting(doc: Document, settings: Settings) -> Document:
    if doc.body_kind != "html" or not _too_deep(doc.body):
        return doc
    flattener = _Flattener()
    flattener.feed(doc.body)
    flattener.close()
    warning = "HTML nested too deeply; the deeper tags were dropped, their text kept"
    return doc.evolve(body=flattener.result(), warnings=(*doc.warnings, warning))


def _too_deep(html: str) -> bool:
    """A quick over-estimate; only deep-looking bodies get the slow rewrite."""
    tags = html.count("<")
    if tags <= MAX_CONTAINER_DEPTH or _few_tags(html, tags) or _clearly_shallow(html):
        return False
    stack = _OpenElements()
    for match in _TAG.finditer(html):
        closing, tag, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            stack.close(tag)
        elif tag not in VOID_TAGS and not self_closing:
            stack.open(tag)
            if stack.emitted > MAX_DEPTH or stack.containers > MAX_CONTAINER_DEPTH:
                return True
    return False


# libxml2 answers in C what the tag scan below answers in Python: an element nested deeper
# than MAX_DEPTH (the parse adds <html><body>, hence the margin), or a container inside
# MAX_CONTAINER_DEPTH others. Only a body with either goes on to the exact scan.
_DEEP_ELEMENT = etree.XPath("/" + "/".join(["*"] * (MAX_DEPTH - 4)))
_CONTAINER_TEST = " or ".join(f"self::{tag}" for tag in sorted(CONTAINERS))
_DEEP_CONTAINER = etree.XPath(
    f"//*[{_CONTAINER_TEST}][count(ancestor::*[{_CONTAINER_TEST}]) >= {MAX_CONTAINER_DEPTH - 1}]"
)
_SCREEN_PARSER = etree.HTMLParser(huge_tree=True)


# Any start tag of a container, as the scan below reads tag names.
_CONTAINER_OPEN = re.compile("<(?:" + "|".join(sorted(CONTAINERS)) + ")(?![a-zA-Z0-9])", re.I)


def _few_tags(html: str, tags: int) -> bool:
    """Too few start tags to be too deep: the scan below opens at most one element per `<`
    (of `tags` in all) not followed by `/`, and at most one container per container start tag.
    Most posts are answered so, by counting, without the parse of _clearly_shallow."""
    opens = tags - html.count("</")
    return opens <= MAX_DEPTH and len(_CONTAINER_OPEN.findall(html)) <= MAX_CONTAINER_DEPTH


_LIST_OPEN = re.compile(r"<(?:ul|ol|dl|menu|dir)\b", re.I)  # a list level costs two: list, item
_QUOTE_OPEN = re.compile(r"<blockquote\b", re.I)


def _clearly_shallow(html: str) -> bool:
    root = etree.HTML(html, _SCREEN_PARSER)
    if root is None:
        return True
    if _DEEP_ELEMENT(root):
        return False
    few_containers = (
        2 * len(_LIST_OPEN.findall(html)) + len(_QUOTE_OPEN.findall(html)) <= MAX_CONTAINER_DEPTH
    )
    return few_containers or not _DEEP_CONTAINER(root)


class _OpenElements:
    """The stack of open elements, with per-tag counts so a stray end tag costs O(1)."""

    def __init__(self) -> None:
        self.tags: list[tuple[str, bool]] = []  # (tag, emitted)
        self.counts: Counter[str] = Counter()
        self.emitted = 0
        self.containers = 0  # emitted elements that nest in Markdown too

    def open(self, tag: str, emitted: bool = True) -> None:
        top = self.tags[-1][0] if self.tags else ""
        if top in IMPLIED_END.get(tag, ()) or (top == "p" and tag in CLOSES_P):
            self.pop()
        self.tags.append((tag, emitted))
        self.counts[tag] += 1
        self.emitted += emitted
        self.containers += emitted and tag in CONTAINERS

    def pop(self) -> tuple[str, bool]:
        tag, emitted = self.tags.pop()
        self.counts[tag] -= 1
        self.emitted -= emitted
        self.containers -= emitted and tag in CONTAINERS
        return tag, emitted

    def room_for(self, tag: str) -> bool:
        if tag in CONTAINERS and self.containers >= MAX_CONTAINER_DEPTH:
            return False
        return self.emitted < MAX_DEPTH

    def close(self, tag: str) -> bool | None:
        """Pop through `tag`; whether it had been emitted, or None when it was not open."""
        if not self.counts[tag]:
            return None
        while True:
            open_tag, emitted = self.pop()
            if open_tag == tag:
                return emitted


class _Flattener(HTMLParser):
    """Re-emit the HTML as written, minus the start and end tags of too-deep elements.

    A too-deep invisible element (a script, a style) goes whole: dropping only its tags would
    turn its code into visible text.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.stack = _OpenElements()
        self.skipping = ""  # the too-deep invisible element being dropped whole
        self.skip_depth = 0  # how many of its kind are open inside it

    def result(self) -> str:
        return "".join(self.parts)

    def emit(self, text: str) -> None:
        if not self.skipping:
            self.parts.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or ""
        if self.skipping or (tag in INVISIBLE and not self.stack.room_for(tag)):
            self.skipping = self.skipping or tag
            self.skip_depth += tag == self.skipping
            return
        if tag in VOID_TAGS:
            self.emit(text)
            return
        emitted = self.stack.room_for(tag)
        self.stack.open(tag, emitted)
        if emitted:
            self.emit(text)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skip_depth -= tag == self.skipping
            self.skipping = self.skipping if self.skip_depth else ""
            return
        if self.stack.close(tag) is not False:  # emitted, or a stray end tag kept as written
            self.emit(f"</{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.emit(self.get_starttag_text() or "")

    def handle_data(self, data: str) -> None:
        self.emit(data)

    def handle_entityref(self, name: str) -> None:
        self.emit(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.emit(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.emit(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.emit(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.emit(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.emit(f"<![{data}]>")
