"""Standard streams that fail, close or were never open: one line and an honest exit code."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from converters import convert
from tests.conftest import FIXTURES, terminal_signals

COMMAND = Path(sys.executable).with_name("article2md")
SAMPLE = FIXTURES / "sina-finance-domestic" / "brief-example-jilin.input.md"  # 5 KB converted


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "ARTICLE2MD_"))}
    return {**clean, "ARTICLE2MD_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100"}


def article2md(
    *args: object, env: dict[str, str], preexec_fn: Callable[[], None] | None = None, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(COMMAND), "convert", *map(str, args)],
        env=env,
        capture_output="stdout" not in kw,
        timeout=300,
        preexec_fn=preexec_fn,
        **kw,  # type: ignore[call-overload]
    )


def posts(root: Path, count: int) -> list[Path]:
    root.mkdir()
    text = SAMPLE.read_text("utf-8")
    paths = [root / f"{number:02}.md" for number in range(count)]
    for path in paths:
        path.write_text(text, "utf-8")
    return paths


def converted(source: Path, output: Path) -> bool:
    text = source.read_text("utf-8")
    return output.read_text("utf-8") == convert(text, path=str(output)).text


def tiny_disk() -> None:
    """Writes past 1 KB fail with EFBIG, as they would with ENOSPC on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


def closing(fd: int) -> Callable[[], None]:
    return lambda: os.close(fd)


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
def test_a_full_disk_under_stdout_is_one_line_and_a_failure(tmp_path, env, unbuffered):
    """Python's writers once took a short write for a whole one: exit 0 with the end cut."""
    env["PYTHONUNBUFFERED"] = unbuffered
    with open(tmp_path / "out.md", "wb") as out:
        done = article2md(SAMPLE, env=env, stdout=out, stderr=subprocess.PIPE, preexec_fn=tiny_disk)
    assert done.returncode == 123
    assert done.stderr.decode() == f"{SAMPLE}: error: write: standard output: File too large\n"


def test_a_full_disk_under_json_lines_stops_at_the_file_it_cut(tmp_path, env):
    inputs = posts(tmp_path / "in", 3)
    report = tmp_path / "report.json"
    with open(tmp_path / "out.jsonl", "wb") as out:
        done = article2md(
            tmp_path / "in",
            "--format",
            "json",
            "--report",
            report,
            env=env,
            stdout=out,
            stderr=subprocess.PIPE,
            preexec_fn=tiny_disk,
        )
    assert done.returncode == 123
    errors = [line for line in done.stderr.decode().splitlines() if ": error:" in line]
    assert errors == [f"{inputs[0]}: error: write: standard output: File too large"]
    written = json.loads(report.read_text("utf-8"))
    assert written["stopped"] == "stdout failed"
    assert [(f["path"], f["status"]) for f in written["files"]] == [(str(inputs[0]), "failed")]


def test_a_closed_stdout_is_a_quiet_failure(env):
    done = article2md(SAMPLE, env=env, stdout=None, stderr=subprocess.PIPE, preexec_fn=closing(1))
    assert (done.returncode, done.stderr) == (141, b"")


