"""Subscriptions and their delivery outbox on either backend (``bot.storage.engine``).

Every write is one transaction; those several processes may race on take a lock first: a
PostgreSQL advisory lock, SQLite's ``BEGIN IMMEDIATE``. What matches which subscription is
decided by the caller (``bot.alerts.events``); this module only stores it:

- ``announce``: the document versions of an index not seen before, compared with ``announced``
  (the versions already seen, kept in the database so every worker and replica and every restart
  compares against the same set), become outbox rows, one per (subscription, document, content
  hash): a unique index, so two processes or a rescan after a crash never enqueue one twice.
- ``claim``: due rows, each taken by one process (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; one
  ``UPDATE … RETURNING`` under the write lock on SQLite), counted as an attempt and leased: a
  process that dies while delivering leaves the row due again when its lease ends. The rows
  offered are the oldest few due of each subscription, so one subscription's backlog cannot
  crowd the others out, and the caller chooses among them (``bot.alerts.fairness``).
"""

from __future__ import annotations

import contextlib
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Row, and_, case, delete, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.storage import migrate
from bot.storage.engine import clean
from bot.storage.integrity import integrity_of
from bot.storage.schema import announced, meta, outbox, subscriptions
from core.errors import Conflict, PolicybotError, StorageDamaged, StorageUnavailable, UnknownSubscription

LOCK_KEY = 0x706F6C6A  # the advisory lock announcing runs under (migrations use 0x706F6C69)
BASELINE = "alerts_baseline"
MAX_ERROR_CHARS = 500

Events = Callable[[dict[str, tuple[str, str]], Sequence[Row[Any]]], list[dict[str, Any]]]
OFFERED_PER_SUBSCRIPTION = 4  # due rows of one subscription offered to a claim
OFFERED = 512  # due rows offered to a claim in all


@dataclass(frozen=True)
class Due:
    """A due delivery offered to a claim: whose, and where to."""

    id: str
    owner: str
    webhook_url: str


Choose = Callable[[list[Due]], list[str]]


@dataclass(frozen=True)
class Claimed:
    """A delivery taken by this process: what to send, where, signed with which secret."""

    id: str
    subscription_id: str
    event: str
    attempts: int
    webhook_url: str
    secret: str
    owner: str = ""

    @property
    def due(self) -> Due:
        return Due(self.id, self.owner, self.webhook_url)


