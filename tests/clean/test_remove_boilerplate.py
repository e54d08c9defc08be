"""remove_boilerplate: each site-rule action and each generic signal on small snippets."""

from pathlib import Path

import lxml.html
import pytest

from converters import convert
from converters.clean.remove_boilerplate import remove_boilerplate
from converters.document import Document, Settings
from converters.metadata.extract_metadata import extract_metadata
from converters.read.read_post import read_post
from tests.conftest import FIXTURES

CORPUS = Path("/work/shared/corpus/posts")


def clean(
    body: str,
    *,
    title: str = "A title",
    kind: str = "html",
    front: dict[str, object] | None = None,
    image: str | None = None,
    rules: tuple[Path, ...] = (),
    site_rules: bool = True,
    post: bool = True,
) -> Document:
    """Clean a body; as the body of a post (behind front matter, as scrapers write them) unless
    post=False (HTML given alone, on standard input)."""
    metadata: dict[str, object] = {"title": title}
    if image is not None:
        metadata["image"] = image
    doc = Document(
        source="t.md",
        front_matter=front or {},
        body=body,
        body_kind=kind,  # type: ignore[arg-type]
        front_format="yaml" if post else None,
        metadata=metadata,
    )
    return remove_boilerplate(doc, Settings(rule_paths=rules, site_rules=site_rules))


def rule(tmp_path: Path, body: str, match: str = 'match.xpath = "//p"') -> tuple[Path]:
    path = tmp_path / "rule.toml"
    path.write_text(f'name = "demo"\n{match}\n{body}\n', "utf-8")
    return (path,)


def paragraphs(html: str) -> list[str]:
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    return [" ".join(p.text_content().split()) for p in root.iter("p")]


def whats(doc: Document) -> list[str]:
    return [removal.what for removal in doc.removed]


# ----------------------------------------------------------- rule actions


def test_drop_removes_the_subtree_and_records_rule_xpath_and_excerpt(tmp_path: Path) -> None:
    rules = rule(tmp_path, "drop = [\"//div[@class='promo']\"]")
    doc = clean("<p>Story.</p><div class='promo'><p>Buy our app now</p></div>", rules=rules)
    assert paragraphs(doc.html) == ["Story."]
    assert ("demo", "//div[@class='promo']", "Buy our app now") in [
        (r.rule, r.what, r.excerpt) for r in doc.removed
    ]
    assert doc.site_rules == ("demo",)


def test_removals_say_how_much_html_they_took_out(tmp_path: Path) -> None:
    rules = rule(tmp_path, "drop = [\"//div[@class='promo']\"]\nunwrap = ['//span']")
    doc = clean(
        '<p>a <span class="k">b</span></p><div class="promo">Buy</div><!--x-->', rules=rules
    )
    sizes = {removal.what: removal.size for removal in doc.removed}
    assert sizes["//div[@class='promo']"] == len('<div class="promo">Buy</div>')
    assert sizes["unwrap //span"] == len('<span class="k"></span>')
    assert sizes["comment"] == len("<!--x-->")


def test_names_lxml_would_refuse_are_unwrapped_and_measured(tmp_path: Path) -> None:
    """The parser keeps tag and attribute names lxml's API refuses: <o:p>, an attribute "{x"."""
    rules = rule(tmp_path, "unwrap = [\"//*[name()='o:p']\", '//span']")
    doc = clean('<p>a <o:p class="k" {x="1">b</o:p> <span {y>c</span></p>', rules=rules)
    assert paragraphs(doc.html) == ["a b c"]
    assert [removal.size for removal in doc.removed] == [
        len('<o:p class="k" {x="1"></o:p>'),
        len("<span {y></span>"),
    ]


def test_an_attribute_named_like_a_namespace_is_tidied_away() -> None:
    doc = clean("<p>before</p><sp\t{<sp<div>inside</div><p>after</p>")
    assert "{" not in doc.html
    assert all(word in doc.html for word in ("before", "inside", "after"))


def test_unwrap_keeps_the_text_and_loses_the_tag(tmp_path: Path) -> None:
    rules = rule(tmp_path, "unwrap = [\"//a[@class='project-link']\"]")
    doc = clean(
        '<p>过程和结果<a class="project-link" href="https://x.cn/p">一起</a>看</p>', rules=rules
    )
    assert "<a" not in doc.html
    assert paragraphs(doc.html) == ["过程和结果一起看"]


