"""The `article2md` command: options become Settings and Options, then `run` does the work."""

from __future__ import annotations

import dataclasses
import zoneinfo
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from cli.config import Config, find_config
from cli.options import Options, Selection, UsageError
from cli.report import EXIT_USAGE
from cli.run import run
from cli.talk import Messages
from converters import __version__
from converters.document import Settings

EXIT_CODES = """\
\b
Exit codes:
  0    converted, or nothing to change
  1    --check/--diff: some file would change
  2    usage error (bad option, no such path, several inputs without -o DIR/--in-place)
  123  some files failed, each named on stderr; the others were done
  130  interrupted (Ctrl-C): files written so far are whole, the rest untouched
"""

app = typer.Typer(
    name="article2md",
    help="Turn scraped HTML articles and Hexo posts into clean Markdown with YAML front matter.",
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    markdown = "markdown"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"article2md {__version__}")
        raise typer.Exit()


def _timezone(value: str | None) -> str | None:
    if value is not None:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise typer.BadParameter(f"unknown time zone {value!r} (try Asia/Shanghai)") from None
    return value


Timezone = Annotated[
    str | None,
    typer.Option(
        metavar="TZ", callback=_timezone, help="Write dates in this IANA zone (e.g. Asia/Shanghai)."
    ),
]
Rules = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules",
        metavar="PATH",
        help="Extra site rule files or folders; same names override built-ins.",
    ),
]
NoSiteRules = Annotated[
    bool, typer.Option("--no-site-rules", help="Apply only the generic boilerplate pass.")
]


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Turn scraped HTML articles and Hexo posts into clean Markdown with YAML front matter."""


@app.command(epilog=EXIT_CODES)
def convert(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help='Files, folders (searched recursively), globs, or "-" for standard input.',
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write to this file; with many inputs, this folder."),
    ] = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Rewrite files where they are (x.html becomes x.md).")
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; name each file that would change; exit 1 if any."
        ),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Write nothing; print a unified diff; exit 1 if any.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("-j", "--jobs", help="Worker processes [default: one per core].", min=1),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Convert on a Dask cluster: a scheduler (tcp://host:8786) or 'local'. "
            "Needs the dask extra.",
        ),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(
            metavar="GLOB",
            help="Files to pick in folders [default: *.md *.markdown *.html *.htm].",
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(metavar="GLOB", help="Leave out matching files or folders."),
    ] = None,
    no_gitignore: Annotated[
        bool, typer.Option("--no-gitignore", help="Also convert files that .gitignore ignores.")
    ] = False,
    hidden: Annotated[
        bool, typer.Option("--hidden", help="Also search folders whose name starts with a dot.")
    ] = False,
    timezone: Timezone = None,
    rules: Rules = None,
    no_site_rules: NoSiteRules = False,
    max_seconds: Annotated[
        float,
        typer.Option(
            min=0, metavar="SECONDS", help="Fail a file that takes longer than this (0: no limit)."
        ),
    ] = Settings.max_seconds,
    max_mb: Annotated[
        float,
        typer.Option(min=0, metavar="MB", help="Fail a file larger than this many megabytes."),
    ] = Settings.max_input_bytes / 2**20,
    stdin_filename: Annotated[
        str | None,
        typer.Option(metavar="NAME", help='The file name "-" stands for, in messages and rules.'),
    ] = None,
    format: Annotated[
        Format,
        typer.Option(help="markdown: the documents; json: one JSON object per file per line."),
    ] = Format.markdown,
    report: Annotated[
        Path | None,
        typer.Option(metavar="FILE.json", help="Write per-file results to this JSON file."),
    ] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print only errors.")] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "-v", "--verbose", help="Name every file, unchanged ones too; tracebacks; --stats."
        ),
    ] = False,
    stats: Annotated[
        bool,
        typer.Option("--stats", help="End with a table: counts, boilerplate removed, bytes."),
    ] = False,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour the --diff [default: on a terminal, unless NO_COLOR is set].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Convert posts: one file to stdout, many with -o DIR or --in-place."""
    config = _config(paths, stdin_filename)
    settings = dataclasses.replace(
        _settings(config, timezone, rules, no_site_rules),
        max_seconds=max_seconds,
        max_input_bytes=int(max_mb * 2**20),
    )
    options = Options(
        output=output,
        in_place=in_place,
        check=check,
        diff=diff,
        format=format.value,
        jobs=jobs,
        dask=dask,
        selection=_selection(config, include, exclude, gitignore=not no_gitignore, hidden=hidden),
        stdin_filename=stdin_filename,
        report=report,
        quiet=quiet,
        verbose=verbose,
        stats=stats,
        color=color,
    )
    raise typer.Exit(run(paths, settings, options))


@app.command("rules")
def list_rules(rules: Rules = None) -> None:
    """List the site rules: built-in ones and those from --rules or pyproject.toml."""
    from cli.rules import list_rules

    settings = _settings(_config(["."]), None, rules, False)
    stdout, stderr = Console(), Console(stderr=True)
    raise typer.Exit(list_rules(settings.rule_paths, stdout, stderr))


@app.command("inspect")
def inspect(
    path: Annotated[str, typer.Argument(metavar="FILE", help='A post, or "-" for stdin.')],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    timezone: Timezone = None,
    rules: Rules = None,
    no_site_rules: NoSiteRules = False,
) -> None:
    """Show which rules matched, the metadata found and what was removed; write nothing."""
    from cli.inspection import inspect_file
    from converters.pipeline import convert

    settings = _settings(_config([path]), timezone, rules, no_site_rules)
    stdout, stderr = Console(), Messages()
    code = inspect_file(path, settings, convert, as_json=as_json, out=stdout, err=stderr)
    raise typer.Exit(code)


def _config(paths: list[str], stdin_filename: str | None = None) -> Config:
    try:
        return find_config(paths, stdin_filename)
    except UsageError as error:
        typer.echo(f"article2md: error: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


def _settings(
    config: Config, timezone: str | None, rules: list[Path] | None, no_site_rules: bool
) -> Settings:
    return Settings(
        timezone=timezone or config.timezone,
        rule_paths=(*config.rules, *(rules or ())),
        site_rules=config.site_rules and not no_site_rules,
    )


def _selection(
    config: Config,
    include: list[str] | None,
    exclude: list[str] | None,
    *,
    gitignore: bool,
    hidden: bool,
) -> Selection:
    return Selection(
        include=tuple(include or config.include),
        exclude=(*config.exclude, *(exclude or ())),
        gitignore=gitignore,
        hidden=hidden,
    )


def main() -> None:
    app()
