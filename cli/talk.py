"""Talking to the user: documents, diffs and JSON on stdout; everything else on stderr."""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

# What `git diff` and black use: headers bold, hunk lines cyan, removals red, additions green.
DIFF_COLOURS = (("+++", "\033[1m"), ("---", "\033[1m"), ("@@", "\033[36m"))
DIFF_SIGNS = {"+": "\033[32m", "-": "\033[31m"}
RESET = "\033[0m"

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class StdoutClosed(Exception):
    """The reader of stdout went away (`| head`), or stdout was closed from the start."""


class StdoutFailed(Exception):
    """Writing to stdout failed (a full disk, a file size limit): what was written is cut."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def guard_standard_streams() -> None:
    """Put /dev/null on any of fds 0-2 that the caller closed (`<&-`, `>&-`, `2>&-`).

    Otherwise the next file opened takes that number and a message or a document meant for
    stdout or stderr lands in it. Python has already set the matching sys.std* to None, which
    tells `emit` that stdout is gone.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            _point_at_nothing(fd)


def emit(data: bytes) -> None:
    """Write all of `data` to stdout, or raise: a short write is never taken for a whole one."""
    if sys.stdout is None:
        raise StdoutClosed
    try:
        _write_all(data)
    except BrokenPipeError:
        _point_at_nothing(1)  # or Python complains again at exit
        raise StdoutClosed from None
    except OSError as error:
        _point_at_nothing(1)
        raise StdoutFailed(error.strerror or str(error)) from None


def _write_all(data: bytes) -> None:
    """os.write in a loop: Python's own writers can report a short write as a whole one."""
    sys.stdout.flush()
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file descriptor (captured by a test, embedded)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class Messages:
    """Messages on stderr that never stop the work: once stderr is gone (`2>&1 | head -1`),
    the run goes on in silence and its exit code still tells how it went.

    A line is written as it is: no markup (paths hold brackets), no wrapping (greppable).
    Rich, a tenth of a second to import, is loaded only for a table or the progress bar.
    """

    def __init__(self, *, colour: bool | None = None) -> None:
        self.colour = colour  # None: rich decides (a terminal, NO_COLOR)
        self.quiet = False

    @property
    def is_terminal(self) -> bool:
        return sys.stderr is not None and sys.stderr.isatty()

    def line(self, text: str) -> None:
        if self.quiet or sys.stderr is None:  # None: stderr was closed from the start
            return
        try:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()
        except OSError:  # a broken pipe, EIO, ENOSPC
            self.gone()

    def show(self, renderable: object) -> None:
        if self.quiet:
            return
        try:
            self.rich.print(renderable)
        except OSError:  # other than a broken pipe, which the console handles itself
            self.gone()

    def gone(self) -> None:
        self.quiet = True
        if "rich" in self.__dict__:  # made already
            self.rich.quiet = True
        _point_at_nothing(2)

    @functools.cached_property
    def rich(self) -> Console:
        from rich.console import Console

        messages = self

        class StderrConsole(Console):
            def on_broken_pipe(self) -> None:  # rich's own would exit with 1, silence stdout
                messages.gone()

        return StderrConsole(stderr=True, no_color=self.colour is False)


def say(messages: Messages, text: str) -> None:
    """A file name that is not UTF-8 shows its undecodable bytes as \\udcXX, whatever
    stderr's encoding."""
    messages.line(text.encode("utf-8", "backslashreplace").decode("utf-8"))


def show(messages: Messages, renderable: object) -> None:
    messages.show(renderable)


def wants_colour(choice: bool | None, stream: TextIO | None) -> bool:
    """--color/--no-color if given; else colour on a terminal unless NO_COLOR is set."""
    if choice is not None:
        return choice
    return not os.environ.get("NO_COLOR") and stream is not None and stream.isatty()


def colour_diff(diff: str) -> str:
    return "".join(_colour_line(line) for line in diff.splitlines(keepends=True))


def _colour_line(line: str) -> str:
    body = line.rstrip("\n")
    end = line[len(body) :]
    for prefix, colour in DIFF_COLOURS:
        if body.startswith(prefix):
            return f"{colour}{body}{RESET}{end}"
    sign = DIFF_SIGNS.get(body[:1])
    return f"{sign}{body}{RESET}{end}" if sign else line


def _point_at_nothing(fd: int) -> None:
    devnull = os.open(os.devnull, os.O_RDWR)
    if devnull != fd:
        os.dup2(devnull, fd)
        os.close(devnull)


def document_bytes(text: str) -> bytes:
    """Text for stdout; a file name that is not UTF-8 goes out as the bytes it is made of."""
    return text.encode("utf-8", "surrogateescape")


def json_text(record: Mapping[str, object], *, indent: int | None = None) -> str:
    """JSON with text as it is, except a file name that is not UTF-8: its undecodable bytes
    (Python's surrogate escapes) are written as \\udcXX escapes, which JSON allows and
    which `json.loads` and `os.fsencode` turn back into the same name."""
    text = json.dumps(record, ensure_ascii=False, indent=indent, default=jsonable)
    return LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def jsonable(value: object) -> object:
    """Dates as ISO 8601, as in the front matter; anything else odd as its text."""
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if callable(isoformat) else str(value)


def cell(value: object) -> str:
    """A metadata value as one line of a table."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(cell(item) for item in value)
    if value is None or isinstance(value, bool | int | float):
        return json.dumps(value)
    return str(jsonable(value))
