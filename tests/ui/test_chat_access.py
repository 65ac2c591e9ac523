"""The chat's answers through Gradio's event route (/gradio_api/run/predict, as the browser sends
them) pass the same key and rate checks as /api/ask: a served app, the fake encoder, raw HTTP."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from tests.servers import free_port
from tests.ui.conftest import submit_event

QUESTION = "How many textile clusters are there?"


@pytest.fixture
def served(fake_app) -> Iterator[str]:
    client = fake_app(allow_anonymous=False, api_keys=["member-key"], rate_limit_per_minute=3)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(client.app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive()
        time.sleep(0.05)
    yield base
    server.should_exit = True
    thread.join(10)


def ask_like_the_browser(base: str, session: str, key: str) -> str:
    """Submit the Ask box's event as the browser does; the assistant's reply text."""
    history = submit_event(base, session, 4, [QUESTION, [], None, key])[1]
    content = history[-1]["content"]
    return content if isinstance(content, str) else " ".join(c["text"] for c in content)


def test_the_chat_events_need_the_key_and_keeps_the_rate_limit(served: str) -> None:
    replies = [ask_like_the_browser(served, f"anon{i}", "") for i in range(3)]
    assert all("API key is required" in r for r in replies)
    started = time.monotonic()
    replies = [ask_like_the_browser(served, f"member{i}", "member-key") for i in range(6)]
    refills = int((time.monotonic() - started) / 20)  # the bucket gains one request every 20 s at 3/min
    answered = [r for r in replies if "216" in r]
    assert all("216" in r for r in replies[:3])
    assert all("216" in r or "too many requests" in r for r in replies)
    assert 3 <= len(answered) <= 3 + refills
    assert len(answered) < 6 or refills >= 3  # the limit refused some, unless a minute passed meanwhile
    if refills == 0:
        assert all("too many requests" in r for r in replies[3:])
