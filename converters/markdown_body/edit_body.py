"""A Markdown body in, the same text out, minus the leftovers junk.py recognizes.

The body is parsed once (markdown-it, CommonMark) only to know where its blocks are; edits are
cuts of exact character spans of the source, applied from the end, so every byte outside a
cut stays as it was: the author's HTML, comments (`<!-- more -->`), template tags, spacing,
line breaks. A body with no `<` and no full-width space has nothing to cut and is not parsed.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from converters.document import Document, Removal, Settings
from converters.markdown_body import junk

if TYPE_CHECKING:  # markdown-it is imported by the first Markdown body to edit
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

RULE = "generic"


@dataclass(frozen=True)
class Cut:
    start: int
    end: int
    what: str


def edit_markdown_body(doc: Document, settings: Settings) -> Document:
    if doc.body_kind != "markdown":
        return doc
    # Only a post a site rule recognizes came from a scraper; in any other, an empty <p> or a
    # 1-pixel image is the author's (a spacer, a visit counter) and stays.
    cuts = find_cuts(doc.body) if doc.site_rules else []
    if not cuts:
        return doc.evolve(markdown=doc.body)
    removed = tuple(Removal(RULE, cut.what, _excerpt(doc.body, cut), cut.end - cut.start)
                    for cut in cuts)  # fmt: skip
    return doc.evolve(markdown=apply_cuts(doc.body, cuts), removed=(*doc.removed, *removed))


def find_cuts(body: str) -> list[Cut]:
    if "<" not in body and "\u3000" not in body and "\u00a0" not in body:
        return []
    lines = Lines(body)
    cuts: list[Cut] = []
    tokens = _parser().parse(body)
    for at, token in enumerate(tokens):
        if token.type == "html_block" and token.map:
            cuts.extend(_html_block_cuts(lines, token))
        elif token.type == "paragraph_open" and token.map:
            cuts.extend(_paragraph_cuts(lines, token, tokens[at + 1]))
    return sorted(cuts, key=lambda cut: cut.start)


def apply_cuts(body: str, cuts: list[Cut]) -> str:
    kept: list[str] = []
    position = 0
    for cut in cuts:
        kept.append(body[position : cut.start])
        position = max(position, cut.end)
    kept.append(body[position:])
    return "".join(kept)


class Lines:
    """Character offsets of a text's lines, so a block's line range becomes a span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for line in text.split("\n"):
            self.starts.append(self.starts[-1] + len(line) + 1)

    def span(self, first: int, end: int) -> tuple[int, int]:
        """Lines first..end-1 with their line ends (the last line may have none)."""
        return self.starts[first], min(self.starts[end], len(self.text))

    def blank(self, line: int) -> bool:
        return 0 <= line < len(self.starts) - 1 and not self.line(line).strip(" \t")

    def line(self, line: int) -> str:
        return self.text[self.starts[line] : self.starts[line + 1] - 1]


def _html_block_cuts(lines: Lines, token: Token) -> Iterator[Cut]:
    assert token.map is not None
    first, end = token.map
    start, stop = lines.span(first, end)
    block = lines.text[start:stop]
    pixels = [m for m in junk.IMG_TAG.finditer(block) if junk.is_tracking_pixel(m.group())]
    rest = junk.IMG_TAG.sub(lambda m: "" if junk.is_tracking_pixel(m.group()) else m.group(), block)
    if token.level == 0 and (junk.is_empty_block(block) or not rest.strip()):
        # the whole block goes, with the blank line that separated it from what follows
        what = "empty paragraph" if junk.is_empty_block(block) else "tracking pixel"
        stop = lines.span(first, end + 1)[1] if lines.blank(end) else stop
        yield Cut(start, stop, what)
        return
    for pixel in pixels:
        yield Cut(start + pixel.start(), start + pixel.end(), "tracking pixel")


def _paragraph_cuts(lines: Lines, opening: Token, inline: Token) -> Iterator[Cut]:
    assert opening.map is not None
    first, end = opening.map
    if opening.level == 0:
        for number in range(first, end):
            indent = junk.fake_indent(lines.line(number))
            if indent is not None:
                at = lines.starts[number]
                yield Cut(at + indent.start(2), at + indent.end(2), "full-width indent")
    yield from _inline_pixel_cuts(lines, first, end, inline)


def _inline_pixel_cuts(lines: Lines, first: int, end: int, inline: Token) -> Iterator[Cut]:
    """Pixels that are inline HTML; a tag text met as often in the source as the parser met
    it as HTML (and not, say, in a code span) is surely the one to cut."""
    tags = Counter(
        child.content
        for child in inline.children or ()
        if child.type == "html_inline" and junk.is_tracking_pixel(child.content)
    )
    start, stop = lines.span(first, end)
    source = lines.text[start:stop]
    for tag, count in tags.items():
        if source.count(tag) != count:
            continue
        at = source.find(tag)
        while at >= 0:
            yield Cut(start + at, start + at + len(tag), "tracking pixel")
            at = source.find(tag, at + len(tag))


def _excerpt(body: str, cut: Cut) -> str:
    return " ".join(body[cut.start : cut.end].split())[:60]


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")
