"""Scale-out figures: `--jobs 2` vs `--dask local` on one machine, and Dask's per-task cost.

    python benchmarks/scale_out.py [--files 10000]

Prints files/s for both engines over the same tree of copies of the fixture posts (outputs
checked identical), and the scheduler's round-trip cost per task, the two numbers the
paper estimate in docs/scale-out.md is made from. Needs the `dask` extra.
"""

from __future__ import annotations

import argparse
import filecmp
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import load_posts, source_files


def make_tree(root: Path, files: int) -> None:
    posts = load_posts(source_files()[1])
    for index in range(files):
        post = posts[index % len(posts)]
        dest = root / f"{index // 1000:03d}" / f"{index:05d}-{post.name.replace('/', '-')}.md"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(post.text, "utf-8")


def timed_run(args: list[str]) -> float:
    env = {**os.environ, "ARTICLE2MD_NO_CACHE": "1"}
    start = time.perf_counter()
    done = subprocess.run(["article2md", "convert", *args, "-q"], env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 123):
        raise SystemExit(f"article2md exited {done.returncode}")
    return elapsed


def same_tree(a: Path, b: Path) -> bool:
    compare = filecmp.dircmp(a, b)
    if compare.left_only or compare.right_only or compare.diff_files or compare.funny_files:
        return False
    return all(same_tree(a / sub, b / sub) for sub in compare.common_dirs)


def task_overhead(tasks: int = 2000) -> float:
    """Seconds per trivial task, submitted and gathered through a local scheduler."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster,
        Client(cluster) as client,
    ):
        client.gather(client.map(abs, range(100)))  # warm up
        start = time.perf_counter()
        client.gather(client.map(abs, range(-tasks, 0), pure=False))
        return (time.perf_counter() - start) / tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        make_tree(root / "in", args.files)
        local = timed_run([str(root / "in"), "-o", str(root / "local"), "-j", "2"])
        dask = timed_run([str(root / "in"), "-o", str(root / "dask"), "--dask", "local"])
        identical = same_tree(root / "local", root / "dask")
        shutil.rmtree(root)
    per_task = task_overhead()
    print(f"files: {args.files}, cores: {os.cpu_count()}")
    print(f"--jobs 2:      {local:6.1f} s  {args.files / local:7.0f} files/s")
    print(
        f"--dask local:  {dask:6.1f} s  {args.files / dask:7.0f} files/s  (identical: {identical})"
    )
    print(f"engine overhead on one machine: {dask / local - 1:+.0%}")
    print(f"scheduler cost per task: {per_task * 1000:.2f} ms")


if __name__ == "__main__":
    main()
