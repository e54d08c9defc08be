"""Metadata of a post that has no front matter: a saved page or an HTML fragment.

Each key is taken from its sources in order of trust, the first readable value winning:
JSON-LD (the publisher's structured data), then <meta> tags, then markup (<time>, rel=author,
rel=tag, byline classes), then the visible lines a reader sees under the headline ("作者：…",
"2019年11月19日 10:30", "By …"). docs/pages.md lists every source.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from lxml import etree

from converters.metadata import bylines, dates, json_ld, titles
from converters.metadata.page_tree import parse_page, text_of, visible_lines

# (key, <meta> names or properties in order of trust), compared in lower case.
META_NAMES: Mapping[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "articletitle", "title", "dc.title", "citation_title"),
    "author": (
        "citation_author", "dc.creator", "article:author", "og:article:author", "author", "byl",
        "parsely-author", "sailthru.author",
    ),
    "date": (
        "article:published_time", "og:article:published_time", "datepublished", "pubdate",
        "publishdate", "publish_date", "publish-date", "publication_date", "article.published",
        "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date",
        "dcterms.created", "citation_publication_date", "citation_date", "date",
    ),
    "updated": ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified"),
    "description": ("description", "og:description", "twitter:description", "dc.description"),
    "image": ("og:image", "og:image:url", "twitter:image", "twitter:image:src"),
    "tags": ("article:tag",),
    "categories": ("article:section",),
    "source": ("og:url",),
}  # fmt: skip
MARKUP_DATES = (
    "//time[@itemprop='datePublished' or @pubdate]/@datetime",
    "//*[@itemprop='datePublished']/@content",
)
TIME_ELEMENTS = "//time/@datetime"


def from_page(html_text: str) -> tuple[dict[str, object], list[str]]:
    """The page's metadata, and a warning for each value found but not readable."""
    root = parse_page(html_text)
    if root is None:
        return {}, []
    metas = meta_values(root)
    structured = json_ld.article(root)
    found: dict[str, object] = {}
    for key, names in META_NAMES.items():
        values = [*structured.get(key, []), *(v for name in names for v in metas.get(name, []))]
        if key in ("tags", "categories"):
            values += [text_of(a) for a in root.xpath("//a[@rel='tag']")] if key == "tags" else []
            found[key] = _unique(values)
        elif key == "author" and structured.get(key):
            found[key] = ", ".join(dict.fromkeys(structured[key]))
        elif values:
            found[key] = values[0]
    found["title"] = titles.headline(root, [str(found.get("title", ""))])
    found["source"] = _canonical(root) or found.get("source", "")
    lines = visible_lines(root)
    found.update(_people(root, lines, found))
    warnings = _dates(root, lines, metas, structured, found)
    return {key: value for key, value in found.items() if value}, warnings


def meta_values(root: etree._Element) -> dict[str, list[str]]:
    """Every <meta> content under its lower-cased name, property or itemprop, in page order."""
    values: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        content = (meta.get("content") or "").strip()
        for attribute in ("name", "property", "itemprop"):
            name = (meta.get(attribute) or "").strip().lower()
            if name and content:
                values.setdefault(name, []).append(content)
    return values


def _canonical(root: etree._Element) -> str:
    hrefs = root.xpath("//link[@rel='canonical']/@href")
    return str(hrefs[0]).strip() if hrefs else ""


def _people(
    root: etree._Element, lines: list[str], found: Mapping[str, object]
) -> dict[str, object]:
    given = bylines.clean_author(str(found.get("author", "")))
    if given:
        return {"author": given}
    return (
        bylines.from_markup(root)
        or bylines.from_lines(lines, str(found["title"]))
        or {"author": ""}
    )


def _dates(
    root: etree._Element,
    lines: list[str],
    metas: Mapping[str, list[str]],
    structured: Mapping[str, list[str]],
    found: dict[str, object],
) -> list[str]:
    """Published and updated dates: the first readable one, a dateless day sharpened by a line."""
    warnings: list[str] = []
    for key in ("date", "updated"):
        written = [*structured.get(key, []), *_meta_list(metas, META_NAMES[key])]
        if key == "date":
            written += [str(v) for xpath in MARKUP_DATES for v in root.xpath(xpath)]
        moment = _first_readable(written)
        if key == "date":
            moment = _with_visible_time(moment, lines, str(found["title"]), root)
        found[key] = moment
        if moment is None and written:
            warnings.append(f"page {key} {written[0]!r} is not a date I can read; left out")
    return warnings


def _with_visible_time(
    moment: dates.Moment | None, lines: list[str], title: str, root: etree._Element
) -> dates.Moment | None:
    """Structured data wins; a day without a time takes the time a visible line gives it."""
    if moment is not None and dates.has_time(moment):
        return moment
    seen = bylines.date_line(lines, title)
    if moment is None:
        return seen or _first_readable(str(v) for v in root.xpath(TIME_ELEMENTS))
    if seen is not None and dates.has_time(seen) and _day(seen) == _day(moment):
        return seen
    return moment


def _day(moment: dates.Moment) -> str:
    return moment.isoformat()[:10]


def _meta_list(metas: Mapping[str, list[str]], names: Iterable[str]) -> list[str]:
    return [value for name in names for value in metas.get(name, [])]


def _first_readable(written: Iterable[str]) -> dates.Moment | None:
    return next((m for m in (dates.read_date(text) for text in written) if m is not None), None)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(_split(values)))


def _split(values: Iterable[str]) -> Iterator[str]:
    for value in values:
        yield from (part.strip() for part in value.split(",") if part.strip())
