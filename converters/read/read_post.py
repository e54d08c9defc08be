"""Text -> Document: split the front matter from the body and read both as a person would."""

from __future__ import annotations

import html
import re

import yaml

from converters.document import BodyKind, ConversionError, Document, Settings
from converters.read import front_matter, templates, yaml_io
from converters.read.body_kind import body_kind
from converters.read.front_matter import FrontBlock

HTML_SUFFIXES = (".html", ".htm")  # a file named so is HTML, as a .md file's body is Markdown
MD_SUFFIXES = (".md", ".markdown", ".mdx", ".mkd", ".mdown")
BRACE_ENTITIES = {"&#123;": "{", "&#125;": "}", "&#x7b;": "{", "&#x7d;": "}"}
# Those, in any case, not after a backslash ("\&#123;" is Markdown for the literal text
# "&#123;"). The pattern starts with its literal "&#" so that the regex engine leaps from one
# "&#" to the next: a leading lookbehind or re.I made it try every position, 5 times slower.
BRACE_ENTITY = re.compile(r"&#(?<!\\&#)(?:12[35]|[xX]7[bBdD]);")
BARE_WRAPPER = re.compile(r"\A\s*<div>(?P<inner>.*)</div>\s*\Z", re.S)
DIV_TAG = re.compile(r"<(/?)div\b", re.I)
KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):(?:[ \t]+(?P<value>.*?))?[ \t]*$")
ITEM_LINE = re.compile(r"^[ \t]*-(?:[ \t]+(?P<value>.*?))?[ \t]*$")


def read_post(text: str, source: str, settings: Settings) -> Document:
    block, body = front_matter.split(text)
    # A block split found is closed: only without one can the text open a block that never
    # closes, so starts_unclosed (whose second match is split's first) runs only then.
    if block.format is None and front_matter.starts_unclosed(text):
        raise ConversionError(source, "read", "front matter starts with '---' but never ends")
    inner, wrapped = unwrap_generator_div(body)
    name = source.lower()
    kind = body_kind(
        inner, wrapped or name.endswith(HTML_SUFFIXES), markdown_file=name.endswith(MD_SUFFIXES)
    )
    if kind != "markdown":  # the generator's entities; in a Markdown body they are the author's
        body = decode_braces(inner)
    if kind == "text":
        body = html.unescape(body)
    body, tags = templates.protect(body) if kind != "markdown" else (body, {})
    data, written, warnings = read_front_matter(block, kind, source)
    return Document(
        source=source,
        front_matter=data,
        body=body,
        body_kind=kind,
        front_format=block.format,
        front_text=block.text,
        written=written,
        warnings=warnings,
        templates=tags,
    )


def read_front_matter(
    block: FrontBlock, kind: BodyKind, source: str
) -> tuple[dict[str, object], dict[str, str], tuple[str, ...]]:
    """The data, the text of each YAML scalar, and a warning when a Markdown post's front
    matter cannot be read (it is kept as written; a post to convert fails instead)."""
    try:
        if block.format in (None, "yaml"):
            return (*parse_front_matter(decode_braces(block.content), source), ())
        data, _ = front_matter.parse_strict(block)
        return {**_mapping(data)}, {}, ()
    except (front_matter.FrontMatterError, NotKeys) as error:
        if kind != "markdown":
            raise ConversionError(source, "read", str(error)) from None
        return {}, {}, (f"{error}; kept as written",)


class NotKeys(ValueError):
    """Front matter data that is not a mapping of keys (a list, a string)."""


def _mapping(data: object) -> dict[str, object]:
    if not isinstance(data, dict):
        raise NotKeys(f"front matter is a {type(data).__name__}, not keys")
    return {str(key): value for key, value in data.items()}


def decode_braces(text: str) -> str:
    # The generator wrote every { and } as an entity, in YAML and in CSS alike.
    if "&#" not in text:  # every entity starts so; the pattern's scan costs 10 us a body
        return text
    return BRACE_ENTITY.sub(lambda m: BRACE_ENTITIES[m.group().lower()], text)


def parse_front_matter(text: str, source: str) -> tuple[dict[str, object], dict[str, str]]:
    written: dict[str, str] = {}
    try:
        data, written = yaml_io.load(text)
    except yaml_io.TooLarge as error:
        raise ConversionError(source, "read", str(error)) from None
    except yaml.YAMLError:
        data = parse_loose_front_matter(text)
    if data is None:
        return {}, {}
    return _mapping(data), written


def parse_loose_front_matter(text: str) -> dict[str, object]:
    """Read broken generator YAML line by line: `key: value`, continuation lines, `- item` lists."""
    data: dict[str, object] = {}
    key = ""
    for line in text.split("\n"):
        key_match = KEY_LINE.match(line)
        item_match = ITEM_LINE.match(line)
        if key_match and not line[:1].isspace():
            key = key_match.group("key")
            data[key] = key_match.group("value") or ""
        elif item_match and key:
            current = data[key]
            items: list[object] = current if isinstance(current, list) else []
            items.append(item_match.group("value") or "")
            data[key] = items
        elif key and isinstance(data[key], str):
            data[key] = f"{data[key]}\n{line}"
    return {key: unquote(value) if isinstance(value, str) else value for key, value in data.items()}


def unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def unwrap_generator_div(body: str) -> tuple[str, bool]:
    """Drop a bare <div> wrapping the whole body: it is the feed generator's, not the article's."""
    match = BARE_WRAPPER.match(body)
    if not match or not balanced_divs(match.group("inner")):
        return body, False
    return match.group("inner"), True


def balanced_divs(html_text: str) -> bool:
    depth = 0
    for closing in (m.group(1) for m in DIV_TAG.finditer(html_text)):
        depth += -1 if closing else 1
        if depth < 0:
            return False
    return depth == 0
