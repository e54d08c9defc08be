"""Hostile content: nothing script-capable, no raw HTML, no injected structure reaches the output.

The oracle here is independent of the converter: the output's front matter must load with
`yaml.safe_load`, and the body must render under markdown-it (CommonMark, raw HTML enabled so
that any leak is seen) to tokens without raw HTML and without script-capable link schemes.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from converters import Conversion, ConversionError, convert
from converters.check.safety import check_output
from converters.document import BodyKind, Document, Settings
from converters.pipeline import STAGES
from converters.read.read_post import read_post

RENDERER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
RENDERER.validateLink = lambda url: True  # type: ignore[method-assign]  # judge every link here
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)?---\n(?:\n|\Z)", re.S)
SCRIPT_SCHEMES = {"javascript", "vbscript", "livescript", "mocha"}
SAFE_DATA_IMAGE = re.compile(r"data:image/(png|gif|jpeg|webp)[;,]")


# ---- the oracle, shared with test_properties and the fuzz target -----------------------------


def split_output(output: str) -> tuple[dict[str, object], str]:
    """Front matter data and body; a post with no front matter data gets no block."""
    match = FRONT_MATTER.match(output)
    if match is None:
        assert not output.startswith("---\n"), f"broken front matter: {output[:200]!r}"
        return {}, output
    data = yaml.safe_load(match.group("yaml") or "") or {}
    assert isinstance(data, dict), f"front matter is a {type(data).__name__}"
    return data, output[match.end() :]


def walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from walk(token.children or [])


def body_tokens(body: str) -> list[Token]:
    return list(walk(RENDERER.parse(body)))


def is_safe_url(url: str) -> bool:
    """No scheme a browser runs as script or opens as an inline document.

    The scheme is read as a browser reads it: entities and percent-escapes decoded, controls
    and whitespace ignored, any case. Unknown schemes (a typo like `htttps:`) are inert.
    """
    plain = re.sub(r"[\x00-\x20\x7f]", "", unquote(html.unescape(url))).lower()
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", plain)
    if scheme is None:
        return True  # relative, fragment or protocol-relative
    if scheme.group(1) == "data":
        return bool(SAFE_DATA_IMAGE.match(plain))
    return scheme.group(1) not in SCRIPT_SCHEMES


def assert_kept_or_publishable(text: str, conversion: Conversion) -> None:
    """A body that is Markdown comes out as written (less junk, which renders as nothing
    anyway); a body converted from HTML or plain text must be publishable."""
    if conversion.body_kind != "markdown":
        assert_publishable(conversion.text)
        return
    conversion.text.encode("utf-8")
    assert text.endswith(conversion.markdown) or conversion.removed
    assert conversion.text.endswith(conversion.markdown)


def assert_publishable(output: str) -> tuple[dict[str, object], list[Token]]:
    """Front matter that loads, a body with no raw HTML and no script-capable links."""
    output.encode("utf-8")  # a lone surrogate cannot be written to a file
    assert output.endswith("\n") or output == ""
    assert "\r" not in output
    front, body = split_output(output)
    tokens = body_tokens(body)
    raw = [token.content for token in tokens if token.type in ("html_block", "html_inline")]
    assert not raw, f"raw HTML in the output: {raw[:3]}"
    for token in tokens:
        url = str(token.attrs.get("href") or token.attrs.get("src") or "")
        assert is_safe_url(url), f"unsafe link target: {url!r}"
    return front, tokens


def rendered_text(tokens: list[Token]) -> str:
    kinds = ("text", "code_inline", "code_block", "fence")
    return " ".join(token.content for token in tokens if token.type in kinds)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def post(body: str, **front_matter: object) -> str:
    front = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n{body}"


def converted(body: str, **front_matter: object) -> tuple[dict[str, object], list[Token]]:
    front_matter.setdefault("title", "A post")
    return assert_publishable(convert(post(body, **front_matter)).text)


# ---- links and attributes that run script -----------------------------------------------------

SCRIPT_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "livescript:alert(1)",
]


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_script_links_lose_their_target_but_keep_their_text(url: str) -> None:
    _, tokens = converted(f'<p>before <a href="{url}">click here</a> after</p>')
    assert "click here" in rendered_text(tokens)
    assert "alert" not in "".join(str(token.attrs) for token in tokens)


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_script_images_are_not_kept_as_images(url: str) -> None:
    _, tokens = converted(f'<p>text</p><p><img src="{url}" alt="pic"></p>')
    assert not [token for token in tokens if token.type == "image"]


def test_safe_links_and_images_survive_next_to_hostile_ones() -> None:
    _, tokens = converted(
        '<p><a href="https://example.com/a">good</a> <a href="javascript:x()">bad</a></p>'
        '<p><img src="https://example.com/p.png" alt="ok"></p>'
    )
    assert [t.attrs["href"] for t in tokens if t.type == "link_open"] == ["https://example.com/a"]
    assert [t.attrs["src"] for t in tokens if t.type == "image"] == ["https://example.com/p.png"]


@pytest.mark.parametrize(
    "body",
    [
        '<p onclick="alert(1)">text</p>',
        '<p><img src="https://example.com/x.png" onerror="alert(1)" alt="x"></p><p>text</p>',
        '<p><a href="https://example.com" onmouseover="alert(1)">text</a></p>',
        '<p style="background:url(javascript:alert(1))">text</p>',
        '<p><svg onload="alert(1)"></svg>text</p>',
        '<p><body onload="alert(1)">text</p>',
    ],
)
def test_event_handler_attributes_leave_no_trace(body: str) -> None:
    _front, tokens = converted(body)
    assert "text" in rendered_text(tokens)
    assert "alert" not in rendered_text(tokens)
    assert "alert" not in "".join(str(token.attrs) for token in tokens)


@pytest.mark.parametrize(
    "body",
    [
        "<p>text</p><svg><script>alert(1)</script></svg>",
        "<p>text</p><svg><script href='x'>alert(1)</script><text>label</text></svg>",
        "<p>text</p><math><mi>x</mi><script>alert(1)</script></math>",
        "<p>text</p><script>alert(1)</script>",
        "<p>text</p><SCRIPT>alert(1)</SCRIPT>",
        "<p>text</p><script>document.write('</scr' + 'ipt>alert(1)')</script>",
        "<p>text</p><noscript><p>alert(1)</p></noscript>",
        "<p>text</p><style>body{background:url(javascript:alert(1))}</style>",
        '<p>text</p><iframe src="javascript:alert(1)"></iframe>',
        '<p>text</p><object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
        '<p>text</p><form action="javascript:alert(1)"><button>alert(1)</button></form>',
    ],
    ids=[
        "svg-script", "svg-script-text", "math-script", "script", "upper-script",
        "split-script", "noscript", "style", "iframe", "object-embed", "form",
    ],
)  # fmt: skip
def test_scripts_anywhere_do_not_reach_the_output(body: str) -> None:
    _, tokens = converted(body)
    assert "text" in rendered_text(tokens)
    assert "alert" not in rendered_text(tokens)


# ---- HTML smuggled as text stays text ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<!-- comment -->",
        "<div>block</div>",
        "<b>bold</b>",
        "<http://example.com>",
        "<javascript:alert(1)>",
        "&amp; &lt; literally",
        "&#60;script&#62;",
    ],
)
def test_escaped_html_in_the_source_stays_visible_text(text: str) -> None:
    _, tokens = converted(f"<p>{html.escape(text)}</p>")
    assert squeeze(rendered_text(tokens)) == squeeze(text)
    assert not [t for t in tokens if t.type in ("link_open", "image")]


@pytest.mark.parametrize(
    "body",
    [
        "<p>&lt;div&gt;</p>",
        "<p>&lt;A</p><p>&gt;</p>",
        "<p>a &lt;b and c&gt; d</p>",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
        # tags shown in a fence nested in a list item or a quote
        "<ul><li><pre><code>&lt;br&gt;</code></pre></li></ul>",
        "<blockquote><pre><code>&lt;div&gt;x&lt;/div&gt;</code></pre></blockquote>",
        "<ul><li>a<pre>&lt;b&gt;</pre></li></ul>",
    ],
)
def test_escaped_html_survives_a_second_conversion(body: str) -> None:
    output = convert(post(body, title="t")).text
    assert convert(output).text == output


@pytest.mark.parametrize(
    "body",
    [
        "<p>` <code>x&lt;br&gt;</code></p>",
        "<h1><div><p>`</p></div><xmp>0<br></xmp></h1>",  # as the property hunt found it
        "<h3><xmp>`<h>",  # a ``…`` span holding a backtick and a tag
    ],
)
def test_a_code_span_after_an_escaped_backtick_survives_a_second_conversion(body: str) -> None:
    output = convert(post(body, title="t")).text
    assert convert(output).text == output


@pytest.mark.parametrize("body", ["<p>&amp;#x7b;</p>", "<p>write &amp;#123; for a brace</p>"])
def test_a_literal_brace_entity_in_text_survives_a_second_conversion(body: str) -> None:
    output = convert(post(body, title="t")).text
    assert convert(output).text == output


# ---- Markdown injection through text ----------------------------------------------------------

INERT_TOKENS = {"paragraph_open", "paragraph_close", "inline", "text", "softbreak"}


@pytest.mark.parametrize(
    "text",
    [
        "---",
        "***",
        "___",
        "===",
        "--- title: injected",
        "```",
        "~~~ python",
        "[x]: http://evil.example",
        "[x]: javascript:alert(1)",
        "# not a heading",
        "###### not a heading either",
        "> not a quote",
        "- not a list",
        "+ not a list",
        "* not a list",
        "1. not a list",
        "1) not a list",
        "[a link](http://evil.example)",
        "![an image](http://evil.example/x.png)",
        "*not emphasis*",
        "**not strong**",
        "_not emphasis_",
        "`not code`",
        "\\ a backslash \\",
        "a | b",
        "<!-- not a comment -->",
        "&amp; stays an ampersand entity in text",
        "[^1]: not a footnote",
        "    four spaces",
    ],
)
def test_text_that_looks_like_markdown_stays_text(text: str) -> None:
    _, tokens = converted(f"<p>first paragraph</p><p>{html.escape(text)}</p><p>last</p>")
    assert {token.type for token in tokens} <= INERT_TOKENS
    assert squeeze(text) in squeeze(rendered_text(tokens))


def test_a_fake_table_in_text_stays_text() -> None:
    _, tokens = converted("<p>a | b<br>--|--<br>c | d</p>")
    assert {token.type for token in tokens} <= INERT_TOKENS | {"hardbreak"}


def test_a_fake_fence_does_not_swallow_the_rest_of_the_article() -> None:
    _, tokens = converted("<p>```</p><p>second</p><p>third</p>")
    assert not [token for token in tokens if token.type in ("fence", "code_block")]
    texts = [t.content for t in tokens if t.type == "text"]
    assert texts[-2:] == ["second", "third"]


def test_a_paragraph_of_dashes_does_not_open_a_second_front_matter() -> None:
    output = convert(post("<p>---</p><p>title: injected</p><p>---</p>", title="real")).text
    front, tokens = assert_publishable(output)
    assert front["title"] == "real"
    assert "injected" in rendered_text(tokens)


# ---- YAML injection through front matter values -----------------------------------------------

HOSTILE_VALUES = [
    "--- injected",
    "a\n---\ntitle: injected",
    "key: value",
    "ends with colon:",
    "it's \"quoted\" twice 'here'",
    "'",
    '"',
    "# a comment?",
    "a # comment?",
    "&anchor value",
    "*alias",
    "!tag value",
    "!!python/object:os.system",
    "%YAML 1.1",
    "@at",
    "`backtick",
    "[not, a, list]",
    "{not: a map}",
    "| literal",
    "> folded",
    "? complex key",
    "- item",
    "null",
    "~",
    "true",
    "no",
    "0o17",
    "1e3",
    "2022-03-25",
    "2022-03-25T15:05:43+00:00",
    "  leading and trailing  ",
    "tab\tinside",
    "中文：标题？“引号”",
    "\\ backslash \\n",
    "a\u2028line separator",
    "zero\u200bwidth",
]


def expected_title(value: str) -> str:
    return " ".join(value.split())  # the title's whitespace is collapsed, nothing else


# A body with no words: a title without a letter (`'`, `~`) would otherwise be taken from it.
WORDLESS_BODY = '<p><img src="https://i.example/a.png"></p>'


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_titles_round_trip_through_the_front_matter(value: str) -> None:
    front, _ = converted(WORDLESS_BODY, title=value)
    assert front["title"] == expected_title(value)


LEADING_DASH = [value for value in HOSTILE_VALUES if value.startswith("-")]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_values_of_other_keys_round_trip(value: str) -> None:
    front, _ = converted("<p>body</p>", title="t", custom=value)
    assert front["custom"] == value


@pytest.mark.parametrize("value", [v for v in HOSTILE_VALUES if v not in LEADING_DASH])
def test_hostile_list_items_round_trip(value: str) -> None:
    front, _ = converted("<p>body</p>", title="t", tags=[value, "plain"])
    assert front["tags"] == [expected_title(value), "plain"]


@pytest.mark.parametrize("value", LEADING_DASH)
def test_list_items_that_start_with_a_dash_keep_it(value: str) -> None:
    front, _ = converted("<p>body</p>", title="t", tags=[value, "-1", "plain"])
    assert front["tags"] == [expected_title(value), "-1", "plain"]


@pytest.mark.parametrize("value", ["\u3000", "x\u3000", "\u00a0", "x\u00a0"])
def test_unicode_spaces_at_the_end_of_the_last_value_survive(value: str) -> None:
    front, _ = converted("<p>body</p>", title="t", custom=value)
    assert front["custom"] == value


@pytest.mark.parametrize("written", ["1:20", "yes", "off", "010", "1_000", "1.50", "0x1F"])
def test_an_unquoted_title_is_the_text_written(written: str) -> None:
    output = convert(f"---\ntitle: {written}\n---\n<p>body</p>\n").text
    front, _ = assert_publishable(output)
    assert front["title"] == written


@pytest.mark.parametrize(
    "front_matter",
    [
        "author: {name: Kept Name}",
        "title: [Kept Name, b]",
        "tags: {Kept Name: 1}",
        "image: [Kept Name]",
    ],
)
def test_an_oddly_shaped_canonical_value_is_not_silently_dropped(front_matter: str) -> None:
    result = convert(f"---\n{front_matter}\n---\n<p>body</p>\n")
    front, _ = assert_publishable(result.text)
    assert "Kept Name" in str(front) or any("Kept Name" in w for w in result.warnings)


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_page_titles_round_trip_without_front_matter(value: str) -> None:
    page = (
        f"<html><head><title>{html.escape(value)}</title></head><body>{WORDLESS_BODY}</body></html>"
    )
    front, _ = assert_publishable(convert(page).text)
    assert front["title"] == expected_title(value)


# ---- the post-condition check on its own ------------------------------------------------------


def checked(html_text: str, markdown: str, kind: BodyKind = "html") -> str:
    """The check's complaint about this kept HTML and Markdown, or "" when it lets them pass."""
    doc = Document(source="x.md", front_matter={}, body="", body_kind=kind, html=html_text)
    try:
        check_output(dataclasses.replace(doc, markdown=markdown), Settings())
    except ConversionError as error:
        assert (error.source, error.stage) == ("x.md", "check")
        return error.message
    return ""


