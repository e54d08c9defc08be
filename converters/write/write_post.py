"""Document -> the written post: YAML front matter in canonical order, then the Markdown body."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import frontmatter
from frontmatter.default_handlers import YAMLHandler

from converters.document import Document, Settings
from converters.metadata.extract_metadata import canonical_order, is_empty
from converters.write.yaml_dump import dump


def write_post(doc: Document, settings: Settings) -> Document:
    return dataclasses.replace(doc, output=render(ordered(doc.metadata), doc.markdown))


def ordered(metadata: Mapping[str, object]) -> dict[str, object]:
    return {key: value for key, value in canonical_order(metadata).items() if not is_empty(value)}


class _YamlHandler(YAMLHandler):
    """python-frontmatter's layout, our YAML: safe, unfolded, Unicode as is, ISO dates."""

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        return dump(metadata).strip()


def render(metadata: dict[str, object], markdown: str) -> str:
    post = frontmatter.Post(markdown)
    post.metadata.update(metadata)  # not as **kwargs: a key may be called "content" or "handler"
    text: str = frontmatter.dumps(post, handler=_YamlHandler())
    # python-frontmatter strips the body's final newline; a text file ends with one.
    return text + "\n"
