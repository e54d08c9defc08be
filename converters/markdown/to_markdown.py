"""Cleaned HTML (or plain text) -> CommonMark with GFM tables.

`ArticleConverter` keeps markdownify's extension point (one `convert_<tag>(el, text,
parent_tags)` method per tag) but walks an lxml tree: BeautifulSoup costs more than the
whole rest of the pipeline, and lxml is already what the boilerplate stage produced. It does
not subclass markdownify's `MarkdownConverter`: none of that class's code would run, and
importing it (with BeautifulSoup and soupsieve) took a third of a one-file run's start-up
(docs/performance.md).

Inline text is not escaped where it is met.  Each text node is wrapped in sentinel
characters (Unicode noncharacters, never valid in interchanged text) and each emphasis,
strikethrough and `<br>` becomes a sentinel too; when a block is finished, `finish_block`
sees the whole line around every character and decides then what needs a backslash,
where a `<br>` run is a paragraph break, and whether `**` will flank correctly.

This module is the walk; the rest of the stage lives beside it:

    html_parse.py          HTML -> lxml tree, however deep the nesting
    sentinels.py           the marks the walk leaves for finish_block
    writer.py              finish_block: marked text -> Markdown, over
      flat_emphasis.py       the commonest block with emphasis, without the tree
      inline.py              the marked string as inline nodes
      emphasis.py            flanking rules, punctuation moved outside the markers
      escape.py              what would read as syntax, and its backslashes
    code.py                code spans and fenced blocks
    links.py               safe link, image and embed targets
    tables.py              GFM tables
    normalize.py           the normalize stage: white space of the Markdown
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import lxml.etree as etree

from converters.document import Document, Settings
from converters.markdown.code import fenced_code, plain_text
from converters.markdown.escape import escape_line_start, escape_text
from converters.markdown.html_parse import (
    BLOCK_TAGS,
    Element,
    body_tree,
    int_attribute,
    parse_html,
)
from converters.markdown.inline import CJK
from converters.markdown.links import image_source, media_label, safe_url, title_part, video_url
from converters.markdown.sentinels import (
    ANY_SENTINEL,
    BR,
    CLOSE,
    CODE,
    END,
    LINE,
    LINK_TEXT,
    NONCHARACTERS,
    OPEN,
    PARA,
    TEXT,
    Blocks,
)
from converters.markdown.tables import gfm_table, outside_cells, table_grid
from converters.markdown.writer import finish_block

__all__ = [
    "ArticleConverter",
    "convert_html",
    "escape_line_start",  # normalize_markdown imports it from here
    "html_to_markdown",
    "parse_html",
    "text_to_markdown",
    "to_markdown",
]

MAX_DEPTH = 100  # deeper subtrees are converted as plain paragraphs (no recursion)
MAX_NESTING = 16  # quotes and lists deeper than this are written as plain blocks

_CJK_BREAK = re.compile(f"(?<=[{CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{CJK}])")
_SPACES = re.compile(r"[ \t\r\f]+")
# white space between tags, by (inside link text, holds a newline): the commonest text node
_BLANK_TEXT = {
    (link, newline): (LINK_TEXT if link else TEXT) + ("\n" if newline else " ") + END
    for link in (False, True)
    for newline in (False, True)
}
# what may stand between finished blocks in a Blocks: nothing shown
_BETWEEN_BLOCKS = frozenset({"", BR, _BLANK_TEXT[False, False], _BLANK_TEXT[False, True]})
_RULE = Blocks(PARA + "---" + PARA)
_NEWLINE_SPACES = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")

# never content: scripts, page furniture, form controls, embedded objects
_SKIP = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "svg",
    "canvas", "map", "area", "input", "select", "option", "textarea", "button", "object",
    "embed", "param", "source", "track", "frame", "frameset",
})  # fmt: skip
# the context a tag sets for its descendants
_CONTEXT = {
    "a": "a",
    "b": "strong",
    "strong": "strong",
    "em": "em",
    "i": "em",
    "cite": "em",
    "dfn": "em",
    "var": "em",
    "del": "del",
    "s": "del",
    "strike": "del",
    "li": "li",
}
_INLINE_CONTEXT = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "a", "caption"])


def _emphasis(kind: str) -> Callable[[Any, Element, str, frozenset[str]], str]:
    def convert(self: Any, el: Element, text: str, parent_tags: frozenset[str]) -> str:
        return OPEN[kind] + text + CLOSE[kind]  # nested in its own kind: normalize_emphasis

    return convert


def _context(tag: str, tags: frozenset[str]) -> frozenset[str]:
    """The context a tag sets for its descendants."""
    extra = _CONTEXT.get(tag)
    if tag in _INLINE_CONTEXT:
        return tags | {extra or tag, "_inline"}
    return tags | {extra} if extra else tags


def _joined(parts: list[str]) -> str:
    """The children's strings as one: a Blocks when they are finished blocks and the blank
    between them, so that no block above reads them again."""
    joined = "".join(parts)
    blocks = False
    for part in parts:
        if type(part) is Blocks:
            blocks = True
        elif part not in _BETWEEN_BLOCKS:
            return joined
    return Blocks(joined) if blocks else joined


def _nothing(el: Element, tags: frozenset[str], depth: int) -> str:
    return ""  # never content (_SKIP), or not an element


def _spaced(text: str) -> str:
    """Block content flattened into an inline context (a cell, a heading, link text)."""
    return TEXT + " " + END + text + TEXT + " " + END


class ArticleConverter:
    """markdownify's per-tag methods, over an lxml tree, emitting sentinel-marked text."""

    def __init__(self) -> None:
        # tags converted from the element itself rather than from their children's text
        self._special: dict[str, Callable[[Element, frozenset[str], int], str]] = {
            "pre": self._pre,
            "code": self._code,
            "kbd": self._code,
            "samp": self._code,
            "tt": self._code,
            "ul": self._list,
            "ol": self._list,
            "dir": self._list,
            "menu": self._list,
            "table": self._table,
            "img": self._img,
            "iframe": self._iframe,
            "video": self._video,
            "audio": self._video,
            "br": self._br,
        }
        # tag -> what converts an element of it (lxml's comment and PI tags are functions)
        self._steps: dict[object, Callable[[Element, frozenset[str], int], str]] = {}

    # -- walking

    def _find_converter(self, tag: str) -> Callable[[Element, str, frozenset[str]], str]:
        """markdownify's extension point: a `convert_<tag>` method, else the text as is."""
        method = getattr(self, "convert_" + re.sub(r"[^a-z0-9_]", "_", tag), None)
        heading = re.fullmatch(r"h([1-6])", tag)
        if heading and method is None:
            level = int(heading.group(1))
            return lambda el, text, tags: self.convert_hN(level, el, text, tags)
        return method if callable(method) else (lambda el, text, tags: text)

    def markdown_of(self, root: Element) -> str:
        return finish_block(self.process(root, frozenset(), 0))

    def process(self, el: Element, tags: frozenset[str], depth: int) -> str:
        step = self._steps.get(el.tag) or self._new_step(el.tag)
        if depth > MAX_DEPTH and step is not _nothing:
            return self._flat(el, tags)
        return step(el, tags, depth)

    def _new_step(self, tag: object) -> Callable[[Element, frozenset[str], int], str]:
        step = self._steps[tag] = self._step_for(tag)
        return step

    def _step_for(self, tag: object) -> Callable[[Element, frozenset[str], int], str]:
        """How elements of this tag are converted, found once per tag."""
        if not isinstance(tag, str) or tag in _SKIP:
            return _nothing
        special = self._special.get(tag)
        if special is not None:
            return special
        convert = self._find_converter(tag)
        contexts: dict[frozenset[str], frozenset[str]] = {}  # few distinct: built once each

        def step(el: Element, tags: frozenset[str], depth: int) -> str:
            context = contexts.get(tags)
            if context is None:
                context = contexts[tags] = _context(tag, tags)
            if len(el):
                return convert(el, self._children(el, context, depth), tags)
            text = el.text  # a leaf (most paragraphs and cells): its text is all its children
            return convert(el, self.text(text, context) if text else "", tags)

        return step

    def _children(self, el: Element, tags: frozenset[str], depth: int) -> str:
        text, lead = self.text, el.text
        parts = [text(lead, tags)] if lead else []
        depth += 1
        # process() inlined for each tag already met (one call less per element), unless
        # this deep the subtree is flattened: process() sees to that
        steps = self._steps if depth <= MAX_DEPTH else {}
        for child in el:
            step = steps.get(child.tag) or self.process
            parts.append(step(child, tags, depth))
            tail = child.tail
            if tail:
                parts.append(text(tail, tags))
        return _joined(parts)

    def text(self, text: str, tags: frozenset[str]) -> str:
        # Called once per text node: skip the substitutions that could not change anything.
        link = "a" in tags
        if not text.strip(" \t\n\r\f"):  # white space between tags, the commonest node
            return _BLANK_TEXT[link, "\n" in text]
        mark = LINK_TEXT if link else TEXT
        if "\n" in text:
            text = _NEWLINE_SPACES.sub("\n", _CJK_BREAK.sub("", text))
        if "  " in text or "\t" in text or "\r" in text or "\f" in text:
            text = _SPACES.sub(" ", text)
        return mark + text + END

    def _flat(self, el: Element, tags: frozenset[str]) -> str:
        """Text and line breaks of a too-deep subtree, walked without recursion."""
        parts: list[str] = []
        for event, node in etree.iterwalk(el, events=("start", "end")):
            tag = node.tag if isinstance(node.tag, str) else ""
            if event == "start":
                if tag in BLOCK_TAGS or tag == "br":
                    parts.append(PARA if tag != "br" else BR)
                if node.text and tag not in _SKIP:
                    parts.append(self.text(node.text, tags))
            else:
                if tag in BLOCK_TAGS:
                    parts.append(PARA)
                if node.tail and node is not el:
                    parts.append(self.text(node.tail, tags))
        return "".join(parts)

    # -- blocks

    def _block(self, el: Element, text: str, parent_tags: frozenset[str]) -> str:
        if "_inline" in parent_tags:
            return _spaced(text)
        body = finish_block(text)
        return Blocks(PARA + body + PARA) if body else ""

    convert_p = convert_div = convert_article = convert_section = _block
    convert_main = convert_header = convert_footer = convert_aside = convert_nav = _block
    convert_address = convert_center = convert_figure = convert_figcaption = _block
    convert_details = convert_summary = convert_dl = convert_dt = convert_dd = _block
    convert_fieldset = convert_legend = convert_hgroup = convert_caption = _block
    convert_body = convert_html = convert_form = convert_li = _block
    convert_plaintext = convert_xmp = convert_listing = _block
    convert_td = convert_th = convert_tr = convert_thead = convert_tbody = convert_tfoot = _block

    def convert_hN(self, n: int, el: Element, text: str, parent_tags: frozenset[str]) -> str:
        if "_inline" in parent_tags:
            return _spaced(text)
        body = finish_block(text, inline=True)
        if not body:
            return ""
        if body.endswith("#"):  # a closing sequence would be eaten
            body = body[:-1] + "\\#"
        return Blocks(PARA + "#" * max(1, min(6, n)) + " " + body + PARA)

    def convert_blockquote(self, el: Element, text: str, parent_tags: frozenset[str]) -> str:
        if "_inline" in parent_tags or _nesting(el, ("blockquote",)) > MAX_NESTING:
            return self._block(el, text, parent_tags)
        body = finish_block(text)
        if not body:
            return ""
        quoted = "\n".join("> " + line if line else ">" for line in body.split("\n"))
        return Blocks(PARA + quoted + PARA)

    def convert_hr(self, el: Element, text: str, parent_tags: frozenset[str]) -> str:
        return "" if "_inline" in parent_tags else _RULE

    # -- inline

    convert_b = convert_strong = _emphasis("strong")
    convert_em = convert_i = convert_cite = convert_dfn = convert_var = _emphasis("em")
    convert_del = convert_s = convert_strike = _emphasis("del")

    def convert_font(self, el: Element, text: str, parent_tags: frozenset[str]) -> str:
        if "strong-bold" in (el.get("cms-style") or "").lower() and "strong" not in parent_tags:
            return OPEN["strong"] + text + CLOSE["strong"]
        return text

    def convert_q(self, el: Element, text: str, parent_tags: frozenset[str]) -> str:
        return "“" + text + "”"

    def convert_a(self, el: Element, text: str, parent_tags: frozenset[str]) -> str:
        href = safe_url(el.get("href"))
        if "a" in parent_tags or not href:
            return text
        if not _has_text(text):
            return TEXT + " " + END if text else ""
        return "[" + text + "](" + href + _link_title(el) + ")"

    def _br(self, el: Element, tags: frozenset[str], depth: int) -> str:
        return " " if "_inline" in tags else BR

    def _img(self, el: Element, tags: frozenset[str], depth: int) -> str:
        src = image_source(el)
        alt = " ".join((el.get("alt") or "").split())
        if not src:
            return (LINK_TEXT if "a" in tags else TEXT) + alt + END if alt else ""
        alt_md = escape_text(alt, "[", "]", link=True)
        return "![" + alt_md + "](" + src + title_part(el.get("title")) + ")"

    def _iframe(self, el: Element, tags: frozenset[str], depth: int) -> str:
        src = safe_url(el.get("src") or el.get("data-src"))
        if not src or src.startswith("about:"):
            return ""
        url = video_url(src)
        label = " ".join((el.get("title") or "").split()) or media_label(url)
        return "[" + escape_text(label, "[", "]", link=True) + "](" + url + ")"

    def _video(self, el: Element, tags: frozenset[str], depth: int) -> str:
        src = safe_url(el.get("src"))
        for source in el.iter("source"):
            src = src or safe_url(source.get("src"))
        poster = safe_url(el.get("poster"))
        label = "Video" if el.tag == "video" else "Audio"
        if not src:
            return "![](" + poster + ")" if poster else ""
        inner = "![" + label + "](" + poster + ")" if poster else label
        return "[" + inner + "](" + src + ")"

    def _code(self, el: Element, tags: frozenset[str], depth: int) -> str:
        raw = plain_text(el)
        code = " ".join(raw.split("\n"))
        if code.strip() or (raw.isspace() and "\n" not in raw):  # spaces alone are code: ` `
            return CODE + code + END
        return TEXT + code + END if code else ""

    def _pre(self, el: Element, tags: frozenset[str], depth: int) -> str:
        if "_inline" in tags:
            return self._code(el, tags, depth)
        fenced = fenced_code(el)
        return Blocks(PARA + fenced + PARA) if fenced else ""

    # -- lists

    def _list(self, el: Element, tags: frozenset[str], depth: int) -> str:
        if "_inline" in tags or _nesting(el, _LIST_TAGS) > MAX_NESTING:
            return self._block(el, self._children(el, tags, depth), tags)
        ordered = el.tag == "ol"
        # CommonMark numbers have at most 9 digits, the last item's too; 0 is a start
        number = int_attribute(el, "start", 1, 10**9 - 1 - len(el), low=0) if ordered else 0
        # text outside any item shows without a marker: before the first item it leads the
        # list, after one it is a paragraph of that item (as a browser places it)
        lead = [self.text(el.text, tags)] if el.text and el.text.strip() else []
        parts: list[tuple[int, list[str]]] = []
        for child in el:
            if isinstance(child.tag, str) and child.tag not in _SKIP:
                parts.append((number, [self.process(child, tags | {"li"}, depth + 1)]))
                number += 1
            if child.tail and child.tail.strip():
                (parts[-1][1] if parts else lead).append(PARA + self.text(child.tail, tags))
        # a list right after one of its kind takes the other marker, or the two would be one
        marker = _MARKERS[ordered][_lists_just_before(el) % 2]
        # an empty item is its marker alone: it shows, and in a numbered list holds a number
        items = [_list_item(marker.format(n), finish_block(_joined(marked))) for n, marked in parts]
        head = self._block(el, "".join(lead), tags) if lead else ""
        if not items:
            return head
        loose = any("\n\n" in item for item in items)
        body = ("\n\n" if loose else "\n").join(items)
        # a tight nested list goes right under its item's text, unless its first item is a
        # marker alone: that would underline the text as a heading
        under_text = "li" in tags and not loose and items[0] != marker.format(parts[0][0])
        return head + LINE + body + PARA if under_text else Blocks(head + PARA + body + PARA)

    # -- tables

    def _table(self, el: Element, tags: frozenset[str], depth: int) -> str:
        if "_inline" in tags:
            return _spaced(self._children(el, tags | {"_inline"}, depth))
        cell_tags = tags | {"_inline", "td"}

        def cell_markdown(cell: Element) -> str:
            return finish_block(self.process(cell, cell_tags, depth + 2), inline=True, cell=True)

        grid = table_grid(el, cell_markdown)
        caption = el.find("caption")
        head = self._outside_cells(el, tags, depth)
        head += self.process(caption, tags, depth + 1) if caption is not None else ""
        return Blocks(head + PARA + gfm_table(grid) + PARA) if grid else head

    def _outside_cells(self, el: Element, tags: frozenset[str], depth: int) -> str:
        """What no cell holds, as paragraphs before the table (where a browser shows it)."""
        parts = [
            self.text(part, tags) if isinstance(part, str) else self.process(part, tags, depth + 1)
            for part in outside_cells(el)
        ]
        if all(part in _BETWEEN_BLOCKS for part in parts):  # most tables: white space only
            return ""
        return self._block(el, _joined(parts), tags)


