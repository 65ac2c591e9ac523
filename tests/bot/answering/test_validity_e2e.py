"""The done-when corpus (tests/data/policy_corpus) with the real model: in-force answers, flags,
and what applied on a past day. End-to-end (real_bot's encoder)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from bot.answering.filters import Filters
from bot.service import PolicyBot
from indexer.build import build_index
from tests.conftest import DATA

pytestmark = pytest.mark.e2e
D = dt.date.fromisoformat
NOT_IN_FORCE_TODAY = {"subsidy_2022", "exhibition_2021", "zj_2023"}
QUESTIONS = [
    "What subsidy do textile SMEs get for export credit insurance premiums?",
    "How much of the booth fee is subsidised for overseas textile trade fairs?",
    "出口信用保险保费补贴比例是多少？",
    "参加境外展会的展位费补助是多少？",
    "数字化改造补助多少？",
]


@pytest.fixture(scope="module")
def bot(real_bot: PolicyBot, tmp_path_factory) -> PolicyBot:
    base = tmp_path_factory.mktemp("policies")
    shutil.copytree(DATA / "policy_corpus", base / "corpus")
    settings = real_bot.settings.model_copy(update={"corpus": base / "corpus", "index": base / "index"})
    encoder = real_bot.encoder(settings.model)
    assert build_index(settings.corpus, settings.index, settings, lambda: encoder).ok
    policy_bot = PolicyBot(settings)
    policy_bot._encoders[settings.model] = encoder
    return policy_bot


@pytest.mark.parametrize("question", QUESTIONS)
def test_in_force_only_never_cites_a_replaced_or_expired_notice(bot: PolicyBot, question: str) -> None:
    answer = bot.ask(question, 5, Filters(as_of=D("2026-11-30"), in_force_only=True))
    assert not {c.doc_id for c in answer.citations} & NOT_IN_FORCE_TODAY
    assert all(c.status == "in_force" for c in answer.citations)


def test_as_of_in_the_past_finds_what_applied_then(bot: PolicyBot) -> None:
    answer = bot.ask(QUESTIONS[0], 5, Filters(as_of=D("2022-06-01"), in_force_only=True))
    assert not answer.abstained and answer.citations[0].doc_id == "subsidy_2022"
    assert "50%" in answer.answer and "60%" not in answer.answer


def test_without_the_filter_the_replacement_comes_first_and_the_old_notice_is_flagged(bot: PolicyBot) -> None:
    answer = bot.ask(QUESTIONS[0], 5, Filters(as_of=D("2026-11-30")))
    ids = [c.doc_id for c in answer.citations]
    assert ids[0] == "subsidy_2024"
    for c in answer.citations:
        assert c.status == {"subsidy_2022": "superseded", "exhibition_2021": "expired"}.get(c.doc_id, "in_force")
    if "subsidy_2022" in ids:
        assert "Shao Shang [2022] No. 15, was replaced by Shao Shang [2024] No. 3" in answer.answer


def test_an_expired_citation_is_flagged(bot: PolicyBot) -> None:
    answer = bot.ask(QUESTIONS[1], 5, Filters(as_of=D("2026-11-30"), doc_ids=("exhibition_2021", "subsidy_2024")))
    expired = [c for c in answer.citations if c.doc_id == "exhibition_2021"]
    assert expired and expired[0].status == "expired"
    assert "Ke Shang [2021] No. 7, expired on 2022-12-31." in answer.answer


def test_off_topic_questions_abstain_under_the_filter_too(bot: PolicyBot) -> None:
    for question in ("What is the capital of France?", "法国的首都是哪里？"):
        answer = bot.ask(question, 5, Filters(in_force_only=True))
        assert answer.abstained and answer.citations == []
