"""In-process conversions: article2md's library against bare HTML converters and parsers."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.corpus import Post
from benchmarks.timing import Measurement

Convert = Callable[[str, Post], object]  # (relative path, post) -> anything


@dataclass(frozen=True)
class Tool:
    key: str
    label: str
    load: Callable[[], Convert]  # may raise: the row then says why it is n/a
    whole_file: bool = False  # fed the whole post (front matter too), not just the HTML body


def _article2md() -> Convert:
    from converters import convert

    return lambda path, post: convert(post.text, path=path)


def _markdownify() -> Convert:
    from markdownify import markdownify

    return lambda path, post: markdownify(post.body)


def _html2text() -> Convert:
    from html2text import html2text

    return lambda path, post: html2text(post.body)


def _html_to_markdown() -> Convert:
    from html_to_markdown import convert

    return lambda path, post: convert(post.body).content


def _trafilatura() -> Convert:
    import trafilatura

    # It logs a warning for every fragment it finds too short to be an article.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    return lambda path, post: trafilatura.extract(
        post.body, output_format="markdown", include_links=True, include_images=True
    )


def _bs4_parse() -> Convert:
    from bs4 import BeautifulSoup

    return lambda path, post: BeautifulSoup(post.body, "html.parser")


def _lxml_fragment() -> Convert:
    from lxml import html

    return lambda path, post: html.fragment_fromstring(post.body, create_parent="div")


def _lxml_document() -> Convert:
    from lxml import html

    return lambda path, post: html.document_fromstring(post.body)


TOOLS = (
    Tool("article2md", "article2md library, full conversion", _article2md, whole_file=True),
    Tool("markdownify", "markdownify.markdownify(body)", _markdownify),
    Tool("html2text", "html2text.html2text(body)", _html2text),
    Tool("html_to_markdown", "html_to_markdown.convert(body) (Rust)", _html_to_markdown),
    Tool("trafilatura", "trafilatura.extract(body, markdown)", _trafilatura),
    Tool("bs4", "BeautifulSoup(body, 'html.parser') parse only", _bs4_parse),
    Tool("lxml_fragment", "lxml fragment_fromstring parse only (floor)", _lxml_fragment),
    Tool("lxml_document", "lxml document_fromstring parse only", _lxml_document),
)


def time_pass(convert: Convert, items: list[tuple[str, Post]]) -> tuple[float, list[str]]:
    """CPU seconds to convert every item once (steadier than wall time on a shared machine;
    every tool here works in this one thread), and the errors raised on the way."""
    errors: list[str] = []
    start = time.process_time()
    for path, post in items:
        try:
            convert(path, post)
        except Exception as error:  # one bad document must not sink the run; it is counted
            errors.append(f"{path}: {type(error).__name__}: {error}"[:300])
    return time.process_time() - start, errors


def measure_tools(
    tools: tuple[Tool, ...], items: list[tuple[str, Post]], unique: list[Post], reps: int
) -> list[Measurement]:
    """Time every tool on the same items, round-robin so machine noise hits them all alike."""
    rows = [_row(tool, items) for tool in tools]
    ready = [
        (row, convert)
        for tool, row in zip(tools, rows, strict=True)
        if (convert := _prepare(tool, row, unique))
    ]
    for rep in range(reps):
        shift = rep % max(len(ready), 1)
        for row, convert in ready[shift:] + ready[:shift]:
            seconds, errors = time_pass(convert, items)
            row.runs.append(seconds)
            row.extra["errors"] = len(errors)
    return rows


def _row(tool: Tool, items: list[tuple[str, Post]]) -> Measurement:
    size = sum(post.size if tool.whole_file else post.body_size for _, post in items)
    return Measurement(tool.key, tool.label, files=len(items), size=size)


def _prepare(tool: Tool, row: Measurement, unique: list[Post]) -> Convert | None:
    """Load the tool and warm it up once on each distinct post (rules, caches, imports)."""
    try:
        convert = tool.load()
    except Exception as error:
        row.fail(f"cannot load: {type(error).__name__}: {error}")
        return None
    _, errors = time_pass(convert, [(post.name + ".md", post) for post in unique])
    if errors:
        row.extra["warmup_errors"] = errors
    if len(errors) == len(unique):
        row.fail(f"fails on every post, e.g. {errors[0]}")
        return None
    return convert