def test_unwrap_keeps_children_and_their_order(tmp_path: Path) -> None:
    rules = rule(tmp_path, "unwrap = ['//span']")
    doc = clean("<p>a <span>b <em>c</em> d <b>e</b></span> f<span>g</span></p>", rules=rules)
    assert "<p>a b <em>c</em> d <b>e</b> fg</p>" in doc.html


def test_unwrap_links_drops_matching_targets_only(tmp_path: Path) -> None:
    rules = rule(tmp_path, 'unwrap_links = ["^https?://tousu\\\\.example\\\\.com/"]')
    body = '<p>有居民<a href="http://tousu.example.com/">投诉</a>，见<a href="https://news.example.com/1">报道</a></p>'
    doc = clean(body, rules=rules)
    assert "tousu.example.com" not in doc.html
    assert 'href="https://news.example.com/1"' in doc.html
    assert paragraphs(doc.html) == ["有居民投诉，见报道"]


def test_resolve_takes_the_real_url_out_of_a_proxy(tmp_path: Path) -> None:
    rules = rule(tmp_path, 'resolve = ["^https://proxy\\\\.example/\\\\?(.+)$"]')
    body = (
        '<p><img src="https://proxy.example/?http://img.example/a.jpg"></p>'
        '<p><a href="https://proxy.example/?https%3A%2F%2Fsite.example%2Fx%3Fa%3D1">x</a></p>'
    )
    doc = clean(body, rules=rules)
    assert 'src="http://img.example/a.jpg"' in doc.html
    assert 'href="https://site.example/x?a=1"' in doc.html
    assert whats(doc).count("proxy URL") == 2


def test_junk_text_drops_the_paragraph_it_matches(tmp_path: Path) -> None:
    rules = rule(tmp_path, 'junk_text = ["^感谢.{0,20}的线索投递"]')
    doc = clean("<p>正文一。</p><p>感谢网友 小明 的线索投递！</p><p>正文二。</p>", rules=rules)
    assert paragraphs(doc.html) == ["正文一。", "正文二。"]
    assert "junk paragraph" in whats(doc)


def test_bold_turns_the_element_into_strong(tmp_path: Path) -> None:
    rules = rule(tmp_path, "bold = [\"//font[contains(@cms-style, 'strong-Bold')]\"]")
    doc = clean('<p>两个东西：<font cms-style="strong-Bold">球的运动轨迹。</font></p>', rules=rules)
    assert "<strong>球的运动轨迹。</strong>" in doc.html


def test_caption_moves_after_its_image_block_or_goes_when_empty(tmp_path: Path) -> None:
    rules = rule(tmp_path, "caption = [\"//span[@class='img_descr']\"]")
    body = (
        '<div class="img_wrapper"><img src="https://i.example/1.jpg"><span class="img_descr">'
        "景俊海主持会议 <b>图</b></span></div><p>下文</p>"
        '<div class="img_wrapper"><img src="https://i.example/2.jpg"><span class="img_descr">'
        "</span></div>"
    )
    doc = clean(body, rules=rules)
    root = lxml.html.fragment_fromstring(doc.html, create_parent="div")
    first_wrapper = root.find("div")
    assert first_wrapper.getnext().tag == "p"
    assert " ".join(first_wrapper.getnext().text_content().split()) == "景俊海主持会议 图"
    assert first_wrapper.getnext().find("b") is not None
    assert "img_descr" not in doc.html
    assert "empty caption" in whats(doc)


def test_metadata_lifts_the_value_and_removes_the_element(tmp_path: Path) -> None:
    text = 'metadata.editor = { xpath = "//p[@class=\'ed\']", pattern = "责任编辑：(\\\\S+)" }'
    doc = clean("<p>正文。</p><p class='ed'>责任编辑：王珊珊 </p>", rules=rule(tmp_path, text))
    assert doc.metadata["editor"] == "王珊珊"
    assert paragraphs(doc.html) == ["正文。"]
    assert "metadata.editor" in whats(doc)


def test_lifted_keys_take_their_canonical_place(tmp_path: Path) -> None:
    text = 'metadata.editor = { xpath = "//p[@class=\'ed\']", pattern = "责任编辑：(\\\\S+)" }'
    doc = remove_boilerplate(
        Document(
            source="t.md",
            front_matter={},
            body="<p>正文。</p><p class='ed'>责任编辑：王珊珊</p>",
            metadata={"title": "t", "author": "a", "comments": False},
        ),
        Settings(rule_paths=rule(tmp_path, text)),
    )
    assert list(doc.metadata) == ["title", "author", "editor", "comments"]


