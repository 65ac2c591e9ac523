"""Usage statistics over the log, one set of queries for both dialects."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, desc, func, select
from sqlalchemy.sql import ColumnElement

from bot.storage.schema import feedback, questions

q, f = questions.c, feedback.c


def day_of(connection: Connection, column: ColumnElement) -> ColumnElement:
    """The UTC calendar day (YYYY-MM-DD) of an epoch-seconds column."""
    if connection.dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", func.to_timestamp(column)), "YYYY-MM-DD")
    return func.date(column, "unixepoch")


def usage(connection: Connection, since: float, days: int, limit: int) -> dict[str, Any]:
    recent = q.asked_at >= since
    total, abstained = connection.execute(
        select(func.count(), func.coalesce(func.sum(q.abstained), 0)).where(recent)).one()
    cited: dict[str, int] = {}
    for (doc_ids,) in connection.execute(select(q.doc_ids).where(recent)):
        for doc_id in json.loads(doc_ids):
            cited[doc_id] = cited.get(doc_id, 0) + 1
    helpful, unhelpful = connection.execute(
        select(func.coalesce(func.sum(f.helpful), 0), func.coalesce(func.sum(1 - f.helpful), 0))
        .where(f.given_at >= since)).one()
    day = day_of(connection, q.asked_at).label("d")
    per_day = connection.execute(
        select(day, func.count(), func.sum(q.abstained)).where(recent).group_by(day).order_by(day))
    same = func.lower(func.trim(q.question))  # "Which bank?" and "which bank? " are one question

    def top(where: ColumnElement) -> list[dict[str, Any]]:
        n = func.count().label("n")
        rows = connection.execute(select(func.min(q.question), n).where(where).group_by(same)
                                  .order_by(desc(n), desc(func.max(q.asked_at))).limit(limit))
        return [{"question": t, "count": int(c)} for t, c in rows]

    return {
        "days": days,
        "questions": int(total),
        "abstention_rate": round(int(abstained) / total, 4) if total else 0.0,
        "per_day": [{"day": d, "questions": int(n), "abstained": int(a)} for d, n, a in per_day],
        "top_questions": top(recent),
        "top_documents": [{"doc_id": d, "count": n} for d, n in
                          sorted(cited.items(), key=lambda x: (-x[1], x[0]))[:limit]],
        "unanswered": top(recent & (q.abstained == 1)),
        "feedback": {"helpful": int(helpful), "not_helpful": int(unhelpful)},
    }
