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

from converters.clean.prose import ASCII_NOT_ALNUM, LETTERS, SEPARATOR, letters, without_ascii
from converters.document import ConversionError, Document

# An image's alt text is no text of the input's blocks; a link's destination and title
# ('](url "title (with parens)")') show none of their letters. A "]" the writer escaped
# ('\](/foo)', text that only looks like a link) closes no link: what follows it is shown.
IMAGE_ALT = re.compile(r"!\[(?:[^\]\\\n]|\\.)*(?=\])")  # up to its "]"
LINK_TARGET = re.compile(r"""(?<!\\)(?:\\\\)*\]\((?:[^()"\n]|"[^"\n]*"|\([^()\n]*\))*\)""")
# LINK_TARGET from its "](": the regex above tries its start at every character (a look-behind
# and a run of backslashes come first), so without_link_targets finds each "](" with str.find.
TARGET = re.compile(r"""\]\((?:[^()"\n]|"[^"\n]*"|\([^()\n]*\))*\)""")
LETTERS_OR_SEPARATOR = re.compile(rf"{LETTERS.pattern}|{SEPARATOR}")
ASCII_NOT_ALNUM_BUT_SEPARATOR = ASCII_NOT_ALNUM.replace(SEPARATOR.encode(), b"")


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
    shown = without_link_targets(IMAGE_ALT.sub("", doc.markdown))
    # A block whose text pieces are in the shown Markdown as they are, in order, has its
    # letters there in order too (letters() only takes characters out): only the others need
    # the letters compared. Most blocks are written as they were, so most posts need none.
    position = 0
    doubtful = []
    for block in doc.prose:
        end = shown_in_order(text_pieces(block), shown, position)
        if end is None:
            doubtful.append(block)
        else:
            position = end
    return lost_letters(doubtful, letters(shown), doc.set_aside) if doubtful else None


def lost_letters(blocks: list[str], shown: str, set_aside: tuple[str, ...]) -> str | None:
    """The first block whose letters are neither in the shown letters nor in a removal's."""
    removed = SEPARATOR.join(letters(text) for text in set_aside)
    position = 0
    for block in blocks:
        pieces = [piece for piece in letter_pieces(block) if piece]
        end = shown_in_order(pieces, shown, position)
        if end is not None:
            position = end
        elif shown_in_order(pieces, shown, 0) is None and "".join(pieces) not in removed:
            return block.replace(SEPARATOR, "")
    return None


def text_pieces(block: str) -> list[str]:
    """A block's text nodes without the white space at their ends (no letter is white space)."""
    return [piece for piece in (text.strip() for text in block.split(SEPARATOR)) if piece]


def without_link_targets(markdown: str) -> str:
    """LINK_TARGET.sub("", markdown): each "](" not escaped (after an even run of backslashes,
    which go with it) that starts a target, taken out; the search goes on after it."""
    kept: list[str] = []
    done = 0  # what is before is handled; a target ends with ")", so no run reaches back past it
    at = markdown.find("](")
    while at >= 0:
        start = at
        while start > done and markdown[start - 1] == "\\":
            start -= 1
        target = TARGET.match(markdown, at) if (at - start) % 2 == 0 else None
        if target is None:
            at = markdown.find("](", at + 1)
            continue
        kept.append(markdown[done:start])
        done = target.end()
        at = markdown.find("](", done)
    kept.append(markdown[done:])
    return "".join(kept)


def letter_pieces(block: str) -> list[str]:
    """The letters of each piece of a prose block (map(letters, block.split(SEPARATOR))), the
    block read in one pass rather than one per piece."""
    rest = without_ascii(block, ASCII_NOT_ALNUM_BUT_SEPARATOR)
    if not rest.isascii():
        rest = "".join(LETTERS_OR_SEPARATOR.findall(rest))
    return rest.split(SEPARATOR)


def shown_in_order(pieces: list[str], shown: str, start: int) -> int | None:
    """Where the last piece ends when every piece is found in order from start, else None."""
    for piece in pieces:
        found = shown.find(piece, start)
        if found < 0:
            return None
        start = found + len(piece)
    return start
