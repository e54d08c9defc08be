"""Paths, folders, globs and "-" become an ordered list of sources.

Folder walks work on strings: on a 10,000-file repository where nothing changes, building
paths is a visible share of the run. A walk takes regular files only: a symbolic link could
lead out of the tree (and --in-place would write through it), a FIFO would block the run.
A file named on the command line is taken as it is, link or pipe (`<(curl ...)`).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from cli.options import Selection, UsageError, missing_path

if TYPE_CHECKING:
    import subprocess

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.html", "*.htm")
STDIN = "-"


class Pick(Enum):
    TAKEN = "taken"
    LEFT_OUT = "left out"  # by --exclude, --include or .gitignore
    NOT_REGULAR = "not a regular file"  # met in a walk: a symbolic link, a FIFO, a device


@dataclass(frozen=True, slots=True)
class Source:
    display: str  # how messages name it; the file's path as found, or "-"
    file: str | None  # None: standard input
    rel: str  # where it sits under the folder it was found in (POSIX); -o DIR mirrors this
    key: str = ""  # absolute path: keys the cache, finds duplicates

    @property
    def path(self) -> Path | None:
        return Path(self.file) if self.file is not None else None


@dataclass(frozen=True, slots=True)
class Group:
    """How the files found from one argument become sources: a walk keeps each file as its
    path below the folder walked, a short string; the rest is made when the file's turn comes.
    A batch of 10,000 files then costs the parent little more memory than one of 1,000."""

    kind: Literal["walk", "glob", "named"]
    top: str = ""  # walk: the folder walked; glob: the pattern's fixed part
    rel_prefix: str = ""  # walk: where `top` sits below what -o DIR mirrors ("" or "a/b/")
    top_key: str = ""  # walk: the absolute path of `top`

    def source(self, entry: str) -> Source:
        """`entry`: a walk's path below `top` (POSIX); otherwise the path as found."""
        if self.kind == "walk":
            file = os.path.join(self.top, entry.replace("/", os.sep))
            return Source(file, file, self.rel_prefix + entry, os.path.join(self.top_key, entry))
        if self.kind == "glob":
            rel = Path(os.path.relpath(entry, self.top)).as_posix()
            return Source(entry, entry, rel, os.path.abspath(entry))
        return Source(entry, entry, _mirrored(entry), os.path.abspath(entry))


def _mirrored(file: str) -> str:
    """Where -o DIR puts a named file: its path below the working folder, however it was
    written (relative or absolute); just its name when it lies outside."""
    below = PurePosixPath(Path(os.path.relpath(os.path.abspath(file))).as_posix())
    return below.name if below.parts[:1] == ("..",) else str(below)


@dataclass(frozen=True)
class Found:
    runs: tuple[tuple[Group, list[str]], ...]  # in input order: a group and its entries
    skipped: tuple[str, ...]  # left out by --exclude or .gitignore, or not a regular file
    batch: bool  # a folder, a glob or several paths: output needs -o DIR or --in-place
    not_regular: tuple[str, ...] = ()  # among the skipped: links, FIFOs, devices met in a walk
    stdin: Source | None = None

    def sources(self) -> Iterator[Source]:
        """Made one at a time, in input order."""
        if self.stdin is not None:
            yield self.stdin
        for group, entries in self.runs:
            for entry in entries:
                yield group.source(entry)

    def __len__(self) -> int:
        return (self.stdin is not None) + sum(len(entries) for _, entries in self.runs)


@dataclass(frozen=True, slots=True)
class Walk:
    """What a folder walk takes, and the one folder it must not enter: the output folder."""

    selection: Selection
    output: str | None = None  # real path of -o DIR; a walk never reads its own outputs


def find_sources(
    args: Sequence[str],
    selection: Selection,
    *,
    stdin_filename: str | None = None,
    output: Path | None = None,
) -> Found:
    """`output`: the -o folder, left out of every walk (and refused as a folder to convert)."""
    if STDIN in args:
        if len(args) > 1:
            raise UsageError('"-" (standard input) cannot be combined with other paths')
        return Found((), (), batch=False, stdin=_stdin_source(stdin_filename))
    walk = Walk(selection, os.path.realpath(output) if output is not None else None)
    runs: list[tuple[Group, list[str]]] = []
    skipped: list[str] = []
    not_regular: list[str] = []
    # Only several arguments, or a glob (`**` matches folders and their files), can find a
    # file twice; a single folder's walk cannot, and needs no set of every path.
    seen: set[str] | None = set() if len(args) > 1 or any(map(_is_glob, args)) else None
    for arg in args:
        for group, entry, pick in _expand(arg, walk):
            if seen is not None:
                key = group.source(entry).key
                if key in seen:
                    continue
                seen.add(key)
            if pick is Pick.TAKEN:
                if not runs or runs[-1][0] is not group:
                    runs.append((group, []))
                runs[-1][1].append(entry)
            else:
                skipped.append(group.source(entry).display)
                if pick is Pick.NOT_REGULAR:
                    not_regular.append(group.source(entry).display)
    batch = len(args) > 1 or any(_is_glob(arg) or os.path.isdir(arg) for arg in args)
    return Found(tuple(runs), tuple(skipped), batch, tuple(not_regular))