def test_metadata_with_keep_leaves_the_element(tmp_path: Path) -> None:
    text = (
        "metadata.source = { xpath = \"//p[@class='note']//a/@href\", keep = true }\n"
        'metadata.author = { xpath = "//p[@class=\'note\']", pattern = "作者：([^，]+)",'
        " keep = true }"
    )
    body = '<p>正文。</p><p class="note">本文来自<a href="https://mp.example/s/1">公众号</a>，作者：张良计，经授权发布。</p>'
    doc = clean(body, rules=rule(tmp_path, text), front={"author": "36kr"})
    assert doc.metadata["source"] == "https://mp.example/s/1"
    assert doc.metadata["author"] == "张良计"
    assert len(paragraphs(doc.html)) == 2


def test_metadata_whose_pattern_does_not_match_leaves_everything(tmp_path: Path) -> None:
    text = 'metadata.editor = { xpath = "//p", pattern = "责任编辑：(\\\\S+)" }'
    doc = clean("<p>No editor here.</p>", rules=rule(tmp_path, text))
    assert "editor" not in doc.metadata
    assert paragraphs(doc.html) == ["No editor here."]


def test_metadata_from_an_attribute_removes_its_element(tmp_path: Path) -> None:
    text = "metadata.source = { xpath = \"//a[@class='originUrl']/@href\" }"
    body = '<p>答案。</p><a class="originUrl" href="https://www.zhihu.com/question/1/answer/2">查看知乎原文</a>'
    doc = clean(body, rules=rule(tmp_path, text))
    assert doc.metadata["source"] == "https://www.zhihu.com/question/1/answer/2"
    assert "查看知乎原文" not in doc.html


def test_strip_attributes(tmp_path: Path) -> None:
    doc = clean('<p data-x="1">hi</p>', rules=rule(tmp_path, 'strip_attributes = ["data-x"]'))
    assert "data-x" not in doc.html


def test_placeholder_cover_falls_back_to_the_first_content_image(tmp_path: Path) -> None:
    rules = rule(tmp_path, 'placeholder_images = ["/no_cover\\\\.png$"]')
    body = '<p>x</p><p><img src="https://i.example/real.jpg"></p>'
    doc = clean(body, rules=rules, image="https://i.example/no_cover.png")
    assert doc.metadata["image"] == "https://i.example/real.jpg"


def test_a_placeholder_cover_without_content_images_is_dropped() -> None:
    doc = clean("plain words", kind="text", image="https://picsum.photos/400/300?random=7")
    assert "image" not in doc.metadata


def test_a_cover_removed_as_junk_is_replaced(tmp_path: Path) -> None:
    rules = rule(tmp_path, "drop = [\"//div[@class='qr']\"]")
    qr = "https://n.example/343233024.png"
    body = (
        f'<p>x</p><p><img src="https://i.example/a.gif"></p><div class="qr"><img src="{qr}"></div>'
    )
    doc = clean(body, rules=rules, image=qr)
    assert doc.metadata["image"] == "https://i.example/a.gif"


def test_a_cover_a_script_left_undefined_is_replaced() -> None:
    body = '<p>x</p><p><img src="https://i.example/real.jpg"></p>'
    doc = clean(body, image="https://cdn.example/img/undefined")
    assert doc.metadata["image"] == "https://i.example/real.jpg"


def test_an_image_title_that_is_a_file_name_goes() -> None:
    body = '<p><img src="https://i.example/1.jpg" title="16403113565.jpg" alt="IMG_1.JPG"></p>'
    html = clean(body).html
    assert "title=" not in html and "IMG_1" not in html


def test_a_proxied_cover_is_unwrapped(tmp_path: Path) -> None:
    rules = rule(tmp_path, 'resolve = ["^https://cors\\\\.example/\\\\?(https?://.+)$"]')
    doc = clean("<p>x</p>", rules=rules, image="https://cors.example/?http://lain.example/c.jpg")
    assert doc.metadata["image"] == "http://lain.example/c.jpg"


def test_a_markdown_body_is_recognized_by_its_url_not_by_theme_fields(tmp_path: Path) -> None:
    """Icarus asks authors for a `thumbnail:` URL, as the RSS-to-Hexo generator writes one: a
    hand-written Markdown post with one is not taken for scraped (its junk cuts stay off)."""
    match = 'match.front_matter = { thumbnail = "^https?://" }\nmatch.url = ["news[.]example"]'
    rules = rule(tmp_path, "", match)
    theme = {"thumbnail": "https://blog.example/cover.jpg"}
    assert clean("\u3000\u3000正文", kind="markdown", front=theme, rules=rules).site_rules == ()
    assert "demo" in clean("<p>x</p>", kind="html", front=theme, rules=rules).site_rules
    source = {**theme, "link": "https://news.example/a"}
    assert clean("正文", kind="markdown", front=source, rules=rules).site_rules == ("demo",)


