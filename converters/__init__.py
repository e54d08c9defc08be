"""article2md's library: scraped posts in, clean Markdown with YAML front matter out."""

from converters.document import Conversion, ConversionError, Document, Removal, Settings
from converters.pipeline import convert

__all__ = ["Conversion", "ConversionError", "Document", "Removal", "Settings", "convert"]
__version__ = "0.1.0"
