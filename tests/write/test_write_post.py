import pytest
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


# ---- front matter kept as written or normalized ------------------------------------------------

HAND_WRITTEN = (
    "---\n# the post's own comment\ntitle: 'Hello'  # inline comment\n"
    "date: 2021-09-27 14:45:46 +0530\n"
    "tags: [a, b]\n---\n\nIntro.\n\n<!-- more -->\n\n{% include note.html %}\n"
)
HUGO = '+++\ntitle = "Hugo post" # c\nweight = 3\n+++\n\n{{< youtube x >}}\n'
SCRAPED = (
    "---\ntitle: 'Scraped'\ndate: 2022-02-19 15:09:18\n---\n<div><p>Body <b>text</b>.</p></div>\n"
)


def converted(text: str, mode: str = "auto") -> str:
    from converters import Settings, convert

    return convert(text, path="post.md", settings=Settings(front_matter=mode)).text  # type: ignore[arg-type]


def test_a_markdown_post_keeps_its_front_matter_as_written_by_default():
    assert converted(HAND_WRITTEN) == HAND_WRITTEN
    assert converted(HUGO) == HUGO


def test_a_converted_post_gets_the_canonical_front_matter_by_default():
    out = converted(SCRAPED)
    assert out == "---\ntitle: Scraped\ndate: 2022-02-19T15:09:18\n---\n\nBody **text**.\n"


def test_normalize_everywhere_gives_a_markdown_post_canonical_yaml_and_its_body_as_is():
    out = converted(HUGO, "normalize")
    assert out == "---\ntitle: Hugo post\nweight: 3\n---\n\n{{< youtube x >}}\n"
    assert converted(out, "normalize") == out


def test_keep_everywhere_keeps_a_converted_posts_front_matter_text():
    out = converted(SCRAPED, "keep")
    assert out == "---\ntitle: 'Scraped'\ndate: 2022-02-19 15:09:18\n---\n\nBody **text**.\n"


def test_no_front_matter_is_added_to_a_file_that_had_none():
    assert converted("# README\n\nText <br> more.\n") == "# README\n\nText <br> more.\n"
    assert converted("# README\n", "normalize") == "# README\n"


def test_a_crlf_markdown_post_comes_back_byte_for_byte():
    crlf = HAND_WRITTEN.replace("\n", "\r\n")
    assert converted(crlf) == crlf
    assert "\r" not in converted(SCRAPED.replace("\n", "\r\n"))  # a converted post is LF


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\n# mine\ntitle: T  # kept\nimage: https://picsum.photos/200\ndate: 2020-1-2\n---\n"
            "\n![shot](/img/a.png)\n",
            "---\n# mine\ntitle: T  # kept\nimage: /img/a.png\ndate: 2020-1-2\n---\n"
            "\n![shot](/img/a.png)\n",
        ),
        (
            '+++\ntitle = "T" # kept\ncover = "https://picsum.photos/1"\n\n[params]\nx = 1\n+++\n'
            "\nNo image.\n",
            '+++\ntitle = "T" # kept\n\n[params]\nx = 1\n+++\n\nNo image.\n',
        ),
        (
            '{\n  "title": "T",\n  "image": "https://via.placeholder.com/1"\n}\n\nText\n',
            '{\n  "title": "T"\n}\n\nText\n',
        ),
    ],
    ids=["yaml-replaced", "toml-removed", "json-removed"],
)
def test_a_placeholder_cover_is_the_one_change_made_to_a_kept_front_matter(text, expected):
    assert converted(text) == expected
    assert converted(expected) == expected


def test_an_unreadable_date_goes_from_a_kept_front_matter_and_a_template_stays():
    broken = "---\ntitle: T # mine\ndate: Invalid Date\ntags:\n- a\n---\n\nText\n"
    assert converted(broken) == "---\ntitle: T # mine\ntags:\n- a\n---\n\nText\n"
    scaffold = "---\ntitle: {{ title }}\ndate: {{ date }}\ntags:\n---\n"  # Hexo's scaffolds/
    assert converted(scaffold) == scaffold


def test_a_post_that_comes_out_unchanged_keeps_even_mixed_line_endings():
    mixed = "---\r\ntitle: T\r\n---\n\nBody\r\nline\n"
    assert converted(mixed) == mixed
    assert converted("\ufeff# Notes\n") == "\ufeff# Notes\n"  # a byte order mark, through the API


def test_a_kept_date_with_digits_stays_even_when_we_cannot_read_it():
    # a day-first date, and an offset of one digit as an 11ty post wrote it: a site may read them
    for date in ("21.10.2024 09:34", "2024-10-21 09:34:00+5:30 IST"):
        post = f"---\ntitle: T # mine\ndate: {date}\n---\n\nText\n"
        assert converted(post) == post
