"""The tidy steps: attributes dropped by name keep the others as a rebuild would."""

import pytest
from lxml import etree

from converters.clean.fragment import PARSER
from converters.clean.tidy import KEEP_ATTRIBUTES, drop_attributes


@pytest.mark.parametrize(
    "tag",
    [
        '<p xmlns:o="u" o:p="1" data-a="3" class="c" xml:lang="en" style="s" id="i">',
        '<img width="1" src="a.png" style="s" alt="x" data-src="b.png" title="t">',
        '<sp\t{<sp class="c" style="s">',  # the parser takes "{" as an attribute name
        '<a href="/u" onclick="go()" rel="nofollow">',
    ],
)
def test_attributes_dropped_by_name_leave_what_a_rebuild_leaves(tag: str) -> None:
    root = etree.fromstring(f"<html><body>{tag}x</body></html>", PARSER).find("body")[0]
    expected = [(name, value) for name, value in root.items() if name in KEEP_ATTRIBUTES]
    drop_attributes(root, [name for name in root.attrib if name not in KEEP_ATTRIBUTES])
    assert root.items() == expected  # the same names, values and order
