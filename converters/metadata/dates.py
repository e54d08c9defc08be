"""Dates as pages write them: ISO and its local variants, Chinese 年月日, US M/D/Y, English months.

``read_date`` reads one value (a <meta> content, a JSON-LD field); ``find_dates`` finds the
dates inside a line of visible text. Both give a ``datetime`` when a time is written (aware
when a zone is written too) and a ``date`` when only the day is: a page's "2019-11-19" must
not turn into midnight. Ambiguous slashed dates (``7/5/2005``) are read month first, as the
US-locale servers that write them do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
ZONES = {"z": 0, "gmt": 0, "utc": 0, "est": -5, "edt": -4, "pst": -8, "pdt": -7, "bst": 1}
_MONTH = r"(?P<month_name>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = (
    r"(?:\s*(?:T|at|,)?\s*(?P<hour>\d{1,2})[:：](?P<minute>\d{2})(?:[:：](?P<second>\d{2})"
    r"(?:\.\d+)?)?\s*(?P<half>[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?P<offset>[+-](?:\d{2}:?\d{2}|\d{1,2}(?::\d{2})?)(?!\d))"
    r"|\s*\(?(?P<zone>Z|GMT|UTC|[ECP][SD]T|BST)\b\)?)?)?"
)
# Year first: 2019-11-19, 2019/11/19, 2019.11.19, 2019年11月19日, each with an optional time.
_YEAR_FIRST = (
    r"(?<!\d)(?P<year>(?:19|20)\d{2})(?:(?P<sep>[-/.])|\s*年\s*)(?P<month>\d{1,2})"
    r"(?:(?P=sep)|\s*月\s*)(?P<day>\d{1,2})(?!\d)\s*日?"
)
_MONTH_FIRST = r"(?<!\d)(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)\d{2})(?!\d)"
_NAMED = (
    r"(?<![A-Za-z])(?:" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.replace("month_name", "month_name2")
    + r",?\s+(?P<year2>\d{4}))(?!\d)"
)  # fmt: skip
PATTERNS = tuple(re.compile(form + _TIME, re.I) for form in (_YEAR_FIRST, _MONTH_FIRST, _NAMED))
WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*", re.I)

Moment = dt.datetime | dt.date


def read_date(value: str) -> Moment | None:
    """One written value, all of it a date (a weekday before it is allowed), or None."""
    text = WEEKDAY.sub("", value.strip())
    for pattern in PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _moment(match)
    return _rfc_2822(text)


def find_dates(line: str) -> Iterator[tuple[int, Moment]]:
    """Each readable date written in a line of text, with where it starts, in line order."""
    found = []
    for pattern in PATTERNS:
        for match in pattern.finditer(line):
            moment = _moment(match)
            if moment is not None:
                found.append((match.start(), moment))
    yield from sorted(found, key=lambda hit: hit[0])


def has_time(moment: Moment) -> bool:
    return isinstance(moment, dt.datetime)


def _moment(match: re.Match[str]) -> Moment | None:
    parts = {key: value for key, value in match.groupdict().items() if value}
    name = parts.get("month_name") or parts.get("month_name2")
    month = MONTHS[name.lower()] if name else int(parts["month"])
    year, day = int(parts.get("year") or parts["year2"]), int(parts.get("day") or parts["day2"])
    try:
        day_only = dt.date(year, month, day)
        if "hour" not in parts:
            return day_only
        return dt.datetime.combine(day_only, _time_of(parts), _zone_of(parts))
    except ValueError:  # 2019-02-30, 25:61
        return None


def _time_of(parts: dict[str, str]) -> dt.time:
    hour = int(parts["hour"])
    half = parts.get("half", "").lower()[:1]
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return dt.time(hour, int(parts["minute"]), int(parts.get("second", 0)))


def _zone_of(parts: dict[str, str]) -> dt.tzinfo | None:
    if "offset" in parts:
        sign = -1 if parts["offset"][0] == "-" else 1
        hours, _, rest = parts["offset"][1:].partition(":")  # +05:30, +0530, +5:30, +5
        if not rest and len(hours) == 4:
            hours, rest = hours[:2], hours[2:]
        minutes = int(hours) * 60 + int(rest or 0)
        return dt.timezone(sign * dt.timedelta(minutes=minutes))
    if "zone" in parts:
        return dt.timezone(dt.timedelta(hours=ZONES[parts["zone"].lower()]))
    return None


def _rfc_2822(text: str) -> dt.datetime | None:
    import email.utils  # imported by the first date that is not ISO-like (~10 ms)

    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
