"""Shared pieces of the format readers: the result type and the small normalisers they all use
(dates: ``core.dates``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.documents.lines import normalise_text


@dataclass(frozen=True)
class Extracted:
    """What a format reader found in one file; the loader merges it with the sidecar."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    effective_date: str | None = None
    expiry_date: str | None = None
    superseded_by: str | None = None
    pages: tuple[tuple[int, int], ...] = ()
    needs_cleaning: bool = False
    removed: tuple[tuple[str, str], ...] = ()
    """(rule, line) for what the reader itself left out (an HTML page's menus and footers)."""


def clean_field(value: object) -> str | None:
    """Metadata values arrive as anything (lists, numbers, padded strings); keep one tidy line."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value if v is not None)
    text = " ".join(str(value).split())
    return text or None


_BLANK_RUN = re.compile(r"\n\n+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def tidy_text(text: str) -> str:
    """Every reader's text in one shape: lines normalised (``indexer.documents.lines``: each
    whitespace character one space, invisible and control characters gone), a lone surrogate (a
    broken PDF font map) shown as U+FFFD, paragraphs separated by exactly one blank line."""
    text = normalise_text(_SURROGATE.sub("\ufffd", text))
    return _BLANK_RUN.sub("\n\n", text).strip()


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
    "doc_number": "doc_number",
    "document_number": "doc_number",
    "document_no": "doc_number",
    "文号": "doc_number",
    "发文字号": "doc_number",
    "发文机关": "issuer",
    "effective_date": "effective_date",
    "effective": "effective_date",
    "effective_from": "effective_date",
    "expiry_date": "expiry_date",
    "expires": "expiry_date",
    "expiry": "expiry_date",
    "valid_until": "expiry_date",
    "superseded_by": "superseded_by",
    "replaced_by": "superseded_by",
}
# Metadata values that are dates: read with ``core.dates.normalise_date`` or dropped.
DATE_FIELDS = ("date", "effective_date", "expiry_date")


def canonical_key(key: object) -> str | None:
    return METADATA_ALIASES.get(str(key).strip().lower().replace("-", "_"))
