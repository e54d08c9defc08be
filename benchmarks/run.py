"""article2md speed and memory benchmark (issue 6).

One command, from the repository root, with the project venv:

    .venv/bin/python benchmarks/run.py [--quick] [--json bench-out/results.json] [--markdown FILE]

It builds a corpus from the fixture posts (fixtures/**/*.input.md, else the shared corpus),
copied under varied names into a temporary folder as 1,000 and 10,000 files, and measures in
one run: the library's full conversion against bare markdownify, html2text, trafilatura and
parse-only floors (BeautifulSoup, lxml) on the same bodies; the CLI on a folder with --jobs 1
and 2; peak RSS for 1,000 and 10,000 files; --check over already-clean output (cold and warm
cache); start-up for one small file; and time per MB for 10 KB to 10 MB bodies. It prints one
table (medians and the ratios against the issue's targets) and writes JSON. A measurement that
cannot run yet says "n/a (why)" instead of stopping the others. --quick runs fewer, smaller
repetitions (about 2 minutes instead of about 4 on two idle cores). --render JSON redoes the
tables of an earlier run. Needs the `bench` extras (html2text, trafilatura); the latest
figures and how to read them are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable from the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import machine
from benchmarks.cli_runs import find_cli, measure_batch, measure_check, measure_startup
from benchmarks.corpus import Post, cycle, load_posts, source_files, write_tree
from benchmarks.library import TOOLS, measure_tools
from benchmarks.report import markdown, print_table, ratios
from benchmarks.scaling import measure_scaling
from benchmarks.timing import Measurement


@dataclass(frozen=True)
class Plan:
    library_files: int  # documents converted per timed library pass
    library_reps: int
    batch_reps: dict[int, int]  # --jobs -> runs on the 1,000-file folder
    large_reps: dict[int, int]  # --jobs -> runs on the 10,000-file folder
    check_reps: int  # on each of the two converted folders
    startup_reps: int
    scaling_reps: int  # about this many MB converted per body size


FULL = Plan(1000, 7, {1: 7, 2: 7}, {1: 3, 2: 2}, 5, 15, 3)
QUICK = Plan(210, 2, {1: 2, 2: 2}, {1: 1, 2: 1}, 2, 5, 1)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.pages:  # whole saved pages against trafilatura: benchmarks/pages.py
        from benchmarks import pages

        return pages.main(["--reps", "1" if args.quick else "3"])
    if args.render:
        return _render(Path(args.render), args.markdown)
    plan = QUICK if args.quick else FULL
    work = Path(args.work or tempfile.mkdtemp(prefix="article2md-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started, load_before = time.time(), machine.load()
    try:
        rows, corpus = _measure(plan, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    found = ratios(rows)
    info = machine.describe() | {"load_before": load_before, "load_after": machine.load()}
    title = f"article2md benchmark ({'quick' if args.quick else 'full'}): {machine.summary(info)}"
    print_table(rows, found, title)
    result = {
        "machine": info,
        "plan": plan.__dict__ | {"quick": args.quick},
        "corpus": corpus,
        "seconds": round(time.time() - started, 1),
        "measurements": {key: row.as_json() for key, row in rows.items()},
        "ratios": [ratio.as_json() for ratio in found],
    }
    _write(args.json, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    if args.markdown:
        _write(args.markdown, markdown(rows, found))
    return 0


def _render(path: Path, markdown_path: str | None) -> int:
    result = json.loads(path.read_text("utf-8"))
    rows = {key: Measurement.from_json(key, data) for key, data in result["measurements"].items()}
    found = ratios(rows)
    print_table(rows, found, f"article2md benchmark: {machine.summary(result['machine'])}")
    if markdown_path:
        _write(markdown_path, markdown(rows, found))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer, smaller repetitions")
    parser.add_argument("--json", default="bench-out/results.json", help="where to write JSON")
    parser.add_argument("--markdown", help="also write the tables as Markdown to this file")
    parser.add_argument("--work", help="scratch folder (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument(
        "--render", metavar="JSON", help="measure nothing: redo the tables of a run"
    )
    parser.add_argument("--pages", action="store_true", help="only time whole saved pages")
    return parser


def _measure(plan: Plan, work: Path) -> tuple[dict[str, Measurement], dict[str, object]]:
    pattern, paths = source_files()
    posts = load_posts(paths)
    rows: dict[str, Measurement] = {}
    _step(f"library: {plan.library_files} documents × {plan.library_reps} runs per tool")
    _add(rows, measure_tools(TOOLS, cycle(posts, plan.library_files), posts, plan.library_reps))
    trees = {count: work / f"tree-{count}" for count in (1_000, 10_000)}
    sizes = {count: write_tree(tree, cycle(posts, count)) for count, tree in trees.items()}
    cli = find_cli(work)
    _step("CLI: 1,000 files, --jobs 1 and 2")
    batch, clean = measure_batch(cli, trees[1_000], sizes[1_000], plan.batch_reps)
    _add(rows, batch)
    _step("CLI: 10,000 files")
    large, clean_large = measure_batch(cli, trees[10_000], sizes[10_000], plan.large_reps)
    _add(rows, large)
    _step("CLI: --check and start-up")
    _add(rows, measure_check(cli, clean, 1_000, plan.check_reps))
    _add(rows, measure_check(cli, clean_large, 10_000, plan.check_reps))
    _add(rows, measure_startup(cli, _smallest(posts), work, plan.startup_reps))
    _step("scaling: 10 KB … 10 MB bodies")
    keys = ("article2md", "markdownify", "article2md_check")
    _add(rows, measure_scaling(keys, plan.scaling_reps, timeout=300))
    corpus = {"source": pattern, "posts": len(posts), "bytes": sum(p.size for p in posts)}
    return rows, corpus


def _add(rows: dict[str, Measurement], new: list[Measurement]) -> None:
    rows.update((row.key, row) for row in new)


def _smallest(posts: list[Post]) -> Post:
    return min(posts, key=lambda post: post.size)


def _step(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _write(path: str, text: str) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    _step(f"wrote {target}")


if __name__ == "__main__":
    sys.exit(main())
