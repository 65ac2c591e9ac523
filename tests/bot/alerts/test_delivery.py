"""The alert worker on its own, against real receivers on loopback: deliveries go out even when
the index cannot be read, a receiver too slow for the timeout is a failed attempt, stopping the
worker mid-delivery hands the row back instead of losing it or waiting for its lease; a name is
delivered to only at a checked address, and hanging receivers delay no one else's delivery."""

from __future__ import annotations

import contextlib
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
from tests.webhook_receiver import TOLERANCE_S, receiving, verify


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "shared.sqlite3")
    return request.getfixturevalue("postgres").create_database()


def worker_for(tmp_path: Path, hook: str, database: str | None = None, documents: int = 1,
               store: AlertStore | None = None, **settings: object) -> AlertWorker:
    """An alert worker on a new database where key:a subscribed ``hook`` and ``documents`` notices
    were announced; or, given ``store``, on that database as it is."""
    if store is not None:
        return _worker(tmp_path, store, settings)
    store = AlertStore(make_engine(database or sqlite_url(tmp_path / "alerts.sqlite3")))
    announce(store, {}, day=DAY)
    if not store.subscriptions_of("key:a"):
        store.subscribe("key:a", SMALL, hook, "en", "whsec_test", 20)
    announce(store, {f"n{i}": notice(f"h{i}") for i in range(documents)}, day=DAY)
    return _worker(tmp_path, store, settings)


def _worker(tmp_path: Path, store: AlertStore, settings: dict[str, object]) -> AlertWorker:
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


def test_a_replayed_delivery_fails_the_documented_check(tmp_path: Path) -> None:
    """The timestamp is signed with the body: a receiver following docs/alerts.md refuses a request
    replayed after its tolerance, and one whose timestamp was changed to look fresh."""
    with receiving() as receiver:
        worker = worker_for(tmp_path, receiver.url)
        anyio.run(one_tick, worker)
        [got] = receiver.acknowledged
        sent = int(got.headers["x-policybot-timestamp"])
        assert verify("whsec_test", got.body, got.headers)
        assert not verify("whsec_test", got.body, got.headers, now=sent + TOLERANCE_S + 1)
        refreshed = {**got.headers, "x-policybot-timestamp": str(sent + TOLERANCE_S + 1)}
        assert not verify("whsec_test", got.body, refreshed, now=sent + TOLERANCE_S + 1)


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


class SlowAnswers(AlertStore):
    """A database whose claims come back late (a loaded server): deliveries end while one is on its way."""

    def claim(self, *args: object, **kwargs: object) -> list:  # type: ignore[override]
        taken = super().claim(*args, **kwargs)  # type: ignore[arg-type]
        time.sleep(0.3)
        return taken


def test_deliveries_ending_during_a_claim_do_not_end_the_round(tmp_path: Path) -> None:
    """A claim made while every slot to a receiver was taken offers nothing; if those deliveries
    end before it returns, the round goes on claiming instead of leaving the rest for the next poll."""
    with receiving() as receiver:
        receiver.delay = 0.05
        store = worker_for(tmp_path, receiver.url, documents=6).store
        worker = worker_for(tmp_path, receiver.url, store=SlowAnswers(store.engine))
        anyio.run(one_tick, worker)
        assert len(receiver.acknowledged) == 6
        assert all(r["delivered_at"] for r in worker.store.deliveries())


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


# --- where a delivery may connect: the name's address, checked and pinned ------------------------


def loopback_name() -> str:
    """A name the system's resolver maps to loopback (/etc/hosts): the machine's own, else localhost."""
    import socket

    for name in (socket.gethostname(), "localhost"):
        try:
            if {info[4][0] for info in socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)} == {"127.0.0.1"}:
                return name
        except OSError:
            continue
    pytest.skip("no host name resolves to 127.0.0.1 only")


def test_an_allowed_name_that_resolves_to_loopback_gets_nothing_whatever_the_port(tmp_path: Path) -> None:
    """The allow-list names a host; its address must be public unless listed itself. A refused
    address fails alike on an open and a closed port: the counts are no port scanner."""
    name = loopback_name()
    with receiving() as receiver:
        port = int(receiver.url.rsplit(":", 1)[1].split("/")[0])
        worker = worker_for(tmp_path, f"http://{name}:{port}/hooks/policybot", webhook_allowed_hosts=[name])
        worker.store.subscribe("key:a", SMALL, f"http://{name}:9/closed", "en", "whsec_test", 20)
        announce(worker.store, {"n-late": notice("h-late")}, day=DAY)
        anyio.run(one_tick, worker)
        assert receiver.arrived == 0 and not receiver.received
        errors = {r["last_error"] for r in worker.store.deliveries()}
        assert errors == {f"{name} resolves to 127.0.0.1: not a public address, and not listed in "
                          "POLICYBOT_WEBHOOK_ALLOWED_HOSTS"}, errors


