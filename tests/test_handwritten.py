"""Hand-written Markdown posts come out unharmed: real ones byte for byte, random ones rendering
the same, with their comments, template tags and front matter as written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from converters import convert
from converters.read.decode import decode_bytes
from tests.conftest import FIXTURES

HANDWRITTEN = FIXTURES / "handwritten"
POSTS = sorted(p for p in HANDWRITTEN.rglob("*") if p.suffix in (".md", ".markdown"))
POSTS = [p for p in POSTS if p.name != "README.md"]
# What each post must come out as: "unchanged" (byte for byte), or the junk it loses.
OUTCOME: dict[str, str] = {
    "hexojs-site/2014-07-13-hexo-2-8-released.md": "unchanged",  # Hexo FM with no opening ---
    "hexojs-site/2020-07-29-hexo-5-released.md": "unchanged",  # <!-- more --> in code
    "hexojs-site/2020-08-22-hexo-5-1_marked-3-1_math-4_util-2-4.md": "unchanged",  # HTML block
    "hexojs-site/deployment.md": "unchanged",  # Chinese, {% %} tags, no opening ---
    "hexojs-site/injector.md": "unchanged",  # HTML in code
    "hexojs-site/tag-plugins.md": "unchanged",  # {% note %}…{% endnote %}, comments
    "jekyll/2021-09-27-jekyll-4-2-1-released.markdown": "unchanged",  # date with offset, <div>
    "jekyll/collections.md": "unchanged",  # {: .note} IAL, <div class="note">, {% link %}
    "jekyll/posts.md": "unchanged",  # {% raw %}, <!--more--> excerpt_separator in prose
    "jekyll/tags.md": "unchanged",  # kramdown IAL, Liquid in code
    "kubeflow/cli.md": "unchanged",  # TOML, {{% kfp-v2-keywords %}}, comments
    "kubeflow/configure-object-store.md": "unchanged",  # `+++  ` fence with trailing spaces
    "kubeflow/deployment-guide.md": "unchanged",  # YAML, {{< >}} and {{% alert %}} pairs
    "kubeflow/kubeflow-summit-2023.md": "unchanged",  # TOML comments, --- after +++, tables
    "kubeflow/output-viewer.md": "unchanged",  # TOML, HTML blocks, shortcodes
    "variants/crlf-hexo-2-8-released.md": "unchanged",  # CRLF
    "variants/four-dash-closing-hexo-2-8-released.md": "unchanged",  # closing ----
    "variants/more-and-kbd-hexo-2-8-released.md": "unchanged",  # <!-- more -->, <kbd>
}


def name(path: Path) -> str:
    return path.relative_to(HANDWRITTEN).as_posix()


def test_every_hand_written_fixture_has_its_outcome_stated() -> None:
    assert sorted(map(name, POSTS)) == sorted(OUTCOME)


@pytest.mark.parametrize("path", POSTS, ids=name)
def test_a_hand_written_post_comes_out_as_it_went_in(path: Path) -> None:
    data = path.read_bytes()
    text, _ = decode_bytes(data, source=name(path))
    conversion = convert(text, path=name(path))
    assert OUTCOME[name(path)] == "unchanged"
    assert conversion.text.encode("utf-8") == data
    assert (conversion.body_kind, conversion.removed) == ("markdown", ())


# ---- random hand-written posts ------------------------------------------------------------------

WORDS = st.sampled_from(["alpha", "beta", "中文", "x_y", "a*b", "2 < 3", "AT&T", "under_score"])
SENTENCE = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
INLINE_HTML = st.sampled_from([
    "<kbd>Ctrl</kbd>", "<br>", "x<sup>2</sup>", "H<sub>2</sub>O", '<span class="x">s</span>',
    '<img src="a.png" alt="a">', "<!-- note -->",
])  # fmt: skip
TEMPLATE = st.sampled_from([
    "{{ page.title }}", "{% post_link hello %}", "{{< youtube id=\"x\" >}}",
    "{{% alert %}}", '{% include note.html content="a_b" %}', "{: .note}",
])  # fmt: skip
INLINE = st.one_of(SENTENCE, INLINE_HTML, TEMPLATE, SENTENCE.map(lambda s: f"*{s}*"))
PARAGRAPH = st.lists(INLINE, min_size=1, max_size=5).map(" ".join)
BLOCKS = st.one_of(
    PARAGRAPH,
    SENTENCE.map(lambda s: f"## {s}"),
    st.lists(PARAGRAPH, min_size=1, max_size=3).map(lambda items: "- " + "\n- ".join(items)),
    SENTENCE.map(lambda s: f"> {s}"),
    SENTENCE.map(lambda s: f"```html\n<p>{s}</p>\n{{{{ x }}}}\n```"),
    st.sampled_from([
        "<!-- more -->", "<!--more-->", "<!-- toc -->", "<!-- prettier-ignore -->",
        "<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>",
        '<div class="note">\n  <p>Careful.</p>\n</div>',
        '<script async src="https://gist.github.com/x.js"></script>',
        "<style>\n.x { color: red }\n</style>",
        "| a | b |\n| --- | --- |\n| 1<br>2 | <kbd>k</kbd> |",
        "{% raw %}\n{{ not_rendered }}\n{% endraw %}",
        '{{< card title="T" >}}\nBody\n{{< /card >}}',
    ]),
)  # fmt: skip
FRONT = st.sampled_from([
    "", "---\ntitle: T # a comment\ndate: 2021-09-27 14:45:46 +0530\n---\n\n",
    '+++\ntitle = "T"\n# a comment\nweight = 3\n+++\n\n', "title: T\ntags:\n- a\n---\n",
])  # fmt: skip
# A hand-written post has some text of its own: a first paragraph that starts with words.
FIRST = st.tuples(SENTENCE, PARAGRAPH).map(" ".join)
POST = st.tuples(
    FRONT, FIRST, st.lists(BLOCKS, max_size=8), st.sampled_from(["\n", "", "\n\n"])
).map(lambda parts: parts[0] + "\n\n".join([parts[1], *parts[2]]) + parts[3])
RENDERER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{\{.*?\}\}", re.S)


@settings(
    max_examples=int(os.environ.get("ARTICLE2MD_EXAMPLES", "150")),
    derandomize=not os.environ.get("ARTICLE2MD_RANDOM"),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(POST)
def test_a_random_hand_written_post_renders_the_same_and_keeps_its_tags(text: str) -> None:
    conversion = convert(text, path="post.md")
    assert conversion.body_kind == "markdown"
    assert RENDERER.render(conversion.markdown) == RENDERER.render(
        text[-len(conversion.markdown) :]
    )
    assert TEMPLATE_TAG.findall(conversion.text) == TEMPLATE_TAG.findall(text)
    assert conversion.text == text


def test_the_readme_example_of_a_hand_written_post_goes_through_unchanged(tmp_path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    match = re.search(r"<!-- handwritten-post -->\n```markdown\n(.*?)```", readme, re.DOTALL)
    assert match, "README shows no hand-written post"
    post = match.group(1)
    for piece in ("<!-- more -->", "{{< youtube", "# shown on the index page"):
        assert piece in post
    assert convert(post, path="post.md").text == post
    (tmp_path / "post.md").write_text(post, "utf-8")
    done = subprocess.run(
        [str(Path(sys.executable).with_name("article2md")), "convert", "--check", "post.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
