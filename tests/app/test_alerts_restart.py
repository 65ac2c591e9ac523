"""Alerts survive the server: real `policybot serve --workers 2` processes, killed with SIGKILL
between an index build and the delivery it calls for, deliver after a restart, exactly once to
the receiver that acknowledged (a real HTTP receiver on loopback checking every signature)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from bot.storage.alerts import AlertStore
from bot.storage.engine import make_engine, sqlite_url
from tests.api.test_subscriptions import FITS, NOTICE
from tests.conftest import DATA
from tests.servers import EXE, serving, workers_of
from tests.webhook_receiver import receiving

pytestmark = pytest.mark.e2e  # the real model, real server processes

MEMBER, ADMIN = "restart-member", "restart-admin"


def kill(proc: subprocess.Popen) -> None:
    """What a crash does: every process of the server gone at once, nothing shut down."""
    for pid in workers_of(proc.pid):
        os.kill(pid, signal.SIGKILL)
    proc.kill()
    proc.wait(30)


def wait_for(condition, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_a_server_killed_between_build_and_delivery_delivers_after_restart(tmp_path: Path) -> None:
    corpus, index, db = tmp_path / "corpus", tmp_path / "index", tmp_path / "alerts.sqlite3"
    shutil.copytree(DATA / "small_corpus", corpus)
    env = {**os.environ, "POLICYBOT_CORPUS": str(corpus), "POLICYBOT_INDEX": str(index),
           "POLICYBOT_ANALYTICS_DB": str(db), "POLICYBOT_API_KEYS": json.dumps([MEMBER]),
           "POLICYBOT_ADMIN_KEYS": json.dumps([ADMIN]), "POLICYBOT_WEBHOOK_ALLOWED_HOSTS": '["127.0.0.1"]',
           "POLICYBOT_WEBHOOK_POLL_SECONDS": "0.2", "POLICYBOT_WEBHOOK_RETRY_SECONDS": "0.2",
           "POLICYBOT_WEBHOOK_TIMEOUT_SECONDS": "2"}
    subprocess.run([EXE, "index"], env=env, check=True, capture_output=True)
    store = AlertStore(make_engine(sqlite_url(db)))

    with receiving([503] * 10_000) as receiver:  # down until the server is killed
        # 1. Built through the API, announced, attempted and refused; then the server dies.
        with serving([], env) as (proc, base, _):
            headers = {"Authorization": f"Bearer {MEMBER}"}
            sub = httpx.post(f"{base}/api/subscriptions", json={"profile": FITS, "webhook_url": receiver.url},
                             headers=headers, timeout=30).json()
            receiver.secrets[sub["id"]] = sub["secret"]
            r = httpx.post(f"{base}/api/documents", files={"file": ("credit_2026.txt", NOTICE % 300)},
                           headers={"Authorization": f"Bearer {ADMIN}"}, timeout=120)
            assert r.status_code == 201, r.text
            wait_for(lambda: len(receiver.received) >= 2)
            kill(proc)
        [row] = store.deliveries()
        assert row["attempts"] >= 2 and row["delivered_at"] is None and row["last_error"].startswith("HTTP 503")
        refused = len(receiver.received)
        with receiver.lock:
            receiver.statuses.clear()  # the receiver is back

        # 2. The restarted server delivers it, once.
        with serving([], env) as (proc, base, _):
            [delivered] = receiver.wait(1, timeout=120)
            time.sleep(1.5)
            assert len(receiver.acknowledged) == 1 and receiver.signed(delivered)
            assert {r.headers["x-policybot-delivery"] for r in receiver.received} == {row["id"]}
            assert len(receiver.received) == refused + 1
            kill(proc)

        # 3. Built while no server runs (the CLI); the next server start announces and delivers it.
        (corpus / "credit_2026.txt").write_bytes(NOTICE % 250)
        subprocess.run([EXE, "index"], env=env, check=True, capture_output=True)
        with serving([], env) as (proc, base, _):
            acknowledged = receiver.wait(2, timeout=120)
            time.sleep(1.5)
            assert len(receiver.acknowledged) == 2 and receiver.signed(acknowledged[1])
            assert acknowledged[1].event["change"] == "updated"
        rows = store.deliveries()
        assert len(rows) == 2 and all(r["delivered_at"] for r in rows)
