"""to_markdown: small HTML -> Markdown pairs, one per trap, checked by rendering back."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from converters.document import Document, ParsedBody, Settings
from converters.markdown import writer
from converters.markdown.normalize import tidy_markdown
from converters.markdown.to_markdown import html_to_markdown, text_to_markdown, to_markdown

MD = MarkdownIt("commonmark", {"html": True}).enable("table")
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def render(markdown: str) -> str:
    return MD.render(markdown)


def raw_html_tokens(markdown: str) -> list[str]:
    found = []
    for token in MD.parse(markdown):
        if token.type == "html_block":
            found.append(token.content)
        found.extend(c.content for c in token.children or [] if c.type == "html_inline")
    return found


def shown_text(markdown: str) -> str:
    rendered = render(markdown) or "<p></p>"
    return lxml.html.fragment_fromstring(rendered, create_parent="div").text_content()


def block_types(markdown: str) -> list[str]:
    return [t.type for t in MD.parse(markdown) if t.nesting == 1 or t.type in ("hr", "fence")]


# ---------------------------------------------------------------- basics


def test_inline_formatting_links_and_images() -> None:
    got = html_to_markdown(
        '<p>Hi <b>bold</b> <i>it</i> <a href="https://x.org/a">link</a> '
        '<img src="https://x.org/i.png" alt="pic"></p>'
    )
    assert got == "Hi **bold** *it* [link](https://x.org/a) ![pic](https://x.org/i.png)"


def test_headings_are_atx_and_quotes_use_marker() -> None:
    got = html_to_markdown("<h2>Title</h2><blockquote><p>a</p><p>b</p></blockquote>")
    assert got == "## Title\n\n> a\n>\n> b"


# ---------------------------------------------------------------- CJK typography


def test_source_line_break_between_cjk_characters_joins_without_space() -> None:
    assert html_to_markdown("<p>中文\n中文</p>") == "中文中文"


def test_source_line_break_between_latin_words_is_a_space() -> None:
    assert html_to_markdown("<p>one\ntwo 中文\nword</p>") == "one two 中文 word"


def test_cjk_line_break_next_to_an_element_also_joins() -> None:
    assert html_to_markdown("<p>中文\n<b>粗体</b>\n文字</p>") == "中文**粗体**文字"


def test_bold_ending_in_cjk_punctuation_still_renders_bold() -> None:
    got = html_to_markdown("<p>最后，<strong>即可判断出是否走步。”</strong>这</p>")
    assert got == "最后，**即可判断出是否走步**。”这"
    assert "<strong>即可判断出是否走步</strong>" in render(got)


def test_bold_starting_with_a_quote_mark_still_renders_bold() -> None:
    got = html_to_markdown("<p>这<b>“引用”</b>吗</p>")
    assert "<strong>引用</strong>" in render(got)
    assert "**" not in shown_text(got)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>foo-<em>(bar)</em></p>", "foo-*(bar)*"),  # punctuation inside stays inside
        ("<p><strong>第三，外行指挥内行。</strong></p>", "**第三，外行指挥内行。**"),
        ("<p>foo <em>*</em></p>", "foo _\\*_"),  # emphasis of punctuation alone
        ("<p><em>foo <em>bar</em> baz</em></p>", "*foo *bar* baz*"),  # nested around a part
        ("<p><strong><strong>foo</strong> bar</strong></p>", "__**foo** bar__"),
    ],
)
def test_emphasis_renders_as_in_the_source(html: str, expected: str) -> None:
    got = html_to_markdown(html)
    assert got == expected
    assert render(got).strip() == html


def test_emphasis_around_strong_inside_a_word_is_one_run_of_three() -> None:
    got = html_to_markdown("<p>foo<em><strong>bar</strong></em>baz</p>")
    assert got == "foo***bar***baz"
    assert render(got).strip() == "<p>foo<em><strong>bar</strong></em>baz</p>"


def test_strong_around_emphasis_inside_a_word_keeps_both() -> None:
    got = html_to_markdown("<p>中<b><i>文字</i></b>中</p>")
    assert got == "中***文字***中"
    assert render(got).strip() == "<p>中<em><strong>文字</strong></em>中</p>"  # shows the same


def test_emphasis_around_strong_between_spaces_is_written_as_before() -> None:
    assert html_to_markdown("<p>a <em><strong>b</strong></em> c</p>") == "a _**b**_ c"


def test_emphasis_all_of_its_own_kind_is_one() -> None:
    assert html_to_markdown("<p><b><strong>all</strong></b></p>") == "**all**"


def test_edge_punctuation_moves_out_only_where_no_delimiter_could_flank() -> None:
    got = html_to_markdown("<p>a<em>(b)</em>c</p>")  # `a*(` cannot open, nor `_`
    assert got == "a(*b*)c"


def test_bold_that_cannot_flank_is_dropped_rather_than_left_as_asterisks() -> None:
    got = html_to_markdown('<p>这<b><a href="https://x.org">链接</a></b>吗</p>')
    assert "**" not in shown_text(got)
    assert shown_text(got).strip() == "这链接吗"


# ---------------------------------------------------------------- escaping


@pytest.mark.parametrize(
    "text",
    [
        "1) not a list",
        "1. not a list",
        "- not a list",
        "+ not a list",
        "* not a list",
        "# not a heading",
        "> not a quote",
        "---",
        "===",
        "***",
        "```not a fence",
        "~~~ not a fence",
        "[x]: http://evil.example",
        "<div>not html</div>",
        "|---|---|",
        "    four spaces",
    ],
)
def test_paragraph_that_looks_like_a_block_stays_a_paragraph(text: str) -> None:
    got = html_to_markdown(f"<p>{html.escape(text)}</p>")
    assert block_types(got) == ["paragraph_open"]
    assert shown_text(got).strip() == text.strip()


def test_line_after_a_hard_break_is_escaped_too() -> None:
    got = html_to_markdown("<p>first<br>- second<br>## third</p>")
    assert block_types(got) == ["paragraph_open"]
    assert shown_text(got) == "first\n- second\n## third\n"


def test_cjk_text_gets_no_escapes() -> None:
    text = "【快讯】财联社4月6日电，“动态清零”（第1、2条）——完成率100%！"
    assert html_to_markdown(f"<p>{text}</p>") == text


def test_only_meaningful_characters_are_escaped() -> None:
    got = html_to_markdown("<p>snake_case 2 * 3 a*b [1] &amp;copy; &lt;b&gt; `x` x&lt;3</p>")
    assert got == r"snake_case 2 * 3 a\*b [1] \&copy; \<b> \`x\` x<3"
    assert shown_text(got) == "snake_case 2 * 3 a*b [1] &copy; <b> `x` x<3\n"


def test_escaped_html_stays_text() -> None:
    got = html_to_markdown("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    assert raw_html_tokens(got) == []
    assert shown_text(got).strip() == "<script>alert(1)</script>"


ALPHABET = st.sampled_from([*"ab中文 *_`[]()<>!&#;|~\\-+=.:1\"'", "&amp;", "]("])


@pytest.mark.parametrize("text", ["-- -", "- --", "-  -  -", "-- -x"])
def test_hyphens_that_would_draw_a_rule_stay_text(text: str) -> None:
    got = html_to_markdown(f"<p>{text}</p>")
    assert " ".join(shown_text(got).split()) == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_any_text_survives_exactly(text: str) -> None:
    got = html_to_markdown(f"<p>{html.escape(text)}</p>")
    assert raw_html_tokens(got) == []
    assert " ".join(shown_text(got).split()) == " ".join(text.split())


# ---------------------------------------------------------------- breaks


def test_a_line_break_inside_emphasis_keeps_it_whole() -> None:
    got = html_to_markdown("<p><em>foo<br>bar</em> <b>x<br></b>y</p>")
    assert got == "*foo\\\nbar* **x**\\\ny"
    assert render(got) == "<p><em>foo<br />\nbar</em> <strong>x</strong><br />\ny</p>\n"


TABLE_PIECES = ["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<caption>"]
BLOCK_PIECES = [
    "<div>", "</div>", "<p>", "</p>", "<ul><li>", "</li></ul>", "<blockquote>",
    "</blockquote>", "<hr>", "<pre>c\n\n</pre>", "<br>", "<b>", "</b>", "x", "# y", " ", "\n",
    "\u00a0", "\u2003", "\u3000", "中", "<q>", "</q>", "<h2>", "</h2>", "<img src=i.png>",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BLOCK_PIECES), max_size=24).map("".join))
def test_finished_blocks_are_joined_as_the_general_path_would(html: str) -> None:
    """Blocks with only white space between them are joined unread: as if read again."""
    fast = html_to_markdown(html)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "_joined_blocks", lambda block: None)
        assert html_to_markdown(html) == fast


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*BLOCK_PIECES, *TABLE_PIECES]), max_size=24).map("".join))
def test_blocks_answered_unread_are_written_as_the_general_path_would(html: str) -> None:
    """Plain text, finished blocks and blank blocks (`<br>`s and white space, as between table
    rows) are answered without being read into nodes: exactly what reading them would give."""
    fast = html_to_markdown(html)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "_unread", lambda block, inline: None)
        assert html_to_markdown(html) == fast


# what a line may start with, and the white space a block strips or a seam collapses
LINE_START_PIECES = [
    "1", "0.", ")", "-", "+", "*", "#", ">", "=", "|", ":", " ", "  ", "\u3000", "\u00a0",
    "\u2003", "\n", "x", "中", "、", "<p>", "</p>", "<span>", "</span>", "<h3>", "</h3>",
    "<td>", "<br>", "<b>", "</b>",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LINE_START_PIECES), max_size=16).map("".join))
def test_plain_text_answered_unread_is_written_as_the_general_path_would(html: str) -> None:
    """Text needing no escape but at its line start (`1.`, `- `, `#`), its edges white space,
    is answered unread: exactly what reading it would give."""
    fast = html_to_markdown(html)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "_unread", lambda block, inline: None)
        assert html_to_markdown(html) == fast


LIST_PIECES = [
    "<ol><li>",
    "</li><li>",
    "</li></ol>",
    "<span>",
    "</span>",
    "<i>",
    "</i>",
    "<a href=u>",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*BLOCK_PIECES, *TABLE_PIECES, *LIST_PIECES]), max_size=24).map(
        "".join
    )
)
def test_blocks_the_walk_knows_finished_are_joined_as_reading_them_would(html: str) -> None:
    """Children that were only finished blocks and the blank between them are joined without
    being read again (a Blocks): exactly what reading them would give."""
    fast = html_to_markdown(html)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(writer, "Blocks", type("NotBlocks", (str,), {}))
        assert html_to_markdown(html) == fast


def test_white_space_and_breaks_between_table_rows_write_nothing() -> None:
    html = "<table>\n <tr>\n <td>a</td>\n <br> </tr>\n\u3000<tr><td>b</td></tr>\n</table>"
    assert html_to_markdown(html) == "| a |\n| --- |\n| b |"


def test_single_br_is_a_backslash_hard_break() -> None:
    assert html_to_markdown("<p>a<br>b</p>") == "a\\\nb"


def test_br_runs_inside_a_block_become_paragraph_breaks() -> None:
    got = html_to_markdown("<div>a<br><br>b<br><br><br><br>c<br></div>")
    assert got == "a\n\nb\n\nc"


def test_bold_across_a_paragraph_break_is_closed_and_reopened() -> None:
    got = html_to_markdown("<p><b>one<br><br>two</b></p>")
    assert got == "**one**\n\n**two**"


def test_spaces_across_elements_collapse_as_html_shows_them() -> None:
    assert html_to_markdown("<p>a <span> b</span> <b> c </b> d</p>") == "a b **c** d"
    assert html_to_markdown(
        "<table><tr><td>a <table><tr><td> b</td></tr></table></td></tr></table>"
    ) == ("| a b |\n| --- |")


def test_empty_emphasis_is_dropped() -> None:
    assert html_to_markdown("<p>a<b> </b>b<em></em></p>") == "a b"


def test_rule_after_a_paragraph_is_not_a_setext_heading() -> None:
    got = html_to_markdown("<p>a</p><hr><p>b</p>")
    assert "heading_open" not in block_types(got)
    assert "hr" in block_types(got)


def test_rules_at_the_edges_are_written_and_the_first_is_no_front_matter() -> None:
    got = html_to_markdown("<hr><p>a</p><hr>")
    assert got == "***\n\na\n\n---"  # `---` opening a file would start front matter
    assert block_types(got) == ["hr", "paragraph_open", "hr"]


# ---------------------------------------------------------------- no raw HTML


def test_unknown_tags_become_their_text() -> None:
    got = html_to_markdown("<p><custom-tag>x</custom-tag> <u>y</u> <sup>[1]</sup></p>")
    assert got == "x y [1]"


def test_iframe_becomes_a_link_to_the_video() -> None:
    got = html_to_markdown('<iframe src="https://www.youtube.com/embed/KILjwOqvfx4"></iframe>')
    assert got == "[Video](https://www.youtube.com/watch?v=KILjwOqvfx4)"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_script_links_lose_their_target_and_keep_their_text(href: str) -> None:
    got = html_to_markdown(f'<p><a href="{html.escape(href)}">click</a></p>')
    assert got == "click"


def test_data_images_are_dropped_keeping_the_alt_text() -> None:
    got = html_to_markdown('<p><img src="data:image/png;base64,AAAA" alt="chart"></p>')
    assert got == "chart"


def test_image_inside_a_link() -> None:
    got = html_to_markdown('<a href="https://x.org/big.png"><img src="https://x.org/s.png"></a>')
    assert got == "[![](https://x.org/s.png)](https://x.org/big.png)"


def test_url_with_parentheses_and_spaces_stays_one_link() -> None:
    got = html_to_markdown('<a href="https://x.org/a (b).html">t</a>')
    assert got == "[t](https://x.org/a%20\\(b\\).html)"  # the source's own target
    assert 'href="https://x.org/a%20(b).html"' in render(got)


# ---------------------------------------------------------------- code


def test_code_block_language_from_class_and_highlight_spans_dropped() -> None:
    got = html_to_markdown(
        '<div class="highlight"><pre><code class="language-python3">'
        '<span class="k">def</span> <span class="nf">f</span>():\n    return 1\n</code></pre></div>'
    )
    assert got == "```python3\ndef f():\n    return 1\n```"


def test_code_block_language_in_any_script() -> None:
    got = html_to_markdown('<pre><code class="language-föö">x</code></pre>')
    assert got == "```föö\nx\n```"


def test_code_block_language_from_lang_prefix() -> None:
    assert html_to_markdown('<pre class="lang-js">x = 1</pre>') == "```js\nx = 1\n```"


def test_code_block_fence_is_longer_than_any_backtick_run_inside() -> None:
    got = html_to_markdown("<pre>a\n```\nb</pre>")
    assert got == "````\na\n```\nb\n````"
    assert [t.type for t in MD.parse(got)] == ["fence"]


def test_a_break_before_a_source_newline_in_code_is_one_line_end() -> None:
    got = html_to_markdown("<pre><code>a = 1<br>\nb = 2<br>\n<br>\nc = 3<br>d = 4</code></pre>")
    assert got == "```\na = 1\nb = 2\n\nc = 3\nd = 4\n```"


def test_inline_code_of_white_space_alone_is_code() -> None:
    got = html_to_markdown("<p>split on <code> </code> or <code>\u00a0</code></p>")
    assert got == "split on ` ` or `\u00a0`"
    assert "<code> </code>" in render(got) and "<code>\u00a0</code>" in render(got)


def test_inline_code_containing_a_backtick() -> None:
    got = html_to_markdown("<p>run <code>a`b</code> now</p>")
    assert got == "run ``a`b`` now"


# ---------------------------------------------------------------- lists and tables


def test_nested_list_is_indented_under_its_item() -> None:
    got = html_to_markdown("<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>")
    assert got == "- a\n  - b\n  - c\n- d"
    assert render(got).count("<ul>") == 2


def test_ordered_list_keeps_its_start() -> None:
    got = html_to_markdown('<ol start="9"><li>x</li><li>y</li></ol>')
    assert got == "9. x\n10. y"


@pytest.mark.parametrize(
    ("start", "expected"), [("0", "0. x"), ("123456789", "123456789. x"), ("-3", "1. x")]
)
def test_a_start_commonmark_can_say_is_kept(start: str, expected: str) -> None:
    assert html_to_markdown(f'<ol start="{start}"><li>x</li></ol>') == expected


def test_adjacent_lists_stay_two_lists() -> None:
    got = html_to_markdown(
        "<ul><li>a</li></ul><!-- --><ul><li>b</li></ul><ul><li>c</li></ul>"
        '<ol><li>d</li></ol><ol start="2"><li>e</li></ol>'
    )
    assert got == "- a\n\n* b\n\n- c\n\n1. d\n\n2) e"
    assert render(got).count("<ul>") == 3
    assert render(got).count("<ol") == 2


def test_a_rule_in_an_item_stays_in_the_item() -> None:
    got = html_to_markdown("<ul><li>a</li><li><hr></li></ul>")
    assert got == "- a\n- ***"
    assert render(got).count("<li>") == 2


def test_an_empty_item_is_its_marker_and_keeps_the_numbers_after_it() -> None:
    got = html_to_markdown("<ol><li>foo</li><li></li><li>bar</li></ol>")
    assert got == "1. foo\n2.\n3. bar"
    assert render(got) == "<ol>\n<li>foo</li>\n<li></li>\n<li>bar</li>\n</ol>\n"


def test_an_empty_first_item_of_a_nested_list_underlines_no_heading() -> None:
    got = html_to_markdown("<ul><li>a<ul><li></li><li>b</li></ul></li></ul>")
    assert "heading_open" not in block_types(got)
    assert render(got).count("<li>") == 3


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<ul>lead<li>a</li></ul>", "lead\n\n- a"),
        ("<ol><li>a</li>more<li>b</li></ol>", "1. a\n\n   more\n\n2. b"),
        ("<ul>\n<li>a</li>\n<li>b</li>\n</ul>", "- a\n- b"),
    ],
    ids=["before-the-first-item", "after-an-item", "whitespace-only"],
)
def test_text_outside_the_items_shows_without_a_marker(html: str, expected: str) -> None:
    assert html_to_markdown(html) == expected


def test_table_gets_a_header_row_and_flattens_spans() -> None:
    got = html_to_markdown(
        "<table><tr><td rowspan=2>k</td><td colspan=2>v</td></tr>"
        "<tr><td>a|b</td><td>c</td></tr></table>"
    )
    assert got == "| k | v |  |\n| --- | --- | --- |\n|  | a\\|b | c |"
    rendered = render(got)
    assert rendered.count("<th>") == 3 and rendered.count("<td>") == 3
    assert "a|b" in rendered


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<table>loose</table>", "loose"),
        ("<table><h1>head</h1><tr><td>c</td></tr></table>", "# head\n\n| c |\n| --- |"),
        (
            "<table><caption>cap</caption><tbody>x <tr><td>a</td>y<td>b</td></tr></tbody></table>",
            "x y\n\ncap\n\n| a | b |\n| --- | --- |",
        ),
    ],
    ids=["text-only", "element", "text-in-body-and-row"],
)
def test_what_no_cell_holds_comes_before_the_table(html: str, expected: str) -> None:
    assert html_to_markdown(html) == expected


def test_absurd_spans_are_bounded() -> None:
    got = html_to_markdown(
        '<table><tr><td colspan="99999999" rowspan="99999999">a</td></tr></table>'
    )
    assert len(got) < 1000


# ---------------------------------------------------------------- robustness


def test_deep_nesting_neither_recurses_nor_loses_text() -> None:
    n = 100_000
    deep = "<p>before</p>" + "<div>x" * n + "end" + "</div>" * n + "<p>after</p>"
    doc = Document(source="-", front_matter={}, body=deep, html=deep)
    out = to_markdown(doc, Settings())
    assert out.markdown.startswith("before\n\nx")
    assert out.markdown.endswith("xend\n\nafter")
    assert out.markdown.count("x") == n
    assert any("nested" in w for w in out.warnings)


def test_deep_inline_nesting_keeps_all_text() -> None:
    n = 20_000
    got = html_to_markdown("<span>x" * n + "</span>" * n + "<p>after</p>")
    assert got == "x" * n + "\n\nafter"


# ---------------------------------------------------------------- plain text and stage


def test_plain_text_lines_become_escaped_paragraphs() -> None:
    got = text_to_markdown("【标题】第一行\n\n1、条目\n  - 不是列表\n　　# 不是标题\n")
    assert got == "【标题】第一行\n\n1、条目\n\n\\- 不是列表\n\n\\# 不是标题"


def test_stage_dispatches_on_body_kind() -> None:
    def doc(kind: str, body: str) -> Document:
        return Document(source="-", front_matter={}, body=body, body_kind=kind, html=body)  # type: ignore[arg-type]

    kept = doc("markdown", "# *kept*")
    assert to_markdown(kept, Settings()) is kept  # markdown_body's to keep
    assert to_markdown(doc("text", "# a"), Settings()).markdown == "\\# a"
    assert to_markdown(doc("html", "<h1>a</h1>"), Settings()).markdown == "# a"


def test_the_tree_clean_built_is_walked_while_it_stands_for_the_html() -> None:
    html = "<p>as a string</p>"
    tree = lxml.etree.fromstring("<div><p>as a tree</p></div>")
    doc = Document(source="-", front_matter={}, body=html, html=html, parsed=ParsedBody(html, tree))
    assert to_markdown(doc, Settings()).markdown == "as a tree"
    changed = dataclasses.replace(doc, html="<p>changed later</p>")
    assert to_markdown(changed, Settings()).markdown == "changed later"
    assert lxml.etree.tostring(tree) == b"<div><p>as a tree</p></div>"  # only read


def test_noncharacters_in_the_tree_cannot_pose_as_marks() -> None:
    html = '<p>a\ufdd1b<img src="x.png" alt="c\ufdd0"></p>'
    tree = lxml.etree.fromstring(f"<div>{html}</div>", lxml.etree.HTMLParser()).find(".//div")
    doc = Document(source="-", front_matter={}, body=html, html=html, parsed=ParsedBody(html, tree))
    assert to_markdown(doc, Settings()).markdown == "a\ufffdb![c\ufffd](x.png)"


@pytest.mark.parametrize("code", range(0xFDCF, 0xFDF1))
def test_every_noncharacter_in_the_tree_is_replaced_and_nothing_beside(code: int) -> None:
    html = f"<p>a{chr(code)}b</p>"
    tree = lxml.etree.fromstring(f"<div>{html}</div>", lxml.etree.HTMLParser()).find(".//div")
    doc = Document(source="-", front_matter={}, body=html, html=html, parsed=ParsedBody(html, tree))
    shown = "\ufffd" if 0xFDD0 <= code <= 0xFDEF else chr(code)
    assert to_markdown(doc, Settings()).markdown == f"a{shown}b"


# ---------------------------------------------------------------- real bodies

SAMPLES = [
    "sina-finance-domestic/gif-images-font-bold",
    "sina-finance-domestic/tables-industrial-profits",
    "zhihu-daily/cpu-single-core-lists",
    "meituan-tech/headings-figures-ordered-lists",
    "paulgraham-essays/english-br-paragraphs-footnote",
    "mastodon-local/multiline-title-two-images",
    "animen-news/broken-categories-youtube-iframe",
]


def corpus_body(name: str) -> str:
    text = (FIXTURES / f"{name}.input.md").read_text("utf-8")
    body = re.split(r"^---[ \t]*$", text, maxsplit=2, flags=re.M)[2]
    return body.replace("&#123;", "{").replace("&#125;", "}")


@pytest.mark.parametrize("name", SAMPLES)
def test_real_body_is_stable_and_plain_markdown(name: str) -> None:
    markdown = tidy_markdown(html_to_markdown(corpus_body(name)))
    assert tidy_markdown(markdown) == markdown
    assert raw_html_tokens(markdown) == []
    rendered = lxml.html.fragment_fromstring(render(markdown), create_parent="div")
    for code in rendered.xpath("//code"):
        code.drop_tree()
    assert "**" not in rendered.text_content()
    assert not re.search(r"[ \t]$", markdown, re.M)


@pytest.mark.parametrize("tag", ["soup", "list", "document", "tree"])
def test_tags_named_like_markdownify_internals_are_plain_text(tag: str) -> None:
    assert html_to_markdown(f"<p>a <{tag}>b</{tag}> c</p>") == "a b c"
