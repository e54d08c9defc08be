"""Where each source's document goes, and which outputs are refused before any work."""

from __future__ import annotations

import bisect
import itertools
import os
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from cli.options import Options, UsageError
from cli.sources import Found, Source

MARKDOWN_SUFFIXES = (".md", ".markdown")
NO_PATH = -1  # in the hash index: no input or output here (hash() never returns -1)


@dataclass(frozen=True, slots=True)
class Target:
    source: Source
    dest: Path | None  # None: standard output, or nothing written (--check, --diff)
    replaces_source: bool = False  # --in-place on HTML: x.html becomes x.md, x.html goes
    refused: str | None = None  # why this source is not converted


class Plan:
    """The targets, made one at a time as the run reaches them. Which ones are refused is
    worked out up front from a fixed-size hash per file, so no path is kept per file."""

    def __init__(
        self, found: Found, make: Callable[[Source], Target], refusals: Mapping[int, str]
    ) -> None:
        self.found = found
        self.make = make
        self.refusals = refusals  # by position: why that source is not converted

    def __iter__(self) -> Iterator[Target]:
        for index, source in enumerate(self.found.sources()):
            target = self.make(source)
            reason = self.refusals.get(index)
            yield target if reason is None or target.refused else replace(target, refused=reason)

    def __len__(self) -> int:
        return len(self.found)


def plan(found: Found, options: Options) -> Plan:
    make, checked = _planner(found, options)
    refusals = _refusals(found, make, options.report) if checked or options.report else {}
    return Plan(found, make, refusals)


def _planner(found: Found, options: Options) -> tuple[Callable[[Source], Target], bool]:
    """How each source's target is made, and whether outputs can clash with each other."""
    if options.writes_nothing or (options.format == "json" and options.output is None):
        return _nowhere, False
    if options.in_place:
        return _in_place, True
    if options.output is None:
        if found.batch:
            raise UsageError(
                "several inputs: give -o DIR to mirror them into a folder, "
                "or --in-place to rewrite them where they are"
            )
        return _nowhere, False
    if found.batch or options.output_folder or options.output.is_dir():
        return _into_folder(options.output), True
    output = options.output
    return (lambda source: Target(source, output)), False


def _nowhere(source: Source) -> Target:
    return Target(source, None)


def markdown_name(rel: str) -> str:
    path = PurePosixPath(rel)
    return rel if path.suffix.lower() in MARKDOWN_SUFFIXES else str(path.with_suffix(".md"))


def _in_place(source: Source) -> Target:
    if source.path is None:
        raise UsageError('--in-place needs files, not "-" (standard input)')
    dest = source.path.with_name(markdown_name(source.path.name))
    if dest == source.path:
        return Target(source, source.path)
    return Target(source, dest, replaces_source=True)  # written only where no file is


def _into_folder(folder: Path) -> Callable[[Source], Target]:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"-o {folder}: a folder is needed here, and this is a file")
    root = folder.resolve()

    def make(source: Source) -> Target:
        dest = folder / markdown_name(source.rel)
        inside = dest.resolve().is_relative_to(root)
        return Target(
            source, dest, refused=None if inside else f"{dest} would land outside {folder}"
        )

    return make


def _refusals(
    found: Found, make: Callable[[Source], Target], report: Path | None
) -> dict[int, str]:
    """No input is overwritten by another one's output, no two inputs share an output, and
    --report is neither. A first pass keeps a hash of each input and output path; only the
    files whose hash is shared are looked at again, with their paths."""
    index = _HashIndex(report)
    for source in found.sources():
        index.add(source, make(source))
    suspects = index.suspects()
    if not suspects:
        return {}
    return _exact_refusals(found, make, suspects)


class _HashIndex:
    def __init__(self, report: Path | None) -> None:
        self.report = report
        self.inputs = array("q")
        self.dests = array("q")  # per position; NO_PATH when nothing is written
        self.own = bytearray()  # 1 where the output is the input itself (in place)

    def add(self, source: Source, target: Target) -> None:
        own_key = _key(source.key) if source.file is not None else None
        dest_key = _key(target.dest) if target.dest is not None and not target.refused else None
        if self.report is not None:
            _refuse_report_over(self.report, own_key, dest_key, source.display)
        self.inputs.append(hash(own_key) if own_key is not None else NO_PATH)
        self.dests.append(hash(dest_key) if dest_key is not None else NO_PATH)
        self.own.append(dest_key is not None and dest_key == own_key)

    def suspects(self) -> set[int]:
        """Hashes of outputs that another output or another input shares."""
        dests = sorted(h for h in self.dests if h != NO_PATH)
        shared = {a for a, b in itertools.pairwise(dests) if a == b}
        inputs = sorted(self.inputs)
        for position, h in enumerate(self.dests):
            if h != NO_PATH and not self.own[position] and _in_sorted(inputs, h):
                shared.add(h)
        return shared


def _exact_refusals(
    found: Found, make: Callable[[Source], Target], suspects: set[int]
) -> dict[int, str]:
    """The first pass's logic on the few suspects, with their real paths."""
    inputs: dict[str, str] = {}  # input path -> how it is named
    targets: dict[int, Target] = {}
    for position, source in enumerate(found.sources()):
        if source.file is not None and hash(_key(source.key)) in suspects:
            inputs[_key(source.key)] = source.display
        target = make(source)
        if target.dest is not None and not target.refused and hash(_key(target.dest)) in suspects:
            targets[position] = target
    refusals: dict[int, str] = {}
    by_dest: dict[str, list[int]] = defaultdict(list)
    for position, target in targets.items():
        assert target.dest is not None
        key = _key(target.dest)
        other = inputs.get(key)
        if other is not None and target.replaces_source:
            continue  # never written over a file: a finished one is recognized when written
        if other is not None and key != _key(target.source.key):
            refusals[position] = f"would overwrite the input {other}"
        else:
            by_dest[key].append(position)
    for positions in by_dest.values():
        if len(positions) > 1:
            names = " and ".join(targets[p].source.display for p in positions)
            for p in positions:
                refusals[p] = f"{names} would be written to the same file {targets[p].dest}"
    return refusals


def _refuse_report_over(
    report: Path, input_key: str | None, dest_key: str | None, display: str
) -> None:
    """`--report p/b.md` once overwrote a post with JSON."""
    key = _key(report)
    if input_key == key:
        raise UsageError(f"--report {report} is one of the inputs")
    if dest_key == key:
        raise UsageError(f"--report {report} is where {display} is written")


def _in_sorted(values: Sequence[int], value: int) -> bool:
    at = bisect.bisect_left(values, value)
    return at < len(values) and values[at] == value


def _key(path: Path | str) -> str:
    return os.path.normcase(os.path.abspath(path))
