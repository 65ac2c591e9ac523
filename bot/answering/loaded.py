"""The index as answering reads it: the data, its retriever, passages by position, the answer model's state."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from bot.answering.calibrated import Calibration
from bot.answering.compose import Candidate
from bot.answering.retrieve import Retriever
from core.records import Chunk
from indexer.store.index_dir import IndexData

MAX_DOCUMENT_PASSAGES = 40
"""Passages of one document read beside the retrieved ones (``document_candidates``)."""


@dataclass
class LoadedIndex:
    data: IndexData
    retriever: Retriever
    version: str
    by_position: dict[tuple[str, int], Chunk] = field(default_factory=dict)
    """(doc_id, position) -> chunk: the passage after a quoted one, where an enumeration goes on."""
    answer_current: bool = True  # the index records the installed answer model (indexer.picker.model.identity)
    calibration: Calibration | None = None  # the answer model's, when it applies (bot/answering/calibrated.py)
    rows: dict[str, list[int]] = field(default_factory=dict)
    """doc_id -> its passages' rows, in document order."""

    @classmethod
    def of(cls, data: IndexData, retriever: Retriever, answer_current: bool,
           calibration: Calibration | None) -> LoadedIndex:
        rows: dict[str, list[int]] = {}
        for row, chunk in enumerate(data.chunks):
            rows.setdefault(chunk.doc_id, []).append(row)
        return cls(data, retriever, data.version, {(c.doc_id, c.position): c for c in data.chunks}, answer_current,
                   calibration, {doc: sorted(r, key=lambda i: data.chunks[i].position) for doc, r in rows.items()})

    def following(self, chunk: Chunk) -> Chunk | None:
        return self.by_position.get((chunk.doc_id, chunk.position + 1))

    def document_candidates(self, doc_id: str, query_vector: np.ndarray) -> list[Candidate]:
        """Every passage of ``doc_id`` (up to ``MAX_DOCUMENT_PASSAGES``) as a candidate for
        ``query_vector``: its cosine, its sentences' cosines and vectors."""
        out = []
        for row in self.rows.get(doc_id, [])[:MAX_DOCUMENT_PASSAGES]:
            block = self.data.sentence_block(row)
            out.append(Candidate(self.data.chunks[row], float(self.data.vectors[row] @ query_vector),
                                 block @ query_vector, block))
        return out

    def cross_cosines(self, doc_ids: list[str], other: np.ndarray, cross_vector: np.ndarray | None
                      ) -> dict[tuple[str, int], float]:
        """(doc_id, position) -> the cross-lingual cosine of every passage of ``doc_ids`` that
        ``other`` (per row) marks as in the other language than the question: the passages the
        picker may quote (the retrieved ones, the rest of their notices), each checked by the
        cross-lingual model when quoted across languages (bot/answering/calibrated.py)."""
        if cross_vector is None or self.data.crosslingual is None:
            return {}
        rows = [r for doc in dict.fromkeys(doc_ids) for r in self.rows.get(doc, [])[:MAX_DOCUMENT_PASSAGES]
                if other[r]]
        if not rows:
            return {}
        scores = np.asarray(self.data.crosslingual[rows], dtype=np.float32) @ np.asarray(cross_vector, np.float32)
        return {(self.data.chunks[r].doc_id, self.data.chunks[r].position): float(x)
                for r, x in zip(rows, scores, strict=True)}
