"""The generic pass's verdicts by markup: class words, hidden elements, avatars and pixels, and
the readers' comments after the article.

A class word never removes a block holding much text; that is reported as a warning instead.
Verdicts on the wording of lines are in line_signals.
"""

from __future__ import annotations

import functools
import re

from lxml import etree

from converters.clean.line_signals import COMMENT_HEADING, COPY_BUTTON
from converters.clean.tree import HEADINGS, code_nodes, nothing_after, tagged, text_of, text_size
from converters.clean.urls import BROKEN_SOURCE, is_pixel
from converters.clean.work import GENERIC, Work, remove_junk

# Class words that mark a promo, a share bar, an ad ... (whole words, camelCase split).
JUNK_WORDS = frozenset({
    "share", "sharing", "sharethis", "social", "qr", "qrcode", "subscribe", "subscription",
    "newsletter", "ad", "ads", "advert", "adverts", "advertisement", "adsbygoogle", "sponsor",
    "sponsored", "promo", "promotion", "breadcrumb", "breadcrumbs", "cookie", "cookies", "popup"
})  # fmt: skip
JUNK_WORD_PAIRS = ((("app",), ("download", "downloads")), (("related",), ("posts", "articles")))
# A class name split into words: "appDownload_box" is app, download, box.
WORD_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
MAX_JUNK_BLOCK = 300  # a class word alone never removes more text than this
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
ONE_PIXEL = re.compile(r"^\s*[01](?:\.0+)?\s*(?:px)?\s*$")
CAPTCHA = re.compile(r"captcha|verif(?:y|ication)[-_]?code|check_?code|seccode|vcode|验证码", re.I)
# Every CAPTCHA match holds one of these, and re.I matches their letters only in ASCII: names
# that hold none of them, lowered, cannot match (most image names), and are not searched.
CAPTCHA_WORDS = ("code", "captcha", "验证码")
# A block holding the readers' comments: marked so by a class word or by the usual ids.
COMMENT_WORDS = frozenset({
    "comment", "comments", "commentlist", "respond", "disqus", "replies", "discussion"
})  # fmt: skip
COMMENT_ID = re.compile(r"^(?:comments?|respond|disqus_thread|comment-?(?:list|area|section|box))$")
# A bare "评论" or "Comments" may title the article's own last section (commentary): only a
# heading with a count or a qualifier ("3 条评论", "网友评论", "Leave a Reply") is the readers'.
BARE_WORD = re.compile(r"^(?:评论|留言|comments?)[:：]?$", re.I)
SECTION_TAGS = ("div", "section", "aside", "footer", "ol", "ul", "dl", "article")


def drop_comment_section(root: etree._Element, work: Work) -> None:
    """Reader comments after the article, whatever their size (the comment form itself went
    with the other forms): a block marked as comments that nothing follows, or the section
    under a comments heading ('3 条评论', 'Leave a Reply') that runs to the end of the body."""
    for el in tagged(root, SECTION_TAGS):
        if el.getparent() is not None and is_comment_block(el) and nothing_after(el):
            remove_junk(el, GENERIC, "reader comments", work)
    for heading in tagged(root, HEADINGS):
        text = " ".join(text_of(heading).split())
        if not COMMENT_HEADING.match(text) or BARE_WORD.match(text):
            continue  # the wording first: finding a heading's section walks the rest of the body
        section = closing_section(heading)
        if section is not None:
            for el in section:
                remove_junk(el, GENERIC, "reader comments", work)
            remove_junk(heading, GENERIC, "comment heading", work)


def closing_section(heading: etree._Element) -> list[etree._Element] | None:
    """The blocks under a heading when they run to the end of the body, else None."""
    if heading.getparent() is None:
        return None
    section = list(heading.itersiblings())
    if any(el.tag in HEADINGS and el.tag <= heading.tag for el in section):
        return None
    return section if nothing_after(section[-1] if section else heading) else None


def is_comment_block(el: etree._Element) -> bool:
    return bool(class_words(el) & COMMENT_WORDS) or COMMENT_ID.match(el.get("id", "")) is not None


def drop_by_markup(root: etree._Element, work: Work) -> None:
    """Share bars, QR promos, ads, hidden blocks, avatars and tracking pixels, by markup alone."""
    total, code = -1, code_nodes(root)  # the body's text size, measured at the first verdict
    for el in marked(root):
        if el.tag in HEADINGS or el in code or el.getparent() is None:
            continue
        reason = markup_junk(el)
        if reason is None:
            continue
        total = text_size(root) if total < 0 else total  # nothing was removed before this
        size = text_size(el)
        if size > MAX_JUNK_BLOCK or (size and size * 2 > total):
            work.warnings.append(f"kept a {reason} block holding {size} characters of text")
            continue
        remove_junk(el, GENERIC, reason, work)


def marked(root: etree._Element) -> list[etree._Element]:
    """What markup alone can condemn: elements with attributes, and images (no src is a
    verdict). Found by a Python walk: cheaper than XPath's "descendant-or-self::*[@* or
    self::img]" on a post's few dozen elements."""
    return [el for el in root.iter(etree.Element) if el.keys() or el.tag == "img"]


def markup_junk(el: etree._Element) -> str | None:
    if el.tag == "img":
        hidden = el.get("hidden") is not None or HIDDEN_STYLE.search(el.get("style", ""))
        return "hidden element" if hidden else image_junk(el)
    return block_junk(el.tag, el.get("hidden") is not None, el.get("style", ""), el.get("class"))


@functools.lru_cache(maxsize=4096)
def block_junk(tag: str, hidden: bool, style: str, names: str | None) -> str | None:
    """The verdict on an element that is no image, worked out once per tag and attributes: a
    site writes the same few styles and classes element after element, post after post."""
    if hidden or HIDDEN_STYLE.search(style):
        return "hidden element"
    words = words_of(names or "")
    if words & JUNK_WORDS:
        return f"{tag}.{sorted(words & JUNK_WORDS)[0]}"
    for first, second in JUNK_WORD_PAIRS:
        if words & set(first) and words & set(second):
            return f"{tag}.{first[0]}-{second[0]}"
    return None


def image_junk(img: etree._Element) -> str | None:
    if "avatar" in class_words(img):
        return "avatar"
    src = img.get("src", "")
    if not src.strip() or BROKEN_SOURCE.search(src):
        return "image without source"
    if is_captcha(" ".join(img.get(name, "") for name in ("src", "class", "id", "alt"))):
        return "captcha image"
    if COPY_BUTTON.match((img.get("alt", "") or img.get("title", "")).strip()):
        return "copy-code button"  # drawn as an image: alt="复制代码"
    tiny = ONE_PIXEL.match(img.get("width", "")) and ONE_PIXEL.match(img.get("height", ""))
    if tiny or is_pixel(src):
        return "tracking pixel"
    return None


def is_captcha(names: str) -> bool:
    lowered = names.lower()
    if not any(word in lowered for word in CAPTCHA_WORDS):
        return False
    return CAPTCHA.search(names) is not None


def class_words(el: etree._Element) -> frozenset[str]:
    # Only classes: ids are often slugs of the text ("ad-hoc-queries"), not design words.
    return words_of(el.get("class", ""))


@functools.lru_cache(maxsize=4096)
def words_of(names: str) -> frozenset[str]:
    return frozenset(word.lower() for word in WORD_PARTS.findall(names))
