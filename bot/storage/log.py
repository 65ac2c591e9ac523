"""The question log, feedback and statistics on either backend (``bot.storage.engine``).

Client addresses are stored only as salted hashes; rows older than the retention period are
deleted. Writing a question must never cost the asker their answer: a row that cannot be
written (the database is down or unreachable) waits in a bounded in-memory backlog, and a
background thread writes the backlog once the database answers again. While it is down, new rows
go straight to the backlog: only that thread tries the database, once a second, so a database
that hangs instead of refusing costs no request its connect timeout. ``health()`` reports the backlog,
the failed attempts and any rows dropped because the backlog was full. A damaged SQLite file
(``bot.storage.integrity``) is written to no more: rows wait as for a database that is down, other
writes answer 503, and ``health()`` says ``failing``.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import json
import logging
import secrets
import threading
import time
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Engine, delete, exists, func, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from bot.answering.records import Answer
from bot.storage import migrate, stats
from bot.storage.engine import clean, refused
from bot.storage.integrity import integrity_of
from bot.storage.schema import INSERT_QUESTION, feedback, meta, questions
from core.errors import PolicybotError, StorageDamaged, StorageUnavailable, UnknownAnswer

log = logging.getLogger(__name__)
DAY = 86400.0
BATCH = 500  # rows per INSERT when the backlog is written
RETRY_S = 1.0  # how often the backlog is retried while the database is down


class QuestionLog:
    """Thread-safe; one per process, sharing the database with every other process."""

    def __init__(self, engine: Engine, retention_days: int = 90, salt: str = "", backlog: int = 10_000) -> None:
        self.engine = engine
        self.backend = engine.dialect.name
        # Shown in /api/health: PostgreSQL's address without its password; never a SQLite file's path.
        self.url = engine.url.render_as_string(hide_password=True) if self.backend != "sqlite" else "sqlite"
        self._insert = postgresql.insert if self.backend == "postgresql" else sqlite.insert
        self.retention = retention_days * DAY
        self._lock = threading.Lock()
        self._backlog: collections.deque[dict[str, Any]] = collections.deque()
        self._max_backlog = backlog
        self._down = False
        self._retrier: threading.Thread | None = None
        self._closed = threading.Event()
        self._records = 0
        self._in_flight = 0  # rows taken from the backlog by a write not finished yet
        self.counts = {"written": 0, "failed_writes": 0, "deferred": 0, "dropped": 0, "rejected": 0}
        self.last_error: str | None = None
        self._salt = salt
        self._ready = False
        self._prepare_lock = threading.Lock()
        self.integrity = integrity_of(engine)
        try:
            self._prepare()
        except (SQLAlchemyError, StorageDamaged) as exc:  # down or damaged at start-up: serve anyway,
            if refused(exc) and not self.integrity.saw(exc):  # and migrate once it answers
                raise
            self._failed([], exc)

    def _prepare(self) -> None:
        """Migrate and read the salt, once per process, at start-up or when the database is back."""
        if self._ready:
            return
        with self._prepare_lock:
            if not self._ready:
                migrate.upgrade(self.engine)
                self._salt = self._salt or self._stored_salt()
                self._ready = True
                self.purge(soft=True)

    def _stored_salt(self) -> str:
        with self.engine.begin() as db:
            db.execute(self._insert(meta).values(key="salt", value=secrets.token_hex(16))
                       .on_conflict_do_nothing(index_elements=["key"]))
            return db.execute(select(meta.c.value).where(meta.c.key == "salt")).scalar_one()

    def client_hash(self, client: str | None) -> str | None:
        if not client:
            return None
        return hashlib.sha256(f"{self._salt}:{client}".encode()).hexdigest()[:24]

    # -- writing questions, softly ----------------------------------------------------------------
    def record(self, question: str, answer: Answer, latency_ms: float, client: str | None) -> None:
        """Log one answer; never raises for the database's sake (see the module docstring)."""
        row = {"answer_id": answer.answer_id, "asked_at": time.time(), "question": clean(question),
               "abstained": int(answer.abstained),
               "doc_ids": json.dumps(list(dict.fromkeys(c.doc_id for c in answer.citations))),
               "latency_ms": round(latency_ms, 2), "client": client}  # hashed when written (the salt may be
        # in the database, which may be down now); the backlog is memory only
        with self._lock:
            self._queue([row])
            down = self._down
            self._records += 1
            due = self._records % 500 == 0
        if down:
            self._start_retrier()
        elif self.flush() and due:
            self.purge(soft=True)

    def _queue(self, rows: list[dict[str, Any]]) -> None:
        """Add rows to the backlog (lock held); past its bound the oldest rows are dropped."""
        self._backlog.extend(rows)
        while len(self._backlog) > max(self._max_backlog, 1):
            self._backlog.popleft()
            self.counts["dropped"] += 1

    def flush(self) -> bool:
        """Write the backlog; False (rows kept for later) if the database cannot be reached."""
        while True:
            with self._lock:
                rows = [self._backlog.popleft() for _ in range(min(BATCH, len(self._backlog)))]
                self._in_flight += len(rows)
            if not rows:
                return True
            try:
                self._write(rows)
            except Exception as exc:  # whatever fails, the asker keeps the answer and the rows wait
                damaged = isinstance(exc, StorageDamaged) or self.integrity.saw(exc)
                if not isinstance(exc, SQLAlchemyError | StorageDamaged):
                    log.exception("question log: unexpected failure writing %d rows; kept for a retry", len(rows))
                if refused(exc) and not damaged:
                    self._write_one_by_one(rows)  # some row the database refuses: keep the others
                    self._landed(len(rows))
                    continue
                self._failed(rows, exc)
                self._landed(len(rows))
                return False
            with self._lock:
                self.counts["written"] += len(rows)
                self._down = False
            self._landed(len(rows))

    def _landed(self, n: int) -> None:
        with self._lock:
            self._in_flight -= n

    def _write(self, rows: list[dict[str, Any]]) -> None:
        self.integrity.require()
        self._prepare()
        values = [{**{k: v for k, v in row.items() if k != "client"}, "client_hash": self.client_hash(row["client"])}
                  for row in rows]
        try:
            self._insert_rows(values)
        except DBAPIError as exc:
            if not exc.connection_invalidated:  # a pooled connection the server closed (restart):
                raise
            self._insert_rows(values)  # the pool is invalidated; once more on a new one

    def _insert_rows(self, values: list[dict[str, Any]]) -> None:
        """One INSERT; a retried row that did arrive the first time is skipped."""
        statement = INSERT_QUESTION
        if self.backend == "postgresql":  # one statement is atomic: no BEGIN and COMMIT round trips
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
                db.execute(statement, values)
        else:
            with self.engine.begin() as db:
                db.execute(statement, values)

    def _write_one_by_one(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            try:
                self._write([row])
                with self._lock:
                    self.counts["written"] += 1
            except SQLAlchemyError as exc:
                if not refused(exc):
                    self._failed([row], exc)
                    continue
                with self._lock:
                    self.counts["rejected"] += 1
                log.error("question log: a row was refused and dropped (%s)", type(exc.orig or exc).__name__)

    def _failed(self, rows: list[dict[str, Any]], exc: Exception) -> None:
        with self._lock:
            first = not self._down
            self.counts["failed_writes"] += 1
            self.counts["deferred"] += len(rows)
            self._backlog.extendleft(reversed(rows))
            self._queue([])
            self._down = True
            self.last_error = type(getattr(exc, "orig", None) or exc).__name__
        if first:
            log.warning("question log at %s unreachable (%s): keeping rows in memory until it is back",
                        self.url, self.last_error)
        self._start_retrier()

    def _start_retrier(self) -> None:
        with self._lock:
            if self._retrier is not None or self._closed.is_set():
                return
            self._retrier = threading.Thread(target=self._retry, name="question-log-retry", daemon=True)
            self._retrier.start()

    def _retry(self) -> None:
        while not self._closed.wait(RETRY_S):
            if self.flush():
                with self._lock:
                    if self._backlog:
                        continue
                    self._retrier = None
                log.warning("question log at %s reachable again; backlog written", self.url)
                return

    # -- feedback, statistics, retention ----------------------------------------------------------
    def feedback(self, answer_id: str, helpful: bool, comment: str | None, client: str | None = None) -> None:
        """One vote per answer and client: a second vote from the same client replaces the first."""
        self.flush()  # the answer's own row may still be in the backlog
        answer_id = clean(answer_id)  # a hostile id (NUL) is unknown, not a database error
        values = {"answer_id": answer_id, "helpful": int(helpful), "comment": clean(comment) if comment else None,
                  "given_at": time.time(), "client_hash": self.client_hash(client) or "?"}
        source = select(*(literal(v, feedback.c[k].type).label(k) for k, v in values.items())).where(
            exists().where(questions.c.answer_id == answer_id))
        statement = self._insert(feedback).from_select(list(values), source)
        statement = statement.on_conflict_do_update(
            index_elements=["answer_id", "client_hash"],
            set_={k: statement.excluded[k] for k in ("helpful", "comment", "given_at")})
        with self._guard() as db:
            if db.execute(statement, execution_options={"preserve_rowcount": True}).rowcount == 0:
                raise UnknownAnswer(f"no answer {answer_id!r} (unknown or expired)")

    def stats(self, days: int = 30, limit: int = 10) -> dict[str, Any]:
        with self._guard() as db:
            return stats.usage(db, time.time() - days * DAY, days, limit)

    def count(self) -> int:
        with self._guard() as db:
            return db.execute(select(func.count()).select_from(questions)).scalar_one()

    def purge(self, soft: bool = False) -> int:
        """Delete rows past the retention period; ``soft``: a failure is only logged."""
        cutoff = time.time() - self.retention
        try:
            with self._guard() as db:
                removed = db.execute(delete(questions).where(questions.c.asked_at < cutoff)).rowcount
                db.execute(delete(feedback).where(feedback.c.given_at < cutoff))
                return removed
        except StorageUnavailable:
            if not soft:
                raise
            return 0

    def age(self, seconds: float) -> None:
        """Move every row ``seconds`` into the past (tests of retention)."""
        with self._guard() as db:
            db.execute(update(questions).values(asked_at=questions.c.asked_at - seconds))
            db.execute(update(feedback).values(given_at=feedback.c.given_at - seconds))

    @contextlib.contextmanager
    def _guard(self) -> Iterator[Connection]:
        """A transaction whose database failures surface as StorageUnavailable (503), never a 500."""
        try:
            self.integrity.require()
            self._prepare()
            with self.engine.begin() as db:
                yield db
        except PolicybotError:
            raise
        except Exception as exc:  # the database's errors and the migration's: a 503, never a 500
            if self.integrity.saw(exc):
                raise StorageDamaged(f"question log: {self.integrity.problem()}") from exc
            raise StorageUnavailable(f"question log unavailable: {type(exc).__name__}") from exc

    def health(self) -> dict[str, Any]:
        """``status``: ok; degraded (unreachable: rows wait in memory); failing (the file is damaged)."""
        with self._lock:
            pending, down = len(self._backlog) + self._in_flight, self._down
        damage = self.integrity.problem()
        status = "failing" if damage else "degraded" if down or pending else "ok"
        return {"backend": self.backend, "url": self.url, "status": status,
                "pending": pending, **{k: v for k, v in self.counts.items() if k != "written"},
                "last_error": damage or self.last_error}

    def close(self) -> None:
        """Stop retrying; one last attempt to write the backlog, then report what is lost."""
        self._closed.set()
        if self._retrier is not None:
            self._retrier.join(timeout=5)
        if not self.flush():
            log.error("question log: %d rows could not be written before shutdown", len(self._backlog))
        self.engine.dispose()
