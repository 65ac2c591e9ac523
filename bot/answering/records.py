"""What an answer is made of; the API and the CLI serialise these as they are."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from core.language import Lang, text_language
from core.records import Chunk, DocumentMeta, content_hash
from core.validity import Status

Confidence = Literal["direct", "related"]
"""direct: the quote holds what the question asks for (a number, date or name when it asks for one)
and most of its content words; related: a passage on the topic that may not answer (bot/answering/answerable.py)."""


@dataclass(frozen=True, kw_only=True)
class Citation(DocumentMeta):
    """A quoted passage: its document's metadata, the passage, how well it matched and the
    passage's language (``core.language.text_language``), so a reader of another language is
    told the quote is in the original."""

    n: int
    doc_id: str
    chunk_id: str
    text: str
    score: float
    page: int | None = None
    lang: Lang = "en"
    status: Status = "unknown"
    """The document's status on the question's ``as_of`` day (``bot.answering.validity.stamp``)."""
    confidence: Confidence = "related"
    """Whether the text quoted from this passage answers the question or is only related."""

    @classmethod
    def from_chunk(cls, n: int, chunk: Chunk, score: float) -> Citation:
        return cls(n=n, doc_id=chunk.doc_id, chunk_id=chunk.chunk_id, text=chunk.text,
                   score=round(float(score), 4), page=chunk.page, lang=text_language(chunk.text),
                   **chunk.meta_dict())


@dataclass(frozen=True)
class Answer:
    """``lang`` is the language the answer is given in: the question's (``core.language``) unless
    the caller chose one. Quotes stay in their passage's language (``Citation.lang``)."""

    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    answer_id: str = ""
    lang: Lang = "en"
    confidence: Confidence | None = None
    """The lead citation's confidence; None when the bot abstained."""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["citations"] = [{"n": c["n"], **c} for c in data["citations"]]  # number first, for people
        return data

    @staticmethod
    def make_id(question: str, answer: str, salt: str) -> str:
        return content_hash(question, answer, salt)[:20]
