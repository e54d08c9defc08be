"""Text -> Document: split the front matter from the body and read both as a person would."""

from __future__ import annotations

import functools
import html
import re
from typing import TYPE_CHECKING

import yaml

from converters.document import BodyKind, ConversionError, Document, Settings
from converters.read import yaml_io

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# The generator may put blank lines before the opening fence.
FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n(?P<yaml>(?:.*?\n)??)---[ \t]*(?:\n|\Z)", re.S)
OPENING_FENCE = re.compile(r"\A\s*---[ \t]*\n")
BRACE_ENTITIES = {"&#123;": "{", "&#125;": "}", "&#x7b;": "{", "&#x7d;": "}"}
# Not after a backslash: "\&#123;" is Markdown for the literal text "&#123;".
BRACE_ENTITY = re.compile("(?<!\\\\)(?:" + "|".join(BRACE_ENTITIES) + ")", re.I)
BARE_WRAPPER = re.compile(r"\A\s*<div>(?P<inner>.*)</div>\s*\Z", re.S)
DIV_TAG = re.compile(r"<(/?)div\b", re.I)
HTML_TAG = re.compile(r"(?<!\\)<(?:!--|!doctype|/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>)", re.I)
KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):(?:[ \t]+(?P<value>.*?))?[ \t]*$")
# A saved page's start (doctype, <html>, a comment, a <script>): CommonMark reads it as an HTML
# block, so the answer is known without parsing a page of megabytes as Markdown.
OPENS_HTML_BLOCK = re.compile(
    r"\A(?:[ \t]*\n)*[ ]{0,3}<(?:!--|!doctype\s|(?:html|head|body|script)(?=[\s>/]|$))", re.I
)
ITEM_LINE = re.compile(r"^[ \t]*-(?:[ \t]+(?P<value>.*?))?[ \t]*$")


def read_post(text: str, source: str, settings: Settings) -> Document:
    front_text, body = split_front_matter(text, source)
    front_matter, written = parse_front_matter(decode_braces(front_text), source)
    body, wrapped = unwrap_generator_div(decode_braces(body))
    kind = body_kind(body, wrapped)
    if kind == "text":
        body = html.unescape(body)
    return Document(
        source=source, front_matter=front_matter, body=body, body_kind=kind, written=written
    )


def split_front_matter(text: str, source: str) -> tuple[str, str]:
    match = FRONT_MATTER.match(text)
    if match:
        return match.group("yaml"), text[match.end() :]
    if OPENING_FENCE.match(text):
        raise ConversionError(source, "read", "front matter starts with '---' but never ends")
    return "", text


def decode_braces(text: str) -> str:
    # The generator wrote every { and } as an entity, in YAML and in CSS alike.
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
    if not isinstance(data, dict):
        raise ConversionError(source, "read", f"front matter is a {type(data).__name__}, not keys")
    return {str(key): value for key, value in data.items()}, written


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


@functools.cache
def _commonmark() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only for bare bodies that show a tag

    return MarkdownIt("commonmark")


def body_kind(body: str, wrapped_in_html: bool) -> BodyKind:
    """HTML if it has tags; else text when it sat inside an HTML wrapper, Markdown when bare.

    A post file's body is Markdown by definition; tag-less text that a feed put in a <div> is
    plain text, whose `*` and `1.` mean nothing and must be escaped, not interpreted. A bare
    body that shows tags is HTML only if a CommonMark parser finds raw HTML in it: tags in
    code spans and fences, or escaped, are Markdown (our own output is full of them).
    """
    if not HTML_TAG.search(body):
        return "text" if wrapped_in_html else "markdown"
    if wrapped_in_html or OPENS_HTML_BLOCK.match(body) or _has_raw_html(body):
        return "html"
    return "markdown"


def _has_raw_html(markdown: str) -> bool:
    stack = list(_commonmark().parse(markdown))
    while stack:
        token = stack.pop()
        if token.type in ("html_block", "html_inline"):
            return True
        stack.extend(token.children or ())
    return False
