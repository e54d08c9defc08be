"""Time per MB for growing bodies; each size runs in its own process so a blow-up can time out.

Worker usage (run.py calls it): python -m benchmarks.scaling TOOL BYTES REPS  -> JSON on stdout
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from benchmarks.corpus import REPO, Post, load_posts, scaled_post, source_files
from benchmarks.library import TOOLS, Convert, Tool
from benchmarks.timing import Measurement


def _check_stage() -> Convert:
    """The check stage alone, on the document the stages before it made (made once)."""
    from converters.pipeline import DEFAULT_SETTINGS, STAGES
    from converters.read.decode import normalize_text
    from converters.read.read_post import read_post

    made: dict[str, object] = {}

    def before_check(path: str, post: Post) -> object:
        if post.name not in made:
            doc = read_post(normalize_text(post.text)[0], path, DEFAULT_SETTINGS)
            for _, stage in STAGES[: [name for name, _ in STAGES].index("check")]:
                doc = stage(doc, DEFAULT_SETTINGS)
            made[post.name] = doc
        return made[post.name]

    check = dict(STAGES)["check"]
    return lambda path, post: check(before_check(path, post), DEFAULT_SETTINGS)  # type: ignore[arg-type]


CHECK = Tool("article2md_check", "article2md check stage alone", _check_stage, whole_file=True)

SIZES = (10_000, 100_000, 1_000_000, 10_000_000)


def measure_scaling(keys: tuple[str, ...], reps: int, timeout: float) -> list[Measurement]:
    """A row per (tool, size): the MB/s column should stay flat as bodies grow."""
    rows = []
    for size in SIZES:
        for key in keys:
            row = Measurement(f"scale_{key}_{size}", f"scaling: {key}, {_human(size)} body", 1)
            rows.append(_scale_once(row, key, size, _reps_for(size, reps), timeout))
    return rows


def _scale_once(row: Measurement, key: str, size: int, reps: int, timeout: float) -> Measurement:
    argv = [sys.executable, "-m", "benchmarks.scaling", key, str(size), str(reps)]
    try:
        done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return row.fail(f"did not finish within {timeout:.0f} s")
    if done.returncode != 0:
        return row.fail(f"exit {done.returncode}: {(done.stderr.strip().splitlines() or [''])[-1]}")
    result = json.loads(done.stdout)
    row.runs, row.size = result["runs"], result["bytes"]
    row.extra["output_chars"] = result["output_chars"]
    return row


def _reps_for(size: int, reps: int) -> int:
    """About `reps` MB of work per size, so small bodies are timed over many runs."""
    return min(200, max(1, reps * 1_000_000 // size))


def _human(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1_000} KB"


def main(argv: list[str]) -> int:
    key, target, reps = argv[0], int(argv[1]), int(argv[2])
    posts = load_posts(source_files()[1])
    tool = next(t for t in (*TOOLS, CHECK) if t.key == key)
    convert = tool.load()
    convert(posts[0].name, posts[0])  # imports and rule loading are not what scales
    # the check's own row: the same 10 KB mix at every size, so only the growth shows
    post = scaled_post(posts, target, unit_bytes=10_000 if tool is CHECK else 0)
    result = convert(post.name, post)  # the check's document is made here, untimed
    runs = []
    for _ in range(reps):
        start = time.process_time()  # CPU time: steadier on a shared machine
        result = convert(post.name, post)
        runs.append(time.process_time() - start)
    size = post.size if tool.whole_file else post.body_size
    print(json.dumps({"runs": runs, "bytes": size, "output_chars": _length(result)}))
    return 0


def _length(result: object) -> int:
    text = getattr(result, "text", result)
    return len(text) if isinstance(text, str) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
