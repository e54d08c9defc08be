"""Metadata of a post that has no front matter: a saved page or an HTML fragment."""

from __future__ import annotations

import json
from collections.abc import Iterable

import lxml.html
from lxml import etree

# (front-matter key, XPaths in order of trust); the first non-empty value wins.
META_XPATHS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", (
        "//meta[@property='og:title']/@content",
        "//meta[@name='twitter:title']/@content",
        "//title/text()",
        "//h1",
    )),
    ("author", (
        "//meta[@name='author']/@content",
        "//meta[@property='article:author']/@content",
        "//*[@rel='author']",
    )),
    ("date", (
        "//meta[@property='article:published_time']/@content",
        "//meta[@itemprop='datePublished']/@content",
        "//time[@datetime][1]/@datetime",
    )),
    ("updated", ("//meta[@property='article:modified_time']/@content",)),
    ("description", (
        "//meta[@name='description']/@content",
        "//meta[@property='og:description']/@content",
    )),
    ("image", ("//meta[@property='og:image']/@content", "//meta[@name='twitter:image']/@content")),
    ("source", ("//meta[@property='og:url']/@content", "//link[@rel='canonical']/@href")),
)  # fmt: skip
JSON_LD_KEYS = {"headline": "title", "datePublished": "date", "dateModified": "updated",
                "author": "author", "image": "image", "description": "description"}  # fmt: skip


def from_page(html_text: str) -> dict[str, object]:
    if not html_text.strip():
        return {}
    try:
        root = lxml.html.fromstring(html_text)
    except (etree.ParserError, ValueError):
        return {}
    found = from_json_ld(root)
    for key, xpaths in META_XPATHS:
        if key not in found:
            value = _first(root, xpaths)
            if value:
                found[key] = value
    return found


def _first(root: lxml.html.HtmlElement, xpaths: Iterable[str]) -> str:
    for xpath in xpaths:
        for hit in root.xpath(xpath):
            text = hit.text_content() if isinstance(hit, lxml.html.HtmlElement) else str(hit)
            if text.strip():
                return text.strip()
    return ""


def from_json_ld(root: lxml.html.HtmlElement) -> dict[str, object]:
    found: dict[str, object] = {}
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                _read_json_ld(item, found)
    return found


def _read_json_ld(item: dict[str, object], found: dict[str, object]) -> None:
    for key, target in JSON_LD_KEYS.items():
        value = _plain(item.get(key))
        if value and target not in found:
            found[target] = value


def _plain(value: object) -> str:
    """JSON-LD gives a person or image as a string, an object with a name/url, or a list."""
    if isinstance(value, list):
        return _plain(value[0]) if value else ""
    if isinstance(value, dict):
        return _plain(value.get("name") or value.get("url"))
    return str(value).strip() if value else ""
