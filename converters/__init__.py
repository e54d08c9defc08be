"""article2md's library: scraped posts in, clean Markdown with YAML front matter out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from converters.document import Conversion, ConversionError, Document, Removal, Settings

if TYPE_CHECKING:
    from converters.pipeline import convert

__all__ = ["Conversion", "ConversionError", "Document", "Removal", "Settings", "convert"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The pipeline imports every stage; load it on first use only.
    if name == "convert":
        from converters.pipeline import convert

        return convert
    raise AttributeError(name)
