"""Boilerplate out: a generic pass every post gets, plus the site rules that match it.

One lxml parse per document. The steps run in a fixed order, each site-rule action for all
matching rules at once, so that a proxy is resolved before any rule looks at a URL, metadata is
lifted before its element could be dropped, and the generic text signals judge what is left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

from converters.clean.cover_image import choose_image, markdown_images
from converters.clean.fragment import drop_never_content, inner_html, parse, rename_obsolete
from converters.clean.junk_signals import drop_by_markup, drop_comment_section
from converters.clean.layout_tables import unwrap_layout_tables
from converters.clean.line_signals import clean_text, judge_lines, lines_in_order
from converters.clean.paragraphs import make_paragraphs
from converters.clean.promo import drop_promo_banners
from converters.clean.prose import prose_blocks
from converters.clean.rule_actions import (
    apply_bold,
    drop_rule_subtrees,
    lift_metadata,
    move_captions,
    unwrap_links,
    unwrap_rule_elements,
)
from converters.clean.site_rules import MatchFacts, SiteRule, load_rules, matching_rules
from converters.clean.tidy import (
    drop_empty,
    drop_repeated_captions,
    settle_given,
    tidy_attributes,
    tidy_inline,
    tidy_whitespace,
    trim_edges,
)
from converters.clean.title import settle_title
from converters.clean.urls import fix_urls, hosts, rule_resolvers
from converters.clean.work import Work
from converters.document import Document, ParsedBody, Settings
from converters.page.find_article import PAGE


def remove_boilerplate(doc: Document, settings: Settings) -> Document:
    """The cleaned body in doc.html, values found in it lifted into doc.metadata, removals noted."""
    rules = load_rules(settings.rule_paths) if settings.site_rules else ()
    work = Work(title=str(doc.metadata.get("title", "")), metadata=dict(doc.metadata))
    if doc.body_kind != "html":
        facts = match_facts(doc, None, rules)
        if doc.body_kind == "markdown":
            facts = by_source_only(facts)
        work.rules = matching_rules(rules, facts)
        body = clean_text(doc.body, work) if doc.body_kind == "text" else doc.body
        if doc.body_kind == "text":
            settle_title(work, lambda: body.split("\n"), written=has_title(doc))
        choose_image(work, markdown_images(body) if doc.body_kind == "markdown" else [])
        return work.finish(doc, body)
    root = parse(doc.body, work)
    work.prose = prose_blocks(root)
    drop_never_content(root, work)
    work.rules = matching_rules(rules, match_facts(doc, root, rules))
    work.given = not shows_scraping(doc, work)
    for step in STEPS:
        step(root, work)
    settle_title(work, lambda: lines_in_order(root), written=has_title(doc))
    choose_image(work, [img.get("src", "") for img in root.iter("img")])
    html = inner_html(root)  # the tree goes on too: the later stages need not parse it again
    return work.finish(doc, html, ParsedBody(html, root))


def shows_scraping(doc: Document, work: Work) -> bool:
    """A post's front matter (what the scrapers we serve write), a whole page cut down to its
    article, or a site rule that knows the source: the body's edges are where it was cut."""
    cut_from_page = any(removal.rule == PAGE for removal in doc.removed)
    return doc.front_format is not None or cut_from_page or bool(work.rules)


def has_title(doc: Document) -> bool:
    """The input gave a title, even a blank one; a post without one does not get one here."""
    return "title" in doc.front_matter or "title" in doc.metadata


# Compiled once (root.xpath(text) compiles per call), as plain strings, without the EXSLT
# regex functions that would be registered on every call.
IMAGE_SOURCES = etree.XPath("//img/@src", regexp=False, smart_strings=False)
LINK_TARGETS = etree.XPath("//a/@href", regexp=False, smart_strings=False)


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
        hosts(IMAGE_SOURCES(root), resolvers),
        hosts(LINK_TARGETS(root), resolvers),
        root,
    )


def by_source_only(facts: MatchFacts) -> MatchFacts:
    """What recognizes a Markdown body as scraped (and so its junk as junk): the post's own URL,
    where it came from. Not front-matter fields: a `thumbnail` or `headimg` URL is what blog
    themes (Icarus, Volantis) ask their authors to write, as the RSS-to-Hexo generator does."""
    return MatchFacts({}, facts.urls, facts.image_hosts, facts.link_hosts, facts.root)


STEPS: tuple[Callable[[etree._Element, Work], None], ...] = (
    rename_obsolete,
    fix_urls,
    lift_metadata,
    move_captions,
    drop_rule_subtrees,
    unwrap_rule_elements,
    drop_promo_banners,
    unwrap_links,
    apply_bold,
    drop_comment_section,
    drop_by_markup,
    unwrap_layout_tables,
    make_paragraphs,
    drop_repeated_captions,
    judge_lines,
    tidy_attributes,
    settle_given,
    drop_empty,
    tidy_inline,
    trim_edges,
    tidy_whitespace,
)
