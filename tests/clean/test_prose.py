"""The prose record's sentence test: at least so many letters or digits, wherever they are."""

import pytest

from converters.clean.prose import holds_letters, letters


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
