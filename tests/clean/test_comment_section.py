"""Reader comments after the article go as a block; the same markup inside the article stays."""

import pytest

from tests.clean.test_remove_boilerplate import clean, paragraphs

STORY = "<p>第一段正文。</p><p>第二段正文。</p><p>第三段正文。</p>"
COMMENTS = (
    '<h3>3 条评论</h3><form action="/comment"><textarea></textarea>'
    '<img src="/captcha.php?r=1"><button>提交</button></form>'
    '<ol class="comment-list"><li><p>读者甲：写得真好，' + "很长的评论" * 60 + "</p></li>"
    "<li><p>读者乙：同意。</p></li></ol>"
)


def test_a_comment_section_closing_the_body_goes_whole() -> None:
    doc = clean(STORY + COMMENTS, site_rules=False)
    assert paragraphs(doc.html) == ["第一段正文。", "第二段正文。", "第三段正文。"]
    assert "评论" not in doc.html and "captcha" not in doc.html


@pytest.mark.parametrize("marker", ['id="comments"', 'class="wp-comments"', 'id="respond"'])
def test_comment_blocks_are_known_by_class_word_or_usual_id(marker: str) -> None:
    body = STORY + f"<div {marker}><p>{'一条很长的读者评论。' * 40}</p></div>"
    assert paragraphs(clean(body, site_rules=False).html) == [
        "第一段正文。",
        "第二段正文。",
        "第三段正文。",
    ]


def test_a_comment_marked_block_with_article_after_it_stays() -> None:
    body = (
        '<p>正文。</p><div class="comment"><p>编者按：这是一段评论性的文字。</p></div><p>后文。</p>'
    )
    assert paragraphs(clean(body, site_rules=False).html) == [
        "正文。",
        "编者按：这是一段评论性的文字。",
        "后文。",
    ]


@pytest.mark.parametrize(
    "img",
    [
        '<img src="https://x.example/captcha?id=3">',
        '<img class="verify-code" src="https://x.example/a.png">',
        '<img src="https://x.example/checkcode.jpg">',
    ],
)
def test_captcha_images_go(img: str) -> None:
    assert "<img" not in clean(f"<p>正文。</p><p>{img}</p>", site_rules=False).html


def test_the_section_under_a_comments_heading_closing_the_body_goes() -> None:
    body = (
        STORY
        + "<h3>网友评论</h3><ul><li>读者甲："
        + "说得好" * 50
        + "</li><li>读者乙：赞</li></ul>"
    )
    assert paragraphs(clean(body, site_rules=False).html) == [
        "第一段正文。",
        "第二段正文。",
        "第三段正文。",
    ]


def test_a_comments_heading_with_article_sections_after_it_stays() -> None:
    body = STORY + "<h2>评论</h2><p>这一节评论了市场。</p><h2>结论</h2><p>结论。</p>"
    assert "评论" in clean(body, site_rules=False).html


def test_a_last_section_titled_with_the_bare_word_is_the_articles_own() -> None:
    body = STORY + "<h2>评论</h2><p>这次调整对行业的影响值得进一步观察，短期内难以定论。</p>"
    assert "值得进一步观察" in clean(body, site_rules=False).html
