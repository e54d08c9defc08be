"""The command line's parameters: converted without pydantic, shown by their plain names.

Typer 0.29 converts every value that is not a flag through a pydantic TypeAdapter, and
importing pydantic takes about 0.2 s: more than the rest of a one-file run. The few kinds of
value this command line takes (text, paths, numbers with a lower bound, one of a few words)
are converted here instead, and a bad one is a UsageError in the tool's own words
(`--jobs: expected a whole number of at least 1, got '0'`), not pydantic's. Help shows each
value by its metavar (`PATH...`, `-j N`), not as `{PATH}...`, `PATH <list[str]>` or
`<int range>`.

`typer.Typer(cls=PlainGroup)` and `@app.command(cls=PlainCommand)` do both for every
parameter a command parses, its help option included. They reach into Typer:
a parameter's lazily built converter (`_runtime_param`) and its display methods; if a Typer
release moves them, tests/test_cli_main.py fails (pydantic imported, help changed). A
parameter of a type not listed in `_converter` keeps Typer's own conversion.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from typer._click import Context, Parameter
from typer._coercion import RuntimeParam
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from cli.options import UsageError

Convert = Callable[[Any, Parameter], Any]  # (the value as given, its parameter) -> the value


class PlainCommand(TyperCommand):
    def get_params(self, ctx: Context) -> list[Parameter]:
        return [plain(param) for param in super().get_params(ctx)]


class PlainGroup(TyperGroup):
    def get_params(self, ctx: Context) -> list[Parameter]:
        return [plain(param) for param in super().get_params(ctx)]


def plain(param: Parameter) -> Parameter:
    """The parameter (the help option too) with our converter and plain help."""
    if isinstance(param, TyperArgument):
        param.__class__ = PlainArgument
    elif isinstance(param, TyperOption):
        param.__class__ = PlainOption
    else:
        return param
    descriptor = param.type_descriptor
    convert = _converter(descriptor.annotation)
    if convert is not None and not isinstance(param._runtime_param, PlainValue):
        info, annotation = descriptor.parameter_info, descriptor.annotation
        param._runtime_param = PlainValue(info, annotation, convert)
    return param


class PlainArgument(TyperArgument):
    def display_type_rich(self, ctx: Context) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return self.display_name_raw + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        name = self._rich_display_name()
        return name if self.required else f"[{name}]"


class PlainOption(TyperOption):
    def _get_number_range_help_str(self) -> str | None:
        return None  # the help text says the bound in words


@dataclass(frozen=True)
class PlainValue(RuntimeParam):
    convert: Convert

    def _coerce_value(self, value: Any, param: Any, ctx: Context) -> Any:
        if isinstance(value, list | tuple):
            return [self.convert(item, param) for item in value]
        return self.convert(value, param)


def _converter(annotation: Any) -> Convert | None:
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
    if annotation in (str, bool):
        return lambda value, param: value
    if annotation is Path:
        return lambda value, param: Path(value)
    if annotation in (int, float):
        return lambda value, param: _number(annotation, value, param)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return lambda value, param: _choice(annotation, value, param)
    return None


def _number(kind: type[int] | type[float], value: Any, param: Parameter) -> int | float:
    least = getattr(param, "min", None)
    words = ("a whole number" if kind is int else "a number") + (
        f" of at least {least:g}" if least is not None else ""
    )
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name(param)}: expected {words}, got {value!r}") from None
    if least is not None and number < least:
        raise UsageError(f"{name(param)}: expected {words}, got {value!r}")
    return number


def _choice(kind: type[enum.Enum], value: Any, param: Parameter) -> enum.Enum:
    for member in kind:
        if value in (member, member.value):
            return member
    words = ", ".join(str(member.value) for member in kind)
    raise UsageError(f"{name(param)}: {value!r} is not one of {words}")


def name(param: Parameter) -> str:
    """How messages name a parameter: `-j/--jobs`, or an argument's metavar."""
    if isinstance(param, TyperOption):
        return "/".join(param.opts)
    return param.metavar or param.name or "argument"
