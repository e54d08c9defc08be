"""YAML front matter out: dates as timestamps, emoji as they are, no folding, edge spaces quoted.

The usual front matter (keys of letters, values that are strings, dates, booleans, integers or
lists of those) is written by `_emitted`, which writes the bytes libyaml's emitter writes for
it: PyYAML's representer and serializer, in Python, cost five times the emitting. Anything
else (a float, a nested mapping, a shared list, a control character, a line break) is left to
PyYAML. tests/write/test_yaml_dump.py holds the two to the same output on generated values.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Any

import yaml

from converters.document import IsoDate

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
STR_TAG = "tag:yaml.org,2002:str"
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# The direct writer writes what libyaml writes; PyYAML's own emitter quotes differently.
DIRECT = _BaseDumper is not yaml.SafeDumper
# libyaml writes every character beyond the BMP (emoji) as a \UXXXXXXXX escape in a
# double-quoted scalar; YAML allows them as they are, and the pure-Python emitter is 4x slower.
ASTRAL_ESCAPE = re.compile(r"\\(\\|U[0-9A-Fa-f]{8})")


class _Dumper(_BaseDumper):  # type: ignore[misc]
    pass


def _represent_str(dumper: Any, value: str) -> Any:
    # PyYAML leaves U+3000 or U+00A0 at an end of a plain scalar, where readers strip them.
    edge_space = _edge_space(value)
    style = '"' if edge_space else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _edge_space(value: str) -> bool:
    return bool(value) and (value[0].isspace() or value[-1].isspace())


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
    text = _emitted(data)
    if text is None:
        text = str(yaml.dump(dict(data), **DUMP_OPTIONS))
    return ASTRAL_ESCAPE.sub(_unescape_astral, text) if "\\" in text else text


def _unescape_astral(match: re.Match[str]) -> str:
    escape = match.group(1)
    return match.group() if escape == "\\" else chr(int(escape[1:], 16))


# ---- the usual front matter, written directly ------------------------------------------------

# What libyaml writes as it is: printable (no control, no BOM, no noncharacter U+FFFE/F), no
# line break (U+2028/9 are ones), within the BMP. Beyond it, a character is escaped.
WRITTEN_AS_IS = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
ASTRAL = re.compile("[\U00010000-\U0010ffff]")
SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,100}")
# A plain scalar in block context may not start with an indicator, nor hold ": " or " #"
# (libyaml's analysis: a ":" at the end, a "? ", "- " or ": " start, "---" or "...").
NOT_PLAIN = re.compile(r"[#,\[\]{}&*!|>'\"%@`]|[-?:](?: |\Z)|---|\.\.\.|.*(?::(?: |\Z)| #)", re.S)
# BaseResolver.resolve's table: the patterns for a scalar's first character, then the others.
_ANY_FIRST: list[tuple[str, re.Pattern[str]]] = _Dumper.yaml_implicit_resolvers.get(None, [])
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: patterns + _ANY_FIRST
    for first, patterns in _Dumper.yaml_implicit_resolvers.items()
    if first is not None
}


def _emitted(data: Mapping[str, object]) -> str | None:
    """yaml.dump(data, **DUMP_OPTIONS) for the usual front matter, or None for anything else."""
    if not data or not DIRECT:
        return None
    lines = []
    seen_lists: set[int] = set()
    for key, value in data.items():
        if type(key) is not str or not _simple_key(key):
            return None
        if type(value) is list:
            if not value or id(value) in seen_lists:  # PyYAML anchors a list met twice
                return None
            seen_lists.add(id(value))
            items = [_scalar(item) for item in value]
            if None in items:
                return None
            lines.append(f"{key}:\n" + "".join(f"- {item}\n" for item in items))
            continue
        scalar = _scalar(value)
        if scalar is None:
            return None
        lines.append(f"{key}: {scalar}\n")
    return "".join(lines)


@functools.lru_cache(maxsize=256)  # a few keys, in every post
def _simple_key(key: str) -> bool:
    return SIMPLE_KEY.fullmatch(key) is not None and _resolved(key) == STR_TAG


def _scalar(value: object) -> str | None:
    """A value as libyaml writes it in a block mapping or sequence, or None."""
    kind = type(value)
    if kind is str:
        return _string(value)  # type: ignore[arg-type]
    if kind is bool:
        return "true" if value else "false"
    if kind is int or value is None:
        text = "null" if value is None else str(value)
        return text if _resolved(text) != STR_TAG else None
    if kind is IsoDate or kind is dt.datetime or kind is dt.date:
        text = str(value) if kind is IsoDate else value.isoformat()  # type: ignore[attr-defined]
        if _resolved(text) == TIMESTAMP_TAG and _plain_allowed(text):
            return text
    return None


def _string(value: str) -> str | None:
    if not WRITTEN_AS_IS.fullmatch(value):
        if not WRITTEN_AS_IS.fullmatch(ASTRAL.sub("", value)):
            return None  # a control character or a line break: PyYAML's
        return _double_quoted(value)  # libyaml double-quotes and escapes astral characters
    if _edge_space(value):
        return _double_quoted(value)
    if value and _plain_allowed(value) and _resolved(value) == STR_TAG:
        return value
    return "'" + value.replace("'", "''") + "'"


def _double_quoted(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + ASTRAL.sub(lambda m: f"\\U{ord(m.group()):08X}", escaped) + '"'


def _plain_allowed(text: str) -> bool:
    return bool(text) and text[0] != " " and text[-1] != " " and not NOT_PLAIN.match(text)


def _resolved(text: str) -> str:
    """The tag PyYAML's resolver reads a plain scalar as (BaseResolver.resolve)."""
    for tag, pattern in _RESOLVERS.get(text[0] if text else "", _ANY_FIRST):
        if pattern.match(text):
            return tag
    return STR_TAG
