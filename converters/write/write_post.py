"""Document -> the written post: the front matter kept as written or normalized, then the body.

Which one is the user's choice (Settings.front_matter); by default a post whose body was
converted from HTML gets the canonical YAML front matter (what scraped posts need), and a
post whose body already was Markdown keeps its front matter text: comments, key order,
quoting, date spelling, TOML or JSON, or none at all. A post kept as written also gets its
CRLF line endings back.
"""

from __future__ import annotations

from collections.abc import Mapping

import frontmatter
from frontmatter.default_handlers import YAMLHandler

from converters.document import Document, Settings
from converters.metadata.extract_metadata import canonical_order, is_empty
from converters.read import templates
from converters.write.kept_front_matter import CannotEdit, kept_front_matter
from converters.write.yaml_dump import dump


def write_post(doc: Document, settings: Settings) -> Document:
    doc = with_templates_restored(doc)
    front, laid_out, warnings = _front_matter(doc, settings)
    output = join(front, doc.markdown, laid_out=laid_out)
    if doc.body_kind == "markdown" and doc.newline != "\n":
        output = output.replace("\n", doc.newline)
    return doc.evolve(output=output, warnings=(*doc.warnings, *warnings))


def _front_matter(doc: Document, settings: Settings) -> tuple[str, bool, tuple[str, ...]]:
    """The front matter text, whether the body gets the canonical layout, and warnings."""
    if keeps_front_matter(doc, settings):
        try:
            return kept_front_matter(doc), doc.body_kind != "markdown", ()
        except CannotEdit as error:
            warning = f"front matter normalized: a value had to change and {error}"
            return canonical_front_matter(doc.metadata), True, (warning,)
    return canonical_front_matter(doc.metadata), True, ()


def with_templates_restored(doc: Document) -> Document:
    """The template tags read swapped out of a converted body, back in their places."""
    if not doc.templates:
        return doc
    metadata = {key: _restored(value, doc.templates) for key, value in doc.metadata.items()}
    markdown = templates.restore(doc.markdown, doc.templates)
    return doc.evolve(markdown=markdown, metadata=metadata)


def _restored(value: object, tags: Mapping[str, str]) -> object:
    if isinstance(value, str):
        return type(value)(templates.restore(value, tags)) if value else value
    if isinstance(value, list):
        return [_restored(item, tags) for item in value]
    return value


def keeps_front_matter(doc: Document, settings: Settings) -> bool:
    if settings.front_matter == "auto":
        return doc.body_kind == "markdown"
    return settings.front_matter == "keep"


def ordered(metadata: Mapping[str, object]) -> dict[str, object]:
    return {key: value for key, value in canonical_order(metadata).items() if not is_empty(value)}


class _CanonicalYaml(YAMLHandler):
    """python-frontmatter's delimiters and layout, our YAML: safe, unfolded, Unicode as is,
    ISO dates."""

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        return dump(metadata).strip()


def canonical_front_matter(metadata: Mapping[str, object]) -> str:
    data = ordered(metadata)
    if not data:
        return ""  # no keys, no block: a file without front matter gets none added
    post = frontmatter.Post("")
    post.metadata.update(data)  # not as **kwargs: a key may be called "content" or "handler"
    block: str = frontmatter.dumps(post, handler=_CanonicalYaml())
    return block + "\n"  # python-frontmatter strips the final newline


def join(front: str, body: str, *, laid_out: bool) -> str:
    """Canonical layout: one blank line after the front matter, one newline at the end, which
    only a Markdown body kept with its front matter as written is spared: all of it is the
    author's."""
    if laid_out:
        body = body.strip("\n")
        body = body + "\n" if body else ""
        return f"{front}\n{body}" if front and body else front + body
    if front and body and not front.endswith("\n"):
        return f"{front}\n{body}"  # a block that ended the file without a newline
    return front + body


def render(metadata: dict[str, object], markdown: str) -> str:
    """Canonical front matter and a converted body, as one post."""
    return join(canonical_front_matter(metadata), markdown, laid_out=True)
