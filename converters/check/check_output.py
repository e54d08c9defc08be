"""The check before writing (black's safety check, for a converter), cheap on clean posts.

Every document goes through a screen made of single regex scans; what it cannot clear is
parsed with a real CommonMark parser (safety.check_output), which decides. The screen is
never weaker than that check: it clears a post only where the Markdown holds nothing whose
rendering it cannot predict from the text alone, so whatever the check would reject, the screen
sends to it (tests/check/test_screen_property.py). It doubts:

- outside surely fenced code, a `<` that could open raw HTML or an autolink, an unescaped `]:`
  that could end a link reference definition, an unescaped character reference (it renders
  as another character);
- a link or image target of any shape but the plain one the writer uses (`](url "title")`),
  or one with a code scheme anywhere once backslash escapes and percent-encoding are undone as
  a renderer and the check undo them (`java%73cript:`, `%66ile:`, `file\\:`);
- any visible text of the kept HTML that is not, compared as the check compares, in order in
  the Markdown once what never renders as text is taken out: link targets, fence info strings,
  ordered-list numbers.

So the Markdown of a clean post is never parsed, and a doubtful one is judged exactly.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from converters.check import safety
from converters.check.fenced_code import without_fenced_code
from converters.check.nothing_lost import check_nothing_lost
from converters.check.same_structure import check_markdown_body
from converters.clean.url_safety import CODE_SCHEMES, scheme_probe
from converters.document import Document, Settings
from converters.markdown.escape import ENTITY
from converters.markdown.html_parse import body_tree

# A "<" followed by what could start a tag, comment, declaration, processing instruction or
# autolink.
TAG_START = re.compile(r"<[A-Za-z/!?]")
# The end of a link reference definition's label (it renders as nothing).
LABEL_END = re.compile(r"\]:")
# What a renderer takes out of a link target before it is judged: backslash escapes.
BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
CODE_SCHEME = re.compile("|".join(map(re.escape, CODE_SCHEMES)))  # anywhere in a probe
# `](` and the target the writer writes: no space, `<` or unescaped parenthesis in the URL,
# an optional double-quoted title on the same line. Runs are matched possessively (`++`,
# `*+`): what follows a run can never be in it, so no match changes, but the URL is not
# matched one alternative per character (4 us a target).
TARGET_START = re.compile(r"\]\(")
PLAIN_TARGET = re.compile(
    r'\]\((?:[^\s()<>\\]++|\\[!-/:-@\[-`{-~])*+(?: "(?:[^"\\\n]++|\\.)*+")?\)'
)
# From a run of three backticks or tildes (a fence, or text we need not judge) to the line end.
FENCE_INFO = re.compile(r"(?:`{3,}|~{3,})[^\n]*")
# Quote and list markers at the start of a line: an ordered item's number is no text.
LINE_MARKERS = re.compile(r"^(?:[ \t]*(?:>|(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t\n]|$)))+", re.M)
# The same after a newline: a literal first, which the regex finds by a fast scan, where `^`
# is tried at every character. No marker spans a newline, so the matches are the same.
NEWLINE_MARKERS = re.compile(rf"\n{LINE_MARKERS.pattern[1:]}", re.M)


def check_output(doc: Document, settings: Settings) -> Document:
    if doc.body_kind == "markdown":
        return check_markdown_body(doc)  # the author's HTML stays; the structure must too
    check_nothing_lost(doc)
    if _clears_screen(doc):
        return doc
    return safety.check_output(doc, settings)


def _clears_screen(doc: Document) -> bool:
    markdown = doc.markdown
    if _doubtful(markdown):
        return False
    shown = safety.comparable(_shown_text(markdown))
    if doc.body_kind == "html" and doc.html.strip():
        root = body_tree(doc)[0]
        if not safety.hides_text(root) and safety.comparable(safety.all_text(root)) in shown:
            return True  # all the texts in one piece: then each of them in order
        return _all_text_shown(safety.visible_texts(root), shown)
    return _all_text_shown(safety.kept_texts(doc), shown)


def _doubtful(markdown: str) -> bool:
    if any(_found_unescaped(p, markdown) for p in (TAG_START, LABEL_END, ENTITY)):
        # in fenced code none of them is syntax (`Map<String, Integer>`): look outside it
        markdown = without_fenced_code(markdown)
    if any(_found_unescaped(p, markdown) for p in (TAG_START, LABEL_END, ENTITY)):
        return True
    # Every link or image target follows an unescaped `](`: each must be plain and safe.
    for start in TARGET_START.finditer(markdown):
        if _unescaped(markdown, start.start()):
            target = PLAIN_TARGET.match(markdown, start.start())
            if target is None or _runs_code(target.group()):
                return True
    return False


def _found_unescaped(pattern: re.Pattern[str], text: str) -> bool:
    return any(_unescaped(text, m.start()) for m in pattern.finditer(text))


def _runs_code(target: str) -> bool:
    """A code scheme anywhere in a target, as the check judges it: escapes and %XX undone."""
    if "\\" in target:
        target = BACKSLASH_ESCAPE.sub(r"\1", target)
    url = unquote(target)
    # scheme_probe without its substitution where it would take nothing out: every character
    # it takes out is a space or not printable
    probe = url.lower() if url.isprintable() and " " not in url else scheme_probe(url)
    return CODE_SCHEME.search(probe) is not None


def _shown_text(markdown: str) -> str:
    """The Markdown without what never renders as text (the screen cleared everything else)."""
    markdown = PLAIN_TARGET.sub("", markdown)
    if "```" in markdown or "~~~" in markdown:
        markdown = FENCE_INFO.sub("", markdown)
    return without_line_markers(markdown)


def without_line_markers(markdown: str) -> str:
    """LINE_MARKERS.sub("", markdown), each line start found as the newline before it."""
    return NEWLINE_MARKERS.sub("\n", "\n" + markdown)[1:]


def _unescaped(text: str, index: int) -> bool:
    start = index
    while start > 0 and text[start - 1] == "\\":
        start -= 1
    return (index - start) % 2 == 0


def _all_text_shown(texts: list[str], shown: str) -> bool:
    """Whether each text's comparable characters are in `shown` (comparable), in order."""
    position = 0
    for wanted in safety.comparable_joined(texts).split("\x00"):
        found = shown.find(wanted, position)
        if found < 0:
            return False
        position = found + len(wanted)
    return True
