"""Loose text and <br><br> runs become paragraphs; a paragraph of images only, one per image.

Scraped CMS bodies often hold a whole article as text between <br>s in one <div>: Markdown
needs the paragraphs to be elements, and the text signals judge one paragraph at a time.
"""

from __future__ import annotations

import itertools
from typing import TypeAlias

from lxml import etree

from converters.clean.tree import BLOCK_TAGS, drop, elements, holds, shows, tagged, text_of
from converters.clean.work import Work

# Containers whose loose text and <br><br> runs become paragraphs.
FLOW_TAGS = frozenset({"div", "section", "article", "main", "blockquote", "center", "body"})

# A container's content as one flat run: its text, then each child followed by its tail.
Item: TypeAlias = "str | etree._Element"


def make_paragraphs(root: etree._Element, work: Work) -> None:
    for container in [root, *(el for el in tagged(root, FLOW_TAGS) if el is not root)]:
        if needs_paragraphs(container):
            regroup(container)
    # Fewer than two children: not two images (most paragraphs).
    for paragraph in [p for p in root.iter("p") if len(p) > 1]:
        split_image_paragraph(paragraph)


def needs_paragraphs(container: etree._Element) -> bool:
    """Loose text or inline content beside blocks (or in the body itself), or a <br><br> run:
    read in one pass over the children, the step's most frequent question."""
    loose = bool((container.text or "").strip())
    inline = has_block = br_run = False
    for child in container:
        if child.tag in BLOCK_TAGS:
            has_block = True
        elif child.tag == "br":
            br_run = br_run or is_next_br(child)
        else:
            inline = True
        loose = loose or bool((child.tail or "").strip())
    return br_run or ((loose or inline) and (has_block or container.getparent() is None))


def is_next_br(br: etree._Element) -> bool:
    after = br.getnext()
    return after is not None and after.tag == "br" and not (br.tail or "").strip()


def regroup(container: etree._Element) -> None:
    """Loose text and inline runs become <p>s, split at blocks and at two or more <br>s."""
    items: list[Item] = [container.text or ""]
    for child in list(container):
        tail, child.tail = child.tail or "", None
        container.remove(child)
        items += [child, tail]
    container.text = None
    breaks = break_runs(items)
    group: list[Item] = []
    for index, item in enumerate(items):
        if isinstance(item, str) or (item.tag not in BLOCK_TAGS and index not in breaks):
            group.append(item)
            continue
        add_paragraphs(container, group)
        group = []
        if item.tag != "br":
            container.append(item)
    add_paragraphs(container, group)


def break_runs(items: list[Item]) -> set[int]:
    """Positions of <br>s that stand next to another <br>, whitespace aside: paragraph ends."""
    brs = [index for index, item in enumerate(items) if is_br(item)]
    runs: set[int] = set()
    for first, second in itertools.pairwise(brs):
        if all(is_blank(items[k]) for k in range(first + 1, second)):
            runs.update((first, second))
    return runs


def add_paragraphs(container: etree._Element, group: list[Item]) -> None:
    """The run as one <p> (or one per image), breaks and blanks at its edges left out."""
    while group and (is_br(group[0]) or is_blank(group[0])):
        group.pop(0)
    while group and (is_br(group[-1]) or is_blank(group[-1])):
        group.pop()
    if not group:
        return
    if isinstance(group[0], str):
        group[0] = group[0].lstrip()
    if isinstance(group[-1], str):
        group[-1] = group[-1].rstrip()
    for part in split_images(group):
        paragraph = etree.Element("p")
        for item in part:
            append_item(paragraph, item)
        container.append(paragraph)


def append_item(paragraph: etree._Element, item: Item) -> None:
    if isinstance(item, etree._Element):
        paragraph.append(item)
        return
    last = paragraph[-1] if len(paragraph) else None
    if last is None:
        paragraph.text = (paragraph.text or "") + item
    else:
        last.tail = (last.tail or "") + item


def split_image_paragraph(paragraph: etree._Element) -> None:
    """A paragraph of two or more images and nothing else becomes a paragraph per image."""
    if not is_blank(paragraph.text or ""):
        return  # it opens with text (most paragraphs): no paragraph of images only
    items: list[Item] = [paragraph.text or ""]
    for child in paragraph:
        items += [child, child.tail or ""]
    parts = split_images(items)
    if len(parts) < 2:
        return
    for part in reversed(parts):
        new = etree.Element("p")
        for item in elements(part):
            item.tail = None
            new.append(item)
        paragraph.addnext(new)
    drop(paragraph)


def split_images(group: list[Item]) -> list[list[Item]]:
    """Two or more images separated only by <br>s are a paragraph each."""
    media = [item for item in group if isinstance(item, etree._Element) and not is_br(item)]
    if len(media) < 2 or not all(is_blank(i) or is_br(i) or is_image(i) for i in group):
        return [group]
    return [[item] for item in media]


def is_image(item: Item) -> bool:
    if isinstance(item, str):
        return False
    if item.tag == "img":
        return True
    return item.tag == "a" and not shows(text_of(item)) and holds(item, "img")


def is_br(item: Item) -> bool:
    return isinstance(item, etree._Element) and item.tag == "br"


def is_blank(item: Item) -> bool:
    return isinstance(item, str) and not item.strip()
