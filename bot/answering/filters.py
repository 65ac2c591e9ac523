"""Restricting a question to some documents, a date range, or the documents in force on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from core.errors import InvalidQuestion, UnknownDocument
from core.validity import status_of, today
from indexer.store.index_dir import IndexData


@dataclass(frozen=True)
class Filters:
    doc_ids: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    as_of: dt.date | None = None
    """The day document statuses are computed for; None: today."""
    in_force_only: bool = False
    """Search only the documents in force on ``as_of`` (``core.validity``)."""

    @property
    def day(self) -> dt.date:
        return self.as_of or today()

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InvalidQuestion("date_from is after date_to")

    @property
    def empty(self) -> bool:
        return not self.doc_ids and self.date_from is None and self.date_to is None and not self.in_force_only


def row_mask(data: IndexData, filters: Filters) -> np.ndarray | None:
    """True for chunk rows the filters allow; documents without a date fail any date filter."""
    if filters.empty:
        return None
    unknown = sorted(set(filters.doc_ids) - set(data.documents))
    if unknown:
        raise UnknownDocument(f"unknown doc_ids: {', '.join(unknown)}")
    allowed_docs = set(filters.doc_ids) or set(data.documents)
    if filters.date_from or filters.date_to:
        allowed_docs = {d for d in allowed_docs if _in_range(data.documents[d].get("date"), filters)}
    if filters.in_force_only:
        day = filters.day
        allowed_docs = {d for d in allowed_docs if status_of(data.documents[d], day, data.documents) == "in_force"}
    return np.fromiter((c.doc_id in allowed_docs for c in data.chunks), dtype=bool,
                       count=len(data.chunks))


def _in_range(date: str | None, filters: Filters) -> bool:
    if not date:
        return False
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return False
    return (filters.date_from is None or day >= filters.date_from) and (
        filters.date_to is None or day <= filters.date_to
    )
