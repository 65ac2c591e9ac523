"""Settings read from the environment."""

from __future__ import annotations

import pytest

from core.settings import MULTILINGUAL_MODEL, Settings


def test_an_empty_analytics_db_turns_the_log_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYBOT_ANALYTICS_DB", "")
    assert Settings().analytics_db is None
    monkeypatch.setenv("POLICYBOT_ANALYTICS_DB", "/tmp/log.sqlite3")
    assert str(Settings().analytics_db) == "/tmp/log.sqlite3"


def test_the_default_model_reads_chinese() -> None:
    assert Settings().model == MULTILINGUAL_MODEL
