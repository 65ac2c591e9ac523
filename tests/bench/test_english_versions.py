"""The English versions of the notice set's fit questions (bench/english_versions.py) stay fit data."""

from __future__ import annotations

from bench import english_versions, notice_set
from core.language import question_language


def test_every_english_version_is_of_one_fit_chinese_question() -> None:
    rows = english_versions.versions()
    fit = {q["id"]: q for q in notice_set.questions() if q["split"] == "fit"}
    assert len(rows) >= 60
    assert len({r["of"] for r in rows}) == len(rows)
    for row in rows:
        assert fit[row["of"]]["kind"] == "zh_direct" and row["split"] == "fit"
        assert question_language(row["question"]) == "en" and row["expect"] == fit[row["of"]]["expect"]


def test_figures_count_ranks_and_answers() -> None:
    rows = [{"retrieved_at": 2, "notice_first": True, "rank": 1, "abstained": False, "gold": True, "direct": False},
            {"retrieved_at": None, "notice_first": False, "rank": None, "abstained": True, "gold": False,
             "direct": False}]
    got = english_versions.figures(rows)
    assert got["retrieved_at_1"] == 0 and got["retrieved_at_3"] == 0.5 and got["notice_first"] == 0.5
    assert got["hit_at_1"] == 0.5 and got["hit_at_3"] == 0.5 and got["false_abstain"] == 0.5