def test_site_rules_switched_off_apply_none(tmp_path: Path) -> None:
    rules = rule(tmp_path, "drop = ['//p']")
    doc = clean("<p>kept</p>", rules=rules, site_rules=False)
    assert doc.site_rules == ()
    assert paragraphs(doc.html) == ["kept"]


def test_rules_match_on_front_matter(tmp_path: Path) -> None:
    rules = rule(
        tmp_path, "drop = ['//em']", match='match.front_matter = { categories = "^博客$" }'
    )
    assert (
        "<em>" not in clean("<p>a <em>b</em></p>", rules=rules, front={"categories": ["博客"]}).html
    )
    assert "<em>" in clean("<p>a <em>b</em></p>", rules=rules, front={"categories": ["新闻"]}).html


# --------------------------------------------------------- generic pass


def test_never_content_goes() -> None:
    body = (
        "<p>text</p><!-- 文末二维码 --><style>.a{}</style><script>x()</script>"
        "<noscript>enable js</noscript><form><input name=q><button>Go</button></form>"
    )
    doc = clean(body)
    assert paragraphs(doc.html) == ["text"]
    assert {"comment", "style", "script", "noscript", "form"} <= set(whats(doc))


def test_a_form_wrapping_the_whole_article_is_unwrapped_not_dropped() -> None:
    story = "<p>" + "A real sentence of the story. " * 20 + "</p>"
    doc = clean(f"<form id='aspnetForm'>{story}<input type=hidden></form>")
    assert "A real sentence" in doc.html and "<form" not in doc.html


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", "JaVa\tScript:alert(1)", "vbscript:x", "data:text/html,<b>x"]
)
def test_unsafe_link_targets_lose_the_target_and_keep_the_text(href: str) -> None:
    doc = clean(f'<p><a href="{href}">click</a> me</p>')
    assert "href" not in doc.html
    assert paragraphs(doc.html) == ["click me"]


def test_event_handlers_styles_and_presentational_attributes_go() -> None:
    body = (
        '<p style="color:red" onclick="x()" align="center" data-vmark="1">hi '
        '<img src="https://i.example/a.png" referrerpolicy="no-referrer" width="600" '
        'srcset="https://i.example/a@2x.png 2x" onerror="y()"></p>'
    )
    html = clean(body).html
    for attribute in (
        "style",
        "onclick",
        "align",
        "data-vmark",
        "referrerpolicy",
        "srcset",
        "onerror",
    ):
        assert attribute not in html
    assert 'src="https://i.example/a.png"' in html


def test_code_keeps_its_class() -> None:
    html = clean('<pre><code class="language-python">x = 1</code></pre>').html
    assert 'class="language-python"' in html


def test_zhihu_redirect_links_are_resolved_and_decoded() -> None:
    body = '<p><a href="https://link.zhihu.com/?target=https%3A//arxiv.org/abs/1%3Fv%3D2">paper</a></p>'
    assert 'href="https://arxiv.org/abs/1?v=2"' in clean(body).html


@pytest.mark.parametrize(
    ("wrapped", "real"),
    [
        (
            "https://www.oschina.net/action/GoToLink?url=https%3A%2F%2F7-zip.org%2Fa%2F7z.exe",
            "https://7-zip.org/a/7z.exe",
        ),
        ("/go?to=https%3A%2F%2Fexample.org%2Fa%3Fb%3D1", "https://example.org/a?b=1"),
        ("https://link.example.cn/?target=https://example.org/", "https://example.org/"),
        (
            "https://www.jianshu.com/go-wild?ac=2&url=https%3A%2F%2Fexample.org",
            "https://example.org",
        ),
    ],
)
def test_redirect_pages_are_unwrapped_by_their_form_without_a_rule(wrapped: str, real: str) -> None:
    body = f'<p><a href="{wrapped}">x</a></p>'
    assert f'href="{real}"'.replace("&", "&amp;") in clean(body, site_rules=False).html


