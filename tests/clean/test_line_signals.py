"""Lines judged by where they stand: the runs of junk at the edges of a body, never a lone word."""

import pytest
from lxml import etree

from converters.clean.fragment import PARSER
from converters.clean.line_signals import (
    ANY_LABEL,
    LABEL_OF_GROUP,
    LABELS,
    LINE_TAGS,
    Line,
    display_width,
    fits,
    line_layout,
    line_verdicts,
    lines_in_order,
)
from converters.clean.tree import BLOCK_TAGS, code_nodes, holders, text_of
from converters.clean.work import Work
from tests.clean.test_remove_boilerplate import clean, paragraphs

BODY = "<p>第一段正文。</p><p>第二段正文。</p><p>第三段正文。</p>"


def whats(lines: list[Line]) -> list[str | None]:
    verdicts = line_verdicts(lines, Work(title="t", metadata={}))
    return [verdict[1] if verdict else None for verdict in verdicts]


@pytest.mark.parametrize(
    "tail",
    [
        "<p> - THE END -</p>",
        "<p>（完）</p>",
        "<p><em>【广告】本文用于分享优惠促销信息，结果仅供参考。</em></p>",
        "<p>转载请注明出处：快科技</p>",
        "<p>———————————</p><h3><strong>购买本专辑可查看全部内容</strong></h3>",
        "<p>Subscribe to continue reading the full story.</p>",
        "<p>欢迎投稿，投稿邮箱：tougao@example.com</p>",
    ],
)
def test_a_closing_run_of_junk_lines_goes(tail: str) -> None:
    assert paragraphs(clean(BODY + tail, site_rules=False).html) == [
        "第一段正文。",
        "第二段正文。",
        "第三段正文。",
    ]


def test_the_tail_run_passes_over_a_row_of_links_and_keeps_it() -> None:
    tail = (
        '<p class="end"> - THE END -</p><p>转载请注明出处：快科技</p>'
        '<p><a href="https://x.example/tag/a"><i>#</i>衣服</a></p><p>责任编辑：遅留</p>'
    )
    doc = clean(BODY + tail, site_rules=False)
    assert paragraphs(doc.html) == ["第一段正文。", "第二段正文。", "第三段正文。", "#衣服"]
    assert doc.metadata["editor"] == "遅留"


def test_the_tail_run_stops_at_the_first_line_of_article() -> None:
    body = "<p>一。</p><p>二。</p><p>转载请注明出处。</p><p>文章在这里继续，说完了才结束。</p>"
    assert len(paragraphs(clean(body, site_rules=False).html)) == 4


@pytest.mark.parametrize(
    "line",
    [
        "用户扫描二维码即可领取优惠券，每人限领一张。",  # about a QR code, not an order
        "扫描二维码后，在手机上点击确认即可完成登录。",  # an order, but to use the product
    ],
)
def test_a_qr_code_sentence_stays_even_beside_an_image(line: str) -> None:
    assert whats([Line("一。"), Line("二。"), Line(line, beside_image=True)]) == [None] * 3


@pytest.mark.parametrize("line", ["长按识别二维码", "扫描下方二维码，添加小助手进群交流"])
def test_a_qr_code_call_needs_its_image_beside_it(line: str) -> None:
    assert whats([Line("一。"), Line("二。"), Line(line)]) == [None, None, None]
    assert whats([Line("一。"), Line("二。"), Line(line, beside_image=True)])[2] == "QR code promo"


def test_a_qr_code_call_beside_its_image_goes() -> None:
    tail = '<p>长按识别二维码</p><p><img src="https://i.example/qr.png"></p>'
    assert "二维码" not in clean(BODY + tail, site_rules=False).html


def test_a_long_line_is_never_a_call_to_action() -> None:
    long = (
        "如果你对此感兴趣，可以关注他们的公众号，"
        "在那里他们每周都会发布关于这个项目进展的详细报告和数据。"
    )
    assert whats([Line("一。"), Line("二。"), Line(long)]) == [None, None, None]


