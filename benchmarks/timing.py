"""Measurements and the small arithmetic on them."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any


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


def run_process(
    argv: Sequence[str], *, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> ProcessRun:
    """Run a command to completion; wall time and peak RSS come from wait4 on that child alone."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        return ProcessRun(seconds, proc.returncode, usage.ru_maxrss, _read(out), _read(err))


def _read(handle: IO[bytes]) -> str:
    handle.seek(0)
    return handle.read().decode("utf-8", "replace")


def speed_ratio(slow: Measurement, fast: Measurement) -> float | None:
    """How many times faster `fast` is than `slow` per file (> 1: `fast` wins)."""
    if not (slow.ok and fast.ok):
        return None
    return slow.per_file / fast.per_file
