"""Per-file outcomes, the counts, the end-of-run line or table, the JSON report, the exit code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.table import Table

Status = Literal["converted", "unchanged", "would change", "failed"]

EXIT_OK = 0  # converted, or nothing to change
EXIT_CHANGES = 1  # --check/--diff: something would change
EXIT_USAGE = 2  # the command line itself was wrong
EXIT_FAILED = 123  # some files failed; the rest were done
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
EXIT_STDOUT_CLOSED = 141  # the reader of stdout went away, as shells report SIGPIPE

Stop = Literal["interrupted", "stdout closed", "stdout failed"]
STOP_EXIT_CODES: dict[Stop, int] = {
    "interrupted": EXIT_INTERRUPTED,
    "stdout closed": EXIT_STDOUT_CLOSED,
    "stdout failed": EXIT_FAILED,
}


@dataclass(frozen=True, slots=True)
class Outcome:
    path: str
    status: Status
    output: str | None = None  # the file written, when one was
    stage: str | None = None  # for failures: where and why
    reason: str | None = None
    removed: int = 0  # pieces of boilerplate taken out
    removed_bytes: int = 0  # characters of HTML they took with them
    bytes_in: int = 0
    bytes_out: int = 0
    warnings: tuple[str, ...] = ()


class Report:
    """Counts as the run goes; the per-file outcomes are kept only for a --report file, so a
    long batch does not grow the parent by one record per file."""

    def __init__(self, skipped: Iterable[str] = (), *, keep_files: bool = True) -> None:
        self.outcomes: list[Outcome] = []
        self.keep_files = keep_files
        self.skipped = tuple(skipped)
        self.stopped: Stop | None = None  # the run ended before every file was done
        self.retried: list[str] = []  # Dask partitions run again after a worker died
        self.tally: Counter[str] = Counter()
        self.warned = 0
        self.changed = Counter[str]()  # over files that changed: removed pieces and bytes

    def stop(self, reason: Stop) -> None:
        self.stopped = reason

    def add(self, outcome: Outcome) -> None:
        if self.keep_files:
            self.outcomes.append(outcome)
        self.tally[outcome.status] += 1
        self.warned += bool(outcome.warnings)
        if outcome.status in ("converted", "would change"):
            self.changed.update(
                pieces=outcome.removed,
                removed=outcome.removed_bytes,
                bytes_in=outcome.bytes_in,
                bytes_out=outcome.bytes_out,
            )

    def counts(self) -> dict[str, int]:
        statuses: tuple[Status, ...] = ("converted", "would change", "unchanged", "failed")
        counts: dict[str, int] = {status: self.tally[status] for status in statuses}
        counts["skipped"] = len(self.skipped)
        return counts

    def exit_code(self) -> int:
        if self.stopped is not None:
            return STOP_EXIT_CODES[self.stopped]
        counts = self.counts()
        if counts["failed"]:
            return EXIT_FAILED
        return EXIT_CHANGES if counts["would change"] else EXIT_OK

    def summary_line(self) -> str:
        """Like black's last line: `3 converted, 32 unchanged, 1 failed` (counts that are 0 left
        out); empty when there was nothing."""
        counts = self.counts()
        shown = ("converted", "would change", "unchanged", "failed")
        return ", ".join(f"{counts[name]:,} {name}" for name in shown if counts[name])

    def summary(self) -> Table:
        """The table of `-v`/`--stats`. What was removed, and the bytes, count only the files
        that changed: a rerun that changes nothing removed nothing."""
        from rich.table import Table

        table = Table(title="article2md", title_justify="left", show_header=False)
        table.add_column("what")
        table.add_column("count", justify="right")
        for name, count in self.counts().items():
            if count or name in ("unchanged", "failed"):
                table.add_row(name, f"{count:,}")
        if self.warned:
            table.add_row("with warnings (-v)", f"{self.warned:,}")
        pieces, size = self.changed["pieces"], self.changed["removed"]
        table.add_row("boilerplate removed", f"{size:,} characters in {pieces:,} pieces")
        bytes_in, bytes_out = self.changed["bytes_in"], self.changed["bytes_out"]
        table.add_row("bytes in → out, changed files", f"{bytes_in:,} → {bytes_out:,}")
        return table

    def to_json(self, version: str) -> dict[str, object]:
        return {
            "tool": "article2md",
            "version": version,
            "exit_code": self.exit_code(),
            "stopped": self.stopped,  # null, or why files after the last one listed were not done
            "counts": self.counts(),
            "files": [asdict(outcome) for outcome in self.outcomes],
            "skipped": list(self.skipped),
            "retried": list(self.retried),
        }
