"""The check for a Markdown body: it renders as before, less only the junk listed as removed."""

import pytest

from converters.check.check_output import check_output
from converters.document import ConversionError, Document, Removal, Settings

BODY = "# Title\n\nIntro <kbd>x</kbd>.\n\n<!-- more -->\n\n- a\n- b\n"


def checked(body: str, markdown: str, *removed: str) -> str:
    doc = Document(
        source="post.md",
        front_matter={},
        body=body,
        body_kind="markdown",
        markdown=markdown,
        removed=tuple(Removal("generic", what) for what in removed),
    )
    try:
        check_output(doc, Settings())
    except ConversionError as error:
        assert (error.source, error.stage) == ("post.md", "check")
        return error.message
    return ""


def test_the_authors_html_and_comments_pass_when_kept():
    assert checked(BODY, BODY) == ""


@pytest.mark.parametrize(
    "markdown",
    [
        "# Title\n\nIntro <kbd>x</kbd>.\n\n- a\n- b\n",  # the comment lost
        "# Title\n\nIntro \\<kbd>x\\</kbd>.\n\n<!-- more -->\n\n- a\n- b\n",  # HTML escaped
        "Title Intro x. - a - b\n",  # structure collapsed
        "# Title\n\nIntro <kbd>x</kbd>.\n\n<!-- more -->\n\n    - a\n    - b\n",  # a list made code
    ],
    ids=["comment-lost", "html-escaped", "collapsed", "list-to-code"],
)
def test_any_other_difference_fails_the_file_with_one_line(markdown: str):
    message = checked(BODY, markdown)
    assert message.startswith("the Markdown would render differently: ")
    assert "\n" not in message


def test_removed_junk_is_the_only_difference_allowed():
    body = 'Text.\n\n<p></p>\n\n<img src="p.gif" width="1" height="1">\n\n\u3000\u3000More.\n'
    cut = "Text.\n\nMore.\n"
    assert checked(body, cut, "empty paragraph", "tracking pixel", "full-width indent") == ""
    assert checked(body, cut, "empty paragraph").startswith("the Markdown would render")


def test_whitespace_that_renders_the_same_is_no_difference():
    assert checked("a\n\n\n\nb  \n", "a\n\nb\n") == ""
    assert checked("```\na  b\n```\n", "```\na b\n```\n") != ""  # but it counts in code
