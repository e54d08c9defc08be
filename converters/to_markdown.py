"""Cleaned HTML (or plain text) -> CommonMark with GFM tables.

`ArticleConverter` keeps markdownify's extension point (one `convert_<tag>(el, text,
parent_tags)` method per tag) but walks an lxml tree: BeautifulSoup costs more than the
whole rest of the pipeline, and lxml is already what the boilerplate stage produced.

Inline text is not escaped where it is met.  Each text node is wrapped in sentinel
characters (Unicode noncharacters, never valid in interchanged text) and each emphasis,
strikethrough and `<br>` becomes a sentinel too; when a block is finished, `finish_block`
sees the whole line around every character and decides then what needs a backslash,
where a `<br>` run is a paragraph break, and whether `**` will flank correctly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import lxml.etree as etree
from markdownify import MarkdownConverter

from converters.document import Document, Settings
from converters.html_parse import BLOCK_TAGS, Element, int_attribute, parse_html
from converters.markdown_escape import (
    ESCAPE_CANDIDATES,
    escape_line_start,
    escape_text,
    is_space,
    punct_loose,
    punct_strict,
)
from converters.markdown_links import image_source, media_label, safe_url, title_part, video_url
from converters.markdown_sentinels import (
    ANY_SENTINEL,
    BR,
    CLOSE,
    CODE,
    DELIMITER,
    END,
    KIND_OF,
    LINE,
    LINK_TEXT,
    NONCHARACTERS,
    OPEN,
    PARA,
    SENTINEL_TOKEN,
    TEXT,
)

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
MAX_SPAN = 50  # colspan/rowspan only add empty cells; more than this is noise

# ------------------------------------------------------------- character classes

_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\f]+")
_NEWLINE_SPACES = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")


def _left_flanking(before: str, after: str) -> bool:
    """Left-flanking under both definitions of punctuation."""
    return not is_space(after) and (
        not punct_loose(after) or is_space(before) or punct_strict(before)
    )


def _right_flanking(before: str, after: str) -> bool:
    return not is_space(before) and (
        not punct_loose(before) or is_space(after) or punct_strict(after)
    )


def _can_open(before: str, after: str, mark: str = "*") -> bool:
    if mark[0] != "_":
        return _left_flanking(before, after)
    return _left_flanking(before, after) and (
        punct_strict(before) or not _maybe_right_flanking(before, after)
    )


def _can_close(before: str, after: str, mark: str = "*") -> bool:
    if mark[0] != "_":
        return _right_flanking(before, after)
    return _right_flanking(before, after) and (
        punct_strict(after) or not _maybe_left_flanking(before, after)
    )


def _maybe_left_flanking(before: str, after: str) -> bool:
    """Left-flanking under at least one definition of punctuation."""
    return not is_space(after) and (
        not punct_strict(after) or is_space(before) or punct_loose(before)
    )


def _maybe_right_flanking(before: str, after: str) -> bool:
    return not is_space(before) and (
        not punct_strict(before) or is_space(after) or punct_loose(after)
    )


# ----------------------------------------------------------- inline tree model


@dataclass
class _Text:
    value: str
    link: bool = False


@dataclass
class _Md:
    value: str


@dataclass
class _Code:
    value: str


@dataclass
class _Break:
    newlines: int  # 2: a blank line; 1: a new line
    hard: bool = False  # a single <br> inside a paragraph


@dataclass
class _Emph:
    kind: str
    children: list[_Node] = field(default_factory=list)
    dropped: bool = False  # its delimiters would not flank: written as plain content
    mark: str = ""  # the delimiter written, once decided


_Node = _Text | _Md | _Code | _Break | _Emph


def _tokens(block: str) -> list[_Node | str]:
    """Split a block string into nodes; emphasis sentinels stay as one-char strings."""
    out: list[_Node | str] = []
    for i, part in enumerate(SENTINEL_TOKEN.split(block)):
        if not part:
            continue
        if i % 2 == 0:
            out.append(_Md(part))
        elif part[0] == CODE:
            previous = out[-1] if out else None
            if isinstance(previous, _Code):  # adjacent code spans would merge their fences
                previous.value += part[1:-1]
            else:
                out.append(_Code(part[1:-1]))
        elif part[0] in (TEXT, LINK_TEXT):
            out.append(_Text(part[1:-1], part[0] == LINK_TEXT))
        elif part in (PARA, LINE):
            out.append(_Break(2 if part == PARA else 1))
        else:
            out.append(part)
    return out


def _neighbour_char(tokens: list[_Node | str], i: int, step: int) -> str:
    """The nearest character beside token i, looking through emphasis sentinels."""
    i += step
    while 0 <= i < len(tokens):
        tok = tokens[i]
        if isinstance(tok, _Text | _Md) and tok.value:
            return tok.value[0] if step > 0 else tok.value[-1]
        if isinstance(tok, _Code):
            return "`"
        if tok == BR or isinstance(tok, _Break):
            return "\n"
        i += step
    return ""


def _join_cjk_lines(tokens: list[_Node | str]) -> None:
    """A source line break between two CJK characters is not a space (CSS Text 3)."""
    for i, tok in enumerate(tokens):
        if not isinstance(tok, _Text) or "\n" not in tok.value:
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


def _resolve_breaks(tokens: list[_Node | str]) -> list[_Node | str]:
    """One `<br>` is a hard break; two or more (blank text between) end the paragraph."""
    out: list[_Node | str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] != BR:
            out.append(tokens[i])
            i += 1
            continue
        count, j = 0, i
        while j < len(tokens) and (tokens[j] == BR or _blank_text(tokens[j])):
            count += tokens[j] == BR
            j += 1
        out.append(_Break(2, hard=count == 1))
        i = j
    return out


def _blank_text(tok: _Node | str) -> bool:
    return isinstance(tok, _Text) and not tok.value.strip(" \t\n\u00a0\u3000")


def _build_tree(tokens: list[_Node | str]) -> list[_Node]:
    """Nest the nodes between matching emphasis sentinels; unmatched ones are dropped."""
    root: list[_Node] = []
    stack: list[_Emph] = []
    for tok in tokens:
        if not isinstance(tok, str):
            (stack[-1].children if stack else root).append(tok)
        elif tok in KIND_OF and tok == OPEN[KIND_OF[tok]]:
            stack.append(_Emph(KIND_OF[tok]))
        elif stack and stack[-1].kind == KIND_OF[tok]:
            done = stack.pop()
            (stack[-1].children if stack else root).append(done)
    while stack:  # unclosed: keep the content, lose the markers
        done = stack.pop()
        (stack[-1].children if stack else root).extend(done.children)
    return root


def _is_break(node: _Node) -> bool:
    return isinstance(node, _Break) or (isinstance(node, _Md) and "\n" in node.value)


def _visible(nodes: list[_Node]) -> bool:
    for node in nodes:
        if isinstance(node, _Md | _Code) and node.value.strip():
            return True
        if isinstance(node, _Text) and node.value.strip(" \u00a0\u3000"):
            return True
        if isinstance(node, _Emph) and _visible(node.children):
            return True
    return False


def _edge_length(chars: Iterable[str]) -> int:
    """How many characters at this edge are spaces or punctuation."""
    n = 0
    for ch in chars:
        if not (is_space(ch) or punct_loose(ch)):
            break
        n += 1
    return n


def _merge_texts(nodes: list[_Node]) -> list[_Node]:
    out: list[_Node] = []
    for node in nodes:
        previous = out[-1] if out else None
        if isinstance(node, _Text) and isinstance(previous, _Text) and previous.link == node.link:
            value = node.value.lstrip(" ") if previous.value.endswith(" ") else node.value
            out[-1] = _Text(previous.value + value, node.link)  # HTML collapses the seam too
        elif not (isinstance(node, _Text) and not node.value):
            out.append(node)
    return out


def _wrap(kind: str, nodes: list[_Node]) -> list[_Node]:
    """Emphasis around nodes, with edge spaces and punctuation moved outside the markers
    so the delimiters flank (`**…。”**这` would not render under CommonMark)."""
    nodes = _merge_texts(nodes)
    before: list[_Node] = []
    after: list[_Node] = []
    if nodes and isinstance(nodes[0], _Text):
        first = nodes[0]
        n = _edge_length(first.value)
        before = [_Text(first.value[:n], first.link)]
        nodes = [_Text(first.value[n:], first.link), *nodes[1:]]
    if nodes and isinstance(nodes[-1], _Text):
        last = nodes[-1]
        n = len(last.value) - _edge_length(reversed(last.value))
        after = [_Text(last.value[n:], last.link)]
        nodes = [*nodes[:-1], _Text(last.value[:n], last.link)]
    if not _visible(nodes):
        return [*before, *nodes, *after]
    return [*before, _Emph(kind, nodes), *after]


def _merge_neighbours(nodes: list[_Node]) -> list[_Node]:
    """`<b>a</b><b>b</b>` is one bold run: `**a****b**` would not render."""
    out: list[_Node] = []
    for node in _merge_texts(nodes):
        previous = out[-1] if out else None
        if isinstance(node, _Emph) and isinstance(previous, _Emph) and previous.kind == node.kind:
            previous.children = _merge_texts(previous.children + node.children)
        else:
            out.append(node)
    return out


def _normalize(nodes: list[_Node], inside: frozenset[str] = frozenset()) -> list[_Node]:
    """Emphasis that nests in itself is flattened; emphasis split at every break."""
    return _merge_neighbours(_split_emphasis(nodes, inside))


def _split_emphasis(nodes: list[_Node], inside: frozenset[str]) -> list[_Node]:
    out: list[_Node] = []
    for node in nodes:
        if not isinstance(node, _Emph):
            out.append(node)
            continue
        children = _normalize(node.children, inside | {node.kind})
        if node.kind in inside:
            out.extend(children)
            continue
        segment: list[_Node] = []
        for child in children:
            if _is_break(child):
                out.extend(_wrap(node.kind, segment))
                out.append(child)
                segment = []
            else:
                segment.append(child)
        out.extend(_wrap(node.kind, segment))
    return out


def _first_char(nodes: list[_Node], default: str) -> str:
    for node in nodes:
        if isinstance(node, _Text | _Md) and node.value:
            return node.value[0]
        if isinstance(node, _Code):
            return "`"
        if isinstance(node, _Break):
            return "\n"
        if isinstance(node, _Emph) and not node.dropped:
            return DELIMITER[node.kind][0]
        if isinstance(node, _Emph) and _visible(node.children):
            return _first_char(node.children, default)
    return default


def _following_chars(nodes: list[_Node], after: str) -> list[str]:
    """For each node, the first character written after it (one pass, from the end)."""
    out = [after] * len(nodes)
    nxt = after
    for i in range(len(nodes) - 1, -1, -1):
        out[i] = nxt
        nxt = _first_char([nodes[i]], nxt)
    return out


def _visible_after(nodes: list[_Node], i: int, after: str) -> str:
    """The next character that will be shown after node i (blank text is stripped there)."""
    for j in range(i + 1, len(nodes)):
        if not _blank_text(nodes[j]):
            return _first_char([nodes[j]], after)
    return after


def _last_char(nodes: list[_Node]) -> str:
    for node in reversed(nodes):
        if isinstance(node, _Text | _Md) and node.value:
            return node.value[-1]
        if isinstance(node, _Code):
            return "`"
        if isinstance(node, _Emph) and not node.dropped:
            return DELIMITER[node.kind][0]
        if isinstance(node, _Emph) and _visible(node.children):
            return _last_char(node.children)
    return ""


def _code_span(code: str) -> str:
    fence = "`" * (max((len(r) for r in re.findall("`+", code)), default=0) + 1)
    if code[0] == "`" or code[-1] == "`" or (code[0] == code[-1] == " " and code.strip()):
        code = " " + code + " "
    return fence + code + fence


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


class _Writer:
    """Renders normalized inline nodes, knowing the characters on both sides of each."""

    def __init__(self, *, inline: bool, cell: bool) -> None:
        self.inline = inline
        self.cell = cell
        self.parts: list[str] = []
        self.last = ""  # last character written ('' at the start)
        self.newlines = 0  # newlines ending the output so far
        self.length = 0
        self.marks: list[tuple[_Emph, int, int]] = []  # emphasis written: opener, closer
        self.changed = False  # an emphasis was dropped: what was escaped before may be wrong
        self.code_at = -1  # index in parts of the code span written last
        self.code_value = ""

    def emit(self, s: str) -> None:
        """Append, merging newlines at the seam: at most one blank line, none at the start."""
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

    def write(self, nodes: list[_Node], after: str) -> None:
        following = _following_chars(nodes, after)
        for i, (node, nxt) in enumerate(zip(nodes, following, strict=True)):
            if isinstance(node, _Text):
                self.text(node, nxt)
            elif isinstance(node, _Md):
                self.markup(node.value)
            elif isinstance(node, _Code):
                self.code(node.value)
            elif isinstance(node, _Break):
                self.brk(node, _visible_after(nodes, i, after))
            else:
                self.emphasis(node, nxt)

    def text(self, node: _Text, after: str) -> None:
        value = node.value
        start = self.at_line_start()
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
        self.markup(_code_span(value))
        self.code_at = len(self.parts) - 1

    def brk(self, node: _Break, after: str) -> None:
        if self.inline:
            if not self.at_line_start() and self.last != " ":
                self.emit(" ")
        elif not node.hard:
            self.emit("\n" * node.newlines)
        elif not self.at_line_start() and after not in ("", "\n"):
            self.emit("\\\n")

    def emphasis(self, node: _Emph, after: str) -> None:
        before = "" if self.at_line_start() else self.last
        first = _first_char(node.children, after)
        last = _last_char(node.children)
        mark = DELIMITER[node.kind]
        if mark == "*" and "*" in (before, first, last, after):
            mark = "_"  # a `*` run beside it would fuse with ours (`***` parses ambiguously)
        node.mark = mark
        if node.dropped or not (_can_open(before, first, mark) and _can_close(last, after, mark)):
            self.changed |= not node.dropped
            node.dropped = True
            self.write(node.children, after)
            return
        start = self.length
        self.emit(mark)
        self.write(node.children, mark[0])
        self.marks.append((node, start, self.length))
        self.emit(mark)

    def unflanked(self) -> list[_Emph]:
        """Emphasis whose written delimiters do not flank (a neighbour changed after the
        decision, e.g. an inner emphasis was dropped)."""
        s = "".join(self.parts)
        bad = []
        for node, start, end in self.marks:
            size = len(node.mark)
            opener = _run_edges(s, start, size)
            closer = _run_edges(s, end, size)
            flanks = _can_open(*opener[:2], node.mark) and _can_close(*closer[:2], node.mark)
            if not flanks or opener[2] != size or closer[2] != size:
                bad.append(node)
        return bad

    def result(self) -> str:
        return "".join(self.parts).strip("\n")


_LINE_START_TRIGGERS = frozenset("#>-+*=|:0123456789")


def _plain_block(block: str, inline: bool) -> str | None:
    """The answer for a block that is only text needing no escapes, else None."""
    if not (block.startswith(TEXT) and block.endswith(END)):
        return None
    text = block[1:-1].replace(END + TEXT, "")
    if "\n" in text or "  " in text or ANY_SENTINEL.search(text) or ESCAPE_CANDIDATES.search(text):
        return None
    text = text.strip() if inline else text.strip(" \t\u00a0\u3000")
    if not inline and text[:1] in _LINE_START_TRIGGERS:
        return None
    return text


def finish_block(block: str, *, inline: bool = False, cell: bool = False) -> str:
    """Turn a block's sentinel-marked string into final Markdown (no sentinels left)."""
    plain = _plain_block(block, inline)
    if plain is not None:
        return plain
    if not ANY_SENTINEL.search(block):
        return block.strip("\n") if not inline else " ".join(block.split("\n")).strip()
    tokens = _tokens(block)
    _join_cjk_lines(tokens)
    tree = _normalize(_build_tree(_resolve_breaks(tokens)))
    while True:  # each round drops at least one emphasis, so this ends
        writer = _Writer(inline=inline, cell=cell)
        writer.write(tree, "")
        bad = writer.unflanked()
        if not bad and not writer.changed:
            break
        for node in bad:
            node.dropped = True
    out = writer.result()
    return out.strip() if inline else out


