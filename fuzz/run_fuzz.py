"""Run fuzz_convert.py for a total time, restarting it after each new finding.

    python fuzz/run_fuzz.py --minutes 40 --work /tmp/article2md-fuzz

Seeds the corpus from fixtures/, keeps the corpus, the crash inputs (crash-*) and the list of
finding signatures (known.txt) in the work folder, and prints a summary at the end: runs,
executions, findings. libFuzzer's -fork mode does not work with atheris, hence this loop.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "fuzz" / "fuzz_convert.py"


def main() -> int:
    args = _arguments()
    work: Path = args.work
    corpus, artifacts, known = work / "corpus", work / "artifacts", work / "known.txt"
    for folder in (corpus, artifacts):
        folder.mkdir(parents=True, exist_ok=True)
    for seed in [*ROOT.glob("fixtures/*/*.input.*"), *ROOT.glob("fixtures/bad/*")]:
        if seed.is_file():
            shutil.copy(seed, corpus / seed.name)
    deadline = time.monotonic() + args.minutes * 60
    executions = restarts = 0
    while (left := int(deadline - time.monotonic())) > 5:
        executions += _run_once(corpus, artifacts, known, left, args.check)
        restarts += 1
    findings = known.read_text("utf-8").splitlines() if known.exists() else []
    print(f"runs: {restarts}, executions: {executions}, findings: {len(findings)}")
    for line in findings:
        print(f"  {line}")
    return 0


def _run_once(corpus: Path, artifacts: Path, known: Path, seconds: int, check: str) -> int:
    env = {**os.environ, "FUZZ_KNOWN": str(known), "FUZZ_CHECK": check}
    command = [
        sys.executable, str(TARGET), f"-max_total_time={seconds}", "-timeout=30",
        "-rss_limit_mb=3072", "-max_len=65536", f"-dict={ROOT / 'fuzz' / 'html.dict'}",
        f"-artifact_prefix={artifacts}/", "-print_final_stats=1", str(corpus),
    ]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    log = result.stdout + result.stderr
    (artifacts.parent / "last.log").write_text(log, "utf-8")
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log)
    progress = [int(n) for n in re.findall(r"^#(\d+)", log, re.M)]  # crashed runs print no stats
    return int(runs[-1]) if runs else max(progress, default=0)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--work", type=Path, default=Path("/tmp/article2md-fuzz"))
    parser.add_argument("--check", choices=["crash", "safe", "stable"], default="safe")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
