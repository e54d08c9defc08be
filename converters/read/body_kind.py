"""Is a bare body HTML to convert, or Markdown (perhaps with some HTML) to keep as written?

Decided from a CommonMark parse (markdown-it, as the check and most renderers read it). A body
is HTML when the parser finds raw HTML in it and nothing written in Markdown: no heading, list,
quote, fence, rule or table, no emphasis, link, image or code span, and no paragraph with text
outside its HTML tags. One such sign and the body is Markdown that embeds some HTML, such as
`<!-- more -->`, `<br>`, `<kbd>` or a `<div class="note">` block: the author's, to keep. So is
an HTML block whose element asks for Markdown inside (kramdown's `<div markdown="1">`). When
in doubt (a paragraph of text with a `<b>` in it), a Markdown file's body is Markdown (keeping
a post is no harm), anything else's (standard input) HTML.

A whole page (`<!DOCTYPE html>`, `<html>`) is HTML. In a Markdown file, HTML with no text to
read (only an embed, an image, a comment) is the author's and kept, and so is HTML with the
site generator's template tags outside code (`{% for post in site.posts %}`).

Lines indented four spaces or more are an indented code block to CommonMark; when they are HTML
elements with no text outside them (a pretty-printed fragment, `    <p>Lorem</p>`) they count
as HTML.
"""

from __future__ import annotations

import functools
import re
from html import unescape
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from converters.document import BodyKind
from converters.read.templates import TEMPLATE_TAG

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

INLINE_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>\Z")
CODE = re.compile(r"<(pre|code|script)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)
TAG_OR_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)|<[^<>]*>", re.S)
HIDDEN = re.compile(
    r"<(script|style|iframe|video|audio|object|noscript|template)\b.*?(?:</\1\s*>|\Z)", re.I | re.S
)
# A saved page's start: a doctype, <html>, <head> or <body>, after at most a few comments
# ("saved from url"), processing instructions, scripts or wrapper tags that crawlers and
# archives put before the page (`<text id="URL" encoding="gb2312">`). No Markdown post starts
# so, and a page of megabytes need not be parsed as Markdown. A post may start with a comment
# (`<!-- markdownlint-disable -->`) or a <script> embed, but not with a page after it.
WHOLE_PAGE = re.compile(
    r"\A\s*(?:(?:<!--.*?-->|<\?[^<>]*>|<script\b.*?</script\s*>|<[a-z][^<>]*>)\s*){0,4}"
    r"<(?:!doctype\s|(?:html|head|body)(?=[\s>/]|$))",
    re.I | re.S,
)
HTML_TAG = re.compile(r"(?<!\\)<(?:!--|!doctype|/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>)", re.I)
# kramdown's and Python-Markdown's `markdown="1"`: the element's content is Markdown to parse
MARKDOWN_INSIDE = re.compile(r"""<[a-z][^<>]*\smarkdown\s*=\s*["']?(?:1|block|span)\b""", re.I)
MARKDOWN_BLOCKS = frozenset({
    "heading_open", "bullet_list_open", "ordered_list_open", "blockquote_open", "hr", "fence",
    "table_open",
})  # fmt: skip
MARKDOWN_INLINES = frozenset({
    "em_open", "strong_open", "s_open", "link_open", "image", "code_inline",
})  # fmt: skip
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})  # fmt: skip


def body_kind(body: str, wrapped_in_html: bool, *, markdown_file: bool = True) -> BodyKind:
    """HTML if it has tags; else text when it sat inside an HTML wrapper, Markdown when bare.

    A post file's body is Markdown by definition; tag-less text that a feed put in a <div> is
    plain text, whose `*` and `1.` mean nothing and must be escaped, not interpreted.
    """
    if not HTML_TAG.search(body):
        return "text" if wrapped_in_html else "markdown"
    if wrapped_in_html or WHOLE_PAGE.match(body):
        return "html"
    if markdown_file and _template_outside_code(body):
        return "markdown"  # the site generator's syntax: a page its author wrote
    if reads_as_html(body, markdown_file) and (shows_text(body) or not markdown_file):
        return "html"
    return "markdown"


def _template_outside_code(body: str) -> bool:
    return TEMPLATE_TAG.search(CODE.sub("", body)) is not None


def shows_text(html: str) -> bool:
    """Whether the HTML has text to read. A Markdown file whose body is only an embed, an
    image or a comment is the author's: converting it would only lose the player."""
    hidden = HIDDEN.sub("", html)
    return bool(unescape(TAG_OR_COMMENT.sub("", hidden)).strip())


def reads_as_html(body: str, markdown_file: bool = True) -> bool:
    """Raw HTML and nothing written in Markdown around it. Out of a Markdown file, text with
    inline tags in it is HTML too (standard input is HTML more often than not)."""
    found_html = False
    for token in _commonmark().parse(body):  # block tokens, flat; _judge reads inline children
        verdict = _judge(token, markdown_file)
        if verdict == "markdown":
            return False
        found_html = found_html or verdict == "html"
    return found_html


def _judge(token: Token, markdown_file: bool) -> str:
    """ "html", "markdown", or "" for a token that tells neither."""
    if token.type == "html_block":
        return "markdown" if MARKDOWN_INSIDE.search(token.content) else "html"
    if token.type == "code_block":
        return "html" if is_html_elements(token.content) else "markdown"
    if token.type in MARKDOWN_BLOCKS:
        return "markdown"
    if token.type != "inline":
        return ""
    children = token.children or []
    if any(child.type in MARKDOWN_INLINES for child in children):
        return "markdown"
    has_html = any(child.type == "html_inline" for child in children)
    if (markdown_file or not has_html) and _loose_text(children):
        return "markdown"  # text of its own, outside any tag
    return "html" if has_html else ""


def _loose_text(children: list[Token]) -> bool:
    """Whether some text of the paragraph is outside every inline HTML element."""
    depth = 0
    for child in children:
        if child.type == "html_inline":
            tag = INLINE_TAG.match(child.content)
            if tag and tag.group(2).lower() not in VOID_TAGS and not tag.group(3):
                depth = max(0, depth - 1) if tag.group(1) else depth + 1
        elif child.type == "text" and child.content.strip() and depth == 0:
            return True
    return False


@functools.cache
def _commonmark() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only for bare bodies that show a tag

    return MarkdownIt("commonmark").enable("table")


def is_html_elements(text: str) -> bool:
    """Whether text is HTML elements with no text of its own outside them (a stray end tag or
    an element left open, as in a fragment, is no matter)."""
    if not text.lstrip().startswith("<"):
        return False
    checker = _ElementChecker()
    checker.feed(text)
    checker.close()
    return checker.elements > 0 and not checker.loose_text


class _ElementChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.elements = 0
        self.loose_text = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        self.loose_text = self.loose_text or (not self.open and bool(data.strip()))
