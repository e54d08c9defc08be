"""The page stage on small made-up pages: one signal each."""

from converters import pipeline
from converters.document import Document, Settings
from converters.page.find_article import find_article

PROSE = (
    "The council voted on Tuesday to rebuild the old bridge, which has carried traffic over "
    "the river since 1921, and to widen the road that leads to it, a plan that took years. "
)


def paragraphs(count: int, word: str = "") -> str:
    return "".join(f"<p>{word}{PROSE}</p>" for _ in range(count))


def article(body: str, head: str = "", settings: Settings | None = None) -> str:
    page = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return pipeline.convert(page, settings=settings).markdown


def test_the_prose_wins_over_menus_teaser_cards_and_footers() -> None:
    teasers = "".join(
        f'<article class="card"><a href="/s/{n}"><h3>Other story {n}</h3></a><p>Short teaser '
        f"text {n}.</p></article>"
        for n in range(8)
    )
    body = (
        '<div class="menu-bar"><a href="/">Home</a> <a href="/world">World</a></div>'
        f'<div class="story-body">{paragraphs(5)}</div><div class="more">{teasers}</div>'
        '<div class="site-foot"><p>© 2024 The Paper. All rights reserved.</p></div>'
    )
    markdown = article(body)
    assert markdown.count("The council voted") == 5
    for junk in ("Home", "Other story", "Short teaser", "All rights reserved"):
        assert junk not in markdown


def test_an_empty_first_article_and_a_comment_thread_do_not_win() -> None:
    comments = "".join(
        f'<div class="comment"><p>Reader {n} writes: I disagree, and here is why, at length, '
        f"with many words and commas, because, well, I can.</p></div>"
        for n in range(12)
    )
    body = (
        '<article class="promo"></article>'
        f'<article class="post">{paragraphs(4)}</article>'
        f'<section id="comments">{comments}</section>'
    )
    markdown = article(body)
    assert markdown.count("The council voted") == 4
    assert "Reader" not in markdown


def test_chinese_prose_in_a_table_cell_is_found() -> None:
    text = "市政府昨天召开会议，决定重修老桥，并拓宽通往老桥的道路，这一计划酝酿了多年。" * 3
    body = (
        "<table><tr><td class='nav'><a href='/'>首页</a> <a href='/a'>新闻</a></td></tr>"
        f"<tr><td>{text}<br><br>{text}</td><td><a href='/x'>相关新闻一</a><br>"
        "<a href='/y'>相关新闻二</a></td></tr></table>"
    )
    markdown = article(body)
    assert markdown.count("市政府昨天召开会议") == 6
    assert "相关新闻" not in markdown and "首页" not in markdown


def test_headline_byline_dateline_and_dek_leave_the_body() -> None:
    head = (
        "<title>Bridge to be rebuilt | The Paper</title>"
        '<meta name="description" content="The old bridge gets a second life.">'
        '<meta name="author" content="Jane Roe">'
    )
    body = (
        "<article><h1>Bridge to be rebuilt</h1><p>The old bridge gets a second life.</p>"
        "<p>By Jane Roe</p><p>November 19, 2019 10:30 AM</p>"
        f"{paragraphs(4)}</article>"
    )
    markdown = article(body, head)
    assert markdown.startswith("The council voted")
    for moved in ("Bridge to be rebuilt", "second life", "Jane Roe", "2019"):
        assert moved not in markdown


def test_a_dateline_goes_but_a_first_sentence_that_opens_with_one_stays() -> None:
    body = (
        "<article><p>发布时间：2005-07-05 21:23 来源：新华网</p>"
        "<p>【本报2005年07月03日电】一九八九年四月，我在湖南张家界开一个全省教学研究会议。</p>"
        f"{paragraphs(4)}</article>"
    )
    markdown = article(body)
    assert "来源" not in markdown and "21:23" not in markdown
    first = "【本报2005年07月03日电】一九八九年四月，我在湖南张家界开一个全省教学研究会议。"
    assert first in markdown


def test_a_first_paragraph_naming_the_author_or_opening_with_a_label_word_stays() -> None:
    head = '<meta name="author" content="郭励弘">'
    body = (
        "<article><p>作者：郭励弘</p>"
        "<p>坚冰已经打破，但研究部的郭励弘却撰文指出，城市基础设施将成为新领地。</p>"
        "<p>Published in 1851, the novel sold poorly.</p>"
        f"{paragraphs(4)}</article>"
    )
    markdown = article(body, head)
    assert "作者" not in markdown
    first = "坚冰已经打破，但研究部的郭励弘却撰文指出，城市基础设施将成为新领地。"
    assert markdown.startswith(first)
    assert "Published in 1851, the novel sold poorly." in markdown


def test_a_script_before_the_doctype_still_leaves_a_body() -> None:
    page = f"<script>var a = 1;</script><!DOCTYPE html><html><body>{paragraphs(3)}</body></html>"
    assert pipeline.convert(page).markdown.count("The council voted") == 3


