"""Metadata of whole saved pages: each source in its order of trust, on small made-up pages."""

import datetime as dt

import pytest

from converters.document import Document, Settings
from converters.metadata.dates import find_dates, read_date
from converters.metadata.extract_metadata import extract_metadata
from converters.metadata.page_metadata import from_page
from converters.metadata.titles import without_site_name


def page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def meta(head: str = "", body: str = "") -> dict[str, object]:
    doc = Document(source="p.html", front_matter={}, body=page(head, body), body_kind="html")
    return dict(extract_metadata(doc, Settings()).metadata)


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("written", "moment"),
    [
        ("November 19, 2019", dt.date(2019, 11, 19)),
        ("19 Nov 2019", dt.date(2019, 11, 19)),
        ("Tuesday, Nov. 19, 2019 at 3:04 p.m. EST", dt.datetime(2019, 11, 19, 15, 4,
                                                               tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
        ("2019-11-18 17:19:53 GMT", dt.datetime(2019, 11, 18, 17, 19, 53, tzinfo=dt.UTC)),
        ("2005-5-7 21:23:57", dt.datetime(2005, 5, 7, 21, 23, 57)),
        ("2019年11月19日 10:30", dt.datetime(2019, 11, 19, 10, 30)),
        ("2005年3月11日12:12", dt.datetime(2005, 3, 11, 12, 12)),
        ("9/17/2004 5:54:13 PM", dt.datetime(2004, 9, 17, 17, 54, 13)),
        ("2019/11/19", dt.date(2019, 11, 19)),
        ("Tue, 19 Nov 2019 10:30:00 +0000", dt.datetime(2019, 11, 19, 10, 30, tzinfo=dt.UTC)),
    ],
)  # fmt: skip
def test_dates_in_the_forms_pages_write_them(written: str, moment: dt.date) -> None:
    assert read_date(written) == moment


@pytest.mark.parametrize(
    "written", ["next tuesday", "2019-02-30", "20191119", "Copyright 2004-2008"]
)
def test_what_is_not_a_whole_date_is_not_read(written: str) -> None:
    assert read_date(written) is None


def test_dates_are_found_inside_a_line_and_a_year_range_is_not_one() -> None:
    line = "时间：2004年10月21日14:18 作者：某人 © 2004-2008"
    assert [moment for _, moment in find_dates(line)] == [dt.datetime(2004, 10, 21, 14, 18)]


def test_an_unreadable_meta_date_is_a_warning_and_a_later_source_is_used() -> None:
    head = '<meta property="article:published_time" content="soon">'
    found, warnings = from_page(page(head, "<h1>T</h1><p>Posted 2019-11-19 10:30</p>"))
    assert found["date"] == dt.datetime(2019, 11, 19, 10, 30)
    assert warnings == []
    found, warnings = from_page(page(head, "<p>no date here</p>"))
    assert "date" not in found
    assert warnings == ["page date 'soon' is not a date I can read; left out"]


def test_json_ld_date_wins_over_meta_and_an_english_meta_date_does_not_fail_the_page() -> None:
    head = (
        '<meta name="pubdate" content="November 19, 2019">'
        '<script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "S"},'
        '{"@type": "NewsArticle", "headline": "H", "datePublished": "2019-11-18T08:00:00Z",'
        '"dateModified": "2019-11-18 17:19:53 GMT"}]}</script>'
    )
    found = meta(head)
    assert found["date"] == "2019-11-18T08:00:00+00:00"
    assert found["updated"] == "2019-11-18T17:19:53+00:00"
    assert meta('<meta name="pubdate" content="November 19, 2019">')["date"] == "2019-11-19"


def test_a_day_without_a_time_takes_the_time_printed_under_the_headline() -> None:
    head = '<meta name="publishdate" content="2022-02-13"><title>标题内容很长 - 站点</title>'
    body = "<div>首页 2022-01-01</div><h1>标题内容很长</h1><div>2022-02-13 07:00:00 来源：报</div>"
    assert meta(head, body)["date"] == "2022-02-13T07:00:00"


def test_the_dateline_under_the_headline_beats_a_date_in_the_page_header() -> None:
    body = (
        "<div>今天是 2022年02月20日</div><h1>某市召开会议</h1>"
        "<div>BUSINESS　2005年3月11日12:12 来源：某报</div><p>正文。</p>"
    )
    assert meta("<title>某市召开会议_某网</title>", body)["date"] == "2005-03-11T12:12:00"


def test_without_a_printed_headline_a_labelled_date_beats_a_bare_one() -> None:
    body = "<p>建立于:2004年10月6日</p><p>someone 发表于 2005-9-15 11:46:00</p>"
    assert meta("<title>Blog</title>", body)["date"] == "2005-09-15T11:46:00"


# ------------------------------------------------------------------ titles


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("拿出10万元投资房产(图)_新浪房产_新浪网", "拿出10万元投资房产(图)"),
        ("工商部门初定广告属于虚假宣传-搜狐财经", "工商部门初定广告属于虚假宣传"),
        ("如何评价这个问题？ - 知乎", "如何评价这个问题？"),
        ("COVID-19 cases rise again | The Guardian", "COVID-19 cases rise again"),
        ("Stadia, xCloud: So many ways to play - WSJ", "Stadia, xCloud: So many ways to play"),
        ("Self-driving cars", "Self-driving cars"),
    ],
)
def test_the_site_name_leaves_the_title(title: str, headline: str) -> None:
    assert without_site_name(title) == headline