def test_the_administrator_may_list_the_exact_address(tmp_path: Path) -> None:
    name = loopback_name()
    with receiving() as receiver:
        port = int(receiver.url.rsplit(":", 1)[1].split("/")[0])
        worker = worker_for(tmp_path, f"http://{name}:{port}/hooks/policybot",
                            webhook_allowed_hosts=[name, "127.0.0.1"])
        receiver.secrets = {s["id"]: "whsec_test" for s in worker.store.subscriptions_of("key:a")}
        anyio.run(one_tick, worker)
        [got] = receiver.acknowledged
        assert receiver.signed(got) and got.headers["host"] == f"{name}:{port}"


def test_the_connection_goes_to_the_address_that_was_checked(tmp_path: Path) -> None:
    """A name only this worker's resolver knows (as a hosts file would say it) is delivered to at
    the address checked, with the name in Host: nothing resolves it a second time."""
    asked: list[str] = []

    def hosts_file(host: str) -> list[str]:
        asked.append(host)
        return {"hooks.members.test": ["127.0.0.1"], "metadata.members.test": ["169.254.169.254"]}[host]

    with receiving() as receiver:
        port = int(receiver.url.rsplit(":", 1)[1].split("/")[0])
        worker = worker_for(tmp_path, f"http://hooks.members.test:{port}/hooks/policybot",
                            webhook_allowed_hosts=["*.members.test", "127.0.0.1"])
        worker.store.subscribe("key:b", SMALL, "http://metadata.members.test/latest/meta-data/", "en", "whsec_b", 20)
        announce(worker.store, {"n-late": notice("h-late")}, day=DAY)
        worker.resolve = hosts_file
        started = time.monotonic()
        anyio.run(one_tick, worker)
        assert time.monotonic() - started < 3  # the refused one fails at once, not at the timeout
        got = receiver.acknowledged
        assert len(got) == 2 and {r.headers["host"] for r in got} == {f"hooks.members.test:{port}"}
        assert sorted(asked) == ["hooks.members.test"] * 2 + ["metadata.members.test"]
        refused = [r for r in worker.store.deliveries() if r["delivered_at"] is None]
        assert len(refused) == 1 and "169.254.169.254: not a public address" in refused[0]["last_error"]


# --- a slow receiver delays no one else ---------------------------------------------------------


def fast_delivery_delay(tmp_path: Path, slow: list[tuple[str, str]], fast_owner: str, fast_url: str,
                        timeout: float = 1.5) -> float:
    """Seconds until the fast receiver has its delivery, from the start of a serving process's alert
    worker, with the ``slow`` (owner, URL) subscriptions' deliveries due before it; the worker is
    stopped then (the slow ones still hanging)."""
    store = AlertStore(make_engine(sqlite_url(tmp_path / "fair.sqlite3")))
    announce(store, {}, day=DAY)
    for owner, url in slow:
        store.subscribe(owner, SMALL, url, "en", "whsec_slow", 100)
    announce(store, {"old": notice("h-old")}, day=DAY)  # the slow ones' deliveries: older
    fast = store.subscribe(fast_owner, SMALL, fast_url, "en", "whsec_fast", 100)["id"]
    announce(store, {"old": notice("h-old"), "new": notice("h-new")}, day=DAY)  # every one's
    worker = worker_for(tmp_path, fast_url, webhook_timeout_seconds=timeout, store=store)

    async def race() -> float:
        started = time.monotonic()
        async with worker.running():
            while not any(r["subscription_id"] == fast and r["delivered_at"] for r in store.deliveries()):
                assert time.monotonic() - started < 20, "the fast receiver never got its delivery"
                await anyio.sleep(0.02)
        return time.monotonic() - started

    return anyio.run(race)


def test_one_members_hanging_receivers_do_not_delay_another_member(tmp_path: Path) -> None:
    """17 receivers of one member that answer after the timeout, their deliveries due first: with a
    batch that waits for its slowest, the other member's waited two timeouts (3 s here)."""
    with contextlib.ExitStack() as stack:
        hanging = [stack.enter_context(receiving()) for _ in range(17)]
        for receiver in hanging:
            receiver.delay = 5.0
        fast = stack.enter_context(receiving())
        delay = fast_delivery_delay(tmp_path, [("key:slow", r.url) for r in hanging], "key:fast", fast.url)
        assert delay < 1.0, delay
        assert fast.acknowledged and not any(r.received for r in hanging)  # never answered in time


def test_a_hanging_receiver_does_not_delay_the_same_members_other_receiver(tmp_path: Path) -> None:
    """Ten subscriptions on one hanging host: at most two of its deliveries are in flight, so the
    member's other receiver is served at once."""
    with receiving() as hanging, receiving() as fast:
        hanging.delay = 5.0
        delay = fast_delivery_delay(tmp_path, [("key:a", f"{hanging.url}?n={i}") for i in range(10)],
                                    "key:a", fast.url)
        assert delay < 1.0, delay