@pytest.mark.parametrize(
    "kept",
    [
        "https://example.org/search?url=https%3A%2F%2Fexample.com",  # not a redirect path
        "https://example.org/go?to=elsewhere",  # not a whole URL
        "https://validator.example/check?uri=https%3A%2F%2Fexample.com",
    ],
)
def test_links_that_only_carry_a_url_are_not_redirects(kept: str) -> None:
    body = f'<p><a href="{kept}">x</a></p>'
    assert f'href="{kept}"' in clean(body, site_rules=False).html


def test_open_cors_proxies_are_resolved_without_a_rule() -> None:
    body = '<p><img src="https://cors.zfour.workers.dev/?http://lain.bgm.tv/pic/a.jpg"></p>'
    assert 'src="http://lain.bgm.tv/pic/a.jpg"' in clean(body, site_rules=False).html


def test_lazy_images_get_their_real_source() -> None:
    body = '<p><img src="data:image/svg+xml;utf8,<svg/>" data-actualsrc="https://pic.example/a.jpg"></p>'
    assert 'src="https://pic.example/a.jpg"' in clean(body).html


@pytest.mark.parametrize(
    "pixel",
    [
        '<img src="https://t.example/p?id=1" width="1" height="1">',
        '<img src="https://t.example/spacer.gif">',
        "<img>",
        '<img src="https://cdn.example/covers/undefined">',
    ],
)
def test_tracking_pixels_and_sourceless_images_go(pixel: str) -> None:
    doc = clean(f"<p>text{pixel}</p>")
    assert "<img" not in doc.html
    assert paragraphs(doc.html) == ["text"]


@pytest.mark.parametrize(
    "junk",
    [
        '<div class="social-share"><a href="https://weibo.com/share">微博</a></div>',
        '<div class="clearfix appendQr_wrap"><img src="https://n.example/qr.png">扫码下载</div>',
        '<div class="adsbygoogle">Sponsored</div>',
        '<div class="app-download-banner">下载客户端</div>',
        "<p hidden>secret</p>",
        '<div style="display: none">invisible</div>',
        '<img class="avatar" src="https://pic.example/me.jpg">',
    ],
)
def test_promos_ads_hidden_blocks_and_avatars_go_by_markup(junk: str) -> None:
    doc = clean(f"<p>The story itself.</p>{junk}<p>More story.</p>")
    assert paragraphs(doc.html) == ["The story itself.", "More story."]
    assert "<img" not in doc.html


def test_a_class_word_never_removes_a_large_block() -> None:
    story = "<p>" + "Words of the actual article. " * 20 + "</p>"
    doc = clean(f'<div class="post-share">{story}</div>')
    assert "Words of the actual article." in doc.html
    assert doc.warnings


def test_class_words_are_whole_words() -> None:
    body = '<div class="header-shadow loading"><p>Kept, "shadow" is not "ad".</p></div>'
    assert "Kept" in clean(body).html


def test_code_is_never_judged_by_its_classes() -> None:
    body = (
        '<pre><code><span class="hljs-comment"># share</span><span class="ad">x</span></code></pre>'
    )
    html = clean(body).html
    assert "# share" in html and ">x<" in html


def test_affiliate_keyword_links_unwrap_and_affiliate_cards_go() -> None:
    body = (
        '<p>只要 <a href="https://apple.pvxt.net/c/1?u=https%3A%2F%2Fapple.com">iPhone</a> 用户</p>'
        '<dir><a href="https://union-click.jd.com/jdc?e=1"><img src="https://img.jd.example/p.jpg">'
        "<span>京东 1269 元 直达链接</span></a></dir>"
    )
    doc = clean(body, site_rules=False)
    assert paragraphs(doc.html) == ["只要 iPhone 用户"]
    assert "pvxt" not in doc.html and "直达链接" not in doc.html


def test_empty_wrappers_and_paragraphs_go_but_table_cells_stay() -> None:
    body = (
        "<div><span> </span><p>　　</p><p>&nbsp;</p></div><p>text</p>"
        "<table><tr><td>a</td><td></td></tr></table><div class='video-2017'></div>"
    )
    doc = clean(body)
    root = lxml.html.fragment_fromstring(doc.html, create_parent="div")
    assert [el.tag for el in root] == ["p", "table"]
    assert len(root.findall(".//td")) == 2


def test_an_empty_inline_element_leaves_its_space_between_words() -> None:
    body = '<p>women <a href="https://x.example/s">make</a><a href="https://x.example/s"> </a>'
    body += '<span><a href="https://x.example/s">up about a quarter</a></span></p>'
    assert paragraphs(clean(body).html) == ["women make up about a quarter"]


