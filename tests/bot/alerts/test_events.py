"""Alerts in the database, on SQLite and on a real PostgreSQL: new document versions enqueued once
whoever announces them, deliveries claimed by one process each, retries, leases, unsubscribing;
and the webhook URL rules and signature."""

from __future__ import annotations

import datetime as dt
import json
import random
import threading

import pytest

from bot.alerts.delivery import MAX_BACKOFF_S, backoff
from bot.alerts.events import announce, match, profile_of
from bot.alerts.webhooks import check_webhook_url, delivery_headers, hmac_sha256, host_allowed, signature
from bot.finder.match import Profile
from bot.storage import migrate
from bot.storage.alerts import AlertStore
from bot.storage.engine import make_engine, sqlite_url
from core.errors import Conflict, Forbidden, InvalidQuestion, UnknownSubscription

DAY = dt.date(2026, 6, 1)
SMALL = {"region": "Shaoxing", "employees": 120}


def notice(digest: str, employees_max: int = 300, **extra: object) -> dict:
    return {"hash": digest, "title": "Export support", "doc_number": "Shao Shang [2026] No. 3",
            "effective_date": "2026-02-01", **extra,
            "eligibility": {"conditions": [
                {"type": "region", "value": ["Shaoxing"], "quote": "Registered in Shaoxing City."},
                {"type": "employees_max", "op": "<", "value": employees_max, "quote": "Fewer than N employees."}]}}


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "log.sqlite3")
    return request.getfixturevalue("postgres").create_database()


def store_at(url: str) -> AlertStore:
    return AlertStore(make_engine(url))


def subscribe(store: AlertStore, profile: dict, owner: str = "key:a", limit: int = 20) -> str:
    return store.subscribe(owner, profile, "http://127.0.0.1/hook", "en", "whsec_x", limit)["id"]


def test_the_first_announcement_is_the_baseline_and_later_ones_are_news(url) -> None:
    store = store_at(url)
    assert migrate.current_revision(store.engine) is None  # migrated on first use
    docs = {"old": notice("h-old")}
    assert announce(store, docs, day=DAY) == 0  # indexed before alerts existed: no news
    assert migrate.current_revision(store.engine) == "0003"
    fits, too_big = subscribe(store, SMALL), subscribe(store, {"region": "Shaoxing", "employees": 900})
    assert announce(store, docs, day=DAY) == 0
    docs = {**docs, "new": notice("h-new")}
    assert announce(store, docs, day=DAY) == 1
    [row] = store.deliveries()
    assert row["subscription_id"] == fits and row["doc_id"] == "new" and row["attempts"] == 0
    event = json.loads(row["event"])
    assert event["delivery_id"] == row["id"] and event["change"] == "added" and event["document"]["hash"] == "h-new"
    assert store.deliveries(too_big) == []
    docs["new"] = notice("h-new-2")
    assert announce(store, docs, day=DAY) == 1
    assert json.loads(store.deliveries()[-1]["event"])["change"] == "updated"
    assert announce(store, docs, day=DAY) == 0 and len(store.deliveries()) == 2


def test_processes_announcing_one_index_together_enqueue_each_delivery_once(url) -> None:
    stores = [store_at(url) for _ in range(4)]
    announce(stores[0], {}, day=DAY)
    subs = [subscribe(stores[0], SMALL, owner=f"key:{i}") for i in range(3)]
    docs = {f"d{i}": notice(f"h{i}") for i in range(5)}
    errors: list[BaseException] = []

    def run(store: AlertStore) -> None:
        try:
            announce(store, docs, day=DAY)
        except BaseException as exc:  # noqa: B036 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    rows = stores[0].deliveries()
    assert len(rows) == 15 and {(r["subscription_id"], r["doc_id"]) for r in rows} == {
        (s, d) for s in subs for d in docs}


def test_each_due_delivery_is_claimed_by_one_process(url) -> None:
    stores = [store_at(url) for _ in range(4)]
    announce(stores[0], {}, day=DAY)
    subscribe(stores[0], SMALL)
    announce(stores[0], {f"d{i}": notice(f"h{i}") for i in range(24)}, day=DAY)
    claimed: list[list[str]] = [[] for _ in stores]

    def run(n: int) -> None:
        while batch := stores[n].claim(3, lease=60):
            claimed[n].extend(c.id for c in batch)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for ids in claimed for i in ids]
    assert len(every) == len(set(every)) == 24
    assert all(r["attempts"] == 1 for r in stores[0].deliveries())


