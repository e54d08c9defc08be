"""A block's sentinel-marked string -> final Markdown, each character seen in its line.

`finish_block` is where the walk's marks are resolved: the text is escaped knowing what
stands on both sides, `<br>` runs become hard breaks or paragraph ends, and emphasis is
written only where its delimiters flank; when dropping one changes what another one
touches, the block is written again.
"""

from __future__ import annotations

import re

from converters.markdown.code import code_span
from converters.markdown.emphasis import (
    can_close,
    can_open,
    delimiters_flank,
    normalize_emphasis,
)
from converters.markdown.escape import ESCAPE_CANDIDATES, escape_line_start, escape_text
from converters.markdown.flat_emphasis import flat_emphasis
from converters.markdown.inline import (
    Break,
    Emphasis,
    InlineCode,
    Markup,
    Node,
    Text,
    any_visible,
    inline_tree,
    is_blank_text,
)
from converters.markdown.sentinels import (
    ANY_SENTINEL,
    BR,
    DELIMITER,
    END,
    PARA,
    TEXT,
    Blocks,
)

_LINE_START_TRIGGERS = frozenset("#>-+*=|:0123456789")
# what the general path would read in a block's joined text: a line break, a seam of two
# spaces, a mark (a text node of another kind), a character that may need a backslash
_NOT_PLAIN = re.compile(f"\n|  |{ANY_SENTINEL.pattern}|{ESCAPE_CANDIDATES.pattern}")
_VALUED = (Text, Markup)  # nodes whose value is what they write
# Text nodes a line start strips to nothing, and `<br>`s there: the general path writes
# nothing for them (a break at a line start is no break; the newlines merge).
_BLANK = re.compile(f"(?:{TEXT}[ \t\n\u00a0\u3000]*{END}|{BR})*")


def _plain_block(block: str, inline: bool) -> str | None:
    """The answer for a block that is only text needing no escapes but at its line start,
    else None."""
    if not (block.startswith(TEXT) and block.endswith(END)):
        return None
    text = block[1:-1].replace(END + TEXT, "")
    # Edge white space goes either way; two spaces inside may be a seam between text nodes,
    # where the general path collapses them.
    text = text.strip() if inline else text.strip(" \t\u00a0\u3000")
    if _NOT_PLAIN.search(text):
        return None
    if not inline and text[:1] in _LINE_START_TRIGGERS:
        return escape_line_start(text, "")
    return text


def _joined_blocks(block: str) -> str | None:
    """The answer for finished blocks with nothing but white space between them, else None:
    they are joined with a blank line, unread (through the general path, a wrapper of N
    paragraphs reads all N again, and so does each wrapper around it)."""
    if PARA not in block:
        return None
    out = []
    for piece in block.split(PARA):
        if ANY_SENTINEL.search(piece) is None:
            if piece := piece.strip("\n"):
                out.append(piece)
        elif not _BLANK.fullmatch(piece):
            return None
    return "\n\n".join(out)


def _unread(block: str, inline: bool) -> str | None:
    """What the general path would write for the commonest blocks, found without reading them
    into nodes: plain text, finished blocks, or nothing to show. Else None."""
    plain = _plain_block(block, inline)
    if plain is not None:
        return plain
    joined = None if inline else _joined_blocks(block)
    if joined is not None:
        return joined
    return "" if _BLANK.fullmatch(block) else None  # e.g. the white space between table rows


def _joined_finished(blocks: Blocks) -> str:
    """What `_joined_blocks` answers for a Blocks, told apart without a scan: a finished block
    holds no sentinel, the blank between blocks starts with one."""
    pieces = [piece.strip("\n") for piece in blocks.split(PARA) if piece[:1] not in _BETWEEN]
    return "\n\n".join(piece for piece in pieces if piece)


_BETWEEN = (TEXT, BR)  # what the blank between finished blocks starts with


def finish_block(block: str, *, inline: bool = False, cell: bool = False) -> str:
    """Turn a block's sentinel-marked string into final Markdown (no sentinels left)."""
    if type(block) is Blocks and not inline:
        return _joined_finished(block)
    known = _unread(block, inline)
    if known is not None:
        return known
    if not ANY_SENTINEL.search(block):
        return block.strip("\n") if not inline else " ".join(block.split("\n")).strip()
    flat = flat_emphasis(block, inline)
    if flat is not None:
        return flat
    tree = normalize_emphasis(inline_tree(block))
    while True:  # each round demotes at least one emphasis, each at most twice: this ends
        writer = _Writer(inline=inline, cell=cell)
        writer.write(tree, "")
        bad = writer.unflanked()
        if not bad and not writer.changed:
            break
        for node in bad:
            node.demote()
    out = writer.result()
    return out.strip() if inline else out


