"""A Markdown body is edited on its source: junk cut out, every other byte as written."""

import pytest

from converters.document import Document, Settings
from converters.markdown_body.edit_body import edit_markdown_body


def edited(body: str, site_rules: tuple[str, ...] = ("hexo-rsshub",)) -> Document:
    """The body of a post a site rule recognized as scraped (the only kind that loses junk)."""
    doc = Document(
        source="-", front_matter={}, body=body, body_kind="markdown", html=body,
        site_rules=site_rules,
    )  # fmt: skip
    return edit_markdown_body(doc, Settings())


AUTHORS_OWN = {
    "comments-tools-read": (
        "Intro.\n\n<!-- more -->\n\n<!--more-->\n<!-- toc -->\n<!-- truncate -->\n\n"
        "<!-- prettier-ignore -->\n| a |\n|---|\n\n<!-- markdownlint-disable MD033 -->\n"
    ),
    "details": "<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n",
    "inline-html": "Press <kbd>Ctrl</kbd>, x<sup>2</sup>, H<sub>2</sub>O.<br>\nNext  \nline\n",
    "media": '<iframe src="https://www.youtube.com/embed/x" width="560" height="315"></iframe>\n',
    "div-class": '<div class="note">\n\n**Note**: text.\n\n</div>\n',
    "table-span": '<table>\n<tr><td rowspan="2">a<br>b</td></tr>\n</table>\n',
    "script-style": '<script async src="https://gist.github.com/x.js"></script>\n\n'
    "<style>\n.post img { width: 50% }\n</style>\n",
    "templates": (
        '{% raw %}\n{{ page.title }}\n{% endraw %}\n\n{{< youtube id="x" >}}\n\n'
        '{{% alert title="T" %}}\nText\n{{% /alert %}}\n\n{: .note}\n{%- include x.html -%}\n'
    ),
    "odd-spacing": "\n\n# Title  \n\n\n\ntext\t \n\n\n    code\n\n",
    "no-final-newline": "Last line",
    "clean-markdown": (
        "# Notes\n\n"
        'Use `<br>` for a break, see [docs](https://example.org/a_b "Docs") and\n'
        '`<div class="x">`.\n'
        "Compare a < b and c > d; mail <me@example.org> or visit <https://example.org>.\n\n"
        '1. Install:\n\n   ```bash\n   echo "<div>" > x.html\n   ```\n\n'
        "> ```html\n> <p>quoted</p>\n>\n> ```\n\n"
        "| tag | use |\n| --- | --- |\n| `<td>` | a cell |\n"
    ),
    "pixel-in-code": 'Write `<img src="t.gif" width="1" height="1">` to track.\n',
    "small-but-real-image": '<img src="icon.png" width="16" height="16">\n',
    "empty-div-with-class": '<div class="clearfix"></div>\n\nText\n',
}


@pytest.mark.parametrize("body", AUTHORS_OWN.values(), ids=AUTHORS_OWN)
def test_the_authors_own_markdown_and_html_stay_byte_for_byte(body: str):
    doc = edited(body)
    assert (doc.markdown, doc.removed) == (body, ())


@pytest.mark.parametrize(
    ("body", "expected", "what"),
    [
        ("Text.\n\n<p></p>\n\nMore.\n", "Text.\n\nMore.\n", "empty paragraph"),
        (
            "Text.\n\n<p>&nbsp;</p>\n<div><br></div>\n\nMore.\n",
            "Text.\n\nMore.\n",
            "empty paragraph",
        ),
        (
            'Text.\n\n<img src="https://t.example/p.gif" width="1" height="1">\n\nMore.\n',
            "Text.\n\nMore.\n",
            "tracking pixel",
        ),
        (
            "Text<img src='p.gif' width=0 height=0 /> goes on.\n",
            "Text goes on.\n",
            "tracking pixel",
        ),
        (
            "\u3000\u3000第一段。\n\n\u00a0\u00a0second\n",
            "第一段。\n\nsecond\n",
            "full-width indent",
        ),
    ],
    ids=["empty-p", "nbsp-and-br", "pixel-block", "pixel-inline", "full-width-indent"],
)
def test_a_scrapers_leftovers_are_cut_and_listed(body: str, expected: str, what: str):
    doc = edited(body)
    assert doc.markdown == expected
    assert doc.removed and {removal.what for removal in doc.removed} == {what}
    assert edited(doc.markdown).markdown == doc.markdown  # a second run cuts nothing


def test_a_post_no_site_rule_recognizes_keeps_even_what_looks_like_junk():
    body = 'Text.\n\n<p></p>\n\n<img src="counter.gif" width="1" height="1">\n\n\u3000\u3000More.\n'
    assert (edited(body, site_rules=()).markdown, edited(body, site_rules=()).removed) == (body, ())


def test_a_full_width_indent_that_hides_a_block_marker_stays():
    body = "\u3000\u30001. 不是列表\n\n\u3000\u3000# 不是标题\n"
    assert edited(body).markdown == body


def test_other_body_kinds_are_not_this_stages():
    doc = Document(source="-", front_matter={}, body="<p></p>", body_kind="html", markdown="x")
    assert edit_markdown_body(doc, Settings()) is doc
