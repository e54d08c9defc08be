"""A closing box that is only a button and the line asking to press it goes with the button."""

from tests.clean.test_remove_boilerplate import clean, paragraphs

STORY = "<p>正文第一段。</p><p>正文第二段。</p>"
# a tip jar as 人人都是产品经理's feed (RSSHub, not in the shared corpus) ends every article
TIP_JAR = (
    '<div class="support-author"><div class="support-title">给作者打赏，鼓励TA抓紧创作！</div>'
    '<button class="button--pay" data-post-id="4870323"><svg width="13"></svg>\n赞赏</button></div>'
)


def test_a_closing_tip_jar_goes_with_its_button() -> None:
    doc = clean(STORY + TIP_JAR, site_rules=False)
    assert paragraphs(doc.html) == ["正文第一段。", "正文第二段。"]
    assert "打赏" not in doc.html


def test_a_button_box_followed_by_more_article_stays() -> None:
    doc = clean(STORY + TIP_JAR + "<p>正文第三段。</p>", site_rules=False)
    assert "给作者打赏" in doc.html and "正文第三段。" in doc.html


def test_a_box_holding_a_paragraph_or_a_link_is_not_a_widget() -> None:
    with_paragraph = "<div><p>Press the button to run the demo.</p><button>Run</button></div>"
    with_link = (
        '<div>Notes: <a href="https://example.org/v2.html">version 2</a><button>Go</button></div>'
    )
    assert "Press the button" in clean(STORY + with_paragraph, site_rules=False).html
    assert "example.org/v2.html" in clean(STORY + with_link, site_rules=False).html


def test_a_long_line_beside_a_button_is_not_a_label() -> None:
    line = "这是一段很长的正文内容，" * 5
    doc = clean(STORY + f"<div>{line}<button>赞赏</button></div>", site_rules=False)
    assert line in doc.html