def test_retries_leases_and_outcomes(url) -> None:
    store = store_at(url)
    announce(store, {}, day=DAY)
    subscribe(store, SMALL)
    announce(store, {"a": notice("ha"), "b": notice("hb"), "c": notice("hc")}, day=DAY)
    now = 1e10  # far ahead of the rows' creation
    a, b, c = store.claim(10, lease=30, now=now)
    assert (a.webhook_url, a.secret, a.attempts) == ("http://127.0.0.1/hook", "whsec_x", 1)
    store.delivered(a.id)
    store.retry(b.id, "HTTP 503", at=now + 5)
    # c's process died mid-delivery: its lease ends, any process takes it again
    assert store.claim(10, lease=30, now=now + 1) == []
    assert [x.id for x in store.claim(10, lease=30, now=now + 10)] == [b.id]
    assert [(x.id, x.attempts) for x in store.claim(10, lease=30, now=now + 31)] == [(c.id, 2)]
    store.failed(b.id, "HTTP 500: " + "x" * 5000)
    store.delivered(b.id)  # too late: a finished delivery stays as it ended
    store.release([c.id])
    assert [x.id for x in store.claim(10, lease=30, now=now + 32)] == [c.id]
    rows = {r["id"]: r for r in store.deliveries()}
    assert rows[a.id]["delivered_at"] and rows[a.id]["last_error"] is None
    assert rows[b.id]["failed_at"] and rows[b.id]["delivered_at"] is None and len(rows[b.id]["last_error"]) == 500
    assert store.purge(before=rows[a.id]["delivered_at"] + 1) == 2 and [r["id"] for r in store.deliveries()] == [c.id]


def test_unsubscribing_drops_pending_deliveries_and_only_the_owner_may(url) -> None:
    store = store_at(url)
    announce(store, {}, day=DAY)
    mine = subscribe(store, SMALL, owner="key:me")
    announce(store, {"a": notice("ha")}, day=DAY)
    with pytest.raises(UnknownSubscription):
        store.unsubscribe("key:other", mine)
    with pytest.raises(UnknownSubscription):
        store.unsubscribe("key:me", "sub_\x00' OR 1=1 --")
    assert [s["id"] for s in store.subscriptions_of("key:me")] == [mine]
    assert store.subscriptions_of("key:me")[0]["deliveries"] == {"delivered": 0, "failed": 0, "pending": 1}
    store.unsubscribe("key:me", mine)
    assert store.deliveries() == [] and store.subscriptions_of("key:me") == []


def test_subscriptions_per_key_are_bounded(url) -> None:
    store = store_at(url)
    for _ in range(2):
        subscribe(store, {}, limit=2)
    with pytest.raises(Conflict):
        subscribe(store, {}, limit=2)
    subscribe(store, {}, owner="key:b", limit=2)


# --- matching -----------------------------------------------------------------------------------


def test_a_notice_matches_when_in_force_or_coming_and_no_condition_is_unmet() -> None:
    docs = {"n": notice("h")}
    assert match("n", docs["n"], docs, Profile(**SMALL), "en", DAY)["met"] == 2
    assert match("n", docs["n"], docs, Profile(region="Shaoxing"), "en", DAY)["unknown"] == 1
    assert match("n", docs["n"], docs, Profile(region="Hangzhou"), "en", DAY) is None
    assert match("n", docs["n"], docs, Profile(**SMALL), "en", dt.date(2026, 1, 1))["status"] == "not_yet_effective"
    expired = notice("h", expiry_date="2026-03-01")
    assert match("n", expired, {"n": expired}, Profile(**SMALL), "en", DAY) is None
    undated = {"hash": "h", "eligibility": {}}
    assert match("n", undated, {"n": undated}, Profile(), "en", DAY) is None  # status unknown: not in force
    assert profile_of(json.dumps({"employees": 3, "future_field": 1})) == Profile(employees=3)


