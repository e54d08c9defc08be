"""The prose record's sentence test: at least so many letters or digits, wherever they are."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from converters.clean.fragment import parse
from converters.clean.prose import (
    NOT_SHOWN,
    PROSE_LETTERS,
    PROSE_TAGS,
    holds_letters,
    letters,
    prose_blocks,
    shown_text,
)
from converters.clean.work import Work


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a" * 29,
        "a" * 30,
        "—" * 200 + "a" * 30,  # the letters come after a long run of punctuation
        "—" * 200 + "a" * 29,
        "字" * 30 + "。" * 500,
        "_" * 500,  # an underscore is no letter
        "1, 2, 3, " * 20,
    ],
)
def test_holds_letters_counts_as_the_whole_text_does(text: str) -> None:
    assert holds_letters(text, 30) == (len(letters(text)) >= 30)


HTML_PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<li>", "</li>", "<td>", "</td>", "<b>", "</b>",
    "<form>", "</form>", "<script>", "</script>", "<svg>", "</svg>", "<!-- c -->", "<br>",
    "A sentence of some thirty letters and more, ", "短句。", " ",
]  # fmt: skip


def reference_prose_blocks(root: etree._Element) -> tuple[str, ...]:
    """prose_blocks as defined: innermost prose-tag elements, not inside anything not shown,
    their shown text nodes joined, kept when they hold a sentence."""
    blocks = []
    for el in root.iter(*PROSE_TAGS):
        innermost = not any(d.tag in PROSE_TAGS for d in el.iterdescendants())
        shown = not any(a.tag in NOT_SHOWN for a in el.iterancestors()) and el.tag not in NOT_SHOWN
        if el is not root and innermost and shown:
            hidden = {n for h in el.iter(*NOT_SHOWN) for n in h.iter()}
            text = shown_text(el, hidden)
            if len(letters(text)) >= PROSE_LETTERS:
                blocks.append(text)
    return tuple(blocks)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=25).map("".join))
def test_prose_blocks_are_the_innermost_shown_sentences(html: str) -> None:
    root = parse(f"<div>{html}</div>", Work(title="", metadata={}))
    assert prose_blocks(root) == reference_prose_blocks(root)
