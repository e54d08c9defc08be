"""What the check compares: the characters kept, and the texts of the kept HTML. Each is found
by a faster route than its definition; these tests hold the route to the definition."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from converters.check import safety
from converters.clean.prose import ASCII_NOT_ALNUM, letters
from converters.markdown.html_parse import parse_html

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))  # a deletion is judged character by character


def test_comparable_drops_exactly_the_skipped_characters_and_nul() -> None:
    skipped = re.compile(f"[\\x00{safety._SKIPPED}]+")
    assert safety.comparable(EVERY_CHARACTER) == skipped.sub("", EVERY_CHARACTER)


def test_joined_texts_keep_their_nul_separators() -> None:
    skipped = re.compile(f"[{safety._SKIPPED}]+")
    kept = safety.comparable_joined([EVERY_CHARACTER, EVERY_CHARACTER])
    assert kept == skipped.sub("", EVERY_CHARACTER + "\x00" + EVERY_CHARACTER)
    assert kept.count("\x00") == 3


def test_letters_are_the_letters_and_digits() -> None:
    assert letters(EVERY_CHARACTER) == re.sub(r"[\W_]+", "", EVERY_CHARACTER)


def test_the_ascii_deleted_first_is_what_both_comparisons_skip() -> None:
    """What the bytes pass deletes: ASCII neither kept as a letter nor compared."""
    ascii_characters = "".join(map(chr, range(128)))
    not_compared = re.sub(f"[^\\x00{safety._SKIPPED}]", "", ascii_characters)
    not_letters = re.sub(r"[^\W_]", "", ascii_characters)
    assert ASCII_NOT_ALNUM.decode("ascii") == not_compared == not_letters


def test_a_text_of_letters_is_one_that_isalnum_says_is() -> None:
    """letters() returns a non-ASCII rest whole when str.isalnum holds: that is [^\\W_]."""
    assert "".join(filter(str.isalnum, EVERY_CHARACTER)) == letters(EVERY_CHARACTER)


TEXT_PIECES = st.sampled_from(
    ["a", "Z9", "_", " ", "\x00", "\t", "\n", "中文", "，", "。", "\u00a0", "\u3000", "\u200b",
     "\ufffd", "\ud800", "\udfff", "😀", "é", "٣", "*", "](", "\\", "—", "\x85", "\u00ad"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(TEXT_PIECES, max_size=12).map("".join), max_size=4))
def test_the_fast_routes_give_the_definitions(texts: list[str]) -> None:
    joined = "\x00".join(texts)
    assert letters(joined) == re.sub(r"[\W_]+", "", joined)
    assert safety.comparable(joined) == re.sub(f"[\\x00{safety._SKIPPED}]+", "", joined)
    assert safety.comparable_joined(texts) == re.sub(f"[{safety._SKIPPED}]+", "", joined)


HTML_PIECES = [
    "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<span>", "</span>", "<br>", "<img src=x>",
    "<!-- c -->", "<?pi x?>", "a", " ", "\n", "中", "&amp;", "<table><tr><td>", "</td></tr>",
    "<script>s</script>", "<video>v</video>", "<style>x</style>",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=20).map("".join))
def test_visible_texts_are_the_walks(html: str) -> None:
    """Where nothing is hidden lxml's own text walk answers: the same texts in the same order."""
    root, _ = parse_html(html or " ")
    assert safety.visible_texts(root) == safety.walked_visible_texts(root)
    if not safety.hides_text(root):  # then the screen may read all the text in one piece
        assert safety.all_text(root) == "".join(safety.visible_texts(root))
