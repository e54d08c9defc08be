"""A process pool, imported only when more than one file needs converting."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from cli.work import Result, Task


def map_in_pool(
    work: Callable[[Task], Result], tasks: Sequence[Task], jobs: int
) -> Iterator[Result]:
    """Results in task order, whatever order the workers finish in."""
    workers = max(1, min(jobs, len(tasks)))
    chunk = max(1, min(32, len(tasks) // (workers * 8)))
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
    try:
        yield from executor.map(work, tasks, chunksize=chunk)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown()


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group; only the parent should act on it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
