"""Links that sell: shop and affiliate banners go with the lines that point at them.

A banner is an image linked to a shop or an affiliate redirect. The short lines right before it
that point at it ("点击封面，购入…", "▼") go with it; and when it closes the body, so does the
short promo section it ends, back to the rule that sets it apart. Text links that sell keep
their text and lose their target (rule_actions.unwrap_links).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from converters.clean.line_signals import DIVIDER, display_width
from converters.clean.tree import drop, holds, nothing_after, shows, text_of
from converters.clean.urls import is_affiliate, is_shop
from converters.clean.work import GENERIC, Work, remove_junk

SHORT_PROMO_LINE = 40  # display width: a slogan or a pointer, not a sentence of the article
POINTER = re.compile(r"^[\s▼▽↓⬇👇⤵→➡︎]+$|点击|点此|戳|扫码|长按|\b(?:click|tap)\b", re.I)


def drop_promo_banners(root: etree._Element, work: Work) -> None:
    for link in list(root.iter("a")):
        href = link.get("href", "").strip()
        if link.getparent() is None or not holds(link, "img"):
            continue
        what = "affiliate card" if is_affiliate(href) else "shop banner" if is_shop(href) else None
        if what is not None:
            drop_banner(link, what, work)


def drop_banner(link: etree._Element, what: str, work: Work) -> None:
    block = outermost_wrapper(link)
    closing = nothing_after(block)
    pointers = lines_before(block, lambda text: POINTER.search(text) is not None)
    section = lines_before(block, lambda _: True) if closing else []
    separator = (section[-1] if section else block).getprevious() if closing else None
    remove_junk(block, GENERIC, what, work)
    for line in pointers:
        remove_junk(line, GENERIC, "pointer to a banner", work)
    if separator is not None and is_separator(separator):
        for line in section[len(pointers) :]:
            remove_junk(line, GENERIC, "promo section", work)
        work.note(GENERIC, "rule before a promo section", text_of(separator))
        drop(separator)


def outermost_wrapper(el: etree._Element) -> etree._Element:
    """The element, or the outermost ancestor holding nothing else (no text, no other child)."""
    while True:
        parent = el.getparent()
        if parent is None or parent.getparent() is None or len(parent) != 1:
            return el
        if shows(parent.text) or shows(el.tail):
            return el
        el = parent


def lines_before(block: etree._Element, wanted: Callable[[str], bool]) -> list[etree._Element]:
    """The short lines right before a block, nearest first, while `wanted(text)` holds."""
    found: list[etree._Element] = []
    line = block.getprevious()
    while line is not None and not shows(line.tail) and not holds(line, "img"):
        text = " ".join(text_of(line).split())
        if line.tag == "hr" or not text or display_width(text) > SHORT_PROMO_LINE:
            break
        if not wanted(text):
            break
        found.append(line)
        line = line.getprevious()
    return found


def is_separator(el: etree._Element) -> bool:
    if el.tag == "hr":
        return True
    text = text_of(el).strip()
    return bool(text) and DIVIDER.match(text) is not None and not holds(el, "img")
