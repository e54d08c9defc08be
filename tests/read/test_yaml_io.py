"""YAML front matter in: the direct construction builds what PyYAML's constructor builds."""

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters.read import yaml_io

SAMPLES = [
    "title: 标题\ndate: 2021-12-27 18:00:00\ntags:\n- a\n- b\ncategories: [新浪财经]\n",
    "count: 12\nratio: 1.50\nhex: 0x1f\nflag: yes\noff: no\nnothing: null\nempty:\ninf: .inf\n",
    "nested:\n  list:\n  - {a: 1, b: [x, y]}\n  - - deep\n    - 2\n",
    "a: 1\na: 2\n",  # a repeated key: the last value, in the first key's place
    "1: one\nnull: none\ntrue: yes\n3.5: float key\n",
    "base: &base {x: 1, y: 2}\nother:\n  <<: *base\n  y: 3\n",  # anchor, alias, merge key
    "same: &s [1, 2]\nagain: *s\n",
    "=: a value key\n",
    "set: !!set {a, b}\nomap: !!omap [{a: 1}, {b: 2}]\nbinary: !!binary aGk=\n",
    "explicit: !!str 12\nwhen: !!timestamp 2020-01-02\nmap_as_str_key: {[1, 2]: x}\n",
    "deep: " + "[" * 40 + "x" + "]" * 40 + "\n",
    "- a list\n- at the top\n",
    "just a string\n",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_load_builds_what_pyyaml_builds(text: str) -> None:
    loader = yaml_io.StringDatesLoader(text)
    try:
        expected = repr(loader.get_data())  # repr: a NaN is not equal to itself
    except yaml_io.yaml.YAMLError as error:
        with pytest.raises(type(error)):
            yaml_io.load(text)
        return
    finally:
        loader.dispose()
    assert repr(yaml_io.load(text)[0]) == expected


# ---- the direct reading of the usual front matter --------------------------------------------

# Pieces of values: YAML indicators and quotes, words read as other types, characters YAML
# refuses or reads as breaks, and plain text.
VALUE_PIECES = [
    "a", "Z", "9", "0", "中", "：", "é", " ", "  ", "\t", "\r", "\x85", "\u2028", "\u00a0",
    "\u3000", "\ufeff", "\x07", "😀", ":", ": ", " :", "#", " #", "-", "- ", "---", "...", "?",
    "? ", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "'", "''", '"', "%", "@", "`", "\\",
    "\\n", "yes", "No", "on", "true", "null", "~", "=", "<<", "0x1F", "017", "0o17", "1_000",
    "-5", "+3", "1e3", "1.5", ".inf", ".NaN", "1:30", "2022-01-01", "2022-01-01 10:00:00",
    "http://x.y/a?b=c#d", "&a ", "*a", "!!str ",
]  # fmt: skip
KEYS = ["title", "tags", "a-b", "_x", "yes", "null", "True", "1", "x y", "<<", "=", "a.b", "ü"]
SEPARATORS = [":", ": ", ":  ", ":\t", " : ", "::", ": # c"]
INDENTS = ["", " ", "  ", "   ", "\t"]
ITEM_MARKS = ["- ", "-  ", "-", "-\t", "* "]
OTHER_LINES = ["", " ", "# comment", "  # comment", "---", "...", "%YAML 1.1", "title",
               "  continued", "  nested: x", "? key", "title: >", "  folded"]  # fmt: skip

values = st.lists(st.sampled_from(VALUE_PIECES), max_size=5).map("".join)
quoted = values.map(lambda v: f"'{v}'") | values.map(lambda v: f'"{v}"')
key_lines = st.builds(
    lambda key, sep, value: key + sep + value,
    st.sampled_from(KEYS),
    st.sampled_from(SEPARATORS),
    values | quoted | st.just(""),
)
item_lines = st.builds(
    lambda indent, mark, value: indent + mark + value,
    st.sampled_from(INDENTS),
    st.sampled_from(ITEM_MARKS),
    values | quoted,
)
lines = st.one_of(key_lines, key_lines, item_lines, item_lines, st.sampled_from(OTHER_LINES))
front_matters = st.builds(
    lambda lines, end: "\n".join(lines) + end,
    st.lists(lines, max_size=8),
    st.sampled_from(["\n", ""]),
)

# Front matter as generators and people write it, with the values above: most of it is read
# directly, so the comparison below is mostly made, not declined.
list_entries = st.builds(
    lambda key, indent, items: f"{key}:" + "".join(f"\n{indent}- {item}" for item in items),
    st.sampled_from(KEYS[:3]),
    st.sampled_from(INDENTS[:3]),
    st.lists(values | quoted, min_size=1, max_size=3),
)
scalar_entries = st.builds(
    lambda key, value: f"{key}: {value}", st.sampled_from(KEYS[:6]), values | quoted
)
usual_front_matters = st.lists(
    scalar_entries | list_entries | st.sampled_from(OTHER_LINES[:3]), min_size=1, max_size=6
).map(lambda entries: "\n".join(entries) + "\n")


def typed(value: object) -> object:
    """A value with the type of every part: 1, 1.0 and True are equal in Python, not in YAML."""
    if isinstance(value, dict):
        return [(typed(key), typed(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, repr(value))


@given(front_matters | usual_front_matters)
@settings(max_examples=int(os.environ.get("YAML_EXAMPLES", "1500")))
def test_the_direct_reading_reads_what_pyyaml_reads_or_declines(text: str) -> None:
    direct = yaml_io._read_directly(text)
    if direct is None:
        return
    data, written = yaml_io._load_with_pyyaml(text)  # raises if PyYAML cannot read it
    assert typed(direct[0]) == typed(data)
    assert direct[1] == written


@pytest.mark.parametrize(
    "text",
    [
        "title: '17173&TalkingData：2020'\ncategories: \n - 新媒体\n - 199IT\nauthor: 199IT\n"
        "comments: false\ndate: Thu, 06 May 2021 18:00:11 GMT\n",
        "title: \"Hello: world\"\ntags:\n- a\n- 'b c'\ndraft: no\nweight: 10\nempty:\n",
        "# a comment\ntitle: It's C# and a:b\nratio: 1.50\nwhen: 2022-01-01 10:00:00\n",
    ],
)
def test_the_usual_front_matter_is_read_directly(text: str) -> None:
    direct = yaml_io._read_directly(text)
    assert direct is not None
    data, written = yaml_io._load_with_pyyaml(text)
    assert (typed(direct[0]), direct[1]) == (typed(data), written)


def test_front_matter_past_the_budget_is_too_large_however_it_is_read() -> None:
    # Usual lines all, so only the line budget sends it on to PyYAML and its size check.
    text = "".join(f"key{number}: x\n" for number in range(yaml_io.MAX_NODES // 2))
    with pytest.raises(yaml_io.TooLarge):
        yaml_io.load(text)
