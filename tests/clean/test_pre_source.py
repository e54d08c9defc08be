"""Unescaped code inside <pre>: the tags that are not highlighting are the code's own text."""

import re

import pytest

from converters import convert
from converters.clean.pre_source import _escaped, escape_code_markup
from converters.clean.work import Work


def escaped(body: str) -> str:
    return escape_code_markup(body, Work(title="t", metadata={}))


def code_of(body: str) -> str:
    markdown = convert(f"---\ntitle: t\n---\n<p>Intro.</p>{body}", path="p.md").markdown
    return markdown.split("```", 2)[1].split("\n", 1)[1]


def test_jsx_inside_code_keeps_its_tags_and_their_text() -> None:
    jsx = 'return (\n  <button onClick={() => go("/a")}>去详情页</button>\n)'
    assert code_of(f"<pre><code>{jsx}</code></pre>") == jsx + "\n"


@pytest.mark.parametrize(
    "code",
    [
        "Map<String, Class<? extends IRouteGroup>> routes",
        '<Route path="/" element={<Home />} />',
        'Method java/lang/Object."<init>":()V',
        "if (a <b) return;",
        '<intent-filter>\n  <action android:name="VIEW"/>\n</intent-filter>',
    ],
)
def test_raw_angle_brackets_in_code_survive_whole(code: str) -> None:
    assert code_of(f"<pre><code>{code}</code></pre>") == code + "\n"


def test_highlighting_markup_and_comments_stay_markup() -> None:
    body = '<pre><code class="x"><span class="k">def</span> <b>f</b><!-- c --><br></code></pre>'
    assert escaped(body) == body


def test_text_outside_pre_is_left_to_the_parser() -> None:
    body = "<p>Use <Foo> here</p><pre>x</pre><div>y</div>"
    assert escaped(body) == body


@pytest.mark.parametrize(
    "button",
    ["<button class='copy'>复制代码</button>", "<div>Copy code</div>", "<span>Copy</span>"],
)
def test_a_copy_button_inside_the_block_goes(button: str) -> None:
    assert code_of(f"<pre>{button}<code>x = 1</code></pre>") == "x = 1\n"


@pytest.mark.parametrize("tag", ["Pre", "pRe", "prE", "PRe"])
def test_a_pre_tag_in_any_case_holds_code(tag: str) -> None:
    assert escaped(f"<{tag}>List<T></{tag}>") == f"<{tag}>List&lt;T></{tag}>"


def test_an_unclosed_pre_is_escaped_to_the_end() -> None:
    assert escaped("<pre>a <T> b") == "<pre>a &lt;T> b"


@pytest.mark.parametrize(
    "toolbar",
    [
        '<div><a href="#"><img src="https://x.example/copycode.gif" alt="复制代码"></a></div>',
        "<div>复制代码</div>",
        "<p>Copy code</p>",
    ],
)
def test_a_copy_button_beside_the_block_goes(toolbar: str) -> None:
    markdown = convert(f"---\ntitle: t\n---\n<p>Intro.</p>{toolbar}<pre>x = 1</pre>", path="p.md")
    assert "复制" not in markdown.markdown and "Copy" not in markdown.markdown


# What the code regions were before they were found by searching for the closing tag.
LAZY_REGION = re.compile(r"(<pre\b[^>]*>)(.*?)(?=</pre\s*>|\Z)", re.I | re.S)


@pytest.mark.parametrize(
    "body",
    [
        "<p>a</p><pre><code>x < y</code></pre><p>b</p><pre class='c'>Map<K, V></pre>",
        "<pre>\n<pre>nested <b>x</b></pre>after</pre>",  # the first closing tag ends it
        "<PRE data-x='1'>List<T></PRE ><prefix>not code</prefix>",
        "<pre>never closed <div>x</div>",
        "<pre>half closed</pre <i>", "<pre", "<pre>", "<pre></pre>", "text <pre>a</pre>",
        "<pre><button>复制代码</button>a<b</pre>",
    ],
)  # fmt: skip
def test_code_regions_are_those_the_lazy_pattern_found(body: str) -> None:
    work = Work(title="t", metadata={})
    expected = LAZY_REGION.sub(lambda found: found[1] + _escaped(found[2], work), body)
    assert escaped(body) == expected
