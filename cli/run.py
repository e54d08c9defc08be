"""The convert command: find sources, plan outputs, convert, then write, print and report."""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from cli.cache import Cache
from cli.destinations import Plan, Target, plan
from cli.options import Options, UsageError
from cli.reading import read_stdin
from cli.report import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, Outcome, Report, Status
from cli.rules import check as check_rules
from cli.sources import find_sources
from cli.talk import (
    Messages,
    StdoutClosed,
    StdoutFailed,
    colour_diff,
    document_bytes,
    emit,
    guard_standard_streams,
    json_text,
    say,
    show,
    wants_colour,
)
from cli.work import Converter, Failure, Result, Task, process
from cli.writing import atomic_write, holds, remove_stale_temporaries, write_beside
from converters.document import Conversion, ConversionError, Settings

if TYPE_CHECKING:
    from cli.parallel import Pool

PROGRESS_MIN_FILES = 10
BATCH = 1000  # targets planned, converted and let go at a time
REFUSED = Outcome("", "failed")  # stands in until the refused file's turn
INTERRUPTED = "article2md: interrupted; every file written is complete, no temp file left"


def run(
    paths: Sequence[str],
    settings: Settings,
    options: Options,
    *,
    convert: Converter | None = None,
) -> int:
    guard_standard_streams()
    console = Messages(colour=options.color)
    try:
        options.validate()
        found = find_sources(
            paths, options.selection, stdin_filename=options.stdin_filename, output=options.output
        )
        planned = plan(found, options)
    except UsageError as error:
        say(console, f"article2md: error: {error}")
        return EXIT_USAGE
    unusable = check_rules(settings.rule_paths)
    if unusable:
        say(console, unusable)
        return EXIT_USAGE
    for name in found.not_regular if options.verbose else ():
        say(console, f"{name}: skipped: not a regular file (a link, a FIFO); name it to convert it")
    session = Session(console, settings, options, convert)
    try:
        report = Report(found.skipped, keep_files=options.report is not None)
        return session.convert_all(planned, report, batch=found.batch)
    except KeyboardInterrupt:  # a second Ctrl-C, while the first one's report was written
        say(console, INTERRUPTED)
        return EXIT_INTERRUPTED


def _library_convert() -> Converter:
    from converters.pipeline import convert  # imported late: `--help` should not pay for lxml

    return convert


