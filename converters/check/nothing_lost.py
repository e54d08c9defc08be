"""Nothing lost: every prose block of the input is in the Markdown, or a removal accounts for it.

The other checks compare the Markdown with the cleaned HTML; this one goes back to the input.
A paragraph of the post that the cleaning took out must be in the text of a recorded removal,
each of which names the site rule or the structural signal that took it. A prose block that
vanished with no such record (a parser that ate it, a step that dropped it silently) fails the
file. Short lines (a label, a date) are not prose and are left to the other checks; saved pages
are left to the page stage, which sets most of a page aside by design.
"""

from __future__ import annotations

import re

from lxml import etree

from converters.clean.fragment import FULL_PAGE, NEVER_CONTENT, parse
from converters.clean.tree import drop
from converters.clean.work import Work
from converters.document import ConversionError, Document
from converters.read.nesting import INVISIBLE

PROSE_LETTERS = 30  # letters and digits: a sentence, not a label
NOT_A_LETTER = re.compile(r"[\W_]+")
LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
# Blocks whose text is one prose block when they hold no other such block.
PROSE_TAGS = frozenset({
    "p", "li", "blockquote", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption",
    "pre", "div", "section", "article"
})  # fmt: skip
HIDDEN = frozenset(INVISIBLE) | frozenset(NEVER_CONTENT)


def check_nothing_lost(doc: Document) -> None:
    missing = lost_prose(doc)
    if missing:
        excerpt = " ".join(missing.split())[:60]
        raise ConversionError(
            doc.source, "check", f"prose removed with no rule or signal accounting for it: "
            f"{excerpt!r}"
        )  # fmt: skip


def lost_prose(doc: Document) -> str | None:
    """The first prose block of the input that neither the Markdown nor a removal holds."""
    if doc.body_kind != "html" or FULL_PAGE.search(doc.body):
        return None
    shown = letters(LINK_TARGET.sub("", doc.markdown))
    set_aside = "\x00".join(letters(text) for text in doc.set_aside)
    position = 0
    for block in prose_blocks(doc.body):
        wanted = letters(block)
        found = shown.find(wanted, position)
        if found >= 0:
            position = found + len(wanted)
        elif wanted not in shown and wanted not in set_aside:
            return block
    return None


def prose_blocks(body: str) -> list[str]:
    """The texts of the input's innermost blocks that hold a sentence, in document order."""
    root = parse(body, Work(title="", metadata={}))  # as the cleaning read it
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction, *HIDDEN)):
        drop(node)
    holders: set[etree._Element] = set()
    for el in reversed(list(root.iter(etree.Element))):
        parent = el.getparent()
        if parent is not None and (el.tag in PROSE_TAGS or el in holders):
            holders.add(parent)
    texts = ("".join(el.itertext()) for el in root.iter(*PROSE_TAGS) if el not in holders)
    return [text for text in texts if len(letters(text)) >= PROSE_LETTERS]


def letters(text: str) -> str:
    return NOT_A_LETTER.sub("", text)
