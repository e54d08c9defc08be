"""Links that work outside the page: relative URLs made absolute, in-page anchors made text.

The base is the page's <base href>, else the address the user gave (--base-url: where the page
was saved from), else the page's canonical or og:url address. A link to an anchor in the page
(#fn1, #fnref1, #section) has nothing to point at in the Markdown: its text stays, the link
goes, and a back-reference that is only an arrow goes with it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

from lxml import etree

URL_ATTRIBUTES = (
    ("a", "href"), ("area", "href"), ("img", "src"), ("img", "data-src"),
    ("img", "data-original"), ("source", "src"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("iframe", "src"),
)  # fmt: skip
ABSOLUTE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
BACK_ARROW = re.compile(r"^\s*[↩↑^⤴︎\ufe0e\ufe0f\[\]]*\s*$")
FRAGMENT_PARSER = etree.HTMLParser(huge_tree=True)


def base_url(given: str | None, metadata: Mapping[str, object]) -> str:
    """--base-url, else the page's own address from its metadata; "" when neither is absolute."""
    for candidate in (given, metadata.get("source")):
        if isinstance(candidate, str) and _is_web_address(candidate):
            return candidate.strip()
    return ""


def page_base(root: etree._Element, fallback: str) -> str:
    """<base href> wins, itself read against the fallback when it is relative."""
    for href in root.xpath("//base/@href"):
        joined = urljoin(fallback, str(href).strip()) if fallback else str(href).strip()
        if _is_web_address(joined):
            return joined
    return fallback


def resolve(root: etree._Element, base: str) -> None:
    for tag, attribute in URL_ATTRIBUTES:
        for el in root.iter(tag):
            value = (el.get(attribute) or "").strip()
            if value.startswith("#") and tag == "a":
                _unlink(el)
            elif value and base and not ABSOLUTE.match(value):
                el.set(attribute, urljoin(base, value))


def resolve_fragment(body: str, base: str) -> str:
    """The same for an HTML fragment (a feed post's body) when the user gave --base-url."""
    document = etree.fromstring(f"<html><body><div>{body}</div></body></html>", FRAGMENT_PARSER)
    wrapper = document.find("body/div") if document is not None else None
    if wrapper is None:
        return body
    resolve(wrapper, base)
    text = html.escape(wrapper.text, quote=False) if wrapper.text else ""
    return text + "".join(etree.tostring(c, method="html", encoding="unicode") for c in wrapper)


def _unlink(anchor: etree._Element) -> None:
    """An in-page link keeps its text; one that is only a back-arrow goes entirely."""
    if BACK_ARROW.match("".join(anchor.itertext())) and len(anchor) == 0:
        anchor.text = ""
    anchor.tag = "span"
    for attribute in list(anchor.attrib):
        del anchor.attrib[attribute]


def _is_web_address(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)
