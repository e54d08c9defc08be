"""Document -> the written post: YAML front matter in canonical order, then the Markdown body."""

from __future__ import annotations

import dataclasses

import frontmatter

from converters import yaml_io
from converters.document import Document, Settings
from converters.extract_metadata import CANONICAL_KEYS, is_empty


def write_post(doc: Document, settings: Settings) -> Document:
    return dataclasses.replace(doc, output=render(ordered(doc.metadata), doc.markdown))


def ordered(metadata: dict[str, object] | object) -> dict[str, object]:
    assert isinstance(metadata, dict)
    canonical = {key: metadata[key] for key in CANONICAL_KEYS if key in metadata}
    others = {key: value for key, value in metadata.items() if key not in canonical}
    return {key: value for key, value in (canonical | others).items() if not is_empty(value)}


def render(metadata: dict[str, object], markdown: str) -> str:
    post = frontmatter.Post(markdown)
    post.metadata.update(metadata)  # not as **kwargs: a key may be called "content" or "handler"
    text: str = frontmatter.dumps(post, **yaml_io.DUMP_OPTIONS)
    # python-frontmatter strips the body's final newline; a text file ends with one.
    return text + "\n"
