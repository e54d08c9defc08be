"""Which lines of a Markdown text are surely fenced code: the check's screen looks for raw HTML,
entities and link syntax only outside them (in code none of it is syntax).

"Surely": a line counts as code only where every CommonMark reading agrees. After a line that
may open or end a fence but not surely, no later line is code, so a doubt never hides markup.
(Taken from the fence reading that escaped raw HTML in Markdown bodies, which that stage no
longer needs.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MARKER = re.compile(r"([ ]{0,3})(?:>( ?)|([-+*]|[0-9]{1,9}[.)])( *))")
_LATER = re.compile(r"(?!0*1[.)])[0-9]")
_FENCE = re.compile(r"([ ]{0,3})(`{3,}|~{3,})(.*)")
_MAY_BE_FENCE = re.compile(r"[ \t>]*(?:(?:[-+*]|[0-9]{1,9}[.)])[ \t>]*)*(?:`{3}|~{3})")
_LEAD = re.compile(r"[ \t>]*")
_DELIMITER_ROW = re.compile(r"[ \t>|:-]*-[ \t>|:-]*")


def without_fenced_code(markdown: str) -> str:
    """The Markdown with every line of surely fenced code (fences included) emptied: what is
    left is all that a renderer may read as inline syntax or raw HTML."""
    lines = markdown.split("\n")
    for is_code, start, end in _regions(lines):
        if is_code:
            lines[start:end] = [""] * (end - start)
    return "\n".join(lines)


@dataclass(frozen=True)
class _Fence:
    """An opening fence line: what its lines must start with to stay in the block."""

    run: str  # the fence: ``` or ~~~, or longer
    prefix: str  # its quote markers in place, spaces for list markers and their indent
    exact: bool  # whether a line less indented surely leaves (False: the indent may be the
    # fence's own, inside a list item opened on an earlier line)


def _regions(lines: list[str]) -> Iterator[tuple[bool, int, int]]:
    """(is fenced code, first line, end line): non-empty runs covering all lines in order.
    After a line that may open or end a fence but not surely, no later line is code."""
    start = i = 0
    while i < len(lines):
        fence = _fence_opens(lines, i)
        if fence is None:
            if _MAY_BE_FENCE.match(lines[i]):
                break
            i += 1
            continue
        if start < i:
            yield False, start, i
        end, sure = _fence_end(lines, i + 1, fence)
        yield True, i, end
        start = i = end
        if not sure:
            break
    if start < len(lines):
        yield False, start, len(lines)


def _fence_opens(lines: list[str], i: int) -> _Fence | None:
    """The fence a line surely opens, if any."""
    containers = _containers(lines[i], after_text=i > 0 and bool(lines[i - 1].strip(" \t")))
    if containers is None:
        return None
    prefix, pos = containers
    fence = _FENCE.fullmatch(lines[i], pos)
    if fence is None or (fence.group(2)[0] == "`" and "`" in fence.group(3)):
        return None
    if "|" in lines[i] and i + 1 < len(lines) and _DELIMITER_ROW.fullmatch(lines[i + 1]):
        return None  # a table's header row
    exact = bool(prefix) or not fence.group(1)
    return _Fence(fence.group(2), prefix or fence.group(1), exact)


def _containers(line: str, *, after_text: bool) -> tuple[str, int] | None:
    """The quote and list markers a line starts with, as the prefix its block's lines need
    (quote markers kept, list markers as spaces), and where the content starts."""
    parts: list[str] = []
    pos = 0
    while (marker := _MARKER.match(line, pos)) is not None:
        lead, space, sign, spaces = marker.groups()
        if sign is None:
            parts.append(lead + ">" + space)
        elif not spaces or len(spaces) > 4 or (after_text and _LATER.match(sign)):
            return None  # not a list item (or not surely: a list starting at 2 cannot
            # interrupt a paragraph, so this may be its text)
        else:
            parts.append(" " * (marker.end() - pos))
        pos = marker.end()
    return "".join(parts), pos


def _fence_end(lines: list[str], i: int, fence: _Fence) -> tuple[int, bool]:
    """The line after the fenced block (after its closing fence, or at the first line that
    leaves the block's containers: fenced code has no lazy lines), and whether that is sure."""
    # a closing fence may be indented 3 spaces in its container; where the container is not
    # known, only as far as every reading agrees
    room = 3 if fence.exact else 3 - len(fence.prefix)
    closing = re.compile(rf"([ ]*){re.escape(fence.run[0])}{{{len(fence.run)},}}[ \t]*")
    for at in range(i, len(lines)):
        line = lines[at]
        if not line.startswith(fence.prefix):
            leaves = _leaves(line, fence)
            if leaves is not False:
                return at, leaves is True
            continue
        if fence.prefix and line[len(fence.prefix) : len(fence.prefix) + 4].lstrip(" ")[:1] == "\t":
            return at, False  # how far a tab indents depends on the column it starts at
        close = closing.fullmatch(line, len(fence.prefix))
        if close is not None and len(close.group(1)) <= room:
            return at + 1, True
        if close is not None and not fence.exact:
            return at + 1, False
    return len(lines), True


def _leaves(line: str, fence: _Fence) -> bool | None:
    """Whether a line not starting with the fence's prefix leaves the block: True, False
    (a blank line in a list item), None (not sure)."""
    lead = _LEAD.match(line)
    assert lead is not None
    if ">" in fence.prefix:
        if line.rstrip(" \t") == fence.prefix.rstrip(" "):
            return False  # a blank line inside the quote
        # a blank line ends a quote, as does a line without its marker
        return True if not line.strip(" \t") or ">" not in lead.group() else None
    if not line.strip(" \t"):
        return False
    return True if fence.exact and "\t" not in lead.group() else None
