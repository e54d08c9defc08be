"""The record one document's cleaning keeps (Work), and the removal every junk verdict ends in."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from converters.clean.site_rules import SiteRule
from converters.clean.tree import HEADINGS, drop, ends_section, html_size, shows, text_of
from converters.document import Document, ParsedBody, Removal
from converters.metadata.extract_metadata import canonical_order

GENERIC = "generic"  # the rule name on what the generic pass removes


@dataclass
class Work:
    """What one document's cleaning has found so far."""

    title: str
    metadata: dict[str, object]
    rules: tuple[SiteRule, ...] = ()
    removed: list[Removal] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)
    prose: tuple[str, ...] = ()  # the body's prose blocks before any removal
    warnings: list[str] = field(default_factory=list)
    junk_images: set[str] = field(default_factory=set)
    lifted: set[str] = field(default_factory=set)
    # No sign of scraping around the body and no junk found in it: its author's as it is
    given: bool = False

    def note(self, rule: str, what: str, text: str | None = "", size: int = 0) -> None:
        self.removed.append(Removal(rule, what, excerpt(text), size))
        if text:
            self.set_aside.append(text)

    def lift(self, key: str, value: str) -> bool:
        """Set a front-matter value; False when an earlier rule already set a different one."""
        if key == "original_title":
            if same_title(value, self.title):
                return True
        elif key in self.lifted:
            return self.metadata.get(key) == value
        self.metadata[key] = value
        self.lifted.add(key)
        return True

    def finish(self, doc: Document, body: str, parsed: ParsedBody | None = None) -> Document:
        return doc.evolve(
            html=body,
            parsed=parsed,
            metadata=canonical_order(self.metadata),
            site_rules=tuple(rule.name for rule in self.rules),
            removed=(*doc.removed, *self.removed),
            prose=self.prose,
            set_aside=(*doc.set_aside, *self.set_aside),
            warnings=(*doc.warnings, *self.warnings),
        )


def remove_junk(el: etree._Element, rule: str, what: str, work: Work, text: str = "") -> None:
    """Drop a block, remember its images as junk, and a heading its removal left empty."""
    for img in el.iter("img"):
        work.junk_images.add(img.get("src", "").strip())
    before = el.getprevious()
    work.note(rule, what, text or text_of(el), html_size(el))
    drop(el)
    if before is not None and before.tag in HEADINGS and section_is_empty(before):
        work.note(rule, "heading of an emptied section", text_of(before), html_size(before))
        drop(before)


def section_is_empty(heading: etree._Element) -> bool:
    return not shows(heading.tail) and ends_section(heading.getnext(), heading)


def excerpt(text: str | None) -> str:
    return " ".join((text or "").split())[:60]


def same_title(a: str, b: str) -> bool:
    return title_key(a) == title_key(b)


def title_key(text: str) -> str:
    # The generator writes titles with : / \ ? * < > | [ ] and curly quotes turned into _.
    text = unicodedata.normalize("NFKC", text)
    return "".join(re.sub(r"[:/\\?*<>|\[\]“”\"'_]", "", text).split())