def test_a_reader_that_stops_early_is_a_quiet_failure(tmp_path, env):
    posts(tmp_path / "in", 12)
    with subprocess.Popen(
        [str(COMMAND), "convert", "--format", "json", "-j", "2", str(tmp_path / "in")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # what `| head -1` does
        err = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert (code, err) == (141, "")


def test_a_closed_stdin_is_one_line(env):
    done = article2md("-", env=env, preexec_fn=closing(0))
    assert done.returncode == 123
    assert done.stderr.decode() == "-: error: read: standard input is closed\n"


def test_closed_streams_never_receive_a_file_meant_elsewhere(tmp_path, env):
    """With fds 0-2 closed, the next file opened would take their number; a message or a
    document then lands in it. Each closed one gets /dev/null instead."""
    inputs = posts(tmp_path / "in", 3)

    def close_all() -> None:
        for fd in (0, 1, 2):
            os.close(fd)

    done = article2md(
        tmp_path / "in",
        "-o",
        tmp_path / "out",
        "-j",
        "2",
        env=env,
        stdout=None,
        stderr=None,
        preexec_fn=close_all,
    )
    assert done.returncode == 0
    assert [converted(path, tmp_path / "out" / path.name) for path in inputs] == [True] * 3


def test_a_closed_stderr_does_not_stop_the_work(tmp_path, env):
    """`article2md convert big --in-place 2>&1 | head -1` once stopped after 2 files, exit 1."""
    inputs = posts(tmp_path / "in", 30)
    with subprocess.Popen(
        [str(COMMAND), "convert", "--in-place", "-j", "1", str(tmp_path / "in")],
        env=env,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stderr is not None
        assert process.stderr.readline().endswith(b": converted\n")
        process.stderr.close()  # what `| head -1` does
        code = process.wait(timeout=120)
    assert code == 0
    assert [converted(SAMPLE, path) for path in inputs] == [True] * len(inputs)


def test_stderr_closed_from_the_start_changes_nothing_but_the_silence(tmp_path, env):
    posts(tmp_path / "in", 3)
    done = article2md(tmp_path / "in", "--check", env=env, stderr=None, preexec_fn=closing(2))
    assert done.returncode == 1


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_a_killed_in_place_run_leaves_every_file_whole_and_a_rerun_finishes(tmp_path, env, signum):
    """Killed (not interrupted) just after its first file: nothing to clean up runs. Every
    file is its original bytes or its whole conversion, the workers are gone, and the next
    run removes any temp file left and converts the rest."""
    inputs = posts(tmp_path / "in", 60)
    original = SAMPLE.read_bytes()
    with subprocess.Popen(
        [str(COMMAND), "convert", "--in-place", "-j", "2", str(tmp_path / "in")],
        env=env,
        stderr=subprocess.PIPE,
        preexec_fn=terminal_signals,
    ) as process:
        assert process.stderr is not None
        assert process.stderr.readline().endswith(b": converted\n")
        process.send_signal(signum)
        assert process.wait(timeout=120) == -signum
    whole = [path.read_bytes() == original or converted(SAMPLE, path) for path in inputs]
    assert whole == [True] * len(inputs)
    rerun = article2md(tmp_path / "in", "--in-place", env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert [p.name for p in (tmp_path / "in").iterdir() if p.name.endswith(".tmp")] == []
    assert [converted(SAMPLE, path) for path in inputs] == [True] * len(inputs)


def test_two_runs_at_once_on_the_same_folder_never_interleave_a_file(tmp_path, env):
    inputs = posts(tmp_path / "in", 40)
    pages = []
    for number in range(5):  # x.html -> x.md: both runs may reach the same page
        page = tmp_path / "in" / f"page{number}.html"
        page.write_text(f"<html><title>Page {number}</title><p>body {number}</p></html>")
        pages.append(page)
    command = [str(COMMAND), "convert", "--in-place", "-j", "1", str(tmp_path / "in")]
    runs = [subprocess.Popen(command, env=env, stderr=subprocess.PIPE) for _ in range(2)]
    errors = [run.communicate(timeout=300)[1].decode() for run in runs]
    assert {run.returncode for run in runs} <= {0, 123}, errors
    for line in "".join(errors).splitlines():  # a page the other run finished and removed
        if ": error:" in line:
            assert line.endswith(".html: error: read: No such file or directory"), line
    assert [converted(SAMPLE, path) for path in inputs] == [True] * len(inputs)
    assert not any(page.exists() for page in pages)
    assert all(page.with_suffix(".md").exists() for page in pages)
    assert [p.name for p in (tmp_path / "in").iterdir() if p.name.endswith(".tmp")] == []
