"""A deadline that comes round each year ("企业于每年3月底前申报上一年度的奖励事项", "Claims are made by the end of
March each year"): the day of the year it falls on, read apart from the dated windows of
``indexer.notice.windows``; a quarter each year ("企业在每年第一季度申报上一年度已竣工的项目", "in the first quarter of
each year") and the first days of each month ("每月1日至7日受理", "during the first seven days of each month"): the
days they span (``recurring_days``). Every pattern is bounded."""

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


_ZH_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十五": 15,
              "二十": 20}
_EN_NUMBER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
              "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20}
_QUARTER = re.compile(r"每年(?:的)?第(?P<q>[一二三四1-4])季度"
                      r"|\b(?:in|during|within)\s+the\s+(?P<qe>first|second|third|fourth)\s+quarter\s+of\s+(?:each|every)"
                      r"\s+(?:calendar\s+)?year\b", re.I)
# calendar days only: "每月前5个工作日", "the first five working days of each month" depend on the calendar
_MONTH_DAYS = re.compile(r"每月(?:的)?(?:前(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})(?:个)?(?:自然)?(?:日|天)(?!历)"
                         r"|(?P<a>\d{1,2})日?\s?(?:至|到|—|-|－|~)\s?(?P<b>\d{1,2})日)"
                         r"|\b(?:in|during|within|on|over)\s+the\s+first\s+(?P<ne>\d{1,2}|[a-z]{3,7})\s+(?:calendar\s+)?days\s+of"
                         r"\s+(?:each|every)\s+(?:calendar\s+)?month\b"
                         r"|\b(?:from|between)\s+the\s+(?P<ae>\d{1,2})(?:st|nd|rd|th)\s+(?:to|and|until)\s+the\s+"
                         r"(?P<be>\d{1,2})(?:st|nd|rd|th)\s+of\s+(?:each|every)\s+month\b", re.I)


# days of the first month of each quarter: "每季度首月的1日至15日受理", "from the 1st to the 15th of the first month of
# each quarter", "during the first ten days of each quarter"
_QUARTER_DAYS = re.compile(r"每(?:个)?季度(?:的)?(?:首月|第[一1](?:个)?月)(?:的)?"
                           r"(?P<a>\d{1,2})日?\s?(?:至|到|—|-|－|~)\s?(?P<b>\d{1,2})日"
                           r"|每(?:个)?季度(?:的)?(?:首月(?:的)?)?前(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})(?:个)?(?:自然)?"
                           r"(?:日|天)(?!历)"
                           r"|\b(?:in|during|within|on|over)\s+the\s+first\s+(?P<ne>\d{1,2}|[a-z]{3,7})\s+(?:calendar\s+)?days"
                           r"\s+of\s+(?:the\s+first\s+month\s+of\s+)?(?:each|every)\s+(?:calendar\s+)?quarter\b"
                           r"|\b(?:from|between)\s+the\s+(?P<ae>\d{1,2})(?:st|nd|rd|th)\s+(?:to|and|until)\s+the\s+"
                           r"(?P<be>\d{1,2})(?:st|nd|rd|th)\s+of\s+the\s+first\s+month\s+of\s+(?:each|every)"
                           r"\s+quarter\b", re.I)


def recurring_days(sentence: str) -> tuple[str, str, str] | None:
    """A quarter each year, days at the start of each quarter or of each month, as (opens, closes, period): ISO
    dates in the year 2000 (the days of a ``quarterly`` or ``monthly`` window in January, to be moved to the quarter
    or month asked; period "" for a quarter each year); None when the sentence says none of them."""
    t = sentence[:400]
    if q := _QUARTER.search(t):
        n = int(q["q"]) if q["q"] and q["q"].isdigit() else _ZH_NUMBER.get(q["q"] or "") or _EN_NUMBER[q["qe"].lower()]
        last = calendar.monthrange(2000, 3 * n)[1]
        return f"2000-{3 * n - 2:02d}-01", f"2000-{3 * n:02d}-{last}", ""
    period = "quarterly"
    if not (m := _QUARTER_DAYS.search(t)):
        period, m = "monthly", _MONTH_DAYS.search(t)
    if not m:
        return None
    if m["a"] or m["ae"]:
        first, end = int(m["a"] or m["ae"]), int(m["b"] or m["be"])
    else:
        word = m["n"] or m["ne"].lower()
        first, end = 1, int(word) if word.isdigit() else _ZH_NUMBER.get(word) or _EN_NUMBER.get(word, 0)
    return (f"2000-01-{first:02d}", f"2000-01-{end:02d}", period) if 1 <= first <= end <= 28 else None
