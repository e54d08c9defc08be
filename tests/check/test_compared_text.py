"""What the check compares: the characters kept, and the texts of the kept HTML. Each is found
by a faster route than its definition; these tests hold the route to the definition."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from converters.check import safety
from converters.clean.prose import letters
from converters.markdown.html_parse import parse_html

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))  # a deletion is judged character by character


def test_comparable_drops_exactly_the_skipped_characters_and_nul() -> None:
    skipped = re.compile(f"[\\x00{safety._SKIPPED}]+")
    assert safety.comparable(EVERY_CHARACTER) == skipped.sub("", EVERY_CHARACTER)


def test_joined_texts_keep_their_nul_separators() -> None:
    skipped = re.compile(f"[{safety._SKIPPED}]+")
    kept = "".join(safety.COMPARED_OR_NUL.findall(EVERY_CHARACTER))
    assert kept == skipped.sub("", EVERY_CHARACTER)
    assert kept.count("\x00") == 1


def test_letters_are_the_letters_and_digits() -> None:
    assert letters(EVERY_CHARACTER) == re.sub(r"[\W_]+", "", EVERY_CHARACTER)


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
