"""The check before writing: clean output passes cheaply, doubtful output is judged exactly."""

import pytest

from converters.check import safety
from converters.check.check_output import _clears_screen, check_output
from converters.document import ConversionError, Document, Settings

SETTINGS = Settings()


def doc(html: str, markdown: str, kind: str = "html") -> Document:
    return Document(source="p.md", front_matter={}, body=html, body_kind=kind, html=html,
                    markdown=markdown)  # fmt: skip


def test_clean_output_clears_the_screen():
    clean = doc("<p>Some <b>bold</b> text, 中文。</p>", "Some **bold** text, 中文。\n")
    assert _clears_screen(clean)
    assert check_output(clean, SETTINGS) is clean


def test_escaped_markup_clears_the_screen():
    assert _clears_screen(doc("<p>a &lt;div&gt; b</p>", "a \\<div\\> b\n"))


@pytest.mark.parametrize(
    "markdown",
    ["<div>x</div>\n", "a <span>x</span>\n", "\\\\<b>x</b>\n", "[x](javascript:alert(1))\n"],
)
def test_raw_html_or_a_script_link_fails_the_file(markdown: str):
    with pytest.raises(ConversionError, match=r"p\.md: check: "):
        check_output(doc("<p>x</p>", markdown), SETTINGS)


def test_text_missing_from_the_markdown_fails_the_file():
    with pytest.raises(ConversionError, match="missing from the Markdown: 'second'"):
        check_output(doc("<p>first</p><p>second</p>", "first\n"), SETTINGS)


def test_an_autolink_is_doubtful_but_passes_the_exact_check():
    autolink = doc("<p>see https://example.com</p>", "see <https://example.com>\n")
    assert not _clears_screen(autolink)
    assert check_output(autolink, SETTINGS) is autolink


def test_text_moved_in_order_or_reflowed_still_counts_as_shown():
    moved = doc("<p>a\n b</p><ul><li>one</li></ul>", "a b\n\n- one\n")
    assert check_output(moved, SETTINGS) is moved


def test_hidden_text_is_not_asked_for_but_what_follows_it_is():
    html = "<p>a<script>var s</script>b<!-- note -->c<svg><text>d</text></svg>e</p>"
    page = doc(html, "a b c e\n")
    assert check_output(page, SETTINGS) is page
    assert safety.check_output(page, SETTINGS) is page
    with pytest.raises(ConversionError, match="missing from the Markdown: 'e'"):
        safety.check_output(doc(html, "a b c\n"), SETTINGS)
