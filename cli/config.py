"""Defaults from a config file; the command line wins.

The file is `--config FILE`, or else the first found going up from the first input's folder
(the working folder for stdin) to the repository root: in each folder `.article2md.toml`,
then `article2md.toml` (keys at the top), then a pyproject.toml that has a
`[tool.article2md]` table. Hexo and Jekyll repositories have no pyproject.toml: the first two
are theirs. docs/configuration.md lists the keys; tests keep it in step with KEYS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cli.options import UsageError, check_timezone
from converters.document import FrontMatterMode

FILES = (".article2md.toml", "article2md.toml")
TABLE = "article2md"  # [tool.article2md] in pyproject.toml
KEYS = ("timezone", "rules", "site-rules", "include", "exclude", "front-matter")
FRONT_MATTER = ("auto", "keep", "normalize")


@dataclass(frozen=True)
class Config:
    timezone: str | None = None
    rules: tuple[Path, ...] = ()  # resolved against the config file's folder
    site_rules: bool = True
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    front_matter: FrontMatterMode = "auto"
    file: Path | None = None


def find_config(
    paths: Sequence[str], stdin_filename: str | None = None, *, explicit: str | None = None
) -> Config:
    if explicit is not None:
        return _explicit(Path(explicit))
    start = _start(paths, stdin_filename).resolve()
    for folder in (start, *start.parents):
        for name in FILES:
            if (folder / name).is_file():
                return load_config(folder / name)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and (config := load_config(pyproject)).file is not None:
            return config
        if (folder / ".git").exists():
            break
    return Config()


def _explicit(file: Path) -> Config:
    if not file.is_file():
        raise UsageError(f"--config {file}: no such file")
    config = load_config(file)
    if config.file is None:
        raise UsageError(f"--config {file}: no [tool.{TABLE}] table in it")
    return config


def load_config(file: Path) -> Config:
    """The file's settings; `Config()` with no file for a pyproject.toml without our table."""
    table = _table(file)
    if table is None:
        return Config()
    values = {str(key).replace("_", "-"): value for key, value in table.items()}
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        known = ", ".join(sorted(KEYS))
        raise UsageError(f"{_where(file)}unknown key {unknown[0]!r} (the keys: {known})")
    return Config(
        timezone=check_timezone(f"{_where(file)}timezone", _string(file, values, "timezone")),
        rules=tuple(file.parent / rule for rule in _strings(file, values, "rules")),
        site_rules=_bool(file, values, "site-rules"),
        include=_strings(file, values, "include"),
        exclude=_strings(file, values, "exclude"),
        front_matter=_front_matter(file, values),
        file=file,
    )


def _table(file: Path) -> dict[str, Any] | None:
    import tomllib  # 10 ms that a repository without a config file does not pay

    try:
        data = tomllib.loads(file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"{file}: cannot read: {error}") from None
    if file.name != "pyproject.toml":
        return data
    table = data.get("tool", {}).get(TABLE)
    if table is not None and not isinstance(table, dict):
        raise UsageError(f"{file}: [tool.{TABLE}] must be a table")
    return table


def _where(file: Path) -> str:
    """How messages name a key's place: `pyproject.toml: [tool.article2md]: ` or `file: `."""
    return f"{file}: [tool.{TABLE}]: " if file.name == "pyproject.toml" else f"{file}: "


def _start(paths: Sequence[str], stdin_filename: str | None) -> Path:
    if "-" in paths:
        return Path(stdin_filename).parent if stdin_filename else Path.cwd()
    first = Path(paths[0]) if paths else Path()
    return first if first.is_dir() else first.parent


def _string(file: Path, values: dict[str, object], key: str) -> str | None:
    value = values.get(key)
    if value is not None and not isinstance(value, str):
        raise UsageError(f"{_where(file)}{key} must be a string")
    return value


def _bool(file: Path, values: dict[str, object], key: str) -> bool:
    value = values.get(key, True)
    if not isinstance(value, bool):
        raise UsageError(f"{_where(file)}{key} must be true or false")
    return value


def _front_matter(file: Path, values: dict[str, object]) -> FrontMatterMode:
    value = values.get("front-matter", "auto")
    if value not in FRONT_MATTER:
        raise UsageError(f"{_where(file)}front-matter must be one of: {', '.join(FRONT_MATTER)}")
    return value  # type: ignore[return-value]  # one of the literal's values, checked above


def _strings(file: Path, values: dict[str, object], key: str) -> tuple[str, ...]:
    value = values.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise UsageError(f"{_where(file)}{key} must be a list of strings")
    return tuple(value)
