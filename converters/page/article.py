"""A whole saved page -> the article's HTML: the page parsed, the subtree chosen, the rest
left out (and counted as removed)."""

from __future__ import annotations

import html
import itertools

from lxml import etree

from converters.document import Document, Removal
from converters.metadata.page_tree import parse_page, text_of
from converters.page import front, links
from converters.page.find_article import PAGE
from converters.page.pruning import drop_never_shown, prune, unlikely
from converters.page.scoring import Scores, best, measure, ranked, score, weighted_length

SIBLING_SHARE = 0.2  # of the best score, that a sibling block needs to join the article
MIN_SIBLING_SCORE = 10
TOP_CANDIDATES = 5
RIVAL_SHARE = 0.5  # of the best score, that a section elsewhere needs to pull the article up
LONG_PARAGRAPH = 80
MIN_ARTICLE = 500  # weighted characters; shorter, the search is redone without class words
MAX_FRAMES_NAMED = 4


def narrow_to_article(doc: Document, base: str) -> Document:
    """The page's article, its links resolved against the page's base (or the given one)."""
    root = parse_page(doc.body)
    if root is None:
        return doc.evolve(body="")
    page_base = links.page_base(root, base)
    body = root.find("body")
    body = root if body is None else body
    page_size = weighted_length(text_of(body))
    drop_never_shown(body)
    article = article_of(body)
    removed = front.trim(article, doc.metadata)
    links.resolve(article, page_base)
    kept = weighted_length(text_of(article))
    left_out = Removal(PAGE, "outside the article", "", max(0, page_size - kept))
    return doc.evolve(
        body=inner_html(article),
        removed=(*doc.removed, left_out, *removed),
        warnings=(*doc.warnings, *_nothing_found(root, article, kept)),
    )


def _nothing_found(root: etree._Element, article: etree._Element, kept: int) -> tuple[str, ...]:
    """A page that yields no text says why, so an empty post is not taken for a converted one:
    a frameset's text is in its frames' own files."""
    if kept or article.find(".//img") is not None:
        return ()
    frames = [src for src in root.xpath("//frame/@src | //iframe/@src") if str(src).strip()]
    if root.find(".//frameset") is not None:
        listed = ", ".join(str(src) for src in frames[:MAX_FRAMES_NAMED]) or "none named"
        return (f"a frameset page: its text is in the frames' own files ({listed})",)
    return ("no article text found on the page",)


def article_of(body: etree._Element) -> etree._Element:
    """The article as a new <div>; strict first (chrome skipped, class words count), and
    lenient when that finds too little."""
    measures = measure(body)
    chrome = unlikely(body, measures)
    scored = score(body, measures, skip=chrome)
    chosen = _chosen(body, scored)
    if _size(chosen) < MIN_ARTICLE:
        lenient = score(body, measures, use_classes=False)
        again = _chosen(body, lenient)
        if _size(again) > _size(chosen):
            chosen, scored, chrome = again, lenient, set()
    if chosen == [body]:
        article = body
    else:
        article = etree.Element("div")
        article.extend(chosen)  # moved: the page tree is ours and thrown away after this
    prune(article, scored, chrome)
    return article


def _size(chosen: list[etree._Element]) -> int:
    return sum(weighted_length(text_of(el)) for el in chosen)


def _chosen(body: etree._Element, scored: Scores) -> list[etree._Element]:
    """The best candidate and the siblings that continue it, in page order."""
    top = best(scored)
    top = None if top is None else _common_ancestor(top, scored, body)
    parent = None if top is None else top.getparent()
    if top is None or parent is None or top is body:
        return [body]
    threshold = max(MIN_SIBLING_SCORE, scored.final(top) * SIBLING_SHARE)
    return [
        sibling
        for sibling in parent
        if sibling is top or _continues(sibling, top, scored, threshold)
    ]


def _common_ancestor(top: etree._Element, scored: Scores, body: etree._Element) -> etree._Element:
    """An article split into sections that each score nearly as well (a chunk per ad slot), or
    into sections of one template: the nearest ancestor holding the top one and a rival is
    the article. Rivals are the best candidates outside the top one and its ancestors."""
    unrelated = (el for el in ranked(scored)[1:] if not _related(el, top))
    rivals = [
        el
        for el in itertools.islice(unrelated, TOP_CANDIDATES)
        if scored.final(el) >= _rival_share(el, top) * scored.final(top)
        and _size([el]) >= MIN_ARTICLE  # a section, not a line whose class words score it
    ]
    for rival in rivals:
        for ancestor in top.iterancestors():
            if ancestor is body or ancestor.tag == "html":
                break
            if _contains(ancestor, rival):
                return ancestor
    return top


def _rival_share(el: etree._Element, top: etree._Element) -> float:
    """A section built like the top one (the same class: one template per section of a long
    feature) continues the article at a smaller share than a block of another kind."""
    same_kind = el.tag == top.tag and bool(top.get("class")) and el.get("class") == top.get("class")
    return SIBLING_SHARE if same_kind else RIVAL_SHARE


def _related(a: etree._Element, b: etree._Element) -> bool:
    return _contains(a, b) or _contains(b, a)


def _contains(outer: etree._Element, inner: etree._Element) -> bool:
    return any(ancestor is outer for ancestor in inner.iterancestors())


def _continues(
    sibling: etree._Element, top: etree._Element, scored: Scores, threshold: float
) -> bool:
    if not isinstance(sibling.tag, str):
        return False
    bonus = scored.final(top) * SIBLING_SHARE if sibling.get("class") == top.get("class") else 0
    if sibling.get("class") and scored.final(sibling) + bonus >= threshold:
        return True
    if scored.final(sibling) >= threshold:
        return True
    if sibling.tag != "p":
        return False
    measure = scored.measures.get(sibling)
    length = measure.length if measure else 0
    density = scored.link_density(sibling)
    if length > LONG_PARAGRAPH:
        return density < 0.25
    return length > 0 and density == 0 and text_of(sibling).rstrip().endswith((".", "。"))


def inner_html(root: etree._Element) -> str:
    head = html.escape(root.text, quote=False) if root.text else ""
    return head + "".join(
        etree.tostring(child, method="html", encoding="unicode", with_tail=True) for child in root
    )
