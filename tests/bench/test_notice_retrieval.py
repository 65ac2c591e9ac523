"""bench/notice_retrieval.py: ranks of the answer passage and of the gold notice, and the miss classes."""

from __future__ import annotations

from types import SimpleNamespace

from bench.notice_retrieval import ranks, summary


class FakeBot:
    """Returns fixed candidates, as ``PolicyBot.retrieve`` would, whatever the question."""

    def __init__(self, passages: list[tuple[str, str]]) -> None:
        self.candidates = [SimpleNamespace(chunk=SimpleNamespace(source=f"/corpus/{doc}.txt", text=text))
                           for doc, text in passages]

    def retrieve(self, question: str, top_k: int) -> tuple[list, None]:
        return self.candidates[:top_k], None


def test_ranks_find_the_answer_passage_and_the_gold_notice() -> None:
    bot = FakeBot([("other", "联系电话 010"), ("gold", "前言"), ("gold", "展位费每平方米 4000元")])
    question = {"question": "展位费？", "expect": ["4000 元", "4000元"], "doc": "gold"}
    assert ranks(bot, question) == (3, 2)
    assert ranks(bot, {**question, "expect": ["5000元"]}) == (None, 2)
    assert ranks(bot, {**question, "doc": "absent"}) == (3, None)


def test_summary_classes_misses_by_whether_the_notice_was_found() -> None:
    rows = [{"hit": 1, "doc": 1}, {"hit": 4, "doc": 1}, {"hit": None, "doc": None}, {"hit": None, "doc": 5}]
    s = summary(rows)
    assert (s["n"], s["hit_at_1"], s["hit_at_3"], s["hit_at_5"], s["doc_at_3"]) == (4, 0.25, 0.25, 0.5, 0.5)
    assert (s["miss_wrong_passage"], s["miss_wrong_notice"]) == (1, 2)
