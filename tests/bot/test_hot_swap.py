"""A running server picks up a new index without restart, and no request fails during the swap."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time

import httpx
import pytest

from core.settings import Settings
from indexer.build import build_index
from indexer.embed.factory import EncoderSpec, get_encoder
from tests.conftest import CORPUS
from tests.servers import EXE, free_port, wait_healthy

pytestmark = pytest.mark.e2e  # the real model, a real index, real processes


def test_index_swap_under_load(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    index = tmp_path / "index"
    settings = Settings(corpus=corpus, index=index)
    build_index(corpus, index, settings, lambda: get_encoder(EncoderSpec.of(settings)))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([EXE, "serve", "--index", str(index), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ,
                                 "POLICYBOT_RATE_LIMIT_PER_MINUTE": "0",
                                 "POLICYBOT_ANALYTICS_DB": str(tmp_path / "log.sqlite3")})
    statuses: list[int] = []
    stop = threading.Event()

    def load() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while not stop.is_set():
                r = client.post("/api/ask", json={"question": "Which bank gives market-procurement loans?"})
                statuses.append(r.status_code)

    try:
        wait_healthy(base, proc)
        workers = [threading.Thread(target=load) for _ in range(3)]
        for w in workers:
            w.start()
        for round_ in range(2):
            (corpus / f"new_{round_}.txt").write_text(
                f"Dyeing subsidy {round_}\n\nThe Keqiao dyeing cluster grants a subsidy of "
                f"{round_ + 5} million yuan for wastewater upgrades in round {round_}.\n")
            build_index(corpus, index, settings, lambda: get_encoder(EncoderSpec.of(settings)))
            deadline = time.monotonic() + 30
            while httpx.get(f"{base}/api/health").json()["documents"] != 6 + round_:
                assert time.monotonic() < deadline, "server never picked up the new index"
                time.sleep(0.05)
        # Keep asking on the new index until enough answers came back: on a busy machine the two
        # builds can finish before the three visitors have had ten answers between them.
        deadline = time.monotonic() + 60
        while len(statuses) <= 10 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        stop.set()
        for w in workers:
            w.join(30)
        assert len(statuses) > 10
        assert set(statuses) == {200}, statuses
        question = "How large is the dyeing subsidy for wastewater upgrades?"
        body = httpx.post(f"{base}/api/ask", json={"question": question}, timeout=30).json()
        assert not body["abstained"]
        assert body["citations"][0]["doc_id"].startswith("new_")
    finally:
        stop.set()
        proc.terminate()
        proc.wait(20)
