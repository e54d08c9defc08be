"""Keyword auto-links lose their link and keep their word, with no site rule to name them."""

from tests.clean.test_remove_boilerplate import clean, paragraphs

TAG = "https://sobooks.cc/books/tag/%e5%b0%8f%e8%af%b4"  # /tag/小说


def test_a_link_to_the_tag_archive_of_its_own_word_is_unwrapped() -> None:
    # as a WordPress keyword plugin writes them (a real feed: RSSHub's SoBooks)
    link = f'<a href="{TAG}" title="查看更多关于小说的文章">小说</a>'
    body = f"<p>{link}《一日三秋》引用民间传说。</p>"
    doc = clean(body, site_rules=False)
    assert paragraphs(doc.html) == ["小说《一日三秋》引用民间传说。"]
    assert "sobooks.cc" not in doc.html


def test_a_link_of_class_keyword_is_unwrapped() -> None:
    # Sina's stock-name links: <a class="keyword" href=".../realstock/...">
    body = (
        '<p>向<a href="https://finance.sina.com.cn/realstock/company/sh603883/nc.shtml" '
        'class="keyword">老百姓</a>“耍横”。</p>'
    )
    doc = clean(body, site_rules=False)
    assert paragraphs(doc.html) == ["向老百姓“耍横”。"]
    assert "realstock" not in doc.html


def test_english_slugs_match_words_across_case_and_dashes() -> None:
    link = '<a href="https://blog.example/tags/machine-learning/">Machine Learning</a>'
    body = f"<p>Read about {link}.</p>"
    assert "blog.example" not in clean(body, site_rules=False).html


def test_an_author_link_to_a_tag_page_about_something_else_stays() -> None:
    body = '<p>See <a href="https://blog.example/tag/python/">my earlier posts</a> on this.</p>'
    assert 'href="https://blog.example/tag/python/"' in clean(body, site_rules=False).html


def test_a_link_whose_text_is_not_the_archive_name_stays() -> None:
    body = f'<p>I wrote <a href="{TAG}">a review</a> of it.</p>'
    assert TAG in clean(body, site_rules=False).html
