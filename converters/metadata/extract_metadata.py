"""Front matter in -> normalized metadata: canonical keys, ISO dates, one cover image."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping

from converters.document import ConversionError, Document, IsoDate, Settings

CANONICAL_KEYS = (
    "title", "date", "updated", "author", "categories", "tags", "description",
    "image", "source", "original_title", "editor",
)  # fmt: skip
# Input keys read into a canonical one, first found wins; all of them are then consumed.
ALIASES: Mapping[str, tuple[str, ...]] = {
    "updated": ("updated", "lastmod", "modified"),
    "categories": ("categories", "category"),
    "tags": ("tags", "tag", "keywords"),
    "description": ("description", "excerpt", "summary"),
    "image": ("image", "cover", "headimg", "thumbnail", "banner"),
}
# Every input key, canonical or alias, and the canonical key it is read into.
READ_INTO = {alias: key for key in CANONICAL_KEYS for alias in ALIASES.get(key, (key,))}
DATE_KEYS = ("date", "updated")
# A person or picture given as a mapping of these alone (Jekyll's `author: {name: …}`) is
# named by the first; a mapping with other fields is kept whole.
NAME_FIELDS = ("name", "title", "url", "src")
LIST_JUNK = re.compile(r"^[—–]\s+")  # the generator's broken item " - — news"
# The date form the scrapers we serve write (JavaScript's toUTCString, RFC 1123), read here
# exactly as email.utils reads it; any other form goes to email.utils.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
UTC_DATE = re.compile(
    r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), ([0-9]{2}) (" + "|".join(MONTHS) + r") ([1-9][0-9]{3})"
    r" ([0-9]{2}):([0-9]{2}):([0-9]{2}) GMT$"
)
DATE_ONLY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
LOCAL_DATE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?$"
)


def extract_metadata(doc: Document, settings: Settings) -> Document:
    given = dict(doc.front_matter)
    unread: list[str] = []
    if not given and doc.body_kind == "html":
        from converters.metadata import page_metadata  # pages only: ~25 ms of patterns

        given, unread = page_metadata.from_page(doc.body)
    metadata, warnings = normalize(given, doc.source, settings, doc.written)
    return doc.evolve(metadata=metadata, warnings=(*doc.warnings, *unread, *warnings))


def normalize(
    given: Mapping[str, object],
    source: str,
    settings: Settings,
    written: Mapping[str, str] | None = None,
) -> tuple[dict[str, object], list[str]]:
    """Canonical keys normalized, other keys as given; and what could not be kept."""
    rest = dict(given)
    metadata: dict[str, object] = {}
    warnings: list[str] = []
    # A canonical key none of whose input keys is given reads as empty and would be left out:
    # only the ones given are read (a post has five or so of the eleven).
    present = {READ_INTO[key] for key in rest if key in READ_INTO}
    for key in CANONICAL_KEYS:
        if key not in present:
            continue
        input_key, value = _take(rest, ALIASES.get(key, (key,)))
        if isinstance(value, (bool, int, float)) and written and input_key in written:
            value = written[input_key]  # YAML read `title: 1.50` as a number; keep the text
        metadata[key] = _normalized(key, value, source, settings)
        if is_empty(metadata[key]) and not is_empty(value):
            warnings.append(f"front matter {input_key}: {value!r} {_unreadable(key)}; left out")
    metadata.update(rest)
    return {key: value for key, value in metadata.items() if not is_empty(value)}, warnings


def _unreadable(key: str) -> str:
    return "is not a date I can read" if key in DATE_KEYS else "is not text"


def _normalized(key: str, value: object, source: str, settings: Settings) -> object:
    if key in DATE_KEYS:
        return iso_date(value, source, settings.timezone)
    if key in ("categories", "tags"):
        return clean_list(value)
    if isinstance(value, dict) and not value.keys() <= set(NAME_FIELDS):
        return value  # structured data a theme reads (`author.display_name`): kept as written
    return clean_text(value, first_only=key in ("image", "source"))


def canonical_order(metadata: Mapping[str, object]) -> dict[str, object]:
    """Canonical keys first, in their order; then every other key in the order it came."""
    ordered = {key: metadata[key] for key in CANONICAL_KEYS if key in metadata}
    return ordered | dict(metadata)


def _take(data: dict[str, object], keys: Iterable[str]) -> tuple[str, object]:
    """The first non-empty value among the aliases, and its key; all aliases are consumed."""
    found = [(key, data.pop(key)) for key in keys if key in data]
    return next(((key, value) for key, value in found if not is_empty(value)), ("", None))


def is_empty(value: object) -> bool:
    """None, '', [] or {} (what `value == ''` and the like said, for every type a front-matter
    reader gives, without building an empty list and dict to compare with on every call)."""
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def clean_text(value: object, *, first_only: bool = False) -> str:
    if isinstance(value, dict):
        named = (value[field] for field in NAME_FIELDS if not is_empty(value.get(field)))
        value = next(named, None)
    if isinstance(value, list):
        texts = [text for text in (clean_text(item) for item in value) if text]
        if not texts:
            return ""
        return texts[0] if first_only else " ".join(texts)
    if value is None:
        return ""
    return " ".join(html.unescape(str(value)).split())  # \s runs as one space, ends trimmed


def clean_list(value: object) -> list[str]:
    if isinstance(value, dict):
        value = list(value)  # `tags: {a, b}` is YAML's set notation: the keys are the items
    items = value if isinstance(value, list) else [value]
    cleaned: list[str] = []
    for item in _flatten(items):
        text = LIST_JUNK.sub("", clean_text(item))
        if text and text not in cleaned:
            cleaned.append(text)
    return cleaned


def _flatten(items: list[object]) -> Iterable[object]:
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def iso_date(value: object, source: str, timezone: str | None) -> IsoDate | None:
    """The date in ISO 8601, or None when it cannot be read (`Invalid Date`): the caller warns."""
    moment = None if is_empty(value) else parse_date(value)
    if moment is None:
        return None
    if is_date_only(value):
        return IsoDate(moment.date().isoformat())
    if timezone:
        moment = in_zone(moment, timezone, source)
    return IsoDate(moment.isoformat())


def is_date_only(value: object) -> bool:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return True
    return bool(DATE_ONLY.match(str(value).strip()))


def parse_date(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = str(value).strip()
    utc = UTC_DATE.match(text)
    if utc:
        return _from_utc_date(utc)
    local = LOCAL_DATE.match(text)
    if local:
        return _from_parts(local)
    if not any(char.isdigit() for char in text):  # no day and no year: not a date
        return None
    import email.utils  # imported by the first date that is not ISO-like (~10 ms)

    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):  # a 20-digit year overflows
        return None


def _from_parts(match: re.Match[str]) -> dt.datetime | None:
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    iso = f"{year}-{int(month):02d}-{int(day):02d}"
    if hour is not None:
        iso += f"T{int(hour):02d}:{minute}:{second or '00'}"
        iso += f".{fraction}" if fraction else ""
    iso += zone.replace("Z", "+00:00") if zone else ""
    try:
        return dt.datetime.fromisoformat(iso)
    except ValueError:
        return None


def _from_utc_date(match: re.Match[str]) -> dt.datetime | None:
    """What email.utils.parsedate_to_datetime reads from this form, without its general parser."""
    day, month, year, hour, minute, second = match.groups()
    numbers = (int(year), MONTHS.index(month) + 1, int(day), int(hour), int(minute), int(second))
    try:
        return dt.datetime(*numbers, tzinfo=dt.UTC)
    except ValueError:  # 31 Feb, 25:00: email.utils fails the same way
        return None


def in_zone(moment: dt.datetime, timezone: str, source: str) -> dt.datetime:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only with --timezone

    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConversionError(source, "metadata", f"unknown time zone {timezone!r}") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)
