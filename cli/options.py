"""What the user asked the command line to do, beyond the library's Settings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Format = Literal["markdown", "json"]


URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class UsageError(Exception):
    """A request that cannot be carried out as given; the command exits with 2."""


def missing_path(arg: str) -> UsageError:
    """A path that is not there, with what the user most likely meant."""
    if URL.match(arg):
        return UsageError(
            f"{arg}: no such file or folder; article2md reads files, not URLs: "
            f"curl -sL '{arg}' | article2md convert - --stdin-filename page.html"
        )
    if arg.startswith("-"):
        return UsageError(
            f"{arg}: no such file or folder (after -- every argument is a path: "
            "options go before it, settings in article2md.toml)"
        )
    return UsageError(f"{arg}: no such file or folder")


def check_timezone(option: str, value: str | None) -> str | None:
    """An IANA zone name as given, or a UsageError naming where it came from."""
    if value is None:
        return None
    import zoneinfo  # a few milliseconds that only a run with a zone needs

    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"{option}: unknown time zone {value!r} (try Asia/Shanghai)") from None
    return value


@dataclass(frozen=True)
class Selection:
    """Which files a folder walk picks up."""

    include: tuple[str, ...] = ()  # glob patterns; empty means the default extensions
    exclude: tuple[str, ...] = ()
    gitignore: bool = True  # skip what git ignores
    hidden: bool = False  # descend into folders whose name starts with a dot


@dataclass(frozen=True)
class Options:
    output: Path | None = None  # None: standard output
    output_folder: bool = False  # -o ended with a slash: a folder, even for one input
    in_place: bool = False
    check: bool = False
    diff: bool = False
    format: Format = "markdown"
    jobs: int | None = None  # None: one worker per core
    selection: Selection = Selection()
    stdin_filename: str | None = None
    report: Path | None = None
    quiet: bool = False
    verbose: bool = False  # name every file, show tracebacks, the summary table
    stats: bool = False  # the summary table
    color: bool | None = None  # None: on a terminal, unless NO_COLOR is set
    dask: str | None = None  # a scheduler address, or "local"; None: this machine's pool

    @property
    def writes_nothing(self) -> bool:
        return self.check or self.diff

    def validate(self) -> None:
        if self.in_place and self.output is not None:
            raise UsageError("--in-place and -o/--output exclude each other")
        if self.writes_nothing and (self.in_place or self.output is not None):
            raise UsageError("--check and --diff write nothing: drop -o/--output and --in-place")
        if self.format == "json" and (self.in_place or self.writes_nothing or self.output):
            raise UsageError(
                "--format json prints JSON lines on stdout (> FILE saves them): "
                "drop -o/--output, --in-place, --check, --diff"
            )
        if self.dask is not None and self.jobs is not None:
            raise UsageError("--dask and -j/--jobs exclude each other: Dask decides the workers")
        if self.jobs is not None and self.jobs < 1:
            raise UsageError("--jobs must be at least 1")
