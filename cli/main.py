"""The `article2md` command: options become Settings and Options, then `run` does the work.

Start-up is most of a one-file run, so this module imports only Typer and small modules:
values are converted without pydantic (cli/parameters.py), rich is loaded by what draws a
table, and the pipeline by what converts. Every usage error is one line and exit 2.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cli.config import Config, find_config
from cli.options import Options, Selection, UsageError, check_timezone, missing_path
from cli.parameters import PlainCommand, PlainGroup
from cli.report import EXIT_OK, EXIT_USAGE
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
  141  standard output went away (| head): files written so far are whole
"""

app = typer.Typer(
    name="article2md",
    cls=PlainGroup,
    help="Turn scraped HTML articles and Hexo posts into clean Markdown with YAML front matter.",
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=False,  # `article2md` alone is a one-line usage error, like the others
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    markdown = "markdown"
    json = "json"


class FrontMatter(StrEnum):
    auto = "auto"
    keep = "keep"
    normalize = "normalize"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"article2md {__version__}")
        raise typer.Exit()


def _timezone(value: str | None) -> str | None:
    return check_timezone("--timezone", value)


def _base_url(value: str | None) -> str | None:
    if value is not None and not re.match(r"^https?://[^/?#\s]+", value):
        raise UsageError(f"--base-url: {value!r} is not an http(s) address")
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
ConfigFile = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Take settings from this file, not the nearest article2md.toml, "
        ".article2md.toml or pyproject.toml [tool.article2md].",
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


@app.command(cls=PlainCommand, epilog=EXIT_CODES)
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
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="Write to this file, or into this folder: one that exists, or PATH/, or with "
            'many inputs. "-": standard output.',
        ),
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
        typer.Option(
            "-j", "--jobs", metavar="N", min=1, help="Worker processes [default: one per core]."
        ),
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
    config_file: ConfigFile = None,
    front_matter: Annotated[
        FrontMatter | None,
        typer.Option(
            metavar="keep|normalize",
            help="Keep each post's front matter as written, or write it canonical YAML "
            "[default: keep it where the body already is Markdown, normalize it where the "
            "body is converted from HTML].",
            show_default=False,
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            callback=_base_url,
            help="Resolve a saved page's relative links against this address.",
        ),
    ] = None,
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
        typer.Option(
            metavar="markdown|json",
            help="markdown: the documents; json: one JSON object per file per line.",
        ),
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
    config = find_config(paths, stdin_filename, explicit=config_file)
    settings = dataclasses.replace(
        _settings(config, timezone, rules, no_site_rules),
        max_seconds=max_seconds,
        max_input_bytes=int(max_mb * 2**20),
        base_url=base_url,
        front_matter=front_matter.value if front_matter else config.front_matter,
    )
    options = Options(
        output=None if output in (None, "-") else Path(output),
        output_folder=output is not None and output.endswith(("/", os.sep)),
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
    from cli.run import run  # imported here: `--help` and `inspect` need none of it

    raise typer.Exit(run(paths, settings, options))


@app.command("rules", cls=PlainCommand)
def list_rules(rules: Rules = None, config_file: ConfigFile = None) -> None:
    """List the site rules: built-in ones and those from --rules or the config file."""
    from rich.console import Console

    from cli.rules import list_rules

    settings = _settings(find_config(["."], explicit=config_file), None, rules, False)
    stdout, stderr = Console(), Console(stderr=True)
    raise typer.Exit(list_rules(settings.rule_paths, stdout, stderr))


@app.command("inspect", cls=PlainCommand)
def inspect(
    path: Annotated[str, typer.Argument(metavar="FILE", help='A post, or "-" for stdin.')],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    timezone: Timezone = None,
    rules: Rules = None,
    no_site_rules: NoSiteRules = False,
    config_file: ConfigFile = None,
) -> None:
    """Show which rules matched, the metadata found and what was removed; write nothing."""
    from rich.console import Console

    from cli.inspection import inspect_file
    from cli.talk import Messages
    from converters.pipeline import convert

    _one_file(path)
    config = find_config([path], explicit=config_file)
    settings = _settings(config, timezone, rules, no_site_rules)
    stdout, stderr = Console(), Messages()
    code = inspect_file(path, settings, convert, as_json=as_json, out=stdout, err=stderr)
    raise typer.Exit(code)


def _one_file(path: str) -> None:
    if path == "-" or Path(path).is_file():
        return
    if Path(path).is_dir():
        raise UsageError(f"{path}: a folder; inspect takes one file")
    raise missing_path(path)


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


def main(argv: Sequence[str] | None = None) -> int:
    """The console script. Click's usage errors and ours come out as one line, exit 2."""
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="article2md", standalone_mode=False)
    except UsageError as error:
        return _usage_error(str(error))
    except typer.TyperException as error:  # Click's: no such option, missing argument...
        return _usage_error(_reworded(error))
    return code if isinstance(code, int) else EXIT_OK


def _usage_error(message: str) -> int:
    typer.echo(f"article2md: error: {message}", err=True)
    return EXIT_USAGE


def _reworded(error: typer.TyperException) -> str:
    """Click's sentence in our voice: lower case, no full stop, and where to find help."""
    possible = sorted(getattr(error, "possibilities", None) or ())
    text = error.message if possible else error.format_message()
    text = text.rstrip(".")
    text = text[:1].lower() + text[1:]
    if possible:
        text += f"; did you mean {' or '.join(possible)}?"
    ctx = getattr(error, "ctx", None)
    commands = sorted(getattr(ctx.command, "commands", None) or ()) if ctx else ()
    if text == "missing command" and commands:
        text += f": {', '.join(commands)}"
    return f"{text} (see '{ctx.command_path} -h')" if ctx else text
