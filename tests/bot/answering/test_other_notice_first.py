"""An English question whose English lead passage lacks a year or place it names is read again with
the best Chinese notice first, when that notice holds every slot; otherwise the decline stands."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from bot.answering import respond
from bot.answering.compose import Candidate
from bot.answering.reader import Reading
from bot.answering.slots import SlotCheck, passage_holds, question_slots
from core.records import Chunk

QUESTION = "Do B2B export goods get priority inspection under the customs announcement No. 75 of 2020?"


def cand(doc: str, text: str, title: str = "") -> Candidate:
    return Candidate(Chunk(doc_id=doc, text=text, position=0, title=title, source=f"{doc}.txt",
                           sentences=(text,)), 0.8, np.array([0.8]))


NEWS = cand("news", "Exporters welcomed faster customs clearance for e-commerce goods this spring.")


def reading_of(question: str, slots, kept: list[Candidate], evidence, ctx) -> Reading:  # type: ignore[no-untyped-def]
    """The reader as far as this rule needs it: a lead passage lacking a slot is declined for it."""
    missing = [] if passage_holds(slots, kept[0].chunk) else ["2020"]
    return Reading(kept, 0, slots, SlotCheck(missing, True), missing, "en-x", decline="slot" if missing else None)


@pytest.fixture(autouse=True)
def plain_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(respond, "_read", reading_of)


def ask(notice: Candidate) -> Reading:
    slots = question_slots(QUESTION)
    kept = [NEWS, notice]
    first = reading_of(QUESTION, slots, kept, None, None)
    assert first.decline == "slot"
    evidence = SimpleNamespace(other_notice=notice.chunk.doc_id)
    return respond._other_notice_first(QUESTION, slots, kept, evidence, SimpleNamespace(heads={}), first)  # type: ignore[arg-type]


def test_the_chinese_notice_holding_the_year_leads() -> None:
    notice = cand("gacc", "跨境电商B2B出口货物可优先安排查验。", title="海关总署公告2020年第75号")
    again = ask(notice)
    assert again.decline is None and again.order[0].chunk.doc_id == "gacc"


def test_a_chinese_notice_of_another_year_leaves_the_decline() -> None:
    notice = cand("gacc", "跨境电商B2B出口货物可优先安排查验。", title="海关总署公告2019年第75号")
    again = ask(notice)
    assert again.decline == "slot" and again.order[0].chunk.doc_id == "news"
