"""Status as of a day, from the dates a document states (core.validity)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.dates import add_period, date_span_at
from core.validity import STATUSES, start_of, status_of, this_year, window_state

D = dt.date.fromisoformat
OLD = {"doc_number": "Shao Shang [2022] No. 15", "date": "2022-02-15", "effective_date": "2022-03-01",
       "superseded_by": "new"}
NEW = {"doc_number": "Shao Shang [2024] No. 3", "date": "2023-12-20", "effective_date": "2024-01-01"}
DOCS = {"old": OLD, "new": NEW}


@pytest.mark.parametrize(("as_of", "old", "new"), [
    ("2022-02-20", "not_yet_effective", "not_yet_effective"),
    ("2022-03-01", "in_force", "not_yet_effective"),
    ("2023-12-31", "in_force", "not_yet_effective"),
    ("2024-01-01", "superseded", "in_force"),
    ("2030-01-01", "superseded", "in_force"),
])
def test_a_replaced_notice_is_superseded_once_its_successor_starts(as_of: str, old: str, new: str) -> None:
    assert status_of(OLD, D(as_of), DOCS) == old
    assert status_of(NEW, D(as_of), DOCS) == new


def test_expiry_is_the_last_day_in_force() -> None:
    meta = {"effective_date": "2021-04-01", "expiry_date": "2022-12-31"}
    assert status_of(meta, D("2022-12-31")) == "in_force"
    assert status_of(meta, D("2023-01-01")) == "expired"
    assert status_of(meta, D("2021-03-31")) == "not_yet_effective"


def test_expired_before_its_successor_started_is_expired_after_it_is_superseded() -> None:
    docs = {"new": {"effective_date": "2024-01-01"}}
    expired_first = {"effective_date": "2021-01-01", "expiry_date": "2022-12-31", "superseded_by": "new"}
    replaced_first = {**expired_first, "expiry_date": "2025-12-31"}
    assert status_of(expired_first, D("2024-06-01"), docs) == "expired"
    assert status_of(replaced_first, D("2024-06-01"), docs) == "superseded"
    assert status_of(replaced_first, D("2026-06-01"), docs) == "superseded"


def test_a_successor_not_in_the_collection_changes_nothing() -> None:
    assert status_of({**OLD, "superseded_by": "gone"}, D("2030-01-01"), DOCS) == "in_force"


def test_an_article_with_only_a_date_is_unknown_a_numbered_notice_applies_from_issue() -> None:
    assert status_of({"date": "2022-06-24"}, D("2023-01-01")) == "unknown"
    assert status_of({}, D("2023-01-01")) == "unknown"
    numbered = {"date": "2022-06-24", "doc_number": "柯政发〔2022〕3号"}
    assert start_of(numbered) == D("2022-06-24")
    assert status_of(numbered, D("2023-01-01")) == "in_force"
    assert status_of(numbered, D("2022-06-23")) == "not_yet_effective"


def test_unreadable_stored_dates_are_ignored_not_guessed() -> None:
    meta = {"effective_date": "2022-13-01", "expiry_date": "soon", "doc_number": "X [2022] No. 1"}
    assert status_of(meta, D("2023-01-01")) == "unknown"
    assert set(STATUSES) == {"in_force", "expired", "superseded", "not_yet_effective", "unknown"}


@pytest.mark.parametrize(("start", "years", "months", "end"), [
    ("2025-01-01", 2, 0, "2026-12-31"),
    ("2025-02-01", 3, 0, "2028-01-31"),
    ("2024-02-29", 1, 0, "2025-02-28"),
    ("2025-01-31", 0, 1, "2025-02-28"),
    ("2025-12-15", 0, 1, "2026-01-14"),
    ("2025-1-1", 1, 0, None),  # not an exact ISO day: no period end
    ("2025-01-01", 0, 0, None),
])
def test_a_validity_period_ends_the_day_before_its_anniversary(start, years, months, end) -> None:
    assert add_period(start, years, months) == end


def test_date_span_at_reports_where_the_date_ends() -> None:
    assert date_span_at("自2025年1月1日起施行", 1) == ("2025-01-01", 10)
    assert date_span_at("自二〇二五年一月一日起", 1) == ("2025-01-01", 10)
    assert date_span_at("自2025年13月1日起", 1) == (None, 1)


def test_a_yearly_window_shows_this_years_days_and_others_stay() -> None:
    yearly = {"opens": "2024-05-01", "closes": "2024-05-31", "yearly": True}
    assert this_year(yearly, dt.date(2026, 4, 20))["closes"] == "2026-05-31"
    once = {"opens": "2024-05-01", "closes": "2024-05-31"}
    assert this_year(once, dt.date(2026, 12, 6)) == once


@pytest.mark.parametrize(("until", "opens", "closes", "state"), [
    # a standing award's intake each January ("本通知长期有效。企业于每年1月1日至1月31日申报"): the next one is ahead
    (None, "2027-01-01", "2027-01-31", "not_yet_open"),
    ("2029-12-31", "2027-01-01", "2027-01-31", "not_yet_open"),
    # the notice ends before another intake: its last one is past
    ("2025-12-31", "2026-01-01", "2026-01-31", "closed"),
    ("2026-07-31", "2026-01-01", "2026-01-31", "closed"),
])
def test_a_yearly_intake_past_this_year_shows_the_next_one_while_the_notice_runs(
        until: str | None, opens: str, closes: str, state: str) -> None:
    yearly = {"opens": "2026-01-01", "closes": "2026-01-31", "yearly": True}
    shown = this_year(yearly, dt.date(2026, 12, 6), until)
    assert (shown["opens"], shown["closes"]) == (opens, closes)
    assert window_state({**shown, "yearly": False}, dt.date(2026, 12, 6)) == state


def test_a_yearly_intake_still_to_come_this_year_is_this_years() -> None:
    yearly = {"opens": "2024-09-01", "closes": "2024-09-30", "yearly": True}
    assert this_year(yearly, dt.date(2026, 3, 1))["closes"] == "2026-09-30"
    assert this_year(yearly, dt.date(2026, 3, 1), "2026-06-30")["closes"] == "2026-09-30"  # the round for 2025
    shown = this_year(yearly, dt.date(2026, 3, 1), "2025-06-30")  # its last round, for 2024, was in 2025
    assert (shown["opens"], shown["closes"]) == ("2025-09-01", "2025-09-30")


@pytest.mark.parametrize(("closes", "until", "last"), [
    ("2000-03-31", "2025-12-31", "2026-03-31"),  # valid to a year's end: the round after it claims that year
    ("2000-01-31", "2026-06-30", "2026-01-31"),  # valid into a year: that year's round claims the last full one
    ("2000-04-30", "2026-09-30", "2026-04-30"),
    ("2000-04-30", "2028-12-31", "2027-04-30"),  # still valid: the next round
])
def test_a_yearly_deadline_stops_at_its_last_round(closes: str, until: str, last: str) -> None:
    window = {"opens": None, "closes": closes, "yearly": True}
    assert this_year(window, dt.date(2026, 12, 6), until)["closes"] == last


@pytest.mark.parametrize(("as_of", "opens", "closes"), [
    ("2026-12-06", "2026-12-01", "2026-12-07"),
    ("2027-02-20", "2027-02-01", "2027-02-07"),
])
def test_a_monthly_window_shows_the_days_of_the_month_asked(as_of: str, opens: str, closes: str) -> None:
    monthly = {"opens": "2000-01-01", "closes": "2000-01-07", "yearly": True, "monthly": True}
    shown = this_year(monthly, D(as_of))
    assert (shown["opens"], shown["closes"]) == (opens, closes)


def test_a_monthly_window_past_a_short_months_end_stops_at_it() -> None:
    monthly = {"opens": "2000-01-20", "closes": "2000-01-31", "yearly": True, "monthly": True}
    assert this_year(monthly, D("2027-02-10"))["closes"] == "2027-02-28"


@pytest.mark.parametrize(("as_of", "opens", "closes", "state"), [
    ("2026-12-06", "2026-10-01", "2026-10-15", "closed"),  # the fourth quarter's first month is past
    ("2027-01-09", "2027-01-01", "2027-01-15", "open"),
    ("2027-05-20", "2027-04-01", "2027-04-15", "closed"),
    ("2027-07-03", "2027-07-01", "2027-07-15", "open"),
])
def test_a_quarterly_window_shows_the_days_of_the_first_month_of_the_quarter_asked(
        as_of: str, opens: str, closes: str, state: str) -> None:
    quarterly = {"opens": "2000-01-01", "closes": "2000-01-15", "yearly": True, "quarterly": True}
    shown = this_year(quarterly, D(as_of))
    assert (shown["opens"], shown["closes"]) == (opens, closes)
    assert window_state(quarterly, D(as_of)) == state
