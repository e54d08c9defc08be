"""A process pool, imported only when more than one file needs converting.

Tasks are submitted a few chunks ahead of the results taken, not all at once: the parent holds
a bounded window of tasks and results whatever the size of the batch. The pool is always shut
down with the parent waiting for it: stopping without waiting lets the pool's own exit hook
write to a pipe already closed, the stray `OSError: [Errno 9]` seen at exit.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import itertools
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from cli.work import Result, Task

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
CHUNKS_AHEAD_PER_WORKER = 4
WATCHDOG_SECONDS = 1.0


class Pool:
    """Worker processes for a run, started at the first batch that needs them and reused by
    the next ones; `close` ends them (at once if the run stopped early)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.executor: ProcessPoolExecutor | None = None
        self.stopped_early = False

    def map(
        self, work: Callable[[Task], Result], tasks: Iterable[Task], *, chunk: int
    ) -> Iterator[Result]:
        """Results in task order, whatever order the workers finish in."""
        if self.executor is None:
            self.executor = ProcessPoolExecutor(
                max_workers=self.jobs, initializer=_start_worker, initargs=(os.getpid(),)
            )
        pending: deque[Future[list[Result]]] = deque()
        try:
            for batch in _batched(tasks, chunk):
                pending.append(self.executor.submit(_run_chunk, work, batch))
                if len(pending) >= self.jobs * CHUNKS_AHEAD_PER_WORKER:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            self.stopped_early = self.stopped_early or bool(pending)

    def close(self) -> None:
        if self.executor is not None:
            _shut_down(self.executor, stopped_early=self.stopped_early)
            self.executor = None


def chunk_size(tasks: int, jobs: int) -> int:
    """Big enough to keep pickling cheap, small enough that every worker gets several."""
    return max(1, min(32, tasks // (jobs * 8)))


def _run_chunk(work: Callable[[Task], Result], batch: Sequence[Task]) -> list[Result]:
    return [work(task) for task in batch]


def _batched(tasks: Iterable[Task], size: int) -> Iterator[tuple[Task, ...]]:
    iterator = iter(tasks)
    while batch := tuple(itertools.islice(iterator, size)):
        yield batch


def _shut_down(executor: ProcessPoolExecutor, *, stopped_early: bool) -> None:
    """Wait for the pool to end; when the parent stopped early (Ctrl-C, `| head`), end the
    workers first, or a worker deep in a slow file would hold the exit up."""
    if stopped_early:
        for process in list(executor._processes.values()):
            with contextlib.suppress(OSError):
                process.terminate()
    executor.shutdown(wait=True, cancel_futures=True)


def _start_worker(parent: int) -> None:
    """Ctrl-C reaches the whole process group; only the parent should act on it. A worker
    whose parent dies (kill -9, SIGTERM, SIGHUP) ends too instead of running on."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before we could ask to follow it
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask Linux to kill this process when its parent ends; False where that is not offered."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        threading.Event().wait(WATCHDOG_SECONDS)
    os._exit(1)
