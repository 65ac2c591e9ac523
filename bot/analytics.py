"""Question log and feedback in SQLite: what members ask, what the documents could not answer.

Client addresses are stored only as salted hashes; rows older than the retention period are
deleted. One connection per process behind a lock, WAL journal and a busy timeout, so concurrent
requests (and several worker processes) lose no rows.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from bot.records import Answer
from core.errors import UnknownAnswer

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS questions (
    answer_id TEXT PRIMARY KEY,
    asked_at REAL NOT NULL,
    question TEXT NOT NULL,
    abstained INTEGER NOT NULL,
    doc_ids TEXT NOT NULL,
    latency_ms REAL NOT NULL,
    client_hash TEXT
);
CREATE INDEX IF NOT EXISTS questions_time ON questions (asked_at);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL REFERENCES questions (answer_id) ON DELETE CASCADE,
    helpful INTEGER NOT NULL,
    comment TEXT,
    given_at REAL NOT NULL
);
"""
# Added after the first release: one vote per answer and client (a client may change its vote).
MIGRATIONS = [
    ("feedback", "client_hash", "ALTER TABLE feedback ADD COLUMN client_hash TEXT"),
]
AFTER_MIGRATIONS = "CREATE UNIQUE INDEX IF NOT EXISTS feedback_vote ON feedback (answer_id, client_hash)"
DAY = 86400.0


class Analytics:
    def __init__(self, path: Path, retention_days: int = 90, salt: str = "") -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=30,
                                   isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: no fsync per answer (it cost ~2 ms of each request); a crash of the process
        # loses nothing, a power cut at most the last moments of the log.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=30000")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)
        self._migrate()
        self.retention = retention_days * DAY
        self._salt = salt or self._stored_salt()
        self._writes = 0
        self.purge()

    def _stored_salt(self) -> str:
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('salt', ?)", (secrets.token_hex(16),))
            return self._db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0]

    def client_hash(self, client: str | None) -> str | None:
        if not client:
            return None
        return hashlib.sha256(f"{self._salt}:{client}".encode()).hexdigest()[:24]

    def record(self, question: str, answer: Answer, latency_ms: float, client: str | None) -> None:
        doc_ids = list(dict.fromkeys(c.doc_id for c in answer.citations))
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO questions VALUES (?, ?, ?, ?, ?, ?, ?)",
                (answer.answer_id, time.time(), question, int(answer.abstained),
                 json.dumps(doc_ids), round(latency_ms, 2), self.client_hash(client)),
            )
            self._writes += 1
            due = self._writes % 500 == 0
        if due:
            self.purge()

    def _migrate(self) -> None:
        """Bring an older log up to date; one process at a time (workers start together)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for table, column, statement in MIGRATIONS:
                columns = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
                if column not in columns:
                    self._db.execute(statement)
            self._db.execute(AFTER_MIGRATIONS)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def feedback(self, answer_id: str, helpful: bool, comment: str | None, client: str | None = None) -> None:
        """One vote per answer and client: a second vote from the same client replaces the first."""
        with self._lock:
            known = self._db.execute("SELECT 1 FROM questions WHERE answer_id = ?",
                                     (answer_id,)).fetchone()
            if not known:
                raise UnknownAnswer(f"no answer {answer_id!r} (unknown or expired)")
            self._db.execute(
                "INSERT INTO feedback (answer_id, helpful, comment, given_at, client_hash) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (answer_id, client_hash) DO UPDATE SET "
                "helpful = excluded.helpful, comment = excluded.comment, given_at = excluded.given_at",
                (answer_id, int(helpful), comment, time.time(), self.client_hash(client) or "?"),
            )

    def purge(self) -> int:
        cutoff = time.time() - self.retention
        with self._lock:
            cur = self._db.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,))
            self._db.execute("DELETE FROM feedback WHERE given_at < ?", (cutoff,))
            return cur.rowcount

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM questions").fetchone()[0]

    def stats(self, days: int = 30, limit: int = 10) -> dict[str, Any]:
        since = time.time() - days * DAY
        q = self._query
        total, abstained = q("SELECT COUNT(*), COALESCE(SUM(abstained), 0) FROM questions "
                             "WHERE asked_at >= ?", since)[0]
        cited: dict[str, int] = {}
        for (doc_ids,) in q("SELECT doc_ids FROM questions WHERE asked_at >= ?", since):
            for doc_id in json.loads(doc_ids):
                cited[doc_id] = cited.get(doc_id, 0) + 1
        helpful, unhelpful = q("SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) "
                               "FROM feedback WHERE given_at >= ?", since)[0]
        return {
            "days": days,
            "questions": total,
            "abstention_rate": round(abstained / total, 4) if total else 0.0,
            "per_day": [{"day": d, "questions": n, "abstained": a} for d, n, a in q(
                "SELECT date(asked_at, 'unixepoch') AS d, COUNT(*), SUM(abstained) FROM questions "
                "WHERE asked_at >= ? GROUP BY d ORDER BY d", since)],
            "top_questions": [{"question": t, "count": n} for t, n in q(
                "SELECT MIN(question), COUNT(*) AS n FROM questions WHERE asked_at >= ? "
                "GROUP BY lower(trim(question)) ORDER BY n DESC, MAX(asked_at) DESC LIMIT ?",
                since, limit)],
            "top_documents": [{"doc_id": d, "count": n} for d, n in
                              sorted(cited.items(), key=lambda x: (-x[1], x[0]))[:limit]],
            "unanswered": [{"question": t, "count": n} for t, n in q(
                "SELECT MIN(question), COUNT(*) AS n FROM questions WHERE asked_at >= ? AND "
                "abstained = 1 GROUP BY lower(trim(question)) ORDER BY n DESC, MAX(asked_at) DESC "
                "LIMIT ?", since, limit)],
            "feedback": {"helpful": helpful, "not_helpful": unhelpful},
        }

    def _query(self, sql: str, *args: Any) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def close(self) -> None:
        with self._lock:
            self._db.close()
