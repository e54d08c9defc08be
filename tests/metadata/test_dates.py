"""Offsets as people write them after a time: two digits and minutes, or one digit."""

import datetime as dt

import pytest

from converters.metadata.dates import read_date

IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


@pytest.mark.parametrize(
    "written",
    [
        "2024-10-21 09:34:00+05:30",
        "2024-10-21 09:34:00 +0530",
        "2024-10-21 09:34:00+5:30",  # an 11ty post's front matter
    ],
)
def test_offsets_with_one_or_two_hour_digits_are_read(written: str) -> None:
    assert read_date(written) == dt.datetime(2024, 10, 21, 9, 34, tzinfo=IST)


def test_an_offset_of_whole_hours_is_read() -> None:
    eight = dt.timezone(dt.timedelta(hours=8))
    assert read_date("2024-10-21 09:34+8") == dt.datetime(2024, 10, 21, 9, 34, tzinfo=eight)


def test_three_digits_after_the_sign_are_no_offset() -> None:
    assert read_date("2024-10-21 09:34:00+123") is None
