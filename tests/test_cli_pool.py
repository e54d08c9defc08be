"""The process pool: shut down whole before the run returns, and never outliving its parent."""

from __future__ import annotations

import multiprocessing
import os
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cli.options import Options
from cli.run import run
from cli.work import Result, Task
from converters.document import Settings
from tests.conftest import terminal_signals
from tests.test_cli_fakes import fake_convert, private_cache

__all__ = ["private_cache"]

ROOT = Path(__file__).resolve().parent.parent


def posts(root: Path, count: int) -> Path:
    root.mkdir()
    for number in range(count):
        (root / f"{number:03}.md").write_text(f"<p>post {number}</p>")
    return root


@pytest.mark.parametrize(
    "options",
    [Options(check=True, jobs=2), Options(output=Path("out"), jobs=2)],
    ids=["check", "output-folder"],
)
def test_the_pool_is_gone_when_the_run_returns(tmp_path, monkeypatch, capsys, options):
    """A pool left to end on its own races the interpreter's exit hook, which then writes to
    a closed pipe: `Exception ignored ... OSError: [Errno 9] Bad file descriptor`."""
    folder = posts(tmp_path / "in", 40)
    monkeypatch.chdir(tmp_path)
    threads, children = set(threading.enumerate()), set(multiprocessing.active_children())
    for _ in range(5):  # what other tests' libraries started before is not the pool's
        run([str(folder)], Settings(), options, convert=fake_convert)
        assert set(threading.enumerate()) <= threads
        assert set(multiprocessing.active_children()) <= children


RUN_FAKE = """
import sys
from cli.options import Options
from cli.run import run
from cli.work import Result, Task
from converters.document import Settings
from tests.test_cli_fakes import fake_convert
options = Options(check=True, jobs=2)
sys.exit(run(sys.argv[1:], Settings(), options, convert=fake_convert))
"""


def run_fake(*args: object, **popen: object) -> subprocess.Popen[bytes]:
    """The command line with the stand-in converter, in a process of its own."""
    return subprocess.Popen(
        [sys.executable, "-c", RUN_FAKE, *map(str, args)],
        cwd=ROOT,
        env={**os.environ, "ARTICLE2MD_NO_CACHE": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=terminal_signals,
        **popen,  # type: ignore[call-overload]
    )


def test_parallel_batches_end_with_a_clean_stderr(tmp_path):
    folder = posts(tmp_path / "in", 40)
    for _ in range(6):
        with run_fake(folder) as process:
            err = process.communicate(timeout=120)[1].decode()
        assert process.returncode == 1, err
        assert "Traceback" not in err and "Exception ignored" not in err


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_workers_end_when_the_parent_is_killed(tmp_path, signum):
    """Each worker blocks reading a named pipe the test holds; once the parent is killed,
    the pipes report that no reader is left, which happens only when the workers are gone."""
    fifos = [tmp_path / "a.md", tmp_path / "b.md"]
    for fifo in fifos:
        os.mkfifo(fifo)
    with run_fake(*fifos) as process:
        writers = [os.open(fifo, os.O_WRONLY) for fifo in fifos]  # returns once a worker reads
        try:
            process.send_signal(signum)
            process.wait(timeout=60)
            readers_gone = select.poll()
            for fd in writers:
                readers_gone.register(fd, select.POLLERR)
            gone: set[int] = set()
            while len(gone) < len(writers):
                events = readers_gone.poll(60_000)
                assert events, "a worker outlived its parent by a minute"
                gone |= {fd for fd, _ in events}
        finally:
            for fd in writers:
                os.close(fd)


def dying_work(task: Task) -> Result:
    if "die" in task.display:
        os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer or a crash in C does
    return Result(task.display, bytes_in=len(task.display))


def test_a_worker_that_dies_costs_only_the_files_of_its_chunk():
    from cli.parallel import Pool

    tasks = [Task(name, None) for name in ("a", "b", "die", "c", "d", "e")]
    pool = Pool(2, dying_work)
    try:
        results = list(pool.map(tasks, chunk=1))
        again = list(pool.map([Task("f", None)], chunk=1))  # the pool still works
    finally:
        pool.close()
    assert [r.display for r in results] == ["a", "b", "die", "c", "d", "e"]
    assert [r.failure is None for r in results] == [True, True, False, True, True, True]
    failure = results[2].failure
    assert failure is not None and failure.stage == "internal"
    assert failure.message == "the worker process converting it died (killed by signal 9)"
    assert [r.display for r in again] == ["f"]


BIG_RESULTS = """
import sys
from cli.parallel import Pool
from cli.work import Result, Task

def big(task):
    return Result(task.display, diff="x" * 20_000_000)  # far more than a pipe holds

pool = Pool(2, big)
results = pool.map([Task(str(n), None) for n in range(6)], chunk=1)
next(results)  # the other worker is now blocked sending its 20 MB
results.close()  # what Ctrl-C or `| head` does
pool.close()
print("closed")
"""


def test_stopping_while_a_worker_is_sending_a_large_result_never_hangs():
    """Ending workers in the middle of a message once left ProcessPoolExecutor's reader
    waiting forever for the rest of it, and the run with it."""
    done = subprocess.run(
        [sys.executable, "-c", BIG_RESULTS], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "closed\n", "")
