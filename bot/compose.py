"""Extractive answers: the retrieved sentences that best answer the question, each cited."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.language import Lang
from bot.records import Citation
from core.records import Chunk

ABSTAIN_TEXT = (
    "No policy document in the collection covers this question, so I cannot answer it. "
    "Try rephrasing it, or ask about the federation's trade, support and cluster policies."
)
# The abstention in the asker's language (``Answer.lang``); English stays ABSTAIN_TEXT.
ABSTAIN_TEXTS: dict[Lang, str] = {
    "en": ABSTAIN_TEXT,
    "zh": "我们的政策文件中没有涉及这个问题的内容，因此无法回答。"
          "请换一种问法，或询问联合会有关贸易、扶持和产业集群的政策。",
}


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


def compose(candidates: list[Candidate], max_sentences: int = 3, margin: float = 0.25) -> Composed:
    """Quote the best sentence of each top passage, in retrieval order, and cite it.

    Passages come ranked by the retriever; from each, in that order, the sentence most similar
    to the question joins the answer unless it repeats one already chosen (chunks overlap) or
    falls more than ``margin`` below the best sentence of all (it would add noise, not support).
    """
    best_overall = max((float(c.sentence_scores.max()) for c in candidates
                        if len(c.sentence_scores)), default=None)
    if best_overall is None:
        return Composed("", [])
    chosen: list[tuple[int, int]] = []  # (candidate index, sentence index)
    seen: set[str] = set()
    for ci, cand in enumerate(candidates):
        if len(chosen) >= max_sentences:
            break
        for si in [int(i) for i in np.argsort(-cand.sentence_scores, kind="stable")]:
            if cand.sentence_scores[si] < best_overall - margin:
                break
            key = _norm(cand.chunk.sentences[si])
            if key not in seen:
                seen.add(key)
                chosen.append((ci, si))
                break
    number = {ci: n for n, ci in enumerate(dict.fromkeys(ci for ci, _ in chosen), start=1)}
    parts = [f"{candidates[ci].chunk.sentences[si]} [{number[ci]}]" for ci, si in chosen]
    citations = [Citation.from_chunk(n, candidates[ci].chunk, candidates[ci].score)
                 for ci, n in number.items()]
    return Composed(" ".join(parts), citations)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
