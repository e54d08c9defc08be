"""Atomic file writes: readers see the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import signal
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

TEMP_SUFFIX = ".article2md.tmp"
# ".{the target's name, cut to fit}~{pid}-{8 random}.article2md.tmp": whose it was, and
# whether the process that made it is still there.
TEMP_NAME = re.compile(r"\..*~(\d+)-[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX), re.DOTALL)
# What earlier versions left: ".{name}.{8 random}.tmp"; other tools use it too.
OLD_TEMP_NAME = re.compile(r"\.(.+\.(?:md|markdown))\.[a-z0-9_]{8}\.tmp", re.DOTALL)
NAME_MAX = 255  # bytes in a file name on every file system we write to; pathconf may say less


def atomic_write(
    dest: Path,
    data: bytes,
    *,
    mode_like: Path | None = None,
    owner_like: Path | None = None,
    clobber: bool = True,
) -> None:
    """Write through a temp file in the same folder, then rename over `dest`.

    A symlinked `dest` keeps its link: the file it points to is replaced. The file mode is
    the old file's, else `mode_like`'s (the input an output mirrors), else what umask allows;
    owner and group are the old file's, else `owner_like`'s, where the process may set them.
    With `clobber=False` an existing `dest` is never replaced: FileExistsError.
    On any interruption, Ctrl-C included, the temp file is removed. A character device or a
    FIFO (`-o /dev/stdout`, a named pipe) is written to as it is, never replaced.
    """
    if _is_stream(dest):  # through its links: /dev/stdout may lead to a pipe with no path
        _write_stream(dest, data)
        return
    real = Path(os.path.realpath(dest))
    real.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(real, mode_like)
    owner = _owner_for(real, owner_like)
    import tempfile  # with shutil and random, ~5 ms that a run writing only to stdout skips

    with _interrupts_deferred():
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=_temp_prefix(real), suffix=TEMP_SUFFIX)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.chmod(tmp, mode)
            _chown(tmp, owner)
            _put_in_place(tmp, real, clobber=clobber)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def write_beside(source: Path, dest: Path, data: bytes) -> bool:
    """--in-place on x.html: write x.md only where no file is, then remove x.html.

    True when x.md already held exactly `data`: a run stopped between writing x.md and
    removing x.html, and this one finishes it. FileExistsError when x.md holds anything else.
    """
    finished = False
    try:
        atomic_write(dest, data, mode_like=source, owner_like=source, clobber=False)
    except FileExistsError:
        if not holds(dest, data):
            raise
        finished = True
    source.unlink(missing_ok=True)
    return finished


def remove_stale_temporaries(folder: Path) -> tuple[list[Path], list[Path]]:
    """Temp files a killed run left in `folder`: those whose process is gone are removed;
    those an older version left (no process named) are only listed, for the user to judge.
    Returns (removed, left)."""
    removed: list[Path] = []
    left: list[Path] = []
    with contextlib.suppress(OSError), os.scandir(folder) as listing:
        for entry in listing:
            ours = TEMP_NAME.fullmatch(entry.name)
            if ours and not _alive(int(ours.group(1))) and _unlinked(entry.path):
                removed.append(Path(entry.path))
            elif not ours and _left_by_an_old_version(folder, entry.name):
                left.append(Path(entry.path))
    return removed, left


def _temp_prefix(real: Path) -> str:
    """Fits NAME_MAX whatever the target's length: a 250-byte name once failed with
    "File name too long" because the temp name added 15 bytes to it."""
    marker = f"~{os.getpid()}-"
    room = _name_max(real.parent) - len(".") - len(marker) - 8 - len(TEMP_SUFFIX)
    name = os.fsencode(real.name)[: max(room, 0)]
    return f".{os.fsdecode(name)}{marker}"


def _name_max(folder: Path) -> int:
    try:
        return min(NAME_MAX, os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError):
        return NAME_MAX


def _put_in_place(tmp: str, real: Path, *, clobber: bool) -> None:
    if clobber:
        os.replace(tmp, real)
        return
    try:
        os.link(tmp, real)  # fails if `real` exists, atomically: no window to lose a file in
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if real.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(real)) from None
        os.replace(tmp, real)
    else:
        os.unlink(tmp)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, someone else's
        return True
    return True


def _unlinked(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def _left_by_an_old_version(folder: Path, name: str) -> bool:
    old = OLD_TEMP_NAME.fullmatch(name)
    return old is not None and (folder / old.group(1)).exists()


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


def _owner_for(dest: Path, owner_like: Path | None) -> tuple[int, int] | None:
    for candidate in (dest, owner_like):
        if candidate is not None:
            with contextlib.suppress(OSError):
                st = candidate.stat()
                return st.st_uid, st.st_gid
    return None


def _chown(tmp: str, owner: tuple[int, int] | None) -> None:
    """As root, a rewritten file once became root's. Owner and group where allowed, else the
    group alone (a member may give a file to its group), else what the process gets."""
    if owner is None or owner == (os.geteuid(), os.getegid()):
        return
    uid, gid = owner
    for attempt in ((uid, gid), (-1, gid)):
        try:
            os.chown(tmp, *attempt)
            return
        except OSError:
            continue


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
