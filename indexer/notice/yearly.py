"""A deadline that comes round each year ("企业于每年3月底前申报上一年度的奖励事项", "Claims are made by the end of
March each year"): the day of the year it falls on, read apart from the dated windows of
``indexer.notice.windows``. Every pattern is bounded."""

from __future__ import annotations

import calendar
import re

from core.dates import MONTH, MONTHS

_BY = re.compile(rf"每年\s?(?P<m>\d{{1,2}})\s?月\s?(?:(?P<end>底|末)|(?P<d>\d{{1,2}})\s?日)\s?(?:之?前|以前)"
                 rf"|\b(?:by|before)\s+(?:the\s+end\s+of\s+(?P<em>{MONTH})|(?P<ed>\d{{1,2}})\s+(?P<em2>{MONTH}))"
                 r"\s+(?:of\s+)?(?:each|every)\s+year\b", re.I)


def yearly_deadline(sentence: str) -> str | None:
    """The deadline's day as an ISO date in the year 2000 (a leap year: 29 February stays), else None."""
    m = _BY.search(sentence[:400])
    if not m:
        return None
    month = int(m["m"]) if m["m"] else MONTHS[(m["em"] or m["em2"]).rstrip(".")[:3].lower()]
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(2000, month)[1]
    day = int(m["d"] or m["ed"]) if (m["d"] or m["ed"]) else last
    return f"2000-{month:02d}-{day:02d}" if 1 <= day <= last else None
