"""Paths, folders, globs and "-" become an ordered list of sources."""

from __future__ import annotations

import glob
import os
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from cli.options import Selection, UsageError

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.html", "*.htm")
STDIN = "-"


@dataclass(frozen=True)
class Source:
    display: str  # how messages name it
    path: Path | None  # None: standard input
    rel: PurePosixPath  # where it sits under the folder it was found in; -o DIR mirrors this


@dataclass(frozen=True)
class Found:
    sources: tuple[Source, ...]
    skipped: tuple[str, ...]  # left out by --exclude or .gitignore
    batch: bool  # a folder, a glob or several paths: output needs -o DIR or --in-place


def find_sources(
    args: Sequence[str], selection: Selection, *, stdin_filename: str | None = None
) -> Found:
    if STDIN in args:
        if len(args) > 1:
            raise UsageError('"-" (standard input) cannot be combined with other paths')
        return Found((_stdin_source(stdin_filename),), (), batch=False)
    sources: list[Source] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for arg in args:
        for source, kept in _expand(arg, selection):
            key = os.path.abspath(source.display)
            if key not in seen:
                seen.add(key)
                if kept:
                    sources.append(source)
                else:
                    skipped.append(source.display)
    batch = len(args) > 1 or any(_is_glob(arg) or Path(arg).is_dir() for arg in args)
    return Found(tuple(sources), tuple(skipped), batch)


def _stdin_source(stdin_filename: str | None) -> Source:
    name = PurePosixPath(Path(stdin_filename).name if stdin_filename else "stdin.md")
    return Source(stdin_filename or STDIN, None, name)


def _expand(arg: str, selection: Selection) -> Iterator[tuple[Source, bool]]:
    path = Path(arg)
    if path.is_dir():
        yield from _walk(path, path, selection)
    elif path.exists():
        yield _explicit(path, selection)
    elif _is_glob(arg):
        yield from _expand_glob(arg, selection)
    else:
        raise UsageError(f"{arg}: no such file or folder")


def _explicit(path: Path, selection: Selection) -> tuple[Source, bool]:
    """A file named on the command line is taken whatever its extension (pre-commit names them)."""
    rel = PurePosixPath(path.as_posix()) if _is_plain_relative(path) else PurePosixPath(path.name)
    kept = not _matches(path.as_posix(), selection.exclude)
    return Source(str(path), path, rel), kept


def _expand_glob(pattern: str, selection: Selection) -> Iterator[tuple[Source, bool]]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise UsageError(f"{pattern}: no file matches")
    root = _static_prefix(pattern)
    for match in map(Path, matches):
        if match.is_dir():
            yield from _walk(match, root, selection)
        elif _included(_rel(match, root).as_posix(), selection):
            source, kept = _explicit(match, selection)
            yield Source(source.display, match, _rel(match, root)), kept


def _walk(top: Path, root: Path, selection: Selection) -> Iterator[tuple[Source, bool]]:
    visible = _git_visible(top) if selection.gitignore else None
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if selection.hidden or not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath, name)
            rel = _rel(path, root)
            if _candidate(name, rel, selection):
                ignored = visible is not None and path.relative_to(top).as_posix() not in visible
                kept = not ignored and not _matches(rel.as_posix(), selection.exclude)
                yield Source(str(path), path, rel), kept


def _candidate(name: str, rel: PurePosixPath, selection: Selection) -> bool:
    hidden = name.startswith(".") and not selection.hidden
    return not hidden and _included(rel.as_posix(), selection)


def _git_visible(top: Path) -> frozenset[str] | None:
    """Files under `top` that git does not ignore, relative to `top`; None outside a work tree.

    Asking git keeps every .gitignore rule (nested files, negations, info/exclude) exact.
    A folder the user names explicitly is walked even when git ignores it as a whole.
    """
    try:
        if _git(top, "check-ignore", "-q", ".").returncode == 0:
            return None
        listed = _git(top, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    except OSError:  # git is not installed
        return None
    if listed.returncode != 0:
        return None
    return frozenset(os.fsdecode(name) for name in listed.stdout.split(b"\0") if name)


def _git(top: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", "-C", str(top), *args], capture_output=True, check=False, timeout=60
    )


def _included(rel: str, selection: Selection) -> bool:
    patterns = selection.include or DEFAULT_INCLUDE
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatchcase(name, p) or fnmatchcase(rel, p) for p in patterns)


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    """A pattern matches the whole relative path, a folder prefix of it, or any one component."""
    parts = rel.split("/")
    for raw in patterns:
        pattern = raw.strip("/")
        if fnmatchcase(rel, pattern) or fnmatchcase(rel, pattern + "/*"):
            return True
        if any(fnmatchcase(part, pattern) for part in parts):
            return True
    return False


def _is_glob(arg: str) -> bool:
    return glob.has_magic(arg) and not Path(arg).exists()


def _static_prefix(pattern: str) -> Path:
    """The folder a glob starts from: -o DIR mirrors paths below it, as for a folder argument."""
    fixed: list[str] = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path()


def _rel(path: Path, root: Path) -> PurePosixPath:
    try:
        return PurePosixPath(path.relative_to(root).as_posix())
    except ValueError:
        return PurePosixPath(path.name)


def _is_plain_relative(path: Path) -> bool:
    return not path.is_absolute() and ".." not in path.parts
