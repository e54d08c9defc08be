"""YAML front matter in, safely: no tags executed, no timestamps guessed, no alias bombs.

The usual front matter (`key: value` lines, `- item` lists under a key, comments) is read by
`_read_directly` line by line, with PyYAML's own resolver and constructor functions for the
value of each plain scalar; anything else is composed by libyaml and built by `_construct`.
tests/read/test_yaml_io.py holds the two to the same result on generated front matter.
"""

from __future__ import annotations

import re
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
    direct = _read_directly(text)
    if direct is not None:
        return direct
    return _load_with_pyyaml(text)


def _load_with_pyyaml(text: str) -> tuple[object, dict[str, str]]:
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


# ---- the usual front matter, read directly ---------------------------------------------------

# Characters YAML reads as they are: printable, no tab, no CR or other line break, no BOM.
PLAIN_TEXT = re.compile("[\x20-\x7e\n\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                        "\U00010000-\U0010ffff]*")  # fmt: skip
KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,100}):(?: +(.*))?")
KEY_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
ITEM_LINE = re.compile(r"( *)- +(.*)")
SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
DOUBLE_QUOTED = re.compile(r'"([^"\\]*)"')
# A plain scalar may not start with an indicator, nor hold ": " or " #", nor end with ":".
INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Each line makes at most two values (a key and its value, or an item and its list), so the
# data stays well inside the budget _check_size holds PyYAML's to, and it needs no walk.
MAX_LINES = MAX_NODES // 4
# BaseResolver.resolve's table (timestamps left out): patterns for a first character, and any.
_ANY_FIRST: list[tuple[str, re.Pattern[str]]] = StringDatesLoader.yaml_implicit_resolvers.get(
    None, []
)
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: patterns + _ANY_FIRST
    for first, patterns in StringDatesLoader.yaml_implicit_resolvers.items()
    if first is not None
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _NotUsual(Exception):
    """Text the direct reading leaves to PyYAML."""


def _read_directly(text: str) -> tuple[dict[object, object], dict[str, str]] | None:
    """What _load_with_pyyaml returns for the usual front matter, or None for anything else."""
    if text.count("\n") >= MAX_LINES or not PLAIN_TEXT.fullmatch(text):
        return None
    data: dict[object, object] = {}
    written: dict[str, str] = {}
    try:
        _read_lines(text.split("\n"), data, written)
    except _NotUsual:
        return None
    return (data, written) if data else None


def _read_lines(lines: list[str], data: dict[object, object], written: dict[str, str]) -> None:
    """Top-level keys at the margin; `- item` lines, all at one indent, under a key with no
    value; comments at the margin and blank lines anywhere. Any other line (a continued
    scalar, a nested mapping, a directive or a document marker) is not usual."""
    key = ""  # the last key, while it may still get list items
    items: list[object] | None = None
    indent = ""
    for line in lines:
        if line[:1] in KEY_START:
            key, items = _key_line(line, data, written), None
        elif line[:1] == "#" or not line.strip(" "):
            continue
        elif key and (item := ITEM_LINE.fullmatch(line)) is not None:
            if items is None:
                items, indent = [], item.group(1)
                data[key] = items
                del written[key]
            elif item.group(1) != indent:
                raise _NotUsual
            items.append(_scalar(item.group(2))[0])
        else:
            raise _NotUsual


def _key_line(line: str, data: dict[object, object], written: dict[str, str]) -> str:
    """Read a `key: value` line into data and written; the key when its value is empty."""
    match = KEY_LINE.fullmatch(line)
    if match is None:
        raise _NotUsual
    key, value = match.group(1, 2)
    if key in written or _resolved(key) != STR:  # a second `title:`; a key `yes` or `null`
        raise _NotUsual
    data[key], written[key] = _scalar(value or "")
    return "" if value else key


def _scalar(text: str) -> tuple[object, str]:
    """A scalar's value and its text as written (a PyYAML node's value)."""
    text = text.rstrip(" ")
    first = text[:1]
    if first == "'" and (single := SINGLE_QUOTED.fullmatch(text)) is not None:
        value = single.group(1).replace("''", "'")
        return value, value
    if first == '"' and (double := DOUBLE_QUOTED.fullmatch(text)) is not None:
        return double.group(1), double.group(1)
    if first in INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        raise _NotUsual
    tag = _resolved(text)
    if tag == STR:
        return text, text
    if tag not in PLAIN_SCALARS:
        raise _NotUsual
    node = yaml.ScalarNode(tag, text)
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node), text


def _resolved(text: str) -> str:
    for tag, pattern in _RESOLVERS.get(text[:1], _ANY_FIRST):
        if pattern.match(text):
            return tag
    return STR