def _first_char(nodes: list[Node], default: str) -> str:
    for node in nodes:
        first = _node_first_char(node, default)
        if first is not None:
            return first
    return default


def _node_first_char(node: Node, default: str) -> str | None:
    """The first character a node writes (default: what comes after it), None if it writes
    nothing."""
    if isinstance(node, _VALUED):
        return node.value[0] if node.value else None
    if isinstance(node, InlineCode):
        return "`"
    if isinstance(node, Break):
        return "\n"
    if not node.dropped:
        return _first_char(node.parts()[0], DELIMITER[node.kind][0])
    return _first_char(node.children, default) if any_visible(node.children) else None


def _following_chars(nodes: list[Node], after: str) -> list[str]:
    """For each node, the first character written after it (one pass, from the end)."""
    if len(nodes) == 1:  # most lists written: the inside of an emphasis, or a lone text
        return [after]
    out = [after] * len(nodes)
    nxt = after
    for i in range(len(nodes) - 1, -1, -1):
        out[i] = nxt
        first = _node_first_char(nodes[i], nxt)
        nxt = nxt if first is None else first
    return out


def _visible_after(nodes: list[Node], i: int, after: str) -> str:
    """The next character that will be shown after node i (blank text is stripped there)."""
    for j in range(i + 1, len(nodes)):
        if not is_blank_text(nodes[j]):
            return _first_char([nodes[j]], after)
    return after


def _last_char(nodes: list[Node]) -> str:
    for node in reversed(nodes):
        if isinstance(node, _VALUED) and node.value:
            return node.value[-1]
        if isinstance(node, InlineCode):
            return "`"
        if isinstance(node, Emphasis) and not node.dropped:
            trail = node.parts()[2]
            return _last_char(trail) or DELIMITER[node.kind][0]
        if isinstance(node, Emphasis) and any_visible(node.children):
            return _last_char(node.children)
    return ""


_MARKS = {"strong": ("**", "__"), "em": ("*", "_"), "del": ("~~",)}


def _flanking_mark(kind: str, before: str, inner: list[Node], after: str) -> str | None:
    """The delimiter that opens and closes around these nodes here, if one does."""
    first, last = _first_char(inner, after), _last_char(inner)
    # One beside a delimiter of its own character would fuse into a longer run (`****a**`):
    # the other character is tried first.
    beside = (before, first, last, after)
    marks = _MARKS[kind]
    if marks[0][0] in beside and marks[-1][0] not in beside:
        marks = marks[::-1]
    for mark in marks:
        if can_open(before, first, mark) and can_close(last, after, mark):
            return mark
    return None


_OTHER = {"em": "strong", "strong": "em"}


def _fusable_inner(node: Emphasis) -> Emphasis | None:
    """The emphasis of the other kind (strong in em, em in strong) that is all of this one,
    edge to edge, if there is one."""
    inner = node.children
    if node.edges_out or len(inner) != 1 or not isinstance(inner[0], Emphasis):
        return None
    nested = inner[0]
    if nested.kind != _OTHER.get(node.kind) or nested.dropped or nested.edges_out:
        return None
    return nested


def _fused_mark(before: str, inner: list[Node], after: str) -> str | None:
    """The run of three that opens and closes emphasis and strong at once, if one does."""
    first, last = _first_char(inner, after), _last_char(inner)
    for run in ("***", "___"):
        if can_open(before, first, run) and can_close(last, after, run):
            return run
    return None


