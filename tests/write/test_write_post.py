import yaml

from converters.document import IsoDate
from converters.write.write_post import ordered, render


def front(text: str) -> dict:
    head, _, _ = text[4:].partition("\n---\n")
    return yaml.safe_load(head)


def test_document_layout_fence_yaml_fence_blank_line_body():
    assert render({"title": "T"}, "Body.\n") == "---\ntitle: T\n---\n\nBody.\n"


def test_empty_body_leaves_just_the_front_matter():
    assert render({"title": "T"}, "") == "---\ntitle: T\n---\n"


def test_dates_are_written_unquoted_in_iso_form():
    out = render({"date": IsoDate("2022-03-25T15:05:43+00:00")}, "")
    assert "\ndate: 2022-03-25T15:05:43+00:00\n" in out


def test_unicode_is_written_as_is_and_long_titles_are_not_folded():
    title = "吉林省委书记：当前全省疫情防控正处于背水一战 " * 10
    out = render({"title": title.strip()}, "")
    assert out.count("\n") == 3
    assert "吉林" in out


def test_yaml_tricks_in_values_round_trip_to_the_same_strings():
    tricky = {
        "title": "---",
        "a": "key: value # not a comment",
        "b": "&anchor",
        "c": "*alias",
        "d": "!tag",
        "e": "'quoted\" both",
        "f": "line\nbreak",
        "g": "yes",
        "h": "2022-01-01",
        "i": "...",
    }
    assert front(render(tricky, "")) == tricky


def test_canonical_order_and_empty_values_dropped():
    meta = {"comments": False, "editor": "E", "title": "T", "tags": [], "author": "A"}
    assert list(ordered(meta)) == ["title", "author", "editor", "comments"]


def test_keys_named_like_python_frontmatter_arguments_survive():
    assert front(render({"content": "c", "handler": "h"}, "")) == {"content": "c", "handler": "h"}


def test_emoji_and_other_astral_characters_are_written_as_is():
    out = render({"title": '@user " 😡 "'}, "")
    assert "😡" in out
    assert front(out) == {"title": '@user " 😡 "'}
