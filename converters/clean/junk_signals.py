"""The generic pass's verdicts: junk judged by markup (class words, hidden, pixels) or by wording.

Wording alone is a guess, so it is only trusted where boilerplate lives: a promo or copyright
line in the last few blocks, an "original title" line in the first few. A class word never
removes a block holding much text; that is reported as a warning instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from converters.clean.tree import (
    BLOCK_TAGS,
    HEADINGS,
    code_nodes,
    ends_section,
    shows,
    text_of,
    text_size,
)
from converters.clean.urls import PIXEL_SOURCE
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

# Blocks whose text is judged as one line (a paragraph, a list item ...) when they hold no block.
LINE_TAGS = frozenset({
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "dd", "dt",
    "figcaption", "center"
})  # fmt: skip
# Head lines: the first few blocks; tail lines: the last few, in a post with body.
HEAD_LINES, TAIL_LINES, MIN_LINES_FOR_TAIL, MAX_TAIL_LINE = 3, 5, 3, 120
PROMO_LINE, COPYRIGHT_LINE = "promo line", "copyright line"
GUESSES = (PROMO_LINE, COPYRIGHT_LINE)  # judged by wording alone
Verdict = tuple[str, str]  # (rule name, what kind of junk)
ORIGINAL_TITLE = re.compile(r"^原标题\s*[：:]\s*(.+?)\s*$")
EDITOR_LINE = re.compile(r"^[（(\[【]?\s*(?:责任编辑|责编|编辑)\s*[：:|]\s*([^\s（()）\]】|]+)")
AD_LABEL = re.compile(r"^(?:广告|推广|赞助|Advertisement|Sponsored|AD)$", re.I)
# A block that is only a "read the original / more" button.
MORE_LINK = re.compile(
    r"^(?:点击)?(?:阅读|查看|展开)(?:知乎)?(?:原文|全文|讨论|更多)[>»›…\s]*$"
    r"|^(?:read\s+(?:more|the\s+original(?:\s+article)?)|continue\s+reading|view\s+original)"
    r"[>»›….\s]*$",
    re.I,
)
CALL_TO_ACTION = re.compile(
    r"(?:扫描|扫码|长按|识别).{0,12}二维码|关注.{0,20}(?:公众号|微信号|微博号|视频号)"
    r"|(?:下载|打开|安装).{0,12}(?:APP|App|app|客户端)|尽在.{0,20}(?:APP|App|app|客户端)"
    r"|点击.{0,6}(?:阅读原文|关注|订阅)"
    r"|^(?:please\s+)?(?:subscribe|sign\s+up)\b.{0,80}\b(?:newsletter|mailing\s+list|updates)"
    r"|^follow\s+us\s+on\b|^share\s+(?:this|on)\b|^download\s+(?:our|the)\s+app\b",
    re.I,
)
COPYRIGHT = re.compile(
    r"(?:未经|未获).{0,12}(?:授权|许可|同意).{0,12}(?:不得|禁止|严禁)|(?:不得|禁止|严禁).{0,10}转载"
    r"|转载请(?:注明|联系)|版权(?:归|所有)|著作权归|all rights reserved|^(?:copyright|©)\s",
    re.I,
)


def drop_by_markup(root: etree._Element, work: Work) -> None:
    """Share bars, QR promos, ads, hidden blocks, avatars and tracking pixels, by markup alone."""
    total, code = text_size(root), code_nodes(root)
    for el in list(root.iter(etree.Element)):
        if not (el.attrib or el.tag == "img") or el.tag in HEADINGS or el in code:
            continue
        if el.getparent() is None:
            continue
        reason = markup_junk(el)
        if reason is None:
            continue
        size = text_size(el)
        if size > MAX_JUNK_BLOCK or (size and size * 2 > total):
            work.warnings.append(f"kept a {reason} block holding {size} characters of text")
            continue
        remove_junk(el, GENERIC, reason, work)


def markup_junk(el: etree._Element) -> str | None:
    if el.get("hidden") is not None or HIDDEN_STYLE.search(el.get("style", "")):
        return "hidden element"
    if el.tag == "img":
        return image_junk(el)
    words = class_words(el)
    if words & JUNK_WORDS:
        return f"{el.tag}.{sorted(words & JUNK_WORDS)[0]}"
    for first, second in JUNK_WORD_PAIRS:
        if words & set(first) and words & set(second):
            return f"{el.tag}.{first[0]}-{second[0]}"
    return None


def image_junk(img: etree._Element) -> str | None:
    if "avatar" in class_words(img):
        return "avatar"
    src = img.get("src", "")
    if not src.strip():
        return "image without source"
    tiny = ONE_PIXEL.match(img.get("width", "")) and ONE_PIXEL.match(img.get("height", ""))
    if tiny or PIXEL_SOURCE.search(src):
        return "tracking pixel"
    return None


def class_words(el: etree._Element) -> set[str]:
    # Only classes: ids are often slugs of the text ("ad-hoc-queries"), not design words.
    names = el.get("class", "")
    return {word.lower() for word in WORD_PARTS.findall(names)} if names.strip() else set()


def judge_lines(root: etree._Element, work: Work) -> None:
    lines = line_blocks(root)
    verdicts = line_verdicts([text for _, text in lines], work)
    for (el, text), verdict in zip(lines, verdicts, strict=True):
        if verdict is None or el.getparent() is None:
            continue
        if verdict[0] == GENERIC and verdict[1] in GUESSES and is_whole_section(el):
            continue  # a heading announced it: content, whatever it sounds like
        remove_junk(el, *verdict, work, text=text)


def is_whole_section(el: etree._Element) -> bool:
    """The only block under a heading, up to the next heading of the same rank or the end."""
    heading = el.getprevious()
    if heading is None or heading.tag not in HEADINGS or shows(heading.tail):
        return False
    return not shows(el.tail) and ends_section(el.getnext(), heading)


def line_blocks(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """Blocks holding no other block, with their text, in document order; empty ones left out."""
    holders: set[etree._Element] = set()
    for el in reversed(list(root.iter(etree.Element))):
        parent = el.getparent()
        if parent is not None and (el.tag in BLOCK_TAGS or el in holders):
            holders.add(parent)
    found, code = [], code_nodes(root)
    for el in root.iter(*LINE_TAGS):
        if el is not root and el not in holders and el not in code:
            text = " ".join(text_of(el).split())
            if text:
                found.append((el, text))
    return found


def line_verdicts(texts: list[str], work: Work) -> Iterator[Verdict | None]:
    """Each line's verdict in order; wording alone condemns a line only near an end."""
    count = len(texts)
    for index, text in enumerate(texts):
        head = index < HEAD_LINES
        tail = count >= MIN_LINES_FOR_TAIL and index >= count - TAIL_LINES and index > 0
        yield line_verdict(text, work, head=head, tail=tail)


