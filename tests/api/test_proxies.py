"""Proxy headers through the app: the rate limit and the one vote per answer behind a trusted
proxy (each forwarded client counts alone; what a client writes into X-Forwarded-For itself does
not make it another client) and behind an untrusted one (the header is ignored)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import ADMIN_KEY

INGRESS, OTHER_POD = "10.0.5.3", "10.0.9.9"
LIMIT = 5


def through(fake_app, peer: str, **settings: object) -> TestClient:
    """The app (fake encoder, limit 5 a minute) as reached from ``peer``; the ingress is trusted."""
    values = {"trusted_proxies": [f"{INGRESS}/32"], "rate_limit_per_minute": LIMIT, **settings}
    return TestClient(fake_app(**values).app, client=(peer, 40000))


def statuses(api: TestClient, forwarded: list[str]) -> list[int]:
    return [api.get("/api/documents", headers={"X-Forwarded-For": xff}).status_code for xff in forwarded]


def test_behind_the_trusted_proxy_each_client_has_its_own_limit(fake_app) -> None:
    with through(fake_app, INGRESS) as api:
        assert statuses(api, [f"198.51.100.{i}" for i in range(2 * LIMIT)]) == [200] * 2 * LIMIT
        spoofed = statuses(api, [f"6.6.6.{i}, 203.0.113.9" for i in range(2 * LIMIT)])
        assert spoofed == [200] * LIMIT + [429] * LIMIT  # one client, whatever it wrote on the left


def test_behind_an_untrusted_proxy_the_header_is_ignored(fake_app) -> None:
    with through(fake_app, OTHER_POD) as api:
        codes = statuses(api, [f"198.51.100.{i}" for i in range(3 * LIMIT)])
        assert codes == [200] * LIMIT + [429] * 2 * LIMIT


def votes(fake_app, peer: str, forwarded: list[str]) -> dict[str, int]:
    """Not-helpful votes on one answer, one request per X-Forwarded-For value; the feedback counts."""
    with through(fake_app, peer, rate_limit_per_minute=0) as api:
        answer = api.post("/api/ask", json={"question": "How many textile clusters are there?"}).json()
        for xff in forwarded:
            r = api.post("/api/feedback", json={"answer_id": answer["answer_id"], "helpful": False},
                         headers={"X-Forwarded-For": xff})
            assert r.status_code == 201, r.text
        return api.get("/api/admin/stats", headers={"Authorization": f"Bearer {ADMIN_KEY}"}).json()["feedback"]


def test_one_vote_per_answer_and_client_whatever_the_header_says(fake_app, tmp_path) -> None:
    stuffed = [f"198.51.100.{i}" for i in range(30)]
    assert votes(fake_app, OTHER_POD, stuffed)["not_helpful"] == 1
    (tmp_path / "log.sqlite3").unlink()
    assert votes(fake_app, INGRESS, [f"{x}, 203.0.113.9" for x in stuffed])["not_helpful"] == 1
    (tmp_path / "log.sqlite3").unlink()
    assert votes(fake_app, INGRESS, stuffed[:3])["not_helpful"] == 3  # three clients behind the ingress


def test_the_chat_sees_the_forwarded_client_too(fake_app) -> None:
    """The chat's Ask event (Gradio's run/predict) counts against the same per-client limit."""
    with through(fake_app, INGRESS) as api:
        config = api.get("/config").json()
        event = next(i for i, dep in enumerate(config["dependencies"]) if len(dep.get("inputs", [])) == 4)

        def ask(xff: str) -> str:
            r = api.post("/gradio_api/run/predict", headers={"X-Forwarded-For": xff}, json={
                "data": ["How many textile clusters are there?", [], {}, ""], "fn_index": event,
                "session_hash": "s", "trigger_id": config["dependencies"][event]["targets"][0][0]})
            content = r.json()["data"][1][-1]["content"]
            return content if isinstance(content, str) else " ".join(c["text"] for c in content)

        assert all("216" in ask(f"198.51.100.{i}") for i in range(LIMIT + 2))
        replies = [ask(f"6.6.6.{i}, 203.0.113.9") for i in range(LIMIT + 2)]
        assert all("216" in r for r in replies[:LIMIT]) and all("too many requests" in r for r in replies[LIMIT:])
