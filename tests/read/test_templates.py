"""Template tags are swapped for placeholder words before a body is converted, and back after."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters import convert
from converters.read.templates import TEMPLATE_TAG, protect, restore

TAGS = [
    "{{ site.url_x }}",
    "{% if page.x < 3 %}",
    '{%- include note.html content="a_b" -%}',
    "{% raw %}{{ not_rendered }}{% endraw %}",
    '{{< figure src="a_b.png"\n   title="A *star*" >}}',
    '{{% alert title="Note" %}}',
    "{: .note #id}",
]


@pytest.mark.parametrize("tag", TAGS)
def test_a_tag_becomes_one_placeholder_word_and_comes_back(tag: str):
    body = f"<p>before {tag} after</p>"
    protected, tags = protect(body)
    assert list(tags.values()) == [tag]
    [word] = tags
    assert word.isascii() and word.isalpha()
    assert protected == f"<p>before {word} after</p>"
    assert restore(protected, tags) == body


def test_a_tag_with_html_inside_is_no_tag():
    body = "<p>{{ <b>x</b> }}</p>"
    assert protect(body) == (body, {})


def test_the_placeholder_prefix_is_one_the_body_does_not_use():
    body = "TplZq is a word here: {{ x }}"
    protected, tags = protect(body)
    assert next(iter(tags)).startswith("TplZqq")
    assert restore(protected, tags) == body


def test_an_opening_that_never_closes_is_left_alone():
    body = "{{ " + "x " * 5000
    assert protect(body) == (body, {})
    assert TEMPLATE_TAG.search("{% " + "y" * 3000 + " %}") is None  # longer than a tag can be


def test_tags_in_a_converted_html_body_come_out_byte_for_byte():
    html = (
        "<div><p>Liquid {% if page.x < 3 %}small{% endif %},"
        ' {{ page.title | replace: "_", "*" }} and {{ _private_ }}.</p>\n'
        '<p>{{< figure src="a_b.png"\n   title="A *star*" >}}</p>\n'
        '<p><a href="{{ site.baseurl }}/about">About</a> {% raw %}{{ x }}{% endraw %}</p></div>'
    )
    out = convert(f"---\ntitle: T\n---\n{html}\n", path="post.md").text
    for tag in TEMPLATE_TAG.findall(html):
        assert tag in out
    assert "[About]({{ site.baseurl }}/about)" in out
    assert convert(out, path="post.md").text == out


PIECES = st.sampled_from(["alpha", "x_y", "*", "中文", "<b>bold</b>", "<br>", "&amp;", "1."])
TAG = st.sampled_from(TAGS)


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.lists(st.lists(st.one_of(PIECES, TAG), min_size=1, max_size=6), min_size=1, max_size=4))
def test_random_html_paragraphs_keep_their_tags(paragraphs: list[list[str]]):
    html = "".join(f"<p>{' '.join(words)} and some more words</p>" for words in paragraphs)
    out = convert(f"---\ntitle: T\n---\n<div>{html}</div>\n", path="post.md").text
    wanted = [tag for words in paragraphs for tag in words if tag in TAGS]
    assert [tag for tag in TEMPLATE_TAG.findall(out) if tag in TAGS] == wanted
