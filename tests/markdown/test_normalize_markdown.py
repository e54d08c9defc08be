"""normalize_markdown: whitespace only; what the Markdown renders must not change."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from converters.document import Document, Settings
from converters.markdown import normalize
from converters.markdown.normalize import normalize_markdown, tidy_markdown

MD = MarkdownIt("commonmark").enable("table")

HAND_WRITTEN = """\
# A post

Some *text* with a [link](https://example.org) and `code`.

- one
- two
  - nested

```python
def f():


    return 1
```

> quoted\\
> line

| a | b |
| --- | --- |
| 1 | 2 |
"""


def test_hand_written_markdown_passes_unchanged() -> None:
    assert tidy_markdown(HAND_WRITTEN) == HAND_WRITTEN


def test_full_width_and_no_break_indents_are_dropped() -> None:
    assert tidy_markdown("　　第一段\n\n\u00a0\u00a0second\n") == "第一段\n\nsecond\n"


def test_dropping_an_indent_never_turns_text_into_a_block() -> None:
    got = tidy_markdown("　　1. 不是列表\n\n　　# 不是标题\n")
    assert got == "1\\. 不是列表\n\n\\# 不是标题\n"
    assert [t.type for t in MD.parse(got) if t.nesting == 1] == ["paragraph_open"] * 2


def test_trailing_whitespace_goes() -> None:
    assert tidy_markdown("a \nb\t\n\nc　\n") == "a\nb\n\nc\n"


def test_two_space_hard_break_becomes_a_backslash() -> None:
    source = "first  \nsecond\n"
    got = tidy_markdown(source)
    assert got == "first\\\nsecond\n"
    assert MD.render(got) == MD.render(source)


def test_trailing_spaces_that_were_not_a_break_are_just_removed() -> None:
    assert tidy_markdown("end of paragraph  \n\nnext\n") == "end of paragraph\n\nnext\n"
    assert tidy_markdown("# heading  \ntext\n") == "# heading\ntext\n"


def test_runs_of_blank_lines_become_one() -> None:
    assert tidy_markdown("a\n\n\n\nb\n \n\t\nc\n") == "a\n\nb\n\nc\n"


@pytest.mark.parametrize("fence", ["```", "~~~", "````"])
def test_blank_lines_inside_fenced_code_are_kept(fence: str) -> None:
    source = f"{fence}\nx\n\n\n\ny\n{fence}\n"
    assert tidy_markdown(source) == source


def test_fence_inside_a_list_item_is_respected() -> None:
    source = "- item\n\n  ```\n  a\n\n\n  b\n  ```\n"
    assert tidy_markdown(source) == source


def test_indent_inside_code_is_not_touched() -> None:
    source = "```\n　　indented\n```\n"
    assert tidy_markdown(source) == source


def test_exactly_one_final_newline_and_no_leading_blank_lines() -> None:
    assert tidy_markdown("\n\n\ntext\n\n\n") == "text\n"
    assert tidy_markdown("text") == "text\n"


def test_empty_and_blank_bodies_become_empty() -> None:
    assert tidy_markdown("") == ""
    assert tidy_markdown(" \n\n　\n") == ""


def test_line_endings_become_lf() -> None:
    assert tidy_markdown("a\r\nb\rc\r\n") == "a\nb\nc\n"


@pytest.mark.parametrize(
    "source",
    [HAND_WRITTEN, "　　1. x  \ny\n\n\n", "a  \n  b\n", "```\nx  \n```\n\n\n\nz   \n"],
)
def test_idempotent(source: str) -> None:
    once = tidy_markdown(source)
    assert tidy_markdown(once) == once


def test_stage_tidies_doc_markdown() -> None:
    doc = Document(source="-", front_matter={}, body="", markdown="　　x\n\n\n")
    assert normalize_markdown(doc, Settings()).markdown == "x\n"


# mostly what needs no tidying, so that blank line runs and edges are met often too
TIDY_PIECES = [
    "a", "中", "#", "-", "1.", ">", "```", "~~~", "`", "\\", "|", "\n", "\n", "\n\n", "\n\n",
    " ", "\t", "\u3000", "\u00a0", "\r",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(TIDY_PIECES), max_size=20).map("".join))
def test_text_with_nothing_to_tidy_inside_is_answered_unread(text: str) -> None:
    """Without a fence, a fake indent, white space at a line end or a run of blank lines,
    tidying only strips the blank lines at the edges: as the line by line pass would."""
    fast = tidy_markdown(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(normalize, "_untidy", lambda text: True)  # every text read line by line
        assert tidy_markdown(text) == fast
