"""What a matching site rule does to the body: lift metadata, move captions, drop, unwrap, bold.

Each action runs for all matching rules at once, in the order the stage lists them: metadata is
lifted before its element could be dropped, captions move before their wrapper goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from lxml import etree

from converters.clean.keyword_links import is_keyword_link
from converters.clean.site_rules import Selector, SiteRule
from converters.clean.tree import (
    BLOCK_TAGS,
    drop,
    elements,
    html_size,
    shows,
    text_of,
    unwrap,
)
from converters.clean.urls import AFFILIATE_HOST, SHOP_HOST, safe_host
from converters.clean.work import GENERIC, Work, remove_junk

# A link whose whole text names a shop, with a price or a note: "天猫(29元)", "京东自营".
SHOP_LABEL = re.compile(
    r"^(?:天猫|京东|淘宝|拼多多|苏宁|当当|亚马逊|唯品会|有赞)(?:自营|旗舰店|超市|商城)?"
    r"\s*(?:[（(][^)）]{0,16}[)）])?$"
)


def lift_metadata(root: etree._Element, work: Work) -> None:
    """Front-matter values found in the body; the element holding one goes unless kept."""
    for rule in work.rules:
        for lift in rule.metadata:
            for found in lift.selector(root):
                value = lifted_value(found, lift.pattern)
                if value is None or not work.lift(lift.key, value):
                    continue
                owner = owner_of(found)
                if not lift.keep and owner is not None and owner.getparent() is not None:
                    what = f"metadata.{lift.key}"
                    work.note(rule.name, what, text_of(owner), html_size(owner))
                    drop(owner)
                break  # one value per lift: the first that matches


def lifted_value(found: object, pattern: re.Pattern[str] | None) -> str | None:
    text = text_of(found) if isinstance(found, etree._Element) else str(found)
    text = " ".join(text.split())
    if pattern is not None:
        hit = pattern.search(text)
        if hit is None:
            return None
        text = (hit.group(1) if pattern.groups else hit.group(0)).strip()
    return text or None


def owner_of(found: object) -> etree._Element | None:
    if isinstance(found, etree._Element):
        return found
    is_attribute = getattr(found, "is_attribute", False)
    if is_attribute or getattr(found, "is_text", False):
        parent: etree._Element | None = found.getparent()  # type: ignore[attr-defined]
        return parent
    return None


def selected(
    root: etree._Element,
    rules: Iterable[SiteRule],
    action: Callable[[SiteRule], Iterable[Selector]],
) -> Iterator[tuple[str, Selector, etree._Element]]:
    """(rule name, XPath, element) for every element an action's XPaths select, rule by rule.

    Each XPath runs only when its turn comes, so it sees what the earlier ones left.
    """
    for rule in rules:
        for selector in action(rule):
            for el in elements(selector(root)):
                yield rule.name, selector, el


def move_captions(root: etree._Element, work: Work) -> None:
    for rule, _, caption in selected(root, work.rules, lambda rule: rule.caption):
        move_caption(caption, rule, work)


def move_caption(caption: etree._Element, rule: str, work: Work) -> None:
    """A caption becomes the paragraph after its image's block; an empty one just goes."""
    if not shows(text_of(caption)):
        work.note(rule, "empty caption", size=html_size(caption))
        drop(caption)
        return
    anchor = caption
    while (parent := anchor.getparent()) is not None and parent.getparent() is not None:
        anchor = parent
        if anchor.tag in BLOCK_TAGS:
            break
    paragraph = etree.Element("p")
    paragraph.text = caption.text
    for child in list(caption):
        paragraph.append(child)
    caption.text = None
    anchor.addnext(paragraph)
    paragraph.tail, anchor.tail = anchor.tail, None
    drop(caption)


def drop_rule_subtrees(root: etree._Element, work: Work) -> None:
    for rule, selector, el in selected(root, work.rules, lambda rule: rule.drop):
        if el.getparent() is not None:  # an earlier XPath took it with an ancestor
            remove_junk(el, rule, selector.text, work)


def unwrap_rule_elements(root: etree._Element, work: Work) -> None:
    for rule, selector, el in selected(root, work.rules, lambda rule: rule.unwrap):
        if el.getparent() is not None:
            excerpt = text_of(el)
            work.note(rule, f"unwrap {selector.text}", excerpt, unwrap(el))


def unwrap_links(root: etree._Element, work: Work) -> None:
    """Links a rule names, affiliate, shop and keyword auto-links keep their text (their banners
    went before)."""
    patterns = [(rule.name, p) for rule in work.rules for p in rule.unwrap_links]
    for link in list(root.iter("a")):
        href = link.get("href", "").strip()
        if not href:
            continue
        hit = next((name for name, pattern in patterns if pattern.search(href)), None)
        if hit or sells(link, href) or is_keyword_link(link, href):
            what = f"link {safe_host(href) or href[:40]}"
            excerpt = text_of(link)
            work.note(hit or GENERIC, what, excerpt, unwrap(link))


def sells(link: etree._Element, href: str) -> bool:
    """An affiliate or shop link, known by its host or by a text that names a shop."""
    host = safe_host(href)
    if AFFILIATE_HOST.search(host) or SHOP_HOST.search(host):  # is_affiliate, is_shop
        return True
    return SHOP_LABEL.match(" ".join(text_of(link).split())) is not None


def apply_bold(root: etree._Element, work: Work) -> None:
    for _, _, el in selected(root, work.rules, lambda rule: rule.bold):
        el.tag = "strong"
        el.attrib.clear()
