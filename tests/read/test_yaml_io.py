"""YAML front matter in: the direct construction builds what PyYAML's constructor builds."""

import pytest

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
