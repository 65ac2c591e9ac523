"""Rate limit, body limit, API keys, feedback and admin stats through the real app."""

import asyncio
import threading

import httpx
import pytest
from fastapi.testclient import TestClient

from app.server import create_app
from bot.access.rules import TokenBuckets

Q = {"question": "Which bank gives market-procurement loans?"}


def test_token_bucket_allows_the_rate_then_says_when():
    b = TokenBuckets(per_minute=3)
    assert [b.take("a", now=0.0) for _ in range(3)] == [0, 0, 0]
    wait = b.take("a", now=0.0)
    assert 1 <= wait <= 20
    assert b.take("b", now=0.0) == 0  # clients are independent
    assert b.take("a", now=21.0) == 0


@pytest.fixture
def app_with(real_settings, tmp_path):
    def make(**update) -> TestClient:
        settings = real_settings.model_copy(update={"analytics_db": tmp_path / "log.db", **update})
        return TestClient(create_app(settings))
    return make


def test_rate_limit_gives_429_with_retry_after(app_with):
    with app_with(rate_limit_per_minute=3) as client:
        codes = [client.post("/api/ask", json=Q).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        r = client.post("/api/ask", json=Q)
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert "retry" in r.json()["detail"]
        assert client.get("/api/health").status_code == 200  # probes are never limited


def test_body_limit(app_with):
    with app_with(max_body_bytes=2048) as client:
        r = client.post("/api/ask", json={"question": "x" * 1500, "history": [{"question": "y" * 1000}]})
        assert r.status_code == 413 and r.json()["detail"]

        def chunks():
            yield b'{"question": "'
            for _ in range(10):
                yield b"z" * 500
            yield b'"}'
        r = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413


def test_api_keys(app_with):
    with app_with(api_keys=["k1"], allow_anonymous=False) as client:
        assert client.post("/api/ask", json=Q).status_code == 401
        assert client.post("/api/ask", json=Q, headers={"Authorization": "Bearer bad"}).status_code == 401
        assert client.post("/api/ask", json=Q, headers={"Authorization": "Bearer k1"}).status_code == 200
    with app_with(api_keys=["k1"], allow_anonymous=True, admin_keys=["adm"]) as client:
        assert client.post("/api/ask", json=Q).status_code == 200
        # admin keys are separate from ask keys, and ask keys cannot read stats
        assert client.get("/api/admin/stats", headers={"Authorization": "Bearer k1"}).status_code == 403


def test_questions_are_logged_feedback_and_stats(app_with):
    with app_with(admin_keys=["adm"]) as client:
        a = client.post("/api/ask", json=Q).json()
        client.post("/api/ask", json={"question": "What is the corporate income tax rate in Singapore?"})
        r = client.post("/api/feedback", json={"answer_id": a["answer_id"], "helpful": True, "comment": "ok"})
        assert r.status_code == 201
        assert client.post("/api/feedback", json={"answer_id": "nope", "helpful": True}).status_code == 404
        assert client.post("/api/feedback", json={"answer_id": a["answer_id"], "helpful": "yes"}).status_code == 422
        assert client.get("/api/admin/stats").status_code == 401
        stats = client.get("/api/admin/stats", headers={"Authorization": "Bearer adm"}).json()
        assert stats["questions"] == 2 and stats["abstention_rate"] == 0.5
        assert stats["unanswered"][0]["question"].startswith("What is the corporate income tax")
        assert stats["top_documents"][0]["doc_id"] == "001_557fb4181488ae4b"
        assert stats["feedback"]["helpful"] == 1


def test_concurrent_requests_are_all_logged(real_settings, tmp_path):
    """Real HTTP concurrency against the ASGI app: every answered question leaves a row."""
    settings = real_settings.model_copy(update={"analytics_db": tmp_path / "c.db"})
    app = create_app(settings)

    async def run() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return [r.status_code for r in await asyncio.gather(*[
                client.post("/api/ask", json={"question": f"Which bank gives loans? {i}"})
                for i in range(40)])]

    with TestClient(app):  # runs the lifespan (model, index, analytics)
        statuses = asyncio.run(run())
        assert statuses == [200] * 40
        assert app.state.bot.analytics.count() == 40
    assert threading.active_count() >= 1
