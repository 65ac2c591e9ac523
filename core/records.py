"""Records that flow through the pipeline. Ids are content hashes so re-indexing can skip work.

``DocumentMeta`` holds the metadata fields a document states. They are defined here once:
documents, chunks and citations extend it, the manifest stores ``meta_dict()`` per document and
the API's schemas are generated from it, so a new field is one line here.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any


def content_hash(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass(frozen=True, kw_only=True)
class DocumentMeta:
    """What a document says about itself; every chunk and citation of it carries the same."""

    title: str
    source: str
    date: str | None = None
    url: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    """The issuer's number for the document ("Shao Shang [2022] No. 15", "柯政发〔2025〕8号")."""
    effective_date: str | None = None
    expiry_date: str | None = None
    """The last day the document is in force (ISO), when it states one."""
    superseded_by: str | None = None
    """doc_id of the indexed document that replaces this one (``indexer.notice.supersede``)."""

    def meta_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in meta_fields()}


def meta_fields() -> tuple[str, ...]:
    """The metadata field names, in declaration order."""
    return tuple(f.name for f in fields(DocumentMeta))


def passage_text(title: str, text: str, section: str = "") -> str:
    """What the encoder and BM25 see for a passage: its document's title and the heading path of
    its section ("六、联系方式") give it context."""
    return f"{title}\n{section}\n{text}" if section else f"{title}\n{text}"


@dataclass(frozen=True, kw_only=True)
class Document(DocumentMeta):
    """A cleaned source document with the metadata it states."""

    doc_id: str
    text: str
    pages: tuple[tuple[int, int], ...] = ()
    """(character offset, page number) pairs for paged formats, in order."""
    raw_hash: str = ""
    replaces: tuple[str, ...] = ()
    """Numbers and titles of the documents this one says it replaces (``indexer.notice.record``)."""
    outline: tuple[tuple[int, tuple[str, ...], bool], ...] = ()
    """Per line of a structured text (``indexer.notice.sections``): its offset in ``text``, the heading
    path it sits in (its own heading included) and whether an answer may quote it. Chunks break
    between sections and carry the path. Empty: the text is chunked as one run, every sentence
    quotable."""
    removed: tuple[tuple[str, str], ...] = ()
    """(rule, line) for every line the cleaner removed as web chrome (``indexer.documents.clean``)."""
    notes: tuple[str, ...] = ()
    """What loading changed in the stated metadata (a URL that is not http(s) dropped), for the report."""

    @property
    def links(self) -> dict[str, Any]:
        """What the index keeps to link documents across builds: the references this one makes
        and the successor a sidecar declared (``indexer.notice.supersede`` derives ``superseded_by``)."""
        return {"replaces": list(self.replaces), "superseded_by": self.superseded_by}

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


SECTION_SEPARATOR = " › "


@dataclass(frozen=True, kw_only=True)
class Chunk(DocumentMeta):
    """A passage of a document; ``sentences`` are the units an answer may quote.

    ``section`` is the heading path of a structured notice ("三、申报条件 › （二）"; SECTION_SEPARATOR
    between levels), empty when the document has no headings above the passage.
    """

    doc_id: str
    text: str
    position: int
    page: int | None = None
    sentences: tuple[str, ...] = field(default_factory=tuple)
    section: str = ""

    @property
    def chunk_id(self) -> str:
        return content_hash(self.doc_id, self.text)[:16]

    @property
    def passage(self) -> str:
        return passage_text(self.title, self.text, self.section)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["chunk_id"] = self.chunk_id
        data["sentences"] = list(self.sentences)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["sentences"] = tuple(values.get("sentences", ()))
        return cls(**values)
