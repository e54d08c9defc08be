"""Nothing lost: every prose block of the input is in the Markdown, or a removal accounts for it.

The other checks compare the Markdown with the cleaned HTML; this one goes back to the body as
the cleaning first read it (Document.prose, see clean/prose.py). A paragraph the cleaning took
out must be in the text of a recorded removal (Document.set_aside), each of which names the
site rule or the structural signal that took it. A prose block that vanished with no such
record - a step that dropped it silently, a walk that skipped it - fails the file. Short lines
(a label, a date) are not prose and are left to the other checks.
"""

from __future__ import annotations

import re

from converters.clean.prose import SEPARATOR, letters
from converters.document import ConversionError, Document

# An image's alt text is no text of the input's blocks; a link's destination and title
# ('](url "title (with parens)")') show none of their letters. A "]" the writer escaped
# ('\](/foo)', text that only looks like a link) closes no link: what follows it is shown.
IMAGE_ALT = re.compile(r"!\[(?:[^\]\\\n]|\\.)*(?=\])")  # up to its "]"
LINK_TARGET = re.compile(r"""(?<!\\)(?:\\\\)*\]\((?:[^()"\n]|"[^"\n]*"|\([^()\n]*\))*\)""")


def check_nothing_lost(doc: Document) -> None:
    missing = lost_prose(doc)
    if missing:
        excerpt = " ".join(missing.split())[:60]
        message = f"prose removed with no rule or signal accounting for it: {excerpt!r}"
        raise ConversionError(doc.source, "check", message)


def lost_prose(doc: Document) -> str | None:
    """The first prose block of the input that neither the Markdown nor a removal holds."""
    if not doc.prose:
        return None
    shown = letters(LINK_TARGET.sub("", IMAGE_ALT.sub("", doc.markdown)))
    set_aside = SEPARATOR.join(letters(text) for text in doc.set_aside)
    position = 0
    for block in doc.prose:
        pieces = [piece for piece in map(letters, block.split(SEPARATOR)) if piece]
        end = shown_in_order(pieces, shown, position)
        if end is not None:
            position = end
        elif shown_in_order(pieces, shown, 0) is None and "".join(pieces) not in set_aside:
            return block.replace(SEPARATOR, "")
    return None


def shown_in_order(pieces: list[str], shown: str, start: int) -> int | None:
    """Where the last piece ends when every piece is found in order from start, else None."""
    for piece in pieces:
        found = shown.find(piece, start)
        if found < 0:
            return None
        start = found + len(piece)
    return start
