"""What the figures were measured on, so they can be compared with another run."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

PACKAGES = (
    "article2md",
    "markdownify",
    "beautifulsoup4",
    "lxml",
    "PyYAML",
    "html2text",
    "trafilatura",
)


def describe() -> dict[str, object]:
    return {
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {name: _version(name) for name in PACKAGES},
        "commit": _commit(),
    }


def summary(info: dict[str, object]) -> str:
    return f"{info['cpus']} × {info['cpu_model']}, Python {info['python']}, commit {info['commit']}"


def load() -> tuple[float, float, float]:
    """Load average: other work on a shared machine shows up here."""
    return os.getloadavg()


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _commit() -> str:
    repo = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return head.stdout.strip() or "unknown"
