"""YAML front matter out: dates as timestamps, emoji as they are, no folding, edge spaces quoted."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import yaml

from converters.document import IsoDate

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# libyaml writes every character beyond the BMP (emoji) as a \UXXXXXXXX escape in a
# double-quoted scalar; YAML allows them as they are, and the pure-Python emitter is 4x slower.
ASTRAL_ESCAPE = re.compile(r"\\(\\|U[0-9A-Fa-f]{8})")


class _Dumper(_BaseDumper):  # type: ignore[misc]
    pass


def _represent_str(dumper: Any, value: str) -> Any:
    # PyYAML leaves U+3000 or U+00A0 at an end of a plain scalar, where readers strip them.
    edge_space = bool(value) and (value[0].isspace() or value[-1].isspace())
    style = '"' if edge_space else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_iso_date(dumper: Any, value: IsoDate) -> Any:
    return dumper.represent_scalar(TIMESTAMP_TAG, str(value))


def _represent_datetime(dumper: Any, value: dt.date) -> Any:
    return dumper.represent_scalar(TIMESTAMP_TAG, value.isoformat())


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(IsoDate, _represent_iso_date)
_Dumper.add_representer(dt.datetime, _represent_datetime)
_Dumper.add_representer(dt.date, _represent_datetime)

DUMP_OPTIONS: dict[str, Any] = {
    "Dumper": _Dumper,
    "allow_unicode": True,
    "sort_keys": False,
    "default_flow_style": False,
    "width": 2**31 - 1,  # never fold a long title onto two lines
}


def dump(data: Mapping[str, object]) -> str:
    return ASTRAL_ESCAPE.sub(_unescape_astral, str(yaml.dump(dict(data), **DUMP_OPTIONS)))


def _unescape_astral(match: re.Match[str]) -> str:
    escape = match.group(1)
    return match.group() if escape == "\\" else chr(int(escape[1:], 16))
