"""Hybrid retrieval: dense (FAISS) and lexical (BM25) rankings fused by reciprocal rank.

A question with Chinese words adds a third ranking: BM25 of its dictionary translation
(indexer/bilingual.py), so a Chinese question finds English passages by their words too.
The fused candidates are then re-fused with their ranking by best sentence (``sentence_weight``):
a passage holding one sentence that answers outranks one that is only about the topic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from core.records import Chunk
from indexer.bilingual import english_terms
from indexer.lexical import segment, tokenize
from indexer.store.index_dir import IndexData

Mode = Literal["hybrid", "dense", "lexical"]
RRF_K = 60


@dataclass(frozen=True)
class Hit:
    row: int
    dense: float
    """Cosine similarity of the passage to the question."""
    lexical: float
    """BM25 score of the passage (0 when it shares no term with the question)."""
    fused: float
    """Reciprocal-rank-fusion score; decides the order."""


class Retriever:
    """Searches one loaded index: its FAISS vectors and, when it has one, its BM25 index."""

    def __init__(self, data: IndexData, rrf_k: int = RRF_K, translate: bool = True,
                 sentence_weight: float = 0.0) -> None:
        self.data = data
        self.lexical = data.lexical
        self.rrf_k = rrf_k
        self.translate = translate
        self.sentence_weight = sentence_weight

    def search(
        self,
        query_vector: np.ndarray,
        query_text: str,
        k: int,
        mask: np.ndarray | None = None,
        mode: Mode = "hybrid",
    ) -> list[Hit]:
        """The ``k`` best passages; ``mask`` (bool per row) restricts the search to allowed rows."""
        n = len(self.data.chunks)
        if n == 0 or (mask is not None and not mask.any()):
            return []
        k = min(k, n)
        dense_rank = self._dense(query_vector, k, mask) if mode != "lexical" else []
        lex_scores = (
            self.lexical.scores(query_text, mask)
            if self.lexical is not None and mode != "dense" else None
        )
        lex_rank = _top(lex_scores, k, positive=True) if lex_scores is not None else []
        rankings = [dense_rank, lex_rank]
        if self.lexical is not None and mode != "dense" and self.translate and segment(query_text):
            translated = self.lexical.weighted_scores(english_terms(query_text), mask)
            rankings.append(_top(translated, k, positive=True))
        fused: dict[int, float] = {}
        for ranking in rankings:
            for rank, row in enumerate(ranking):
                fused[row] = fused.get(row, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        rows = np.fromiter(fused, dtype=np.int64)
        dense = np.asarray(self.data.vectors[rows], dtype=np.float32) @ query_vector
        hits = [
            Hit(int(r), float(d), float(lex_scores[r]) if lex_scores is not None else 0.0, fused[r])
            for r, d in zip(rows, dense, strict=True)
        ]
        hits.sort(key=lambda h: (-h.fused, -h.dense))
        if self.sentence_weight > 0 and mode != "lexical":
            hits = self._by_sentence(hits, query_vector)
        return hits[:k]

    def _by_sentence(self, hits: list[Hit], query_vector: np.ndarray) -> list[Hit]:
        best = [float((block @ query_vector).max()) if len(block := self.data.sentence_block(h.row)) else -1.0
                for h in hits]
        order = sorted(range(len(hits)), key=lambda i: -best[i])
        bonus = {i: self.sentence_weight / (self.rrf_k + rank + 1) for rank, i in enumerate(order)}
        hits = [Hit(h.row, h.dense, h.lexical, h.fused + bonus[i]) for i, h in enumerate(hits)]
        return sorted(hits, key=lambda h: (-h.fused, -h.dense))

    def coverage(self, query_text: str, chunks: list[Chunk]) -> float:
        """Share of the question's distinct terms (IDF-weighted) that the passages contain."""
        terms = set(tokenize(query_text))
        if not terms or not chunks:
            return 0.0
        present = {t for c in chunks for t in tokenize(c.passage)}
        weight = self.lexical.idf if self.lexical is not None else (lambda t: 1.0)
        total = sum(weight(t) for t in terms)
        return sum(weight(t) for t in terms & present) / total if total else 0.0

    def _dense(self, query_vector: np.ndarray, k: int, mask: np.ndarray | None) -> list[int]:
        if mask is None:
            assert self.data.vector_index is not None
            _, rows = self.data.vector_index.search(query_vector, k)
            return [int(r) for r in rows[0] if r >= 0]
        allowed = np.flatnonzero(mask)  # exact search over the filtered rows
        scores = np.asarray(self.data.vectors[allowed], dtype=np.float32) @ query_vector
        return [int(allowed[i]) for i in _top(scores, k)]


def _top(scores: np.ndarray, k: int, positive: bool = False) -> list[int]:
    if len(scores) == 0:
        return []
    k = min(k, len(scores))
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    return [int(i) for i in idx if not positive or scores[i] > 0]
