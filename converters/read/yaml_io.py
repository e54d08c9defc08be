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
        data = _construct(loader, node) if node is not None else None
    finally:
        loader.dispose()
    _check_size(data)
    return data, _written_scalars(node)


MAP, SEQ, STR = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str"
# Scalars whose SafeConstructor function returns the value at once (no generator, no state).
PLAIN_SCALARS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null"))


DIRECT_DEPTH = 32  # deeper data is PyYAML's, which does not recurse per level


class _Unusual(Exception):
    """A node the direct construction leaves to PyYAML: an alias, a merge key, another tag."""


def _construct(loader: Any, node: yaml.Node) -> object:
    """What loader.construct_document(node) builds, built directly for the usual front matter
    (keys and values, lists, no anchors): PyYAML's constructor goes through generators and
    bookkeeping per node, half of the load. Anything else is PyYAML's, as before."""
    try:
        return _value(loader, node, set(), 0)
    except _Unusual:
        return loader.construct_document(node)


def _value(loader: Any, node: yaml.Node, seen: set[int], depth: int) -> object:
    if id(node) in seen or depth > DIRECT_DEPTH:  # an alias: PyYAML shares the object
        raise _Unusual
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag == STR:
            return node.value
        if node.tag in PLAIN_SCALARS:
            return loader.yaml_constructors[node.tag](loader, node)
    elif isinstance(node, yaml.SequenceNode) and node.tag == SEQ:
        return [_value(loader, item, seen, depth + 1) for item in node.value]
    elif isinstance(node, yaml.MappingNode) and node.tag == MAP:
        mapping = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):  # a list or a mapping cannot be a key
                raise _Unusual
            mapping[_value(loader, key, seen, depth)] = _value(loader, value, seen, depth + 1)
        return mapping
    raise _Unusual


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
