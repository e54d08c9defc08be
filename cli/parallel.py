"""Worker processes, imported only when more than one file needs converting.

Our own small pool rather than ProcessPoolExecutor, for what a batch run must survive:
- Each worker has a pipe of its own. Ending workers at once (Ctrl-C, `| head`) may cut a
  message in half; with one pipe shared by every worker, as the executor has, the parent
  then waited forever for the rest of it. A cut pipe here is one nobody reads again.
- No thread in the parent: the executor's manager thread raced the interpreter's exit hook,
  the stray `Exception ignored ... OSError: [Errno 9]` seen about one run in five.
- A worker that dies (killed, out of memory, a crash in C code) costs the files of its chunk,
  each named as failed, and is replaced; the executor broke the whole run.
- Workers die with the parent (kill -9, SIGTERM, SIGHUP) instead of running on.
A few chunks per worker are in flight at most, so the parent holds a bounded window of tasks
and results whatever the size of the batch.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import itertools
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from cli.work import Failure, Result, Task

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
CHUNKS_AHEAD_PER_WORKER = 2  # finished chunks waiting for an earlier one, per worker
WATCHDOG_SECONDS = 1.0

Work = Callable[[Task], Result]
Chunk = tuple[int, list[Task]]  # its position among the chunks, and its tasks


@dataclass
class _Worker:
    process: BaseProcess
    pipe: Connection
    chunk: Chunk | None = None  # what it is working on


@dataclass
class _Round:
    """One `map`: chunks in flight and finished ones waiting for their turn."""

    chunks: Iterator[Chunk]
    done: dict[int, list[Result]] = field(default_factory=dict)
    next: int = 0  # the position of the chunk to yield next
    exhausted: bool = False


class Pool:
    """Worker processes for a run, started at the first batch that needs them and reused by
    the next ones; `close` ends them (at once if the run stopped early)."""

    def __init__(self, jobs: int, work: Work) -> None:
        self.jobs = jobs
        self.work = work  # inherited by each worker at fork: never pickled
        self.workers: list[_Worker] = []
        self.stopped_early = False

    def map(self, tasks: Iterable[Task], *, chunk: int) -> Iterator[Result]:
        """Results in task order, whatever order the workers finish in."""
        if not self.workers:
            self.workers = [self._start() for _ in range(self.jobs)]
        step = _Round(enumerate(_batched(tasks, chunk)))
        try:
            while True:
                self._hand_out(step)
                if step.next in step.done:
                    yield from step.done.pop(step.next)
                    step.next += 1
                elif not self._busy():
                    return
                else:
                    self._collect(step)
        finally:
            self.stopped_early = self.stopped_early or self._busy() or bool(step.done)

    def close(self) -> None:
        """End the workers and wait for them: at once after an early stop, else when idle."""
        for worker in self.workers:
            if self.stopped_early or worker.chunk is not None:
                worker.process.terminate()
            else:
                with contextlib.suppress(OSError):
                    worker.pipe.send(None)
        for worker in self.workers:
            worker.process.join()
            worker.pipe.close()
        self.workers = []

    def _hand_out(self, step: _Round) -> None:
        room = self.jobs * CHUNKS_AHEAD_PER_WORKER - len(step.done)
        for worker in self.workers:
            if worker.chunk is None and not step.exhausted and room > 0:
                chunk = next(step.chunks, None)
                if chunk is None:
                    step.exhausted = True
                    return
                worker.chunk = chunk
                room -= 1
                try:
                    worker.pipe.send(chunk[1])
                except OSError:  # it died while idle
                    step.done[chunk[0]] = [self._lost(task, worker) for task in chunk[1]]
                    self._replace(worker)

    def _busy(self) -> bool:
        return any(worker.chunk is not None for worker in self.workers)

    def _collect(self, step: _Round) -> None:
        """Wait until some worker finishes its chunk, or dies."""
        busy = [worker for worker in self.workers if worker.chunk is not None]
        ready = set(wait([w.pipe for w in busy] + [w.process.sentinel for w in busy]))
        for worker in busy:
            assert worker.chunk is not None
            position, tasks = worker.chunk
            if worker.pipe in ready:
                with contextlib.suppress(EOFError, OSError):
                    step.done[position] = worker.pipe.recv()
                    worker.chunk = None
                    continue
            if worker.pipe in ready or worker.process.sentinel in ready:
                step.done[position] = [self._lost(task, worker) for task in tasks]
                self._replace(worker)

    def _lost(self, task: Task, worker: _Worker) -> Result:
        worker.process.join()
        code = worker.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
        message = f"the worker process converting it died ({how})"
        return Result(task.display, failure=Failure("internal", message))

    def _replace(self, worker: _Worker) -> None:
        worker.pipe.close()
        fresh = self._start()
        worker.process, worker.pipe, worker.chunk = fresh.process, fresh.pipe, None

    def _start(self) -> _Worker:
        parent_end, child_end = multiprocessing.Pipe()
        context = multiprocessing.get_context("fork" if sys.platform != "win32" else None)
        process = context.Process(
            target=_serve, args=(child_end, self.work, os.getpid()), daemon=True
        )
        process.start()
        child_end.close()
        return _Worker(process, parent_end)


def _batched(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    iterator = iter(tasks)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def chunk_size(tasks: int, jobs: int) -> int:
    """Big enough to keep pickling cheap, small enough that every worker gets several."""
    return max(1, min(32, tasks // (jobs * 8)))


def _serve(pipe: Connection, work: Work, parent: int) -> None:
    """A worker: chunks in, results out, until told to stop or the parent is gone."""
    _start_worker(parent)
    while True:
        try:
            message = pipe.recv()
        except EOFError:
            return
        if message is None:
            return
        pipe.send([work(task) for task in message])


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
