"""Site rules as the command line sees them: listed by `article2md rules`, checked before a run."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from converters.document import ConversionError

if TYPE_CHECKING:
    from rich.console import Console


def load(extra: tuple[Path, ...]) -> Sequence[Any] | None:
    """The rules, or None while the library has no site rules module."""
    try:
        from converters.clean.site_rules import load_rules
    except ImportError:
        return None
    return load_rules(extra)


def check(extra: tuple[Path, ...]) -> str | None:
    """Why the user's rule files cannot be used, found once rather than once per file."""
    if not extra:
        return None
    try:
        load(extra)
    except ConversionError as error:
        return f"{error.source}: error: {error.stage}: {error.message}"
    return None


def list_rules(extra: tuple[Path, ...], stdout: Console, stderr: Console) -> int:
    try:
        rules = load(extra)
    except ConversionError as error:
        stderr.print(f"{error.source}: error: {error.stage}: {error.message}", markup=False)
        return 2
    if rules is None:
        stderr.print("article2md: this version has no site rules", markup=False)
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(title="site rules", title_justify="left")
    table.add_column("name", no_wrap=True)
    table.add_column("origin", overflow="fold")  # a path cut short is no help
    table.add_column("description")
    for rule in rules:
        table.add_row(Text(rule.name), Text(_origin(Path(rule.origin))), Text(rule.description))
    stdout.print(table)
    return 0


def _origin(path: Path) -> str:
    import converters

    built_in = Path(converters.__file__).parent
    return "built-in" if path.resolve().is_relative_to(built_in.resolve()) else str(path)
