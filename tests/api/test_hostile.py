"""Attacks on the public API, in process with the fake encoder (fast): each was answered wrongly
before (a 500, a bypass, a lost document); the 2-worker server suite is tests/app/test_hostile_server.py."""

from __future__ import annotations

import json
import secrets
import threading
from typing import Any

import anyio
import pytest

from app.server import create_app
from core.settings import Settings
from tests.conftest import ADMIN_KEY

AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}
TEXT = b"Silk certification\n\nThe Hangzhou Silk Inspection Bureau certifies organic silk exports.\n"


def upload(client: Any, name: str, content: bytes, **params: Any) -> Any:
    return client.post("/api/documents", headers=AUTH, params=params,
                       files={"file": (name, content, "application/octet-stream")})


# --- 1. an upload's key and size are checked before its body is read ---------------------------


def _raw_upload(settings: Settings, headers: list[tuple[bytes, bytes]], chunks: int, chunk: bytes) -> tuple[int, int]:
    """POST /api/documents straight into the ASGI app; (status, body messages the app pulled)."""
    app = create_app(settings)
    pulled, status = 0, 0

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": chunk, "more_body": pulled < chunks}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "method": "POST", "path": "/api/documents", "raw_path": b"/api/documents",
             "query_string": b"", "headers": [(b"content-type", b"multipart/form-data; boundary=x"), *headers],
             "client": ("203.0.113.9", 5000), "server": ("127.0.0.1", 8000), "scheme": "http",
             "http_version": "1.1", "root_path": "", "app": app}
    anyio.run(app, scope, receive, send)
    return status, pulled


@pytest.mark.parametrize(("auth", "status"), [(None, 401), (b"Bearer wrong", 403)])
def test_an_upload_without_a_valid_admin_key_is_refused_unread(tmp_path, auth: bytes | None, status: int) -> None:
    settings = Settings(corpus=tmp_path / "c", index=tmp_path / "i", admin_keys=[ADMIN_KEY], analytics_db=None)
    headers = [(b"authorization", auth)] if auth else []
    got, pulled = _raw_upload(settings, [*headers, (b"content-length", b"2000000000")], 1000, b"x" * 65536)
    assert (got, pulled) == (status, 0)


def test_an_upload_over_the_limit_is_refused_by_its_length_or_as_it_arrives(tmp_path) -> None:
    settings = Settings(corpus=tmp_path / "c", index=tmp_path / "i", admin_keys=[ADMIN_KEY], analytics_db=None,
                        max_upload_bytes=100_000)
    key = [(b"authorization", f"Bearer {ADMIN_KEY}".encode())]
    assert _raw_upload(settings, [*key, (b"content-length", b"2000000000")], 1000, b"x" * 65536) == (413, 0)
    status, pulled = _raw_upload(settings, key, 1000, b"x" * 65536)  # chunked: no length given
    assert status == 413 and pulled <= 3  # stopped just past the limit, not after 64 MB


# --- 5. concurrent changes of one document: each reply describes what is indexed -------------


