"""The generic pass's verdicts on lines of text: junk judged by where a line stands and by wording.

Wording alone is a guess, and a word an article sentence could contain is never enough: a line
is judged by its wording only at an edge of the body, in the run of junk that closes (or opens)
it. The tail run is read from the last line backwards and stops at the first line that is not
junk, so a promo-sounding sentence followed by more article stays. Lines that are only links (a
tag row) neither stop the run nor go. Calls to action must also be short, and a QR-code line
needs an image beside it; a line that a heading introduces as its whole section is content.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from lxml import etree

from converters.clean.tree import (
    BLOCK_TAGS,
    HEADINGS,
    ancestors,
    ends_section,
    holds,
    shows,
    tagged,
    text_of,
)
from converters.clean.work import GENERIC, Work, remove_junk

# Blocks whose text is judged as one line (a paragraph, a list item ...) when they hold no block.
LINE_TAGS = frozenset({
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "dd", "dt",
    "figcaption", "center"
})  # fmt: skip
# The head run: the first few lines; the tail run: at most this many lines back from the end.
HEAD_LINES, TAIL_REACH, MIN_LINES_FOR_TAIL = 3, 8, 3
MAX_TAIL_LINE = 120  # characters: a longer line is article, whatever it says
SHORT_LINE = 80  # display width (a CJK character is two): a call to action is short
PROMO_LINE, COPYRIGHT_LINE = "promo line", "copyright line"
GUESSES = (PROMO_LINE, COPYRIGHT_LINE, "QR code promo", "paywall call to action")
Verdict = tuple[str, str]  # (rule name, what kind of junk)

ORIGINAL_TITLE = re.compile(r"^原标题\s*[：:]\s*(.+?)\s*$")
EDITOR_LINE = re.compile(r"^[（(\[【]?\s*(?:责任编辑|责编|编辑)\s*[：:|]\s*([^\s（()）\]】|]+)")
AD_LABEL = re.compile(r"^(?:广告|推广|赞助|Advertisement|Sponsored|AD)$", re.I)
# "【广告】本文用于分享优惠信息": a disclosure opens with the label in brackets.
AD_DISCLOSURE = re.compile(
    r"^[【\[（(［]\s*(?:广告|推广|赞助|商业推广|Advertisement|Sponsored|Ad)\s*[】\]）)］]", re.I
)
# "- THE END -", "（完）", "—— 全文完 ——": the whole line is an end mark set in decoration (a
# bare "End" or "THE END" may close a story: it stays).
END_MARK = re.compile(
    r"^\s*(?:[-—–_=~·•*#]+\s*(?:the\s*end|end|完|全文完|本文完)\s*[-—–_=~·•*#]+"
    r"|[(（【\[]\s*(?:the\s*end|end|完|全文完)\s*[)）】\]]|全文完|本文完)\s*$",
    re.I,
)
# A rule drawn with characters (———, ▼): decoration when nothing follows it.
DIVIDER = re.compile(r"^[\s\-—–_=~─━·•*▼▽↓⬇]+$")
# A caption beside an image that is only its file name, or tells to click for the large one.
IMAGE_CAPTION_JUNK = re.compile(
    r"^[\w\-. ()]+\.(?:jpe?g|png|gif|webp|bmp|svg)$"
    r"|^[(（]?(?:点击|点此|轻触)?(?:查看|看|浏览)?(?:大图|原图|高清大图|放大)(?:查看)?[)）]?$"
    r"|^[(（]?点击(?:图片)?(?:可)?(?:查看|看|放大)(?:大图|原图|高清大图)?[)）]?$"
    r"|^[(（]?(?:click|tap)\s+(?:(?:on\s+)?(?:the\s+)?image\s+)?to\s+(?:enlarge|zoom|view\s+(?:larger|full\s+size))[.)）]?$",
    re.I,
)
# The heading a comment section leaves behind when its form and list are gone.
COMMENT_HEADING = re.compile(
    r"^(?:发表|查看|全部|网友|最新|热门)?(?:评论|留言)(?:区|列表)?\s*(?:[(（]?\d+[)）]?\s*(?:条|则)?)?[:：]?$"
    r"|^\d+\s*(?:条|则)(?:评论|留言)$"
    r"|^(?:leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|\d*\s*comments?(?:\s*\(\d+\))?"
    r"|\d+\s+(?:thoughts|responses|replies)\s+on\b.{0,80})[:.]?$",
    re.I,
)
# "来源：新华社", "图：视觉中国", "Photo: Reuters": a credit, which the tail run passes over.
CREDIT_LINE = re.compile(
    r"^[（(【\[]?\s*(?:来源|作者|撰文|文|图|摄影|校对|排版|审核|审校|编辑|责编|出品|策划|监制|题图"
    r"|封面|翻译|译者|图片来源|本文来源|source|photo|image|credit|author|editor)s?\s*[：:|丨]",
    re.I,
)
MAX_CREDIT_LINE = 60
# A code block's copy button left as a line of its own.
COPY_BUTTON = re.compile(
    r"^(?:复制代码|拷贝代码|一键复制|copy\s+code|copy\s+to\s+clipboard)$", re.I
)
# The label over a closing list of links to other posts.
RELATED_LABEL = re.compile(
    r"^[【\[]?(?:相关|推荐|延伸|猜你喜欢|往期|热门|更多)(?:阅读|文章|推荐|回顾|精选|内容)?[】\]]?\s*[:：]?$"
    r"|^(?:related\s+(?:posts|articles|reading|stories)|read\s+more|more\s+(?:from|stories|posts)"
    r"|you\s+might\s+also\s+like|further\s+reading)\b.{0,30}[:：]?$",
    re.I,
)
# A block that is only a "read the original / more" button.
MORE_LINK = re.compile(
    r"^(?:点击)?(?:阅读|查看|展开)(?:知乎)?(?:原文|全文|讨论|更多)[>»›…\s]*$"
    r"|^(?:read\s+(?:more|the\s+original(?:\s+article)?)|continue\s+reading|view\s+original)"
    r"[>»›….\s]*$",
    re.I,
)
# A line that is only one of these labels is junk wherever it stands. One pattern tries them in
# this order (the group that matched names the label): one call a line instead of three.
LABELS = {"ad label": AD_LABEL, "read-more link": MORE_LINK, "copy-code button": COPY_BUTTON}
ANY_LABEL = re.compile(
    "|".join(f"(?P<label{i}>{pattern.pattern})" for i, pattern in enumerate(LABELS.values())),
    re.I,
)
LABEL_OF_GROUP = {f"label{i}": what for i, what in enumerate(LABELS)}
CALL_TO_ACTION = re.compile(
    r"关注.{0,20}(?:公众号|微信号|微博号|视频号|头条号|百家号)"
    r"|(?:下载|打开|安装).{0,12}(?:APP|App|app|客户端)|尽在.{0,20}(?:APP|App|app|客户端)"
    r"|(?:尽在|前往|欢迎光临).{0,20}(?:店铺|商城|旗舰店|小店)"
    r"|点击.{0,6}(?:阅读原文|关注|订阅)|点击上方.{0,12}(?:关注|订阅|蓝字)"
    r"|^(?:please\s+)?(?:subscribe|sign\s+up)\b.{0,80}\b(?:newsletter|mailing\s+list|updates)"
    r"|^follow\s+us\s+on\b|^share\s+(?:this|on)\b|^download\s+(?:our|the)\s+app\b",
    re.I,
)
# A QR code call is an order to the reader ("长按识别二维码", "扫码关注…"), not a sentence about one
# ("用户扫描二维码即可登录"): it opens the line, and names what to follow or join unless tiny.
QR_CODE = re.compile(
    r"^(?:请|欢迎)?(?:扫描|扫码|长按|识别|扫一扫).{0,12}二维码|^scan\b.{0,20}\bQR\b", re.I
)
QR_OBJECT = re.compile(
    r"关注|订阅|公众号|微信|下载|客户端|APP|小程序|进群|加群|好友|小助手|follow|download", re.I
)
TINY_LINE = 24  # display width
PAYWALL = re.compile(
    r"(?:购买|订阅|开通|解锁|付费|加入会员|成为会员).{0,10}(?:查看|收听|阅读|观看|解锁|获取)"
    r"(?:全部|完整|全文|剩余|更多)"
    r"|\b(?:subscribe|sign\s+up|log\s*in|become\s+a\s+(?:member|subscriber))\b.{0,30}"
    r"\b(?:continue\s+reading|read\s+the\s+(?:full|rest)|unlock)\b",
    re.I,
)
# A blog platform's line asking readers to write for it, or telling that the post takes part
# in one of its writing campaigns ("我正在参与掘金创作者签约计划招募活动").
RECRUITING = re.compile(
    r"(?:作者|创作者|写作者|撰稿人|博主).{0,12}(?:招募|签约)|(?:招募|签约).{0,12}(?:作者|创作者|撰稿人)"
    r"|欢迎投稿|投稿邮箱|报名投稿|成为.{0,10}(?:作者|撰稿人|创作者)"
    r"|(?:参与|参加)了?.{0,20}(?:更文挑战|征文|创作活动|日新计划|创作礼|招募活动)"
    r"|\b(?:write\s+for\s+us|become\s+an?\s+(?:author|contributor|writer))\b",
    re.I,
)
COPYRIGHT = re.compile(
    r"(?:未经|未获).{0,12}(?:授权|许可|同意).{0,12}(?:不得|禁止|严禁)|(?:不得|禁止|严禁).{0,10}转载"
    r"|转载请(?:注明|联系)|版权(?:归|所有)|著作权归|all rights reserved|^(?:copyright|©)\s",
    re.I,
)


class Line(NamedTuple):
    """One line of the body with the structure around it that the verdicts may use."""

    text: str
    links_only: bool = False  # everything it shows is link text: a tag row, a nav row
    beside_image: bool = False  # it holds an image, or the block next to it is one
    whole_section: bool = False  # the only block under a heading: content, whatever it says


def judge_lines(root: etree._Element, work: Work) -> None:
    layout = line_layout(root)
    blocks = layout.blocks
    lines = [block_line(blocks, index, layout) for index, (_, text) in enumerate(blocks) if text]
    elements = [el for el, text in blocks if text]
    for el, line, verdict in zip(elements, lines, line_verdicts(lines, work), strict=True):
        if verdict is not None and el.getparent() is not None:
            remove_junk(el, *verdict, work, text=line.text)


def clean_text(body: str, work: Work) -> str:
    """A plain-text body: each non-blank line is judged as a line block of an HTML body is."""
    lines = body.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    judged = [Line(" ".join(lines[index].split())) for index in filled]
    drop_at = set()
    for index, line, verdict in zip(filled, judged, line_verdicts(judged, work), strict=True):
        if verdict is not None:
            work.note(*verdict, line.text, len(lines[index]) + 1)
            drop_at.add(index)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop_at)


def line_verdicts(lines: Sequence[Line], work: Work) -> list[Verdict | None]:
    """Each line's verdict in order: anywhere by a rule or a whole-line label, at the edges by
    wording, in the runs of junk that open and close the body."""
    verdicts = [line_verdict(line, work, head=i < HEAD_LINES) for i, line in enumerate(lines)]
    if len(lines) < MIN_LINES_FOR_TAIL:
        return verdicts
    for index in edge_run(lines, verdicts, range(len(lines) - 1, 0, -1), TAIL_REACH):
        verdicts[index] = verdicts[index] or tail_verdict(lines[index], work)
    for index in edge_run(lines, verdicts, range(len(lines)), HEAD_LINES):
        verdicts[index] = verdicts[index] or head_verdict(lines[index])
    mark_related_links(lines, verdicts)
    return verdicts


def mark_related_links(lines: Sequence[Line], verdicts: list[Verdict | None]) -> None:
    """A 'related reading' label followed to the end of the body by rows of links only."""
    for index in range(len(lines) - 2, max(0, len(lines) - TAIL_REACH) - 1, -1):
        after = range(index + 1, len(lines))
        if not all(lines[i].links_only or verdicts[i] for i in after):
            return
        if RELATED_LABEL.match(lines[index].text):
            for i in (index, *after):
                verdicts[i] = verdicts[i] or (GENERIC, "related links")
            return


def edge_run(
    lines: Sequence[Line], verdicts: list[Verdict | None], order: Iterable[int], reach: int
) -> Iterable[int]:
    """Indices in the given order while they stay junk (or are only links), within reach."""
    for count, index in enumerate(order):
        if count >= reach:
            return
        yield index  # the caller judges it before the run looks at it
        if verdicts[index] is None and not passable(lines[index]):
            return


def passable(line: Line) -> bool:
    """A row of links or a short credit line: kept, and no end of the run of junk around it."""
    credit = len(line.text) <= MAX_CREDIT_LINE and CREDIT_LINE.match(line.text) is not None
    return line.links_only or credit


def line_verdict(line: Line, work: Work, *, head: bool) -> Verdict | None:
    """(rule, what) when a line is junk wherever it stands; an original-title line is lifted."""
    text = line.text
    for rule in work.rules:
        if rule.junk_text and any(pattern.search(text) for pattern in rule.junk_text):
            return rule.name, "junk paragraph"
    label = ANY_LABEL.match(text)
    if label:
        return GENERIC, LABEL_OF_GROUP[str(label.lastgroup)]
    if line.beside_image and IMAGE_CAPTION_JUNK.match(text):
        return GENERIC, "caption that only names the file or says to click"
    original = ORIGINAL_TITLE.match(text) if head else None
    if original and work.lift("original_title", original.group(1)):
        return GENERIC, "original title line"
    return None


def tail_verdict(line: Line, work: Work) -> Verdict | None:
    text = line.text
    if len(text) > MAX_TAIL_LINE:
        return None
    if END_MARK.match(text) or DIVIDER.match(text):
        return GENERIC, "end mark"
    editor = EDITOR_LINE.match(text)
    if editor and len(text) <= 40 and work.lift("editor", editor.group(1)):
        return GENERIC, "editor line"
    if AD_DISCLOSURE.match(text):
        return GENERIC, "ad disclosure"
    if COMMENT_HEADING.match(text):
        return GENERIC, "comment heading"
    if line.whole_section:
        return None
    if COPYRIGHT.search(text):
        return GENERIC, COPYRIGHT_LINE
    return promo_verdict(line)


def head_verdict(line: Line) -> Verdict | None:
    return None if line.whole_section else promo_verdict(line)


def promo_verdict(line: Line) -> Verdict | None:
    """A call to action: short, and a QR code only with its image beside it."""
    if not fits(line.text, SHORT_LINE):
        return None
    if PAYWALL.search(line.text):
        return GENERIC, "paywall call to action"
    if CALL_TO_ACTION.search(line.text):
        return GENERIC, PROMO_LINE
    if RECRUITING.search(line.text):
        return GENERIC, "author recruitment"
    if line.beside_image and is_qr_call(line.text):
        return GENERIC, "QR code promo"
    return None


def is_qr_call(text: str) -> bool:
    if QR_CODE.search(text) is None:
        return False
    return fits(text, TINY_LINE) or QR_OBJECT.search(text) is not None


def fits(text: str, width: int) -> bool:
    """display_width(text) <= width, measured only when the length leaves it open: a character
    takes one column or two."""
    return len(text) * 2 <= width or (len(text) <= width and display_width(text) <= width)


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


# ---- the lines of an HTML body ----------------------------------------------------------------


def lines_in_order(root: etree._Element) -> Iterator[str]:
    """The texts of line_layout(root).blocks, found one at a time: a caller wanting only the
    first lines (the title) does not pay for the whole body's layout."""
    for el in root.iterdescendants():
        if el.tag in LINE_TAGS and not holds_block(el) and not inside_code(el, root):
            text = " ".join(text_of(el).split())
            if text or holds(el, "img"):
                yield text


