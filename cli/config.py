"""Defaults from `[tool.article2md]` in the nearest pyproject.toml; the command line wins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cli.options import UsageError

TABLE = "article2md"


@dataclass(frozen=True)
class Config:
    timezone: str | None = None
    rules: tuple[Path, ...] = ()  # resolved against the pyproject.toml's folder
    site_rules: bool = True
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    file: Path | None = None


def find_config(paths: Sequence[str], stdin_filename: str | None = None) -> Config:
    """Search upward from the first input (or the working folder) to the repository root."""
    start = _start(paths, stdin_filename).resolve()
    for folder in (start, *start.parents):
        file = folder / "pyproject.toml"
        if file.is_file():
            return load_config(file)
        if (folder / ".git").exists():
            break
    return Config()


def load_config(file: Path) -> Config:
    import tomllib  # 10 ms that a repository without a config file does not pay

    try:
        table = tomllib.loads(file.read_text("utf-8")).get("tool", {}).get(TABLE, {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"{file}: cannot read: {error}") from None
    values = {str(key).replace("_", "-"): value for key, value in table.items()}
    unknown = sorted(set(values) - {"timezone", "rules", "site-rules", "include", "exclude"})
    if unknown:
        raise UsageError(f"{file}: [tool.{TABLE}]: unknown key {unknown[0]!r}")
    return Config(
        timezone=_string(file, values, "timezone"),
        rules=tuple(file.parent / rule for rule in _strings(file, values, "rules")),
        site_rules=_bool(file, values, "site-rules"),
        include=_strings(file, values, "include"),
        exclude=_strings(file, values, "exclude"),
        file=file,
    )


def _start(paths: Sequence[str], stdin_filename: str | None) -> Path:
    if "-" in paths:
        return Path(stdin_filename).parent if stdin_filename else Path.cwd()
    first = Path(paths[0]) if paths else Path()
    return first if first.is_dir() else first.parent


def _string(file: Path, values: dict[str, object], key: str) -> str | None:
    value = values.get(key)
    if value is not None and not isinstance(value, str):
        raise UsageError(f"{file}: [tool.{TABLE}]: {key} must be a string")
    return value


def _bool(file: Path, values: dict[str, object], key: str) -> bool:
    value = values.get(key, True)
    if not isinstance(value, bool):
        raise UsageError(f"{file}: [tool.{TABLE}]: {key} must be true or false")
    return value


def _strings(file: Path, values: dict[str, object], key: str) -> tuple[str, ...]:
    value = values.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise UsageError(f"{file}: [tool.{TABLE}]: {key} must be a list of strings")
    return tuple(value)
