"""Files already known to convert to themselves, so a clean repo costs about a stat per file.

Keyed like black's cache: the tool's version, the settings, and a digest of the converter's
code and rules (built-in and user), so any change to what conversion does starts afresh.
Per file it keeps size, mtime, ctime and content hash: a matching stat is trusted, a changed
stat falls back to the hash, so touching a file costs one read, not one conversion. The ctime
is what makes the stat trustworthy: `cp -p` and `touch -r` can put an old mtime back on an
edited file of the same size, but only the kernel sets the ctime, on every change.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import converters.document
from cli.writing import atomic_write
from converters.document import Settings

CACHE_DIR_ENV = "ARTICLE2MD_CACHE_DIR"  # where the cache lives
NO_CACHE_ENV = "ARTICLE2MD_NO_CACHE"  # set to anything but "" or "0" to turn it off
FORMAT = 2  # 2: the ctime joined the stat


@dataclass(frozen=True)
class Entry:
    size: int
    mtime_ns: int
    ctime_ns: int
    digest: str

    @classmethod
    def of(cls, st: os.stat_result, digest: str) -> Entry:
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, digest)


class Cache:
    def __init__(self, file: Path | None, entries: dict[str, Entry], problem: str = "") -> None:
        self.file = file
        self.entries = entries
        self.problem = problem  # why an existing cache file could not be used
        self._dirty = bool(problem)  # a damaged file is replaced at the end of the run

    @classmethod
    def load(cls, settings: Settings) -> Cache:
        folder = cache_dir()
        if folder is None:
            return cls(None, {})
        file = folder / f"clean-{mode_digest(settings)}.json"
        try:
            return cls(file, _read_entries(file))
        except FileNotFoundError:
            return cls(file, {})
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
            why = getattr(error, "strerror", None) or type(error).__name__
            return cls(file, {}, f"{file}: warning: unreadable cache ({why}), starting afresh")

    def get(self, key: str) -> Entry | None:
        """`key`: the file's absolute path."""
        return self.entries.get(key)

    def fresh(self, key: str, st: os.stat_result) -> bool:
        entry = self.entries.get(key)
        stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        return entry is not None and (entry.size, entry.mtime_ns, entry.ctime_ns) == stat

    def mark_clean(self, key: str, entry: Entry) -> None:
        if self.file is not None and self.entries.get(key) != entry:
            self.entries[key] = entry
            self._dirty = True

    def save(self) -> None:
        if self.file is None or not self._dirty:
            return
        files = {key: [e.size, e.mtime_ns, e.ctime_ns, e.digest] for key, e in self.entries.items()}
        data = json.dumps({"format": FORMAT, "files": files})  # ASCII: names need not be UTF-8
        with contextlib.suppress(OSError):  # an unwritable cache only costs speed next time
            atomic_write(self.file, data.encode("utf-8"))


def cache_dir() -> Path | None:
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "article2md")


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def mode_digest(settings: Settings) -> str:
    digest = hashlib.blake2b(digest_size=12)
    digest.update(repr(settings).encode("utf-8"))
    package = Path(converters.document.__file__).parent
    for file in _files(package, ("*.py", "*.toml")):
        digest.update(file.relative_to(package).as_posix().encode("utf-8"))
        digest.update(file.read_bytes())
    for file in _files_of(settings.rule_paths):
        digest.update(file.read_bytes())
    return digest.hexdigest()


def _files_of(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found.extend(_files(path, ("*.toml",)) if path.is_dir() else [path])
    return [path for path in found if path.is_file()]


def _files(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    found = {f for p in patterns for f in folder.rglob(p)}
    return sorted(f for f in found if "__pycache__" not in f.parts)


def _read_entries(file: Path) -> dict[str, Entry]:
    """The entries, or {} for a cache of another format; raises what a damaged one causes
    (deeply nested JSON raised an uncaught RecursionError, exit 1 on every run)."""
    raw = json.loads(file.read_bytes())
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return {}
    return {
        str(key): Entry(int(size), int(mtime), int(ctime), str(digest))
        for key, (size, mtime, ctime, digest) in raw["files"].items()
    }
