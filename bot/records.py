"""What an answer is made of; the API and the CLI serialise these as they are."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from indexer.records import Chunk, content_hash


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    title: str
    date: str | None
    source: str
    chunk_id: str
    text: str
    score: float
    url: str | None = None
    issuer: str | None = None
    page: int | None = None

    @classmethod
    def from_chunk(cls, n: int, chunk: Chunk, score: float) -> Citation:
        return cls(
            n=n, doc_id=chunk.doc_id, title=chunk.title, date=chunk.date, source=chunk.source,
            chunk_id=chunk.chunk_id, text=chunk.text, score=round(float(score), 4),
            url=chunk.url, issuer=chunk.issuer, page=chunk.page,
        )


@dataclass(frozen=True)
class Answer:
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    answer_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def make_id(question: str, answer: str, salt: str) -> str:
        return content_hash(question, answer, salt)[:20]