def test_loose_text_and_double_breaks_become_paragraphs() -> None:
    body = "March 2021<br><br>First one\ncontinues.<br><br><br>Second <b>one</b>.<br><br><br>"
    assert paragraphs(clean(body).html) == ["March 2021", "First one continues.", "Second one."]


def test_lead_text_outside_paragraphs_becomes_one() -> None:
    body = "在处理 Wi-Fi 热点名称上，<strong>iPhone 会禁用 Wi-Fi。</strong><br>\n<p>今年 6 月。</p>"
    doc = clean(body)
    assert paragraphs(doc.html) == ["在处理 Wi-Fi 热点名称上，iPhone 会禁用 Wi-Fi。", "今年 6 月。"]
    assert "<br>" not in doc.html


def test_single_breaks_inside_a_paragraph_stay() -> None:
    assert "<br>" in clean("<p>line one<br>line two</p>").html


def test_images_separated_only_by_breaks_are_a_paragraph_each() -> None:
    body = '<hr><p>toot</p><br><img src="https://i.example/1.jpg"><br><img src="https://i.example/2.jpg">'
    root = lxml.html.fragment_fromstring(clean(body).html, create_parent="div")
    assert [(el.tag, len(el.findall("img"))) for el in root] == [("p", 0), ("p", 1), ("p", 1)]


def test_a_paragraph_of_two_images_is_split() -> None:
    body = '<p><img src="https://i.example/1.png">\n<img src="https://i.example/2.png"></p>'
    root = lxml.html.fragment_fromstring(clean(body).html, create_parent="div")
    assert [len(p.findall("img")) for p in root.iter("p")] == [1, 1]


def test_plaintext_becomes_pre_so_its_raw_text_survives() -> None:
    html = clean("<p>before</p><plaintext><b>after</b> <p>more").html
    assert html.endswith("<pre>&lt;b&gt;after&lt;/b&gt; &lt;p&gt;more</pre>")


@pytest.mark.parametrize("tag", ["xmp", "listing"])
def test_obsolete_preformatted_elements_become_pre(tag: str) -> None:
    html = clean(f"<p>before</p><{tag}>a  b</{tag}>").html
    assert "<pre>a  b</pre>" in html


def test_rules_at_the_edges_of_a_post_go() -> None:
    html = clean("<hr><p>only</p><hr>").html
    assert "<hr" not in html


def test_rules_at_the_edges_of_a_post_go_from_inside_wrappers_too() -> None:
    html = clean("<div>\n<hr><p>toot</p></div><section><p>more</p><hr>\n</section>").html
    assert "<hr" not in html


def test_a_body_given_as_is_keeps_its_rules_at_the_edges() -> None:
    html = clean("<hr><p>only</p><hr>", post=False).html
    assert html.count("<hr>") == 2


def test_a_body_given_as_is_with_junk_in_it_is_a_cut_out_too() -> None:
    share = '<div class="social-share"><a href="https://weibo.com/share">微博</a></div>'
    html = clean(f"<hr><p>The story itself.</p><hr>{share}", post=False).html
    assert "<hr" not in html


PROSE = "<p>" + "A paragraph of the article, long enough to be the article itself. " * 8 + "</p>"


@pytest.mark.parametrize(
    ("given", "markdown_starts"),
    [
        (f"<hr>{PROSE}<hr>", "***\n\nA paragraph"),  # HTML alone on standard input
        (f"---\ntitle: t\n---\n<hr>{PROSE}<hr>", "A paragraph"),  # a post
        (f"<html><body><article><hr>{PROSE}<hr></article></body></html>", "A paragraph"),
    ],
    ids=["html-alone", "post", "whole-page"],
)
def test_only_html_given_alone_keeps_its_edge_rules(given: str, markdown_starts: str) -> None:
    markdown = convert(given, path="-").markdown
    assert markdown.startswith(markdown_starts)
    assert markdown.endswith("\n\n---\n") == given.startswith("<hr>")


def test_an_empty_list_item_goes_from_a_post_and_stays_in_a_body_given_as_is() -> None:
    body = "<ol><li>one</li><li></li><li>three</li></ol>"
    assert clean(body).html.count("<li>") == 2
    assert clean(body, post=False).html.count("<li>") == 3


def test_code_of_spaces_alone_is_kept() -> None:
    html = clean("<p>Split on <code> </code> or <code>\t</code>, not on <code></code>.</p>").html
    assert "<code> </code>" in html and "<code>\t</code>" in html
    assert "<code></code>" not in html


