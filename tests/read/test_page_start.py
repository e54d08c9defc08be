"""A saved page is known as HTML by its start, with the same answer a CommonMark parse gives."""

import pytest

from converters.read.body_kind import body_kind, reads_as_html


@pytest.mark.parametrize(
    "body",
    [
        "<!DOCTYPE html><html><body><p>x</p></body></html>",
        "\n\n<script>var a = 1;</script><!DOCTYPE html><html><body>x</body></html>",
        "<!-- saved page --><html><p>x</p></html>",
        "<HTML>\n<HEAD><TITLE>t</TITLE></HEAD><BODY>x</BODY></HTML>",
    ],
)
def test_a_page_start_is_html_as_commonmark_says(body: str) -> None:
    assert body_kind(body, wrapped_in_html=False) == "html"
    assert reads_as_html(body)


def test_an_indented_page_is_html_elements_in_a_code_block_and_so_html() -> None:
    body = "    <!DOCTYPE html><html><body>x</body></html>\n"
    assert body_kind(body, wrapped_in_html=False) == "html"  # issue 15: indented HTML is HTML
