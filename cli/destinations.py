"""Where each source's document goes, and which outputs are refused before any work."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from cli.options import Options, UsageError
from cli.sources import Found, Source

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class Target:
    source: Source
    dest: Path | None  # None: standard output, or nothing written (--check, --diff)
    replaces_source: bool = False  # --in-place on HTML: x.html becomes x.md, x.html goes
    refused: str | None = None  # why this source is not converted


def plan(found: Found, options: Options) -> tuple[Target, ...]:
    targets = _plan(found, options)
    if options.report is not None:
        _refuse_report_over(options.report, targets)
    return targets


def _refuse_report_over(report: Path, targets: Sequence[Target]) -> None:
    """`--report p/b.md` once overwrote a post with JSON."""
    key = _key(report)
    for target in targets:
        if target.source.file is not None and _key(target.source.key) == key:
            raise UsageError(f"--report {report} is one of the inputs")
        if target.dest is not None and _key(target.dest) == key:
            raise UsageError(f"--report {report} is where {target.source.display} is written")


def _plan(found: Found, options: Options) -> tuple[Target, ...]:
    if options.writes_nothing or (options.format == "json" and options.output is None):
        return tuple(Target(s, None) for s in found.sources)
    if options.in_place:
        return _refuse_clashes([_in_place(s) for s in found.sources], found.sources)
    if options.output is None:
        if found.batch:
            raise UsageError(
                "several inputs: give -o DIR to mirror them into a folder, "
                "or --in-place to rewrite them where they are"
            )
        return tuple(Target(s, None) for s in found.sources)
    if found.batch or _names_folder(options.output):
        return _into_folder(found, options.output)
    return tuple(Target(s, options.output) for s in found.sources)


def markdown_name(rel: str) -> str:
    path = PurePosixPath(rel)
    return rel if path.suffix.lower() in MARKDOWN_SUFFIXES else str(path.with_suffix(".md"))


def _names_folder(output: Path) -> bool:
    return output.is_dir() or str(output).endswith(("/", os.sep))


def _in_place(source: Source) -> Target:
    if source.path is None:
        raise UsageError('--in-place needs files, not "-" (standard input)')
    dest = source.path.with_name(markdown_name(source.path.name))
    if dest == source.path:
        return Target(source, source.path)
    return Target(source, dest, replaces_source=True)  # written only where no file is


def _into_folder(found: Found, folder: Path) -> tuple[Target, ...]:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"-o {folder}: several inputs need a folder, and this is a file")
    root = folder.resolve()
    targets = []
    for source in found.sources:
        dest = folder / markdown_name(source.rel)
        inside = dest.resolve().is_relative_to(root)
        refused = None if inside else f"{dest} would land outside {folder}"
        targets.append(Target(source, dest, refused=refused))
    return _refuse_clashes(targets, found.sources)


def _refuse_clashes(targets: Sequence[Target], sources: Sequence[Source]) -> tuple[Target, ...]:
    """No input is overwritten by another one's output, and no two inputs share an output."""
    inputs = {_key(s.key): s for s in sources if s.file is not None}
    by_dest: dict[str, list[int]] = defaultdict(list)
    result = list(targets)
    for i, target in enumerate(targets):
        if target.dest is None or target.refused:
            continue
        key = _key(target.dest)
        other = inputs.get(key)
        if other is not None and target.replaces_source:
            continue  # never written over a file: a finished one is recognized when written
        if other is not None and other is not target.source:
            result[i] = replace(target, refused=f"would overwrite the input {other.display}")
        else:
            by_dest[key].append(i)
    for indexes in by_dest.values():
        if len(indexes) > 1:
            names = " and ".join(targets[i].source.display for i in indexes)
            for i in indexes:
                clash = f"{names} would be written to the same file {targets[i].dest}"
                result[i] = replace(targets[i], refused=clash)
    return tuple(result)


def _key(path: Path | str) -> str:
    return os.path.normcase(os.path.abspath(path))
