"""Where the article is: every block of prose scores its ancestors; the best ancestor wins.

A block's score grows with its text and its commas (full-width ones too), and is handed up to
five ancestors, less at each level (the scheme of Arc90's Readability). A candidate's class and
id words, its tag and the page's own hints (<article>, itemprop=articleBody) raise or lower it;
its link density scales it down, so a list of teaser cards or a menu never wins on text alone.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from lxml import etree

# Class and id words, English and the pinyin or Chinese that Chinese sites use.
POSITIVE = re.compile(
    r" (?:article|body|content|entry|hentry|main|page|post|text|blog|story|detail"
    r"|artibody|zhengwen|neirong|wenzhang)|正文|内容|文章"
)
NEGATIVE = re.compile(
    r" (?:ad|ads|hidden|hid|banner|combx|comment|contact|foot|gdpr|masthead|media|meta"
    r"|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags?"
    r"|tool|widget|recommend|teaser|popular|trending|most|newsletter|subscribe|login|signup"
    r"|reply|replies|pinglun|xiangguan|tuijian|rank|paihang)(?![a-z])"
    r"|评论|相关|推荐|热门|排行"
)
WORD_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^\x00-\x7f]+")
CLASS_WEIGHT = 25
TAG_SCORES = {
    "div": 5, "article": 10, "main": 5, "section": 3, "td": 3, "pre": 3, "blockquote": 3,
    "form": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "address": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}  # fmt: skip
ARTICLE_BODY_BONUS = 50
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "fieldset",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
PROSE_HOLDERS = frozenset({"p", "pre", "td", "blockquote", "div", "section", "article", "font",
                           "center", "span", "dd", "li", "main", "body", "text"})  # fmt: skip
CONTAINERS = frozenset({"div", "td", "section", "article", "main", "body", "text", "dd"})
MIN_PROSE = 25  # weighted characters a block needs to count as prose
COMMAS = re.compile(r"[,，、；;。]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
ANCESTOR_LEVELS = 5


@dataclass
class Measure:
    """One element's text: its length (a CJK character weighs two), link text, commas."""

    length: int = 0
    link_length: int = 0
    commas: int = 0
    own_length: int = 0  # not counting the text of block children
    own_commas: int = 0


@dataclass
class Scores:
    measures: dict[etree._Element, Measure] = field(default_factory=dict)
    scores: dict[etree._Element, float] = field(default_factory=dict)

    def link_density(self, el: etree._Element) -> float:
        measure = self.measures.get(el)
        return measure.link_length / measure.length if measure and measure.length else 0.0

    def final(self, el: etree._Element) -> float:
        return self.scores.get(el, 0.0) * (1 - self.link_density(el))


def weighted_length(text: str) -> int:
    return len(text) + len(CJK.findall(text))


def measure(root: etree._Element) -> dict[etree._Element, Measure]:
    measures: dict[etree._Element, Measure] = {}
    _measure(root, measures, in_link=False)
    return measures


def _measure(el: etree._Element, measures: dict[etree._Element, Measure], in_link: bool) -> None:
    in_link = in_link or el.tag == "a"
    texts = [el.text or "", *(child.tail or "" for child in el)]
    own = " ".join(" ".join(texts).split())
    total = Measure(weighted_length(own), 0, len(COMMAS.findall(own)))
    total.own_length, total.own_commas = total.length, total.commas
    for child in el:
        if not isinstance(child.tag, str):
            continue
        _measure(child, measures, in_link)
        sub = measures[child]
        total.length += sub.length
        total.link_length += sub.link_length
        total.commas += sub.commas
        if child.tag not in BLOCKS:
            total.own_length += sub.length
            total.own_commas += sub.commas
    if in_link:
        total.link_length = total.length
    measures[el] = total


def score(
    root: etree._Element,
    measures: dict[etree._Element, Measure],
    *,
    use_classes: bool = True,
    skip: Collection[etree._Element] = (),
) -> Scores:
    """Each candidate's score; prose inside `skip` (the page's chrome) counts for nothing."""
    result = Scores(measures)
    for el, prose in _prose_blocks(result.measures):
        if el in skip:
            continue
        for level, ancestor in enumerate(_ancestors(el)):
            if ancestor not in result.scores:
                result.scores[ancestor] = _initial(ancestor, use_classes)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            result.scores[ancestor] += prose / divider
    return result


def _prose_blocks(
    measures: dict[etree._Element, Measure],
) -> Iterator[tuple[etree._Element, float]]:
    for el, m in measures.items():
        if el.tag in PROSE_HOLDERS and m.own_length >= MIN_PROSE:
            yield el, 1 + m.own_commas + min(m.own_length / 100, 3)


def _ancestors(el: etree._Element) -> Iterator[etree._Element]:
    """A container holding prose itself (a <td> of <br>-separated text) is a candidate; a
    paragraph is not, its parents are."""
    chain = [el] if el.tag in CONTAINERS else []
    chain += [a for a in el.iterancestors() if a.tag != "html"]
    yield from chain[:ANCESTOR_LEVELS]


def _initial(el: etree._Element, use_classes: bool) -> float:
    value = float(TAG_SCORES.get(el.tag, 0))
    if el.get("itemprop") == "articleBody":
        value += ARTICLE_BODY_BONUS
    if use_classes:
        value += class_weight(el)
    return value


def class_weight(el: etree._Element) -> int:
    weight = 0
    for name in (el.get("class"), el.get("id")):
        if name and "/" not in name:  # an id that is a URL (a crawler's wrapper) says nothing
            words = class_words(name)
            weight -= CLASS_WEIGHT if NEGATIVE.search(words) else 0
            weight += CLASS_WEIGHT if POSITIVE.search(words) else 0
    return weight


def class_words(name: str) -> str:
    """ "PageBuilder-pageRow" -> " page builder page row": a word is matched from its start."""
    return " " + " ".join(part.lower() for part in WORD_PARTS.findall(name))


def ranked(scored: Scores) -> list[etree._Element]:
    return sorted(scored.scores, key=scored.final, reverse=True)


def best(scored: Scores) -> etree._Element | None:
    order = ranked(scored)
    return order[0] if order else None
