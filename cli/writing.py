"""Atomic file writes: readers see the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path


def atomic_write(dest: Path, data: bytes, *, mode_like: Path | None = None) -> None:
    """Write through a temp file in the same folder, then rename over `dest`.

    A symlinked `dest` keeps its link: the file it points to is replaced. The file mode is
    the old file's, else `mode_like`'s (the input an output mirrors), else what umask allows.
    On any interruption, Ctrl-C included, the temp file is removed. A character device or a
    FIFO (`-o /dev/stdout`, a named pipe) is written to as it is, never replaced.
    """
    if _is_stream(dest):  # through its links: /dev/stdout may lead to a pipe with no path
        _write_stream(dest, data)
        return
    real = Path(os.path.realpath(dest))
    real.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(real, mode_like)
    with _interrupts_deferred():
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.chmod(tmp, mode)
            os.replace(tmp, real)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def _is_stream(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _write_stream(path: Path, data: bytes) -> None:
    """Open without creating or truncating; a write error (ENOSPC on /dev/full) is raised.
    Ctrl-C is not deferred: a FIFO with no reader blocks until one comes."""
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the write is whole, then deliver it.

    A KeyboardInterrupt between creating the temp file and entering the cleanup would leave
    the temp file behind. Blocking the signal is not enough: the process pool's threads
    receive it and Python raises it in the main thread anyway; so the handler is swapped.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught and callable(previous):
            previous(signal.SIGINT, None)


def _mode_for(dest: Path, mode_like: Path | None) -> int:
    for candidate in (dest, mode_like):
        if candidate is not None:
            with contextlib.suppress(OSError):
                return stat.S_IMODE(candidate.stat().st_mode)
    return 0o666 & ~_umask()


@functools.cache
def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
