"""`policybot ask --as-of --in-force-only` over the policy fixtures, with the fake encoder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from core.settings import Settings
from indexer.build import build_index
from tests.conftest import DATA

INSURANCE = "What subsidy do textile SMEs get for export credit insurance premiums?"


@pytest.fixture
def index(tmp_path: Path, fake_encoder, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DATA / "policy_corpus", tmp_path / "corpus")
    settings = Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", model="fake")
    build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
    monkeypatch.setattr("bot.service.get_encoder", lambda spec: fake_encoder)
    return settings.index


def ask(index: Path, *args: str) -> dict:
    result = CliRunner().invoke(cli, ["ask", "--index", str(index), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_in_force_only_and_as_of(index: Path) -> None:
    now = ask(index, "--in-force-only", "--as-of", "2026-11-30", INSURANCE)
    assert "subsidy_2022" not in {c["doc_id"] for c in now["citations"]}
    assert all(c["status"] == "in_force" for c in now["citations"])
    then = ask(index, "--in-force-only", "--as-of", "2022-06-01", INSURANCE)
    assert then["citations"][0]["doc_id"] == "subsidy_2022"  # what applied then, its successor never
    assert "subsidy_2024" not in {c["doc_id"] for c in then["citations"]}


def test_plain_output_shows_number_and_status(index: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "--plain", "--index", str(index), "--as-of", "2026-11-30",
                                      "--doc-id", "subsidy_2022", INSURANCE])
    assert result.exit_code == 0, result.output
    assert "Shao Shang [2022] No. 15, 2022-02-15 (subsidy_2022.txt) [superseded]" in result.output
    assert "was replaced by Shao Shang [2024] No. 3 on 2024-01-01" in result.output


def test_a_bad_as_of_is_the_users_mistake(index: Path) -> None:
    result = CliRunner().invoke(cli, ["ask", "--index", str(index), "--as-of", "30/11/2026", INSURANCE])
    assert result.exit_code != 0 and "as_of must be an ISO date" in result.output
