"""What a matching site rule does to the body: lift metadata, move captions, drop, unwrap, bold.

Each action runs for all matching rules at once, in the order the stage lists them: metadata is
lifted before its element could be dropped, captions move before their wrapper goes.
"""

from __future__ import annotations

import re

from lxml import etree

from converters.boilerplate_urls import is_affiliate, safe_host
from converters.boilerplate_work import GENERIC, Work, remove_junk
from converters.html_tree import (
    BLOCK_TAGS,
    drop,
    elements,
    html_size,
    shows,
    tag_size,
    text_of,
    unwrap,
)


def lift_metadata(root: etree._Element, work: Work) -> None:
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
                break


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


def move_captions(root: etree._Element, work: Work) -> None:
    for rule in work.rules:
        for selector in rule.caption:
            for caption in elements(selector(root)):
                move_caption(caption, rule.name, work)


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
    for rule in work.rules:
        for selector in rule.drop:
            for el in elements(selector(root)):
                if el.getparent() is not None:
                    remove_junk(el, rule.name, selector.text, work)


def unwrap_rule_elements(root: etree._Element, work: Work) -> None:
    for rule in work.rules:
        for selector in rule.unwrap:
            for el in elements(selector(root)):
                if el.getparent() is not None:
                    what = f"unwrap {selector.text}"
                    work.note(rule.name, what, text_of(el), tag_size(el))
                    unwrap(el)


def unwrap_links(root: etree._Element, work: Work) -> None:
    patterns = [(rule.name, p) for rule in work.rules for p in rule.unwrap_links]
    for link in list(root.iter("a")):
        href = link.get("href", "").strip()
        if not href:
            continue
        hit = next((name for name, pattern in patterns if pattern.search(href)), None)
        if hit is None and is_affiliate(href):
            if link.find(".//img") is not None:  # a product card or banner, not a keyword
                remove_junk(link, GENERIC, "affiliate card", work)
                continue
            hit = GENERIC
        if hit is not None:
            what = f"link {safe_host(href) or href[:40]}"
            work.note(hit, what, text_of(link), tag_size(link))
            unwrap(link)


def apply_bold(root: etree._Element, work: Work) -> None:
    for rule in work.rules:
        for selector in rule.bold:
            for el in elements(selector(root)):
                el.tag = "strong"
                el.attrib.clear()