def test_end_marks_and_dividers_only_count_at_the_edge() -> None:
    lines = [Line("一。"), Line("THE END"), Line("———"), Line("二。")]
    assert whats(lines) == [None, None, None, None]


def test_a_heading_announcing_a_promo_sounding_section_keeps_it() -> None:
    lines = [Line("一。"), Line("二。"), Line("关注公众号获取", whole_section=True)]
    assert whats(lines) == [None, None, None]


def test_a_follow_us_line_opening_the_body_goes() -> None:
    body = "<p>点击上方蓝字关注我们</p>" + BODY
    assert paragraphs(clean(body, site_rules=False).html)[0] == "第一段正文。"


IMAGE = '<div class="image-package"><img src="https://i.example/a.png">'


@pytest.mark.parametrize(
    "caption",
    ["image.png", "IMG_2041.JPG", "点击查看大图", "（点击图片查看大图）", "Click to enlarge"],
)
def test_a_caption_that_names_the_file_or_says_to_click_goes(caption: str) -> None:
    body = f'{BODY}{IMAGE}<div class="image-caption">{caption}</div></div><p>后文。</p>'
    doc = clean(body, site_rules=False)
    assert caption not in doc.html
    assert "a.png" in doc.html


def test_the_same_words_away_from_an_image_stay() -> None:
    body = "<p>一。</p><p>image.png</p><p>点击查看大图</p><p>二。</p>"
    assert paragraphs(clean(body, site_rules=False).html) == [
        "一。",
        "image.png",
        "点击查看大图",
        "二。",
    ]


def test_a_real_caption_beside_an_image_stays() -> None:
    body = f'{BODY}{IMAGE}<div class="image-caption">图为 2022 年的发布会现场</div></div>'
    assert "图为 2022 年的发布会现场" in clean(body, site_rules=False).html


@pytest.mark.parametrize("last", ["End", "THE END", "end"])
def test_a_bare_end_closing_a_story_stays(last: str) -> None:
    assert whats([Line("一。"), Line("二。"), Line(last)]) == [None, None, None]


def test_the_tail_run_passes_over_a_credit_line_and_keeps_it() -> None:
    lines = [Line("一。"), Line("二。"), Line("关注公众号获取更多"), Line("来源：新华社")]
    assert whats(lines) == [None, None, "promo line", None]


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("我正在参与掘金技术社区创作者签约计划招募活动，点击链接报名投稿。", "author recruitment"),
        (
            "携手创作，共同成长！这是我参与「掘金日新计划 · 8 月更文挑战」的第3天",
            "author recruitment",
        ),
        ("Want to write for us? Become a contributor today.", "author recruitment"),
        ("特惠、好用的硬件产品，尽在少数派sspai官方店铺🛒", "promo line"),
    ],
)
def test_platform_footers_at_the_edge_go(line: str, what: str) -> None:
    assert whats([Line("一。"), Line("二。"), Line(line)]) == [None, None, what]


def test_a_campaign_line_opening_the_body_goes() -> None:
    first = "持续创作，加速成长！这是我参与「掘金日新计划 · 10 月更文挑战」的第1天"
    assert whats([Line(first), Line("正文一。"), Line("正文二。")])[0] == "author recruitment"


def test_recruiting_words_inside_the_article_stay() -> None:
    middle = "公司今年招募了十位签约作者，计划扩大内容团队。"
    assert whats([Line("一。"), Line(middle), Line("二。"), Line("三。")]) == [None] * 4


def test_a_related_reading_label_over_closing_links_goes_with_them() -> None:
    tail = (
        "<h3>相关阅读</h3><ul>"
        '<li><a href="https://x.example/1">另一篇文章</a></li>'
        '<li><a href="https://x.example/2">又一篇文章</a></li></ul>'
    )
    doc = clean(BODY + tail, site_rules=False)
    assert paragraphs(doc.html) == ["第一段正文。", "第二段正文。", "第三段正文。"]
    assert "x.example" not in doc.html


