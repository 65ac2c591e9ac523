"""A damaged SQLite database under a running app: health says so, writes answer a clear 503,
questions are still answered, and no reply names the file."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tests.api.test_subscriptions import FITS, alerts_app, subscribe  # noqa: F401 - a fixture

DAMAGED = "the database is damaged and refuses changes until the administrator restores it"


def test_garbage_over_the_database_is_reported_and_writes_are_refused(alerts_app, tmp_path: Path) -> None:  # noqa: F811
    with alerts_app() as api:
        assert subscribe(api, "http://127.0.0.1:9/hook", FITS).status_code == 201
        answer = api.post("/api/ask", json={"question": "How many textile clusters are there?"}).json()
        assert api.get("/api/health").json()["storage"]["status"] == "ok"
        db = tmp_path / "log.sqlite3"
        db.write_bytes(os.urandom(db.stat().st_size))  # in place: the processes keep their handles
        health = api.get("/api/health").json()
        assert health["status"] == "ok" and health["storage"]["status"] == "failing", health
        assert "not an SQLite database" in health["storage"]["last_error"] and str(tmp_path) not in str(health)
        for write in (lambda: subscribe(api, "http://127.0.0.1:9/other", FITS),
                      lambda: api.post("/api/feedback", json={"answer_id": answer["answer_id"], "helpful": True})):
            refused = write()
            assert refused.status_code == 503 and refused.json()["detail"].startswith(DAMAGED), refused.text
            assert str(tmp_path) not in refused.text
        again = api.post("/api/ask", json={"question": "How many textile clusters are there?"})
        assert again.status_code == 200 and "216" in again.json()["answer"]


def test_a_damaged_page_behind_a_good_header_is_found_and_reported(fake_app, tmp_path: Path) -> None:
    """The header survives, a table's pages do not: SQLite's own "malformed" verdict counts too,
    and a server starting on such a file serves questions with its storage reported failing."""
    with fake_app() as api:
        for n in range(200):
            api.post("/api/ask", json={"question": f"How many textile clusters are there? ({n})"})
    db = tmp_path / "log.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(db, "r+b") as handle:  # every page after the first: garbage
        handle.seek(page)
        handle.write(os.urandom(db.stat().st_size - page))
    with fake_app() as api:
        answered = api.post("/api/ask", json={"question": "How many textile clusters are there?"})
        assert answered.status_code == 200
        storage = api.get("/api/health").json()["storage"]
        assert storage["status"] == "failing" and "damaged" in storage["last_error"], storage
        vote = api.post("/api/feedback", json={"answer_id": answered.json()["answer_id"], "helpful": True})
        assert vote.status_code == 503 and vote.json()["detail"].startswith(DAMAGED)
