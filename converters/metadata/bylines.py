"""Who wrote it and when, as a page prints it: byline markup and the lines under the headline.

Labels are the conventions of news pages, not of one site: "作者：", "记者 …", "文/…",
"… 发表于", "By …", and last the responsible editor ("责任编辑：") whom Chinese news credit
when no writer is named.
"""

from __future__ import annotations

import re

from lxml import etree

from converters.metadata import dates
from converters.metadata.page_tree import text_of

CJK_NAME = r"[\u4e00-\u9fff·]{2,6}"
CJK_NAMES = rf"{CJK_NAME}(?:(?:[ 、，,]|\s{{2,}})+{CJK_NAME})*"
LATIN_NAME = r"[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|van|von|de|da|del|la|le))*"
# (pattern, longest line it may stand in); the writer's labels before the editor's.
AUTHOR_LINES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"(?:作者|撰文|撰稿|原作者)\s*[：:]\s*(?P<name>{CJK_NAMES}|\w[\w.-]*)"), 80),
    (re.compile(rf"(?:^|[（(\[【\s])文\s*[/／]\s*(?P<name>{CJK_NAMES})"), 80),
    (re.compile(rf"记者[\s：:]*(?P<name>{CJK_NAMES})(?=$|[\s)）\]】，,。])"), 40),
    (re.compile(rf"[（(【\[][^（()）]{{0,20}}记者[\s：:]*(?P<name>{CJK_NAMES})\s*[)）】\]]"), 400),
    (re.compile(r"^(?P<name>[\w.-]{2,30})\s+发表于"), 60),
    (re.compile(rf"^(?:By|BY|by)\s+(?P<name>{LATIN_NAME}(?:(?:,\s*|\s+and\s+){LATIN_NAME})*)"), 80),
    (re.compile(rf"(?:责任编辑|编辑)\s*[：:]\s*(?P<name>{CJK_NAMES})"), 80),
)
BYLINE_MARKUP = (
    "//*[@rel='author']",
    "//*[@itemprop='author']//*[@itemprop='name']",
    "//*[@itemprop='author']",
    "//*[contains(@class,'byline') or contains(@class,'author')][not(.//p)]"
    "[not(ancestor::form or ancestor::*[contains(@class,'comment')])]",
)
PUBLISHED_LABEL = re.compile(r"发表|发布|时间|日期|published|posted|updated", re.I)
MAX_BYLINE = 80
NEAR_HEADLINE = 12  # lines after the headline where the byline and dateline stand
URL = re.compile(r"^(?:https?:)?//|^www\.", re.I)
BY_PREFIX = re.compile(r"^(?:by|von|par|作者|文|记者)\s*[：:/]?\s+", re.I)
PADDED_CJK = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff](?:$|[\s,、]))")


def clean_author(value: str) -> str:
    """A name as written, without a "By", a URL or the spaces that pad a two-character name."""
    value = " ".join(value.split())
    if not value or URL.match(value):
        return ""
    value = BY_PREFIX.sub("", value)
    if re.fullmatch(r"[\u4e00-\u9fff](?: +[\u4e00-\u9fff])+", value) and len(value) <= 7:
        value = value.replace(" ", "")  # 赵  培: one name padded to the width of three characters
    return value


def from_markup(root: etree._Element) -> dict[str, object]:
    for xpath in BYLINE_MARKUP:
        for el in root.xpath(xpath):
            name = clean_author(text_of(el))
            if name and len(name) <= MAX_BYLINE and not URL.match(name):
                return {"author": name}
    return {}


def from_lines(lines: list[str], title: str) -> dict[str, object]:
    """A byline under the headline, else anywhere on the page; the writer before the editor."""
    for pattern, longest in AUTHOR_LINES:
        for line in _near_headline_first(lines, title):
            match = pattern.search(line) if len(line) <= longest else None
            if match:
                return {"author": clean_author(match.group("name"))}
    return {}


def date_line(lines: list[str], title: str) -> dates.Moment | None:
    """The first date printed under the headline, else the first one labelled as the time of
    publishing ("发表于", "Posted"), else the first one on the page."""
    start = headline_line(lines, title)
    near = lines[start : start + NEAR_HEADLINE] if start else []
    labelled = [line for line in lines if PUBLISHED_LABEL.search(line)]
    for line in (*near, *labelled, *lines):
        for _, moment in dates.find_dates(line):
            return moment
    return None


def _near_headline_first(lines: list[str], title: str) -> list[str]:
    start = headline_line(lines, title)
    return [*lines[start : start + NEAR_HEADLINE], *lines[:start], *lines[start + NEAR_HEADLINE :]]


def headline_line(lines: list[str], title: str) -> int:
    """Where the headline is printed: the first line holding the title, or that it holds;
    0 when it is not printed."""
    if not title:
        return 0
    for number, line in enumerate(lines):
        if (title in line and len(line) <= 2 * len(title)) or (len(line) >= 8 and line in title):
            return number
    return 0
