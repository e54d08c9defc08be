"""inner_html: the root's content as a fragment, whatever the root's own tag and attributes."""

import sys

import pytest
from lxml import etree

from converters.clean.fragment import (
    CONTROL_CHARS,
    PARSER,
    PLAIN_DIV_TAGS,
    adopt,
    child,
    inner_html,
    tags_serialized_alone,
    without_control_chars,
)


def body_of(html: str) -> etree._Element:
    body = etree.fromstring(f"<html><body>{html}</body></html>", PARSER).find("body")
    assert body is not None
    return body


@pytest.mark.parametrize(
    "html",
    [
        "",
        "text &amp; &lt;more&gt; <p>a</p>tail<br>x<!--c-->",
        '<article class="a>b" href="x><y"><p>kept</p></article>',
        '<article a"b="1"><p>kept</p></article>',  # a name lxml parses but will not set
    ],
)
def test_inner_html_is_the_content_serialized_child_by_child(html: str) -> None:
    root = body_of(html)
    if len(root):
        root = root[0] if root[0].tag == "article" else root
    by_child = "".join(etree.tostring(c, method="html", encoding="unicode") for c in root)
    escaped = (root.text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert inner_html(root) == escaped + by_child


def test_the_plain_div_s_tags_are_what_serializing_it_alone_gives() -> None:
    assert tags_serialized_alone(etree.Element("div")) == PLAIN_DIV_TAGS


def test_inner_html_of_the_adopted_div_is_its_content_child_by_child() -> None:
    root = adopt(body_of("lead &amp; <p>a</p>tail<div><p>b</p></div><!--c-->"))
    by_child = "".join(etree.tostring(c, method="html", encoding="unicode") for c in root)
    assert inner_html(root) == "lead &amp; " + by_child


@pytest.mark.parametrize("tag", ["body", "head", "p", "nav"])
def test_child_finds_what_find_finds(tag: str) -> None:
    page = etree.fromstring("<html><head><title>t</title></head><body><p>a</p></body>", PARSER)
    for el in page.iter():
        assert child(el, tag) is el.find(tag)


def test_the_control_character_screen_removes_what_the_pattern_removes() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))  # lone surrogates included
    for start in range(0, len(every), 4096):  # each block alone: most hold no control character
        block = every[start : start + 4096]
        assert without_control_chars(block) == CONTROL_CHARS.sub("", block)
    for char in every[:256]:  # each alone, so that the screen alone must see it
        assert without_control_chars(f"中{char}") == CONTROL_CHARS.sub("", f"中{char}")
    for text in ("", "plain\ttext\r\n", "中文\x00a\x7f\x1f", "\ud800\x08", "\x80\x9f\x85"):
        assert without_control_chars(text) == CONTROL_CHARS.sub("", text)
