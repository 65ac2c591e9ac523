"""Whether a document is in force on a given day, from the dates it states.

Status is computed when asked (an index holds the dates, never a status that would go stale
overnight). The rules, also in the README:

- ``not_yet_effective``: the day is before the document's start;
- ``superseded``: a document replacing it (``superseded_by``) has started by that day;
- ``expired``: the day is after its ``expiry_date``;
  (both: whichever happened first; a successor with no known date counts from the start);
- ``in_force``: it has a known start or expiry and none of the above holds;
- ``unknown``: nothing tells (an undated, unnumbered article).

A document's start is its ``effective_date``; without one, its issue ``date`` when it is a
policy record (it has a ``doc_number`` or an ``expiry_date``): numbered notices apply from issue.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal, get_args

Status = Literal["in_force", "expired", "superseded", "not_yet_effective", "unknown"]
STATUSES: tuple[Status, ...] = get_args(Status)
Meta = Mapping[str, Any]


def day(value: object) -> dt.date | None:
    """An ISO date string as a date; anything else None (a stored date is ISO or absent)."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def start_of(meta: Meta) -> dt.date | None:
    """The first day ``meta``'s document applies, when known."""
    effective = day(meta.get("effective_date"))
    if effective is not None:
        return effective
    if meta.get("doc_number") or meta.get("expiry_date"):
        return day(meta.get("date"))
    return None


def replaced_on(meta: Meta, documents: Mapping[str, Meta]) -> tuple[bool, dt.date | None]:
    """(has a successor in ``documents``, the day that successor started or None if unknown)."""
    successor = documents.get(meta.get("superseded_by") or "")
    if successor is None:
        return False, None
    return True, day(successor.get("effective_date")) or day(successor.get("date"))


def status_of(meta: Meta, as_of: dt.date, documents: Mapping[str, Meta] | None = None) -> Status:
    """The status of the document described by ``meta`` on ``as_of`` (rules: module docstring).

    ``documents``: every document's metadata by doc_id, to find when the successor started."""
    start = start_of(meta)
    if start is not None and as_of < start:
        return "not_yet_effective"
    expiry = day(meta.get("expiry_date"))
    expired = expiry is not None and as_of > expiry
    has_successor, successor_start = replaced_on(meta, documents or {})
    superseded = has_successor and (successor_start is None or successor_start <= as_of)
    if superseded and expired:
        assert expiry is not None
        return "expired" if successor_start is not None and expiry < successor_start else "superseded"
    if superseded:
        return "superseded"
    if expired:
        return "expired"
    return "in_force" if start is not None or expiry is not None else "unknown"


def today() -> dt.date:
    """The default ``as_of``: the server's calendar day."""
    return dt.date.today()


WindowState = Literal["open", "closed", "not_yet_open", "unknown"]


def this_year(window: Meta, as_of: dt.date, until: object = None) -> dict[str, Any]:
    """A window of the same days each month (``monthly``: "the first seven days of each month") in ``as_of``'s month,
    of each quarter (``quarterly``: "每季度首月的1日至15日") in the first month of ``as_of``'s quarter;
    a window that recurs each year ("每年3月1日至3月31日", ``yearly``) with its days in
    ``as_of``'s year, and once they are past the next year's ("本通知长期有效。企业于每年1月1日至1月31日申报": a
    standing award's next intake is not yet open); a deadline each year with no first day
    ("每年3月底前申报上一年度") as its next one; either no later than its last round under ``until`` (the
    notice's expiry): a round claims a year, and the last is the round of the last calendar year the
    notice covers to its end (valid to 2025-12-31: the round after it, for 2025; valid to 2026-06-30:
    the 2026 round, for 2025); any other window as it is."""
    out = dict(window)
    opens, closes = day(window.get("opens")), day(window.get("closes"))
    if window.get("yearly") and closes and not opens:
        nxt = _on_or_after(closes, as_of)
        end = day(until)
        if end:
            year_done = end.year if (end.month, end.day) == (12, 31) else end.year - 1
            nxt = min(nxt, _on_or_after(closes, dt.date(year_done + 1, 1, 1)))
        out.update(closes=nxt.isoformat())
        return out
    if (window.get("monthly") or window.get("quarterly")) and opens and closes and opens <= closes:
        month = as_of.replace(day=1)  # "the first seven days of each month"; of a quarter: its first month's days
        if window.get("quarterly"):
            month = month.replace(month=3 * ((as_of.month - 1) // 3) + 1)
        last = calendar.monthrange(month.year, month.month)[1]
        out.update(opens=month.replace(day=min(opens.day, last)).isoformat(),
                   closes=month.replace(day=min(closes.day, last)).isoformat())
        return out
    if window.get("yearly") and opens and closes and opens <= closes:
        nxt = _on_or_after(closes, as_of)  # this year's days, or the next year's once they are past
        end = day(until)
        if end:  # no later than the last round under the notice's expiry
            year_done = end.year if (end.month, end.day) == (12, 31) else end.year - 1
            nxt = min(nxt, _on_or_after(closes, dt.date(year_done + 1, 1, 1)))
        try:
            shift = nxt.year - closes.year
            out.update(opens=opens.replace(year=opens.year + shift).isoformat(),
                       closes=closes.replace(year=closes.year + shift).isoformat())
        except ValueError:  # 29 February
            pass
    return out


def _on_or_after(yearly: dt.date, start: dt.date) -> dt.date:
    """The first day with ``yearly``'s month and day on or after ``start`` (29 February: 28 in other years)."""
    for year in (start.year, start.year + 1):
        try:
            d = yearly.replace(year=year)
        except ValueError:
            d = yearly.replace(year=year, day=28)
        if d >= start:
            return d
    return d


def window_state(window: Meta | None, as_of: dt.date) -> WindowState:
    """Whether an application window (``indexer.notice.windows``: opens, closes, rolling) is open on
    ``as_of``: closed after its last day, not yet open before its first, open in between or when
    applications are taken all year; unknown when the notice gives no dates. A yearly window is
    judged by its days this year, or the next year's once these are past (a monthly one by this
    month's)."""
    if not isinstance(window, Mapping):
        return "unknown"
    window = this_year(window, as_of)
    opens, closes = day(window.get("opens")), day(window.get("closes"))
    if closes is not None and as_of > closes:
        return "closed"
    if opens is not None and as_of < opens:
        return "not_yet_open"
    if closes is not None or opens is not None or window.get("rolling"):
        return "open"
    return "unknown"
