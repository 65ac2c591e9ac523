"""Measure answer quality on a question file: hit@k, MRR and abstention precision/recall.

Question files are JSON lines: {"id", "question", "answerable", "expect": [phrases]}; an answer
hits at rank k when citation k's passage contains one of the expected phrases.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bot.service import PolicyBot
from core.errors import InvalidQuestion


@dataclass
class QuestionResult:
    id: str
    question: str
    answerable: bool
    abstained: bool
    rank: int | None
    """1-based rank of the first citation holding an expected phrase; None when none does."""
    seconds: float
    in_answer: bool = False
    """The answer text itself holds an expected phrase (answered, answerable questions only)."""


@dataclass
class EvalReport:
    questions: int
    answerable: int
    unanswerable: int
    hit_at_1: float
    hit_at_3: float
    mrr: float
    abstention_precision: float
    abstention_recall: float
    false_abstentions: int
    failures: list[dict[str, Any]] = field(default_factory=list)
    median_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_questions(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row.get("question"), str) or not isinstance(row.get("answerable"), bool):
                raise ValueError("needs 'question' (string) and 'answerable' (boolean)")
            if row["answerable"] and not row.get("expect"):
                raise ValueError("an answerable question needs 'expect' phrases")
        except (ValueError, AttributeError) as exc:
            raise InvalidQuestion(f"{path}:{number}: {exc}") from exc
        row.setdefault("id", f"q{number}")
        rows.append(row)
    return rows


def normalise(text: str) -> str:
    """Whitespace collapsed, case folded: how phrases are matched against passages and answers."""
    return " ".join(text.lower().split())


def evaluate(bot: PolicyBot, questions: list[dict[str, Any]], top_k: int = 5) -> EvalReport:
    return summarise(ask_all(bot, questions, top_k))


def ask_all(bot: PolicyBot, questions: Iterable[dict[str, Any]], top_k: int = 5) -> list[QuestionResult]:
    """Ask each question as a user would (``PolicyBot.ask``) and judge its answer."""
    results: list[QuestionResult] = []
    for q in questions:
        started = time.perf_counter()
        answer = bot.ask(q["question"], top_k)
        seconds = time.perf_counter() - started
        rank, in_answer = None, False
        if q["answerable"] and not answer.abstained:
            phrases = [normalise(p) for p in q.get("expect", [])]
            rank = next((c.n for c in answer.citations
                         if any(p in normalise(c.text) for p in phrases)), None)
            in_answer = any(p in normalise(answer.answer) for p in phrases)
        results.append(QuestionResult(q["id"], q["question"], q["answerable"], answer.abstained,
                                      rank, seconds, in_answer))
    return results


def summarise(results: list[QuestionResult]) -> EvalReport:
    answerable = [r for r in results if r.answerable]
    unanswerable = [r for r in results if not r.answerable]
    abstained = [r for r in results if r.abstained]

    def share(items: list[QuestionResult], total: int) -> float:
        return round(len(items) / total, 4) if total else 1.0

    failures = [
        {"id": r.id, "question": r.question,
         "problem": ("abstained on an answerable question" if r.abstained
                     else "expected phrase not in the top 3 citations")}
        for r in answerable if r.rank is None or r.rank > 3
    ] + [{"id": r.id, "question": r.question, "problem": "answered an unanswerable question"}
         for r in unanswerable if not r.abstained]
    times = sorted(r.seconds for r in results)
    return EvalReport(
        questions=len(results),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        hit_at_1=share([r for r in answerable if r.rank == 1], len(answerable)),
        hit_at_3=share([r for r in answerable if r.rank and r.rank <= 3], len(answerable)),
        mrr=round(sum(1 / r.rank for r in answerable if r.rank) / len(answerable), 4)
        if answerable else 1.0,
        abstention_precision=share([r for r in abstained if not r.answerable], len(abstained)),
        abstention_recall=share([r for r in unanswerable if r.abstained], len(unanswerable)),
        false_abstentions=sum(1 for r in answerable if r.abstained),
        failures=failures,
        median_seconds=round(times[len(times) // 2], 4) if times else 0.0,
    )


def plain_eval(report: EvalReport) -> str:
    lines = [
        f"questions: {report.questions} ({report.answerable} answerable, "
        f"{report.unanswerable} unanswerable)",
        f"hit@1: {report.hit_at_1:.3f}  hit@3: {report.hit_at_3:.3f}  MRR: {report.mrr:.3f}",
        f"abstention precision: {report.abstention_precision:.3f}  "
        f"recall: {report.abstention_recall:.3f}  false abstentions: {report.false_abstentions}",
        f"median answer time: {report.median_seconds * 1000:.1f} ms",
    ]
    if report.failures:
        lines.append("failed:")
        lines += [f"  {f['id']}: {f['problem']}: {f['question']}" for f in report.failures]
    return "\n".join(lines)
