"""YAML front matter in, safely: no tags executed, no timestamps guessed, no alias bombs."""

from __future__ import annotations

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