def _stdin_source(stdin_filename: str | None) -> Source:
    name = Path(stdin_filename).name if stdin_filename else "stdin.md"
    return Source(stdin_filename or STDIN, None, name, STDIN)


Finding = tuple[Group, str, Pick]  # a group, an entry of it, and whether it is taken


def _expand(arg: str, walk: Walk) -> Iterator[Finding]:
    if os.path.isdir(arg):
        if walk.output is not None and os.path.realpath(arg) == walk.output:
            raise UsageError(
                f"-o {arg} is the folder being converted: give another folder, "
                "or --in-place to rewrite the files where they are"
            )
        yield from _walk(arg, arg, walk)
    elif os.path.exists(arg) or os.path.islink(arg):
        yield _explicit(arg, walk.selection)
    elif _is_glob(arg):
        yield from _expand_glob(arg, walk)
    else:
        raise missing_path(arg)


NAMED = Group("named")


def _explicit(file: str, selection: Selection) -> Finding:
    """A file named on the command line is taken whatever its extension (pre-commit names them)."""
    path = Path(file).as_posix()
    return NAMED, file, Pick.LEFT_OUT if _matches(path, selection.exclude) else Pick.TAKEN


def _expand_glob(pattern: str, walk: Walk) -> Iterator[Finding]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise UsageError(f"{pattern}: no file matches")
    root = _static_prefix(pattern)
    group = Group("glob", root)
    for match in matches:
        rel = Path(os.path.relpath(match, root)).as_posix()
        if _inside(match, walk.output):
            continue
        if os.path.isdir(match):
            yield from _walk(match, root, walk)
        elif _included(rel, walk.selection):
            pick = (
                Pick.LEFT_OUT
                if _matches(Path(match).as_posix(), walk.selection.exclude)
                else Pick.TAKEN
            )
            regular = pick is not Pick.TAKEN or _is_regular(match)
            yield group, match, pick if regular else Pick.NOT_REGULAR


def _walk(top: str, root: str, walk: Walk) -> Iterator[Finding]:
    selection = walk.selection
    visible = _git_visible(top) if selection.gitignore else None
    top_below_root = _posix_rel(top, root)
    group = Group("walk", top, top_below_root, os.path.abspath(top))
    for folder, files in _folders(top, walk):
        below_top = _below(folder, top)  # joined onto `top`: slicing beats relpath
        for name, regular in files:
            below = below_top + name
            rel = top_below_root + below
            if _candidate(name, rel, selection):
                ignored = visible is not None and below not in visible
                if ignored or _matches(rel, selection.exclude):
                    yield group, below, Pick.LEFT_OUT
                else:
                    yield group, below, Pick.TAKEN if regular else Pick.NOT_REGULAR


def _folders(top: str, walk: Walk) -> Iterator[tuple[str, list[tuple[str, bool]]]]:
    """Each folder, depth first in name order, with its entries that are not folders and
    whether each is a regular file. Links to folders are not followed, nor is the output
    folder entered. The file type comes from the folder listing: no stat per file."""
    try:
        with os.scandir(top) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return  # unreadable or gone, as os.walk would skip it
    files = [(e.name, e.is_file(follow_symlinks=False)) for e in entries if not _is_dir(e)]
    yield top, files
    for entry in entries:
        hidden = entry.name.startswith(".") and not walk.selection.hidden
        if _is_dir(entry) and not hidden and not _inside(entry.path, walk.output, exact=True):
            yield from _folders(entry.path, walk)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _is_regular(path: str) -> bool:
    return not os.path.islink(path) and os.path.isfile(path)


def _inside(path: str, folder: str | None, *, exact: bool = False) -> bool:
    if folder is None:
        return False
    real = os.path.realpath(path)
    return real == folder or (not exact and real.startswith(folder.rstrip(os.sep) + os.sep))


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
    import subprocess  # only a folder's walk asks git: a named file needs none of it

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