def test_the_printed_headline_is_preferred_when_the_title_starts_with_it() -> None:
    assert (
        meta("<title>The Story: A Saga | News</title>", "<h1>The Story: A Saga</h1>")["title"]
        == "The Story: A Saga"
    )


# ------------------------------------------------------------------ people


@pytest.mark.parametrize(
    ("body", "author"),
    [
        ("<h1>标题</h1><td>时间：2004年10月21日 作者：郭某某</td>", "郭某某"),
        ("<h1>标题</h1><p>（记者 格桑边觉）记者近日从会议上了解到情况。</p>", "格桑边觉"),
        ("<h1>标题</h1><p>正文。</p><p>记者 刘某</p>", "刘某"),
        ("<h1>标题</h1><p>新华网频道  记者  伊琳  李清芬</p>", "伊琳 李清芬"),
        ("<h1>标题</h1><p>正文。</p><p>（责任编辑：魏某）</p>", "魏某"),
        ("<h1>Title</h1><p>By Jane Roe and John Doe</p><p>Text.</p>", "Jane Roe and John Doe"),
        ("<p>someone_1 发表于 2005-9-15 11:46:00</p>", "someone_1"),
        ('<h1>T</h1><span class="byline">By Jane Roe</span>', "Jane Roe"),
    ],
)
def test_bylines_as_pages_print_them(body: str, author: str) -> None:
    assert meta("<title>标题</title>", body)["author"] == author


def test_the_writer_is_preferred_to_the_editor_and_a_reporter_to_a_passing_mention() -> None:
    body = "<h1>标题</h1><p>记者了解到，情况属实。</p><p>作者：张某</p><p>编辑：李某</p>"
    assert meta("", body)["author"] == "张某"


def test_a_scholarly_author_beats_a_site_name_and_padding_spaces_go() -> None:
    head = '<meta name="author" content="某某出版社"><meta name="citation_author" content="赵  培">'
    assert meta(head)["author"] == "赵培"


def test_an_author_given_as_a_url_is_not_a_name() -> None:
    head = '<meta property="article:author" content="https://www.facebook.com/someone">'
    assert "author" not in meta(head, "<p>text</p>")


def test_json_ld_authors_are_all_named() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "H",'
        '"author": [{"@type": "Person", "name": "A One"}, {"name": "B Two"}]}</script>'
    )
    assert meta(head)["author"] == "A One, B Two"


# ------------------------------------------------------------------ the rest


def test_description_image_tags_section_and_canonical_source() -> None:
    head = (
        '<meta name="description" content="The dek."><meta property="og:image" content="/c.jpg">'
        '<meta property="article:tag" content="Space"><meta property="article:tag" content="Moons">'
        '<meta property="article:section" content="Science">'
        '<link rel="canonical" href="https://news.example/a/1"><meta property="og:url" content="x">'
    )
    found = meta(head, '<a rel="tag" href="/t/titan">Titan</a>')
    assert found["description"] == "The dek."
    assert found["image"] == "/c.jpg"
    assert found["tags"] == ["Space", "Moons", "Titan"]
    assert found["categories"] == ["Science"]
    assert found["source"] == "https://news.example/a/1"


def test_markup_before_the_doctype_and_a_crawler_wrapper_are_read_through() -> None:
    text = (
        '<script>var x = 1;</script><!DOCTYPE html><text id="u" title="t"><html><head>'
        '<title>标题内容 - 站点</title><meta name="author" content="王某"></head>'
        "<body><p>x</p></body></html></text>"
    )
    found, _ = from_page(text)
    assert (found["title"], found["author"]) == ("标题内容", "王某")
