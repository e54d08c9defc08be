"""Run the stages in order; each lives in the sub-package of its name (read/, metadata/, ...)."""

from __future__ import annotations

from collections.abc import Callable

from converters.check.check_output import check_output
from converters.clean.remove_boilerplate import remove_boilerplate
from converters.document import Conversion, ConversionError, Document, Settings
from converters.markdown.normalize import normalize_markdown
from converters.markdown.to_markdown import to_markdown
from converters.markdown_body.edit_body import edit_markdown_body
from converters.metadata.extract_metadata import extract_metadata
from converters.page.find_article import find_article
from converters.read.decode import line_ending, normalize_text
from converters.read.nesting import limit_nesting
from converters.read.read_post import read_post
from converters.write.write_post import write_post

Stage = Callable[[Document, Settings], Document]
STAGES: tuple[tuple[str, Stage], ...] = (
    ("nesting", limit_nesting),  # before any parse: libxml2 silently drops what is too deep
    ("metadata", extract_metadata),
    ("page", find_article),  # a whole saved page narrowed to its article
    ("clean", remove_boilerplate),
    ("markdown", to_markdown),  # an HTML or plain-text body is converted ...
    ("normalize", normalize_markdown),
    ("markdown_body", edit_markdown_body),  # ... a Markdown body is kept, minus junk
    ("check", check_output),  # nothing lost, nothing unsafe, or the file fails
    ("write", write_post),
)
DEFAULT_SETTINGS = Settings()


def convert(text: str, *, path: str | None = None, settings: Settings | None = None) -> Conversion:
    """Convert one post; raises ConversionError naming the stage that could not go on."""
    settings = settings or DEFAULT_SETTINGS
    source = path or "-"
    if len(text) > settings.max_input_bytes:
        raise ConversionError(source, "read", f"input larger than {settings.max_input_bytes} bytes")
    original, newline = text, line_ending(text)
    text, repairs = normalize_text(text)
    doc = _run_stages(text, source, settings, newline, repairs)
    return Conversion(
        text=original if _unchanged(doc.output, text, repairs) else doc.output,
        metadata=dict(doc.metadata),
        markdown=doc.markdown,
        removed=doc.removed,
        warnings=doc.warnings,
        site_rules=doc.site_rules,
        body_kind=doc.body_kind,
    )


def _unchanged(output: str, text: str, repairs: tuple[str, ...]) -> bool:
    """The post came out as it went in, but for line endings or a byte order mark: then it is
    given back exactly as it came, mixed line endings and all."""
    return not repairs and normalize_text(output)[0] == text


def _run_stages(
    text: str, source: str, settings: Settings, newline: str, repairs: tuple[str, ...]
) -> Document:
    """Read, then each stage in turn. A bug in a stage must not escape as a traceback: it
    becomes the one error type we raise, naming the stage. One try around them all, not a
    guard per stage: that cost a closure and two calls per stage, 3 us a post."""
    name = "read"
    try:
        doc = read_post(text, source, settings)
        doc = doc.evolve(newline=newline, warnings=(*repairs, *doc.warnings))
        for name, stage in STAGES:  # noqa: B007 (the handlers below name the stage)
            doc = stage(doc, settings)
    except ConversionError:
        raise
    except RecursionError:
        raise ConversionError(source, name, "input nested too deeply") from None
    except Exception as error:  # any bug fails this one file, never the batch
        raise ConversionError(source, name, f"internal error: {error!r}") from error
    return doc
