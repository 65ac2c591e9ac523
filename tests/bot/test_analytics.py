import sqlite3
import threading
import time

import pytest

from bot.analytics import Analytics
from bot.records import Answer, Citation
from core.errors import UnknownAnswer


def answer(i: int, abstained: bool = False, doc: str = "a") -> Answer:
    cites = [] if abstained else [Citation(n=1, doc_id=doc, title="T", date=None, source="s", chunk_id="c", text="text",
                                            score=0.5)]
    return Answer("x [1]", abstained, cites, f"id{i}")


def test_concurrent_writes_lose_no_rows(tmp_path):
    db = Analytics(tmp_path / "log.sqlite3")
    other = Analytics(tmp_path / "log.sqlite3")  # a second process's connection

    def write(log: Analytics, start: int) -> None:
        for i in range(start, start + 100):
            log.record(f"question {i}", answer(i), 1.0, "10.0.0.1")

    threads = [threading.Thread(target=write, args=(db if n % 2 else other, n * 100)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert db.count() == 800


def test_client_address_is_stored_only_as_salted_hash(tmp_path):
    path = tmp_path / "log.sqlite3"
    db = Analytics(path, salt="pepper")
    db.record("q", answer(1), 2.0, "203.0.113.7")
    rows = sqlite3.connect(path).execute("SELECT * FROM questions").fetchall()
    assert "203.0.113.7" not in repr(rows)
    assert rows[0][-1] == db.client_hash("203.0.113.7") != Analytics(tmp_path / "o.db").client_hash("203.0.113.7")


def test_retention_purges_old_rows(tmp_path):
    db = Analytics(tmp_path / "log.sqlite3", retention_days=1)
    db.record("old", answer(1), 1.0, None)
    db._db.execute("UPDATE questions SET asked_at = ?", (time.time() - 2 * 86400,))
    db.record("new", answer(2), 1.0, None)
    assert db.purge() == 1 and db.count() == 1


def test_stats_and_feedback(tmp_path):
    db = Analytics(tmp_path / "log.sqlite3")
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
    assert sum(d["questions"] for d in s["per_day"]) == 3
