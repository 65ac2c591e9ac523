"""The question log, feedback and statistics: the same tests on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import text

from bot.answering.records import Answer, Citation
from bot.storage import migrate
from bot.storage.engine import make_engine, sqlite_url
from bot.storage.log import QuestionLog
from core.errors import StorageUnavailable, UnknownAnswer


def answer(i: int, abstained: bool = False, doc: str = "a") -> Answer:
    cites = [] if abstained else [Citation(n=1, doc_id=doc, title="T", date=None, source="s", chunk_id="c", text="text",
                                            score=0.5)]
    return Answer("x [1]", abstained, cites, f"id{i}")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    """An empty database of each backend."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "log.sqlite3")
    return request.getfixturevalue("postgres").create_database()


def open_log(url: str, **options) -> QuestionLog:
    return QuestionLog(make_engine(url), **options)


def rows(log: QuestionLog, sql: str) -> list[tuple]:
    with log.engine.connect() as db:
        return [tuple(r) for r in db.execute(text(sql))]


def test_concurrent_writes_lose_no_rows(url):
    db, other = open_log(url), open_log(url)  # a second process's connections

    def write(log: QuestionLog, start: int) -> None:
        for i in range(start, start + 100):
            log.record(f"question {i}", answer(i), 1.0, "10.0.0.1")

    threads = [threading.Thread(target=write, args=(db if n % 2 else other, n * 100)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert db.count() == 800 == other.count()
    assert db.health()["status"] == "ok" and db.health()["pending"] == 0


def test_client_address_is_stored_only_as_salted_hash(url, tmp_path):
    db = open_log(url, salt="pepper")
    db.record("q", answer(1), 2.0, "203.0.113.7")
    stored = rows(db, "SELECT * FROM questions")
    assert "203.0.113.7" not in repr(stored)
    assert stored[0][-1] == db.client_hash("203.0.113.7")
    assert db.client_hash("203.0.113.7") != open_log(sqlite_url(tmp_path / "o.db")).client_hash("203.0.113.7")


def test_salt_is_kept_in_the_database_for_every_process(url):
    first, second = open_log(url), open_log(url)
    assert first.client_hash("10.0.0.9") == second.client_hash("10.0.0.9")


def test_retention_purges_old_rows(url):
    db = open_log(url, retention_days=1)
    db.record("old", answer(1), 1.0, None)
    db.feedback("id1", True, None)
    db.age(2 * 86400)
    db.record("new", answer(2), 1.0, None)
    assert db.purge() == 1 and db.count() == 1
    assert rows(db, "SELECT COUNT(*) FROM feedback") == [(0,)]


def test_stats_and_feedback(url):
    db = open_log(url)
    db.record("Which bank?", answer(1, doc="loans"), 1.0, None)
    db.record("which bank? ", answer(2, doc="loans"), 1.0, None)
    db.record("Singapore tax?", answer(3, abstained=True), 1.0, None)
    db.feedback("id1", True, "good")
    db.feedback("id3", False, None)
    with pytest.raises(UnknownAnswer):
        db.feedback("nope", True, None)
    s = db.stats()
    assert s["questions"] == 3 and s["abstention_rate"] == pytest.approx(1 / 3, abs=1e-3)
    assert s["top_questions"][0]["count"] == 2
    assert s["top_documents"] == [{"doc_id": "loans", "count": 2}]
    assert s["unanswered"] == [{"question": "Singapore tax?", "count": 1}]
    assert s["feedback"] == {"helpful": 1, "not_helpful": 1}
    assert s["per_day"] == [{"day": time.strftime("%Y-%m-%d", time.gmtime()), "questions": 3, "abstained": 1}]


def test_one_vote_per_answer_and_client_seen_by_every_process(url):
    db, other = open_log(url), open_log(url)
    db.record("q", answer(1), 1.0, None)
    db.feedback("id1", True, None, client="addr:1")
    other.feedback("id1", False, "changed my mind", client="addr:1")  # replaces the first vote
    other.feedback("id1", True, None, client="addr:2")
    assert db.stats()["feedback"] == {"helpful": 1, "not_helpful": 1}


def test_hostile_text_is_stored(url):
    db = open_log(url)
    db.record("nul \x00 and a lone \ud800 surrogate; ' OR 1=1 --", answer(1), 1.0, "addr:\x00")
    db.feedback("id1", False, "bad \x00 \udfff", client="addr:\x00")
    assert db.count() == 1 and db.health()["rejected"] == 0
    for hostile in ("id1\x00", "\ud800", "' OR 1=1 --"):
        with pytest.raises(UnknownAnswer):
            db.feedback(hostile, True, None)
    assert rows(db, "SELECT question FROM questions") == [("nul \ufffd and a lone ? surrogate; ' OR 1=1 --",)]


def test_schema_is_at_the_newest_revision_and_opening_again_changes_nothing(url):
    db = open_log(url)
    assert migrate.current_revision(db.engine) == "0003"
    db.record("q", answer(1), 1.0, None)
    again = open_log(url)
    assert again.count() == 1 and migrate.current_revision(again.engine) == "0003"


def test_a_schema_from_a_later_release_is_used_as_it_is(url):
    """A rollback during a rolling update: the older release starts on the newer schema."""
    db = open_log(url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    older = open_log(url)
    older.record("q", answer(1), 1.0, None)
    assert older.count() == 1 and migrate.current_revision(older.engine) == "0099"


def test_workers_starting_together_migrate_once(url):
    errors: list[BaseException] = []

    def start() -> None:
        try:
            open_log(url)
        except BaseException as exc:  # noqa: B036 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert open_log(url).count() == 0


# --- PostgreSQL going away: questions are still logged, later -----------------------------------------


def wait_written(log: QuestionLog, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while log.health()["pending"] and time.monotonic() < deadline:
        time.sleep(0.1)


def test_while_postgres_is_down_rows_wait_in_memory_and_are_written_when_it_is_back(postgres):
    db = open_log(postgres.create_database())
    db.record("before", answer(0), 1.0, None)
    postgres.stop("immediate")
    try:
        started = time.monotonic()
        for i in range(1, 51):
            db.record(f"q{i}", answer(i), 1.0, "addr:1")  # never raises
        assert time.monotonic() - started < 10
        health = db.health()
        assert health["status"] == "degraded" and health["pending"] == 50 and health["failed_writes"] >= 1
        assert health["last_error"] == "OperationalError" and "s3cret" not in repr(health)
        with pytest.raises(StorageUnavailable):
            db.stats()  # 503 through the API, not a 500
        with pytest.raises(StorageUnavailable):
            db.feedback("id0", True, None)
    finally:
        postgres.start()
    wait_written(db)
    assert db.count() == 51 and db.health()["status"] == "ok" and db.health()["dropped"] == 0
    db.feedback("id50", True, None)  # the answers logged late can be rated


def test_a_restart_between_writes_costs_no_failure(postgres):
    """Pooled connections the restart closed are found dead on use; the write goes on a new one."""
    db = open_log(postgres.create_database())
    db.record("before", answer(0), 1.0, None)
    postgres.stop("fast")
    postgres.start()
    db.record("after", answer(1), 1.0, None)
    assert db.health()["failed_writes"] == 0 and db.count() == 2


def test_a_process_starting_while_postgres_is_down_serves_and_catches_up(postgres):
    url = postgres.create_database()
    postgres.stop("immediate")
    try:
        db = open_log(url, backlog=3)  # neither migrated nor salted yet
        for i in range(5):
            db.record(f"q{i}", answer(i), 1.0, "addr:1")
        assert db.health()["pending"] == 3 and db.health()["dropped"] == 2
    finally:
        postgres.start()
    wait_written(db)
    assert db.count() == 3 and migrate.current_revision(db.engine) == "0003"
    assert rows(db, "SELECT DISTINCT client_hash FROM questions") == [(open_log(url).client_hash("addr:1"),)]


# --- SQLite files written by the code before the migrations existed ---------------------------------

FIRST_RELEASE = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE questions (answer_id TEXT PRIMARY KEY, asked_at REAL NOT NULL, question TEXT NOT NULL,
    abstained INTEGER NOT NULL, doc_ids TEXT NOT NULL, latency_ms REAL NOT NULL, client_hash TEXT);
CREATE INDEX questions_time ON questions (asked_at);
CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL REFERENCES questions (answer_id) ON DELETE CASCADE,
    helpful INTEGER NOT NULL, comment TEXT, given_at REAL NOT NULL);
"""
ONE_VOTE = ("ALTER TABLE feedback ADD COLUMN client_hash TEXT;"
            "CREATE UNIQUE INDEX feedback_vote ON feedback (answer_id, client_hash);")


@pytest.mark.parametrize("schema", [FIRST_RELEASE, FIRST_RELEASE + ONE_VOTE], ids=["first-release", "one-vote"])
def test_files_of_earlier_releases_migrate_in_place(tmp_path, schema):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript(schema)
        old.execute("INSERT INTO meta VALUES ('salt', 'old-salt')")
        old.execute("INSERT INTO questions VALUES ('id1', ?, 'kept?', 0, '[\"loans\"]', 3.0, 'h')", (time.time(),))
        old.execute("INSERT INTO feedback (answer_id, helpful, comment, given_at) VALUES ('id1', 1, NULL, ?)",
                    (time.time(),))
    db = open_log(sqlite_url(path))
    assert migrate.current_revision(db.engine) == "0003"
    assert db.count() == 1 and db.client_hash("x") == QuestionLog(make_engine(sqlite_url(path)), salt="old-salt") \
        .client_hash("x")
    db.feedback("id1", False, None, client="addr:1")  # the vote column and index exist now
    db.feedback("id1", True, None, client="addr:1")
    assert db.stats()["feedback"] == {"helpful": 2, "not_helpful": 0}
    assert db.stats()["top_documents"] == [{"doc_id": "loans", "count": 1}]


@pytest.mark.parametrize("bad", ["mysql://root:hunter2@db/x", "postgresql://u:hunter2@[::1", "hunter2"])
def test_a_bad_database_url_is_refused_without_echoing_it(bad):
    from bot.storage import open_log as open_configured
    from core.settings import Settings

    with pytest.raises(ValueError) as refused:
        open_configured(Settings(database_url=bad))
    assert "hunter2" not in str(refused.value) and "POLICYBOT_DATABASE_URL" in str(refused.value)


def test_an_unexpected_write_failure_never_reaches_the_asker(tmp_path, monkeypatch):
    db = open_log(sqlite_url(tmp_path / "log.sqlite3"))
    real = QuestionLog._insert_rows

    def broken(self, values):
        raise RuntimeError("a bug, not the database")

    monkeypatch.setattr(QuestionLog, "_insert_rows", broken)
    db.record("q", answer(1), 1.0, None)  # no exception: the answer is still given
    assert db.health()["status"] == "degraded" and db.health()["pending"] == 1
    monkeypatch.setattr(QuestionLog, "_insert_rows", real)
    wait_written(db)
    assert db.count() == 1


def test_checking_the_file_keeps_this_process_locks(tmp_path) -> None:
    """The damage check reads the header without opening the file itself: closing a second
    descriptor drops every POSIX lock the process holds on the file, and another process closing
    its connection then deleted the WAL this one was still writing (its rows were lost)."""
    import subprocess
    import sys

    db = tmp_path / "log.sqlite3"
    log = open_log(sqlite_url(db))
    log.record("first", answer(1), 1.0, None)
    for _ in range(3):
        assert log.integrity.problem() is None
    count = f"import sqlite3; c = sqlite3.connect({str(db)!r}); print(c.execute('SELECT COUNT(*) FROM questions')" \
            ".fetchone()[0]); c.close()"
    assert subprocess.run([sys.executable, "-c", count], capture_output=True, text=True).stdout.strip() == "1"
    assert (tmp_path / "log.sqlite3-wal").exists()  # the other process knew this one still had it open
    log.record("second", answer(2), 1.0, None)
    assert subprocess.run([sys.executable, "-c", count], capture_output=True, text=True).stdout.strip() == "2"
    log.close()
