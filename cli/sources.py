"""Paths, folders, globs and "-" become an ordered list of sources.

Folder walks work on strings: on a 10,000-file repository where nothing changes, building
paths is a visible share of the run.
"""

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


@dataclass(frozen=True, slots=True)
class Source:
    display: str  # how messages name it; the file's path as found, or "-"
    file: str | None  # None: standard input
    rel: str  # where it sits under the folder it was found in (POSIX); -o DIR mirrors this
    key: str = ""  # absolute path: keys the cache, finds duplicates

    @property
    def path(self) -> Path | None:
        return Path(self.file) if self.file is not None else None


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
            if source.key not in seen:
                seen.add(source.key)
                if kept:
                    sources.append(source)
                else:
                    skipped.append(source.display)
    batch = len(args) > 1 or any(_is_glob(arg) or os.path.isdir(arg) for arg in args)
    return Found(tuple(sources), tuple(skipped), batch)


def _stdin_source(stdin_filename: str | None) -> Source:
    name = Path(stdin_filename).name if stdin_filename else "stdin.md"
    return Source(stdin_filename or STDIN, None, name, STDIN)


def _expand(arg: str, selection: Selection) -> Iterator[tuple[Source, bool]]:
    if os.path.isdir(arg):
        yield from _walk(arg, arg, selection)
    elif os.path.exists(arg):
        yield _explicit(arg, selection)
    elif _is_glob(arg):
        yield from _expand_glob(arg, selection)
    else:
        raise UsageError(f"{arg}: no such file or folder")


def _explicit(file: str, selection: Selection, rel: str | None = None) -> tuple[Source, bool]:
    """A file named on the command line is taken whatever its extension (pre-commit names them)."""
    path = PurePosixPath(Path(file).as_posix())
    plain = not path.is_absolute() and ".." not in path.parts
    rel = rel or (str(path) if plain else path.name)
    kept = not _matches(str(path), selection.exclude)
    return Source(file, file, rel, os.path.abspath(file)), kept


def _expand_glob(pattern: str, selection: Selection) -> Iterator[tuple[Source, bool]]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise UsageError(f"{pattern}: no file matches")
    root = _static_prefix(pattern)
    for match in matches:
        rel = Path(os.path.relpath(match, root)).as_posix()
        if os.path.isdir(match):
            yield from _walk(match, root, selection)
        elif _included(rel, selection):
            yield _explicit(match, selection, rel)


def _walk(top: str, root: str, selection: Selection) -> Iterator[tuple[Source, bool]]:
    visible = _git_visible(top) if selection.gitignore else None
    top_key = os.path.abspath(top)
    top_below_root = _posix_rel(top, root)
    for folder, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if selection.hidden or not d.startswith("."))
        below_top = _below(folder, top)  # os.walk joins onto `top`: slicing beats relpath
        below_root = top_below_root + below_top
        for name in sorted(filenames):
            rel = below_root + name
            if _candidate(name, rel, selection):
                ignored = visible is not None and below_top + name not in visible
                kept = not ignored and not _matches(rel, selection.exclude)
                file = os.path.join(folder, name)
                yield Source(file, file, rel, os.path.join(top_key, below_top + name)), kept


def _below(folder: str, top: str) -> str:
    """Empty for `top` itself, else "a/b/" (with the slash, ready to take a name)."""
    rest = folder[len(top) :].lstrip(os.sep)
    return rest.replace(os.sep, "/") + "/" if rest else ""


def _posix_rel(folder: str, start: str) -> str:
    rel = os.path.relpath(folder, start)
    return "" if rel == os.curdir else Path(rel).as_posix() + "/"


def _candidate(name: str, rel: str, selection: Selection) -> bool:
    hidden = name.startswith(".") and not selection.hidden
    return not hidden and _included(rel, selection)


def _git_visible(top: str) -> frozenset[str] | None:
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


def _git(top: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", top, *args], capture_output=True, check=False, timeout=60)


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
    return glob.has_magic(arg) and not os.path.exists(arg)


def _static_prefix(pattern: str) -> str:
    """The folder a glob starts from: -o DIR mirrors paths below it, as for a folder argument."""
    fixed: list[str] = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else os.curdir
