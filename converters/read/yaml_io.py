"""YAML in and out, safely: no tags executed, no timestamps guessed, no alias bombs, no folding."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import yaml

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
MAX_NODES = 100_000  # a front matter is small; anything bigger is an alias bomb or not ours


class StringDatesLoader(_BaseLoader):  # type: ignore[misc]
    """Safe loader that keeps dates as the strings they were written as, so no instant shifts."""


StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP_TAG]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class TooLarge(ValueError):
    pass


def load(text: str) -> tuple[object, dict[str, str]]:
    """The data, and the text as written of each top-level scalar (`title: 1.50` is "1.50")."""
    loader = StringDatesLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    _check_size(data)
    return data, _written_scalars(node)


def _written_scalars(node: yaml.Node | None) -> dict[str, str]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): value.value
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
    }


def _check_size(data: object) -> None:
    """Walk with a budget: aliases share objects, so a bomb is cheap to load and huge to walk."""
    budget = MAX_NODES
    stack = [data]
    while stack:
        item = stack.pop()
        budget -= 1
        if budget < 0:
            raise TooLarge(f"front matter expands to more than {MAX_NODES} values (alias bomb?)")
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


class IsoDate(str):
    """A date already in ISO 8601 form, written as a plain YAML timestamp."""


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
