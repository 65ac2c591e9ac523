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
