"""When to say the documents do not answer. Thresholds come from measurements (README)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.compose import Candidate
from bot.retrieve import Hit

# Calibrated on bench/calibration_questions.jsonl; see bench/README.md and the README.
DENSE_THRESHOLD = 0.30


@dataclass(frozen=True)
class Evidence:
    top_dense: float
    best_sentence: float
    threshold: float

    @classmethod
    def of(cls, hits: list[Hit], candidates: list[Candidate], threshold: float | None) -> Evidence:
        top = max((h.dense for h in hits), default=0.0)
        best = max((float(c.sentence_scores.max()) for c in candidates
                    if len(c.sentence_scores)), default=0.0)
        return cls(top, best, DENSE_THRESHOLD if threshold is None else threshold)


def should_abstain(evidence: Evidence) -> bool:
    return evidence.top_dense < evidence.threshold
