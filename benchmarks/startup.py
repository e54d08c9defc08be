"""Start-up of the `article2md` command on one small file: the figure issue 13 asks for.

    .venv/bin/python benchmarks/startup.py [--reps N]

Converts the smallest fixture post with `article2md convert FILE` and with
`article2md convert -` (the file on stdin), N times each, interleaved with `python -c pass`
and `python -c 'import converters'` for scale, and prints the median wall and CPU time (user +
system; steadier than the wall time on a busy machine) of each, with
the slowest imports of one run (`python -X importtime`) to show where the time goes. The full
benchmark (benchmarks/run.py) measures the same rows among its others.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.cli_runs import find_cli, measure_startup
from benchmarks.corpus import load_posts, source_files
from benchmarks.timing import Measurement

TARGET_S = 0.25
ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=15, help="runs of each command (default 15)")
    parser.add_argument("--imports", type=int, default=12, help="slowest imports to list")
    args = parser.parse_args(argv)
    _from_bytecode()
    small = min(load_posts(source_files()[1]), key=lambda post: post.size)
    with tempfile.TemporaryDirectory(prefix="article2md-startup-") as scratch:
        work = Path(scratch)
        cli = find_cli(work)
        rows = measure_startup(cli, small, work, args.reps)
        for row in rows:
            print(_line(row))
        if isinstance(cli, str):
            return 1
        _slowest_imports(cli.argv[0], work / "startup" / "small.md", args.imports)
    command = rows[0]
    verdict = "met" if command.ok and command.median <= TARGET_S else "NOT met"
    print(f"target: <= {TARGET_S} s wall for one small file: {verdict}")
    return 0


def _from_bytecode() -> None:
    """An installed command runs from bytecode. With PYTHONDONTWRITEBYTECODE set (some shells
    and CI images set it) every run would compile the whole package from source again: about
    0.15 s that no user pays."""
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        print("PYTHONDONTWRITEBYTECODE unset for the measured runs (a user's runs use bytecode)")
    for package in ("cli", "converters"):
        compileall.compile_dir(ROOT / package, quiet=1)


def _line(row: Measurement) -> str:
    if not row.ok:
        return f"{row.label:<55} n/a ({row.reason})"
    cpu = statistics.median(row.extra["cpu_s"])
    return f"{row.label:<55} wall {row.median:.3f} s, cpu {cpu:.3f} s  (medians of {len(row.runs)})"


def _slowest_imports(command: str, target: Path, count: int) -> None:
    """The top-level imports of one run, slowest first (cumulative microseconds)."""
    code = "import sys; from cli.main import main; sys.argv[0] = 'article2md'; sys.exit(main())"
    python = Path(command).with_name("python")
    done = subprocess.run(
        [str(python), "-X", "importtime", "-c", code, "convert", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in done.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if len(fields) == 3 and fields[1].strip().isdigit():
            name = fields[2]
            depth = (len(name) - len(name.lstrip())) // 2
            if depth == 0:
                rows.append((int(fields[1]), name.strip()))
    print(f"slowest top-level imports of one run (python -X importtime, {count} shown):")
    for micros, name in sorted(rows, reverse=True)[:count]:
        print(f"  {micros / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    sys.exit(main())
