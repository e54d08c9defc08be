"""What Markdown would read as syntax in a piece of text, and the backslashes that stop it.

Escaping is decided per character from its neighbours, so that ordinary prose (`snake_case`,
`2 * 3`, `a*b`) is written as is and only real syntax gets a backslash.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

ESCAPE_CANDIDATES = re.compile(r"[\\`*_\[\]<!&~|]")
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# an entity may continue in the next text node (punctuation moved out of emphasis)
_ENTITY_PREFIX = re.compile(r"&(?:#[xX]?)?[A-Za-z0-9]*$")
_TAG_START = re.compile(r"[A-Za-z/!?]")
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_BULLET = re.compile(r">|[-+*](?:[ \t]|$)")
_ORDERED = re.compile(r"[0-9]{1,9}(?=[.)](?:[ \t]|$))")
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")
# Three hyphens or more, spaces between them: a thematic break (`-- -`); `*` and `_` are
# escaped where they stand, and `- - -` opens as a list item.
_HYPHEN_BREAK = re.compile(r"(?:-[ \t]*){3,}$")
# what each of the block starts below can begin with (white space for a delimiter row)
_LINE_START_CHARS = frozenset("#>-+*=|: \t0123456789")
_DELIMITER_ROW = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


@functools.lru_cache(maxsize=4096)  # asked of the same few characters again and again
def is_space(ch: str) -> bool:
    """CommonMark whitespace; '' stands for the start or end of a line."""
    return not ch or ch in " \t\n\r\f" or unicodedata.category(ch) == "Zs"


@functools.lru_cache(maxsize=4096)
def punct_strict(ch: str) -> bool:
    """Punctuation for every CommonMark renderer (older ones count only category P)."""
    return bool(ch) and (ch in _ASCII_PUNCT or unicodedata.category(ch).startswith("P"))


@functools.lru_cache(maxsize=4096)
def punct_loose(ch: str) -> bool:
    """Punctuation for some renderer (CommonMark 0.31 adds the symbol categories)."""
    return bool(ch) and (ch in _ASCII_PUNCT or unicodedata.category(ch)[0] in "PS")


def escape_text(
    text: str, before: str, after: str, *, link: bool = False, cell: bool = False
) -> str:
    """Backslash exactly the characters that Markdown would read as syntax here."""
    if not ESCAPE_CANDIDATES.search(text):
        return text

    def one(m: re.Match[str]) -> str:
        i = m.start()
        c = m.group()
        prev = text[i - 1] if i else before
        nxt = text[i + 1] if i + 1 < len(text) else after
        return "\\" + c if _needs_escape(c, prev, nxt, text[i:], link, cell) else c

    return ESCAPE_CANDIDATES.sub(one, text)


def _needs_escape(c: str, before: str, after: str, rest: str, link: bool, cell: bool) -> bool:
    """Whether one character of text would be read as Markdown syntax in this context."""
    if c == "\\":
        return not after or after == "\n" or after in _ASCII_PUNCT
    if c == "*":
        return not (is_space(before) and is_space(after))
    if c == "_":
        return is_space(before) or is_space(after) or punct_loose(before) or punct_loose(after)
    if c in "[]":
        return link or (c == "]" and after in ("(", "[", ":"))
    if c == "<":
        return bool(after) and _TAG_START.match(after) is not None
    if c == "!":
        return after == "["
    if c == "&":
        return ENTITY.match(rest) is not None or _ENTITY_PREFIX.match(rest) is not None
    if c == "~":
        return before == "~" or after == "~"
    if c == "|":
        return cell
    return c == "`"


def escape_line_start(line: str, after: str) -> str:
    """Escape what would start a block (heading, list, quote, underline, table row)."""
    if not line or line[0] not in _LINE_START_CHARS:
        return line
    whole = line if after in ("", "\n") else line + "x"  # something else follows on the line
    if any(p.match(whole) for p in (_ATX, _BULLET, _UNDERLINE, _HYPHEN_BREAK)):
        return "\\" + line
    if "|" in whole and _DELIMITER_ROW.match(whole) and "-" in whole:
        return "\\" + line
    m = _ORDERED.match(whole)
    if m:
        return line[: m.end()] + "\\" + line[m.end() :]
    return line
