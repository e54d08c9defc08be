"""What a scraper leaves in a Markdown body, recognized by structure alone.

- an empty paragraph: an HTML block of attribute-less `<p>`, `<div>` or `<span>` elements
  holding nothing but spaces, `&nbsp;` or `<br>`;
- a tracking pixel: an `<img>` at most one pixel wide and high;
- a full-width indent: U+3000 or U+00A0 spaces starting a paragraph's line, which only faked
  a first-line indent (the rendered text is the same without them).

The author's own HTML (a `<div class="note">`, `<details>`, `<kbd>`, an embed) never matches.
"""

from __future__ import annotations

import re

_EMPTY_ELEMENT = r"<(p|div|span)>(?:\s|&nbsp;|&#160;|&#xa0;|<br\s*/?>)*</\1>"
EMPTY_BLOCK = re.compile(rf"\s*(?:{_EMPTY_ELEMENT}\s*)+", re.I)
IMG_TAG = re.compile(r"<img\b[^<>]*>", re.I)
_SIZE = r"\s*=\s*[\"']?\s*([0-9]+)(?:px)?\s*[\"']?(?=[\s/>])"
WIDTH = re.compile(rf"\swidth{_SIZE}", re.I)
HEIGHT = re.compile(rf"\sheight{_SIZE}", re.I)
# up to three spaces may precede a paragraph line's text; what follows is the fake indent
FAKE_INDENT = re.compile(r"( {0,3})([\u3000\u00a0][ \t\u3000\u00a0]*)")
# what a line may not start with once its indent is gone, lest it open another block
BLOCK_START = re.compile(r"[ \t]|[#>|<=_~`-]|[*+](?:[ \t]|$)|[0-9]{1,9}[.)](?:[ \t]|$)|$")


def is_empty_block(html: str) -> bool:
    return EMPTY_BLOCK.fullmatch(html) is not None


def is_tracking_pixel(tag: str) -> bool:
    width, height = WIDTH.search(tag), HEIGHT.search(tag)
    return bool(width and height and int(width.group(1)) <= 1 and int(height.group(1)) <= 1)


def fake_indent(line: str) -> re.Match[str] | None:
    """The full-width indent starting a paragraph line, if taking it away keeps the line text."""
    match = FAKE_INDENT.match(line)
    if match is None or BLOCK_START.match(line, match.end()) is not None:
        return None
    return match
