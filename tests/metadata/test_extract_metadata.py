import datetime as dt
import email.utils

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converters.document import ConversionError, Document, IsoDate, Settings
from converters.metadata.extract_metadata import (
    ALIASES,
    CANONICAL_KEYS,
    MONTHS,
    READ_INTO,
    UTC_DATE,
    extract_metadata,
    is_empty,
    normalize,
    parse_date,
)


def norm(given: dict, timezone: str | None = None) -> dict:
    return normalize(given, "post.md", Settings(timezone=timezone))[0]


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("Fri, 25 Mar 2022 15:05:43 GMT", "2022-03-25T15:05:43+00:00"),
        ("Fri, 25 Mar 2022 15:05:43 +0800", "2022-03-25T15:05:43+08:00"),
        ("2022-02-19 15:09:18", "2022-02-19T15:09:18"),
        ("2022-2-9 5:09", "2022-02-09T05:09:00"),
        ("2022-02-19T15:09:18Z", "2022-02-19T15:09:18+00:00"),
        ("2022-02-19", "2022-02-19"),
    ],
)
def test_dates_become_iso_8601_at_the_same_moment(written: str, iso: str):
    assert norm({"date": written})["date"] == iso


def test_a_time_zone_is_attached_to_zone_less_dates_and_converts_zoned_ones():
    assert norm({"date": "2022-02-19 15:09:18"}, "Asia/Shanghai")["date"] == (
        "2022-02-19T15:09:18+08:00"
    )
    assert norm({"date": "Fri, 25 Mar 2022 15:05:43 GMT"}, "Asia/Shanghai")["date"] == (
        "2022-03-25T23:05:43+08:00"
    )


@pytest.mark.parametrize("written", ["Invalid Date", "next tuesday", "2022-13-45"])
def test_an_unreadable_date_is_left_out_with_a_warning_and_the_rest_is_kept(written: str):
    metadata, warnings = normalize({"title": "t", "date": written}, "p.md", Settings())
    assert metadata == {"title": "t"}
    assert warnings == [f"front matter date: {written!r} is not a date I can read; left out"]


def test_an_unreadable_updated_date_names_its_own_key():
    _, warnings = normalize({"lastmod": "soon", "date": "2022-02-19"}, "p.md", Settings())
    assert warnings == ["front matter lastmod: 'soon' is not a date I can read; left out"]


def test_unknown_time_zone_is_an_error():
    with pytest.raises(ConversionError, match="unknown time zone"):
        norm({"date": "2022-02-19 15:09:18"}, "Mars/Olympus")


def test_canonical_keys_come_first_then_other_keys_in_input_order():
    given = {"comments": False, "zeta": 1, "author": "A", "title": "T", "alpha": 2}
    assert list(norm(given)) == ["title", "author", "comments", "zeta", "alpha"]
    assert norm(given)["comments"] is False


def test_image_aliases_collapse_into_one_image_key():
    out = norm({"headimg": "https://x/a.jpg", "thumbnail": "https://x/a.jpg", "title": "t"})
    assert out == {"title": "t", "image": "https://x/a.jpg"}


def test_empty_values_are_omitted():
    assert norm({"title": "t", "headimg": "", "tags": [], "description": None}) == {"title": "t"}


def test_title_whitespace_is_collapsed_and_entities_decoded():
    assert norm({"title": "  a\n  b &amp; c  "})["title"] == "a b & c"


def test_any_unicode_whitespace_run_is_one_space_in_a_text_value():
    assert norm({"author": "\u3000a\u00a0\u2003b\x1c\tc\u3000"})["author"] == "a b c"


def test_every_input_key_is_read_into_exactly_one_canonical_key():
    # normalize reads only the canonical keys whose input keys are given (READ_INTO)
    aliases = [alias for key in CANONICAL_KEYS for alias in ALIASES.get(key, (key,))]
    assert len(aliases) == len(set(aliases)) == len(READ_INTO)
    assert all(key in ALIASES.get(key, (key,)) for key in CANONICAL_KEYS)


def test_a_post_without_canonical_keys_keeps_its_own_in_order_and_warns_nothing():
    metadata, warnings = normalize({"zeta": 1, "layout": "post"}, "p.md", Settings())
    assert list(metadata.items()) == [("zeta", 1), ("layout", "post")]
    assert warnings == []


def test_broken_nested_and_dash_only_category_items_are_flattened():
    out = norm({"categories": ["二次元", "Animen 动漫平台", ["news"], "— news", "", "二次元"]})
    assert out["categories"] == ["二次元", "Animen 动漫平台", "news"]


