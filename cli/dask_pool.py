"""`--dask ADDRESS`: the per-file work on a Dask cluster, results back in input order.

The client plans (sources, destinations, cache) exactly as a local run; workers run the same
per-file function a local worker runs, a partition of thousands of files per Dask task so the
scheduler is not flooded, and send back small records. A worker that dies is retried by Dask
(``distributed.scheduler.allowed-failures``); the partitions that were are named in ``retried``.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from cli.work import Failure, Placed, Result, Task
from cli.writing import atomic_write, holds, write_beside

Job = TypeVar("Job")
Out = TypeVar("Out")

LOCAL = "local"
MAX_PARTITION = 2000  # files per Dask task: a task costs the scheduler about a millisecond
PARTITIONS_PER_WORKER = 4  # enough to even out slow partitions, few enough to stay cheap


def partition_size(files: int, workers: int) -> int:
    return max(1, min(MAX_PARTITION, math.ceil(files / (max(1, workers) * PARTITIONS_PER_WORKER))))


class DaskRun(Generic[Job, Out]):
    """Iterate for the results; afterwards ``retried`` lists the partitions Dask ran again."""

    def __init__(self, work: Callable[[Job], Out], jobs: Sequence[Job], address: str) -> None:
        self.work = work
        self.jobs = jobs
        self.address = address
        self.retried: list[str] = []

    def __iter__(self) -> Iterator[Out]:
        from distributed import Client

        with _cluster(self.address) as cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            workers = len(client.scheduler_info().get("workers", {})) or 1
            size = partition_size(len(self.jobs), workers)
            starts = range(0, len(self.jobs), size)
            parts = [list(self.jobs[start : start + size]) for start in starts]
            futures = client.map(_run_partition, parts, work=self.work, pure=False)
            for start, future in zip(starts, futures, strict=True):
                results = future.result()
                if client.run_on_scheduler(_suspicious, key=future.key):
                    self.retried.append(f"files {start + 1}-{start + len(results)}")
                future.release()
                yield from results


def _run_partition(jobs: list[Any], work: Callable[[Any], Any]) -> list[Any]:
    return [work(job) for job in jobs]


def _suspicious(dask_scheduler: Any, key: Any) -> int:
    """How many workers died while running this task (the scheduler's own count)."""
    task = dask_scheduler.tasks.get(key)
    return int(task.suspicious) if task is not None else 0


class _cluster:
    """``local``: a LocalCluster with one single-threaded worker process per core."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.local: Any = None

    def __enter__(self) -> Any:
        if self.address != LOCAL:
            return self.address
        from distributed import LocalCluster

        self.local = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return self.local

    def __exit__(self, *exc: object) -> None:
        if self.local is not None:
            self.local.close()


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a worker writes one file's conversion; the client planned it as a local run would."""

    dest: Path
    mode_like: Path | None
    replaces_source: bool


def process_and_place(
    job: tuple[Task, Placement | None], *, work: Callable[[Task], Result]
) -> Result:
    """Convert, then write on the worker: only a small record goes back, never the document."""
    task, placement = job
    result = work(task)
    conversion = result.conversion
    if placement is None or result.failure is not None or conversion is None:
        return result
    data = conversion.text.encode("utf-8")
    try:
        placed = _place(placement, data)
    except FileExistsError:  # as a local run says it
        clash = f"{placement.dest} exists and would be overwritten"
        return replace(result, conversion=None, failure=Failure("output", clash))
    except OSError as error:
        return replace(
            result, conversion=None, failure=Failure("write", error.strerror or str(error))
        )
    return replace(result, conversion=replace(conversion, text=""), placed=placed)


def _place(placement: Placement, data: bytes) -> Placed:
    if placement.replaces_source and placement.mode_like is not None:
        write_beside(placement.mode_like, placement.dest, data)  # x.html -> x.md, as locally
        return "written"
    if holds(placement.dest, data):
        return "held"
    atomic_write(placement.dest, data, mode_like=placement.mode_like)
    return "written"
