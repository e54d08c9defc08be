"""The marks the HTML walk leaves in its text for `finish_block` to resolve.

Escaping, emphasis and line breaks can only be decided once the characters on both sides
are known, and those may come from another element.  So the walk writes each text node,
emphasis edge and `<br>` as a sentinel: a Unicode noncharacter, never valid in
interchanged text, so input can never forge one (`NONCHARACTERS` are replaced on the way in).
"""

from __future__ import annotations

import re

TEXT = "\ufdd0"  # opens a text node
LINK_TEXT = "\ufdd2"  # opens a text node inside link text: brackets always escaped
END = "\ufdd1"  # closes either
BR = "\ufdd3"
PARA = "\ufdda"  # a block boundary: one blank line
LINE = "\ufddb"  # a line boundary (a nested list inside a list item)
CODE = "\ufddc"  # opens inline code (closed by END): fenced once its neighbours are known
OPEN = {"strong": "\ufdd4", "em": "\ufdd5", "del": "\ufdd6"}
CLOSE = {"strong": "\ufdd7", "em": "\ufdd8", "del": "\ufdd9"}
DELIMITER = {"strong": "**", "em": "*", "del": "~~"}
KIND_OF = {ch: kind for kind, ch in [*OPEN.items(), *CLOSE.items()]}

NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
ANY_SENTINEL = re.compile("[\ufdd0-\ufddc]")
# A block string's pieces: a whole text or code node, a single-character mark, or a run of
# Markdown already written between them. (The walk writes every text and code node whole: a
# mark that opens no token is never met; it would stand as a piece of its own.)
_TOKEN_START = f"{TEXT}{LINK_TEXT}{CODE}{BR}\ufdd4-\ufdd9{PARA}{LINE}"
PIECES = re.compile(
    f"[{TEXT}{LINK_TEXT}{CODE}][^{END}]*{END}|[{BR}\ufdd4-\ufdd9{PARA}{LINE}]|[^{_TOKEN_START}]+|.",
    re.DOTALL,
)


class Blocks(str):
    """Finished Markdown blocks, each between PARA marks, with nothing between them but blank
    text and `<br>`s. The walk knows when an element's children were only that, and says so
    with this type; `finish_block` then joins the blocks without reading them again."""

    __slots__ = ()