def test_links_closing_the_body_without_such_a_label_stay() -> None:
    tail = '<h3>参考资料</h3><ul><li><a href="https://x.example/paper">论文原文</a></li></ul>'
    assert "论文原文" in clean(BODY + tail, site_rules=False).html


def test_a_related_label_with_prose_after_it_stays() -> None:
    lines = [Line("一。"), Line("二。"), Line("相关阅读"), Line("正文继续。")]
    assert whats(lines) == [None] * 4


LAYOUT_BODY = (
    "<div><p>Lead <a href='/x'>link</a> text.</p><div><p><img src='a.png'></p></div>"
    "<pre><code><div>in code</div></code></pre><p><code><p>inline</p></code></p>"
    "<ul><li><a href='/t'>tag</a></li><li>item <b>bold</b></li></ul>"
    "<blockquote><p>quoted</p></blockquote><section>loose<h2>title</h2></section></div>"
)


@pytest.mark.parametrize("copies", [1, 20])  # a small tree, and one past tagged()'s budget
def test_the_one_walk_layout_finds_what_each_question_asked_alone_finds(copies: int) -> None:
    root = etree.fromstring(f"<html><body>{LAYOUT_BODY * copies}</body></html>", PARSER)
    root = root.find("body")
    layout = line_layout(root)
    code = code_nodes(root)
    holding = holders(root, BLOCK_TAGS)
    expected = []
    for el in root.iter(*LINE_TAGS):
        if el is not root and el not in holding and el not in code:
            text = " ".join(text_of(el).split())
            if text or el.find(".//img") is not None:
                expected.append((el, text))
    assert layout.blocks == expected
    assert layout.with_image == holders(root, ("img",))
    assert layout.with_link == holders(root, ("a",))


@pytest.mark.parametrize(
    "body",
    [
        LAYOUT_BODY,
        LAYOUT_BODY * 20,
        "",
        "loose text",
        "<p>one</p><p> </p><p><img src='a.png'></p><div>two<p>three</p></div>",
        "<code><div><p>in code</p></div></code><pre>a<p>b</p></pre><p>after</p>",
        "<div><div><div><p>deep <i>one</i></p></div></div><!-- c --><h2>two</h2></div>",
    ],
)
def test_the_lines_one_at_a_time_are_the_layout_s_lines(body: str) -> None:
    root = etree.fromstring(f"<html><body><div>{body}</div></body></html>", PARSER)
    for start in (root, root.find("body/div")):  # a root with ancestors too
        assert start is not None
        assert list(lines_in_order(start)) == [text for _, text in line_layout(start).blocks]
    code_root = etree.fromstring("<html><body><pre><p>x</p></pre></body></html>", PARSER)
    pre = code_root.find("body/pre")
    assert pre is not None
    assert list(lines_in_order(pre)) == [text for _, text in line_layout(pre).blocks] == []


@pytest.mark.parametrize(
    "line",
    [
        *("广告", "AD", "Sponsored", "advertisement"),  # ad labels
        *("阅读原文", "点击查看更多 >>", "Read more…", "continue reading", "VIEW ORIGINAL"),
        *("复制代码", "Copy  code", "copy to clipboard"),  # copy buttons
        *("广告：新品上市", "read more about it", "AD copy code", "", "第一段正文。"),  # none
    ],
)
def test_the_one_label_pattern_says_what_the_labels_asked_in_turn_say(line: str) -> None:
    in_turn = next((what for what, pattern in LABELS.items() if pattern.match(line)), None)
    found = ANY_LABEL.match(line)
    assert (LABEL_OF_GROUP[str(found.lastgroup)] if found else None) == in_turn


@pytest.mark.parametrize(
    "text", ["", "ab", "一二", "a" * 40, "一" * 20, "一" * 40 + "a", "ab一" * 14]
)
@pytest.mark.parametrize("width", [0, 24, 80])
def test_fits_says_what_the_display_width_says(text: str, width: int) -> None:
    assert fits(text, width) == (display_width(text) <= width)
