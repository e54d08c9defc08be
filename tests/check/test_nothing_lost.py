"""Nothing lost: a prose block of the input must be in the Markdown or in a recorded removal."""

import pytest

from converters import ConversionError, convert
from converters.check.nothing_lost import check_nothing_lost, lost_prose
from converters.document import Document

PROSE = "<p>This paragraph is the article itself and it must never go missing.</p>"


def doc(body: str, markdown: str, set_aside: tuple[str, ...] = (), kind: str = "html") -> Document:
    return Document(source="p.md", front_matter={}, body=body, body_kind=kind,  # type: ignore[arg-type]
                    markdown=markdown, set_aside=set_aside)  # fmt: skip


def test_prose_in_the_markdown_passes() -> None:
    shown = "This paragraph is the *article* itself and it must never go missing.\n"
    assert lost_prose(doc(PROSE, shown)) is None


def test_prose_that_vanished_without_a_removal_fails_the_file() -> None:
    with pytest.raises(ConversionError, match="prose removed with no rule or signal"):
        check_nothing_lost(doc(PROSE + "<p>Short.</p>", "Short.\n"))


def test_prose_a_recorded_removal_took_passes() -> None:
    removed = ("This paragraph is the article itself and it must never go missing.",)
    assert lost_prose(doc(PROSE, "", set_aside=removed)) is None


def test_short_lines_are_not_prose() -> None:
    assert lost_prose(doc("<p>THE END</p><p>转载请注明出处</p>", "")) is None


def test_hidden_and_never_content_text_is_not_prose() -> None:
    body = "<script>var a = 'a long script that is not prose at all';</script>"
    body += "<form><p>A comment form label that is long enough to be prose.</p></form>"
    assert lost_prose(doc(body, "")) is None


def test_code_is_compared_as_the_cleaning_read_it() -> None:
    body = '<pre><code>Method java/lang/Object."<init>":()V is called first here</code></pre>'
    markdown = '```\nMethod java/lang/Object."<init>":()V is called first here\n```\n'
    assert lost_prose(doc(body, markdown)) is None


def test_bodies_that_are_not_html_fragments_are_left_to_other_checks() -> None:
    assert lost_prose(doc(PROSE, "", kind="markdown")) is None
    assert lost_prose(doc(f"<html><body>{PROSE}</body></html>", "")) is None


def test_a_junk_tail_removed_by_the_generic_pass_is_accounted_for() -> None:
    post = (
        "---\ntitle: t\n---\n<p>一段正文，说明了事情的来龙去脉。</p>"
        "<p>第二段正文。</p><p>第三段。</p>"
        "<p>本文为作者原创，版权归原作者所有，未经授权不得转载，违者必究，特此声明。</p>"
    )
    assert "未经授权" not in convert(post, path="p.md").markdown
