"""Boilerplate out: a generic pass every post gets, plus the site rules that match it.

One lxml parse per document. The steps run in a fixed order, each site-rule action for all
matching rules at once, so that a proxy is resolved before any rule looks at a URL, metadata is
lifted before its element could be dropped, and the generic text signals judge what is left.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Callable, Iterable

from lxml import etree

from converters.boilerplate_urls import (
    fix_urls,
    hosts,
    rule_resolvers,
)
from converters.boilerplate_work import GENERIC, Work, canonical_order
from converters.cover_image import choose_image, markdown_images
from converters.document import Document, Settings
from converters.html_tidy import (
    drop_empty,
    drop_repeated_captions,
    tidy_attributes,
    tidy_whitespace,
    trim_edges,
)
from converters.html_tree import (
    drop,
    html_size,
    text_of,
    text_size,
    unwrap,
)
from converters.junk_signals import MAX_JUNK_BLOCK, clean_text, drop_by_markup, judge_lines
from converters.paragraphs import make_paragraphs
from converters.rule_actions import (
    apply_bold,
    drop_rule_subtrees,
    lift_metadata,
    move_captions,
    unwrap_links,
    unwrap_rule_elements,
)
from converters.site_rules import MatchFacts, SiteRule, load_rules, matching_rules

# canonical_order was defined here before the split: it stays importable from the stage.
__all__ = ["canonical_order", "remove_boilerplate"]

NEVER_CONTENT = (
    "style", "script", "noscript", "template", "link", "meta", "form", "input", "button",
    "select", "textarea", "head", "title",
)  # fmt: skip
PAGE_CHROME = ("nav", "footer", "aside")

# The plain parser: lxml.html's element classes cost a Python call per node touched. Without
# huge_tree libxml2 silently drops a text node over 10 MB; nesting is bounded before we parse.
PARSER = etree.HTMLParser(huge_tree=True)
FULL_PAGE = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I)
XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def remove_boilerplate(doc: Document, settings: Settings) -> Document:
    rules = load_rules(settings.rule_paths) if settings.site_rules else ()
    work = Work(title=str(doc.metadata.get("title", "")), metadata=dict(doc.metadata))
    if doc.body_kind != "html":
        work.rules = matching_rules(rules, match_facts(doc, None, rules))
        body = clean_text(doc.body, work) if doc.body_kind == "text" else doc.body
        choose_image(work, markdown_images(body) if doc.body_kind == "markdown" else [])
        return work.finish(doc, body)
    root = parse(doc.body, work)
    drop_never_content(root, work)
    work.rules = matching_rules(rules, match_facts(doc, root, rules))
    for step in STEPS:
        step(root, work)
    choose_image(work, [img.get("src", "") for img in root.iter("img")])
    return work.finish(doc, inner_html(root))


# ------------------------------------------------------------------ parsing


def parse(body: str, work: Work) -> etree._Element:
    body = CONTROL_CHARS.sub("", XML_DECLARATION.sub("", body, count=1))
    if FULL_PAGE.search(body):
        page = etree.fromstring(body, PARSER)
        return etree.Element("div") if page is None else page_content(page, work)
    # No closing tags: a <plaintext> would swallow them as text.
    document = etree.fromstring(f"<html><body>{body}", PARSER)
    return adopt(document.find("body"))


def adopt(body: etree._Element | None) -> etree._Element:
    """The body's content under a <div> of its own, so that rules' //-paths see only it."""
    root = etree.Element("div")
    if body is not None:
        root.text = body.text
        root.extend(body)
    return root


def page_content(page: etree._Element, work: Work) -> etree._Element:
    """The part of a saved page that holds the article: <article>, <main> or <body>."""
    body = page.find("body")
    if body is None:
        return etree.Element("div")
    for chrome in [el for tag in PAGE_CHROME for el in body.iter(tag)]:
        if chrome.getparent() is not None:
            work.note(GENERIC, f"page {chrome.tag}", text_of(chrome), html_size(chrome))
            drop(chrome)
    found = next((el for tag in ("article", "main") for el in body.iter(tag)), body)
    # A copy owns its tree, so the rules' //-paths cannot reach the rest of the page.
    return copy.deepcopy(found)


def inner_html(root: etree._Element) -> str:
    head = html.escape(root.text, quote=False) if root.text else ""
    return head + "".join(
        etree.tostring(child, method="html", encoding="unicode") for child in root
    )


# ----------------------------------------------------------------- matching


def match_facts(
    doc: Document, root: etree._Element | None, rules: Iterable[SiteRule]
) -> MatchFacts:
    fields = {**doc.metadata, **doc.front_matter}
    resolvers = rule_resolvers(rules)
    own = ("link", "url", "source", "permalink", "canonical", "original_url")
    urls = tuple(str(fields[key]) for key in own if isinstance(fields.get(key), str))
    if root is None:
        return MatchFacts(fields, urls, frozenset(), frozenset(), None)
    return MatchFacts(
        fields,
        urls,
        hosts(root.xpath("//img/@src"), resolvers),
        hosts(root.xpath("//a/@href"), resolvers),
        root,
    )


# ------------------------------------------------------------------- steps


def drop_never_content(root: etree._Element, work: Work) -> None:
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction, *NEVER_CONTENT)):
        if node.getparent() is None:
            continue
        if not isinstance(node.tag, str):
            kind = "comment" if node.tag is etree.Comment else "instruction"
            work.note(GENERIC, kind, node.text, html_size(node))
        elif node.tag == "form" and text_size(node) > MAX_JUNK_BLOCK:
            unwrap(node)  # some CMSs wrap the whole page in one <form>
            continue
        else:
            text = node.text if node.tag in ("style", "script") else None
            work.note(GENERIC, node.tag, text, html_size(node))
        drop(node)


def rename_obsolete(root: etree._Element, work: Work) -> None:
    """<plaintext>, <listing> and <xmp> read their content raw but serialize it escaped; as
    <pre> the text survives the trip through our HTML string."""
    for el in root.iter("plaintext", "listing", "xmp"):
        el.tag = "pre"


STEPS: tuple[Callable[[etree._Element, Work], None], ...] = (
    rename_obsolete,
    fix_urls,
    lift_metadata,
    move_captions,
    drop_rule_subtrees,
    unwrap_rule_elements,
    unwrap_links,
    apply_bold,
    drop_by_markup,
    make_paragraphs,
    drop_repeated_captions,
    judge_lines,
    tidy_attributes,
    drop_empty,
    trim_edges,
    tidy_whitespace,
)
