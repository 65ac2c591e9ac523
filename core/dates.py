"""Every way the documents and the API state a date, turned into ISO ``YYYY-MM-DD`` here alone.

Three readers for three kinds of input: ``normalise_date`` for metadata values (front matter,
sidecars, PDF and Word properties: lenient about shape), ``parse_date_at`` for dates inside page
text (strict shapes, a plausible year), ``parse_iso`` for the API's own ISO dates (exact).
A date that cannot be read is None, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re

from core.errors import InvalidQuestion

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
FULLWIDTH = str.maketrans("０１２３４５６７８９／－．：", "0123456789/-.:")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}

# Date shapes in running text, shared by the boilerplate cleaner (date-only lines) and metadata.
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE_PATTERNS = [
    # Taiwan's official calendar: 中華民國115年1月23日 is 2026-01-23 (year + 1911).
    re.compile(r"(?P<roc>中華民國|中华民国|民國|民国)\s*(?P<y>\d{2,3})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?"),
    re.compile(r"(?P<y>\d{4})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?"),
    re.compile(r"(?P<y>[〇零○一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月"
               r"(?P<d>[一二三四五六七八九十]{1,3})日"),
    re.compile(rf"(?P<mon>{MONTH})[-\s/]*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?[-\s/]+(?P<y>\d{{4}})"
               r"(?!\d)", re.I),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[-\s/]*(?P<mon>{MONTH}),?[-\s/]+(?P<y>\d{{4}})"
               r"(?!\d)", re.I),
]
_COMPACT_TEXT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)")

# Shapes of metadata values.
_Y_M_D = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_COMPACT_VALUE = re.compile(r"(?:D:)?(\d{4})(\d{2})(\d{2})(?:\d|[^\d]|$)")
_D_MON_Y = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_MON_D_Y = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_D_M_Y = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def iso(year: int, month: int, day: int) -> str | None:
    """The ISO form of a real calendar day, else None."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _cn_number(s: str) -> int:
    """二〇二一 -> 2021 (digit by digit); 十六 -> 16, 二十 -> 20 (tens notation)."""
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _number(s: str) -> int:
    return int(s) if s.isdigit() else _cn_number(s)


def match_to_iso(m: re.Match[str]) -> str | None:
    """Validate one ``DATE_PATTERNS`` match: a real calendar day between 1980 and 2100."""
    parts = m.groupdict()
    try:
        month = MONTHS[parts["mon"][:3].lower()] if parts.get("mon") else _number(parts["m"])
        year, day = _number(parts["y"]), _number(parts["d"])
        year += 1911 if parts.get("roc") else 0
    except (ValueError, KeyError):
        return None
    return iso(year, month, day) if 1980 <= year <= 2100 else None


def parse_date_at(text: str, pos: int = 0, compact: bool = False) -> str | None:
    """Parse a date starting at text[pos]; YYYYMMDD only when a label vouches for it."""
    return date_span_at(text, pos, compact)[0]


def date_span_at(text: str, pos: int = 0, compact: bool = False) -> tuple[str | None, int]:
    """``parse_date_at`` and where the date ends (``pos`` when there is none), so a phrase around
    the date ("自2025年1月1日起施行") can be checked. FULLWIDTH maps one character to one."""
    text = text.translate(FULLWIDTH)
    patterns = [*DATE_PATTERNS, _COMPACT_TEXT] if compact else DATE_PATTERNS
    for pattern in patterns:
        m = pattern.match(text, pos)
        if m:
            found = match_to_iso(m)
            return found, m.end() if found else pos
    return None, pos


def add_period(start: str, years: int = 0, months: int = 0) -> str | None:
    """The last day of a period of ``years``/``months`` that begins on ISO day ``start``
    ("有效期2年" from 2025-01-01 runs to 2026-12-31); None when ``start`` is not an exact day."""
    try:
        begin = dt.date.fromisoformat(start)
    except (TypeError, ValueError):
        return None
    total = begin.month - 1 + months + 12 * years
    year, month = begin.year + total // 12, total % 12 + 1
    if not 1 <= year <= 9998:
        return None
    if not years and not months:
        return None
    try:
        anniversary = dt.date(year, month, begin.day)
    except ValueError:  # 31 January + 1 month: the period ends on the last day of February
        anniversary = dt.date(year + month // 12, month % 12 + 1, 1)
    return (anniversary - dt.timedelta(days=1)).isoformat()


def normalise_date(value: object) -> str | None:
    """Turn the many ways metadata states a date into ISO YYYY-MM-DD, or None if unsure."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if m := _Y_M_D.search(text):
        return iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT_VALUE.match(text):
        return iso(int(m[1]), int(m[2]), int(m[3]))
    if (m := _D_MON_Y.search(text)) and m[2].lower() in MONTHS:
        return iso(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    if (m := _MON_D_Y.search(text)) and m[1].lower() in MONTHS:
        return iso(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    if m := _D_M_Y.fullmatch(text):  # day first: the federation's documents are not American
        return iso(int(m[3]), int(m[2]), int(m[1]))
    return None


def parse_iso(value: str | None, name: str) -> dt.date | None:
    """An ISO date given to the API or the CLI; anything else is the caller's mistake."""
    if value is None or value == "":
        return None
    try:
        if not _ISO.fullmatch(value):  # fromisoformat also takes 20210916 and 2021-W37-4
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidQuestion(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from exc
