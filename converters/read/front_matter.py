"""The front matter block as written: YAML `---` (closed by `---`, or by `...` as Pandoc and
Jekyll allow), TOML `+++`, JSON `{…}`, or Hexo's YAML with no opening fence (`title: …` lines up
to a closing line of three or more dashes).

`split` finds the block and keeps its exact text, so a post whose front matter needs no change
gets it back byte for byte; `parse` reads its data. What a static-site generator would read as
front matter is read as such: Hugo takes `+++` as TOML and `{` as JSON, Hexo takes the block
up to the first dashes-only line even without an opening fence.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from typing import Literal

import yaml

from converters.read import yaml_io

FrontFormat = Literal["yaml", "toml", "json"]

# Blank lines may come before the opening fence; a fence line may carry trailing blanks.
# YAML may also close with `...`, YAML's end-of-document line, as Pandoc and Jekyll accept.
# The content is the fewest whole lines before a closing fence line, taken a line at a time
# (`[^\n]*\n`): a lazy `.*?` would try the closing fence after every character, 5x slower.
FENCED = re.compile(
    r"\A(?:[ \t]*\n)*(?:(?P<yaml>---)|\+\+\+)[ \t]*\n"
    r"(?P<content>(?:[^\n]*\n)*?)(?(yaml)(?:---|\.\.\.)|\+\+\+)[ \t]*(?:\n|\Z)"
)
OPENING_FENCE = re.compile(r"\A(?:[ \t]*\n)*(?:---|\+\+\+)[ \t]*\n")
# Hexo: no opening fence, a first line that is a key, up to the first dashes-only line.
UNOPENED = re.compile(
    r"\A(?P<content>[A-Za-z_][\w-]*:(?:[ \t][^\n]*)?\n(?:[^\n]*\n)*?)-{3,}[ \t]*(?:\n|\Z)"
)
JSON_OPENING = re.compile(r"\A(?:[ \t]*\n)*\{[ \t]*\n")
LINE_END = re.compile(r"[ \t]*(?:\n|\Z)")


class FrontMatterError(ValueError):
    """The block is there but its data cannot be read."""


@dataclass(frozen=True)
class FrontBlock:
    format: FrontFormat | None  # None: the post has no front matter
    head: str = ""  # what comes before the data: blank lines, the opening fence line
    content: str = ""  # the data's text, between the fences
    tail: str = ""  # the closing fence line, with its newline

    @property
    def text(self) -> str:
        """The block exactly as written."""
        return self.head + self.content + self.tail


NO_FRONT_MATTER = FrontBlock(None)


def split(text: str) -> tuple[FrontBlock, str]:
    """The front matter block and the body after it; the body is the rest of `text` as is."""
    fenced = FENCED.match(text)
    if fenced:
        kind: FrontFormat = "yaml" if fenced.group("yaml") else "toml"
        return _block(kind, text, fenced, "content"), text[fenced.end() :]
    return _json_block(text) or _unopened_block(text) or (NO_FRONT_MATTER, text)


def starts_unclosed(text: str) -> bool:
    """An opening fence with no closing one: a broken post, not a thematic break."""
    return OPENING_FENCE.match(text) is not None and FENCED.match(text) is None


def _json_block(text: str) -> tuple[FrontBlock, str] | None:
    opening = JSON_OPENING.match(text)
    if opening is None:
        return None
    start = opening.end() - len(opening.group().lstrip(" \t\n"))
    try:
        data, end = json.JSONDecoder().raw_decode(text, start)
    except ValueError:
        return None
    line_end = LINE_END.match(text, end)
    if not isinstance(data, dict) or line_end is None:
        return None
    block = FrontBlock("json", text[:start], text[start:end], text[end : line_end.end()])
    return block, text[line_end.end() :]


def _unopened_block(text: str) -> tuple[FrontBlock, str] | None:
    match = UNOPENED.match(text)
    if match is None:
        return None
    try:
        data, _ = yaml_io.load(match.group("content"))
    except (yaml.YAMLError, yaml_io.TooLarge):
        return None
    if not isinstance(data, dict) or not data:
        return None
    return _block("yaml", text, match, "content"), text[match.end() :]


def _block(kind: FrontFormat, text: str, match: re.Match[str], group: str) -> FrontBlock:
    start, end = match.span(group)
    return FrontBlock(kind, text[:start], text[start:end], text[end : match.end()])


def parse_strict(block: FrontBlock) -> tuple[object, dict[str, str]]:
    """The data of a TOML or JSON block (YAML goes through read_post's tolerant reading)."""
    name = (block.format or "").upper()
    try:
        if block.format == "toml":
            return tomllib.loads(block.content), {}
        return json.loads(block.content), {}
    except ValueError as error:  # TOMLDecodeError and JSONDecodeError both are
        raise FrontMatterError(f"front matter is not valid {name}: {error}") from None
