"""Two replicas on real engines: two `policybot serve --workers 2` on two ports sharing one index,
one PostgreSQL and one Redis (private servers, tests/dbservers.py).

The claims of the multi-replica layout, in order: no question-log row is lost over 2,000
questions spread over both; a client's limit of N per minute holds across both; feedback given
through one is counted in the statistics of the other; an X-Forwarded-For header from a peer that
is no trusted proxy (none is, by default) makes no new client; PostgreSQL killed mid-run leaves
questions answering, and the rows of that time are written once it is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import psycopg
import pytest

from tests.dbservers import Postgres, Redis
from tests.servers import serving

pytestmark = pytest.mark.e2e  # the real model, a real index, real processes

LIMIT = 30  # per client per minute
KEYS = [f"member-{n:03d}" for n in range(100)]  # 2,000 questions, 20 per key: under the limit
LIMITED = "limited-member"
ADMIN = "replica-admin"
QUESTIONS = ["Which bank gives market-procurement loans?", "What does the export credit insurance cover?",
             "Who can apply for the exhibition subsidy?", "What is the tax rebate for cotton yarn?",
             "Where do I send a subsidy application?"]


@dataclass
class Replicas:
    bases: list[str]
    postgres: Postgres
    database: str

    def rows(self, answer_ids: list[str]) -> int:
        with psycopg.connect(self.postgres.url(self.database)) as conn:
            return conn.execute("SELECT COUNT(*) FROM questions WHERE answer_id = ANY(%s)",
                                (answer_ids,)).fetchone()[0]


@pytest.fixture(scope="module")
def replicas(real_settings) -> Iterator[Replicas]:
    postgres, redis_server = Postgres(), Redis()  # this module's own: it kills PostgreSQL
    database = postgres.create_database().rsplit("/", 1)[1]
    env = {**os.environ, "POLICYBOT_DATABASE_URL": postgres.url(database, password="s3cret-pw"),
           "POLICYBOT_REDIS_URL": redis_server.url, "POLICYBOT_RATE_LIMIT_PER_MINUTE": str(LIMIT),
           "POLICYBOT_API_KEYS": json.dumps([*KEYS, LIMITED]), "POLICYBOT_ADMIN_KEYS": json.dumps([ADMIN])}
    try:
        with contextlib.ExitStack() as stack:
            bases = [stack.enter_context(serving(["--index", str(real_settings.index)], env))[1] for _ in range(2)]
            yield Replicas(bases, postgres, database)
    finally:
        postgres.close()
        redis_server.close()


async def ask_many(bases: list[str], count: int, key_of, concurrency: int = 16,
                   new_connections: bool = False) -> list[httpx.Response]:
    """``count`` questions spread over the servers in turn, ``concurrency`` at a time."""
    clients = [httpx.AsyncClient(base_url=b, timeout=60, limits=httpx.Limits(max_connections=concurrency))
               for b in bases]
    gate = asyncio.Semaphore(concurrency)

    async def one(i: int) -> httpx.Response:
        async with gate:
            headers = {"Authorization": f"Bearer {key_of(i)}"}
            body = {"question": f"{QUESTIONS[i % len(QUESTIONS)]} ({i})"}
            if new_connections:
                async with httpx.AsyncClient(base_url=bases[i % len(bases)], timeout=60) as fresh:
                    return await fresh.post("/api/ask", json=body, headers=headers)
            return await clients[i % len(bases)].post("/api/ask", json=body, headers=headers)

    try:
        return await asyncio.gather(*(one(i) for i in range(count)))
    finally:
        for client in clients:
            await client.aclose()


def test_2000_questions_over_both_replicas_lose_no_log_row(replicas):
    started = time.monotonic()
    answers = asyncio.run(ask_many(replicas.bases, 2000, lambda i: KEYS[i % len(KEYS)]))
    assert [r.status_code for r in answers] == [200] * 2000, {r.status_code for r in answers}
    ids = [r.json()["answer_id"] for r in answers]
    assert len(set(ids)) == 2000 and replicas.rows(ids) == 2000
    print(f"2,000 questions over 2 replicas in {time.monotonic() - started:.1f} s")


def test_a_clients_limit_holds_across_both_replicas(replicas):
    answers = asyncio.run(ask_many(replicas.bases, 3 * LIMIT, lambda i: LIMITED, concurrency=12))
    codes = [r.status_code for r in answers]
    assert codes.count(200) == LIMIT and codes.count(429) == 2 * LIMIT, codes
    served = {base: 0 for base in replicas.bases}
    for i, r in enumerate(answers):
        served[replicas.bases[i % 2]] += r.status_code == 200
        if r.status_code == 429:
            assert 1 <= int(r.headers["retry-after"]) <= 60
    assert all(served.values()), served  # both replicas answered some: the limit is one, not two halves


def test_feedback_through_one_replica_is_counted_by_the_other(replicas):
    one, two = replicas.bases
    admin = {"Authorization": f"Bearer {ADMIN}"}
    before = httpx.get(f"{two}/api/admin/stats", headers=admin).json()["feedback"]
    answer = httpx.post(f"{two}/api/ask", json={"question": QUESTIONS[0]},
                        headers={"Authorization": f"Bearer {KEYS[0]}"})
    vote = httpx.post(f"{one}/api/feedback", json={"answer_id": answer.json()["answer_id"], "helpful": False},
                      headers={"Authorization": f"Bearer {KEYS[1]}"})
    assert vote.status_code == 201, vote.text
    after = httpx.get(f"{two}/api/admin/stats", headers=admin).json()["feedback"]
    assert after == {**before, "not_helpful": before["not_helpful"] + 1}
    assert httpx.get(f"{one}/api/admin/stats", headers=admin).json()["feedback"] == after


def test_x_forwarded_for_from_an_untrusted_peer_changes_no_client(replicas):
    """No proxy is trusted by default, loopback included: a rotating X-Forwarded-For sent from
    127.0.0.1 neither stuffs votes nor escapes the limit (uvicorn believed it from 127.0.0.1:
    every vote counted, and 90 of 90 questions went through a limit of 30)."""
    one, two = replicas.bases
    admin = {"Authorization": f"Bearer {ADMIN}"}
    before = httpx.get(f"{one}/api/admin/stats", headers=admin).json()["feedback"]
    answer = httpx.post(f"{one}/api/ask", json={"question": QUESTIONS[1]},
                        headers={"Authorization": f"Bearer {KEYS[2]}"}).json()["answer_id"]
    votes = 5
    for i in range(votes):  # anonymous: each counts against 127.0.0.1's limit too
        vote = httpx.post(f"{two}/api/feedback", json={"answer_id": answer, "helpful": False},
                          headers={"X-Forwarded-For": f"198.51.100.{i}"})
        assert vote.status_code == 201, vote.text
    after = httpx.get(f"{one}/api/admin/stats", headers=admin).json()["feedback"]
    assert after["not_helpful"] == before["not_helpful"] + 1
    codes = [httpx.post(f"{replicas.bases[i % 2]}/api/ask", json={"question": QUESTIONS[0]}, timeout=60,
                        headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(3 * LIMIT)]
    assert codes.count(200) == LIMIT - votes and codes.count(429) == 2 * LIMIT + votes, codes


def health_reports(base: str, probes: int = 12) -> list[dict]:
    """``storage`` from /api/health over new connections (spread over the workers by the kernel)."""
    return [httpx.get(f"{base}/api/health", timeout=10).json()["storage"] for _ in range(probes)]


def test_postgres_killed_mid_run_questions_still_answer_and_rows_arrive_later(replicas):
    keys = lambda i: KEYS[(i + 50) % len(KEYS)]  # noqa: E731 - each key still under the limit
    replicas.postgres.stop("immediate")  # killed, not shut down: no checkpoint, crash recovery on start
    try:
        answers = asyncio.run(ask_many(replicas.bases, 200, keys, concurrency=8, new_connections=True))
        assert [r.status_code for r in answers] == [200] * 200
        for base in replicas.bases:
            reports = health_reports(base)
            assert any(s["status"] == "degraded" and s["failed_writes"] >= 1 for s in reports), reports
            assert all("s3cret" not in json.dumps(s) for s in reports)
    finally:
        replicas.postgres.start()
    ids = [r.json()["answer_id"] for r in answers]
    deadline = time.monotonic() + 60
    while replicas.rows(ids) < 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert replicas.rows(ids) == 200
    for base in replicas.bases:  # every worker has emptied its backlog
        assert all(s["pending"] == 0 and s["dropped"] == 0 for s in health_reports(base))