def test_a_caption_repeating_the_paragraph_before_its_table_goes() -> None:
    body = (
        "<p>　　表1 主要财务指标</p><table><caption>表1  主要财务指标</caption><tr><td>1</td></tr>"
        "</table><table><caption>表2 另一个</caption><tr><td>2</td></tr></table>"
    )
    html = clean(body).html
    assert html.count("主要财务指标") == 1
    assert "<caption>表2 另一个</caption>" in html


# ------------------------------------------------------ text signals


def test_original_title_line_is_lifted_when_it_differs() -> None:
    body = "<p>　　原标题：2021年1—11月份利润增长38.0%</p><p>正文。</p><p>二。</p>"
    doc = clean(body, title="1-11月份利润增长38.0%")
    assert doc.metadata["original_title"] == "2021年1—11月份利润增长38.0%"
    assert paragraphs(doc.html) == ["正文。", "二。"]


def test_original_title_line_leaves_even_when_equal_to_the_title() -> None:
    # The generator writes ':' in titles as '_'.
    body = "<p>原标题：吉林省委书记: 当前是关键阶段</p><p>正文。</p>"
    doc = clean(body, title="吉林省委书记_ 当前是关键阶段")
    assert "original_title" not in doc.metadata
    assert paragraphs(doc.html) == ["正文。"]


def test_editor_line_at_the_end_moves_to_the_front_matter() -> None:
    body = "<p>一。</p><p>二。</p><p>三。</p><p>（责任编辑：梁斌 SF055）</p>"
    doc = clean(body, site_rules=False)
    assert doc.metadata["editor"] == "梁斌"
    assert paragraphs(doc.html) == ["一。", "二。", "三。"]


@pytest.mark.parametrize(
    "line",
    [
        "海量资讯、精准解读，尽在新浪财经APP",
        "长按识别二维码，关注我们的公众号",
        "本文未经授权不得转载。",
        "Subscribe to our newsletter for weekly updates.",
        "阅读原文",
        "广告",
    ],
)
def test_promo_and_copyright_lines_at_the_end_go(line: str) -> None:
    doc = clean(f"<p>一。</p><p>二。</p><p>三。</p><p>{line}</p>")
    assert paragraphs(doc.html) == ["一。", "二。", "三。"]


def test_promo_wording_in_the_middle_of_an_article_stays() -> None:
    middle = "<p>关注公众号是他们的增长手段。</p>"
    body = "<p>一。</p>" + middle + "".join(f"<p>段落{i}。</p>" for i in range(6))
    assert "关注公众号是他们的增长手段。" in paragraphs(clean(body).html)


def test_a_promo_sounding_paragraph_that_a_heading_introduces_stays() -> None:
    body = (
        "<p>一。</p><p>二。</p><h2>往期技术年货</h2>"
        "<p>长按并识别文末的二维码，关注公众号，回复【2019年货】即可获取。</p>"
    )
    doc = clean(body)
    assert "往期技术年货" in doc.html and "2019年货" in doc.html


def test_a_heading_left_alone_by_a_rule_removal_goes_too(tmp_path: Path) -> None:
    rules = rule(tmp_path, "drop = [\"//div[@class='related']\"]")
    body = (
        "<p>story</p><h2>相关阅读</h2><div class='related'><a href='https://x.example/'>x</a></div>"
    )
    doc = clean(body, rules=rules)
    assert "相关阅读" not in doc.html
    assert "heading of an emptied section" in whats(doc)


def test_short_posts_are_not_judged_by_their_tail() -> None:
    assert paragraphs(clean("<p>关注我的微博号 @someone</p>").html) == ["关注我的微博号 @someone"]


# ---------------------------------------------------- pages, text, markdown


def test_a_saved_page_keeps_only_its_article() -> None:
    page = (
        "<!doctype html><html><head><title>T</title><style>p{}</style></head><body>"
        "<header><nav><a href='/'>Home</a></nav></header><article><h1>Title</h1>"
        "<p>Body text.</p><aside>Related stuff</aside></article><footer>© 2022</footer>"
        "</body></html>"
    )
    html = clean(page).html
    assert "Body text." in html and "Title" in html
    for junk in ("Home", "Related stuff", "© 2022", "p{}"):
        assert junk not in html


def test_a_saved_page_without_article_drops_nav_and_footer() -> None:
    page = "<html><body><nav>Menu</nav><div><p>Words.</p></div><footer>Foot</footer></body></html>"
    html = clean(page).html
    assert "Words." in html and "Menu" not in html and "Foot" not in html


def test_empty_and_whitespace_bodies_are_fine() -> None:
    assert clean("").html == ""
    assert clean("   \n ").html == ""
    assert clean("<html></html>").html == ""


