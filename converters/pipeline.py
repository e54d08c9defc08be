"""Run the stages in order: read, metadata, boilerplate, Markdown, normalize, write."""

from __future__ import annotations

from converters.document import Conversion, Settings


def convert(text: str, *, path: str | None = None, settings: Settings | None = None) -> Conversion:
    raise NotImplementedError  # placeholder while the stages land
