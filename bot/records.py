"""What an answer is made of; the API and the CLI serialise these as they are."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from core.records import Chunk, DocumentMeta, content_hash


@dataclass(frozen=True, kw_only=True)
class Citation(DocumentMeta):
    """A quoted passage: its document's metadata, the passage and how well it matched."""

    n: int
    doc_id: str
    chunk_id: str
    text: str
    score: float
    page: int | None = None

    @classmethod
    def from_chunk(cls, n: int, chunk: Chunk, score: float) -> Citation:
        return cls(n=n, doc_id=chunk.doc_id, chunk_id=chunk.chunk_id, text=chunk.text,
                   score=round(float(score), 4), page=chunk.page, **chunk.meta_dict())


@dataclass(frozen=True)
class Answer:
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    answer_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["citations"] = [{"n": c["n"], **c} for c in data["citations"]]  # number first, for people
        return data

    @staticmethod
    def make_id(question: str, answer: str, salt: str) -> str:
        return content_hash(question, answer, salt)[:20]
