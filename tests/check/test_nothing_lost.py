"""Nothing lost: a prose block of the input must be in the Markdown or in a recorded removal."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from converters import ConversionError, convert
from converters.check.nothing_lost import (
    IMAGE_ALT,
    LINK_TARGET,
    check_nothing_lost,
    letter_pieces,
    lost_prose,
    shown_in_order,
    without_link_targets,
)
from converters.clean.fragment import parse
from converters.clean.prose import SEPARATOR, letters, prose_blocks
from converters.clean.work import Work
from converters.document import Document

SENTENCE = "This paragraph is the article itself and it must never go missing."


def doc(prose: tuple[str, ...], markdown: str, set_aside: tuple[str, ...] = ()) -> Document:
    return Document(source="p.md", front_matter={}, body="", markdown=markdown,
                    prose=prose, set_aside=set_aside)  # fmt: skip


def blocks(body: str) -> tuple[str, ...]:
    return prose_blocks(parse(body, Work(title="", metadata={})))


def test_prose_in_the_markdown_passes() -> None:
    shown = "This paragraph is the *article* itself and it must never go missing.\n"
    assert lost_prose(doc((SENTENCE,), shown)) is None


def test_prose_that_vanished_without_a_removal_fails_the_file() -> None:
    with pytest.raises(ConversionError, match="prose removed with no rule or signal"):
        check_nothing_lost(doc((SENTENCE,), "Short.\n"))


def test_prose_a_recorded_removal_took_passes() -> None:
    assert lost_prose(doc((SENTENCE,), "", set_aside=(f"intro {SENTENCE} outro",))) is None


def test_prose_moved_out_of_order_still_counts_as_shown() -> None:
    second = "A caption that the cleaning moved below the image it describes."
    assert lost_prose(doc((SENTENCE, second), f"{second}\n\n{SENTENCE}\n")) is None


def test_only_innermost_blocks_with_a_sentence_are_prose() -> None:
    body = (
        f"<div><p>THE END</p><p>转载请注明出处</p><blockquote><p>{SENTENCE}</p></blockquote></div>"
    )
    assert blocks(body) == (SENTENCE,)


def test_text_a_reader_never_sees_is_not_prose() -> None:
    body = (
        "<script>var a = 'a long script that is not prose at all, not even close';</script>"
        "<form><p>A comment form label that is long enough to be prose.</p></form>"
        f"<p>{SENTENCE}<svg><text>drawn text that no reader reads as such</text></svg></p>"
    )
    assert blocks(body) == (SENTENCE,)


def test_code_is_read_as_the_cleaning_reads_it() -> None:
    code = 'Method java/lang/Object."<init>":()V is called first here'
    assert blocks(f"<pre><code>{code}</code></pre>") == (code,)


def test_a_junk_tail_the_generic_pass_removes_is_accounted_for() -> None:
    post = (
        "---\ntitle: t\n---\n<p>一段正文，说明了事情的来龙去脉。</p>"
        "<p>第二段正文。</p><p>第三段。</p>"
        "<p>本文为作者原创，版权归原作者所有，未经授权不得转载，违者必究，特此声明。</p>"
    )
    assert "未经授权" not in convert(post, path="p.md").markdown


def test_a_link_title_with_parentheses_is_not_shown_text() -> None:
    prose = ("回复:岳麓书院历代山长回复:在理科生面前炫耀ML的结果",)
    markdown = (
        '[回复:岳麓书院历代山长](more.asp?id=1 "PeonyBoy(游客)回复于2006-12-27")'
        '[回复:在理科生面前炫耀ML的结果](more.asp?id=2 "koko(游客)回复于2006-12-27")\n'
    )
    assert lost_prose(doc(prose, markdown)) is None


def test_text_that_only_looks_like_a_link_target_is_shown_text() -> None:
    prose = ("See [the notes](/foo) written by hand for the record",)
    escaped = "See [the notes\\](/foo) written by hand for the record\n"
    assert lost_prose(doc(prose, escaped)) is None
    linked = "See [the notes](/foo) written by hand for the record\n"  # a real link's target
    assert lost_prose(doc(prose, linked))


def test_a_bracket_and_parenthesis_written_as_text_convert() -> None:
    html = "<p>[not a link](/foo) and *not emphasized* either, written as text</p>"
    assert "[not a link\\](/foo) and" in convert(html, path="-").markdown


def test_an_image_inside_a_paragraph_adds_no_text_to_it() -> None:
    post = (
        "---\ntitle: t\n---\n<p>A long paragraph of text with an inline "
        '<img src="https://x.example/a.png" alt="a descriptive alt"> image, then more words.</p>'
    )
    assert "then more words" in convert(post, path="p.md").markdown


def test_a_player_inside_a_paragraph_may_become_a_labelled_link() -> None:
    post = (
        "---\ntitle: t\n---\n<p>A long paragraph with a player "
        '<iframe src="https://player.example/v/123"></iframe> inside it and words after it.</p>'
    )
    assert "words after it" in convert(post, path="p.md").markdown


MARKDOWN_PIECES = [
    "a", "中", "，", " ", "\n", "\\", "\\\\", "]", "[", "(", ")", "](", "![", '"', "x y",
    '](u "t")', "](u)", "](a(b))", "_", "\x00", "\u00a0", "😀",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=30).map("".join))
def test_link_targets_are_taken_out_as_the_pattern_takes_them(markdown: str) -> None:
    assert without_link_targets(markdown) == LINK_TARGET.sub("", markdown)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=30).map("".join))
def test_a_blocks_pieces_are_read_in_one_pass_as_one_by_one(block: str) -> None:
    assert letter_pieces(block) == [letters(piece) for piece in block.split(SEPARATOR)]


def reference_lost_prose(doc: Document) -> str | None:
    """lost_prose as first written: every block's letters sought in the shown letters."""
    shown = letters(LINK_TARGET.sub("", IMAGE_ALT.sub("", doc.markdown)))
    set_aside = SEPARATOR.join(letters(text) for text in doc.set_aside)
    position = 0
    for block in doc.prose:
        pieces = [piece for piece in map(letters, block.split(SEPARATOR)) if piece]
        end = shown_in_order(pieces, shown, position)
        if end is not None:
            position = end
        elif shown_in_order(pieces, shown, 0) is None and "".join(pieces) not in set_aside:
            return block.replace(SEPARATOR, "")
    return None


