"""Layout tables become blocks; tables of data stay tables (through the whole pipeline)."""

import pytest

from converters import pipeline


def markdown(html: str) -> str:
    return pipeline.convert(html).markdown


def test_an_article_in_one_cell_keeps_its_paragraphs() -> None:
    html = (
        "<table width=560><tr><td class=content><p>　　The first paragraph.</p>"
        "<p><strong>　　A subhead</strong></p><p>　　The second paragraph.</p></td></tr></table>"
    )
    assert markdown(html) == "The first paragraph.\n\n**A subhead**\n\nThe second paragraph.\n"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("<h2>Section</h2>Text under it.", "## Section\n\nText under it."),
        (
            "<table><tr><td>inner</td><td>box</td></tr></table>Text beside it.",
            "| inner | box |\n| --- | --- |\n\nText beside it.",
        ),
        (
            "<p>A paragraph.</p><blockquote>A quotation.</blockquote>",
            "A paragraph.\n\n> A quotation.",
        ),
    ],
)
def test_a_cell_holding_blocks_makes_the_table_layout(cell: str, expected: str) -> None:
    html = f"<table><tr><td>Menu</td><td>{cell}</td></tr></table>"
    assert markdown(html) == f"Menu\n\n{expected}\n"


def test_a_table_of_data_stays_a_table() -> None:
    html = (
        "<table><tr><th>City</th><th>People</th></tr><tr><td><p>Bern</p></td><td>134,000</td>"
        "</tr><tr><td>Basel</td><td><a href='https://example.org/basel'>177,000</a></td></tr>"
        "</table>"
    )
    assert markdown(html) == (
        "| City | People |\n| --- | --- |\n| Bern | 134,000 |\n"
        "| Basel | [177,000](https://example.org/basel) |\n"
    )


def test_a_one_cell_table_with_a_caption_is_data() -> None:
    html = "<table><caption>Table 1. Totals</caption><tr><td>42</td></tr></table>"
    assert "| 42 |" in markdown(html)


def test_the_cells_of_a_layout_table_are_read_row_by_row() -> None:
    html = (
        "<table><tr><td><p>One.</p><p>Two.</p></td><td>Three.</td></tr>"
        "<tr><td colspan=2>Four.</td></tr></table>"
    )
    assert markdown(html) == "One.\n\nTwo.\n\nThree.\n\nFour.\n"
