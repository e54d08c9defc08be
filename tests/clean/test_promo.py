"""Links that sell: banners go with their pointers and their closing section; texts stay."""

from tests.clean.test_remove_boilerplate import clean, paragraphs

STORY = "<p>正文第一段。</p><p>正文第二段。</p>"
BANNER = '<p><a href="https://j.youzan.com/x"><img src="https://i.example/banner.jpg"></a></p>'


def test_a_shop_banner_goes_with_the_short_lines_pointing_at_it() -> None:
    body = STORY + "<p>——《单读 28》</p><p>点击封面，购入你的明亮时刻</p><p>▼</p>" + BANNER
    body += "<h2>02 周二</h2><p>下文。</p>"
    doc = clean(body, site_rules=False)
    assert paragraphs(doc.html) == ["正文第一段。", "正文第二段。", "——《单读 28》", "下文。"]
    assert "banner.jpg" not in doc.html and "youzan" not in doc.html


def test_a_closing_promo_section_goes_back_to_its_rule() -> None:
    body = STORY + "<p>欢迎留言</p><hr><p>▼</p><p>加入全年订阅</p><p>以书代步，直到天明</p>"
    doc = clean(body + BANNER, site_rules=False)
    assert paragraphs(doc.html) == ["正文第一段。", "正文第二段。", "欢迎留言"]
    assert "<hr" not in doc.html


def test_without_a_rule_above_it_only_the_pointers_go() -> None:
    body = STORY + "<p>以书代步，直到天明</p><p>▼</p>" + BANNER
    doc = clean(body, site_rules=False)
    assert paragraphs(doc.html) == ["正文第一段。", "正文第二段。", "以书代步，直到天明"]


def test_a_book_ad_image_beside_another_image_goes_alone() -> None:
    body = STORY + (
        '<p><a href="http://product.dangdang.com/1.html"><img src="https://i.example/ad.jpg"></a>'
        '<img src="https://i.example/cover.png"></p>'
    )
    doc = clean(body, site_rules=False)
    assert "ad.jpg" not in doc.html and "cover.png" in doc.html


def test_shop_text_links_keep_their_text() -> None:
    body = (
        '<p>购买链接：<a href="https://dt.shop.example/qq.ashx?atr=1">天猫(29元)</a>，'
        '<a href="https://item.taobao.com/item.htm?id=1">同款</a>，'
        '<a href="https://example.com/review">评测</a></p>'
    )
    doc = clean(body, site_rules=False)
    assert paragraphs(doc.html) == ["购买链接：天猫(29元)，同款，评测"]
    assert "ashx" not in doc.html and "taobao" not in doc.html
    assert 'href="https://example.com/review"' in doc.html