def test_relative_links_resolve_against_base_href_then_base_url_then_canonical() -> None:
    body = (
        f'<article>{paragraphs(3)}<p>See <a href="../plan.html">the plan</a> and '
        '<img src="img/bridge.jpg" alt="bridge">.</p></article>'
    )
    canonical = '<link rel="canonical" href="https://news.example/city/2024/bridge">'
    markdown = article(body, canonical)
    assert "(https://news.example/city/plan.html)" in markdown
    assert "https://news.example/city/2024/img/bridge.jpg" in markdown
    given = Settings(base_url="https://mirror.example/a/b/page.html")
    assert "(https://mirror.example/a/plan.html)" in article(body, canonical, given)
    based = canonical + '<base href="https://cdn.example/x/">'
    assert "(https://cdn.example/plan.html)" in article(body, based, given)


def test_footnote_anchors_become_text_not_dead_links() -> None:
    body = (
        f'<article>{paragraphs(3)}<p>A claim.<sup><a href="#fn1" id="fnref1">1</a></sup></p>'
        '<ol><li id="fn1">The council minutes of 12 March 2019, page 4. '
        '<a href="#fnref1">↩</a></li></ol></article>'
    )
    markdown = article(body)
    assert "#fn" not in markdown and "↩" not in markdown
    assert (
        "A claim.1" in markdown.replace("\\", "")
        and "The council minutes of 12 March 2019, page 4." in markdown
    )


def test_a_fragment_passes_through_and_only_base_url_touches_its_links() -> None:
    doc = Document(source="-", front_matter={"title": "t"}, body='<p><a href="/x">x</a></p>')
    assert find_article(doc, Settings()) == doc
    resolved = find_article(doc, Settings(base_url="https://site.example/post/1"))
    assert resolved.body == '<p><a href="https://site.example/x">x</a></p>'


def test_a_page_saved_without_html_head_or_body_is_still_a_page() -> None:
    page = (
        '<text id="https://blog.example/p/1"><title>Blog - a post</title>'
        f'<table><tr><td class="side"><a href="/a">Archive</a></td><td>{paragraphs(4)}</td>'
        "</tr></table></text>"
    )
    markdown = pipeline.convert(page).markdown
    assert markdown.count("The council voted") == 4 and "Archive" not in markdown


def test_an_svg_title_does_not_make_a_fragment_a_page() -> None:
    doc = Document(source="-", front_matter={}, body="<p><svg><title>icon</title></svg> Short.</p>")
    assert find_article(doc, Settings()) == doc


def test_a_page_after_an_archive_wrapper_is_converted_not_kept_as_markdown() -> None:
    # Archives put a wrapper and a comment before the page. Read as Markdown, the script's
    # indented lines after a blank one are a code block, which would keep the page as written.
    page = (
        '<text id="http://news.example.cn/a/1.shtml" encoding="gb2312">\n'
        "<!--[112,3] published at 2004-10-13 14:01:37 -->\n<HTML>\n<HEAD>\n"
        "<TITLE>The bridge vote_News Channel_Example</TITLE>\n<STYLE type=text/css>\n"
        ".bg011 {background-color:#9CA5E6; font-size:12px;}\n\ntd {\n\tFONT-SIZE: 12px\n}\n"
        "</STYLE>\n</HEAD>\n<BODY>\n<table><tr><td><script>\nvar css;\n\n\tstr += css;\n</script>"
        f"</td></tr><tr><td>{paragraphs(4)}</td></tr></table>\n</BODY>\n"
        "</HTML>\n"
    )
    converted = pipeline.convert(page)
    assert converted.markdown.count("The council voted") == 4
    assert "FONT-SIZE" not in converted.text and "<td>" not in converted.text
    assert converted.metadata["title"] == "The bridge vote"


def test_a_feature_split_into_sections_of_one_template_is_found_whole() -> None:
    # Each section scores less than half the longest one: only their shared template says
    # they are one article.
    def section(count: int, word: str) -> str:
        return (
            '<div class="acf-content"><section class="outer outer--content">'
            '<div class="post-wrapper"><div class="post-content wysiwyg">'
            f"{paragraphs(count, word)}</div></div></section></div>"
        )

    body = (
        '<div class="site-menu"><a href="/">Home</a> <a href="/physics">Physics</a></div>'
        f'<div id="postBody">{section(3, "First. ")}<figure><img src="/a.jpg"></figure>'
        f"{section(14, 'Middle. ')}{section(3, 'Last. ')}</div>"
    )
    markdown = article(body)
    for word, count in (("First.", 3), ("Middle.", 14), ("Last.", 3)):
        assert markdown.count(word) == count
    assert "Home" not in markdown


def test_a_page_without_article_text_says_so() -> None:
    frameset = (
        "<html><head><title>Frames</title></head><frameset cols='20%,80%'>"
        "<frame src='menu.html'><frame src='main.html'></frameset></html>"
    )
    warnings = pipeline.convert(frameset).warnings
    assert any("frameset" in w and "menu.html, main.html" in w for w in warnings)
    menu_only = "<html><body><div class='menu'><a href='/'>Home</a></div></body></html>"
    assert "no article text found on the page" in pipeline.convert(menu_only).warnings
    assert not pipeline.convert(f"<html><body>{paragraphs(3)}</body></html>").warnings
