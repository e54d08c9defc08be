"""Front matter in every form a static-site generator reads, found and kept as written."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters.document import ConversionError, Settings
from converters.pipeline import convert
from converters.read import front_matter
from converters.read.front_matter import split
from converters.read.read_post import read_post


def read(text: str):
    return read_post(text, "post.md", Settings())


@pytest.mark.parametrize(
    ("text", "kind", "block", "body"),
    [
        ("---\ntitle: T # c\n---\n\nBody\n", "yaml", "---\ntitle: T # c\n---\n", "\nBody\n"),
        ('+++\ntitle = "T"\n+++\n\nBody\n', "toml", '+++\ntitle = "T"\n+++\n', "\nBody\n"),
        ('+++  \ntitle = "T"\n+++\nBody', "toml", '+++  \ntitle = "T"\n+++\n', "Body"),
        (
            '+++\ntitle = "T"\n+++\n\n---\n\n## A',
            "toml",
            '+++\ntitle = "T"\n+++\n',
            "\n---\n\n## A",
        ),
        ('{\n  "title": "T"\n}\n\nBody\n', "json", '{\n  "title": "T"\n}\n', "\nBody\n"),
        ("title: T\ntags:\n- a\n---\n\nBody\n", "yaml", "title: T\ntags:\n- a\n---\n", "\nBody\n"),
        ("title: T\n----\n# H\n", "yaml", "title: T\n----\n", "# H\n"),
        ("---\ntitle: T\n...\nBody\n---\n", "yaml", "---\ntitle: T\n...\n", "Body\n---\n"),
    ],
    ids=[
        "yaml",
        "toml",
        "toml-fence-spaces",
        "toml-then-rule",
        "json",
        "hexo-unopened",
        "dashes",
        "yaml-closed-by-dots",
    ],
)
def test_the_block_is_found_and_kept_exactly(text: str, kind: str, block: str, body: str):
    found, rest = split(text)
    assert (found.format, found.text, rest) == (kind, block, body)
    assert found.text + rest == text


@pytest.mark.parametrize(
    "text",
    [
        "# README\n\nNo front matter.\n",
        "{% raw %}\n{{ x }}\n{% endraw %}\n",
        "{: .note}\nText\n",
        "{{< youtube x >}}\n",
        "Note: this is a sentence.\n\nMore text\n---\n",  # a setext heading, not front matter
        "- a\n- b\n---\n",
    ],
    ids=["markdown", "liquid-raw", "kramdown-ial", "shortcode", "setext", "list"],
)
def test_a_body_that_only_looks_like_front_matter_is_body(text: str):
    found, rest = split(text)
    assert (found.format, rest) == (None, text)


def test_a_pandoc_metadata_block_closed_by_dots_is_read_and_the_post_kept():
    text = "---\ntitle: Großer Titel\nauthor: K. M.\n...\nPandoc *understands* it.\n"
    doc = read(text)
    assert doc.front_matter == {"title": "Großer Titel", "author": "K. M."}
    assert convert(text, path="post.md").text == text


def test_toml_and_json_data_are_read():
    toml = read('+++\ntitle = "T"\nweight = 3\n# a comment\ntags = ["a", "b"]\n+++\n\nx\n')
    assert toml.front_matter == {"title": "T", "weight": 3, "tags": ["a", "b"]}
    assert (toml.front_format, toml.front_text[:3]) == ("toml", "+++")
    json = read('{\n  "title": "T",\n  "draft": false\n}\n\nx\n')
    assert (json.front_matter, json.front_format) == ({"title": "T", "draft": False}, "json")


def test_hexo_front_matter_without_an_opening_fence_is_read():
    doc = read("title: 标题\ndate: 2020-01-01 20:28:32\ncategories:\n- a\n---\n\n正文\n")
    assert doc.front_matter == {"title": "标题", "date": "2020-01-01 20:28:32", "categories": ["a"]}
    assert doc.body == "\n正文\n"


def test_toml_that_does_not_parse_is_kept_as_written_around_a_markdown_body():
    doc = read("+++\ndate = {{ .Date }}\n+++\n\nText\n")  # a Hugo archetype
    assert doc.front_matter == {}
    assert doc.front_text == "+++\ndate = {{ .Date }}\n+++\n"
    assert doc.warnings and "not valid TOML" in doc.warnings[0]


def test_toml_that_does_not_parse_fails_a_post_to_convert():
    with pytest.raises(ConversionError, match=r"post\.md: read: front matter is not valid TOML"):
        read("+++\ntitle = \n+++\n<div><p>scraped</p></div>")


def test_no_front_matter_is_none():
    doc = read("# Notes\n\nText.\n")
    assert (doc.front_format, doc.front_text, doc.front_matter) == (None, "", {})


# The fence patterns as first written, with a lazy `.*?` under re.S: the fewest characters up
# to a newline. The patterns in use take whole lines; they must find the same block.
LAZY_FENCED = re.compile(
    r"\A(?:[ \t]*\n)*(?:(?P<yaml>---)|\+\+\+)[ \t]*\n"
    r"(?P<content>(?:.*?\n)??)(?(yaml)(?:---|\.\.\.)|\+\+\+)[ \t]*(?:\n|\Z)",
    re.S,
)
LAZY_UNOPENED = re.compile(
    r"\A(?P<content>[A-Za-z_][\w-]*:(?:[ \t][^\n]*)?\n(?:.*?\n)??)-{3,}[ \t]*(?:\n|\Z)", re.S
)
FENCE_LINES = ["---", "+++", "...", "----", "--- ", "\t---", "", " ", "title: x", "a", "a\r"]
texts_of_lines = st.builds(
    lambda lines, end: "\n".join(lines) + end,
    st.lists(st.sampled_from(FENCE_LINES), max_size=8),
    st.sampled_from(["", "\n"]),
)


@given(texts_of_lines)
@settings(max_examples=2000)
def test_the_line_wise_fence_patterns_find_what_the_lazy_ones_found(text: str):
    for line_wise, lazy in (
        (front_matter.FENCED, LAZY_FENCED),
        (front_matter.UNOPENED, LAZY_UNOPENED),
    ):
        found, expected = line_wise.match(text), lazy.match(text)
        assert (found and found.groupdict(), found and found.end()) == (
            expected and expected.groupdict(),
            expected and expected.end(),
        )
