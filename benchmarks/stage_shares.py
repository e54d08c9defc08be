"""CPU time per pipeline stage over the corpus posts: where one conversion spends its time.

Usage, from the repository root: .venv/bin/python benchmarks/stage_shares.py [--rounds 10]
Prints ms per post and the share of each stage (read is front matter and body kind).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import Post, load_posts, source_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="CPU time per stage of converters.convert.")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    posts = load_posts(source_files()[1])
    spent: dict[str, float] = defaultdict(float)
    for post in posts:  # warm-up: imports and rule loading are not counted
        _convert_timed(post, defaultdict(float))
    for _ in range(args.rounds):
        for post in posts:
            _convert_timed(post, spent)
    runs = args.rounds * len(posts)
    total = sum(spent.values())
    print(f"{total / runs * 1000:.3f} ms per post over {len(posts)} posts × {args.rounds} rounds")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"{name:>14} {seconds / runs * 1000:7.3f} ms {100 * seconds / total:5.1f} %")
    return 0


def _convert_timed(post: Post, spent: dict[str, float]) -> None:
    """converters.convert's steps, each timed; a post that fails stops where it failed."""
    from converters.document import ConversionError
    from converters.pipeline import DEFAULT_SETTINGS, STAGES
    from converters.read.decode import line_ending, normalize_text
    from converters.read.read_post import read_post

    start = time.process_time()
    newline = line_ending(post.text)
    text, repairs = normalize_text(post.text)
    doc = read_post(text, post.name, DEFAULT_SETTINGS)
    doc = doc.evolve(newline=newline, warnings=(*repairs, *doc.warnings))  # as convert does
    spent["read"] += time.process_time() - start
    for name, stage in STAGES:
        start = time.process_time()
        try:
            doc = stage(doc, DEFAULT_SETTINGS)
        except ConversionError:
            return
        finally:
            spent[name] += time.process_time() - start


if __name__ == "__main__":
    sys.exit(main())
