"""The front matter as the author wrote it, changed only where a value must change.

What must change: a cover image that the clean stage found to be a placeholder or junk (it is
replaced by the first real content image, or goes), a date no reader can read (`Invalid
Date`, no digit in it: it goes, as the metadata stage warned), and a value lifted out of a
converted body (an editor line, a page's title), which is added. A date with digits that we
cannot read may be the site generator's to read, and a value with a template tag in it (a
scaffold's `date: {{ date }}`) is the generator's to fill in: neither is broken. Each change
is made on the lines of the one key it concerns, in the block's own format; the rest of the
block (comments, order, quoting, date spelling) stays byte for byte. The edited block is read
back: if it does not say what it should, the canonical front matter is written instead, with
a warning.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping

import yaml

from converters.document import Document, IsoDate
from converters.metadata.extract_metadata import (
    ALIASES,
    CANONICAL_KEYS,
    DATE_KEYS,
    clean_text,
    is_empty,
)
from converters.read import front_matter, yaml_io
from converters.write.yaml_dump import dump

Edits = dict[str, object]  # key -> new value; None takes the key out
TOML_HEADER = re.compile(r"^[ \t]*\[", re.M)
TEMPLATE = re.compile(r"\{[{%]")
# A value without a digit is no date in any spelling (`Invalid Date`, `undefined`); one with
# digits that we cannot read may still be the site generator's (`21.10.2024`): it stays.
NUMERAL = re.compile(r"\d")


class CannotEdit(ValueError):
    pass


def kept_front_matter(doc: Document) -> str:
    """The block as written with the edits made; raises CannotEdit when they cannot be."""
    edits = must_change(doc)
    if not edits:
        return doc.front_text
    if doc.front_format is None:
        added = {key: value for key, value in edits.items() if value is not None}
        return f"---\n{dump(added)}---\n" if added else ""
    block, _ = front_matter.split(doc.front_text)
    edited = EDITORS[doc.front_format](block.content, edits)
    if _read(doc.front_format, edited) != _applied(doc.front_matter, edits):
        raise CannotEdit("the edited front matter does not read back as intended")
    return block.head + edited + block.tail


def must_change(doc: Document) -> Edits:
    given = {key: value for key, value in doc.front_matter.items() if not is_empty(value)}
    return {**_cover_image(doc, given), **_unreadable_dates(doc, given), **_lifted(doc, given)}


def _cover_image(doc: Document, given: Mapping[str, object]) -> Edits:
    key = next((key for key in ALIASES["image"] if key in given), None)
    written = given.get(key) if key else None
    if key is None or not isinstance(written, str):
        return {}
    image = doc.metadata.get("image")
    return {} if image == clean_text(written, first_only=True) else {key: image}


def _unreadable_dates(doc: Document, given: Mapping[str, object]) -> Edits:
    edits: Edits = {}
    for key in DATE_KEYS:
        alias = next((alias for alias in ALIASES.get(key, (key,)) if alias in given), None)
        value = given.get(alias) if alias else None
        unreadable = alias and key not in doc.metadata and isinstance(value, str)
        if unreadable and not NUMERAL.search(str(value)) and not TEMPLATE.search(str(value)):
            edits[str(alias)] = None  # left out of the metadata, with a warning
    return edits


def _lifted(doc: Document, given: Mapping[str, object]) -> Edits:
    """Canonical values the input did not give: lifted out of a converted body."""
    return {
        key: doc.metadata[key]
        for key in CANONICAL_KEYS
        if key in doc.metadata and not any(alias in given for alias in ALIASES.get(key, (key,)))
    }


def _applied(data: Mapping[str, object], edits: Edits) -> dict[str, object]:
    result = {key: value for key, value in data.items() if edits.get(key, 0) is not None}
    result.update({key: value for key, value in edits.items() if value is not None})
    return {key: _plain(value) for key, value in result.items()}


def _read(kind: str, content: str) -> object:
    try:
        if kind == "toml":
            data: object = tomllib.loads(content)
        elif kind == "json":
            data = json.loads(content)
        else:
            data = yaml_io.load(content)[0] or {}
    except (ValueError, yaml.YAMLError):  # TOML and JSON decode errors are ValueErrors
        return None
    if not isinstance(data, dict):
        return None
    return {key: _plain(value) for key, value in data.items()}


def _plain(value: object) -> object:
    """A date as its ISO text: TOML reads one as a datetime, YAML here as the string."""
    if isinstance(value, str):
        return str(value)  # an IsoDate too
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if callable(isoformat) else value


# ---- YAML -------------------------------------------------------------------------------------


def _yaml_edit(content: str, edits: Edits) -> str:
    lines = content.splitlines(keepends=True)
    for key, value in edits.items():
        new = dump({key: value}) if value is not None else ""
        found = _yaml_key_lines(lines, key)
        if found is None:
            lines.append(new)
        else:
            lines[found[0] : found[1]] = [new]
    return "".join(lines)


def _yaml_key_lines(lines: list[str], key: str) -> tuple[int, int] | None:
    """The lines of a top-level key: its own, then indented ones or `- ` items under it."""
    pattern = re.compile(rf"^(?:{re.escape(key)}|'{re.escape(key)}'|\"{re.escape(key)}\")[ \t]*:")
    for at, line in enumerate(lines):
        if pattern.match(line):
            end = at + 1
            while end < len(lines) and re.match(r"[ \t]+\S|-(?:[ \t]|$)", lines[end]):
                end += 1
            return at, end
    return None


# ---- TOML -------------------------------------------------------------------------------------


def _toml_edit(content: str, edits: Edits) -> str:
    header = TOML_HEADER.search(content)
    root, tables = (
        (content[: header.start()], content[header.start() :]) if header else (content, "")
    )
    lines = root.splitlines(keepends=True)
    for key, value in edits.items():
        new = f"{key} = {_toml_value(value)}\n" if value is not None else ""
        found = _toml_key_lines(lines, key)
        if found is None:
            lines.append(new)
        else:
            lines[found[0] : found[1]] = [new]
    return "".join(lines) + tables


def _toml_key_lines(lines: list[str], key: str) -> tuple[int, int] | None:
    pattern = re.compile(rf"^[ \t]*(?:{re.escape(key)}|\"{re.escape(key)}\")[ \t]*=")
    next_key = re.compile(r"^[ \t]*(?:[A-Za-z0-9_-]+|\"[^\"]*\")[ \t]*=|^[ \t]*(?:#|$)")
    for at, line in enumerate(lines):
        if pattern.match(line):
            end = at + 1
            while end < len(lines) and not next_key.match(lines[end]):
                end += 1  # a multi-line array or string goes on
            return at, end
    return None


def _toml_value(value: object) -> str:
    if isinstance(value, IsoDate):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise CannotEdit(f"no TOML for {value!r}")


# ---- JSON -------------------------------------------------------------------------------------


def _json_edit(content: str, edits: Edits) -> str:
    data = json.loads(content)
    for key, value in edits.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = str(value) if isinstance(value, IsoDate) else value
    return json.dumps(data, ensure_ascii=False, indent=2)


EDITORS = {"yaml": _yaml_edit, "toml": _toml_edit, "json": _json_edit}
