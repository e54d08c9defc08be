"""cProfile of the library converting every corpus post 20 times; top 25 by cumulative time.

Usage, from the repository root: .venv/bin/python benchmarks/profile_convert.py [--rounds 20]
Writes benchmarks/profile-latest.txt (commit it with the optimisation it backs).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import time
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import machine
from benchmarks.corpus import REPO, load_posts, source_files

OUTPUT = Path(__file__).with_name("profile-latest.txt")
STDLIB = re.compile(r"^.*/lib/python3\.\d+/")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile converters.convert on the corpus.")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    from converters import convert

    pattern, paths = source_files()
    posts = load_posts(paths)
    for post in posts:  # warm-up: imports, rule loading and compiled patterns are not profiled
        convert(post.text, path=post.name)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for _ in range(args.rounds):
        for post in posts:
            convert(post.text, path=post.name)
    profiler.disable()
    elapsed = time.perf_counter() - start
    header = (
        f"converters.convert over {len(posts)} posts ({pattern}) × {args.rounds} rounds: "
        f"{elapsed:.2f} s under the profiler\n{machine.summary(machine.describe())}\n"
    )
    args.output.write_text(
        header + _stats(profiler, "cumulative", args.top) + _stats(profiler, "tottime", args.top)
    )
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _stats(profiler: cProfile.Profile, key: str, top: int) -> str:
    """The `top` functions by `key`, with their share of the whole profiled time."""
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    column = {"cumulative": 3, "tottime": 2}[key]
    entries = sorted(stats.stats.items(), key=lambda item: item[1][column], reverse=True)  # type: ignore[attr-defined]
    lines = [
        f"\n===== top {top} by {key} (total {total:.2f} s) =====",
        f"{'calls':>10} {'tottime':>8} {'cumtime':>8} {'cum %':>6} {'tot %':>6}  function",
    ]
    for (filename, line, name), (_, calls, tottime, cumtime, _) in entries[:top]:
        lines.append(
            f"{calls:>10} {tottime:8.3f} {cumtime:8.3f} {100 * cumtime / total:6.1f} "
            f"{100 * tottime / total:6.1f}  {_short(filename)}:{line}({name})"
        )
    return "\n".join(lines) + "\n"


def _short(filename: str) -> str:
    """Paths relative to the repo, site-packages or the stdlib, so lines stay readable."""
    return STDLIB.sub("", filename.replace(str(REPO) + "/", "").split("site-packages/")[-1])


if __name__ == "__main__":
    sys.exit(main())
