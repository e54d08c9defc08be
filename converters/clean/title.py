"""The title from the body where the front matter's says nothing or lost characters.

A title that says nothing (' ', '...', '-') is taken from the cleaned body's first line,
shortened to its first sentence or clause. A title whose `_` stand for characters a file name
cannot hold (`IDA Training session_ Registration`, `_恒星锻造_：…`, as the RSSHub-to-Hexo generator
writes them) gets them back from a first line that shows the same title with them. The line
stays in the body either way: the title is a copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import islice

from converters.clean.line_signals import display_width
from converters.clean.work import Work

LETTER = re.compile(r"[^\W_]")  # a letter or digit of any script
TITLE_WIDTH = 80  # display width (a CJK character is two)
SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s")
CLAUSE_END = re.compile(r"[，,；;：:、]|\s")


# The characters a generator replaces by "_" in titles that become file names.
REPLACED = frozenset(":/\\?*<>|[]“”_")
FIRST_LINES = 3


def settle_title(work: Work, lines: Callable[[], Iterable[str]], *, written: bool) -> None:
    """`written`: the input has a title key; a post that has none does not get one here.
    `lines` gives the body's lines, asked for only when the title needs them (rarely), and read
    only as far as needed."""
    given = work.metadata.get("title")
    if isinstance(given, str) and LETTER.search(given):
        if "_" in given:
            restore_replaced(work, given, islice(lines(), FIRST_LINES))
    elif written:
        fill_blank_title(work, given, lines())


def restore_replaced(work: Work, title: str, lines: Iterable[str]) -> None:
    for line in lines:
        found = same_but_replaced(title, line)
        if found is not None and found != title:
            work.metadata["title"] = found
            work.warnings.append(f"title {title!r}: took {found!r} from the body")
            return


def same_but_replaced(title: str, line: str) -> str | None:
    """The start of the line that shows the title, each `_` of it standing for one REPLACED
    character; None if the line does not start so. (Compared character by character: a regex
    per title would be compiled anew for every post.)"""
    start = line[: len(title)]
    if len(start) < len(title):
        return None
    for wanted, shown in zip(title, start, strict=True):
        if wanted != shown and not (wanted == "_" and shown in REPLACED):
            return None
    return start


def fill_blank_title(work: Work, given: object, lines: Iterable[str]) -> None:
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
