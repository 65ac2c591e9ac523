"""In-force answers over the policy fixtures (tests/data/policy_corpus) with the fake encoder."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace as copy

import pytest

from bot.answering.compose import Candidate
from bot.answering.filters import Filters, row_mask
from bot.answering.records import Answer, Citation
from bot.answering.validity import finish, prefer_in_force
from bot.service import PolicyBot
from core.records import Chunk

D = dt.date.fromisoformat
INSURANCE = "What subsidy do textile SMEs get for export credit insurance premiums?"


@pytest.fixture
def bot(policy_bot: PolicyBot) -> PolicyBot:
    return policy_bot


@pytest.mark.parametrize(("as_of", "allowed"), [
    ("2026-11-30", {"subsidy_2024", "keqiao_2025", "zj_2025"}),
    ("2022-06-01", {"exhibition_2021", "subsidy_2022"}),
    ("2024-06-01", {"subsidy_2024", "zj_2023"}),
    ("2028-06-01", {"subsidy_2024"}),
])
def test_in_force_only_searches_what_applied_that_day(bot: PolicyBot, as_of: str, allowed: set[str]) -> None:
    data = bot.index().data
    mask = row_mask(data, Filters(as_of=D(as_of), in_force_only=True))
    assert mask is not None
    assert {c.doc_id for c, ok in zip(data.chunks, mask, strict=True) if ok} == allowed


def test_in_force_only_never_cites_a_replaced_or_expired_notice(bot: PolicyBot) -> None:
    questions = [INSURANCE, "booth fee subsidy for overseas textile trade fairs", "参加境外展会的展位费补助是多少？"]
    for question in questions:
        answer = bot.ask(question, 5, Filters(as_of=D("2026-11-30"), in_force_only=True))
        assert all(c.status == "in_force" for c in answer.citations), answer
        assert not {c.doc_id for c in answer.citations} & {"subsidy_2022", "exhibition_2021", "zj_2023"}


def test_as_of_in_the_past_finds_what_applied_then(bot: PolicyBot) -> None:
    answer = bot.ask(INSURANCE, 5, Filters(as_of=D("2022-06-01"), in_force_only=True))
    assert not answer.abstained
    # What applied then comes first; its successor, not yet in force, is never cited (a notice in
    # force then on another subsidy may follow it).
    assert answer.citations[0].doc_id == "subsidy_2022"
    assert "subsidy_2024" not in {c.doc_id for c in answer.citations}
    assert all(c.status == "in_force" for c in answer.citations)
    assert answer.citations[0].superseded_by == "subsidy_2024"


def test_without_the_filter_a_replaced_citation_is_flagged_and_its_successor_goes_first(bot: PolicyBot) -> None:
    answer = bot.ask(INSURANCE, 5)
    ids = [c.doc_id for c in answer.citations]
    assert "subsidy_2022" in ids and ids.index("subsidy_2024") < ids.index("subsidy_2022")
    old = next(c for c in answer.citations if c.doc_id == "subsidy_2022")
    assert (old.status, old.superseded_by) == ("superseded", "subsidy_2024")
    assert f"source [{old.n}], Shao Shang [2022] No. 15, was replaced by Shao Shang [2024] No. 3 on 2024-01-01" \
        in answer.answer


def test_an_expired_citation_is_flagged(bot: PolicyBot) -> None:
    answer = bot.ask("booth fee subsidy at overseas textile trade fairs", 5, Filters(doc_ids=("exhibition_2021",)))
    assert [(c.doc_id, c.status) for c in answer.citations] == [("exhibition_2021", "expired")]
    assert "Ke Shang [2021] No. 7, expired on 2022-12-31." in answer.answer
    then = bot.ask("booth fee subsidy at overseas textile trade fairs", 5,
                   Filters(doc_ids=("exhibition_2021",), as_of=D("2022-01-01")))
    assert then.citations[0].status == "in_force" and "expired" not in then.answer


def test_in_force_only_abstains_and_names_the_expired_notice(bot: PolicyBot) -> None:
    answer = bot.ask("booth fee subsidy at overseas textile trade fairs", 5,
                     Filters(doc_ids=("exhibition_2021",), as_of=D("2026-11-30"), in_force_only=True))
    assert answer.abstained and answer.citations == []
    assert answer.answer.startswith("No policy document in force on 2026-11-30 covers this question")
    assert "The notice that covered this, Ke Shang [2021] No. 7, expired on 2022-12-31." in answer.answer


def test_a_chinese_abstention_names_the_replaced_notice_in_chinese(bot: PolicyBot) -> None:
    answer = bot.ask("参加境外展会的展位费补助是多少？", 5,
                     Filters(doc_ids=("zj_2023",), as_of=D("2026-11-30"), in_force_only=True))
    assert answer.abstained and answer.lang == "zh"
    assert answer.answer.startswith("截至2026年11月30日，没有现行有效的政策文件涉及这个问题")
    assert "（浙商务发［2023］12号）已被" in answer.answer
    assert "（浙商务发〔2025〕3号）取代（自2025年3月1日起）" in answer.answer


def test_a_notice_not_yet_in_force_is_named_as_such(bot: PolicyBot) -> None:
    answer = bot.ask("数字化改造补助", 5, Filters(doc_ids=("keqiao_2025",), as_of=D("2025-01-20"), in_force_only=True))
    assert answer.abstained
    assert ("涉及此问题的《绍兴市柯桥区人民政府关于印发〈柯桥区纺织企业数字化改造扶持办法〉的通知》"
            "（柯政发〔2025〕8号）自2025年2月1日起施行，尚未生效。") in answer.answer


def test_nothing_would_have_answered_means_no_name() -> None:
    abstained = Answer("not covered", True, [], "id", "en")
    text = finish(abstained, Filters(in_force_only=True, as_of=D("2024-01-01")), {}, lambda f: abstained).answer
    assert text == "No policy document in force on 2024-01-01 covers this question, so I cannot answer it."


def test_only_related_in_force_passages_give_way_to_a_direct_answer_out_of_force() -> None:
    def cited(doc: str, status: str, confidence: str) -> Citation:
        chunk = Chunk(doc_id=doc, text="t", position=0, title=doc, source=f"{doc}.txt")
        return copy(Citation.from_chunk(1, chunk, 0.9), status=status, confidence=confidence)

    related = Answer("To all bureaus: [1]", False, [cited("zj_2025", "in_force", "related")], "id", "en", "related")
    direct_expired = Answer("50% of the booth fee [1]", False,
                            [cited("exhibition_2021", "expired", "direct")], "id2", "en", "direct")
    documents = {"exhibition_2021": {"title": "Exhibition notice", "doc_number": "Ke Shang [2021] No. 7",
                                     "expiry_date": "2022-12-31"}}
    filters = Filters(in_force_only=True, as_of=D("2026-11-30"))
    out = finish(related, filters, documents, lambda f: direct_expired)
    assert out.abstained and out.citations == [] and out.confidence is None
    assert out.answer.startswith("No policy document in force on 2026-11-30 covers this question")
    assert "Ke Shang [2021] No. 7" in out.answer
    # Out of force and only related too: the in-force answer stands.
    related_expired = Answer("x [1]", False, [cited("exhibition_2021", "expired", "related")], "id3", "en", "related")
    kept = finish(related, filters, documents, lambda f: related_expired)
    assert not kept.abstained and kept.answer.startswith("To all bureaus")


def test_prefer_in_force_moves_the_successor_only_when_it_already_replaced(bot: PolicyBot) -> None:
    data = bot.index().data
    old, new = (next(c for c in data.chunks if c.doc_id == d) for d in ("subsidy_2022", "subsidy_2024"))
    other = next(c for c in data.chunks if c.doc_id == "keqiao_2025")
    cands = [Candidate(c, 0.5, []) for c in (old, other, new)]
    now = prefer_in_force(cands, data.documents, D("2025-01-01"))
    assert [c.chunk.doc_id for c in now] == ["subsidy_2024", "subsidy_2022", "keqiao_2025"]
    then = prefer_in_force(cands, data.documents, D("2023-01-01"))
    assert [c.chunk.doc_id for c in then] == ["subsidy_2022", "keqiao_2025", "subsidy_2024"]
