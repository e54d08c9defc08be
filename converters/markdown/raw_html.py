"""Raw HTML out of a Markdown body: a backslash before each `<` that CommonMark would read as
the start of an HTML block or of inline HTML.

A body is read as Markdown when it has no complete tag outside code, yet CommonMark opens an
HTML block on a `<div` alone at the start of a line, and reads `<?…?>` or `<a title='>'>` as
inline HTML.  Only such a `<` gets a backslash, so clean Markdown passes byte for byte and an
escaped body is escaped no further.  Code is skipped only where it surely is code: a fenced
block whose lines keep its markers and indent, a code span closing on its own line with nothing
before it that could pair its backticks otherwise (a stray backtick, a link target, a table's
`|`).  Elsewhere a `<` is judged as text: a backslash shown in code is a smaller loss than raw
HTML in the output.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# CommonMark 0.31 start conditions 1 to 6: these open an HTML block with no closing `>`
_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|"
    "header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|"
    "param|pre|script|search|section|source|style|summary|table|tbody|td|textarea|tfoot|th|"
    "thead|title|tr|track|ul"
)
_BLOCK_START = re.compile(
    rf"<(?:!(?:--|\[CDATA\[|[A-Za-z])|\?|/?(?:{_BLOCK_NAMES})(?=\s|/?>|$))", re.I
)
# A complete open or closing tag (start condition 7, and inline HTML).  Between attributes a
# renderer may take any Unicode space, and line breaks with the next lines' quote markers.
_SPACE = r"[^\S\n]*(?:\n[\s>]*)?"
_SPACES = r"(?:[^\S\n]+(?:\n[\s>]*)?|\n[\s>]*)"
_ATTRIBUTE = (
    rf"{_SPACES}[A-Za-z_:][A-Za-z0-9_.:-]*"
    rf"(?:{_SPACE}={_SPACE}(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?"
)
_TAG = re.compile(
    rf"<(?:[A-Za-z][A-Za-z0-9-]*(?:{_ATTRIBUTE})*{_SPACE}/?|/[A-Za-z][A-Za-z0-9-]*{_SPACE})>"
)
# comments, processing instructions, declarations, CDATA: inline once something closes them
_CLOSERS = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"), ("<!", ">"))
_DECLARATION = re.compile(r"<!(?:--|\[CDATA\[|[A-Za-z])|<\?")
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\x00-\x20<>]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)
# Quote and list markers before a line's content, loosely: any indent, fake ones too (which
# normalize_markdown drops)
_CONTAINERS = re.compile(r"(?:[ \t\u3000\u00a0]*(?:>|(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)))*")
_INDENT = re.compile(r"[ \t\u3000\u00a0]*")
_MARKER = re.compile(r"([ ]{0,3})(?:>( ?)|([-+*]|[0-9]{1,9}[.)])( *))")
_LATER = re.compile(r"(?!0*1[.)])[0-9]")
_FENCE = re.compile(r"([ ]{0,3})(`{3,}|~{3,})(.*)")
_MAY_BE_FENCE = re.compile(r"[ \t>]*(?:(?:[-+*]|[0-9]{1,9}[.)])[ \t>]*)*(?:`{3}|~{3})")
_LEAD = re.compile(r"[ \t>]*")
_DELIMITER_ROW = re.compile(r"[ \t>|:-]*-[ \t>|:-]*")
_DELIMITER_LINE = re.compile(rf"^{_DELIMITER_ROW.pattern}$", re.M)
# what may pair backticks otherwise: a link reference definition (its title), a link target
_REFERENCE = re.compile(r"[ \t>]*\[[^\]]*\]:")
_PLAIN_TARGET = re.compile(
    r"[^\s\"'()<`\\]*(?:[ \t]+(?:\"[^\"`\\\n]*\"|'[^'`\\\n]*'|\([^()`\\\n]*\)))?[ \t]*\)"
)
# where the scan stops: an escaped character, a line break, a link target, a backtick run, `<`
_STOP = re.compile(r"\\[\s\S]|\n|\]\(|`+|<")


def escape_raw_html(markdown: str) -> str:
    """The Markdown with a backslash before each `<` that would open raw HTML."""
    if "<" not in markdown:
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    for is_code, start, end in _regions(lines):
        text = "\n".join(lines[start:end])
        out.append(text if is_code else _Scan(text).escaped())
    return "\n".join(out)


# -- fenced code


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


# -- everything else


class _Scan:
    """One left-to-right pass over text outside fenced code, noting the `<` to escape."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = _line_starts(text)
        self.closed = {opener: text.rfind(closer) for opener, closer in _CLOSERS}
        self.escapes: list[int] = []
        # whether a backtick pair on one line is surely a code span; a blank line makes it so
        self.sure = _REFERENCE.match(text) is None
        # in a table a `|` ends a cell, inside a code span or not
        self.table = _DELIMITER_LINE.search(text) is not None

    def escaped(self) -> str:
        pos = 0
        while (stop := _STOP.search(self.text, pos)) is not None:
            pos = self.step(stop)
        ends = [*self.escapes, len(self.text)]
        return "\\".join(self.text[a:b] for a, b in zip([0, *self.escapes], ends, strict=True))

    def step(self, stop: re.Match[str]) -> int:
        found = stop.group()
        if found[-1] == "\n":  # a line break, or a backslash one
            self.new_line(stop.end())
        elif found[0] == "\\":
            return stop.end()
        elif found == "](":
            self.sure = self.sure and _PLAIN_TARGET.match(self.text, stop.end()) is not None
        elif found[0] == "`":
            return self.after_code_span(stop)
        else:
            return self.after_angle(stop.start())
        return stop.end()

    def new_line(self, at: int) -> None:
        end = self.text.find("\n", at)
        line = self.text[at : len(self.text) if end < 0 else end]
        if not line.strip(" \t"):
            self.sure = True
        elif _REFERENCE.match(line):
            self.sure = False

    def after_code_span(self, run: re.Match[str]) -> int:
        """Past the code span this backtick run surely opens, else past the run."""
        if not self.sure:
            return run.end()
        end = self.text.find("\n", run.end())
        end = len(self.text) if end < 0 else end
        cell = self.text.find("|", run.end(), end) if self.table else -1
        end = cell if cell >= 0 else end
        closing = re.compile(f"(?<!`){run.group()}(?!`)")
        close = closing.search(self.text, run.end(), end)
        if close is None:
            self.sure = False  # it may close on a later line, or be plain text
            return run.end()
        return close.end()

    def after_angle(self, at: int) -> int:
        if self.opens_html(at):
            self.escapes.append(at)
            return at + 1
        autolink = _AUTOLINK.match(self.text, at)
        return autolink.end() if autolink else at + 1

    def opens_html(self, at: int) -> bool:
        if at in self.starts and _BLOCK_START.match(self.text, at):
            return True
        if _TAG.match(self.text, at):
            return True
        if not _DECLARATION.match(self.text, at):
            return False
        opener = next(o for o, _ in _CLOSERS if self.text.startswith(o, at))
        return self.closed[opener] > at


def _line_starts(text: str) -> set[int]:
    """Where each line's content begins, after its container and indent markers."""
    starts: set[int] = set()
    at = 0
    for line in text.split("\n"):
        containers = _CONTAINERS.match(line)
        assert containers is not None
        indent = _INDENT.match(line, containers.end())
        assert indent is not None
        starts.add(at + indent.end())
        at += len(line) + 1
    return starts
