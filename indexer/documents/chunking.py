"""Sentence-aware chunking: passages small enough for the model, sentences kept whole."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from core.records import SECTION_SEPARATOR, Chunk, Document
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
    # nor an item's number at a line's start or after a colon ("1. 2024年东京展", "附件：1. 申报表")
    r"(?<!^\d\.)(?<!^\d\d\.)(?<!\n\d\.)(?<!\n\d\d\.)(?<![:：]\d\.)(?<![:：] \d\.)(?<![:：]\d\d\.)"
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
    """Chunks follow the document's sections (``Document.outline``): a section that fits is one
    chunk, small neighbours share one, a long one is split along its subsections, and only a
    section without any is cut by the splitter. Each chunk carries the heading path its lines share
    (``Chunk.section``). Chunks never cross a page, so a citation's page is exact.

    With ``max_chunks``, a document that needs more is refused (DocumentError) as soon as that
    is known: embedding cost grows with chunks and one upload must not hold the index lock long."""
    if max_chunks is not None and chunker.surely_exceeds(doc.text, max_chunks):
        raise limit_error("max_chunks_per_document", max_chunks, "document needs", "chunks")
    chunks: list[Chunk] = []
    for start, end, page in _segments(doc):
        lines = _lines(doc, start, end)
        for at, text, section in _pieces(doc.text, lines, chunker):
            if max_chunks is not None and len(chunks) >= max_chunks:
                raise limit_error("max_chunks_per_document", max_chunks, "document needs", "chunks")
            chunks.append(Chunk(
                doc_id=doc.doc_id, text=text, position=len(chunks), page=page,
                sentences=_quotable(text, at, lines), section=SECTION_SEPARATOR.join(section),
                **doc.meta_dict(),
            ))
    return chunks


def _quotable(text: str, at: int, lines: list[tuple[int, int, tuple[str, ...], bool]]) -> tuple[str, ...]:
    """The chunk's sentences an answer may quote: none from a line the outline marks unquotable (the
    title, the letterhead, the addressee); all of them when that would leave none."""
    sentences = split_sentences(text)
    quiet = [(s, e) for s, e, _, quoted in lines if not quoted and s < at + len(text) and e > at]
    kept, cursor = [], 0
    for sentence in sentences:
        pos = text.find(sentence, cursor)
        pos = cursor if pos < 0 else pos
        cursor = pos + len(sentence)
        if not any(s <= at + pos and at + cursor <= e for s, e in quiet):
            kept.append(sentence)
    return tuple(kept or sentences) or (text,)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    path: tuple[str, ...]
    tokens: int
    quoted: bool = True


def _lines(doc: Document, start: int, end: int) -> list[tuple[int, int, tuple[str, ...], bool]]:
    """(start, end, heading path, quotable) of each outlined line in ``doc.text[start:end]``; the
    whole span as one quotable line when the document has no outline."""
    marks = [(o, path, quoted) for o, path, quoted in doc.outline if start <= o < end]
    if not marks or marks[0][0] > start and doc.text[start:marks[0][0]].strip():
        marks.insert(0, (start, (), True))
    found = []
    for i, (o, path, quoted) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else end
        text = doc.text[o:stop].rstrip()
        if text:
            found.append((o, o + len(text), path, quoted))
    return found


def _pieces(text: str, spans: list[tuple[int, int, tuple[str, ...], bool]],
            chunker: Chunker) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """(offset, passage text, shared heading path) of each chunk of the lines ``spans``."""
    lines = [_Line(s, e, p, chunker.length(text[s:e]), q) for s, e, p, q in spans]
    for group in _pack(lines, 0, chunker.chunk_size):
        start, end = group[0].start, group[-1].end
        if sum(ln.tokens for ln in group) <= chunker.chunk_size:
            yield start, text[start:end], _shared([ln.path for ln in group])
            continue
        # Lines no answer quotes (a letterhead, a title, an addressee) open the first piece instead
        # of making one of their own, which would match every question about the document.
        head = next((i for i, ln in enumerate(group) if ln.quoted), 0)
        if sum(ln.tokens for ln in group[:head]) > chunker.chunk_size // 2:
            head = 0
        for n, (offset, piece) in enumerate(chunker.split(text[group[head].start:end])):
            at = group[head].start + max(offset, 0)
            if n == 0 and head:
                piece, at = text[start:at + len(piece)], start
            covered = [ln.path for ln in group if ln.start < at + len(piece) and ln.end > at]
            yield at, piece, _shared(covered or [group[0].path])


def _pack(lines: list[_Line], depth: int, size: int) -> list[list[_Line]]:
    """Consecutive lines grouped into chunks: whole sections at ``depth`` while they fit together,
    a section too long for one chunk packed by its subsections (depth + 1). Top-level sections share
    a chunk with sections, lines outside any (the head, the 附件 list, the 落款) with such lines."""
    if sum(ln.tokens for ln in lines) <= size or all(len(ln.path) <= depth for ln in lines):
        return [lines]
    sections: list[list[_Line]] = []
    for ln in lines:
        key = ln.path[depth] if len(ln.path) > depth else None
        last = sections[-1][-1] if sections else None
        same = last is not None and (last.path[depth] if len(last.path) > depth else None) == key
        if same:
            sections[-1].append(ln)
        else:
            sections.append([ln])
    if len(sections) == 1:
        return _pack(lines, depth + 1, size)
    out: list[list[_Line]] = []
    current: list[_Line] = []
    for section in sections:
        tokens = sum(ln.tokens for ln in section)
        # At the top, lines outside any section (title, 附件 list, 落款) never share with a section;
        # below, a section's heading and lead-in share with its subsections.
        apart = depth == 0 and current and bool(current[0].path) != bool(section[0].path)
        if tokens > size:
            out += [current] if current else []
            out += _pack(section, depth + 1, size)
            current = []
        elif current and (sum(ln.tokens for ln in current) + tokens > size or apart):
            out.append(current)
            current = list(section)
        else:
            current += section
    return out + ([current] if current else [])


def _shared(paths: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The heading path every one of ``paths`` lies in."""
    first = paths[0]
    n = len(first)
    for path in paths[1:]:
        n = next((i for i, (a, b) in enumerate(zip(first[:n], path, strict=False)) if a != b), min(n, len(path)))
    return first[:n]


def _segments(doc: Document) -> list[tuple[int, int, int | None]]:
    if not doc.pages:
        return [(0, len(doc.text), None)]
    bounds = [0] + [start for start, _ in doc.pages[1:]] + [len(doc.text)]
    return [(bounds[i], bounds[i + 1], number) for i, (_, number) in enumerate(doc.pages)]
