"""Measurements and the small arithmetic on them."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

LAUNCHER = Path(__file__).with_name("launch.py")


@dataclass
class Measurement:
    """One row of the table: several timed runs of the same work, or why there are none."""

    key: str
    label: str
    files: int = 0
    size: int = 0  # bytes fed to the tool per run
    runs: list[float] = field(default_factory=list)
    reason: str = ""  # set when the measurement could not be taken
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.reason and bool(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def per_file(self) -> float:
        return self.median / self.files

    @property
    def mb_per_s(self) -> float:
        return self.size / 1e6 / self.median

    def fail(self, reason: str) -> Measurement:
        self.reason = reason
        return self

    @classmethod
    def from_json(cls, key: str, data: dict[str, Any]) -> Measurement:
        row = cls(key, data["label"], data["files"], data["bytes"], list(data["runs_s"]))
        row.reason, row.extra = data.get("reason", ""), dict(data["extra"])
        return row

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "status": "ok" if self.ok else "n/a"}
        if not self.ok:
            out["reason"] = self.reason or "no runs"
        out |= {"files": self.files, "bytes": self.size, "runs_s": self.runs}
        if self.ok:
            out |= {"median_s": self.median, "per_file_ms": self.per_file * 1e3}
            out["mb_per_s"] = self.mb_per_s if self.size else None
        return out | {"extra": self.extra}


@dataclass(frozen=True)
class ProcessRun:
    seconds: float
    returncode: int
    max_rss_kib: int  # the largest resident set of the process or any descendant it waited for
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0  # user + system: on a busy machine, steadier than the wall time


def run_process(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    stdin: Path | None = None,
) -> ProcessRun:
    """Run a command to completion through launch.py, which times it and reads its peak RSS.
    `stdin`: a file the command reads as its standard input (a pipe's worth, already there)."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile(suffix=".json") as result,
        open(stdin or os.devnull, "rb") as given,
    ):
        launcher = [sys.executable, "-I", str(LAUNCHER), result.name, *argv]
        subprocess.run(launcher, stdin=given, stdout=out, stderr=err, env=env, cwd=cwd, check=True)
        seconds, returncode, max_rss_kib, cpu = json.loads(Path(result.name).read_text())
        return ProcessRun(seconds, returncode, max_rss_kib, _read(out), _read(err), cpu)


def _read(handle: IO[bytes]) -> str:
    handle.seek(0)
    return handle.read().decode("utf-8", "replace")


def speed_ratio(slow: Measurement, fast: Measurement, *, paired: bool = False) -> float | None:
    """How many times faster `fast` is than `slow` per file (> 1: `fast` wins).

    `paired`: the runs were interleaved (run i of each taken back to back), so the median of
    the run-by-run ratios cancels slow drifts in machine load better than a ratio of medians."""
    if not (slow.ok and fast.ok):
        return None
    if paired and len(slow.runs) == len(fast.runs):
        per_file = [
            (s / slow.files) / (f / fast.files) for s, f in zip(slow.runs, fast.runs, strict=True)
        ]
        return statistics.median(per_file)
    return slow.per_file / fast.per_file
