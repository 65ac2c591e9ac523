"""The alert worker on its own, against a real receiver on loopback: deliveries go out even when
the index cannot be read, a receiver too slow for the timeout is a failed attempt, and stopping
the worker mid-delivery hands the row back instead of losing it or waiting for its lease."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import anyio
import httpx
import pytest

from bot.alerts.delivery import AlertWorker
from bot.alerts.events import announce
from bot.storage.alerts import AlertStore
from bot.storage.engine import make_engine, sqlite_url
from core.errors import IndexCorrupt
from core.settings import Settings
from tests.bot.alerts.test_events import DAY, SMALL, notice
from tests.webhook_receiver import receiving


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "shared.sqlite3")
    return request.getfixturevalue("postgres").create_database()


def worker_for(tmp_path: Path, hook: str, database: str | None = None, documents: int = 1,
               **settings: object) -> AlertWorker:
    store = AlertStore(make_engine(database or sqlite_url(tmp_path / "alerts.sqlite3")))
    announce(store, {}, day=DAY)
    if not store.subscriptions_of("key:a"):
        store.subscribe("key:a", SMALL, hook, "en", "whsec_test", 20)
    announce(store, {f"n{i}": notice(f"h{i}") for i in range(documents)}, day=DAY)
    if not (tmp_path / "index").is_symlink():
        (tmp_path / "index@v1").mkdir()
        (tmp_path / "index").symlink_to("index@v1")

    def unreadable() -> None:
        raise IndexCorrupt("a damaged index")

    values = {"webhook_allowed_hosts": ["127.0.0.1"], "webhook_retry_seconds": 60.0,
              "webhook_timeout_seconds": 5.0, "webhook_poll_seconds": 0.05, **settings}
    bot = SimpleNamespace(settings=Settings(**values), index_path=tmp_path / "index", index=unreadable)
    return AlertWorker(bot, store)  # type: ignore[arg-type]


async def one_tick(worker: AlertWorker) -> None:
    async with httpx.AsyncClient(follow_redirects=False, trust_env=False) as client:
        await worker._tick(client)


def test_an_unreadable_index_holds_up_announcing_but_not_delivering(tmp_path: Path) -> None:
    with receiving() as receiver:
        worker = worker_for(tmp_path, receiver.url)
        receiver.secrets = {s["id"]: "whsec_test" for s in worker.store.subscriptions_of("key:a")}
        anyio.run(one_tick, worker)
        [got] = receiver.acknowledged
        assert receiver.signed(got) and worker.store.deliveries()[0]["delivered_at"]


def test_a_receiver_slower_than_the_timeout_is_a_failed_attempt(tmp_path: Path) -> None:
    with receiving() as receiver:
        receiver.delay = 2.0
        worker = worker_for(tmp_path, receiver.url, webhook_timeout_seconds=0.3)
        started = time.monotonic()
        anyio.run(one_tick, worker)
        assert time.monotonic() - started < 1.5
        [row] = worker.store.deliveries()
        assert row["attempts"] == 1 and row["delivered_at"] is None and "within 0.3 s" in row["last_error"]
        assert row["next_attempt_at"] > time.time() + 20  # backed off: 60 s x 0.5-1


def test_stopping_mid_delivery_hands_the_row_back(tmp_path: Path) -> None:
    with receiving() as receiver:
        receiver.delay = 3.0

        async def serve_briefly(worker: AlertWorker) -> None:
            async with worker.running():
                while not receiver.arrived:
                    await anyio.sleep(0.02)
            # the block ended with the POST unanswered: cancelled, not awaited

        worker = worker_for(tmp_path, receiver.url)
        started = time.monotonic()
        anyio.run(serve_briefly, worker)
        assert time.monotonic() - started < 2.5 and not receiver.received  # never answered
        [row] = worker.store.deliveries()
        assert row["attempts"] == 1 and row["delivered_at"] is None and row["failed_at"] is None
        assert row["next_attempt_at"] <= time.time()  # due now for any process, not after its lease


def test_processes_sharing_a_database_deliver_each_row_once(tmp_path: Path, database: str) -> None:
    with receiving() as receiver:
        receiver.delay = 0.05
        workers = [worker_for(tmp_path, receiver.url, database, documents=20) for _ in range(3)]

        async def together() -> None:
            async with anyio.create_task_group() as group:
                for worker in workers:
                    group.start_soon(one_tick, worker)

        anyio.run(together)
        ids = [r.headers["x-policybot-delivery"] for r in receiver.acknowledged]
        errors = [r["last_error"] for r in workers[0].store.deliveries() if r["last_error"]]
        assert len(ids) == len(set(ids)) == 20, errors
        assert all(r["delivered_at"] and r["attempts"] == 1 for r in workers[0].store.deliveries())
