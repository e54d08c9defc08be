"""Tidy the whitespace of Markdown, whoever wrote it, without changing what it renders.

- a leading full-width or no-break-space indent (`　　`, U+00A0) goes: it only faked a
  first-line indent, and if the rest would now start a block it gets a backslash;
- trailing whitespace goes; a hard break written as two trailing spaces becomes `\\`;
- runs of blank lines become one, except inside fenced code;
- no blank lines at the start, exactly one newline at the end ("" stays "").
"""

from __future__ import annotations

import re

from converters.document import Document, Settings
from converters.markdown.to_markdown import escape_line_start

_FENCE = re.compile(r"^((?:[ \t]*>)*[ \t]*(?:(?:[-+*]|[0-9]{1,9}[.)])[ \t]+)?)(`{3,}|~{3,})(.*)$")
_FAKE_INDENT = re.compile(r"^([ \t]*)[\u3000\u00a0][ \t\u3000\u00a0]*")
_NOT_PARAGRAPH = re.compile(
    r"^[ \t]*(?:$|#|>|[-+*][ \t]|[0-9]{1,9}[.)][ \t]|`{3}|~{3}|[-=_*]{3,}|\|)"
)
_ATX_OR_TABLE = re.compile(r"^[ \t]*(?:#|\|)")
_TRAILING_SPACE = frozenset(" \t\u3000\u00a0")


def _fence_opens(line: str) -> tuple[str, int] | None:
    m = _FENCE.match(line)
    if m is None or (m.group(2)[0] == "`" and "`" in m.group(3)):
        return None
    return m.group(2)[0], len(m.group(2))


def _fence_closes(line: str, fence: tuple[str, int]) -> bool:
    m = _FENCE.match(line)
    return bool(
        m and m.group(2)[0] == fence[0] and len(m.group(2)) >= fence[1] and not m.group(3).strip()
    )


def _drop_fake_indent(line: str) -> str:
    m = _FAKE_INDENT.match(line)
    if m is None:
        return line
    rest = line[m.end() :]
    return m.group(1) + (escape_line_start(rest, "") if rest else "")


def _hard_break(line: str, following: str) -> str:
    """Two trailing spaces inside a paragraph are a hard break: keep it, as a backslash."""
    stripped = line.rstrip(" \t")
    if (
        len(line) - len(stripped) >= 2
        and stripped.strip()
        and following.strip()
        and not _NOT_PARAGRAPH.match(following)
        and not _ATX_OR_TABLE.match(stripped)
    ):
        return stripped + "\\"
    return stripped


def _tidy_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    fence: tuple[str, int] | None = None
    for i, line in enumerate(lines):
        if fence is not None:
            out.append(line.rstrip(" \t"))
            if _fence_closes(line, fence):
                fence = None
            continue
        # each pattern only where its characters are (most lines have neither)
        fence = _fence_opens(line) if "```" in line or "~~~" in line else None
        if fence is None and ("\u3000" in line or "\u00a0" in line):
            line = _drop_fake_indent(line)
        if line[-1:] in _TRAILING_SPACE:  # most lines end in text: nothing to strip
            following = lines[i + 1] if i + 1 < len(lines) else ""
            line = _hard_break(line, following).rstrip(" \t\u3000\u00a0")
        if line or (out and out[-1]):
            out.append(line)
    return out


# What tidying may change besides the blank lines at the edges: a line end of another kind,
# a fake indent, white space ending a line, a run of blank lines (a fence only keeps such
# runs and indents as they are). Each is looked for by a substring search: one regex of
# them all costs more than the line by line pass it would spare.
_UNTIDY = ("\r", "\u3000", "\u00a0", " \n", "\t\n", "\n\n\n")


def _untidy(markdown: str) -> bool:
    return markdown.endswith((" ", "\t")) or any(s in markdown for s in _UNTIDY)


def tidy_markdown(markdown: str) -> str:
    if not _untidy(markdown):  # most converted bodies: each line stays as it is
        body = markdown.strip("\n")
        return body + "\n" if body else ""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    lines = _tidy_lines(text.split("\n"))
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def normalize_markdown(doc: Document, settings: Settings) -> Document:
    if doc.body_kind == "markdown":
        return doc  # the author's layout: markdown_body keeps it
    return doc.evolve(markdown=tidy_markdown(doc.markdown))