# ------------------------------------------------------------------ converter

_SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "svg",
        "canvas",
        "map",
        "area",
        "input",
        "select",
        "option",
        "textarea",
        "button",
        "object",
        "embed",
        "param",
        "source",
        "track",
        "frame",
        "frameset",
    ]
)
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
    "pre": "pre",
}
_INLINE_CONTEXT = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "a", "caption"])
_LANGUAGE = re.compile(
    r"(?:^|\s)(?:language-|lang-|highlight-source-|highlight-|brush:\s*)([A-Za-z0-9_+#.-]+)"
)


def _emphasis(kind: str) -> Callable[[Any, Element, str, frozenset[str]], str]:
    def convert(self: Any, el: Element, text: str, parent_tags: frozenset[str]) -> str:
        return text if kind in parent_tags else OPEN[kind] + text + CLOSE[kind]

    return convert


def _spaced(text: str) -> str:
    """Block content flattened into an inline context (a cell, a heading, link text)."""
    return TEXT + " " + END + text + TEXT + " " + END


class ArticleConverter(MarkdownConverter):
    """markdownify's per-tag methods, over an lxml tree, emitting sentinel-marked text."""

    class Options:
        heading_style = "atx"
        bullets = "-"
        strong_em_symbol = "*"
        newline_style = "backslash"

    def __init__(self) -> None:
        super().__init__()
        self._converters: dict[str, Callable[[Element, str, frozenset[str]], str]] = {}
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

    # -- walking

    def _find_converter(self, tag: str) -> Callable[[Element, str, frozenset[str]], str]:
        """markdownify's extension point: a `convert_<tag>` method, else the text as is."""
        method = getattr(self, "convert_" + re.sub(r"[^a-z0-9_]", "_", tag), None)
        heading = re.fullmatch(r"h([1-6])", tag)
        if heading and method is None:
            level = int(heading.group(1))
            return lambda el, text, tags: self.convert_hN(level, el, text, tags)
        return method if callable(method) else (lambda el, text, tags: text)

    def convert_tree(self, root: Element) -> str:
        return finish_block(self.process(root, frozenset(), 0))

    def process(self, el: Element, tags: frozenset[str], depth: int) -> str:
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP:
            return ""
        if depth > MAX_DEPTH:
            return self._flat(el, tags)
        special = self._special.get(tag)
        if special is not None:
            return special(el, tags, depth)
        inner = self._children(el, self._context(tag, tags), depth)
        convert = self._converters.get(tag)
        if convert is None:
            convert = self._converters[tag] = self._find_converter(tag)
        return convert(el, inner, tags)

    def _context(self, tag: str, tags: frozenset[str]) -> frozenset[str]:
        extra = _CONTEXT.get(tag)
        if tag in _INLINE_CONTEXT:
            return tags | {extra or tag, "_inline"}
        return tags | {extra} if extra else tags

    def _children(self, el: Element, tags: frozenset[str], depth: int) -> str:
        parts = [self.text(el.text, tags)] if el.text else []
        for child in el:
            parts.append(self.process(child, tags, depth + 1))
            if child.tail:
                parts.append(self.text(child.tail, tags))
        return "".join(parts)

    def text(self, text: str, tags: frozenset[str]) -> str:
        text = _CJK_BREAK.sub("", text)
        text = _SPACES.sub(" ", _NEWLINE_SPACES.sub("\n", text))
        return (LINK_TEXT if "a" in tags else TEXT) + text + END

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
        return PARA + body + PARA if body else ""

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
        return PARA + "#" * max(1, min(6, n)) + " " + body + PARA

    def convert_blockquote(self, el: Element, text: str, parent_tags: frozenset[str]) -> str:
        if "_inline" in parent_tags or _nesting(el, ("blockquote",)) > MAX_NESTING:
            return self._block(el, text, parent_tags)
        body = finish_block(text)
        if not body:
            return ""
        quoted = "\n".join("> " + line if line else ">" for line in body.split("\n"))
        return PARA + quoted + PARA

    def convert_hr(self, el: Element, text: str, parent_tags: frozenset[str]) -> str:
        return "" if "_inline" in parent_tags else PARA + "---" + PARA

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
        title = el.get("title") or ""
        shown = " ".join("".join(el.itertext()).split())
        suffix = title_part(title) if " ".join(title.split()) != shown else ""
        return "[" + text + "](" + href + suffix + ")"

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
        code = " ".join(_plain_text(el).split("\n"))
        if not code.strip():
            return TEXT + code + END if code else ""
        return CODE + code + END

    def _pre(self, el: Element, tags: frozenset[str], depth: int) -> str:
        if "_inline" in tags:
            return self._code(el, tags, depth)
        code = _plain_text(el)
        lines = [line.rstrip() for line in code.split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        if not lines:
            return ""
        body = "\n".join(lines)
        longest = max((len(r) for r in re.findall(r"`{3,}", body)), default=2)
        fence = "`" * (longest + 1)
        return PARA + fence + _code_language(el) + "\n" + body + "\n" + fence + PARA

    # -- lists

    def _list(self, el: Element, tags: frozenset[str], depth: int) -> str:
        if "_inline" in tags or _nesting(el, _LIST_TAGS) > MAX_NESTING:
            return self._block(el, self._children(el, tags, depth), tags)
        ordered = el.tag == "ol"
        number = int_attribute(el, "start", 1, 10**8) if ordered else 0
        items: list[str] = []
        for child in el:
            if not isinstance(child.tag, str) or child.tag in _SKIP:
                continue
            content = finish_block(self.process(child, tags | {"li"}, depth + 1))
            if content:
                items.append(_list_item(f"{number}." if ordered else "-", content))
            number += 1
        if not items:
            return ""
        loose = any("\n\n" in item for item in items)
        body = ("\n\n" if loose else "\n").join(items)
        return LINE + body + PARA if "li" in tags and not loose else PARA + body + PARA

    # -- tables

    def _table(self, el: Element, tags: frozenset[str], depth: int) -> str:
        if "_inline" in tags:
            return _spaced(self._children(el, tags | {"_inline"}, depth))
        grid = self._grid(el, tags, depth)
        caption = el.find("caption")
        head = self.process(caption, tags, depth + 1) if caption is not None else ""
        if not grid:
            return head
        width = max(len(row) for row in grid)
        rows = [row + [""] * (width - len(row)) for row in grid]
        lines = [_table_row(rows[0]), _table_row(["---"] * width)]
        lines.extend(_table_row(row) for row in rows[1:])
        return head + PARA + "\n".join(lines) + PARA

    def _grid(self, el: Element, tags: frozenset[str], depth: int) -> list[list[str]]:
        grid: list[list[str]] = []
        pending: dict[int, int] = {}  # column -> rows still covered by a rowspan
        cell_tags = tags | {"_inline", "td"}
        for tr in _table_rows(el):
            row: list[str] = []
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                    continue
                _fill_pending(row, pending)
                content = finish_block(
                    self.process(cell, cell_tags, depth + 2), inline=True, cell=True
                )
                span = int_attribute(cell, "colspan", 1, MAX_SPAN)
                down = int_attribute(cell, "rowspan", 1, MAX_SPAN)
                for k in range(span):
                    if down > 1:
                        pending[len(row)] = down - 1
                    row.append(content if k == 0 else "")
            _fill_pending(row, pending, all_columns=True)
            if row:
                grid.append(row)
        return grid if any(any(cell for cell in row) for row in grid) else []


_LIST_TAGS = ("ul", "ol", "dir", "menu")


def _nesting(el: Element, tags: tuple[str, ...]) -> int:
    """How many of these tags enclose el, itself included (each one indents every line)."""
    return sum(1 for _ in el.iterancestors(*tags)) + 1


def _has_text(text: str) -> bool:
    return bool(ANY_SENTINEL.sub("", text).strip(" \n\u00a0\u3000")) or "![" in text


def _plain_text(el: Element) -> str:
    """Text of a code element: `<br>` is a newline, highlighting markup falls away."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "br":
                parts.append("\n")
            elif node.text and node.tag not in ("script", "style"):
                parts.append(node.text)
        elif node.tail and node is not el:
            parts.append(node.tail)
    text = "".join(parts).replace("\r\n", "\n").replace("\r", "\n")
    return NONCHARACTERS.sub("\ufffd", text)


def _code_language(pre: Element) -> str:
    candidates = [pre, pre.getparent(), *pre.iterchildren("code")]
    for el in candidates:
        if el is None:
            continue
        lang = el.get("data-lang") or el.get("lang") or ""
        m = _LANGUAGE.search(el.get("class") or "")
        lang = m.group(1) if m else lang
        if re.fullmatch(r"[A-Za-z0-9_+#.-]{1,30}", lang):
            return lang
    return ""


def _list_item(marker: str, content: str) -> str:
    pad = " " * (len(marker) + 1)
    lines = content.split("\n")
    rest = [pad + line if line else "" for line in lines[1:]]
    return "\n".join([marker + " " + lines[0], *rest])


def _table_rows(table: Element) -> Iterator[Element]:
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if tr.tag == "tr")


def _fill_pending(row: list[str], pending: dict[int, int], all_columns: bool = False) -> None:
    while pending.get(len(row), 0) or (all_columns and any(c >= len(row) for c in pending)):
        col = len(row)
        if pending.get(col, 0):
            pending[col] -= 1
            if not pending[col]:
                del pending[col]
        row.append("")


def _table_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


# ------------------------------------------------------------------ public


_CONVERTER: list[ArticleConverter] = []


def _converter() -> ArticleConverter:
    if not _CONVERTER:
        _CONVERTER.append(ArticleConverter())
    return _CONVERTER[0]


def convert_html(markup: str) -> tuple[str, tuple[str, ...]]:
    """Markdown for an HTML fragment, and warnings about anything that was approximated."""
    if not markup.strip():
        return "", ()
    root, warnings = parse_html(markup)
    markdown = _converter().convert_tree(root)
    return _strip_outer_rules(markdown), warnings


def _strip_outer_rules(markdown: str) -> str:
    """A thematic break before or after everything separates nothing."""
    while markdown.startswith("---\n") or markdown == "---":
        markdown = markdown[3:].lstrip("\n")
    while markdown.endswith("\n---"):
        markdown = markdown[:-3].rstrip("\n")
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
        return replace(doc, markdown=doc.html)
    if doc.body_kind == "text":
        return replace(doc, markdown=text_to_markdown(doc.html))
    markdown, warnings = convert_html(doc.html)
    return replace(doc, markdown=markdown, warnings=doc.warnings + warnings)