def line_verdict(text: str, work: Work, *, head: bool, tail: bool) -> Verdict | None:
    """(rule, what) when a line is junk; lines that move to the front matter are lifted here."""
    for rule in work.rules:
        if any(pattern.search(text) for pattern in rule.junk_text):
            return rule.name, "junk paragraph"
    if AD_LABEL.match(text):
        return GENERIC, "ad label"
    if MORE_LINK.match(text):
        return GENERIC, "read-more link"
    original = ORIGINAL_TITLE.match(text) if head else None
    if original and work.lift("original_title", original.group(1)):
        return GENERIC, "original title line"
    if not tail or len(text) > MAX_TAIL_LINE:
        return None
    editor = EDITOR_LINE.match(text)
    if editor and len(text) <= 40 and work.lift("editor", editor.group(1)):
        return GENERIC, "editor line"
    if CALL_TO_ACTION.search(text):
        return GENERIC, PROMO_LINE
    if COPYRIGHT.search(text):
        return GENERIC, COPYRIGHT_LINE
    return None


def clean_text(body: str, work: Work) -> str:
    """A plain-text body: each non-blank line is judged as a line block of an HTML body is."""
    lines = body.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    texts = [" ".join(lines[index].split()) for index in filled]
    drop_at = set()
    for index, text, verdict in zip(filled, texts, line_verdicts(texts, work), strict=True):
        if verdict is not None:
            work.note(*verdict, text, len(lines[index]) + 1)
            drop_at.add(index)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop_at)
