"""The cheap screen is never weaker than the exact check it stands for: whatever the check
rejects, the screen sends to it. Markdown is drawn from pieces that are syntax somewhere
(emphasis, targets, fences, list numbers, references, escapes, encoded schemes), and the texts
the HTML must show are drawn from slices of that Markdown, so that both verdicts occur."""

from __future__ import annotations

import html
import os
import re
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters.check import safety
from converters.check.check_output import (
    BACKSLASH_ESCAPE,
    LINE_MARKERS,
    PLAIN_TARGET,
    _all_text_shown,
    _clears_screen,
    _runs_code,
    _shown_text,
    check_output,
    without_line_markers,
)
from converters.clean import url_safety
from converters.document import ConversionError, Document, Settings
from converters.markdown.html_parse import body_tree

SETTINGS = Settings()
EXAMPLES = int(os.environ.get("SCREEN_EXAMPLES", "400"))

PIECES = [
    "a", "b", "Z", "9", "中", "，", " ", "  ", "\t", "\n", "\n\n", "\u200b", "\u00a0",
    "*", "**", "_", "~~", "`", "```", "~~~", "[", "]", "(", ")", "](", "![", "<", ">", "!",
    "&", "#", "# ", ";", ":", "\\", "%", "|", "-", "---", "1. ", "2) ", "> ", "- ", '"', "'",
    "&amp;", "&#65;", "&#x73;", "&colon;", "&copy", "%73", "%66", "%3A", "%3a", "%09",
    "javascript:", "java", "script", "file:", "ile:", "data:", "JaVa", "vbscript:",
    "<b>", "<x@y.z>", "<http://a>", "<!-- c -->", "[r]: /u", "[r]", "\\]", "\\(", "\\)",
    '](u "t")', "](u)", "](javascript:x)", "(a(b))", "\n```\n", "\n~~~\n", "\n```x\n",
    "\n    ", "\n- ```\n", "\n> ```\n", "\n```\n<b>\n```\n",
]  # fmt: skip


@st.composite
def documents(draw: st.DrawFn) -> Document:
    markdown = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=25)))
    bounds = st.integers(0, len(markdown))
    slices = draw(st.lists(st.tuples(bounds, bounds), max_size=4))
    texts = [markdown[a:b] for a, b in slices]
    texts += draw(st.lists(st.sampled_from(PIECES), max_size=2))
    if draw(st.booleans()):
        body = "".join(f"<p>{html.escape(text)}</p>" for text in texts)
        return Document("p.md", {}, body, "html", html=body, markdown=markdown)
    body = "\n".join(text.replace("\n", " ") for text in texts)
    return Document("p.md", {}, body, "text", html=body, markdown=markdown)


@given(documents())
@settings(max_examples=EXAMPLES, deadline=None)
def test_what_the_check_rejects_the_screen_never_clears(doc: Document) -> None:
    try:
        safety.check_output(doc, SETTINGS)
    except ConversionError:
        assert not _clears_screen(doc)


@given(documents())
@settings(max_examples=EXAMPLES, deadline=None)
def test_all_the_text_in_one_piece_is_each_text_in_order(doc: Document) -> None:
    """The screen's first try (the body's whole text, once) clears only what the text by text
    comparison it stands for clears."""
    if doc.body_kind == "html" and doc.html.strip():
        root = body_tree(doc)[0]
        shown = safety.comparable(_shown_text(doc.markdown))
        if safety.comparable(safety.all_text(root)) in shown:
            assert _all_text_shown(safety.visible_texts(root), shown)


def test_what_the_scheme_probe_takes_out_is_a_space_or_unprintable() -> None:
    """So a printable target without a space is its own probe, but for case."""
    every_character = "".join(map(chr, range(0x110000)))
    taken = url_safety.INVISIBLE.findall(every_character)
    assert taken and all(c == " " or not c.isprintable() for c in taken)


@given(st.lists(st.sampled_from([*PIECES, "\u3000", "\x85", "%E3%80%80", "\u00adfile:"]),
                max_size=12).map("".join))  # fmt: skip
@settings(max_examples=EXAMPLES, deadline=None)
def test_a_code_scheme_is_found_as_the_probe_finds_it(target: str) -> None:
    probe = url_safety.scheme_probe(unquote(BACKSLASH_ESCAPE.sub(r"\1", target)))
    assert _runs_code(target) == any(scheme in probe for scheme in url_safety.CODE_SCHEMES)


@pytest.mark.parametrize(
    "target",
    [
        "%66ile:///etc/passwd",
        "java%73cript:alert(1)",
        "JAVA%53CRIPT:alert(1)",
        "java%09script:alert(1)",
        "file\\:///etc/passwd",
        "java&#115;cript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "data\\:text/html,x",
    ],
)
def test_an_encoded_scheme_is_judged_by_the_check_and_fails(target: str) -> None:
    doc = Document("p.md", {}, "<p>x</p>", html="<p>x</p>", markdown=f"[x]({target})\n")
    assert not _clears_screen(doc)
    with pytest.raises(ConversionError, match="unsafe link target"):
        check_output(doc, SETTINGS)


def test_the_writers_plain_links_and_code_still_clear_the_screen() -> None:
    body = (
        '<ul><li>see <a href="https://x.org/a_(b)">a <b>link</b></a> 中文，</li></ul>'
        "<ol><li>x = 1</li></ol><pre>y</pre>"
    )
    markdown = (
        '- see [a **link**](https://x.org/a_\\(b\\) "t") 中文，\n\n1. x = 1\n\n```py\ny\n```\n'
    )
    assert _clears_screen(Document("p.md", {}, body, html=body, markdown=markdown))


def test_markup_inside_fenced_code_is_no_doubt() -> None:
    body = "<pre>Map&lt;String, Integer&gt; m; // &amp;</pre><p>and <b>x</b></p>"
    markdown = "```java\nMap<String, Integer> m; // &amp;\n```\n\nand **x**\n"
    assert _clears_screen(Document("p.md", {}, body, html=body, markdown=markdown))
    outside = "```java\nMap<String, Integer> m; // &amp;\n```\n\nand <b>x</b>\n"
    assert not _clears_screen(Document("p.md", {}, body, html=body, markdown=outside))


# The target the writer writes, as first written: one alternative per character (the screen's
# pattern matches runs possessively, which must change no match).
REFERENCE_TARGET = re.compile(r'\]\((?:[^\s()<>\\]|\\[!-/:-@\[-`{-~])*(?: "(?:[^"\\\n]|\\.)*")?\)')


@given(st.lists(st.sampled_from([*PIECES, "\\\\", '\\"', "x y", "(", "\n"]), max_size=25))
@settings(max_examples=EXAMPLES, deadline=None)
def test_the_plain_target_pattern_matches_as_its_reference(pieces: list[str]) -> None:
    text = "".join(pieces)
    for start in range(len(text)):
        ours, reference = PLAIN_TARGET.match(text, start), REFERENCE_TARGET.match(text, start)
        assert (ours and ours.group()) == (reference and reference.group())


@given(st.lists(st.sampled_from([*PIECES, "\n1234567890. ", "\t", "\r", "+", "1.", "2)"]),
                max_size=25).map("".join))  # fmt: skip
@settings(max_examples=EXAMPLES, deadline=None)
def test_line_markers_are_taken_out_as_the_pattern_takes_them(markdown: str) -> None:
    assert without_line_markers(markdown) == LINE_MARKERS.sub("", markdown)
