"""The check before writing (black's safety check, for a converter).

`check_output` runs after the Markdown is final: the Markdown must render to no raw HTML and no
script-capable link, and every visible text of the kept HTML must be in the rendered text. A
failure raises ConversionError instead of writing a truncated or unsafe post.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import unquote

from lxml import etree

from converters.clean.prose import ASCII_NOT_ALNUM, without_ascii
from converters.clean.url_safety import runs_code
from converters.document import ConversionError, Document, Settings
from converters.markdown.html_parse import Element, body_tree
from converters.read.nesting import INVISIBLE

if TYPE_CHECKING:  # markdown-it is imported by the first post the check must parse
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

EXCERPT = 60

# Not compared: whitespace, controls, invisible format characters and the noncharacters that
# stages may replace with U+FFFD (none of them is text a reader could miss), and ASCII
# punctuation, which Markdown may read as syntax (`2*3*4` renders as `2<em>3</em>4`): whether
# it was escaped where it had to be is the writer's part, judged by the conformance suite, and
# the cheap screen could not tell without parsing. Every other character -- letters, digits,
# CJK punctuation, symbols -- must be shown, and screen and check compare exactly these.
_SKIPPED = (
    r"\s\x01-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
    r"\ufdd0-\ufdef\ufffd-\uffff!-/:-@\[-`{-~"
)
# What is compared, matched rather than what is not (findall and join: fewer, longer matches
# than a substitution of the rest; the same characters come out). NUL separates joined texts.
COMPARED = re.compile(f"[^\\x00{_SKIPPED}]+")
COMPARED_OR_NUL = re.compile(f"[^{_SKIPPED}]+")  # the separator kept
# Of ASCII, only letters and digits are compared: the rest goes first, in one C pass.
ASCII_NOT_ALNUM_BUT_NUL = ASCII_NOT_ALNUM.replace(b"\x00", b"")


@functools.cache
def _renderer() -> MarkdownIt:
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    renderer.validateLink = lambda url: True  # type: ignore[method-assign]  # we judge schemes
    return renderer


# ---- after converting: the post-condition --------------------------------------------------


def check_output(doc: Document, settings: Settings) -> Document:
    tokens = list(_walk(_renderer().parse(doc.markdown)))
    problem = _unsafe(tokens) or _lost_text(kept_texts(doc), tokens)
    if problem:
        raise ConversionError(doc.source, "check", problem)
    return doc


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _unsafe(tokens: list[Token]) -> str:
    for token in tokens:
        if token.type in ("html_block", "html_inline"):
            return f"raw HTML in the Markdown: {_excerpt(token.content)!r}"
        url = str(token.attrs.get("href") or token.attrs.get("src") or "")
        if url and runs_code(unquote(url)):  # a renderer may percent-encode the scheme
            return f"unsafe link target in the Markdown: {_excerpt(url)!r}"
    return ""


def kept_texts(doc: Document) -> list[str]:
    """The texts the Markdown must show: HTML text nodes, or the lines of a plain-text body.

    A Markdown body is its own rendering, so there is nothing to compare it with.
    """
    if doc.body_kind == "html":
        return visible_texts(body_tree(doc)[0]) if doc.html.strip() else []
    if doc.body_kind == "text":
        return doc.html.split("\n")
    return []


def _lost_text(texts: list[str], tokens: list[Token]) -> str:
    if not texts:
        return ""
    rendered = comparable("".join(_token_text(token) for token in tokens))
    position = 0
    for text in texts:
        wanted = comparable(text)
        found = rendered.find(wanted, position)  # in order, so a long body stays linear
        if found < 0 and wanted not in rendered:
            return f"text of the article missing from the Markdown: {_excerpt(text)!r}"
        position = found + len(wanted) if found >= 0 else position
    return ""


def _token_text(token: Token) -> str:
    if token.type in ("text", "code_inline", "code_block", "fence"):
        return token.content
    return ""


def hides_text(root: Element) -> bool:
    """Whether the tree holds an element whose text no reader sees."""
    return next(root.iter(*INVISIBLE), None) is not None


def all_text(root: Element) -> str:
    """All the text nodes of the tree, joined: visible_texts' where nothing hides text, in one
    C call (lxml's text serialization), without the strings and list of a walk."""
    text: str = etree.tostring(root, method="text", encoding=str, with_tail=False)
    return text


def visible_texts(root: Element) -> list[str]:
    """Each text node a reader would see, in document order, in one pass over the tree (an
    XPath `//text()` with an ancestor test grew faster than the body). The tree is only read."""
    if not hides_text(root):
        # Nothing hidden (most bodies): lxml's own walk does the same in C. It yields the
        # same nodes in the same order: text at an element's start, tails of every node but
        # the root, comments' and processing instructions' tails but never their content.
        return [text for text in root.itertext() if text]
    return walked_visible_texts(root)


def walked_visible_texts(root: Element) -> list[str]:
    """visible_texts, walked in Python: any subtree may be hidden."""
    texts: list[str] = []
    hidden = 0  # how many invisible elements hold the node we are at
    for event, node in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            if node.tag in INVISIBLE:
                hidden += 1
            elif not hidden and node.text:
                texts.append(node.text)
            continue
        if event == "end" and node.tag in INVISIBLE:
            hidden -= 1
        if not hidden and node.tail and node is not root:  # a comment's tail shows too
            texts.append(node.tail)
    return texts


def comparable(text: str) -> str:
    """The characters of a text that the Markdown must show (see _SKIPPED)."""
    rest = without_ascii(text, ASCII_NOT_ALNUM)
    return rest if rest.isascii() else "".join(COMPARED.findall(rest))


def comparable_joined(texts: list[str]) -> str:
    """The texts' comparable characters, NUL-separated (one pass instead of one per text)."""
    rest = without_ascii("\x00".join(texts), ASCII_NOT_ALNUM_BUT_NUL)
    return rest if rest.isascii() else "".join(COMPARED_OR_NUL.findall(rest))


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
