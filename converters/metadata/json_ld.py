"""JSON-LD (schema.org) in a page: the article's own item, read into our keys.

A page holds several items (the site, breadcrumbs, the article, sometimes in an @graph); the
article's type wins, else the first item with a headline.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from lxml import etree

ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
    "techarticle", "liveblogposting", "webpage", "posting", "socialmediaposting",
    "discussionforumposting", "report", "creativework",
})  # fmt: skip
FIELDS = {
    "headline": "title", "author": "author", "creator": "author", "datePublished": "date",
    "dateCreated": "date", "dateModified": "updated", "description": "description",
    "image": "image", "thumbnailUrl": "image", "keywords": "tags", "articleSection": "categories",
    "url": "source",
}  # fmt: skip
NAMED = ("name", "url", "@id")


def article(root: etree._Element) -> dict[str, list[str]]:
    """Our key -> the values the article's item gives, people and images as their names/URLs."""
    items = list(_items(root))
    chosen = sorted(items, key=_rank)[:1]
    found: dict[str, list[str]] = {}
    for item in chosen:
        for field, key in FIELDS.items():
            values = [text for text in _texts(item.get(field)) if text]
            if values and key not in found:
                found[key] = values
    return found


def _rank(item: dict[str, object]) -> int:
    types = item.get("@type")
    names = {str(t).lower() for t in (types if isinstance(types, list) else [types])}
    if names & (ARTICLE_TYPES - {"webpage", "creativework"}):
        return 0
    return 1 if "headline" in item else 2


def _items(root: etree._Element) -> Iterator[dict[str, object]]:
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except (json.JSONDecodeError, RecursionError):
            continue
        yield from _flatten(data)


def _flatten(data: object) -> Iterator[dict[str, object]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        if isinstance(data.get("@graph"), list):
            yield from _flatten(data["@graph"])
        else:
            yield data


def _texts(value: object) -> Iterator[str]:
    """A person or image is a string, an object with a name/url, or a list of either."""
    if isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        yield from _texts(next((value[key] for key in NAMED if value.get(key)), None))
    elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
        yield str(value).strip()
