"""PolicyBot's own limits: how many answers it computes at once."""

from __future__ import annotations

import threading
import time

import pytest

from bot.service import PolicyBot


@pytest.mark.parametrize("slots", [1, 3])
def test_answers_computed_at_once_are_capped(real_settings, monkeypatch, slots):
    bot = PolicyBot(real_settings.model_copy(update={"answer_concurrency": slots}))
    bot.warm_up()
    running = 0
    peak = 0
    lock = threading.Lock()
    real_retrieve = bot.retrieve

    def slow_retrieve(*args, **kwargs):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.05)
        try:
            return real_retrieve(*args, **kwargs)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(bot, "retrieve", slow_retrieve)
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(bot.ask("Which bank gives market-procurement loans?")))
               for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(answers) == 6 and all(a.citations for a in answers)
    assert peak == slots
