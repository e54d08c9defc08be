"""`article2md inspect FILE`: what conversion found and took out, without writing anything."""

from __future__ import annotations

from dataclasses import asdict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cli.reading import decode, read_bytes, read_stdin
from cli.report import EXIT_FAILED
from cli.talk import Messages, cell, json_text, say
from cli.work import Converter
from converters.document import Conversion, ConversionError, Settings


def inspect_file(
    path: str, settings: Settings, convert: Converter, *, as_json: bool, out: Console, err: Messages
) -> int:
    try:
        data = read_stdin(path, settings) if path == "-" else read_bytes(path, settings)
        text, warnings = decode(data, source=path)
        conversion = convert(text, path=path, settings=settings)
    except ConversionError as error:
        say(err, f"{path}: error: {error.stage}: {error.message}")
        return EXIT_FAILED
    except OSError as error:
        say(err, f"{path}: error: read: {error.strerror}")
        return EXIT_FAILED
    warnings = (*warnings, *conversion.warnings)
    if as_json:
        out.file.write(_as_json(path, conversion, warnings) + "\n")
    else:
        _show(path, conversion, warnings, out)
    return 0


def _as_json(path: str, conversion: Conversion, warnings: tuple[str, ...]) -> str:
    record = {
        "path": path,
        "site_rules": list(conversion.site_rules),
        "metadata": dict(conversion.metadata),
        "removed": [asdict(removal) for removal in conversion.removed],
        "warnings": list(warnings),
    }
    return json_text(record, indent=2)


def _show(path: str, conversion: Conversion, warnings: tuple[str, ...], out: Console) -> None:
    rules = ", ".join(conversion.site_rules) or "none (generic pass only)"
    out.print(Text(f"{path}\nsite rules: {rules}"))
    metadata = Table(title="metadata", title_justify="left")
    metadata.add_column("key", no_wrap=True)
    metadata.add_column("value", overflow="fold")  # URLs and titles in full
    for key, value in conversion.metadata.items():
        metadata.add_row(Text(key), Text(cell(value)))
    out.print(metadata)
    removed = Table(title="removed", title_justify="left")
    removed.add_column("rule", no_wrap=True)
    removed.add_column("what", overflow="fold")
    removed.add_column("excerpt", overflow="fold")
    for removal in conversion.removed:
        removed.add_row(Text(removal.rule), Text(removal.what), Text(removal.excerpt))
    out.print(removed)
    for warning in warnings:
        out.print(Text(f"warning: {warning}"))
