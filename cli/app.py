"""The `article2md` Typer app: options become a request, Settings and Options, then `run` does
the work.

Start-up is most of a one-file run, so this module imports only Typer and small modules:
values are converted without pydantic (cli/parameters.py), rich is loaded by what draws a
table, and the pipeline by what converts; the plain `convert PATH...` does not load this module
at all (cli/main.py). Every usage error is one line and exit 2.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cli.config import find_config
from cli.options import UsageError, check_timezone, missing_path
from cli.parameters import PlainCommand, PlainGroup
from cli.report import EXIT_OK, EXIT_USAGE
from cli.request import ConvertRequest, settings_of
from converters import __version__

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


DEFAULT_FORMAT = Format(ConvertRequest.format)


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
    ] = ConvertRequest.output,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Rewrite files where they are (x.html becomes x.md).")
    ] = ConvertRequest.in_place,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; name each file that would change; exit 1 if any."
        ),
    ] = ConvertRequest.check,
    diff: Annotated[
        bool, typer.Option("--diff", help="Write nothing; print a unified diff; exit 1 if any.")
    ] = ConvertRequest.diff,
    jobs: Annotated[
        int | None,
        typer.Option(
            "-j", "--jobs", metavar="N", min=1, help="Worker processes [default: one per core]."
        ),
    ] = ConvertRequest.jobs,
    dask: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Convert on a Dask cluster: a scheduler (tcp://host:8786) or 'local'. "
            "Needs the dask extra.",
        ),
    ] = ConvertRequest.dask,
    include: Annotated[
        list[str] | None,
        typer.Option(
            metavar="GLOB",
            help="Files to pick in folders [default: *.md *.markdown *.html *.htm].",
        ),
    ] = ConvertRequest.include,
    exclude: Annotated[
        list[str] | None,
        typer.Option(metavar="GLOB", help="Leave out matching files or folders."),
    ] = ConvertRequest.exclude,
    no_gitignore: Annotated[
        bool, typer.Option("--no-gitignore", help="Also convert files that .gitignore ignores.")
    ] = ConvertRequest.no_gitignore,
    hidden: Annotated[
        bool, typer.Option("--hidden", help="Also search folders whose name starts with a dot.")
    ] = ConvertRequest.hidden,
    timezone: Timezone = ConvertRequest.timezone,
    rules: Rules = ConvertRequest.rules,
    no_site_rules: NoSiteRules = ConvertRequest.no_site_rules,
    config_file: ConfigFile = ConvertRequest.config_file,
    front_matter: Annotated[
        FrontMatter | None,
        typer.Option(
            metavar="keep|normalize",
            help="Keep each post's front matter as written, or write it canonical YAML "
            "[default: keep it where the body already is Markdown, normalize it where the "
            "body is converted from HTML].",
            show_default=False,
        ),
    ] = None,  # ConvertRequest.front_matter: the config file's, else auto
    base_url: Annotated[
        str | None,
        typer.Option(
            metavar="URL",
            callback=_base_url,
            help="Resolve a saved page's relative links against this address.",
        ),
    ] = ConvertRequest.base_url,
    max_seconds: Annotated[
        float,
        typer.Option(
            min=0, metavar="SECONDS", help="Fail a file that takes longer than this (0: no limit)."
        ),
    ] = ConvertRequest.max_seconds,
    max_mb: Annotated[
        float,
        typer.Option(min=0, metavar="MB", help="Fail a file larger than this many megabytes."),
    ] = ConvertRequest.max_mb,
    stdin_filename: Annotated[
        str | None,
        typer.Option(metavar="NAME", help='The file name "-" stands for, in messages and rules.'),
    ] = ConvertRequest.stdin_filename,
    format: Annotated[
        Format,
        typer.Option(
            metavar="markdown|json",
            help="markdown: the documents; json: one JSON object per file per line.",
        ),
    ] = DEFAULT_FORMAT,
    report: Annotated[
        Path | None,
        typer.Option(metavar="FILE.json", help="Write per-file results to this JSON file."),
    ] = ConvertRequest.report,
    quiet: Annotated[
        bool, typer.Option("-q", "--quiet", help="Print only errors.")
    ] = ConvertRequest.quiet,
    verbose: Annotated[
        bool,
        typer.Option(
            "-v", "--verbose", help="Name every file, unchanged ones too; tracebacks; --stats."
        ),
    ] = ConvertRequest.verbose,
    stats: Annotated[
        bool,
        typer.Option("--stats", help="End with a table: counts, boilerplate removed, bytes."),
    ] = ConvertRequest.stats,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour the --diff [default: on a terminal, unless NO_COLOR is set].",
            show_default=False,
        ),
    ] = ConvertRequest.color,
) -> None:
    """Convert posts: one file to stdout, many with -o DIR or --in-place."""
    request = ConvertRequest(
        output=output,
        in_place=in_place,
        check=check,
        diff=diff,
        jobs=jobs,
        dask=dask,
        include=include,
        exclude=exclude,
        no_gitignore=no_gitignore,
        hidden=hidden,
        timezone=timezone,
        rules=rules,
        no_site_rules=no_site_rules,
        config_file=config_file,
        front_matter=front_matter.value if front_matter else None,
        base_url=base_url,
        max_seconds=max_seconds,
        max_mb=max_mb,
        stdin_filename=stdin_filename,
        format=format.value,
        report=report,
        quiet=quiet,
        verbose=verbose,
        stats=stats,
        color=color,
    )
    settings, options = request.resolve(paths)
    from cli.run import run  # imported here: `--help` and `inspect` need none of it

    raise typer.Exit(run(paths, settings, options))


@app.command("rules", cls=PlainCommand)
def list_rules(rules: Rules = None, config_file: ConfigFile = None) -> None:
    """List the site rules: built-in ones and those from --rules or the config file."""
    from rich.console import Console

    from cli.rules import list_rules

    settings = settings_of(find_config(["."], explicit=config_file), None, rules, False)
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
    settings = settings_of(config, timezone, rules, no_site_rules)
    stdout, stderr = Console(), Messages()
    code = inspect_file(path, settings, convert, as_json=as_json, out=stdout, err=stderr)
    raise typer.Exit(code)


def _one_file(path: str) -> None:
    if path == "-" or Path(path).is_file():
        return
    if Path(path).is_dir():
        raise UsageError(f"{path}: a folder; inspect takes one file")
    raise missing_path(path)


def main(argv: Sequence[str] | None = None) -> int:
    """The console script. Click's usage errors and ours come out as one line, exit 2."""
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="article2md", standalone_mode=False)
    except UsageError as error:
        return usage_error(str(error))
    except typer.TyperException as error:  # Click's: no such option, missing argument...
        return usage_error(_reworded(error))
    return code if isinstance(code, int) else EXIT_OK


def usage_error(message: str) -> int:
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
