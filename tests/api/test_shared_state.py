"""The whole app (fake encoder) on a real PostgreSQL and a real Redis: two app instances stand for
two replicas sharing the log, the feedback, the statistics and the limit."""

from __future__ import annotations

import pytest

from tests.conftest import ADMIN_KEY

ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
Q = {"question": "Which bank gives loans?"}


@pytest.fixture
def shared(postgres, redis_server) -> dict[str, str]:
    redis_server.flush()
    return {"database_url": postgres.create_database(), "redis_url": redis_server.url}


def test_two_replicas_share_log_feedback_stats_and_limit(fake_app, shared):
    limited = {**shared, "rate_limit_per_minute": 5, "api_keys": ["member"]}
    with fake_app(**limited) as one, fake_app(**limited) as two:
        codes = [(one if i % 2 else two).post("/api/ask", json=Q) for i in range(8)]
        assert [r.status_code for r in codes].count(200) == 5  # one client, one limit for both
        refused = next(r for r in codes if r.status_code == 429)
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        answer_id = next(r for r in codes if r.status_code == 200).json()["answer_id"]
        member = {"Authorization": "Bearer member"}  # another client: a window of its own
        vote = one.post("/api/feedback", json={"answer_id": answer_id, "helpful": False}, headers=member)
        assert vote.status_code == 201
        stats = two.get("/api/admin/stats", headers=ADMIN).json()
        assert stats["questions"] == 5 and stats["feedback"] == {"helpful": 0, "not_helpful": 1}
        health = two.get("/api/health").json()
        assert health["storage"]["backend"] == "postgresql" and health["storage"]["status"] == "ok"
        assert health["limiter"] == {**health["limiter"], "backend": "redis", "scope": "shared"}
        assert "s3cret" not in repr(health) and "***" in health["storage"]["url"]


def test_health_reports_a_redis_that_is_down_and_requests_still_pass(fake_app, shared):
    shared["redis_url"] = "redis://:pw@127.0.0.1:9/0"  # nothing listens on the discard port
    with fake_app(**shared, rate_limit_per_minute=2) as client:
        codes = [client.post("/api/ask", json=Q).status_code for _ in range(3)]
        assert codes == [200, 200, 429]  # the per-process limit stands in; never a 500
        limiter = client.get("/api/health").json()["limiter"]
        assert limiter["status"] == "degraded" and limiter["scope"] == "per-process" and "pw@" not in repr(limiter)


def test_feedback_and_stats_answer_503_while_the_database_is_down(fake_app, postgres):
    with fake_app(database_url=postgres.create_database()) as client:
        answer_id = client.post("/api/ask", json=Q).json()["answer_id"]
        postgres.stop("immediate")
        try:
            assert client.post("/api/ask", json=Q).status_code == 200  # logged later
            r = client.post("/api/feedback", json={"answer_id": answer_id, "helpful": True})
            assert r.status_code == 503 and "127.0.0.1" not in r.text
            assert client.get("/api/admin/stats", headers=ADMIN).status_code == 503
            storage = client.get("/api/health").json()["storage"]
            assert storage["status"] == "degraded" and storage["pending"] == 1
        finally:
            postgres.start()
