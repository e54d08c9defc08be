"""Property tests: random HTML and random front matter, bounded so the suite stays fast."""

from __future__ import annotations

import html
import os
import re
import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters import ConversionError, convert
from converters.document import Settings
from tests.test_hostile import (
    assert_kept_or_publishable,
    assert_publishable,
    rendered_text,
    split_output,
    squeeze,
)

NORMALIZE = Settings(front_matter="normalize")

# Derandomized so a run's verdict depends on the code, not on the day. For a long, random hunt:
# ARTICLE2MD_EXAMPLES=5000 ARTICLE2MD_RANDOM=1 pytest tests/test_properties.py
BOUNDED = settings(
    max_examples=int(os.environ.get("ARTICLE2MD_EXAMPLES", "100")),
    derandomize=not os.environ.get("ARTICLE2MD_RANDOM"),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Text that stresses every layer: Markdown and YAML syntax, entities, CJK, odd whitespace.
NASTY_CHARS = "*_`[]()#>-+!|\\<>&;:'\"{}~=.%@\n\t \u00a0\u3000\u200b"
TEXT = st.text(
    alphabet=st.sampled_from(string.ascii_letters + string.digits + "中文标题。，“”" + NASTY_CHARS),
    max_size=40,
)
URLS = st.sampled_from([
    "https://example.com/a", "/relative/path", "#frag", "javascript:alert(1)",
    " JaVaScRiPt:x", "vbscript:x", "data:text/html,x", "data:image/png;base64,AA==", "",
    "https://example.com/a b(c)", "mailto:x@example.com",
])  # fmt: skip
ATTRIBUTES = st.dictionaries(
    st.sampled_from(["href", "src", "alt", "title", "class", "id", "style", "onclick", "onerror"]),
    st.one_of(URLS, TEXT),
    max_size=3,
)
BLOCK_TAGS = ["p", "div", "blockquote", "h1", "h3", "ul", "ol", "li", "pre", "table", "tr", "td",
              "figure", "figcaption", "section", "dir", "dl", "dt", "dd"]  # fmt: skip
INLINE_TAGS = ["span", "b", "strong", "i", "em", "a", "code", "sup", "sub", "font", "u", "s",
               "small", "mark", "abbr", "q", "cite", "kbd"]  # fmt: skip
ODD_TAGS = ["script", "style", "svg", "math", "iframe", "noscript", "template", "textarea",
            "xmp", "title", "object", "form", "button", "select", "option"]  # fmt: skip
VOID_TAGS = ["br", "hr", "img", "wbr", "input"]


def element(tags: list[str], children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attrs, inner: f"<{tag}{render_attributes(attrs)}>{''.join(inner)}</{tag}>",
        st.sampled_from(tags),
        ATTRIBUTES,
        st.lists(children, max_size=4),
    )


def render_attributes(attributes: dict[str, str]) -> str:
    return "".join(f' {name}="{html.escape(value)}"' for name, value in attributes.items())


ESCAPED_TEXT = TEXT.map(html.escape)
VOID = st.builds(
    lambda tag, attrs: f"<{tag}{render_attributes(attrs)}>", st.sampled_from(VOID_TAGS), ATTRIBUTES
)
HTML_TREES = st.recursive(
    st.one_of(ESCAPED_TEXT, VOID),
    lambda children: st.one_of(
        element(BLOCK_TAGS, children), element(INLINE_TAGS, children), element(ODD_TAGS, children)
    ),
    max_leaves=30,
)
# Raw soup as well: unescaped text and stray tags are what scrapers really produce.
HTML_SOUP = st.lists(
    st.one_of(HTML_TREES, TEXT, st.sampled_from(["<p>", "</div>", "<b>", "<!--", "-->", "&"])),
    max_size=8,
).map("".join)

KEYS = st.text(alphabet=string.ascii_lowercase + "_-", min_size=1, max_size=12).map(
    lambda key: f"x_{key}"  # never a canonical key or one of its aliases
)
SCALARS = st.one_of(
    TEXT, st.integers(-(10**6), 10**6), st.booleans(), st.none(), st.floats(allow_nan=False)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
FRONT_MATTER = st.fixed_dictionaries(
    {"title": TEXT}, optional={"author": TEXT, "tags": st.lists(TEXT, max_size=3)}
).flatmap(
    lambda known: st.dictionaries(KEYS, VALUES, max_size=4).map(lambda extra: {**known, **extra})
)


def post(front_matter: dict[str, object], body: str) -> str:
    # Escaped, because PyYAML's own writer breaks U+0085 when it writes Unicode as is.
    front = yaml.safe_dump(front_matter, allow_unicode=False, sort_keys=False)
    return f"---\n{front}---\n{body}"


def convert_or_refuse(text: str) -> str | None:
    """The output, or None when the tool refused with its own error (the only one allowed)."""
    try:
        return convert(text, path="random.md").text
    except ConversionError:
        return None


@BOUNDED
@given(HTML_SOUP)
def test_random_html_is_converted_or_refused_and_output_is_publishable(body: str) -> None:
    text = post({"title": "random"}, body)
    try:
        conversion = convert(text, path="random.md")
    except ConversionError:
        return
    assert_kept_or_publishable(text, conversion)


@BOUNDED
@given(FRONT_MATTER, HTML_TREES)
def test_random_front_matter_round_trips_other_keys(front: dict[str, object], body: str) -> None:
    try:  # normalized, whatever the body: kept as written, a front matter round-trips trivially
        output = convert(post(front, body), path="random.md", settings=NORMALIZE).text
    except ConversionError:
        return
    written, _ = split_output(output)
    for key, value in front.items():
        if key.startswith("x_") and value not in (None, "", [], {}):
            assert written[key] == with_generator_braces_decoded(value)


BRACE_ENTITY = re.compile(r"&#(?:123|x7b|125|x7d);", re.I)
OPENING = ("&#123;", "&#x7b;")


def with_generator_braces_decoded(value: object) -> object:
    """The generator wrote every brace as &#123;/&#125;; the reader undoes that, by design."""
    if isinstance(value, str):
        return BRACE_ENTITY.sub(lambda m: "{" if m.group().lower() in OPENING else "}", value)
    if isinstance(value, list):
        return [with_generator_braces_decoded(item) for item in value]
    if isinstance(value, dict):
        return {
            with_generator_braces_decoded(k): with_generator_braces_decoded(v)
            for k, v in value.items()
        }
    return value


@BOUNDED
@given(HTML_SOUP)
def test_converting_the_output_again_changes_nothing(body: str) -> None:
    output = convert_or_refuse(post({"title": "stable"}, body))
    if output is not None:
        assert convert(output, path="random.md").text == output


WORDS = st.text(alphabet=string.ascii_letters + "中文段落", min_size=1, max_size=12)
SIMPLE_INLINE = st.one_of(
    WORDS,
    st.builds(
        lambda tag, word: f"<{tag}>{word}</{tag}>", st.sampled_from(["b", "i", "span"]), WORDS
    ),
    st.builds(lambda word: f'<a href="https://example.com/">{word}</a>', WORDS),
)
SIMPLE_BLOCK = st.builds(
    lambda tag, parts: (tag, " ".join(parts)),
    st.sampled_from(["p", "h2", "li", "blockquote", "td"]),
    st.lists(SIMPLE_INLINE, min_size=1, max_size=4),
)


@BOUNDED
@given(st.lists(SIMPLE_BLOCK, min_size=1, max_size=8))
def test_every_text_node_of_a_simple_document_reaches_the_output(
    blocks: list[tuple[str, str]],
) -> None:
    """Reaches it, or is reported as removed boilerplate (a lone "SPONSORED" paragraph is)."""
    body = "".join(wrap(tag, inner) for tag, inner in blocks)
    result = convert(post({"title": "simple"}, body))
    _, tokens = assert_publishable(result.text)
    rendered = squeeze(rendered_text(tokens))
    removed = " ".join(removal.excerpt for removal in result.removed)
    for _, inner in blocks:
        for word in strip_tags(inner).split():
            assert word in rendered or word in removed


def wrap(tag: str, inner: str) -> str:
    if tag == "li":
        return f"<ul><li>{inner}</li></ul>"
    if tag == "td":
        return f"<table><tr><td>{inner}</td></tr></table>"
    return f"<{tag}>{inner}</{tag}>"


def strip_tags(fragment: str) -> str:
    return re.sub(r"<[^>]+>", " ", fragment)
