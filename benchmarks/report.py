"""Ratios against the targets of issues 6 and 13, the printed table, JSON and Markdown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from benchmarks.timing import Measurement, speed_ratio

Rows = dict[str, Measurement]


@dataclass(frozen=True)
class Ratio:
    label: str
    value: float | None
    unit: str  # "×", " s", " MiB"
    target: str = ""
    test: Callable[[float], bool] | None = None
    missing: str = "n/a (input n/a)"

    @property
    def met(self) -> bool | None:
        return None if self.value is None or self.test is None else self.test(self.value)

    @property
    def shown(self) -> str:
        return self.missing if self.value is None else f"{self.value:.2f}{self.unit}"

    def as_json(self) -> dict[str, object]:
        return {
            "label": self.label,
            "value": self.value,
            "unit": self.unit.strip(),
            "target": self.target,
            "met": self.met,
        }


def ratios(rows: Rows) -> list[Ratio]:
    return [*_speed(rows), *_batch(rows), *_check(rows), *_startup(rows), *_scaling(rows)]


def _get(rows: Rows, key: str) -> Measurement:
    return rows.get(key) or Measurement(key, key).fail("not measured")


def _speed(rows: Rows) -> list[Ratio]:
    ours = _get(rows, "article2md")
    speed = {
        key: speed_ratio(_get(rows, key), ours, paired=True)
        for key in ("markdownify", "html2text", "trafilatura", "html_to_markdown")
    }
    floor = speed_ratio(ours, _get(rows, "lxml_fragment"), paired=True)
    return [
        Ratio(
            "article2md vs markdownify (speed, >1 = faster)",
            speed["markdownify"],
            "×",
            "≥ 1.25 (issue 13)",
            lambda v: v >= 1.25,
        ),
        Ratio(
            "article2md vs html2text (speed)",
            speed["html2text"],
            "×",
            "≥ 1.0 (issue 13)",
            lambda v: v >= 1.0,
        ),
        Ratio("article2md vs html-to-markdown, Rust (speed)", speed["html_to_markdown"], "×"),
        Ratio(
            "article2md vs trafilatura (speed)",
            speed["trafilatura"],
            "×",
            "≥ 3.0",
            lambda v: v >= 3.0,
        ),
        Ratio("article2md time / lxml parse floor", floor, "×"),
    ]


def _batch(rows: Rows) -> list[Ratio]:
    jobs1, jobs2 = _get(rows, "cli_1000_jobs1"), _get(rows, "cli_1000_jobs2")
    small, large = _peak_rss(_get(rows, "cli_1000_jobs1")), _peak_rss(_get(rows, "cli_10000_jobs1"))
    growth = large / small if small and large else None
    large1, large2 = _get(rows, "cli_10000_jobs1"), _get(rows, "cli_10000_jobs2")
    return [
        Ratio(
            "CLI --jobs 2 speed-up over --jobs 1 (10,000 files)",
            speed_ratio(large1, large2),
            "×",
            "≥ 1.8",
            lambda v: v >= 1.8,
        ),
        Ratio(
            "CLI --jobs 2 speed-up over --jobs 1 (1,000 files)",
            speed_ratio(jobs1, jobs2, paired=True),
            "×",
            "≥ 1.8",
            lambda v: v >= 1.8,
        ),
        Ratio("peak RSS, 1,000 files, --jobs 1", small, " MiB"),
        Ratio("peak RSS, 10,000 files, --jobs 1", large, " MiB"),
        Ratio("peak RSS growth 10,000 / 1,000 files", growth, "×", "≤ 1.10", lambda v: v <= 1.10),
    ]


def _peak_rss(row: Measurement) -> float | None:
    """Median over runs of the largest process's peak, in MiB."""
    peaks = sorted(row.extra.get("max_rss_kib", []))
    return peaks[len(peaks) // 2] / 1024 if row.ok and peaks else None


def _check(rows: Rows) -> list[Ratio]:
    """Per file, so the command's fixed start-up weighs less on the larger folder."""
    return [
        Ratio(
            f"--check ({state} cache) vs convert --jobs 1, per file, {files:,} files",
            speed_ratio(_get(rows, f"cli_{files}_jobs1"), _get(rows, f"check_{files}_{state}")),
            "×",
            "≥ 10",
            lambda v: v >= 10,
        )
        for files in (1_000, 10_000)
        for state in ("warm", "cold")
    ]


def _startup(rows: Rows) -> list[Ratio]:
    """Issue 13: one small file, from a file and from a pipe, in at most 0.25 s."""
    out = []
    for key, label in (("startup_cli", "convert FILE"), ("startup_cli_stdin", "convert -")):
        row = _get(rows, key)
        value = row.median if row.ok else None
        out.append(
            Ratio(f"start-up: {label}, one small file, wall", value, " s", "≤ 0.25 s", _quick)
        )
    return out


def _quick(seconds: float) -> bool:
    return seconds <= 0.25


# (key, smallest size counted, target): the check alone must stay linear from 10 KB (issue 13)
_SCALING: tuple[tuple[str, int, str, Callable[[float], bool] | None], ...] = (
    ("article2md", 100_000, "≤ 1.5 (flat)", lambda v: v <= 1.5),
    ("markdownify", 100_000, "", None),
    ("article2md_check", 10_000, "≤ 1.3 (issue 13)", lambda v: v <= 1.3),
)


def _scaling(rows: Rows) -> list[Ratio]:
    out = []
    for key, smallest, target, test in _SCALING:
        sizes = [r for k, r in rows.items() if _scaled(k, key) and _size(k) >= smallest]
        per_mb = [r.median / (r.size / 1e6) for r in sizes if r.ok]
        value = max(per_mb) / min(per_mb) if len(per_mb) == len(sizes) and per_mb else None
        span = f"{smallest // 1000} KB…10 MB"
        out.append(Ratio(f"{key}: slowest / fastest s per MB, {span}", value, "×", target, test))
    return out


def _scaled(row_key: str, key: str) -> bool:
    """Whether a row is a scaling row of this key (article2md's exclude article2md_check's)."""
    return row_key.startswith(f"scale_{key}_") and row_key[len(f"scale_{key}_") :].isdigit()


def _size(key: str) -> int:
    return int(key.rsplit("_", 1)[1])


def table(rows: Rows, found: list[Ratio], title: str) -> Table:
    grid = Table(title=title, title_justify="left")
    for name in ("What", "Median", "Per file", "MB/s", "Ratio / value", "Target", "Met"):
        grid.add_column(name, justify="left" if name == "What" else "right")
    for row in rows.values():
        grid.add_row(row.label, *_cells(row), "", "", "")
    grid.add_section()
    for ratio in found:
        grid.add_row(ratio.label, "", "", "", ratio.shown, ratio.target, _met(ratio.met))
    return grid


def _cells(row: Measurement) -> tuple[str, str, str]:
    if not row.ok:
        return f"n/a ({row.reason or 'no runs'})", "", ""
    errors = row.extra.get("errors") or row.extra.get("error_lines")
    note = f" ({errors} errors)" if errors else ""
    rate = f"{row.mb_per_s:.2f}" if row.size else ""
    return f"{row.median:.3f} s{note}", f"{row.per_file * 1e3:.3f} ms", rate


def _met(met: bool | None) -> str:
    return {True: "yes", False: "NO", None: ""}[met]


def print_table(rows: Rows, found: list[Ratio], title: str) -> None:
    Console(width=160).print(table(rows, found, title))


def markdown(rows: Rows, found: list[Ratio]) -> str:
    lines = ["| What | Median | Per file | MB/s |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {row.label} | " + " | ".join(_cells(row)) + " |" for row in rows.values()]
    lines += ["", "| Ratio / value | Measured | Target | Met |", "| --- | ---: | --- | --- |"]
    lines += [f"| {r.label} | {r.shown} | {r.target} | {_met(r.met)} |" for r in found]
    return "\n".join(lines) + "\n"
