"""tree.tagged: what root.iter(*tags) finds, whichever way it is found."""

import pytest
from lxml import etree

from converters.clean.fragment import NEVER_CONTENT_NODES, PARSER
from converters.clean.line_signals import LINE_TAGS
from converters.clean.tree import BLOCK_TAGS, HEADINGS, holds, tagged


def tree_of(paragraphs: int) -> etree._Element:
    one = "<div><p>a <b>b</b><!-- c --></p><h2>d</h2><script>e</script><?pi f?></div>"
    root = etree.fromstring(f"<html><body>{one * paragraphs}</body></html>", PARSER)
    return root.find("body")


@pytest.mark.parametrize("paragraphs", [0, 1, 3, 100])  # small trees and one past every budget
@pytest.mark.parametrize("tags", [BLOCK_TAGS, LINE_TAGS, HEADINGS, NEVER_CONTENT_NODES])
def test_tagged_finds_what_lxml_iter_finds(paragraphs: int, tags: frozenset[object]) -> None:
    root = tree_of(paragraphs)
    assert tagged(root, tags) == list(root.iter(*tags))


@pytest.mark.parametrize("tag", ["img", "b", "p", "div"])
def test_holds_says_what_find_says(tag: str) -> None:
    root = tree_of(2)
    root.append(etree.fromstring("<div><img/><p><span><img/></span></p></div>", PARSER)[0][0])
    for el in root.iter():
        assert holds(el, tag) == (el.find(f".//{tag}") is not None)
