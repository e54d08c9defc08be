"""A title that says nothing is taken from the body's first line; any other title stays."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converters.clean.title import title_from_line
from tests.clean.test_remove_boilerplate import clean


@pytest.mark.parametrize("blank", [" ", "...", "-", "", "——"])
def test_a_blank_title_is_taken_from_the_first_line(blank: str) -> None:
    doc = clean("<p>此版本已改为新架构。其余不变。</p><p>二。</p>", title=blank)
    assert doc.metadata["title"] == "此版本已改为新架构"
    assert "此版本已改为新架构。其余不变。" in doc.html  # the line stays in the body
    assert any("says nothing" in warning for warning in doc.warnings)


def test_a_heading_that_opens_the_body_is_the_title() -> None:
    assert clean("<h2>Release 2.0</h2><p>Notes.</p>", title="-").metadata["title"] == "Release 2.0"


@pytest.mark.parametrize("title", ["2022-07-09", "Q", "你好", "1"])
def test_a_title_with_a_letter_or_digit_stays(title: str) -> None:
    assert clean("<p>Other words.</p>", title=title).metadata["title"] == title


def test_a_plain_text_body_gives_its_first_line() -> None:
    assert clean("\n\nFirst line. Second.\n", kind="text", title="...").metadata["title"] == (
        "First line"
    )


def test_without_any_words_the_blank_title_stays() -> None:
    assert clean('<p><img src="https://i.example/a.jpg"></p>', title="...").metadata["title"] == (
        "..."
    )


def test_a_long_first_sentence_is_cut_at_a_clause() -> None:
    line = "这是一个非常长的句子，" + "没有句号的部分" * 8 + "，最后。"
    title = title_from_line(line)
    assert title == "这是一个非常长的句子"


def test_a_long_sentence_without_clauses_is_cut_and_marked() -> None:
    title = title_from_line("x" * 200)
    assert title == "x" * 80 + "…"


@pytest.mark.parametrize(
    ("title", "line", "restored"),
    [
        ("IDA Training session_ Registration open!", "IDA Training session: Registration open!",
         "IDA Training session: Registration open!"),
        ("_恒星锻造_：恒星形成模拟", "“恒星锻造”：恒星形成模拟视频及文字来源：某某",
         "“恒星锻造”：恒星形成模拟"),
        ("发刊词 _ 纵览世界", "发刊词 | 纵览世界", "发刊词 | 纵览世界"),
    ],
)  # fmt: skip
def test_underscores_standing_for_characters_come_back_from_the_first_lines(
    title: str, line: str, restored: str
) -> None:
    assert clean(f"<p>{line}</p><p>正文。</p>", title=title).metadata["title"] == restored


@pytest.mark.parametrize(
    ("title", "line"),
    [("snake_case explained", "snake_case explained"), ("a_b", "正文里没有标题。")],
)
def test_an_underscore_the_body_does_not_replace_stays(title: str, line: str) -> None:
    assert clean(f"<p>{line}</p>", title=title).metadata["title"] == title


def test_a_post_without_a_title_key_gets_none() -> None:
    from converters.clean.remove_boilerplate import remove_boilerplate
    from converters.document import Document, Settings

    doc = Document(source="t.md", front_matter={"layout": "post"}, body="<p>First line.</p>")
    assert "title" not in remove_boilerplate(doc, Settings()).metadata


def as_regex(title: str):
    """The title as a pattern, each `_` one replaced character (what same_but_replaced reads)."""
    import re

    replaced = r"[:/\\?*<>|\[\]“”_]"
    return re.compile("".join(replaced if c == "_" else re.escape(c) for c in title))


@given(
    st.text(alphabet=st.sampled_from("ab_:/?“ 恒星\\*]"), max_size=8),
    st.lists(st.sampled_from(list(":/\\?*<>|[]“”_ab恒-")), max_size=8),
    st.text(max_size=4),
)
def test_a_title_with_underscores_reads_a_line_as_its_pattern_does(title, fill, rest) -> None:
    from converters.clean.title import same_but_replaced

    chars = iter(fill)
    line = "".join(next(chars, "_") if c == "_" else c for c in title) + rest
    for candidate in (line, line[: len(title) - 1], rest + line):
        found = as_regex(title).match(candidate)
        assert same_but_replaced(title, candidate) == (found.group(0) if found else None)


def test_underscores_of_a_title_are_restored_from_the_first_line() -> None:
    doc = clean("<p>“恒星锻造”：恒星形成模拟视频</p>", title="_恒星锻造_：恒星形成模拟")
    assert doc.metadata["title"] == "“恒星锻造”：恒星形成模拟"