class AlertStore:
    """Thread-safe; one per process, sharing the database with every other process."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.backend = engine.dialect.name
        self._insert = postgresql.insert if self.backend == "postgresql" else sqlite.insert
        self._ready = False
        self._lock = threading.Lock()
        self.integrity = integrity_of(engine)  # shared with the question log on the same file

    @contextlib.contextmanager
    def _transaction(self, write: bool = True, lock: int | None = None) -> Iterator[Connection]:
        """A transaction (``write``: SQLite's write lock from its start; ``lock``: an advisory lock on
        PostgreSQL); failures of the database surface as StorageUnavailable (503), never a 500, and
        a damaged SQLite file (``bot.storage.integrity``) as StorageDamaged, before anything is written."""
        try:
            self.integrity.require()
            if not self._ready:
                with self._lock:
                    if not self._ready:
                        migrate.upgrade(self.engine)
                        self._ready = True
            options = {"sqlite_immediate": True} if write and self.backend == "sqlite" else {}
            with self.engine.connect().execution_options(**options) as db, db.begin():
                if lock is not None and self.backend == "postgresql":
                    db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock})
                yield db
        except PolicybotError:
            raise
        except Exception as exc:
            if self.integrity.saw(exc):
                raise StorageDamaged(f"alerts storage: {self.integrity.problem()}") from exc
            raise StorageUnavailable(f"alerts storage unavailable: {type(exc).__name__}") from exc

    # -- subscriptions ----------------------------------------------------------------------------
    def subscribe(self, owner: str, profile: dict[str, Any], webhook_url: str, lang: str, secret: str,
                  limit: int) -> dict[str, Any]:
        """A new subscription of ``owner``'s; Conflict when it has ``limit`` already."""
        row = {"id": "sub_" + secrets.token_urlsafe(12), "owner": owner, "lang": lang,
               "profile": json.dumps(profile, ensure_ascii=False), "webhook_url": webhook_url,
               "secret": secret, "created_at": time.time()}
        # Two requests of one key at once: the second counts after the first has inserted.
        with self._transaction(lock=LOCK_KEY + 1) as db:
            held = db.execute(select(func.count()).select_from(subscriptions)
                              .where(subscriptions.c.owner == owner)).scalar_one()
            if held >= limit:
                raise Conflict(f"this key has {held} subscriptions, the most allowed "
                               "(POLICYBOT_MAX_SUBSCRIPTIONS_PER_KEY); delete one first")
            db.execute(subscriptions.insert().values(**row))
        return _shown(row) | {"secret": secret}

    def subscriptions_of(self, owner: str) -> list[dict[str, Any]]:
        """``owner``'s subscriptions, oldest first, with their deliveries counted; no secrets."""
        o = outbox.c
        counts = (select(o.subscription_id,
                         func.sum(case((o.delivered_at.is_not(None), 1), else_=0)).label("delivered"),
                         func.sum(case((o.failed_at.is_not(None), 1), else_=0)).label("failed"),
                         func.count().label("total"))
                  .group_by(o.subscription_id).subquery())
        query = (select(subscriptions, counts.c.delivered, counts.c.failed, counts.c.total)
                 .outerjoin(counts, counts.c.subscription_id == subscriptions.c.id)
                 .where(subscriptions.c.owner == owner)
                 .order_by(subscriptions.c.created_at, subscriptions.c.id))
        with self._transaction(write=False) as db:
            found = db.execute(query).mappings().all()
        return [_shown(r) | {"deliveries": {"delivered": int(r["delivered"] or 0), "failed": int(r["failed"] or 0),
                                            "pending": int((r["total"] or 0) - (r["delivered"] or 0)
                                                           - (r["failed"] or 0))}}
                for r in found]

    def unsubscribe(self, owner: str, subscription_id: str) -> None:
        """Delete ``owner``'s subscription and its pending deliveries; another key's is unknown (404)."""
        wanted = clean(subscription_id)
        with self._transaction() as db:
            db.execute(delete(outbox).where(outbox.c.subscription_id.in_(
                select(subscriptions.c.id).where(subscriptions.c.id == wanted, subscriptions.c.owner == owner))))
            gone = db.execute(delete(subscriptions).where(subscriptions.c.id == wanted, subscriptions.c.owner == owner),
                              execution_options={"preserve_rowcount": True}).rowcount
        if not gone:
            raise UnknownSubscription(f"no subscription {subscription_id[:80]!r} of this key")

    # -- enqueueing, once per document version --------------------------------------------------
    def announce(self, hashes: dict[str, str], events: Events) -> int:
        """Enqueue ``events(fresh, subscriptions)`` for the document versions in ``hashes`` (doc_id ->
        content hash) not announced before; ``fresh`` maps each to (hash, "added" | "updated").

        The first call on a database only records what is there: documents indexed before alerts
        existed are no news. Returns the rows offered to the outbox (duplicates are skipped).
        """
        now = time.time()
        with self._transaction(lock=LOCK_KEY) as db:
            known: dict[str, set[str]] = {}
            for doc_id, digest in db.execute(select(announced.c.doc_id, announced.c.doc_hash)):
                known.setdefault(doc_id, set()).add(digest)
            fresh = {d: (h, "updated" if d in known else "added") for d, h in hashes.items()
                     if h not in known.get(d, ())}
            baseline = db.execute(select(meta.c.value).where(meta.c.key == BASELINE)).scalar()
            rows = events(fresh, db.execute(select(subscriptions)).all()) if fresh and baseline else []
            if rows:
                db.execute(self._insert(outbox).on_conflict_do_nothing(
                    index_elements=["subscription_id", "doc_id", "doc_hash"]),
                    [{"attempts": 0, "created_at": now, "next_attempt_at": now, **r} for r in rows])
            if fresh:
                db.execute(self._insert(announced).on_conflict_do_nothing(),
                           [{"doc_id": d, "doc_hash": h, "seen_at": now} for d, (h, _) in fresh.items()])
            if not baseline:
                db.execute(self._insert(meta).values(key=BASELINE, value=str(now))
                           .on_conflict_do_nothing(index_elements=["key"]))
        return len(rows)

    # -- delivering -------------------------------------------------------------------------------
    def claim(self, limit: int, lease: float, now: float | None = None, choose: Choose | None = None) -> list[Claimed]:
        """Take due deliveries for this process: one more attempt each, leased until ``now + lease``.

        ``choose`` picks the ids to take among the rows offered (oldest due first, at most
        ``OFFERED_PER_SUBSCRIPTION`` per subscription); by default the first ``limit``.
        """
        now = time.time() if now is None else now
        o, s = outbox.c, subscriptions.c
        pending = and_(o.delivered_at.is_(None), o.failed_at.is_(None), o.next_attempt_at <= now)
        with self._transaction(write=False) as db:  # idle most of the time: no write lock for nothing
            if db.execute(select(o.id).where(pending).limit(1)).first() is None:
                return []
        rank = func.row_number().over(partition_by=o.subscription_id, order_by=(o.next_attempt_at, o.id))
        ranked = select(o.id, o.subscription_id, o.next_attempt_at, rank.label("rank")).where(pending).subquery()
        offer = (select(ranked.c.id, s.owner, s.webhook_url).join(subscriptions, s.id == ranked.c.subscription_id)
                 .where(ranked.c.rank <= OFFERED_PER_SUBSCRIPTION)
                 .order_by(ranked.c.rank, ranked.c.next_attempt_at, ranked.c.id).limit(OFFERED))
        with self._transaction() as db:
            offered = [Due(r.id, r.owner, r.webhook_url) for r in db.execute(offer)]
            wanted = choose(offered) if choose is not None else [d.id for d in offered[:limit]]
            if not wanted:
                return []
            # Still due (another process may have taken some since they were offered), locked.
            due = select(o.id).where(o.id.in_(wanted), pending)
            if self.backend == "postgresql":
                due = due.with_for_update(skip_locked=True)
            take = (update(outbox).where(o.id.in_(due.scalar_subquery()))
                    .values(attempts=o.attempts + 1, next_attempt_at=now + lease)
                    .returning(o.id, o.subscription_id, o.event, o.attempts))
            taken = db.execute(take).all()
            if not taken:
                return []
            targets = {r.id: r for r in db.execute(
                select(s.id, s.webhook_url, s.secret, s.owner).where(s.id.in_({t.subscription_id for t in taken})))}
        order = {i: n for n, i in enumerate(wanted)}
        return sorted((Claimed(t.id, t.subscription_id, t.event, t.attempts, targets[t.subscription_id].webhook_url,
                               targets[t.subscription_id].secret, targets[t.subscription_id].owner)
                       for t in taken if t.subscription_id in targets), key=lambda c: order[c.id])

    def delivered(self, delivery_id: str, now: float | None = None) -> None:
        self._finish(delivery_id, delivered_at=time.time() if now is None else now, last_error=None)

    def retry(self, delivery_id: str, error: str, at: float) -> None:
        self._finish(delivery_id, next_attempt_at=at, last_error=error[:MAX_ERROR_CHARS])

    def failed(self, delivery_id: str, error: str, now: float | None = None) -> None:
        self._finish(delivery_id, failed_at=time.time() if now is None else now, last_error=error[:MAX_ERROR_CHARS])

    def release(self, delivery_ids: Sequence[str]) -> None:
        """Deliveries this process claimed but will not finish (shutting down): due again now."""
        if delivery_ids:
            self._finish(*delivery_ids, next_attempt_at=time.time())

    def _finish(self, *delivery_ids: str, **values: Any) -> None:
        o = outbox.c
        with self._transaction() as db:
            db.execute(update(outbox).where(and_(o.id.in_(delivery_ids), o.delivered_at.is_(None),
                                                 o.failed_at.is_(None))).values(**values))

    def deliveries(self, subscription_id: str | None = None) -> list[dict[str, Any]]:
        """The outbox rows (of one subscription), oldest first: for tests and operators."""
        query = select(outbox).order_by(outbox.c.created_at, outbox.c.id)
        if subscription_id is not None:
            query = query.where(outbox.c.subscription_id == subscription_id)
        with self._transaction(write=False) as db:
            return [dict(r) for r in db.execute(query).mappings()]

    def purge(self, before: float) -> int:
        """Delete delivered and failed rows finished before ``before``; ``announced`` keeps them from
        being enqueued again."""
        o = outbox.c
        finished = func.coalesce(o.delivered_at, o.failed_at)
        with self._transaction() as db:
            return db.execute(delete(outbox).where(finished.is_not(None), finished < before)).rowcount


def _shown(row: Any) -> dict[str, Any]:
    """A subscription as its member sees it: never its secret after creation."""
    return {"id": row["id"], "webhook_url": row["webhook_url"], "profile": json.loads(row["profile"]),
            "lang": row["lang"],
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(row["created_at"]))}
