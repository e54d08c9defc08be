"""The check before writing (black's safety check, for a converter), cheap on clean posts.

Every document goes through a screen made of single regex scans: nothing that could open raw
HTML, no scheme that could run code, and every visible text of the kept HTML, compared on its
letters and digits, in order in the Markdown. The screen errs one way only: what it cannot
clear is parsed with a real CommonMark parser (safety.check_output), which decides. So the
Markdown of a clean post is never parsed twice, and a doubtful one is judged exactly.
"""

from __future__ import annotations

import re

from converters.check import safety
from converters.clean.url_safety import CODE_SCHEMES, scheme_probe
from converters.document import Document, Settings

# A "<" followed by what could start a tag, comment, declaration or processing instruction
# (an autolink also matches: the parser tells); it counts unless a backslash escapes it.
TAG_START = re.compile(r"<[A-Za-z/!?]")
# A link reference definition renders as nothing, so text in it would look shown but is not.
LINK_DEFINITION = re.compile(r"^[ \t>]*\[[^\]\n]*\]:", re.M)
LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
NOT_A_LETTER = re.compile(r"[\W_]+")
NOT_A_LETTER_KEEP_NUL = re.compile(r"[^\w\x00]+|_+")


def check_output(doc: Document, settings: Settings) -> Document:
    if _clears_screen(doc):
        return doc
    return safety.check_output(doc, settings)


def _clears_screen(doc: Document) -> bool:
    markdown = doc.markdown
    if any(_unescaped(markdown, m.start()) for m in TAG_START.finditer(markdown)):
        return False
    if LINK_DEFINITION.search(markdown):
        return False
    probe = scheme_probe(markdown)
    if any(scheme in probe for scheme in CODE_SCHEMES):
        return False
    return _all_text_shown(safety.kept_texts(doc), markdown)


def _unescaped(text: str, index: int) -> bool:
    start = index
    while start > 0 and text[start - 1] == "\\":
        start -= 1
    return (index - start) % 2 == 0


def _all_text_shown(texts: list[str], markdown: str) -> bool:
    shown = NOT_A_LETTER.sub("", LINK_TARGET.sub("", markdown))
    position = 0
    # One substitution over all the texts, NUL-separated, instead of one per text node.
    for wanted in NOT_A_LETTER_KEEP_NUL.sub("", "\x00".join(texts)).split("\x00"):
        found = shown.find(wanted, position)
        if found < 0:
            return False
        position = found + len(wanted)
    return True
