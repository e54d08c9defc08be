"""The `article2md` console script: the Typer app (cli/app.py) parses the command line, but for
a plain convert call.

`article2md convert [--in-place|--check|...] [--] PATH...`, paths and on/off options only, is
what a shell pipe and the pre-commit hooks run, often on one small file; there importing and
building the Typer app was a fifth of the run (~40 ms of ~200). Such a call goes straight to
the run with the convert command's defaults (cli/request.py) and the flags it names; anything
else, an option with a value, `--help`, a mistake, goes to the app, which parses and explains
it. tests/test_cli_main.py checks that both routes hand the run the same request.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from cli.options import Options, UsageError
from cli.report import EXIT_INTERRUPTED
from cli.request import ConvertRequest
from converters.document import Settings

COMPLETION_VARIABLE = "_ARTICLE2MD_COMPLETE"  # Click answers shell completion when it is set
FLAGS = {  # the convert command's on/off options (cli/app.py), as Click spells them
    "--in-place": "in_place",
    "--check": "check",
    "--diff": "diff",
    "-q": "quiet",
    "--quiet": "quiet",
    "-v": "verbose",
    "--verbose": "verbose",
    "--stats": "stats",
    "--hidden": "hidden",
    "--no-gitignore": "no_gitignore",
    "--no-site-rules": "no_site_rules",
}


def main(argv: Sequence[str] | None = None) -> int:
    plain = plain_convert(list(sys.argv[1:] if argv is None else argv))
    if plain is not None:
        paths, request = plain
        try:
            settings, options = request.resolve(paths)
        except UsageError:
            pass  # a bad config file: the app says so, in the words it always uses
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
        else:
            return _run(paths, settings, options)
    from cli.app import main as app_main

    return app_main(argv)


def plain_convert(args: list[str]) -> tuple[list[str], ConvertRequest] | None:
    """The paths and the request of `convert` with paths ("-" is one) and FLAGS only, as Click
    would read them (after `--` every argument is a path); None for anything else. On Windows
    Click expands wildcards in the arguments itself, so the app takes them."""
    if args[:1] != ["convert"] or os.environ.get(COMPLETION_VARIABLE) or os.name == "nt":
        return None
    paths: list[str] = []
    flags: dict[str, Any] = {}
    for index, arg in enumerate(args[1:], start=1):
        if arg == "--":
            paths += args[index + 1 :]
            break
        if arg in FLAGS:
            flags[FLAGS[arg]] = True
        elif arg == "-" or not arg.startswith("-"):
            paths.append(arg)
        else:
            return None
    return (paths, ConvertRequest(**flags)) if paths else None


def _run(paths: list[str], settings: Settings, options: Options) -> int:
    """The run, its outcome as the app's Click main would give it."""
    from cli.run import run

    try:
        return run(paths, settings, options)
    except UsageError as error:
        from cli.app import usage_error

        return usage_error(str(error))
    except KeyboardInterrupt:  # Click's main: exit 130
        return EXIT_INTERRUPTED
