"""Peak memory of the parent process of a batch run, as the number of files grows.

    .venv/bin/python benchmarks/memory.py [--files 1000 10000] [--jobs 1] [--mode output]

For each size it writes that many copies of the corpus posts into a temporary folder, runs
`article2md convert` over it and prints the parent's peak resident set (VmHWM, read by the
parent itself as it exits: pool workers are not counted) and its ratio to the smallest size.
Issue 13's target: 10,000 files within 10% of 1,000 at --jobs 1. Modes: `output` (-o DIR),
`in-place` (a fresh copy each run) and `check` (a cold cache).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import cycle, load_posts, source_files, write_tree

# Runs the command as the installed script does, and on the way out writes the process's
# own peak resident set (kB) to the file named by ARTICLE2MD_PEAK_FILE.
PARENT = """
import atexit, os, sys
def peak():
    with open("/proc/self/status") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["ARTICLE2MD_PEAK_FILE"], "w") as out:
        out.write(kib)
atexit.register(peak)
sys.argv[0] = "article2md"
from cli.main import main
main()
"""
MODES = {
    "output": lambda tree, work: ["-o", str(work / "out")],
    "in-place": lambda tree, work: ["--in-place"],
    "check": lambda tree, work: ["--check"],
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _, paths = source_files()
    posts = load_posts(paths)
    work = Path(tempfile.mkdtemp(prefix="article2md-memory-"))
    try:
        peaks = {files: _peak(posts, files, args, work) for files in args.files}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    smallest = peaks[min(peaks)]
    print(f"parent peak RSS, convert {args.mode}, --jobs {args.jobs} (corpus of {len(posts)})")
    for files, kib in peaks.items():
        print(f"  {files:>7,} files: {kib / 1024:6.1f} MiB  ({kib / smallest:.2f}x)")
    return 0


def _peak(posts: list, files: int, args: argparse.Namespace, work: Path) -> int:  # type: ignore[type-arg]
    tree = work / f"tree-{files}"
    shutil.rmtree(tree, ignore_errors=True)
    write_tree(tree, cycle(posts, files))
    peaks = []
    for _ in range(args.reps):
        shutil.rmtree(work / "out", ignore_errors=True)
        shutil.rmtree(work / "cache", ignore_errors=True)
        if args.mode == "in-place":
            write_tree(tree, cycle(posts, files))
        peaks.append(_run(tree, work, args))
    shutil.rmtree(tree, ignore_errors=True)
    return sorted(peaks)[len(peaks) // 2]


def _run(tree: Path, work: Path, args: argparse.Namespace) -> int:
    peak_file = work / "peak"
    env = dict(os.environ, ARTICLE2MD_PEAK_FILE=str(peak_file))
    env["ARTICLE2MD_CACHE_DIR"] = str(work / "cache")
    command = [sys.executable, "-c", PARENT, "convert", str(tree), "-q", "--jobs", str(args.jobs)]
    done = subprocess.run([*command, *MODES[args.mode](tree, work)], env=env, check=False)
    if done.returncode not in (0, 1, 123):
        raise SystemExit(f"article2md exited {done.returncode}")
    return int(peak_file.read_text())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--mode", choices=sorted(MODES), default="output")
    parser.add_argument("--reps", type=int, default=1, help="runs per size; the median is shown")
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
