"""A stand-in converter for the command line's tests: fast, predictable, idempotent.

It drops <p> tags and puts a front matter block on top, so a converted file converts to
itself; "BROKEN" in a post raises the library's error, "CRASH" a bug-like exception.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from converters.document import Conversion, ConversionError, Removal, Settings

FRONT = "---\ntitle: fake\n---\n\n"


def fake_convert(
    text: str, *, path: str | None = None, settings: Settings | None = None
) -> Conversion:
    if "BROKEN" in text:
        raise ConversionError(path or "-", "markdown", "cannot read this table")
    if "CRASH" in text:
        raise KeyError("a bug in a stage")
    body = text.removeprefix(FRONT)
    pieces = body.count("<p>")
    body = body.replace("<p>", "").replace("</p>", "").strip() + "\n"
    return Conversion(
        text=FRONT + body,
        markdown=body,
        metadata={"title": "fake", "path": path},
        removed=tuple(Removal("generic", "tag", "<p>") for _ in range(pieces)),
        warnings=("tz: none",) if settings and settings.timezone else (),
        site_rules=(),
    )


def converted(body: str) -> str:
    return fake_convert(body).text


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> str:
    """Never read or write the user's cache."""
    folder = str(tmp_path_factory.mktemp("cache"))
    monkeypatch.setenv("ARTICLE2MD_CACHE_DIR", folder)
    monkeypatch.delenv("ARTICLE2MD_NO_CACHE", raising=False)
    return folder


def tree(root: os.PathLike[str]) -> dict[str, str]:
    """Every file under root (hidden ones too), relative path -> text."""
    base = os.fspath(root)
    found = {}
    for folder, _, files in os.walk(base):
        for name in files:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, base)] = Path(path).read_text(encoding="utf-8")
    return found
