"""Sentence-aware chunking: passages small enough for the model, sentences kept whole."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from langchain_text_splitters import RecursiveCharacterTextSplitter

from core.records import Chunk, Document
from indexer.documents.limits import limit_error

# Paragraphs first, then sentence ends (Chinese and Western), then clauses, then words.
SEPARATORS = [
    "\n\n",
    "\n",
    "。",
    "！",
    "？",
    "；",
    ". ",
    "! ",
    "? ",
    "; ",
    "，",
    ", ",
    " ",
    "",
]

_SENTENCE_END = re.compile(
    r"(?<=[。！？；][”’」』])|(?<=[。！？；])(?![”’」』])"  # Chinese end, with its closing quote if any
    r"|(?<=[.!?])(?<!\bNo\.)(?<!\bNos\.)(?<!\bArt\.)(?<!\bVol\.)(?<!\bSec\.)(?<!\bpara\.)"  # not "No. 15"
    r"[\"”’)]?\s+(?=[\"“‘(\[A-Z0-9\u4e00-\u9fff])"  # Western end + space + capital
    r"|\n+"
)


def split_sentences(text: str) -> list[str]:
    """Split a passage into the units an extractive answer may quote."""
    parts = (p.strip() for p in _SENTENCE_END.split(text) if p)
    return [p for p in parts if p and re.search(r"\w", p)]


class Chunker:
    """Wrap a langchain splitter whose length unit is the embedding model's tokens."""

    def __init__(
        self,
        chunk_size: int,
        chunk_overlap: int,
        length_function: Callable[[str], int] = len,
    ) -> None:
        self.chunk_size = chunk_size
        self.length = length_function
        self._splitter = RecursiveCharacterTextSplitter(
            separators=SEPARATORS,
            chunk_size=chunk_size,
            chunk_overlap=min(chunk_overlap, chunk_size // 2),
            length_function=length_function,
            keep_separator="end",
            add_start_index=True,
            strip_whitespace=True,
        )

    def surely_exceeds(self, text: str, max_chunks: int) -> bool:
        """True when ``text`` cannot fit ``max_chunks`` chunks: a chunk holds at most chunk_size
        tokens, so counting tokens refuses a long text in a fraction of the splitting time
        (990,000 CJK characters: 2.3 s instead of 11.6 s). The margin absorbs tokens that the
        whole text and its pieces count differently."""
        return self.length(text) > 1.25 * max_chunks * self.chunk_size

    def split(self, text: str) -> Iterator[tuple[int, str]]:
        """Yield (start offset, passage text) pairs."""
        for doc in self._splitter.create_documents([text]):
            yield int(doc.metadata.get("start_index", -1)), doc.page_content


def embed_text(chunk: Chunk) -> tuple[str, list[tuple[int, int]]]:
    """What the model sees for a chunk (its title gives the passage context) and sentence spans."""
    passage = chunk.passage
    offset = len(passage) - len(chunk.text)
    spans, cursor = [], 0
    for sentence in chunk.sentences:
        start = chunk.text.find(sentence, cursor)
        start = cursor if start < 0 else start
        spans.append((offset + start, offset + start + len(sentence)))
        cursor = start + len(sentence)
    return passage, spans


def chunk_document(doc: Document, chunker: Chunker, max_chunks: int | None = None) -> list[Chunk]:
    """Chunks never cross a page, so a citation's page is exact.

    With ``max_chunks``, a document that needs more is refused (DocumentError) as soon as that
    is known: embedding cost grows with chunks and one upload must not hold the index lock long."""
    if max_chunks is not None and chunker.surely_exceeds(doc.text, max_chunks):
        raise limit_error("max_chunks_per_document", max_chunks, "document needs", "chunks")
    chunks: list[Chunk] = []
    for start, end, page in _segments(doc):
        for _, text in chunker.split(doc.text[start:end]):
            if max_chunks is not None and len(chunks) >= max_chunks:
                raise limit_error("max_chunks_per_document", max_chunks, "document needs", "chunks")
            chunks.append(Chunk(
                doc_id=doc.doc_id, text=text, position=len(chunks), page=page,
                sentences=tuple(split_sentences(text)) or (text,), **doc.meta_dict(),
            ))
    return chunks


def _segments(doc: Document) -> list[tuple[int, int, int | None]]:
    if not doc.pages:
        return [(0, len(doc.text), None)]
    bounds = [0] + [start for start, _ in doc.pages[1:]] + [len(doc.text)]
    return [(bounds[i], bounds[i + 1], number) for i, (_, number) in enumerate(doc.pages)]