@pytest.mark.parametrize(
    "markdown",
    [
        "a <b>x</b>\n",
        "<div>\na\n</div>\n",
        "[a](javascript:alert(1))\n",
        "[a](&#106;avascript:alert(1))\n",
        "[a](java%0Ascript:alert(1))\n",
        "<javascript:alert(1)>\n",
        "![a](data:text/html,x)\n",
        "[a]\n\n[a]: vbscript:x\n",
    ],
)
def test_unsafe_markdown_from_a_stage_is_refused(markdown: str) -> None:
    assert checked("<p>a</p>", markdown).startswith(("raw HTML", "unsafe link target"))


def test_text_lost_between_the_kept_html_and_the_markdown_is_refused() -> None:
    kept = "<p>first</p><p>second, with <b>bold</b></p><script>not text</script>"
    assert checked(kept, "first\n\nsecond, with **bold**\n") == ""
    assert checked(kept, "first\n") == (
        "text of the article missing from the Markdown: 'second, with'"
    )
    assert checked(kept, "first\n\n[second, with **bold**]: /x\n").startswith("text of")


def test_the_check_reads_plain_text_and_markdown_bodies_for_what_they_are() -> None:
    assert checked("line one\nline two", "line one\n\nline two\n", kind="text") == ""
    assert checked("line one\nline two", "line one\n", kind="text").endswith("'line two'")
    assert checked("<p>looks like html</p>", "\\<p>", kind="markdown") == ""


@pytest.mark.parametrize(
    "markdown", ["first\n\n[x]: http://evil.example\n", "first\n\n> [x]: http://evil.example\n"]
)
def test_the_pipeline_check_sees_text_hidden_in_a_link_definition(markdown: str) -> None:
    from converters.check.check_output import check_output as pipeline_check

    kept = "<p>first</p><p>[x]: http://evil.example</p>"
    assert checked(kept, markdown).startswith("text of the article missing")
    doc = Document(source="x.md", front_matter={}, body="", html=kept, markdown=markdown)
    with pytest.raises(ConversionError):
        pipeline_check(doc, Settings())


def test_the_check_passes_every_fixture_the_pipeline_converts() -> None:
    fixtures = sorted((Path(__file__).resolve().parent.parent / "fixtures").glob("*/*.input.*"))
    for path in fixtures:
        text = path.read_text("utf-8")
        doc = read_post(text, str(path), Settings())
        for name, stage in STAGES:
            if name == "write":  # puts template tags back: the check sees the placeholders
                break
            doc = stage(doc, Settings())
        check_output(doc, Settings())  # raises on a false alarm
    assert fixtures