def test_a_page_without_front_matter_takes_metadata_from_meta_tags():
    page = (
        "<html><head><title>Site | Story</title>"
        '<meta property="og:title" content="Story">'
        '<meta name="author" content="Jane Roe">'
        '<meta property="article:published_time" content="2021-05-01T10:00:00+02:00">'
        '<meta property="og:image" content="https://x/cover.jpg">'
        "</head><body><h1>Story</h1><p>text</p></body></html>"
    )
    doc = Document(source="p.html", front_matter={}, body=page, body_kind="html")
    meta = extract_metadata(doc, Settings()).metadata
    assert meta == {
        "title": "Story",
        "date": "2021-05-01T10:00:00+02:00",
        "author": "Jane Roe",
        "image": "https://x/cover.jpg",
    }


def test_json_ld_is_read_when_meta_tags_are_missing():
    page = (
        '<html><head><script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Big news", "author": {"name": "Li Lei"},'
        ' "datePublished": "2020-01-02"}</script></head><body><p>x</p></body></html>'
    )
    doc = Document(source="p.html", front_matter={}, body=page, body_kind="html")
    meta = extract_metadata(doc, Settings()).metadata
    assert (meta["title"], meta["author"], meta["date"]) == ("Big news", "Li Lei", "2020-01-02")


def test_a_fragment_falls_back_to_its_first_heading():
    doc = Document(source="-", front_matter={}, body="<h1>Only a heading</h1><p>x</p>")
    assert extract_metadata(doc, Settings()).metadata["title"] == "Only a heading"


def test_a_typed_scalar_keeps_the_text_it_was_written_as():
    metadata, _ = normalize({"title": 1.5}, "p.md", Settings(), {"title": "1.50"})
    assert metadata["title"] == "1.50"


def test_jekyll_style_mappings_and_lists_are_read_for_their_text():
    out = norm({"author": {"name": "Jane", "url": "https://x"}, "image": ["https://a", "b"]})
    assert out == {"author": "Jane", "image": "https://a"}
    assert norm({"tags": {"a": None, "b": None}})["tags"] == ["a", "b"]


def test_a_value_that_cannot_become_text_is_reported_not_silently_dropped():
    metadata, warnings = normalize({"title": "t", "author": [{"x": 1}]}, "p.md", Settings())
    assert "author" not in metadata
    assert warnings == ["front matter author: [{'x': 1}] is not text; left out"]


def test_a_mapping_with_fields_beyond_a_name_is_kept_whole():
    wordpress = {"display_name": "Toby", "login": "admin", "email": "t@x.org", "url": ""}
    metadata, warnings = normalize({"title": "t", "author": wordpress}, "p.md", Settings())
    assert metadata["author"] == wordpress
    assert warnings == []


def test_a_name_mapping_is_named_by_its_first_non_empty_field():
    assert norm({"author": {"name": "", "url": "https://jane.example"}})["author"] == (
        "https://jane.example"
    )


def test_only_the_generators_broken_dash_items_are_repaired():
    assert norm({"tags": ["— news", "- item", "--- x", "-1"]})["tags"] == [
        "news",
        "- item",
        "--- x",
        "-1",
    ]


def test_a_date_with_absurd_numbers_is_an_unreadable_date_not_a_crash():
    absurd = "Fri, 25 Mar 99999999999999999999 15:05:43 +99999999999999999999"
    metadata, warnings = normalize({"date": absurd}, "p.md", Settings())
    assert "date" not in metadata
    assert warnings == [f"front matter date: {absurd!r} is not a date I can read; left out"]


@given(
    weekday=st.sampled_from(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
    day=st.integers(0, 39),
    month=st.sampled_from(MONTHS),
    year=st.integers(1000, 9999),
    clock=st.tuples(st.integers(0, 29), st.integers(0, 69), st.integers(0, 69)),
)
def test_the_utc_date_form_reads_as_email_utils_reads_it(weekday, day, month, year, clock):
    text = f"{weekday}, {day:02d} {month} {year} {clock[0]:02d}:{clock[1]:02d}:{clock[2]:02d} GMT"
    assert UTC_DATE.match(text)  # the shortcut is taken, and agrees with the general parser
    try:
        expected = email.utils.parsedate_to_datetime(text)
    except ValueError:
        expected = None
    got = parse_date(text)
    assert got == expected
    assert got is None or got.isoformat() == expected.isoformat()


@pytest.mark.parametrize(
    "value",
    [None, "", [], {}, " ", "x", [None], [""], {"a": None}, 0, 0.0, False, True, 1,
     dt.date(2022, 1, 1), dt.datetime(2022, 1, 1), dt.time(0), (), IsoDate(""), IsoDate("2022")],
)  # fmt: skip
def test_is_empty_is_equality_with_an_empty_text_list_or_mapping(value: object) -> None:
    assert is_empty(value) == (value is None or value == "" or value == [] or value == {})
