"""Documents in, records out: `convert` over a partition, each failure a record of its own."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any, Protocol, TypeAlias

from converters.document import ConversionError, Settings
from converters.pipeline import convert
from converters.read.decode import decode_bytes

# An item is the HTML (or post) text, a (path, text) pair, or a mapping with "text" or "html"
# and an optional "path": what a bag of strings, a dataframe's rows or JSON lines give. Bytes
# (a file read as it is) are decoded as the command line decodes files.
Text: TypeAlias = str | bytes
Item: TypeAlias = Text | tuple[str, Text] | Mapping[str, Any]
Record: TypeAlias = dict[str, Any]


class Bag(Protocol):
    def map_partitions(self, func: Any, *args: Any, **kwargs: Any) -> Any: ...


def convert_bag(bag: Bag, settings: Settings | None = None) -> Any:
    """A Dask bag of items -> a bag of records, one partition's documents per task."""
    return bag.map_partitions(convert_records, settings)


def convert_records(items: Iterable[Item], settings: Settings | None = None) -> list[Record]:
    return [convert_record(item, settings) for item in items]


def convert_record(item: Item, settings: Settings | None = None) -> Record:
    path, text = _path_and_text(item)
    warnings: tuple[str, ...] = ()
    try:
        if isinstance(text, bytes):
            text, warnings = decode_bytes(text, source=path or "-")
        conversion = convert(text, path=path, settings=settings)
    except ConversionError as error:
        return {"path": path, "error": {"stage": error.stage, "message": error.message}}
    return {
        "path": path,
        "metadata": dict(conversion.metadata),
        "markdown": conversion.markdown,
        "text": conversion.text,
        "removed": [asdict(removal) for removal in conversion.removed],
        "warnings": [*warnings, *conversion.warnings],
        "site_rules": list(conversion.site_rules),
        "error": None,
    }


def _path_and_text(item: Item) -> tuple[str | None, Text]:
    if isinstance(item, str | bytes):
        return None, item
    if isinstance(item, tuple):
        path, text = item
        return (None if path is None else str(path)), text
    body = item.get("text", item.get("html"))
    if not isinstance(body, str | bytes):
        raise TypeError("a record item needs a 'text' or 'html' string")
    name = item.get("path")
    return (None if name is None else str(name)), body
