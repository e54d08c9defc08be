"""Whole saved pages: article2md's time per page against trafilatura and readability-lxml.

    .venv/bin/python benchmarks/pages.py [--pages ../shared/pages] [--reps 3]
    .venv/bin/python benchmarks/pages.py emit trafilatura < page.html   # one page, as Markdown

The first form times each tool in this process on every page under --pages (aeb/*.html and
zh/*.html): the bytes decoded once by article2md's own reader (so every tool gets the same
text), then the best of --reps runs per page; it prints the median and the total per tool.
The second form is a command for ../shared/tools/page_check.py, so the same scorer rates the
other tools: `--cmd ".venv/bin/python benchmarks/pages.py emit readability"`.
Needs the `bench` extra (trafilatura) and readability-lxml for the readability column.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

if not __package__:  # run as a script: make `converters` importable from the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from converters.pipeline import convert
from converters.read.decode import decode_bytes

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the repository (a worktree one level deeper sees it one more level up).
DEFAULT_PAGES = next(
    (
        up / "shared" / "pages"
        for up in (ROOT.parent, ROOT.parent.parent)
        if (up / "shared").is_dir()
    ),
    ROOT.parent / "shared" / "pages",
)
Tool = Callable[[str], str]


def article2md(page: str) -> str:
    return convert(page).text


def trafilatura_markdown(page: str) -> str:
    import trafilatura

    return trafilatura.extract(page, output_format="markdown", with_metadata=True) or ""


def readability_markdown(page: str) -> str:
    from markdownify import markdownify
    from readability import Document

    return str(markdownify(Document(page).summary(html_partial=True)))


TOOLS: dict[str, Tool] = {
    "article2md": article2md,
    "trafilatura": trafilatura_markdown,
    "readability": readability_markdown,
}


def available() -> dict[str, Tool]:
    usable = {}
    for name, tool in TOOLS.items():
        try:
            tool("<html><body><p>x</p></body></html>")
        except ImportError as missing:
            print(f"{name}: n/a ({missing})", file=sys.stderr)
            continue
        usable[name] = tool
    return usable


def load_pages(folder: Path) -> list[str]:
    files = sorted([*folder.glob("aeb/*.html"), *folder.glob("zh/*.html")])
    return [decode_bytes(path.read_bytes(), source=str(path))[0] for path in files]


def best_time(tool: Tool, page: str, reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        tool(page)
        times.append(time.perf_counter() - start)
    return min(times)


def measure(pages: list[str], reps: int) -> dict[str, list[float]]:
    return {
        name: [best_time(tool, page, reps) for page in pages] for name, tool in available().items()
    }


def report(times: dict[str, list[float]]) -> str:
    lines = [f"{'tool':<12} {'median ms/page':>15} {'mean ms/page':>13} {'total s':>8}"]
    for name, each in times.items():
        lines.append(
            f"{name:<12} {statistics.median(each) * 1000:>15.1f} "
            f"{statistics.fmean(each) * 1000:>13.1f} {sum(each):>8.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", choices=("speed", "emit"), default="speed")
    parser.add_argument("tool", nargs="?", choices=tuple(TOOLS), default="article2md")
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    if args.mode == "emit":
        page, _ = decode_bytes(sys.stdin.buffer.read(), source="-")
        sys.stdout.write(TOOLS[args.tool](page))
        return 0
    pages = load_pages(args.pages)
    print(f"{len(pages)} pages from {args.pages}, best of {args.reps} runs each")
    print(report(measure(pages, args.reps)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
