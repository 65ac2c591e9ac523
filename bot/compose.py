"""Extractive answers: the retrieved sentences that best answer the question, each cited."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.records import Citation
from indexer.records import Chunk

ABSTAIN_TEXT = (
    "No policy document in the collection covers this question, so I cannot answer it. "
    "Try rephrasing it, or ask about the federation's trade, support and cluster policies."
)


@dataclass
class Candidate:
    """A retrieved passage with its retrieval score and its sentences' similarity to the question."""

    chunk: Chunk
    score: float
    sentence_scores: np.ndarray


@dataclass(frozen=True)
class Composed:
    answer: str
    citations: list[Citation]


def compose(candidates: list[Candidate], max_sentences: int = 3, margin: float = 0.12) -> Composed:
    """Pick sentences and number citations by retrieval rank.

    The top passage's best sentence always leads (it is the retriever's best evidence); other
    sentences join when their similarity is within ``margin`` of the best one. A sentence that
    repeats one already chosen (chunks overlap) is skipped.
    """
    picks: list[tuple[float, int, int]] = []  # (similarity, candidate index, sentence index)
    for ci, cand in enumerate(candidates):
        for si, sim in enumerate(cand.sentence_scores):
            picks.append((float(sim), ci, si))
    if not picks:
        return Composed("", [])
    best_overall = max(p[0] for p in picks)
    lead = max((p for p in picks if p[1] == 0), default=None, key=lambda p: p[0])
    chosen: list[tuple[float, int, int]] = [lead] if lead else []
    seen = {_norm(candidates[lead[1]].chunk.sentences[lead[2]])} if lead else set()
    for sim, ci, si in sorted(picks, key=lambda p: -p[0]):
        if len(chosen) >= max_sentences or sim < best_overall - margin:
            break
        key = _norm(candidates[ci].chunk.sentences[si])
        if key in seen or len(key) < 12:
            continue
        seen.add(key)
        chosen.append((sim, ci, si))
    used = sorted({ci for _, ci, _ in chosen})
    number = {ci: n for n, ci in enumerate(used, start=1)}
    parts = [f"{candidates[ci].chunk.sentences[si]} [{number[ci]}]" for _, ci, si in chosen]
    citations = [Citation.from_chunk(number[ci], candidates[ci].chunk, candidates[ci].score)
                 for ci in used]
    return Composed(" ".join(parts), citations)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