def test_plain_text_bodies_lose_junk_lines_only() -> None:
    body = "原标题：另一个标题\n正文第一行。\n正文第二行。\n\n扫码下载新浪财经APP\n"
    doc = clean(body, kind="text", title="标题")
    assert doc.html == "正文第一行。\n正文第二行。\n\n"
    assert doc.metadata["original_title"] == "另一个标题"


def test_markdown_bodies_pass_through_untouched() -> None:
    body = "# Heading\n\n扫码下载新浪财经APP\n\n![x](https://i.example/a.png)\n"
    doc = clean(body, kind="markdown", image="https://picsum.photos/1")
    assert doc.html == body
    assert doc.metadata["image"] == "https://i.example/a.png"


def test_earlier_removals_and_warnings_are_kept() -> None:
    from dataclasses import replace

    from converters.document import Removal

    doc = replace(clean("<p>x</p>"), removed=(Removal("read", "bom"),), warnings=("w",), html="")
    again = remove_boilerplate(replace(doc, body="<p>y</p><!--c-->"), Settings())
    assert again.removed[0] == Removal("read", "bom") and again.warnings[0] == "w"


# ------------------------------------------------------------ real posts


def corpus_posts(source: str) -> list[Path]:
    found = sorted(FIXTURES.glob(f"{source}/*.input.md"))
    return found or sorted(CORPUS.glob(f"{source}/*.md"))


def stage(path: Path, settings: Settings) -> Document:
    doc = read_post(path.read_text("utf-8"), str(path), settings)
    return remove_boilerplate(extract_metadata(doc, settings), settings)


@pytest.mark.parametrize("path", corpus_posts("sina-finance-domestic"), ids=lambda p: p.name)
def test_generic_pass_alone_cleans_sina_posts(path: Path) -> None:
    doc = stage(path, Settings(site_rules=False))
    assert doc.site_rules == ()
    for junk in ("海量资讯", "新浪财经APP", "责任编辑", "343233024.png", "<!--", "appendQr"):
        assert junk not in doc.html
    assert doc.metadata["editor"]
    assert doc.metadata.get("image", "").find("343233024") == -1


@pytest.mark.parametrize("path", corpus_posts("zhihu-daily"), ids=lambda p: p.name)
def test_generic_pass_alone_cleans_zhihu_posts(path: Path) -> None:
    doc = stage(path, Settings(site_rules=False))
    for junk in ("查看知乎讨论", "查看知乎原文", "avatar"):
        assert junk not in doc.html


@pytest.mark.parametrize("path", corpus_posts("zhihu-daily"), ids=lambda p: p.name)
def test_zhihu_rule_lifts_answerer_and_source(path: Path) -> None:
    doc = stage(path, Settings())
    assert doc.metadata["author"] != "知乎"
    assert str(doc.metadata["source"]).startswith("https://")
    assert "zhimg.com/v2-" not in str(doc.metadata.get("image", ""))  # the avatar is no cover


def test_sina_example_post() -> None:
    path = next(p for p in corpus_posts("sina-finance-domestic") if "jilin" in p.name)
    doc = stage(path, Settings())
    assert doc.metadata["editor"] == "王珊珊"
    assert "original_title" not in doc.metadata
    assert "1c4c-1f62d702f9e3aa9dd6a8dc44bf019cd0.jpg" in str(doc.metadata["image"])
    texts = paragraphs(doc.html)
    assert texts[0].endswith(
        "吉林省疫情形势仍然严峻复杂。3月25日，吉林省委书记景俊海主持召开省疫情防控视频部署会时指出，当前，吉林省疫情防控正处于背水一战、决战决胜的关键阶段。"
    )
    assert texts[1].startswith("3月25日，省委书记景俊海")
    assert texts[-1].endswith("遏制疫情传播扩散。”")


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ('<p><strong><img src="https://i.example/a.jpg"></strong></p>', "<p><img"),
        ("<h2><strong>Whole heading<br></strong></h2>", "<h2>Whole heading</h2>"),
        ("<h2><strong>Part</strong> of it</h2>", "<h2><strong>Part</strong> of it</h2>"),
        ('<p><a href="https://x.example/a.doc">Attachment<br><br></a></p>', ">Attachment</a></p>"),
        ("<p>line one<br>line two</p>", "line one<br>line two"),
    ],
)
def test_emphasis_and_breaks_that_say_nothing_go(body: str, kept: str) -> None:
    assert kept in clean(body).html
