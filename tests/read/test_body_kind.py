"""A bare body is HTML to convert only when nothing in it was written as Markdown."""

import pytest

from converters.read.body_kind import body_kind, is_html_elements

MARKDOWN_WITH_HTML = {
    "more": "Intro.\n\n<!-- more -->\n\n## H\n\n- a\n- b\n",
    "more-only": "Intro.\n\n<!--more-->\n\nRest of the post.\n",
    "br": "Line one<br>\nline two\n\nSecond paragraph.\n",
    "kbd": "Press <kbd>Ctrl</kbd> and *then* go.\n",
    "sup": "E = mc<sup>2</sup>, see [the paper](https://example.org).\n",
    "img": "Text.\n\n<img src='a.png' width='300'>\n",
    "details": "Text.\n\n<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n",
    "div-note": '<div class="note">\n  <p>Careful.</p>\n</div>\n\nText after it.\n',
    "table-spans": '<table><tr><td colspan="2">x</td></tr></table>\n\n# Heading\n',
    "script-embed": (
        '<blockquote class="twitter-tweet">t</blockquote>\n<script src="x.js"></script>\n\nText\n'
    ),
    "indented-html-code": "Embed it so:\n\n    <iframe src='x'></iframe>\n",
    "text-and-tags": "Text with <b>bold</b> and <a href='x'>a link</a>",  # in doubt: kept
    "kbd-paragraphs": "Press <kbd>Ctrl</kbd>.\n\n<!-- more -->\n\nMore <br> text.\n",
    "kramdown-markdown-1": '<div class="note" markdown="1">\nSome **bold**, [a link](x).\n</div>\n',
    "md-in-html-block": "<section markdown='block'>\n## Head\nText\n</section>\n",
}
HTML = {
    "paragraphs": "<p>first</p>\n<p>second</p>\n",
    "one-line": "<p>a <b>b</b></p><p>c</p>",
    "inline-only": "<b>Bold</b> <a href='x'>a link</a>",
    "pretty-page": "<!DOCTYPE html>\n<html>\n<body>\n\n    <div>\n        <p>a</p>\n\n"
    "        <p>b</p>\n    </div>\n    tail\n</body>\n</html>\n",
    "page": "<html><head><title>T</title></head><body><p>x</p></body></html>",
    "indented": "    <p>Lorem ipsum</p>\n",
    "indented-list": "    <ol>\n      <li>One</li>\n      <li>Two</li>\n    </ol>\n",
    "markdown-0": '<div markdown="0">\n<p>Kept as HTML by kramdown too.</p>\n</div>\n',
}


@pytest.mark.parametrize("body", MARKDOWN_WITH_HTML.values(), ids=MARKDOWN_WITH_HTML)
def test_markdown_that_embeds_html_is_markdown(body: str):
    assert body_kind(body, wrapped_in_html=False) == "markdown"


@pytest.mark.parametrize("body", HTML.values(), ids=HTML)
def test_html_with_nothing_written_in_markdown_is_html(body: str):
    assert body_kind(body, wrapped_in_html=False) == "html"


def test_a_body_in_the_generators_wrapper_is_html_or_text():
    assert body_kind("# not a heading <b>x</b>", wrapped_in_html=True) == "html"
    assert body_kind("# not a heading", wrapped_in_html=True) == "text"


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("<p>Lorem</p>", True),
        ("<ol>\n  <li>a</li>\n</ol>\n<p>b<br></p>", True),
        ("<p>Lorem", True),  # a fragment's element may stay open
        ("<p>a</p>\n</div>", True),  # or close what it did not open
        ("<p>a</p> trailing text", False),
        ("if a < b then c > d", False),
        ("<?php echo 1; ?>", False),
    ],
)
def test_whole_html_elements(text: str, whole: bool):
    assert is_html_elements(text) is whole


def test_a_file_named_html_is_html():
    from converters.document import Settings
    from converters.read.read_post import read_post

    body = "Text with <b>bold</b>.\n"
    assert read_post(body, "page.html", Settings()).body_kind == "html"
    assert read_post(body, "post.md", Settings()).body_kind == "markdown"


@pytest.mark.parametrize(
    "body",
    [
        "<!-- markdownlint-disable MD033 -->\n# Title\n\nText.\n",
        '<script src="https://gist.github.com/x.js"></script>\n\nText under the gist.\n',
    ],
)
def test_a_post_may_start_with_a_comment_or_a_script(body: str):
    assert body_kind(body, wrapped_in_html=False) == "markdown"


def test_a_saved_page_is_html_from_its_start():
    page = "<!-- saved from url=(0014)about:internet -->\n<!DOCTYPE html>\n<html><body>\n\n# x"
    assert body_kind(page, wrapped_in_html=False) == "html"


@pytest.mark.parametrize(
    "preamble",
    [
        '<text id="http://example.com/a.shtml" encoding="gb2312">\n<!-- published at 2004 -->\n',
        "<script>window.dataLayer = [];</script>\n",
        '<?xml version="1.0" encoding="utf-8"?>\n',
    ],
)
def test_a_saved_page_after_an_archive_wrapper_or_a_script_is_html(preamble: str):
    # A page whose article text sits in layout tables: paragraphs of loose text that would read
    # as Markdown if the page's start were not recognized.
    page = preamble + "<HTML>\n<HEAD><STYLE>\ntd {\n\tFONT-SIZE: 12px\n}\n</STYLE></HEAD>\n\nText\n"
    assert body_kind(page, wrapped_in_html=False, markdown_file=False) == "html"
    assert body_kind(page, wrapped_in_html=False, markdown_file=True) == "html"


def test_a_post_that_starts_with_a_tag_and_shows_a_page_in_code_is_still_markdown():
    post = '<div class="note">Save this as index.html:</div>\n\n```html\n<html></html>\n```\n'
    assert body_kind(post, wrapped_in_html=False) == "markdown"


def test_text_with_inline_tags_is_markdown_in_a_markdown_file_and_html_on_stdin():
    body = "More<br>after the break, with <b>bold</b>.\n"
    assert body_kind(body, wrapped_in_html=False, markdown_file=True) == "markdown"
    assert body_kind(body, wrapped_in_html=False, markdown_file=False) == "html"
    written = "More<br>after the break\n\n- a list\n"  # Markdown wherever it comes from
    assert body_kind(written, wrapped_in_html=False, markdown_file=False) == "markdown"


@pytest.mark.parametrize(
    "body",
    [
        '<iframe src="https://www.youtube.com/embed/x" allowfullscreen></iframe>\n',
        '<img src="/images/cover.png" width="600">\n',
        "<!-- draft: write this later -->\n",
        '<video controls src="clip.mp4">Your browser cannot play it.</video>\n',
    ],
    ids=["iframe", "img", "comment", "video"],
)
def test_a_markdown_file_that_only_embeds_is_kept_and_stdin_converts_it(body: str):
    assert body_kind(body, wrapped_in_html=False) == "markdown"
    assert body_kind(body, wrapped_in_html=False, markdown_file=False) == "html"


def test_html_with_template_tags_outside_code_is_a_page_its_author_wrote():
    page = (
        '<div class="posts">\n  {% for post in site.posts %}\n  <h2>{{ post.title }}</h2>\n'
        "  {% endfor %}\n</div>\n"
    )
    assert body_kind(page, wrapped_in_html=False) == "markdown"
    scraped = "<p>Vue code:</p><pre><code>{{ message }}</code></pre>"
    assert body_kind(scraped, wrapped_in_html=False) == "html"