PROSE_WORDS = [*MARKDOWN_PIECES, "word", "Word", "字", "，", "\u3000", "*", "\\*", "![alt", "  "]


@st.composite
def prose_documents(draw: st.DrawFn) -> Document:
    """Prose blocks cut from the Markdown (some changed a little), so that they are found,
    found out of order, found only as letters, or lost."""
    markdown = "".join(draw(st.lists(st.sampled_from(PROSE_WORDS), max_size=30)))
    bounds = st.integers(0, len(markdown))
    cuts = st.tuples(bounds, bounds).map(lambda ab: markdown[ab[0] : ab[1]])
    texts = st.one_of(cuts, st.sampled_from(PROSE_WORDS), cuts.map(lambda t: t.replace(" ", "")))
    blocks = st.lists(texts, min_size=1, max_size=3).map(SEPARATOR.join)
    prose = tuple(draw(st.lists(blocks, max_size=5)))
    set_aside = tuple(draw(st.lists(texts, max_size=2)))
    return doc(prose, markdown, set_aside)


@settings(max_examples=300, deadline=None)
@given(prose_documents())
def test_the_text_first_route_finds_what_the_letters_find(document: Document) -> None:
    assert lost_prose(document) == reference_lost_prose(document)


def test_no_white_space_is_a_letter() -> None:
    """A text node is sought with the white space at its ends stripped."""
    assert not any(c.isspace() and c.isalnum() for c in map(chr, range(0x110000)))