def test_a_notice_whose_window_has_closed_is_no_alert() -> None:
    doc = notice("h")
    doc["eligibility"]["window"] = {"opens": None, "closes": "2026-05-31", "quote": "Apply by 31 May 2026."}
    assert match("n", doc, {"n": doc}, Profile(**SMALL), "en", DAY) is None
    found = match("n", doc, {"n": doc}, Profile(**SMALL), "en", dt.date(2026, 5, 31))
    assert found["window"]["state"] == "open" and found["verdict"] == "applicable"


# --- webhook URLs, signatures and backoff -------------------------------------------------------


def test_allow_list_entries_are_exact_hosts_or_subdomain_wildcards() -> None:
    allowed = ["Hooks.Example.com", "*.members.example.org", "[::1]"]
    assert host_allowed("hooks.example.com.", allowed) and host_allowed("a.b.members.example.org", allowed)
    assert host_allowed("::1", allowed)
    assert not host_allowed("members.example.org", allowed) and not host_allowed("evilhooks.example.com", allowed)
    assert not host_allowed("hooks.example.com.evil.net", allowed) and not host_allowed("xmembers.example.org", allowed)
    assert check_webhook_url("https://x.members.example.org:8443/p?q=1", allowed)
    with pytest.raises(Forbidden):
        check_webhook_url("https://hooks.example.com/", [])
    for bad in ("https://hooks.example.com\t/", "https://bücher.members.example.org/", "https://hooks.example.com:0x1/"):
        with pytest.raises(InvalidQuestion):
            check_webhook_url(bad, allowed)


def test_signature_is_hmac_sha256_of_the_timestamp_and_the_raw_body() -> None:
    # RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    assert hmac_sha256("Jefe", b"what do ya want for nothing?") == \
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    assert signature("Jefe", "what do ya want for nothing", b"?") == \
        "sha256=" + hmac_sha256("Jefe", b"what do ya want for nothing.?")
    headers = delivery_headers("dlv_1", "whsec_x", b'{"a": 1}', now=1_800_000_000.7)
    assert headers["X-Policybot-Timestamp"] == "1800000000"
    assert headers["X-Policybot-Signature"] == signature("whsec_x", "1800000000", b'{"a": 1}')
    # The time is signed: the same body sent at another time has another signature.
    assert headers["X-Policybot-Signature"] != delivery_headers("dlv_1", "whsec_x", b'{"a": 1}',
                                                                now=1_800_000_001)["X-Policybot-Signature"]


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    rng = random.Random(7)
    waits = [backoff(n, 30, rng) for n in range(1, 12)]
    assert all(30 * 2 ** (n - 1) * 0.5 <= w <= 30 * 2 ** (n - 1) for n, w in enumerate(waits[:7], 1))
    assert all(MAX_BACKOFF_S * 0.5 <= w <= MAX_BACKOFF_S for w in waits[8:]) and backoff(10_000, 30) <= MAX_BACKOFF_S


def test_an_alert_converts_amounts_at_the_administrators_rate(tmp_path) -> None:
    """A limit in 元 and a subscriber stating USD: announced (condition unknown) without a rate; with
    one, not announced when the converted figure fails the limit, and marked converted when it fits."""
    cny = {"type": "annual_exports_cny_max", "op": "<=", "value": 5e7, "quote": "出口额不超过5000万元"}
    store = store_at(sqlite_url(tmp_path / "alerts.sqlite3"))
    announce(store, {}, day=DAY)
    big, small = (subscribe(store, {"annual_exports_usd": usd}) for usd in (8e6, 6e6))
    docs = {"cny": {**notice("h-cny"), "eligibility": {"conditions": [cny]}}}
    assert announce(store, docs, day=DAY, cny_per_usd=7.1) == 1
    [row] = store.deliveries()
    assert row["subscription_id"] == small
    [item] = json.loads(row["event"])["document"]["checklist"]
    assert item["status"] == "met" and item["converted"]["rate"] == 7.1 and "7.1 CNY per USD" in item["requirement"]
    assert match("cny", docs["cny"], docs, Profile(annual_exports_usd=8e6), "en", DAY) is not None  # no rate
    assert match("cny", docs["cny"], docs, Profile(annual_exports_usd=8e6), "en", DAY, 7.1) is None
    assert store.deliveries(big) == []
