"""The chat in real browsers against `policybot serve --workers N`: in every fresh session two
questions are answered, the thumbs-up is recorded and the finder shows its result, whichever
worker each of the page's connections reaches (the kernel spreads connections over the workers'
SO_REUSEPORT sockets, so one page's requests land on several workers). Through Gradio's queue,
about one session in six went unanswered (its thumbs unrecorded), with 2 workers as with 3. The
sessions run against the session's 2-worker server (tests/conftest.py ``two_workers``): a third
worker adds no new way for a page's requests to be split, and its own server start cost three
model loads, so its twelve sessions are asked of the two workers instead."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.ui.conftest import CHROMIUM, TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed: run `make browser`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

SESSIONS = 24  # through Gradio's queue all 24 would be answered (5/6) ** 24 of the time, about 1%
QUESTION = "Which bank gives market-procurement loans?"
OFF_TOPIC = "How do I reset my iPhone password?"  # answered too: the documents do not cover it


@pytest.fixture(scope="module")
def workers(two_workers) -> tuple[str, Path]:
    """The session's 2-worker server over the real index: its origin and question-log file."""
    return two_workers.base, two_workers.db


def votes(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM feedback WHERE helpful = 1").fetchone()[0]


def test_every_session_is_answered_whichever_worker_it_reaches(browser, workers) -> None:
    base, db = workers
    before = votes(db)
    failed: list[str] = []
    for n in range(SESSIONS):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        try:
            page.goto(f"{base}/?lang=en")
            box = page.get_by_role("textbox", name="Your question")
            box.fill(QUESTION)
            box.press("Enter")
            try:
                expect(page.get_by_text("Ruifeng Bank").first).to_be_visible(timeout=20_000)
                box.fill(OFF_TOPIC)
                box.press("Enter")
                expect(page.get_by_text("Not covered by our documents.")).to_be_visible(timeout=20_000)
            except AssertionError:
                failed.append(f"session {n}: no answer")
                continue
            page.get_by_role("button", name="Like", exact=True).first.click()
            page.get_by_role("tab", name="Find policies for my company").click()
            page.get_by_role("button", name="Find policies", exact=True).click()
            try:
                expect(page.locator("#finder-result")).not_to_be_empty(timeout=20_000)
            except AssertionError:
                failed.append(f"session {n}: no finder result")
        finally:
            context.close()
    deadline = time.monotonic() + 10
    while votes(db) - before < SESSIONS - len(failed) and time.monotonic() < deadline:
        time.sleep(0.2)
    recorded = votes(db) - before
    assert not failed and recorded == SESSIONS, f"{failed}; {recorded} of {SESSIONS} thumbs recorded"