class Session:
    def __init__(
        self, console: Messages, settings: Settings, options: Options, convert: Converter | None
    ) -> None:
        self.console = console
        self.colour = wants_colour(options.color, sys.stdout)  # for diffs, on stdout
        self.settings = settings
        self.options = options
        self.convert = convert
        self.cache = Cache.load(settings) if options.in_place or options.writes_nothing else None
        self.stdin_data = b""
        self.retried: list[str] = []  # Dask partitions run again after a worker died
        self.cleared: set[Path] = set()  # output folders searched for stale temp files
        self.jobs = 1
        self.pool: Pool | None = None

    def convert_all(self, planned: Plan, report: Report, *, batch: bool) -> int:
        """A batch at a time: the parent holds one batch's records, whatever the run's size."""
        if not len(planned) and not self.options.quiet:
            say(self.console, "article2md: nothing to convert")
        if self.cache is not None and self.cache.problem:
            self._say_unless_quiet(self.cache.problem)
        self.jobs = min(self.options.jobs or os.cpu_count() or 1, len(planned))
        try:
            with self._progress(len(planned)) as advance:
                for targets in _batches(planned, self._batch_size(len(planned))):
                    self._convert_batch(targets, report, advance)
        except StdoutClosed:
            report.stop("stdout closed")
        except StdoutFailed:
            report.stop("stdout failed")
        except KeyboardInterrupt:
            report.stop("interrupted")
        finally:
            if self.pool is not None:
                self.pool.close()
        return self._close(report, planned, batch=batch)

    def _convert_batch(
        self,
        targets: Sequence[Target],
        report: Report,
        advance: Callable[[], None],
    ) -> None:
        self._clear_stale_temporaries(targets)
        early = [self._early(target) for target in targets]
        pending = [t for t, outcome in zip(targets, early, strict=True) if not outcome]
        results = self._results([self._task(t) for t in pending], pending)
        try:
            for target, outcome in zip(targets, early, strict=True):
                if target.refused:  # said in its turn, so messages follow the input order
                    outcome = self._failed(target, Failure("output", target.refused))
                report.add(self._named(outcome or self._finish_or_stop(target, results, report)))
                advance()
        finally:
            if isinstance(results, Generator):
                results.close()  # on an early stop, marks the pool to be ended at once

    def _batch_size(self, files: int) -> int:
        """A Dask run is one batch: its cluster starts once."""
        return max(files, 1) if self.options.dask is not None else BATCH

    def _finish_or_stop(self, target: Target, results: Iterator[Result], report: Report) -> Outcome:
        try:
            return self._finish(target, next(results))
        except StdoutFailed as error:  # the stream is cut: later documents must not follow it
            display = target.source.display
            say(self.console, f"{display}: error: write: standard output: {error.reason}")
            report.add(Outcome(display, "failed", stage="write", reason=error.reason))
            raise

    # before any work: what killed runs left, refusals, files the cache knows to be clean

    def _clear_stale_temporaries(self, targets: Sequence[Target]) -> None:
        folders = {t.dest.parent for t in targets if t.dest is not None and not t.refused}
        for folder in sorted(folders - self.cleared):
            self.cleared.add(folder)
            removed, left = remove_stale_temporaries(folder)
            for path in removed:
                self._say_unless_quiet(f"{path}: removed, a temporary file a killed run left")
            for path in left:
                say(
                    self.console,
                    f"{path}: warning: a temporary file an earlier version left? "
                    "delete it if no article2md is running",
                )

    def _early(self, target: Target) -> Outcome | None:
        source = target.source
        if target.refused:
            return REFUSED
        if source.file is None:
            return self._read_stdin(target)
        if self.cache is None or target.replaces_source:
            return None
        with contextlib.suppress(OSError):
            st = os.stat(source.file)
            if self.cache.fresh(source.key, st):
                size = st.st_size
                return Outcome(source.display, "unchanged", bytes_in=size, bytes_out=size)
        return None

    def _read_stdin(self, target: Target) -> Outcome | None:
        try:
            self.stdin_data = read_stdin(target.source.display, self.settings)
        except ConversionError as error:
            return self._failed(target, Failure(error.stage, error.message))
        return None

    def _task(self, target: Target) -> Task:
        source = target.source
        names = (f"{source.display}\t(original)", f"{source.display}\t(converted)")
        diff_names = names if self.options.diff else None
        keep = not self.options.writes_nothing
        if source.file is None:
            return Task(source.display, None, self.stdin_data, None, keep, diff_names)
        known = self.cache.get(source.key) if self.cache else None
        return Task(source.display, source.file, None, known, keep, diff_names)

    def _results(self, tasks: Sequence[Task], targets: Sequence[Target]) -> Iterator[Result]:
        if not tasks:
            return iter(())
        convert = self.convert or _library_convert()  # files the cache knows need no import
        work = functools.partial(process, convert=convert, settings=self.settings)
        if self.options.dask is not None:
            return self._results_on_dask(work, tasks, targets)
        if self.jobs > 1 and len(tasks) > 1:
            from cli.parallel import Pool, chunk_size  # a pool costs a fork: only when needed

            self.pool = self.pool or Pool(self.jobs, work)  # one for the run, for every batch
            return self.pool.map(tasks, chunk=chunk_size(len(tasks), self.jobs))
        return map(work, tasks)

    def _results_on_dask(
        self, work: Callable[[Task], Result], tasks: Sequence[Task], targets: Sequence[Target]
    ) -> Iterator[Result]:
        from cli.dask_pool import DaskRun, Placement, process_and_place

        writes = not (self.options.writes_nothing or self.options.format == "json")
        jobs = [
            (
                task,
                Placement(t.dest, t.source.path, t.replaces_source) if writes and t.dest else None,
            )
            for task, t in zip(tasks, targets, strict=True)
        ]
        address = self.options.dask or ""
        run = DaskRun(functools.partial(process_and_place, work=work), jobs, address)
        self.retried = run.retried  # filled while the results stream in
        return iter(run)

    # after each file, in input order

    def _finish(self, target: Target, result: Result) -> Outcome:
        if result.failure is not None:
            return self._failed(target, result.failure)
        conversion = result.conversion
        if conversion is None:  # the cache knew this content: nothing converted
            self._remember(target, result)
            return Outcome(
                result.display, "unchanged", bytes_in=result.bytes_in, bytes_out=result.bytes_in
            )
        for warning in conversion.warnings:
            self._verbose(f"{result.display}: warning: {warning}")
        if self.options.format == "json":
            return self._print_json(result, conversion)
        if self.options.writes_nothing:
            return self._checked(target, result)
        if target.dest is None:
            emit(document_bytes(conversion.text))
            return self._outcome(result, "converted" if result.changed else "unchanged")
        return self._write(target, result, conversion)

    def _checked(self, target: Target, result: Result) -> Outcome:
        if not result.changed:
            self._remember(target, result)
            return self._outcome(result, "unchanged")
        if not self.options.quiet:
            say(self.console, f"{result.display}: would reformat")
        if result.diff:
            emit(document_bytes(colour_diff(result.diff) if self.colour else result.diff))
        return self._outcome(result, "would change")

    def _write(self, target: Target, result: Result, conversion: Conversion) -> Outcome:
        assert target.dest is not None
        if result.placed is not None:  # a Dask worker wrote it (or found it written)
            return self._placed(target, result)
        data = conversion.text.encode("utf-8")
        if target.replaces_source:
            return self._write_beside(target, result, data)
        if holds(target.dest, data):
            self._remember(target, result)
            return self._outcome(result, "unchanged", target.dest)
        replaced = _stat(target.dest)
        try:
            atomic_write(target.dest, data, mode_like=target.source.path)
        except OSError as error:
            return self._failed(target, Failure("write", error.strerror or str(error)))
        self._announce(target, _what_replacing_did(replaced))
        return self._outcome(result, "converted", target.dest)

    def _placed(self, target: Target, result: Result) -> Outcome:
        if result.placed == "held":
            self._remember(target, result)
            return self._outcome(result, "unchanged", target.dest)
        self._announce(target)
        return self._outcome(result, "converted", target.dest)

    def _write_beside(self, target: Target, result: Result, data: bytes) -> Outcome:
        source, dest = target.source.path, target.dest
        assert source is not None and dest is not None
        try:
            finished = write_beside(source, dest, data)
        except FileExistsError:
            clash = f"{dest} exists and would be overwritten"
            return self._failed(target, Failure("output", clash))
        except OSError as error:
            return self._failed(target, Failure("write", error.strerror or str(error)))
        note = f" (finishing an interrupted run: {dest} already held this conversion)"
        self._announce(target, note if finished else "")
        return self._outcome(result, "converted", dest)

    def _announce(self, target: Target, note: str = "") -> None:
        display, dest = target.source.display, target.dest
        if self.options.in_place and target.source.file and os.path.islink(target.source.file):
            real = os.path.realpath(target.source.file)
            self._say_unless_quiet(f"{display}: converted (a symbolic link: {real} was rewritten)")
        elif self.options.in_place and not target.replaces_source:
            self._say_unless_quiet(f"{display}: converted{note}")
        elif self.options.in_place:
            self._say_unless_quiet(f"{display}: converted to {dest}{note}")
        else:
            self._verbose(f"{display}: converted to {dest}{note}")

    def _print_json(self, result: Result, conversion: Conversion) -> Outcome:
        record = {
            "path": result.display,
            "metadata": dict(conversion.metadata),
            "markdown": conversion.markdown,
            "removed": [asdict(removal) for removal in conversion.removed],
            "warnings": list(conversion.warnings),
            "site_rules": list(conversion.site_rules),
            "changed": result.changed,
        }
        emit(_json_line(record))
        return self._outcome(result, "converted" if result.changed else "unchanged")

    def _failed(self, target: Target, failure: Failure) -> Outcome:
        display = target.source.display
        say(self.console, f"{display}: error: {failure.stage}: {failure.message}")
        if failure.traceback:
            self._verbose(failure.traceback.rstrip("\n"))
        if self.options.format == "json":
            error = {"stage": failure.stage, "message": failure.message}
            emit(_json_line({"path": display, "error": error}))
        return Outcome(display, "failed", stage=failure.stage, reason=failure.message)

    def _outcome(self, result: Result, status: Status, dest: Path | None = None) -> Outcome:
        conversion = result.conversion
        assert conversion is not None
        return Outcome(
            result.display,
            status,
            str(dest) if dest is not None else None,
            removed=len(conversion.removed),
            removed_bytes=sum(removal.size for removal in conversion.removed),
            bytes_in=result.bytes_in,
            bytes_out=result.bytes_out,
            warnings=conversion.warnings,
        )

    def _remember(self, target: Target, result: Result) -> None:
        if self.cache is not None and result.entry is not None:
            self.cache.mark_clean(target.source.key, result.entry)

    # the end of the run

    def _close(self, report: Report, planned: Plan, *, batch: bool) -> int:
        for partition in self.retried:
            say(self.console, f"article2md: a Dask worker died; {partition} were run again")
        report.retried = list(self.retried)
        if self.cache is not None:
            self.cache.save()
        if report.stopped != "stdout closed":
            self._summarise(report, planned, batch=batch)
        if report.stopped == "interrupted":
            say(self.console, INTERRUPTED)
        if self.options.report is not None:
            try:
                atomic_write(self.options.report, _report_json(report))
            except OSError as error:
                say(self.console, f"{self.options.report}: error: report: {error.strerror}")
                return EXIT_FAILED
        return report.exit_code()

    def _summarise(self, report: Report, planned: Plan, *, batch: bool) -> None:
        """One line like black's; the table with -v or --stats (--stats even in a pipeline)."""
        if self.options.stats:
            show(self.console, report.summary())
        elif self._wants_summary(planned, batch=batch):
            if self.options.verbose:
                show(self.console, report.summary())
            elif report.summary_line():
                say(self.console, report.summary_line())

    def _wants_summary(self, planned: Plan, *, batch: bool) -> bool:
        """Quiet in pipelines: nothing when documents or JSON go to stdout, or stdin is read."""
        if self.options.quiet or self.options.format == "json" or not len(planned):
            return False
        if planned.found.stdin is not None:
            return False
        return batch or self.options.writes_nothing or next(iter(planned)).dest is not None

    # talking

    def _named(self, outcome: Outcome) -> Outcome:
        """-v names every file: those that change are named as they are done, and these."""
        if outcome.status == "unchanged":
            self._verbose(f"{outcome.path}: unchanged")
        return outcome

    def _say_unless_quiet(self, text: str) -> None:
        if not self.options.quiet:
            say(self.console, text)

    def _verbose(self, text: str) -> None:
        if self.options.verbose:
            say(self.console, text)

    @contextlib.contextmanager
    def _progress(self, total: int) -> Iterator[Callable[[], None]]:
        shown = not self.options.quiet and total > PROGRESS_MIN_FILES
        if not (shown and self.console.is_terminal):
            yield lambda: None
            return
        from rich.progress import Progress

        with Progress(console=self.console.rich, transient=True) as progress:
            task = progress.add_task("converting", total=total)
            yield lambda: progress.advance(task)


def _batches(planned: Plan, size: int) -> Iterator[list[Target]]:
    targets = iter(planned)
    while batch := list(itertools.islice(targets, size)):
        yield batch


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _what_replacing_did(before: os.stat_result | None) -> str:
    """Replacing a file by renaming a new one over it keeps its mode and owner, not its
    other hard links (they keep the old text) nor its write protection's effect."""
    if before is None:
        return ""
    notes = []
    if not before.st_mode & 0o222:
        notes.append("it was read-only: replaced, mode kept")
    if before.st_nlink > 1:
        others = before.st_nlink - 1
        links = f"{others} other hard links keep" if others > 1 else "1 other hard link keeps"
        notes.append(f"its {links} the old text")
    return f" ({'; '.join(notes)})" if notes else ""


def _report_json(report: Report) -> bytes:
    from converters import __version__

    return (json_text(report.to_json(__version__), indent=2) + "\n").encode("utf-8")


def _json_line(record: dict[str, object]) -> bytes:
    return (json_text(record) + "\n").encode("utf-8")
