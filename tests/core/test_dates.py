"""``core.dates`` beyond what the format and metadata tests cover: the API's ISO reader, dates in
text written with Chinese numerals or full-width digits, the plausible-year window, and
``datetime`` values (tests/indexer/documents/test_formats.py covers ``date`` and the metadata shapes,
tests/indexer/notice/test_metadata.py the date shapes on a page)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.dates import iso, normalise_date, parse_date_at, parse_iso
from core.errors import InvalidQuestion

# --- parse_iso --------------------------------------------------------------------------------


def test_parse_iso_valid() -> None:
    assert parse_iso("2021-09-16", "date_from") == dt.date(2021, 9, 16)
    assert parse_iso("2020-02-29", "date_to") == dt.date(2020, 2, 29)


@pytest.mark.parametrize("value", [None, ""])
def test_parse_iso_absent_is_none(value: str | None) -> None:
    assert parse_iso(value, "date_from") is None


@pytest.mark.parametrize("value", ["2021-02-29", "16/09/2021", "2021/09/16", "yesterday", " ",
                                   "20210916", "2021-W37-4", "٢٠٢١-٠٩-١٦"])
def test_parse_iso_invalid_names_the_option_and_the_value(value: str) -> None:
    with pytest.raises(InvalidQuestion, match="date_to must be an ISO date") as info:
        parse_iso(value, "date_to")
    assert repr(value) in str(info.value)


# --- parse_date_at ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇二一年九月十六日", "2021-09-16"),  # digit by digit year, tens notation day
        ("二〇二〇年十二月三十一日", "2020-12-31"),
        ("二〇二一年十月一日", "2021-10-01"),  # a bare 十 is ten
        ("二零二一年九月二十日", "2021-09-20"),  # 零 for zero, 二十 is twenty
        ("二○二二年六月二十四日发布", "2022-06-24"),  # ○ (white circle) for zero; text may follow
        ("二〇二一年二月三十日", None),  # not a calendar day
        ("一九七九年九月十六日", None),  # before 1980
        ("２０２１年９月１６日", "2021-09-16"),  # full-width digits
        ("２０２１／０９／１６", "2021-09-16"),
        ("２０２１．９．１６", "2021-09-16"),
        ("1980-01-01", "1980-01-01"),  # the window's ends are inside it
        ("2100-12-31", "2100-12-31"),
        ("1979-12-31", None),
        ("2101-01-01", None),
        ("０１０１-01-01", None),  # full-width, but year 101
        ("16 Sept 2021", "2021-09-16"),
        ("Sept. 16th, 2021", "2021-09-16"),
    ],
)
def test_parse_date_at(text: str, expected: str | None) -> None:
    assert parse_date_at(text) == expected


def test_parse_date_at_reads_only_at_the_position() -> None:
    text = "发布：二〇二一年九月十六日"
    assert parse_date_at(text) is None
    assert parse_date_at(text, text.index("二")) == "2021-09-16"
    assert parse_date_at("２０２１０９１６", compact=True) == "2021-09-16"


# --- normalise_date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2021, 9, 16, 23, 59, 59), "2021-09-16"),  # a datetime is a date: no time part
        (dt.datetime(2021, 9, 16, 8, tzinfo=dt.timezone(dt.timedelta(hours=8))), "2021-09-16"),
        (dt.date(2000, 2, 29), "2000-02-29"),
        ("  2021-9-6  ", "2021-09-06"),
        ("2021/09/16 10:30:00", "2021-09-16"),
        ("20210916", "2021-09-16"),
        ("06/09/2021", "2021-09-06"),  # day first
        ("Sep 16th, 2021", "2021-09-16"),
        ("16 Foo 2021", None),  # not a month
        ("", None),
        ("   ", None),
        (20210916, None),  # only strings and dates are read
        (1631750400.0, None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_iso_checks_the_calendar() -> None:
    assert iso(2020, 2, 29) == "2020-02-29"
    assert iso(2021, 2, 29) is None
    assert iso(2021, 13, 1) is None
    assert iso(2021, 4, 31) is None
