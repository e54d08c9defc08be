"""What a command asked for: its options as given, with the config file, made the library's
Settings and the run's Options.

Free of Typer, so the console script can serve `article2md convert PATH...` without building
the Typer app (cli/main.py). The app's `convert` takes its defaults from `ConvertRequest`, so
both routes start from the same values.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cli.config import Config, find_config
from cli.options import Format, Options, Selection
from converters.document import FrontMatterMode, Settings


@dataclass(frozen=True)
class ConvertRequest:
    """The convert command's options, as the user gave them or left them."""

    output: str | None = None
    in_place: bool = False
    check: bool = False
    diff: bool = False
    jobs: int | None = None
    dask: str | None = None
    include: list[str] | None = None
    exclude: list[str] | None = None
    no_gitignore: bool = False
    hidden: bool = False
    timezone: str | None = None
    rules: list[Path] | None = None
    no_site_rules: bool = False
    config_file: str | None = None
    front_matter: FrontMatterMode | None = None  # None: the config file's, else "auto"
    base_url: str | None = None
    max_seconds: float = Settings.max_seconds
    max_mb: float = Settings.max_input_bytes / 2**20
    stdin_filename: str | None = None
    format: Format = "markdown"
    report: Path | None = None
    quiet: bool = False
    verbose: bool = False
    stats: bool = False
    color: bool | None = None

    def resolve(self, paths: Sequence[str]) -> tuple[Settings, Options]:
        """Settings and Options for these paths; a bad config file is a UsageError."""
        config = find_config(paths, self.stdin_filename, explicit=self.config_file)
        settings = dataclasses.replace(
            settings_of(config, self.timezone, self.rules, self.no_site_rules),
            max_seconds=self.max_seconds,
            max_input_bytes=int(self.max_mb * 2**20),
            base_url=self.base_url,
            front_matter=self.front_matter or config.front_matter,
        )
        return settings, self._options(config)

    def _options(self, config: Config) -> Options:
        output = self.output
        return Options(
            output=None if output in (None, "-") else Path(output),
            output_folder=output is not None and output.endswith(("/", os.sep)),
            in_place=self.in_place,
            check=self.check,
            diff=self.diff,
            format=self.format,
            jobs=self.jobs,
            dask=self.dask,
            selection=Selection(
                include=tuple(self.include or config.include),
                exclude=(*config.exclude, *(self.exclude or ())),
                gitignore=not self.no_gitignore,
                hidden=self.hidden,
            ),
            stdin_filename=self.stdin_filename,
            report=self.report,
            quiet=self.quiet,
            verbose=self.verbose,
            stats=self.stats,
            color=self.color,
        )


def settings_of(
    config: Config, timezone: str | None, rules: Sequence[Path] | None, no_site_rules: bool
) -> Settings:
    return Settings(
        timezone=timezone or config.timezone,
        rule_paths=(*config.rules, *(rules or ())),
        site_rules=config.site_rules and not no_site_rules,
    )
