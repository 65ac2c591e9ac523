"""Shared pieces of the format readers: the result type and the small normalisers they all use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_Y_M_D = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_COMPACT = re.compile(r"(?:D:)?(\d{4})(\d{2})(\d{2})(?:\d|[^\d]|$)")
_D_MON_Y = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_MON_D_Y = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_D_M_Y = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


@dataclass(frozen=True)
class Extracted:
    """What a format reader found in one file; the loader merges it with the sidecar."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    issuer: str | None = None
    pages: tuple[tuple[int, int], ...] = ()
    needs_cleaning: bool = False


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value: object) -> str | None:
    """Turn the many ways documents state a date into ISO YYYY-MM-DD, or None if unsure."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if m := _Y_M_D.search(text):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT.match(text):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if (m := _D_MON_Y.search(text)) and m[2].lower() in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    if (m := _MON_D_Y.search(text)) and m[1].lower() in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    if m := _D_M_Y.fullmatch(text):  # day first: the federation's documents are not American
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    return None


def clean_field(value: object) -> str | None:
    """Metadata values arrive as anything (lists, numbers, padded strings); keep one tidy line."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value if v is not None)
    text = " ".join(str(value).split())
    return text or None


def tidy_text(text: str) -> str:
    """Normalise line ends and blank runs so paragraphs are separated by exactly one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n(?:[ \t]*\n)+", "\n\n", text)
    return text.strip("\n").strip()


# Metadata keys that front matter and sidecar files may use, and the field each one fills.
METADATA_ALIASES = {
    "title": "title",
    "date": "date",
    "published": "date",
    "issued": "date",
    "url": "url",
    "link": "url",
    "issuer": "issuer",
    "issued_by": "issuer",
    "publisher": "issuer",
    "source": "source",
    "author": "author",
}


def canonical_key(key: object) -> str | None:
    return METADATA_ALIASES.get(str(key).strip().lower().replace("-", "_"))
