"""Talking to the user: documents, diffs and JSON on stdout; everything else on stderr."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping

from rich.console import Console


class StdoutClosed(Exception):
    """The reader of stdout went away (`| head`): stop quietly."""


def emit(data: bytes) -> None:
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again while flushing at exit: point stdout at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise StdoutClosed from None


def say(console: Console, text: str) -> None:
    """One plain line: no markup (paths hold brackets), no wrapping (greppable)."""
    console.print(text, markup=False, highlight=False, soft_wrap=True)


def json_text(record: Mapping[str, object], *, indent: int | None = None) -> str:
    return json.dumps(record, ensure_ascii=False, indent=indent, default=jsonable)


def jsonable(value: object) -> object:
    """Dates as ISO 8601, as in the front matter; anything else odd as its text."""
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if callable(isoformat) else str(value)


def cell(value: object) -> str:
    """A metadata value as one line of a table."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(cell(item) for item in value)
    if value is None or isinstance(value, bool | int | float):
        return json.dumps(value)
    return str(jsonable(value))