_LIST_TAGS = ("ul", "ol", "dir", "menu")
_MARKERS = {False: ("-", "*"), True: ("{}.", "{})")}
_MEDIA = ("img", "iframe", "video", "audio", "hr", "table", "pre")


def _lists_just_before(el: Element) -> int:
    """How many lists of el's kind come right before it, with nothing shown between."""
    ordered = el.tag == "ol"
    count = 0
    previous = el.getprevious()
    while previous is not None and not (previous.tail or "").strip():
        if isinstance(previous.tag, str) and previous.tag in _LIST_TAGS:
            if (previous.tag == "ol") != ordered:
                break
            count += 1
        elif not _shows_nothing(previous):
            break
        previous = previous.getprevious()
    return count


def _shows_nothing(el: Element) -> bool:
    if not isinstance(el.tag, str) or el.tag in _SKIP:
        return True
    return not "".join(el.itertext()).strip() and next(el.iter(*_MEDIA), None) is None


def _nesting(el: Element, tags: tuple[str, ...]) -> int:
    """How many of these tags enclose el, itself included (each one indents every line)."""
    return sum(1 for _ in el.iterancestors(*tags)) + 1


def _link_title(el: Element) -> str:
    """A link's title, unless it only repeats the link's text."""
    title = el.get("title")
    if not title:
        return ""
    shown = " ".join("".join(el.itertext()).split())
    return title_part(title) if " ".join(title.split()) != shown else ""


