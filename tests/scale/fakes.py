"""A converter whose worker dies once, importable by Dask's worker processes."""

from __future__ import annotations

import os
from pathlib import Path

from converters.document import Conversion, Settings
from converters.pipeline import convert

DIE_ONCE = "<!-- die once: "  # followed by a marker path and " -->"


def convert_or_die_once(
    text: str, *, path: str | None = None, settings: Settings | None = None
) -> Conversion:
    """Kill the worker process the first time a post naming a marker file is converted."""
    if DIE_ONCE in text:
        marker = Path(text.split(DIE_ONCE, 1)[1].split(" -->", 1)[0])
        if not marker.exists():
            marker.touch()
            os._exit(1)  # as an out-of-memory kill would: no exception, no cleanup
    return convert(text, path=path, settings=settings)
