"""One file's work, as run in a worker: read, convert, compare. Writes and prints nothing."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal, Protocol

from cli.cache import Entry, content_digest
from cli.reading import decode, read_bytes
from converters.document import Conversion, ConversionError, Settings


class Converter(Protocol):
    def __call__(
        self, text: str, *, path: str | None = None, settings: Settings | None = None
    ) -> Conversion: ...


@dataclass(frozen=True, slots=True)
class Task:
    display: str  # names the file in messages and tells the rules which file it is
    path: str | None  # None: `data` holds what came on standard input
    data: bytes | None = None
    known: Entry | None = None  # from the cache: this content is known to be clean
    keep_text: bool = True  # send the document back (to write or print it)
    diff_names: tuple[str, str] | None = None  # produce a diff, with these file names


@dataclass(frozen=True, slots=True)
class Failure:
    stage: str
    message: str
    traceback: str = ""


Placed = Literal["written", "held"] | None  # held: the output already had these bytes


@dataclass(frozen=True, slots=True)
class Result:
    display: str
    changed: bool = False  # the document differs from the input bytes
    conversion: Conversion | None = None  # its text is "" unless the task kept it
    diff: str = ""
    failure: Failure | None = None
    entry: Entry | None = None  # the input's stat and hash, for the cache
    bytes_in: int = 0
    bytes_out: int = 0
    placed: Placed = None  # set when a remote worker wrote (or found) the output itself


def process(task: Task, *, convert: Converter, settings: Settings) -> Result:
    try:
        with _time_limit(settings.max_seconds, task.display):
            return _process(task, convert, settings)
    except ConversionError as error:
        return Result(task.display, failure=Failure(error.stage, error.message, _trace(error)))
    except OSError as error:
        reason = error.strerror or str(error)
        return Result(task.display, failure=Failure("read", reason, _trace(error)))
    except Exception as error:  # a bug in a stage must cost one file, not the run
        message = f"{type(error).__name__}: {error}"
        return Result(task.display, failure=Failure("internal", message, _trace(error)))


@contextlib.contextmanager
def _time_limit(seconds: float, display: str) -> Iterator[None]:
    """One pathological file must not hang a batch: past the limit it fails, the rest go on.

    A timer signal interrupts Python code (a long C call inside lxml finishes first); it needs
    the main thread, which is where files are converted, in the parent and in each worker.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ConversionError(display, "time", f"took longer than {seconds:g} s (--max-seconds)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _process(task: Task, convert: Converter, settings: Settings) -> Result:
    data, entry = _read(task, settings)
    if entry is not None and task.known is not None and task.known.digest == entry.digest:
        return Result(task.display, entry=entry, bytes_in=len(data), bytes_out=len(data))
    text, warnings = decode(data, source=task.display)
    conversion = convert(text, path=task.display, settings=settings)
    output = conversion.text.encode("utf-8")
    diff = _diff(text, conversion.text, task.diff_names) if task.diff_names else ""
    kept = replace(
        conversion,
        text=conversion.text if task.keep_text else "",
        warnings=(*warnings, *conversion.warnings),
    )
    return Result(task.display, output != data, kept, diff, None, entry, len(data), len(output))


def _read(task: Task, settings: Settings) -> tuple[bytes, Entry | None]:
    """The input, and for a file its stat and hash (taken before reading: a later edit shows)."""
    if task.path is None:
        return task.data or b"", None
    st = os.stat(task.path)
    data = read_bytes(task.path, settings)
    return data, Entry.of(st, content_digest(data))


def _diff(before: str, after: str, names: tuple[str, str]) -> str:
    import difflib  # --diff only

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), *names
    )
    return "".join(_mark_missing_newlines(lines))


def _mark_missing_newlines(lines: Iterable[str]) -> Iterable[str]:
    """What `diff -u` and `patch` expect when a file does not end with a newline."""
    for line in lines:
        yield line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n"


def _trace(error: BaseException) -> str:
    import traceback  # a failure only

    return "".join(traceback.format_exception(error))
