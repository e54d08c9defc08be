import itertools
import re

import pytest

from converters.document import ConversionError, Settings
from converters.read.read_post import body_kind, decode_braces, read_post

SETTINGS = Settings()


def read(text: str):
    return read_post(text, "post.md", SETTINGS)


def test_newline_before_the_opening_fence_is_tolerated():
    doc = read("\n---\ntitle: 'Hi'\n---\n\n<p>x</p>")
    assert doc.front_matter == {"title": "Hi"}
    assert doc.body.strip() == "<p>x</p>"


def test_brace_entities_are_decoded_in_front_matter_and_body():
    doc = read("---\ntitle: 'a &#123;b&#125;'\n---\n<style>.x&#123;color:red&#125;</style><p>y</p>")
    assert doc.front_matter["title"] == "a {b}"
    assert ".x{color:red}" in doc.body


def test_dates_stay_the_strings_they_were_written_as():
    doc = read("---\ndate: 2022-02-19 15:09:18\n---\n")
    assert doc.front_matter["date"] == "2022-02-19 15:09:18"


def test_multi_line_single_quoted_title_is_read():
    doc = read("---\ntitle: '@u \"\nline one\nline two\n\"'\nauthor: M\n---\n")
    assert doc.front_matter["title"] == '@u " line one line two "'
    assert doc.front_matter["author"] == "M"


def test_title_with_both_quote_kinds_falls_back_to_a_loose_reading():
    doc = read("---\ntitle: '@u \"it's\"'\ncategories: \n - a\n - b\ncomments: false\n---\n")
    assert doc.front_matter["title"] == '@u "it\'s"'
    assert doc.front_matter["categories"] == ["a", "b"]


def test_front_matter_that_is_not_a_mapping_is_an_error_naming_the_stage():
    with pytest.raises(ConversionError, match=r"post\.md: read: front matter is a list"):
        read("---\n- a\n- b\n---\n<p>body</p>")


def test_front_matter_that_is_not_a_mapping_is_kept_with_a_warning_around_markdown():
    doc = read("---\n- a\n- b\n---\nbody")
    assert (doc.front_matter, doc.front_text) == ({}, "---\n- a\n- b\n---\n")
    assert doc.warnings == ("front matter is a list, not keys; kept as written",)


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: x\nbody without a closing fence\n",
        "\n \n---  \ntitle: x\n",
        "+++\ntitle = 'x'\n",
        '---\n{"title": "x"}\n',  # JSON after a YAML fence is no JSON block
    ],
)
def test_unterminated_front_matter_is_an_error(text: str):
    with pytest.raises(ConversionError, match="never ends"):
        read(text)


def test_brace_entities_are_found_as_the_spelled_out_pattern_finds_them():
    spelled_out = re.compile(r"(?<!\\)(?:&#123;|&#125;|&#x7b;|&#x7d;)", re.I)
    entities = ["&#123;", "&#125;", "&#x7b;", "&#X7B;", "&#x7D;", "&#X7d;", "&#124;", "&#x7c;"]
    pieces = [*entities, "\\", "\\\\", "&", "&#", "#", "x", "12", "3;", "&amp;#123;"]
    for text in map("".join, itertools.product(pieces, repeat=3)):
        assert decode_braces(text) == spelled_out.sub(
            lambda match: "{" if match.group().lower() in ("&#123;", "&#x7b;") else "}", text
        ), text


def test_python_tags_are_never_constructed():
    doc = read("---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n")
    assert "title" in doc.front_matter and not isinstance(doc.front_matter["title"], int)


def test_alias_bomb_is_refused():
    rows = ["a: &a [x,x,x,x,x,x,x,x,x,x]"]
    for name, prev in zip("bcdefgh", "abcdefg", strict=True):
        rows.append(f"{name}: &{name} [{','.join(['*' + prev] * 10)}]")
    with pytest.raises(ConversionError, match="alias bomb"):
        read("---\n" + "\n".join(rows) + "\n---\n")


def test_the_generators_bare_div_wrapper_is_removed():
    doc = read("---\ntitle: t\n---\n<div>   \n<p>a</p><div class='x'>b</div>  \n</div>\n   ")
    assert doc.body.strip() == "<p>a</p><div class='x'>b</div>"


def test_two_sibling_divs_are_not_mistaken_for_a_wrapper():
    doc = read("<div>a</div><div>b</div>")
    assert doc.body == "<div>a</div><div>b</div>"


@pytest.mark.parametrize(
    ("body", "wrapped", "kind"),
    [
        ("<p>hello</p>", False, "html"),
        ("<p>hello</p>", True, "html"),
        ("line one\nline two", True, "text"),
        ("1、中文编号\n2、第二条 *不是强调*", True, "text"),
        ("# Title\n\nSome *text*.", False, "markdown"),
        ("Already *clean*.", False, "markdown"),
        ("5 < 6 and 7 > 3", False, "markdown"),
        ("\\<A\n\n\\>", False, "markdown"),
        ("Use `<div>` here\n\n```html\n<p>x</p>\n```\n", False, "markdown"),
    ],
)
def test_body_kind(body: str, wrapped: bool, kind: str):
    assert body_kind(body, wrapped) == kind


def test_a_bare_markdown_body_is_markdown_and_a_wrapped_one_is_text():
    assert read("---\ntitle: t\n---\n\nSome *text*.\n").body_kind == "markdown"
    assert read("---\ntitle: t\n---\n<div>\nSome *text*.\n</div>").body_kind == "text"


def test_entities_in_a_plain_text_body_are_decoded():
    doc = read("---\ntitle: t\n---\n<div>\nAT&amp;T &#x4e2d;\n</div>")
    assert doc.body_kind == "text"
    assert doc.body.strip() == "AT&T 中"


def test_empty_front_matter_is_an_empty_mapping():
    doc = read("---\n---\nbody text")
    assert doc.front_matter == {}
    assert doc.body == "body text"


def test_only_the_first_closing_fence_ends_the_front_matter():
    doc = read("---\ntitle: 'x'\nauthor: y\n---\n---\nafter")
    assert doc.front_matter == {"title": "x", "author": "y"}
    assert doc.body == "---\nafter"
