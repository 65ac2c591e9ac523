"""Records that flow through the pipeline. Ids are content hashes so re-indexing can skip work."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def content_hash(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass(frozen=True)
class Document:
    """A cleaned source document with the metadata it states."""

    doc_id: str
    title: str
    text: str
    source: str
    date: str | None = None
    url: str | None = None
    issuer: str | None = None
    pages: tuple[tuple[int, int], ...] = ()
    """(character offset, page number) pairs for paged formats, in order."""
    raw_hash: str = ""

    @property
    def hash(self) -> str:
        return self.raw_hash or content_hash(self.text)

    def page_at(self, offset: int) -> int | None:
        page = None
        for start, number in self.pages:
            if start > offset:
                break
            page = number
        return page


@dataclass(frozen=True)
class Chunk:
    """A passage of a document; ``sentences`` are the units an answer may quote."""

    doc_id: str
    text: str
    position: int
    title: str
    source: str
    date: str | None = None
    url: str | None = None
    issuer: str | None = None
    page: int | None = None
    sentences: tuple[str, ...] = field(default_factory=tuple)

    @property
    def chunk_id(self) -> str:
        return content_hash(self.doc_id, self.text)[:16]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["chunk_id"] = self.chunk_id
        data["sentences"] = list(self.sentences)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        fields = {k: v for k, v in data.items() if k != "chunk_id"}
        fields["sentences"] = tuple(fields.get("sentences", ()))
        return cls(**fields)
