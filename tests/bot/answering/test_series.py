"""Versions of one notice: the one that applies answers, the other is named."""

import datetime as dt

import numpy as np

from bot.answering.compose import Candidate
from bot.answering.series import choose, note, same_series
from bot.answering.slots import question_slots
from core.records import Chunk

DOCS = {
    "js24": {"title": "江苏省商务厅关于2024年贸易促进计划第二批、第三批境外重点展会项目申报的通知",
             "issuer": "江苏省商务厅", "date": "2024-11-07"},
    "js25": {"title": "江苏省商务厅关于做好2025年贸易促进计划重点展会参展单位申报工作的通知",
             "issuer": "江苏省商务厅", "date": "2025-04-03"},
    "ty": {"title": "太原市社会保险管理服务中心关于开展2024年度失业保险稳岗返还申领工作的通知",
           "issuer": "太原市社会保险管理服务中心", "date": "2024-07-24"},
}


def cand(doc: str) -> Candidate:
    return Candidate(Chunk(doc_id=doc, text="每平方米最高支持。", position=0, title=DOCS[doc]["title"],
                           source=f"{doc}.txt", sentences=("每平方米最高支持。",)), 0.9, np.array([0.9]))


def test_versions_are_told_by_issuer_and_title() -> None:
    assert same_series(DOCS["js24"], DOCS["js25"])
    assert not same_series(DOCS["js24"], DOCS["ty"])
    assert not same_series(DOCS["js24"], DOCS["js24"])


def test_the_year_asked_then_the_newer_version_answers_and_the_other_is_named() -> None:
    day = dt.date(2026, 12, 6)
    kept, other, why = choose([cand("js24"), cand("js25"), cand("ty")], DOCS, day, question_slots("展位费上限是多少？"))
    assert [c.chunk.doc_id for c in kept] == ["js25", "ty"] and other == "js24" and why == "newer"
    kept, other, why = choose([cand("js25"), cand("js24")], DOCS, day, question_slots("2024年展位费上限是多少？"))
    assert [c.chunk.doc_id for c in kept] == ["js24"] and other == "js25" and why == "year"
    assert "2025-04-03" in note(other, DOCS, why, "zh") and "您所问年份" in note(other, DOCS, why, "zh")
    expired = {**DOCS, "js25": {**DOCS["js25"], "expiry_date": "2025-12-31"}}
    kept, other, why = choose([cand("js25"), cand("js24")], expired, day, question_slots("展位费上限是多少？"))
    assert [c.chunk.doc_id for c in kept] == ["js24"] and why == "in_force"
    assert choose([cand("js24"), cand("ty")], DOCS, day, question_slots("上限？"))[1] is None


def test_a_measure_reissued_under_the_same_title_is_a_version_told_by_its_number() -> None:
    """A province reissues "若干措施" under an unchanged title: the number and date tell the versions
    apart, and a year asked is read from the number (〔2022〕); one document twice is no series."""
    title = "某省人民政府办公厅关于印发《某省支持对外贸易发展的若干措施》的通知"
    docs = {"v22": {"title": title, "issuer": "某省人民政府办公厅", "doc_number": "某政办规〔2022〕6号",
                    "date": "2022-03-02"},
            "v23": {"title": title, "issuer": "某省人民政府办公厅", "doc_number": "某政办规〔2023〕9号",
                    "date": "2023-04-28"}}
    assert same_series(docs["v22"], docs["v23"]) and not same_series(docs["v22"], dict(docs["v22"]))

    def version(doc: str) -> Candidate:
        return Candidate(Chunk(doc_id=doc, text="保费补贴。", position=0, title=title, source=f"{doc}.txt",
                               sentences=("保费补贴。",)), 0.9, np.array([0.9]))
    kept, other, why = choose([version("v23"), version("v22")], docs, dt.date(2026, 12, 6),
                              question_slots("2022年那份措施保费补多少？"))
    assert [c.chunk.doc_id for c in kept] == ["v22"] and other == "v23" and why == "year"
