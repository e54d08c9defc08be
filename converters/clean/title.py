"""A title that says nothing (' ', '...', '-') is taken from the cleaned body's first line.

The line stays in the body: the title is a copy, shortened to its first sentence or clause.
"""

from __future__ import annotations

import re

from converters.clean.line_signals import display_width
from converters.clean.work import Work

LETTER = re.compile(r"[^\W_]")  # a letter or digit of any script
TITLE_WIDTH = 80  # display width (a CJK character is two)
SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s")
CLAUSE_END = re.compile(r"[，,；;：:、]|\s")


def fill_blank_title(work: Work, lines: list[str]) -> None:
    given = work.metadata.get("title")
    if isinstance(given, str) and LETTER.search(given):
        return
    first = next((line for line in lines if LETTER.search(line)), None)
    if first is None:
        return
    title = title_from_line(first)
    work.metadata["title"] = title
    work.warnings.append(f"title {given or ''!r} says nothing; took {title!r} from the body")


def title_from_line(line: str) -> str:
    """The line's first sentence, cut at a clause when still long, without a final full stop."""
    sentence = SENTENCE_END.split(" ".join(line.split()), maxsplit=1)[0].strip()
    if display_width(sentence) > TITLE_WIDTH:
        sentence = shortened(sentence)
    return sentence.rstrip("。.;；,，")


def shortened(text: str) -> str:
    cut, width = 0, 0
    for index, char in enumerate(text):
        width += display_width(char)
        if width > TITLE_WIDTH:
            break
        cut = index + 1
    clauses = [m.start() for m in CLAUSE_END.finditer(text, 0, cut) if m.start() >= cut // 4]
    return text[: clauses[-1]] if clauses else text[:cut] + "…"