def holds_block(el: etree._Element) -> bool:
    return any(node.tag in BLOCK_TAGS for node in el.iterdescendants())


def inside_code(el: etree._Element, root: etree._Element) -> bool:
    """Whether a <pre> or <code> holds the element, up to root (root included)."""
    for node in el.iterancestors():
        if node.tag in CODE_TAGS:
            return True
        if node is root:
            return False
    return False


CODE_TAGS = ("pre", "code")


class Layout(NamedTuple):
    """The line blocks with their text, and the elements holding an image or a link. Line
    blocks: blocks holding no other block, outside code, in document order; a block showing
    only images is kept with empty text (it makes the lines beside it "beside an image")."""

    blocks: list[tuple[etree._Element, str]]
    with_image: set[etree._Element]
    with_link: set[etree._Element]


# What line_layout's one walk looks for besides the blocks: code, images and links.
MARKS = ("pre", "code", "img", "a")
LAYOUT_TAGS = BLOCK_TAGS.union(MARKS)  # made once, not at every walk


def line_layout(root: etree._Element) -> Layout:
    """One walk of the tree finds the blocks, code, images and links the lines are read from:
    a walk costs as much as what it finds, whatever it looks for."""
    blocks = []
    marked: dict[str, list[etree._Element]] = {tag: [] for tag in MARKS}
    for el in tagged(root, LAYOUT_TAGS):
        tag = el.tag
        if tag in BLOCK_TAGS:
            blocks.append((el, tag))
        if tag in marked:
            marked[tag].append(el)
    code = {node for tag in ("pre", "code") for el in marked[tag] for node in el.iter()}
    holding, with_image = ancestors(el for el, _ in blocks), ancestors(marked["img"])
    lines = []
    for el, tag in blocks:
        if tag in LINE_TAGS and el is not root and el not in holding and el not in code:
            text = " ".join(text_of(el).split())
            if text or el in with_image:
                lines.append((el, text))
    return Layout(lines, with_image, ancestors(marked["a"]))


def block_line(blocks: list[tuple[etree._Element, str]], index: int, layout: Layout) -> Line:
    el, text = blocks[index]
    image_before = index > 0 and not blocks[index - 1][1]
    image_after = index + 1 < len(blocks) and not blocks[index + 1][1]
    return Line(
        text,
        el in layout.with_link and is_links_only(el, text),
        el in layout.with_image or image_before or image_after,
        is_whole_section(el),
    )


def is_links_only(el: etree._Element, text: str) -> bool:
    linked = "".join(text_of(link) for link in el.iter("a"))
    return bool(linked.split()) and "".join(linked.split()) == "".join(text.split())


def is_whole_section(el: etree._Element) -> bool:
    """The only block under a heading, up to the next heading of the same rank or the end."""
    heading = el.getprevious()
    if heading is None or heading.tag not in HEADINGS or shows(heading.tail):
        return False
    return not shows(el.tail) and ends_section(el.getnext(), heading)
