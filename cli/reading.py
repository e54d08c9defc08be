"""Bytes in, text out, through the library's decoder when it is there."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Callable

from converters.document import ConversionError, Settings

Decoder = Callable[..., tuple[str, tuple[str, ...]]]


def _fallback_decode(data: bytes, *, source: str) -> tuple[str, tuple[str, ...]]:
    """Until converters.read.decode lands: UTF-8 (BOM dropped), bad bytes replaced and reported."""
    text = data.decode("utf-8-sig", errors="replace")
    if "\ufffd" in text and b"\xef\xbf\xbd" not in data:
        return text, ("bytes that are not UTF-8 were replaced",)
    return text, ()


def _decoder() -> Decoder:
    try:
        from converters.read.decode import decode_bytes  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _fallback_decode
    return decode_bytes  # type: ignore[no-any-return,unused-ignore]


def read_bytes(path: str, settings: Settings) -> bytes:
    """The file's bytes, refusing early what the library would refuse for size anyway."""
    with open(path, "rb") as stream:
        data = stream.read(settings.max_input_bytes + 1)
    _check_size(path, data, settings)
    return data


def read_stdin(display: str, settings: Settings) -> bytes:
    if sys.stdin is None:  # closed by the caller (`<&-`)
        raise ConversionError(display, "read", "standard input is closed")
    data = sys.stdin.buffer.read(settings.max_input_bytes + 1)
    _check_size(display, data, settings)
    return data


def decode(data: bytes, *, source: str) -> tuple[str, tuple[str, ...]]:
    """The file's text, with its UTF-8 byte order mark: the decoder drops the mark, and the
    library gives a post that needs no change back as it came, mark included, so that
    `--check` and `--in-place` leave such a file alone."""
    text, warnings = _decoder()(data, source=source)
    if data.startswith(codecs.BOM_UTF8) and not text.startswith("\ufeff"):
        text = "\ufeff" + text
    return text, warnings


def _check_size(source: str, data: bytes, settings: Settings) -> None:
    if len(data) > settings.max_input_bytes:
        limit = settings.max_input_bytes
        raise ConversionError(source, "read", f"larger than the {limit}-byte limit")
