"""flat_emphasis: the shortcut writes what the general path writes, wherever it answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters.markdown import writer
from converters.markdown.flat_emphasis import flat_emphasis
from converters.markdown.sentinels import BR, CLOSE, END, LINK_TEXT, OPEN, TEXT
from converters.markdown.to_markdown import html_to_markdown


def marked(*pieces: str) -> str:
    """A block string: plain strings are text nodes, OPEN/CLOSE values stay marks."""
    marks = {*OPEN.values(), *CLOSE.values()}
    return "".join(p if p in marks else TEXT + p + END for p in pieces)


S, E, D = "strong", "em", "del"


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (marked("a ", OPEN[S], "b", CLOSE[S], " c"), "a **b** c"),
        (marked(OPEN[E], "中文", CLOSE[E], "。"), "*中文*。"),
        (marked(OPEN[D], "x", CLOSE[D]), "~~x~~"),
        # the closer cannot flank before a letter: the edge punctuation goes outside
        (marked(OPEN[S], "@张三：", CLOSE[S], "本"), "@**张三**：本"),
        (marked("  1. ", OPEN[S], "x", CLOSE[S], " "), "1\\. **x**"),
        (marked(OPEN[S], ">a。", CLOSE[S], "b"), "\\>**a**。b"),  # still a line start
    ],
)
def test_text_and_emphasis_of_text_are_answered_by_the_shortcut(block: str, expected: str):
    assert flat_emphasis(block, inline=False) == expected


@pytest.mark.parametrize(
    "block",
    [
        marked(OPEN[S], "a", CLOSE[S], OPEN[E], "b", CLOSE[E]),  # side by side: runs fuse
        marked(OPEN[E], OPEN[S], "a", CLOSE[S], CLOSE[E]),  # nested
        marked(OPEN[S], " a", CLOSE[S]),  # edge space: moved outside first
        marked(OPEN[S], "a*", CLOSE[S]),  # a character that may need a backslash
        marked(OPEN[S], "a", CLOSE[S]) + BR,
        marked(OPEN[S], "。", CLOSE[S], "a"),  # flanks neither way: written plainly
    ],
)
def test_anything_else_goes_to_the_general_path(block: str):
    assert flat_emphasis(block, inline=False) is None


TEXT_PIECES = [
    "a", "中", "1", "1.", "-", "#", ">", "+", "=", " ", "  ", "\u3000", "\u00a0", "\u2003",
    "。", "：", "@", "(", ")", "“", "”", "—", ".", "*", "_", "~", "|", "\n",
]  # fmt: skip
TEXT_NODE = st.lists(st.sampled_from(TEXT_PIECES), max_size=4).map(
    lambda t: TEXT + "".join(t) + END
)
EMPHASIS = st.builds(
    lambda kind, nodes: OPEN[kind] + "".join(nodes) + CLOSE[kind],
    st.sampled_from([S, E, D]),
    st.lists(TEXT_NODE, min_size=1, max_size=2),
)
PIECE = st.one_of(
    TEXT_NODE,
    EMPHASIS,
    st.sampled_from([*OPEN.values(), *CLOSE.values(), BR, LINK_TEXT + "l" + END, "x"]),
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(PIECE, max_size=8).map("".join), st.booleans())
def test_the_shortcut_writes_what_the_general_path_writes(block: str, inline: bool):
    fast = writer.finish_block(block, inline=inline)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "flat_emphasis", lambda block, inline: None)
        assert writer.finish_block(block, inline=inline) == fast


HTML_PIECES = [
    "<b>", "</b>", "<em>", "</em>", "<del>", "</del>", "<p>", "</p>", "<h2>", "</h2>",
    "<td>", "a", "中", "1.", " ", "\u3000", "。", "：", "@", "(", ")", "#", "*", "\n",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=16).map("".join))
def test_a_page_comes_out_the_same_with_or_without_the_shortcut(html: str):
    fast = html_to_markdown(html)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "flat_emphasis", lambda block, inline: None)
        assert html_to_markdown(html) == fast
