"""The tables, described once for SQLite and PostgreSQL (SQLAlchemy Core).

The migrations in ``migrations/versions`` create and change them; this module is what the code
reads and writes through. A new table (subscriptions, their delivery outbox) is added here and
in a new revision there.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, Table, Text

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

questions = Table(
    "questions", metadata,
    Column("answer_id", Text, primary_key=True),
    Column("asked_at", Float, nullable=False),  # seconds since the epoch (UTC)
    Column("question", Text, nullable=False),
    Column("abstained", Integer, nullable=False),  # 0/1: SUM() counts them in both dialects
    Column("doc_ids", Text, nullable=False),  # JSON list of the cited documents
    Column("latency_ms", Float, nullable=False),
    Column("client_hash", Text),
    Index("questions_time", "asked_at"),
)

feedback = Table(
    "feedback", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("answer_id", Text, ForeignKey("questions.answer_id", ondelete="CASCADE"), nullable=False),
    Column("helpful", Integer, nullable=False),
    Column("comment", Text),
    Column("given_at", Float, nullable=False),
    Column("client_hash", Text),
    Index("feedback_vote", "answer_id", "client_hash", unique=True),  # one vote per answer and client
    sqlite_autoincrement=True,
)
