"""The commonest block with emphasis, written without the general path's tree and rounds.

A block of text and emphasis (`**`, `*`, `~~`) that holds only text, one level deep, with a
text between any two, nothing anywhere that may need a backslash and no line break: there
the general path's normalizing changes nothing but the seams of neighbouring texts, each
delimiter is decided from the characters written beside it (a text's are written as they
are, and none is a delimiter character, so no run can fuse), and a decision that holds is
never undone. So when every first choice flanks, the answer is the texts and delimiters
side by side; when one does not, the general path (which moves edges or drops the
emphasis) answers instead.
"""

from __future__ import annotations

import re

from converters.markdown.emphasis import can_close, can_open
from converters.markdown.escape import ESCAPE_CANDIDATES, escape_line_start, is_space
from converters.markdown.inline import Text, split_edges
from converters.markdown.sentinels import (
    BR,
    CLOSE,
    CODE,
    DELIMITER,
    LINE,
    LINK_TEXT,
    OPEN,
    PARA,
    PIECES,
    TEXT,
)

# what sends a block to the general path at once: a line break, a mark that is no text
# node's nor an emphasis edge, a character that may need a backslash
_STOPS = re.compile(f"[\n{LINK_TEXT}{CODE}{BR}{PARA}{LINE}]|{ESCAPE_CANDIDATES.pattern}")
_OPENS = {mark: kind for kind, mark in OPEN.items()}
_CLOSES = {mark: kind for kind, mark in CLOSE.items()}
_EDGE_SPACE = " \t\u00a0\u3000"  # what a line's start and end strip from a text

Run = tuple[str, str]  # (the emphasis kind, or "" for text outside any; its text)


def flat_emphasis(block: str, inline: bool) -> str | None:
    """What the general path writes for such a block, else None."""
    if _STOPS.search(block):
        return None
    runs = _runs(block)
    return None if runs is None else _written(runs, inline)


def _runs(block: str) -> list[Run] | None:
    """The block as texts and emphasis, neighbouring texts merged, or None if it holds
    anything else."""
    runs: list[Run] = []
    kind = ""  # the emphasis open
    text = ""  # the texts met since the last edge, merged
    for piece in PIECES.findall(block):
        mark = piece[0]
        if mark == TEXT and len(piece) > 1:
            text = _merged(text, piece[1:-1])
        elif mark in _OPENS and not kind:
            if text:
                runs.append(("", text))
            elif runs:  # two emphasis side by side: the general path merges or fuses them
                return None
            kind, text = _OPENS[mark], ""
        elif _CLOSES.get(mark) == kind and text and not (is_space(text[0]) or is_space(text[-1])):
            runs.append((kind, text))  # (edge white space would be moved outside)
            kind, text = "", ""
        else:  # markup, nesting, an empty or unmatched emphasis
            return None
    if kind:
        return None
    if text:
        runs.append(("", text))
    return runs


def _merged(previous: str, value: str) -> str:
    """Two text nodes as one: HTML collapses a space run across the seam."""
    return previous + (value.lstrip(" ") if previous.endswith(" ") else value)


def _written(runs: list[Run], inline: bool) -> str | None:
    parts: list[str] = []
    last = ""  # the last character written; "" at the line start
    for i, (kind, text) in enumerate(runs):
        following = runs[i + 1] if i + 1 < len(runs) else None
        if kind:  # a text or nothing follows
            after = following[1][0] if following else ""
            written = _emphasis(kind, text, last, after, not parts and not inline)
            if written is None:
                return None
            parts.append(written)  # (a text follows: `last` is its, not the delimiter's)
            continue
        after = DELIMITER[following[0]][0] if following else ""  # an emphasis follows
        if not parts:
            text = text.lstrip(_EDGE_SPACE)
        if not after:
            text = text.rstrip(_EDGE_SPACE)
        if not text:
            continue
        if not parts and not inline:
            text = escape_line_start(text, after)
        parts.append(text)
        last = text[-1]
    out = "".join(parts)
    return out.strip() if inline else out


def _emphasis(kind: str, text: str, before: str, after: str, line_start: bool) -> str | None:
    """The emphasis written between these characters as the general path's last round
    writes it: around all of its text, else with its edge punctuation outside (which then
    flanks: what is left starts and ends with neither white space nor punctuation); None
    when it has no such edge, or nothing else (the general path writes it plainly)."""
    mark = DELIMITER[kind]
    if _flanks(before, text, after, mark):
        return mark + text + mark
    lead, inner, trail = (
        "".join(node.value for node in nodes if isinstance(node, Text))
        for nodes in split_edges([Text(text)])
    )
    if not (lead or trail) or not inner:
        return None
    if line_start and lead:
        lead = escape_line_start(lead, mark[0])
    return lead + mark + inner + mark + trail


def _flanks(before: str, text: str, after: str, mark: str) -> bool:
    """Whether the mark opens and closes around the text here. The other character (`_` for
    `*`) need not be tried: where `*` does not flank, `_` does not either."""
    return can_open(before, text[0], mark) and can_close(text[-1], after, mark)