class _Writer:
    """Renders normalized inline nodes, knowing the characters on both sides of each."""

    def __init__(self, *, inline: bool, cell: bool) -> None:
        self.inline = inline
        self.cell = cell
        self.parts: list[str] = []
        self.last = ""  # last character written ('' at the start)
        self.newlines = 0  # newlines ending the output so far
        self.length = 0
        # emphasis written: opener and closer offsets, the delimiter run written there
        self.marks: list[tuple[Emphasis, int, int, str]] = []
        self.changed = False  # an emphasis was dropped: what was escaped before may be wrong
        self.code_at = -1  # index in parts of the code span written last
        self.code_value = ""

    def emit(self, s: str) -> None:
        """Append, merging newlines at the seam: at most one blank line, none at the start."""
        if s and s[0] != "\n" and s[-1] != "\n":  # most pieces: no seam to merge
            self.parts.append(s)
            self.length += len(s)
            self.last = s[-1]
            self.newlines = 0
            return
        lead = len(s) - len(s.lstrip("\n"))
        if lead:
            wanted = min(2, max(lead, self.newlines)) if self.parts else 0
            s = "\n" * max(0, wanted - self.newlines) + s[lead:]
        if not s:
            return
        self.parts.append(s)
        self.length += len(s)
        self.last = s[-1]
        body = s.rstrip("\n")
        self.newlines = len(s) - len(body) if body else self.newlines + len(s)

    def at_line_start(self) -> bool:
        return not self.parts or self.last == "\n"

    def write(self, nodes: list[Node], after: str) -> None:
        if not nodes:  # the lead and trail of most emphasis
            return
        following = _following_chars(nodes, after)
        for i, node in enumerate(nodes):
            if type(node) is Text:  # the node classes have no subclasses: `is`, not isinstance
                self.text(node, following[i])
            elif type(node) is Emphasis:
                self.emphasis(node, following[i])
            elif type(node) is Markup:
                self.markup(node.value)
            elif type(node) is InlineCode:
                self.code(node.value)
            elif type(node) is Break:
                self.brk(node, _visible_after(nodes, i, after))

    def text(self, node: Text, after: str) -> None:
        value = node.value
        start = not self.parts or self.last == "\n"  # at_line_start(), inlined: the hot path
        if start:
            value = value.lstrip(" \t\u00a0\u3000")
        elif self.last == " ":
            value = value.lstrip(" ")  # HTML collapses a space run across elements too
        if after in ("", "\n"):
            value = value.rstrip(" \t\u00a0\u3000")
        if not value:
            return
        out = escape_text(value, self.last, after, link=node.link, cell=self.cell)
        if start and not self.inline:
            out = escape_line_start(out, after)
        self.emit(out)

    def markup(self, value: str) -> None:
        if self.inline:
            value = " ".join(value.split("\n"))
            if self.cell:
                value = value.replace("|", "\\|")
        self.emit(value)

    def code(self, value: str) -> None:
        """Code spans that end up side by side are written as one (their fences would fuse)."""
        if self.code_at == len(self.parts) - 1 and self.code_at >= 0:
            previous = self.parts.pop()
            self.length -= len(previous)
            value = self.code_value + value
        self.code_value = value
        self.markup(code_span(value))
        self.code_at = len(self.parts) - 1

    def brk(self, node: Break, after: str) -> None:
        if self.inline:
            if not self.at_line_start() and self.last != " ":
                self.emit(" ")
        elif not node.hard:
            self.emit("\n" * node.newlines)
        elif not self.at_line_start() and after not in ("", "\n"):
            self.emit("\\\n")

    def emphasis(self, node: Emphasis, after: str) -> None:
        if node.dropped:
            self.write(node.children, after)
            return
        lead, inner, trail = node.parts()
        inner_after = _first_char(trail, after) if trail else after
        before = (_last_char(lead) if lead else "") or ("" if self.at_line_start() else self.last)
        mark = _flanking_mark(node.kind, before, inner, inner_after)
        nested = _fusable_inner(node) if mark is None else None
        if nested is not None:
            mark = _fused_mark(before, nested.children, after)
            if mark is not None:
                self.fused(node, nested, mark)
                return
        if mark is None:  # written plainly this round; the next tries the next step down
            node.demote()
            self.changed = True
            self.write(node.children, after)
            return
        node.mark = mark
        self.write(lead, mark[0])
        start = self.length
        self.emit(mark)
        self.write(inner, mark[0])
        self.marks.append((node, start, self.length, mark))
        self.emit(mark)
        self.write(trail, after)

    def fused(self, outer: Emphasis, nested: Emphasis, run: str) -> None:
        """`foo***bar***baz`: emphasis and strong, one all of the other, as one run of three,
        which flanks inside a word where `*` beside `**` does not (it renders as emphasis
        around strong, which shows the same as strong around emphasis). It is checked as one
        run; should it stop flanking, the outer one goes and the nested one is written alone."""
        for node in (outer, nested):
            node.mark = run[:1] if node.kind == "em" else run[:2]
        start = self.length
        self.emit(run)
        self.write(nested.children, run[0])
        self.marks.append((outer, start, self.length, run))
        self.emit(run)

    def unflanked(self) -> list[Emphasis]:
        """Emphasis whose written delimiters do not flank (a neighbour changed after the
        decision, e.g. an inner emphasis was dropped)."""
        if not self.marks:  # most blocks: no need to join what was written
            return []
        s = "".join(self.parts)
        return [
            node
            for node, opener, closer, mark in self.marks
            if not delimiters_flank(s, opener, closer, mark)
        ]

    def result(self) -> str:
        return "".join(self.parts).strip("\n")