def _has_text(text: str) -> bool:
    """Whether converted link text shows anything (an image counts)."""
    return bool(ANY_SENTINEL.sub("", text).strip(" \n\u00a0\u3000")) or "![" in text


def _list_item(marker: str, content: str) -> str:
    if not content:
        return marker
    pad = " " * (len(marker) + 1)
    lines = content.split("\n")
    if marker == "-" and lines[0] == "---":
        lines[0] = "***"  # `- ---` would be a rule, not an item holding one
    rest = [pad + line if line else "" for line in lines[1:]]
    return "\n".join([marker + " " + lines[0], *rest])


# ------------------------------------------------------------------ public


@functools.cache
def _converter() -> ArticleConverter:
    return ArticleConverter()


def convert_html(markup: str) -> tuple[str, tuple[str, ...]]:
    """Markdown for an HTML fragment, and warnings about anything that was approximated."""
    if not markup.strip():
        return "", ()
    root, warnings = parse_html(markup)
    return markdown_of_tree(root), warnings


def markdown_of_tree(root: Element) -> str:
    """Markdown for a parsed body (the tree is only read)."""
    markdown = _converter().markdown_of(root)
    if markdown == "---" or markdown.startswith("---\n"):
        markdown = "***" + markdown[3:]  # a line `---` opening a file reads as front matter
    return markdown


def html_to_markdown(html: str) -> str:
    return convert_html(html)[0]


def text_to_markdown(text: str) -> str:
    """Plain text: every non-empty line is a paragraph, shown exactly as written."""
    text = NONCHARACTERS.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = (finish_block(TEXT + line + END) for line in text.split("\n"))
    return "\n\n".join(p for p in paragraphs if p)


def to_markdown(doc: Document, settings: Settings) -> Document:
    if doc.body_kind == "markdown":
        return doc  # kept as written: markdown_body's
    if doc.body_kind == "text":
        return doc.evolve(markdown=text_to_markdown(doc.html))
    if not doc.html.strip():
        return doc.evolve(markdown="")
    root, warnings = body_tree(doc)
    return doc.evolve(markdown=markdown_of_tree(root), warnings=doc.warnings + warnings)
