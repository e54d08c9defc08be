"""The direct writer of the usual front matter writes what PyYAML writes, or declines."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from converters.document import IsoDate
from converters.write.yaml_dump import DUMP_OPTIONS, _emitted, dump

EXAMPLES = int(os.environ.get("YAML_EXAMPLES", "1500"))

# Pieces that are YAML syntax somewhere, words YAML reads as other types, and characters that
# libyaml escapes, quotes or breaks lines at.
PIECES = [
    "a", "Z", "9", "0", "1.5", "中", "文", "：", "，", "é", " ", "  ", "\t", "\n", "\r", "\x85",
    "\u2028", "\u2029", "\u00a0", "\u3000", "\u200b", "\ufeff", "\ufffe", "\x00", "\x07", "\x7f",
    "😀", "\U0001f1e8", ":", ": ", " :", "#", " #", "# ", "-", "- ", "--", "---", "...", ".",
    "?", "? ", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", "\\",
    "\\U0001F600", "\\\\", "yes", "No", "on", "OFF", "true", "null", "~", "Null", "=", "<<",
    "0x1F", "0o17", "017", "1_000", "-5", "+3", "1e3", ".inf", ".NaN", "1:30", "190:20:30",
    "2022-01-01", "2022-1-1 10:00:00", "2022-01-01T10:00:00+08:00", "http://x.y/a?b=c#d",
]  # fmt: skip

texts = st.lists(st.sampled_from(PIECES), max_size=8).map("".join) | st.text(max_size=12)
simple_keys = st.sampled_from(["title", "date", "tags", "a_b", "a-b", "_x", "yes", "null", "ON"])
keys = simple_keys | texts
dates = st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31))
usual_scalars = st.one_of(
    texts,
    texts.map(IsoDate),
    dates,
    dates.map(lambda moment: moment.date()),
    dates.map(lambda moment: IsoDate(moment.isoformat())),
    st.booleans(),
    st.integers(),
    st.none(),
)
scalars = usual_scalars | st.floats()
values = scalars | st.lists(scalars, max_size=4) | st.dictionaries(texts, scalars, max_size=2)
usual_values = usual_scalars | st.lists(usual_scalars, min_size=1, max_size=4)


@given(st.dictionaries(keys, values, max_size=6))
@settings(max_examples=EXAMPLES)
def test_the_direct_writer_writes_what_pyyaml_writes_or_declines(data: dict[str, object]) -> None:
    direct = _emitted(data)
    if direct is not None:
        assert direct == yaml.dump(data, **DUMP_OPTIONS)


@given(st.dictionaries(simple_keys, usual_values, min_size=1, max_size=4))
@settings(max_examples=EXAMPLES)
def test_usual_values_are_written_as_pyyaml_writes_them(data: dict[str, object]) -> None:
    direct = _emitted(data)
    if direct is not None:
        assert direct == yaml.dump(data, **DUMP_OPTIONS)


@pytest.mark.parametrize(
    "data",
    [
        {"title": "T", "date": IsoDate("2021-05-06T18:00:11+00:00"), "comments": False},
        {"title": "'quoted' and : colon", "categories": ["新媒体", "199IT", "首页更新"]},
        {"title": '"每日坚果鼻祖"沃隆IPO', "author": "36kr", "views": 12},
        {"title": '@user 😡 \\ "x"', "image": "https://x.org/a.png?w=1#top"},
        {"title": " edge\u3000", "tags": ["yes", "1.5", "- x", "a: b", "a #b", ""]},
        {"date": dt.date(2020, 1, 2), "updated": dt.datetime(2020, 1, 2, 3, 4, 5)},
    ],
)
def test_the_usual_front_matter_takes_the_direct_way(data: dict[str, object]) -> None:
    direct = _emitted(data)
    assert direct is not None
    assert direct == yaml.dump(data, **DUMP_OPTIONS)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": "line\nbreak"},
        {"ratio": 1.5},
        {"author": {"name": "A"}},
        {"tags": []},
        {"a b": "key with a space"},
        {"tags": (shared := ["x"]), "categories": shared},
        {"title": "tab\there"},
    ],
)
def test_anything_else_is_left_to_pyyaml(data: dict[str, object]) -> None:
    assert _emitted(data) is None
    assert dump(data) == dump(dict(data))  # and still written


def test_emoji_come_out_as_they_are_either_way() -> None:
    assert dump({"title": "a 😀 b"}) == 'title: "a 😀 b"\n'
    assert dump({"title": "a 😀 b", "ratio": 0.5}) == 'title: "a 😀 b"\nratio: 0.5\n'
