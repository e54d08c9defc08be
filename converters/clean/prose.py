"""The prose of the body as the cleaning first read it: what the check before writing holds the
Markdown to (check/nothing_lost.py). Read once, before any step removes anything."""

from __future__ import annotations

import functools
import re

from lxml import etree

from converters.clean.tree import ancestors
from converters.read.nesting import INVISIBLE

PROSE_LETTERS = 30  # letters and digits: a sentence, not a label
LETTERS = re.compile(r"[^\W_]+")  # letters and digits (matched, not their complement: faster)
# ASCII that is no letter or digit (str.isalnum is exactly [^\W_], character by character).
ASCII_NOT_ALNUM = bytes(byte for byte in range(128) if not chr(byte).isalnum())
# Blocks whose text is one prose block when they hold no other such block.
PROSE_TAGS = frozenset({
    "p", "li", "blockquote", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption",
    "pre", "div", "section", "article"
})  # fmt: skip
# What a reader never sees as text: scripts, players, forms and their controls.
NOT_SHOWN = frozenset(INVISIBLE) | {"form", "button", "input", "textarea", "meta", "link"}


SEPARATOR = "\x00"  # between the text nodes of a block: the Markdown may put a label between


def prose_blocks(root: etree._Element) -> tuple[str, ...]:
    """The shown text of each innermost prose block holding a sentence, in document order, its
    text nodes joined by SEPARATOR (an image or a player inside may become text in Markdown)."""
    candidates, not_shown = _prose_and_not_shown(root)
    hidden = {node for el in not_shown for node in el.iter()}
    holding = ancestors(candidates)
    blocks = []
    for el in candidates:
        if el is not root and el not in holding and el not in hidden:
            text = shown_text(el, hidden)
            if holds_letters(text, PROSE_LETTERS):
                blocks.append(text)
    return tuple(blocks)


def _prose_and_not_shown(
    root: etree._Element,
) -> tuple[list[etree._Element], list[etree._Element]]:
    """The elements of PROSE_TAGS and those of NOT_SHOWN, in document order, in one walk."""
    prose: list[etree._Element] = []
    not_shown: list[etree._Element] = []
    for el in root.iter():
        if el.tag in PROSE_TAGS:
            prose.append(el)
        elif el.tag in NOT_SHOWN:
            not_shown.append(el)
    return prose, not_shown


def shown_text(el: etree._Element, hidden: set[etree._Element]) -> str:
    if not len(el):  # no children: its own text (most paragraphs of a plain post)
        return el.text or ""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.text and isinstance(node.tag, str) and node not in hidden:
                parts.append(node.text)
        elif node is not el and node.tail and node.getparent() not in hidden:
            parts.append(node.tail)
    return SEPARATOR.join(parts)


def letters(text: str) -> str:
    """The letters and digits of a text. The ASCII rest goes in one C pass over the bytes;
    the regex is left only what is not ASCII (most spaces and marks are ASCII, and each of
    them would end a match: the matches, not the characters, are what the regex costs)."""
    rest = without_ascii(text, ASCII_NOT_ALNUM)
    return rest if rest.isascii() or rest.isalnum() else "".join(LETTERS.findall(rest))


def without_ascii(text: str, deleted: bytes) -> str:
    """The text without the ASCII characters in `deleted`: in UTF-8 a byte below 0x80 is always
    a whole character (a lone surrogate, which a str may hold, passes as its own bytes)."""
    if text.isascii():
        return text.encode("ascii").translate(None, deleted).decode("ascii")
    return (
        text.encode("utf-8", "surrogatepass")
        .translate(None, deleted)
        .decode("utf-8", "surrogatepass")
    )


def holds_letters(text: str, count: int) -> bool:
    """At least `count` letters or digits: the match stops at the count-th one, so a long
    paragraph is decided by its start."""
    return len(text) >= count and _letters_at_least(count).match(text) is not None


@functools.cache
def _letters_at_least(count: int) -> re.Pattern[str]:
    # Linear: what the repeat gives back on a failure is never a letter, so it fails at once.
    return re.compile(rf"(?:[\W_]*[^\W_]){{{count}}}")
