"""What never is the article (hidden, scripts, page chrome) and what inside it is not prose.

``unlikely`` marks the page's menus, sidebars, comment threads and footers by tag, role and
class words, so no prose inside them is scored; ``prune`` then takes out of the chosen
article the lists, tables and boxes that look like links, forms or galleries rather than text
(Readability's conditional cleaning, with widths measured for CJK text too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from lxml import etree

from converters.page.scoring import Measure, Scores, class_weight, class_words

NEVER_SHOWN = (
    "script", "style", "noscript", "template", "link", "meta", "head", "title", "button",
    "select", "textarea", "input", "svg", "iframe", "object", "embed", "canvas",
)  # fmt: skip
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
CHROME_TAGS = frozenset({"nav", "aside", "footer", "header"})
CHROME_ROLES = frozenset({
    "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
    "banner", "contentinfo", "search",
})  # fmt: skip
UNLIKELY = re.compile(
    r" (?:ad|ai2html|banner|breadcrumbs?|combx|comments?|community|disqus|extra|footer|gdpr"
    r"|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social"
    r"|sponsor|supplemental|agegate|pagination|pager|popup|popular|trending|newsletter"
    r"|recommend|outbrain|taboola|teaser|pinglun|xiangguan|tuijian|daohang)(?![a-z])"
    r"|评论|相关|推荐|导航"
)
MAYBE = re.compile(r" (?:and|article|body|column|content|main|shadow|zhengwen)(?![a-z])|正文")
MOST_OF_THE_PAGE = 0.5  # share of the page's text that chrome never holds
PRUNED = ("form", "table", "ul", "ol", "dl", "div", "section", "aside", "figure", "center")
FEW_COMMAS = 10
LIST_ITEM_ALLOWANCE = 100


def drop_never_shown(root: etree._Element) -> None:
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction, *NEVER_SHOWN)):
        _remove(node)
    for el in list(root.iter(etree.Element)):
        if el.get("hidden") is not None or HIDDEN_STYLE.search(el.get("style") or ""):
            _remove(el)


def unlikely(
    root: etree._Element, measures: Mapping[etree._Element, Measure]
) -> set[etree._Element]:
    """Every element inside page chrome: menus, sidebars, comments, footers; a wrapper that
    holds most of the page is not chrome whatever its class says."""
    page = measures[root].length or 1
    marked: set[etree._Element] = set()
    for el in root.iter(etree.Element):
        if el in marked or el.tag in ("body", "html", "article", "main", "a"):
            continue
        if _is_chrome(el) and measures[el].length < MOST_OF_THE_PAGE * page:
            marked.update(el.iter())
    return marked


def _is_chrome(el: etree._Element) -> bool:
    if el.tag in CHROME_TAGS or el.get("role") in CHROME_ROLES:
        return True
    words = class_words(f"{el.get('class', '')} {el.get('id', '')}")
    return bool(UNLIKELY.search(words)) and not MAYBE.search(words)


def prune(article: etree._Element, scored: Scores, chrome: set[etree._Element]) -> int:
    """Take out what is not prose; how many blocks went."""
    dropped = 0
    for el in list(_innermost_first(article)):
        if el.getparent() is not None and (el in chrome or _not_prose(el, scored)):
            _remove(el)
            dropped += 1
    return dropped


def _innermost_first(article: etree._Element) -> Iterator[etree._Element]:
    found: list[etree._Element] = [el for el in article.iter(*PRUNED) if el is not article]
    return iter(found[::-1])


def _not_prose(el: etree._Element, scored: Scores) -> bool:
    weight = class_weight(el)
    if weight < 0 and weight + scored.scores.get(el, 0.0) < 0:
        return True  # a class word says not content, and little prose says otherwise
    measure = scored.measures.get(el)
    if measure is None or measure.commas >= FEW_COMMAS:
        return False
    return _looks_like_links_or_media(el, weight, measure.length, scored.link_density(el))


def _looks_like_links_or_media(el: etree._Element, weight: int, length: int, links: float) -> bool:
    paragraphs = len(el.findall(".//p"))
    images = len(el.findall(".//img"))
    items = len(el.findall(".//li")) - LIST_ITEM_ALLOWANCE
    inputs = len(el.findall(".//input"))
    in_figure = el.tag == "figure" or any(a.tag == "figure" for a in el.iterancestors())
    return (
        (images > 1 and paragraphs / images < 0.5 and not in_figure)
        or (el.tag not in ("ul", "ol") and items > paragraphs)
        or inputs > paragraphs / 3
        or (length < MIN_LENGTH and (images == 0 or images > 2) and not in_figure)
        or (weight < 25 and links > 0.2)
        or (weight >= 25 and links > 0.5)
    )


MIN_LENGTH = 25


def _remove(node: etree._Element) -> None:
    """Take a node out, keeping the text that followed it."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)
