"""Emphasis that renders: delimiters that flank under every CommonMark renderer.

A `**` run can open only where the next character is not white space and, if it is
punctuation, the previous one is white space or punctuation too (CommonMark's
left-flanking rule); closing mirrors that.  Renderers disagree on whether symbols
(category S) are punctuation, so a delimiter is written only where it flanks under both
definitions: `*` or `_`, whichever flanks around the content as it is (`foo-*(bar)*`); where
neither does, the edge punctuation moves outside the markers (`<b>“引用”</b>吗` is written
`“**引用**”吗`), and where even that fails the emphasis goes, its text kept. Edge spaces always
move outside: HTML shows them the same on either side of the tag.
"""

from __future__ import annotations

from collections.abc import Iterable

from converters.markdown.escape import is_space, punct_loose, punct_strict
from converters.markdown.inline import (
    Break,
    Emphasis,
    Markup,
    Node,
    Text,
    any_visible,
    is_blank_text,
)


def can_open(before: str, after: str, mark: str) -> bool:
    """Whether `mark` written between these characters opens emphasis."""
    if mark[0] != "_":
        return _flanks(before, after)
    return _flanks(before, after) and (punct_strict(before) or not _may_flank(after, before))


def can_close(before: str, after: str, mark: str) -> bool:
    """Whether `mark` written between these characters closes emphasis."""
    if mark[0] != "_":
        return _flanks(after, before)
    return _flanks(after, before) and (punct_strict(after) or not _may_flank(before, after))


def _flanks(outside: str, inside: str) -> bool:
    """Flanking (left for an opener, right for a closer: the rule is the same seen from the
    content side) under both definitions of punctuation."""
    return not is_space(inside) and (
        not punct_loose(inside) or is_space(outside) or punct_strict(outside)
    )


def _may_flank(outside: str, inside: str) -> bool:
    """Flanking under at least one definition of punctuation."""
    return not is_space(inside) and (
        not punct_strict(inside) or is_space(outside) or punct_loose(outside)
    )


def delimiters_flank(written: str, opener: int, closer: int, mark: str) -> bool:
    """Whether `mark` written at these offsets still opens and closes, each delimiter a run
    of its own (a neighbour written after the decision may have changed that)."""
    size = len(mark)
    before, after, opener_run = _run_edges(written, opener, size)
    if opener_run != size or not can_open(before, after, mark):
        return False
    before, after, closer_run = _run_edges(written, closer, size)
    return closer_run == size and can_close(before, after, mark)


def _is_break(node: Node) -> bool:
    """A paragraph break: emphasis cannot go across it (a line break `\\` it can)."""
    if isinstance(node, Break):
        return not node.hard
    return isinstance(node, Markup) and "\n" in node.value


def _merge_texts(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        previous = out[-1] if out else None
        if isinstance(node, Text) and isinstance(previous, Text) and previous.link == node.link:
            value = node.value.lstrip(" ") if previous.value.endswith(" ") else node.value
            out[-1] = Text(previous.value + value, node.link)  # HTML collapses the seam too
        elif not (isinstance(node, Text) and not node.value):
            out.append(node)
    return out


def _space_length(chars: Iterable[str]) -> int:
    n = 0
    for ch in chars:
        if not is_space(ch):
            break
        n += 1
    return n


def _wrap(kind: str, nodes: list[Node]) -> list[Node]:
    """Emphasis around nodes, with edge spaces and line breaks moved outside the markers (a
    delimiter beside a space cannot flank; HTML shows them the same either side of the tag)."""
    nodes = _merge_texts(nodes)
    before: list[Node] = []
    after: list[Node] = []
    while nodes and _is_blank_edge(nodes[0], 0):
        before.append(_take(nodes, 0))
    while nodes and _is_blank_edge(nodes[-1], -1):
        after.insert(0, _take(nodes, -1))
    if not any_visible(nodes):
        return [*before, *nodes, *after]
    return [*before, Emphasis(kind, _unwrap_whole(kind, nodes)), *after]


def _is_blank_edge(node: Node, end: int) -> bool:
    """A line break, or a text starting (end 0) or ending (end -1) with white space."""
    return isinstance(node, Break) or (isinstance(node, Text) and is_space(node.value[end]))


def _take(nodes: list[Node], end: int) -> Node:
    """Take the line break, or the white space of the text, at this end of the nodes."""
    node = nodes[end]
    if not isinstance(node, Text):
        return nodes.pop(end)
    value = node.value
    n = _space_length(value if end == 0 else reversed(value))
    if n == len(value):
        return nodes.pop(end)
    kept, taken = (value[n:], value[:n]) if end == 0 else (value[:-n], value[-n:])
    nodes[end] = Text(kept, node.link)
    return Text(taken, node.link)


def _unwrap_whole(kind: str, nodes: list[Node]) -> list[Node]:
    """`<b><b>x</b></b>` is `<b>x</b>`: an emphasis that is all of one of its own kind shows
    nothing more (one nested around part of the text stays: `*a *b* c*`)."""
    shown = [node for node in nodes if not is_blank_text(node)]
    if len(shown) == 1 and isinstance(shown[0], Emphasis) and shown[0].kind == kind:
        return _merge_texts([n for node in nodes for n in _inner(node, shown[0])])
    return nodes


def _inner(node: Node, whole: Emphasis) -> list[Node]:
    return whole.children if node is whole else [node]


def _merge_neighbours(nodes: list[Node]) -> list[Node]:
    """`<b>a</b><b>b</b>` is one bold run: `**a****b**` would not render."""
    out: list[Node] = []
    for node in _merge_texts(nodes):
        previous = out[-1] if out else None
        if (
            isinstance(node, Emphasis)
            and isinstance(previous, Emphasis)
            and previous.kind == node.kind
        ):
            previous.children = _merge_texts(previous.children + node.children)
        else:
            out.append(node)
    return out


def normalize_emphasis(nodes: list[Node]) -> list[Node]:
    """Emphasis split at every paragraph break, neighbours of a kind merged, an emphasis that
    is all of one of its own kind unwrapped."""
    for node in nodes:
        if type(node) is Emphasis:
            return _merge_neighbours(_split_emphasis(nodes))
    return _merge_texts(nodes)  # no emphasis (most blocks): only neighbouring texts to merge


def _split_emphasis(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        if not isinstance(node, Emphasis):
            out.append(node)
            continue
        segment: list[Node] = []
        for child in normalize_emphasis(node.children):
            if _is_break(child):
                out.extend(_wrap(node.kind, segment))
                out.append(child)
                segment = []
            else:
                segment.append(child)
        out.extend(_wrap(node.kind, segment))
    return out


def _run_edges(s: str, start: int, size: int) -> tuple[str, str, int]:
    """The characters just outside the delimiter run that contains s[start:start+size],
    and the run's length."""
    ch = s[start]
    a, b = start, start + size
    while a > 0 and s[a - 1] == ch and (a < 2 or s[a - 2] != "\\"):
        a -= 1
    while b < len(s) and s[b] == ch:
        b += 1
    before = s[a - 1] if a > 0 and s[a - 1] != "\n" else ""
    after = s[b] if b < len(s) and s[b] != "\n" else ""
    return before, after, b - a
