"""A block's sentinel-marked string as a tree of inline nodes, ready to be written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from converters.markdown.escape import is_space, punct_loose
from converters.markdown.sentinels import (
    BR,
    CODE,
    KIND_OF,
    LINE,
    LINK_TEXT,
    OPEN,
    PARA,
    PIECES,
    TEXT,
)

# Chinese, Japanese and Korean scripts and punctuation, full-width forms included
CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
_CJK_CHAR = re.compile(f"[{CJK}]")


# ------------------------------------------------------------------ the nodes


@dataclass
class Text:
    """A text node from the HTML: escaped when written, once its neighbours are known."""

    value: str
    link: bool = False


@dataclass
class Markup:
    """Markdown already written (a link, an image, a whole nested block)."""

    value: str


@dataclass
class InlineCode:
    value: str


@dataclass
class Break:
    newlines: int  # 2: a blank line; 1: a new line
    hard: bool = False  # a single <br> inside a paragraph


@dataclass
class Emphasis:
    kind: str  # "strong", "em" or "del"
    children: list[Node] = field(default_factory=list)
    # Written as is while some delimiter flanks there; else with its edge punctuation outside
    # the delimiters (edges_out: `“**引用**”吗`); else, as a last resort, as plain content.
    edges_out: bool = False
    dropped: bool = False
    mark: str = ""  # the delimiter written, once decided
    # parts() once edges_out: the writer asks for them several times a round, and the
    # children no longer change once the nodes are normalized
    edges: tuple[list[Node], list[Node], list[Node]] | None = field(
        default=None, repr=False, compare=False
    )

    def parts(self) -> tuple[list[Node], list[Node], list[Node]]:
        """(written before the opener, between the delimiters, after the closer)."""
        if not self.edges_out:
            return [], self.children, []
        if self.edges is None:
            self.edges = split_edges(self.children)
        return self.edges

    def demote(self) -> None:
        """One step down that ladder, after its delimiters failed to flank."""
        if not self.edges_out:
            edges = split_edges(self.children)
            if edges[0] or edges[2]:
                self.edges_out, self.edges = True, edges
                return
        self.dropped = True


Node = Text | Markup | InlineCode | Break | Emphasis


def inline_tree(block: str) -> list[Node]:
    """A block's sentinel string as nodes, emphasis nested, `<br>` runs resolved."""
    tokens = _tokens(block)
    if "\n" in block:  # else neither step has anything to do
        _join_cjk_lines(tokens)
    if BR in block:
        tokens = _resolve_breaks(tokens)
    return _build_tree(tokens)


def split_edges(nodes: list[Node]) -> tuple[list[Node], list[Node], list[Node]]:
    """(leading, inner, trailing): the white space and punctuation at the edges of the first
    and last text nodes, split from what lies between."""
    lead: list[Node] = []
    trail: list[Node] = []
    if nodes and isinstance(nodes[0], Text):
        first = nodes[0]
        n = _edge_length(first.value)
        if n:
            lead = [Text(first.value[:n], first.link)]
            nodes = [Text(first.value[n:], first.link), *nodes[1:]]
    if nodes and isinstance(nodes[-1], Text):
        last = nodes[-1]
        n = len(last.value) - _edge_length(reversed(last.value))
        if n < len(last.value):
            trail = [Text(last.value[n:], last.link)]
            nodes = [*nodes[:-1], Text(last.value[:n], last.link)]
    return lead, nodes, trail


def _edge_length(chars: Iterable[str]) -> int:
    """How many characters at this edge are spaces or punctuation."""
    n = 0
    for ch in chars:
        if not (is_space(ch) or punct_loose(ch)):
            break
        n += 1
    return n


def any_visible(nodes: list[Node]) -> bool:
    """Whether the nodes show anything but white space."""
    for node in nodes:
        if isinstance(node, Markup | InlineCode) and node.value.strip():
            return True
        if isinstance(node, Text) and node.value.strip(" \u00a0\u3000"):
            return True
        if isinstance(node, Emphasis) and any_visible(node.children):
            return True
    return False


# ------------------------------------------------------------ from the string


def _tokens(block: str) -> list[Node | str]:
    """Split a block string into nodes; emphasis sentinels stay as one-char strings."""
    out: list[Node | str] = []
    for part in PIECES.findall(block):
        first = part[0]
        if first in (TEXT, LINK_TEXT) and len(part) > 1:  # one alone opens no node: Markup
            out.append(Text(part[1:-1], first == LINK_TEXT))
        elif first == CODE and len(part) > 1:
            previous = out[-1] if out else None
            if isinstance(previous, InlineCode):  # adjacent code spans would merge their fences
                previous.value += part[1:-1]
            else:
                out.append(InlineCode(part[1:-1]))
        elif first in (PARA, LINE):
            out.append(Break(2 if first == PARA else 1))
        elif first in KIND_OF or first == BR:
            out.append(part)
        else:
            out.append(Markup(part))
    return out


def _neighbour_char(tokens: list[Node | str], i: int, step: int) -> str:
    """The nearest character beside token i, looking through emphasis sentinels."""
    i += step
    while 0 <= i < len(tokens):
        tok = tokens[i]
        if isinstance(tok, Text | Markup) and tok.value:
            return tok.value[0] if step > 0 else tok.value[-1]
        if isinstance(tok, InlineCode):
            return "`"
        if tok == BR or isinstance(tok, Break):
            return "\n"
        i += step
    return ""


def _join_cjk_lines(tokens: list[Node | str]) -> None:
    """A source line break between two CJK characters is not a space (CSS Text 3)."""
    for i, tok in enumerate(tokens):
        if not isinstance(tok, Text) or "\n" not in tok.value:
            continue
        value = tok.value
        left = _neighbour_char(tokens, i, -1)
        right = _neighbour_char(tokens, i, 1)
        pieces = value.split("\n")
        joined = pieces[0]
        for piece in pieces[1:]:
            a = joined[-1:] or left
            b = piece[:1] or right
            cjk = bool(a and b and _CJK_CHAR.match(a) and _CJK_CHAR.match(b))
            joined += ("" if cjk else " ") + piece
        tok.value = joined


def _resolve_breaks(tokens: list[Node | str]) -> list[Node | str]:
    """One `<br>` is a hard break; two or more (blank text between) end the paragraph."""
    out: list[Node | str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] != BR:
            out.append(tokens[i])
            i += 1
            continue
        count, j = 0, i
        while j < len(tokens) and (tokens[j] == BR or is_blank_text(tokens[j])):
            count += tokens[j] == BR
            j += 1
        out.append(Break(2, hard=count == 1))
        i = j
    return out


def is_blank_text(tok: Node | str) -> bool:
    return isinstance(tok, Text) and not tok.value.strip(" \t\n\u00a0\u3000")


def _build_tree(tokens: list[Node | str]) -> list[Node]:
    """Nest the nodes between matching emphasis sentinels; unmatched ones are dropped."""
    root: list[Node] = []
    stack: list[Emphasis] = []
    for tok in tokens:
        if not isinstance(tok, str):
            (stack[-1].children if stack else root).append(tok)
        elif tok in KIND_OF and tok == OPEN[KIND_OF[tok]]:
            stack.append(Emphasis(KIND_OF[tok]))
        elif stack and stack[-1].kind == KIND_OF[tok]:
            done = stack.pop()
            (stack[-1].children if stack else root).append(done)
    while stack:  # unclosed: keep the content, lose the markers
        done = stack.pop()
        (stack[-1].children if stack else root).extend(done.children)
    return root