def test_concurrent_valid_and_broken_uploads_of_one_name(fake_app) -> None:
    with fake_app() as client:
        for round_ in range(5):
            valid = TEXT + f"Round {round_}.\n".encode()
            results: dict[str, int] = {}

            def send(kind: str, name: str, content: bytes, results: dict[str, int] = results) -> None:
                results[kind] = upload(client, name, content, replace="true").status_code

            # Same document id: race.txt (valid) against race.pdf (not a PDF), both replacing.
            threads = [threading.Thread(target=send, args=("valid", "race.txt", valid)),
                       threading.Thread(target=send, args=("broken", "race.pdf", b"%PDF-1.4 broken"))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert results["broken"] == 422, results
            assert results["valid"] == 201, results
            doc = client.get("/api/documents/race")
            assert doc.status_code == 200, (round_, results)
            assert doc.json()["source"] == "race.txt"
            client.delete("/api/documents/race", headers=AUTH)


# --- 6. document ids are stable -------------------------------------------------------------------


def test_a_same_stem_upload_is_a_conflict_naming_the_file_or_replaces_it_explicitly(fake_app) -> None:
    with fake_app() as client:
        before = {d["doc_id"]: d["source"] for d in client.get("/api/documents").json()}
        r = upload(client, "loans.md", b"# Loans\n\nA different text about loans from Ruifeng Bank.\n")
        assert r.status_code == 409 and "loans.txt" in r.json()["detail"]
        assert {d["doc_id"]: d["source"] for d in client.get("/api/documents").json()} == before
        r = upload(client, "loans.md", b"# Loans\n\nA different text about loans from Ruifeng Bank.\n",
                   replace="true")
        assert r.status_code == 201 and r.json()["doc_id"] == "loans" and r.json()["replaced"] == ["loans.txt"]
        assert client.get("/api/documents/loans").json()["source"] == "loans.md"


# --- 8. made-up keys share their address's limit; one vote per answer and client ---------------


def test_made_up_bearer_values_count_against_the_address(fake_app) -> None:
    with fake_app(rate_limit_per_minute=5) as client:
        codes = [client.post("/api/ask", json={"question": "textile clusters"},
                             headers={"Authorization": f"Bearer {secrets.token_hex(8)}"}).status_code
                 for _ in range(20)]
        assert codes.count(200) == 5 and codes.count(429) == 15


def test_a_made_up_key_is_a_401_when_keys_are_configured(fake_app) -> None:
    with fake_app(api_keys=["member-key"]) as client:
        r = client.post("/api/ask", json={"question": "textile clusters"}, headers={"Authorization": "Bearer x"})
        assert r.status_code == 401


def test_feedback_is_one_vote_per_answer_and_client(fake_app) -> None:
    with fake_app() as client:
        answer_id = client.post("/api/ask", json={"question": "How many textile clusters are there?"}).json()[
            "answer_id"]
        for i in range(30):
            assert client.post("/api/feedback", json={"answer_id": answer_id, "helpful": i % 2 == 0}).status_code == 201
        stats = client.get("/api/admin/stats", headers=AUTH).json()["feedback"]
        assert stats == {"helpful": 0, "not_helpful": 1}  # the last vote, once


# --- 9. the chat UI passes the same checks ---------------------------------------------------------


def test_the_chat_needs_the_api_key_when_anonymous_use_is_off_and_is_rate_limited(fake_app) -> None:
    from ui.chat import reply

    with fake_app(allow_anonymous=False, api_keys=["member-key"], rate_limit_per_minute=3) as client:
        bot = client.app.state.bot
        _, history, ids = reply(bot, "How many textile clusters are there?", [], {}, None, "198.51.100.7")
        assert "API key is required" in history[-1]["content"] and not ids
        answered = 0
        for _ in range(6):
            _, history, ids = reply(bot, "How many textile clusters are there?", [], {}, "member-key",
                                    "198.51.100.7")
            answered += bool(ids)
        assert answered == 3 and "too many requests" in history[-1]["content"]


# --- 10. hostile JSON is a 422, never a 500 ------------------------------------------------------


@pytest.mark.parametrize("body", [
    '{"question": "x", "top_k": 1e309}', '{"question": "x", "top_k": NaN}', '{"question": "x", "top_k": -Infinity}',
    '{"question": "\\ud800"}', '{"question": "ok \\udc00 ok"}', '{"question": "ok", "doc_ids": ["\\ud800"]}',
    '{"question": "ok", "history": [{"question": "\\ud800"}]}', '{"question": 1e309}',
])
def test_hostile_json_is_a_422(fake_app, body: str) -> None:
    with fake_app() as client:
        r = client.post("/api/ask", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 422 and r.json()["detail"]


def test_an_emoji_written_as_a_surrogate_pair_is_a_character(fake_app) -> None:
    with fake_app() as client:
        r = client.post("/api/ask", content='{"question": "textile clusters \\ud83d\\ude00"}',
                        headers={"content-type": "application/json"})
        assert r.status_code == 200


def test_hostile_feedback_json_is_a_422(fake_app) -> None:
    with fake_app() as client:
        r = client.post("/api/feedback", content='{"answer_id": "\\udc00", "helpful": true, "comment": 1e309}',
                        headers={"content-type": "application/json"})
        assert r.status_code == 422


# --- 11. long file names ----------------------------------------------------------------------------


@pytest.mark.parametrize("length", [255, 300, 5000])
def test_a_long_file_name_is_a_4xx_that_shows_no_server_path(fake_app, small_corpus, length: int) -> None:
    with fake_app() as client:
        r = upload(client, "a" * (length - 4) + ".txt", TEXT)
        assert 400 <= r.status_code < 500
        assert str(small_corpus) not in r.text and "/" not in r.json()["detail"].replace("/api", "")


def test_a_missing_index_is_a_503_that_shows_no_server_path(tmp_path) -> None:
    from fastapi.testclient import TestClient

    with TestClient(create_app(Settings(index=tmp_path / "nowhere" / "index", analytics_db=None))) as client:
        r = client.post("/api/ask", json={"question": "anything"})
        health = client.get("/api/health").json()
        assert r.status_code == 503 and "policybot index" in r.json()["detail"]
        assert str(tmp_path) not in r.text and str(tmp_path) not in str(health)


def test_admin_replies_name_no_server_path(fake_app, tmp_path) -> None:
    """Uploads and deletes answer with the build report, without the index's location (they gave
    "report": {"index": "/…"}) or any other path of the server."""
    with fake_app() as client:
        (tmp_path / "corpus" / "broken.docx").write_bytes(b"not a zip")  # a skipped file in the report
        added = upload(client, "fresh.txt", TEXT)
        gone = client.delete("/api/documents/fresh", headers=AUTH)
        for reply in (added, gone):
            assert reply.status_code in (200, 201), reply.text
            report = reply.json()["report"]
            assert "index" not in report and report["documents"] >= 1
            assert str(tmp_path) not in reply.text and "/tmp" not in reply.text
            assert [s["file"] for s in report["skipped"]] == ["broken.docx"]


# --- a 422 echoes a bounded part of what was sent ------------------------------------------------

AMPLIFIERS = {
    "extra fields": {"profile": {f"k{i}": "x" * 30 for i in range(1200)}},
    "extra objects": {"profile": {f"k{i}": {"a": "x"} for i in range(2000)}},
    "long keys": {"profile": {"k" * 40_000: 1}},
    "long values": {"profile": {"employees": "x" * 49_000, "region": ["x" * 40] * 10}},
    "list of bodies": [{"profile": {}}] * 3000,
}


@pytest.mark.parametrize("body", list(AMPLIFIERS.values()), ids=list(AMPLIFIERS))
def test_an_invalid_body_gets_a_small_422_naming_its_first_problems(fake_app, body) -> None:
    """Every invalid field echoed in full made a 40-50 kB body a 43-330 kB error."""
    raw = json.dumps(body).encode()
    assert 40_000 <= len(raw) <= 64_000
    r = fake_app().post("/api/match", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422 and len(r.content) <= 6_000, len(r.content)
    reply = r.json()
    assert reply["detail"] and 1 <= len(reply["errors"]) <= 10
    echoes = [e.get("input", "") for e in reply["errors"]]
    assert all(len(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) <= 101 for x in echoes), echoes
