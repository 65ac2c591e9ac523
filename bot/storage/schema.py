"""The tables, described once for SQLite and PostgreSQL (SQLAlchemy Core).

The migrations in ``migrations/versions`` create and change them; this module is what the code
reads and writes through. A new table is added here and in a new revision there.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, Table, Text, text

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
# One logged answer, a retried row that did arrive the first time skipped. Written out once:
# SQLAlchemy compiles a dialect's ``insert().on_conflict_do_nothing()`` anew on every execution
# (it has no cache key: ~0.3 ms an answer idle, ~1.5 ms on a loaded machine); a text statement is
# compiled once. SQLite (3.24+) and PostgreSQL both read this form.
INSERT_QUESTION = text(
    f"INSERT INTO questions ({', '.join(questions.c.keys())}) "
    f"VALUES ({', '.join(':' + k for k in questions.c.keys())}) ON CONFLICT (answer_id) DO NOTHING")

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

# -- alerts (issue 15): webhook subscriptions, the outbox of their deliveries, and the documents
# whose version has been announced (bot/alerts/events.py) -------------------------------------------------

subscriptions = Table(
    "subscriptions", metadata,
    Column("id", Text, primary_key=True),
    Column("owner", Text, nullable=False),  # bot.access.rules.client_identity of the member's key, never the key
    Column("profile", Text, nullable=False),  # JSON: the company profile, as /api/match takes it
    Column("lang", Text),
    Column("webhook_url", Text, nullable=False),
    Column("secret", Text, nullable=False),  # signs the deliveries (HMAC-SHA256); shown once
    Column("created_at", Float, nullable=False),
    Index("subscriptions_owner", "owner"),
)

PENDING = "delivered_at IS NULL AND failed_at IS NULL"

outbox = Table(
    "outbox", metadata,
    Column("id", Text, primary_key=True),  # sent as X-Policybot-Delivery: receivers deduplicate on it
    Column("subscription_id", Text, ForeignKey("subscriptions.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", Text, nullable=False),
    Column("doc_hash", Text, nullable=False),
    Column("event", Text, nullable=False),  # the JSON body, byte for byte as signed and sent
    Column("attempts", Integer, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("next_attempt_at", Float, nullable=False),  # also the lease of a claimed row
    Column("delivered_at", Float),
    Column("failed_at", Float),
    Column("last_error", Text),
    # One delivery per subscription and document version, whichever process enqueues it and however often.
    Index("outbox_once", "subscription_id", "doc_id", "doc_hash", unique=True),
    Index("outbox_due", "next_attempt_at", sqlite_where=text(PENDING), postgresql_where=text(PENDING)),
)

announced = Table(
    "announced", metadata,
    Column("doc_id", Text, primary_key=True),
    Column("doc_hash", Text, primary_key=True),
    Column("seen_at", Float, nullable=False),
)
