"""Build or update the index: only new or changed documents are embedded."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import DocumentError, IndexCorrupt, IndexNotFound, IndexWriteError
from core.progress import Stages
from core.records import Chunk, Document
from core.settings import Settings
from indexer.documents.chunking import Chunker, chunk_document
from indexer.documents.limits import Limits
from indexer.embed.base import Encoder, vector_family
from indexer.embed.crosslingual import attach_crosslingual
from indexer.embed.factory import resolved_backend
from indexer.embed.stage import embed_chunks
from indexer.language.lexical import TOKENIZER_VERSION, LexicalIndex
from indexer.load import PIPELINE_VERSION, discover, document_ids, file_hash, load_document
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.record import METADATA_VERSION
from indexer.notice.supersede import link_documents, refreshed
from indexer.picker.model import identity as answer_identity
from indexer.store.faiss_index import VectorIndex, kind_for
from indexer.store.index_dir import IndexData, load_index, save_index, write_lock

log = logging.getLogger(__name__)


@dataclass
class Skipped:
    file: str
    reason: str
    kept_previous: bool = False


@dataclass
class BuildReport:
    index: str
    documents: int = 0
    chunks: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    embedded_chunks: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    written: bool = False
    seconds: float = 0.0
    stages: dict[str, dict[str, float]] = field(default_factory=dict)
    """Per stage (reading, chunking, embedding, ...): wall seconds and this thread's CPU seconds."""
    removed_lines: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Per file read in this build: (rule, line) for each line removed as web page chrome."""
    notes: dict[str, list[str]] = field(default_factory=dict)
    """Per file read in this build: metadata it stated that was not kept (a non-http(s) URL)."""

    def read(self, source: str, doc: Document) -> Document:
        """Record what loading ``doc`` removed or dropped; returns it."""
        if doc.removed:
            self.removed_lines[source] = list(doc.removed)
        if doc.notes:
            self.notes[source] = list(doc.notes)
        return doc

    @property
    def ok(self) -> bool:
        return not self.skipped

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


@dataclass
class _DocParts:
    entry: dict[str, Any]
    chunks: list[Chunk]
    vectors: np.ndarray
    sentences: list[np.ndarray]
    crosslingual: np.ndarray | None = None
    """The cross-lingual vectors, when computed with the e5 ones (new chunks only)."""


# Bars are shown from this many files to read or chunks to embed; smaller builds take seconds.
SHOW_FILES, SHOW_CHUNKS = 100, 200


def build_index(
    corpus: Path,
    index_path: Path,
    settings: Settings,
    encoder_factory: Callable[[], Encoder],
    progress: bool | None = None,
) -> BuildReport:
    """Bring the index at ``index_path`` in line with ``corpus``; see BuildReport for the outcome.
    ``progress``: show each stage's bar (rate, ETA) on stderr; None: for large builds only."""
    started = time.perf_counter()
    report = BuildReport(index=str(index_path))
    limits = Limits.of(settings)
    stages = Stages(bool(progress))
    with write_lock(index_path):
        previous = _previous(index_path, settings)
        old = _split_by_document(previous) if previous else {}
        # Metadata read by an older extractor is read again; the vectors stay when the passages do.
        stale = previous is not None and previous.manifest.get("metadata_version") != METADATA_VERSION
        files = discover(corpus)
        stages.show = stages.show or (progress is None and len(files) >= SHOW_FILES)
        ids = document_ids(files, corpus)
        parts: dict[str, _DocParts] = {}
        pending: list[Document] = []
        sources: dict[str, str] = {}
        texts: dict[str, str] = {}  # the cleaned text of each document read in this build

        def skip(doc_id: str, exc: Exception) -> None:
            """Report a file that cannot be indexed; its previous version, if any, stays."""
            kept = doc_id in old
            if kept:
                parts[doc_id] = old[doc_id]
            report.skipped.append(Skipped(sources[doc_id], str(exc) or type(exc).__name__, kept))
            log.warning("skipped %s: %s", sources[doc_id], exc)

        for path in stages.each("reading", files, "file"):
            doc_id = ids[path]
            sources[doc_id] = source = printable(str(path.relative_to(corpus)))
            try:
                if source != str(path.relative_to(corpus)):
                    raise DocumentError("the file name is not valid UTF-8: rename the file")
                digest = file_hash(path)
                if doc_id in old and old[doc_id].entry.get("hash") == digest:
                    reread = load_document(path, doc_id, source, limits) if stale else None
                    texts[doc_id] = reread.text if reread else ""
                    part = refreshed(old[doc_id], reread) if reread else old[doc_id]
                    if part is not None:
                        parts[doc_id] = part
                        report.unchanged += 1
                        continue
                pending.append(report.read(source, load_document(path, doc_id, source, limits)))
                texts[doc_id] = pending[-1].text
            except (DocumentError, OSError) as exc:
                skip(doc_id, exc)
        backend = previous.encoder_backend if previous else "torch"
        if pending:
            encoder = encoder_factory()
            backend = encoder.backend
            chunker = Chunker(chunk_tokens(settings, encoder), settings.chunk_overlap,
                              encoder.count_tokens)
            # Every document is chunked (and refused if it needs too many) before any is embedded.
            per_doc: dict[str, list[Chunk]] = {}
            for doc in stages.each("chunking", pending, "doc"):
                try:
                    per_doc[doc.doc_id] = chunk_document(doc, chunker, limits.max_chunks_per_document)
                except DocumentError as exc:
                    skip(doc.doc_id, exc)
            stages.show = stages.show or (progress is None and sum(map(len, per_doc.values())) >= SHOW_CHUNKS)
            new_parts = _embed_chunked([d for d in pending if d.doc_id in per_doc], per_doc, encoder, stages,
                                       settings.crosslingual)
            report.embedded_chunks = sum(len(p.chunks) for p in new_parts.values())
            for doc_id, part in new_parts.items():
                (report.updated if doc_id in old else report.added).append(doc_id)
                parts[doc_id] = part
        report.removed = sorted(set(old) - set(parts))
        for doc_id, part in parts.items():  # who may apply, read from the notice's structure; old ones kept
            if stale or "eligibility" not in part.entry:
                part.entry = {**part.entry, "eligibility": extract_eligibility(
                    part.chunks, texts.get(doc_id) or None, part.entry.get("issuer"), part.entry.get("date"))}
        data = assemble(parts, settings.model, previous)
        link_documents(data.documents)
        if not parts and previous is None:  # an empty collection still records its dimension
            encoder = encoder_factory()
            backend = encoder.backend
            data = assemble(parts, settings.model, None, encoder.dimension)
        report.documents, report.chunks = len(parts), len(data.chunks)
        # A BM25 index tokenised by another version of the tokenizer is rebuilt (no re-embedding).
        lexical_stale = previous is not None and previous.manifest.get("lexical") != _lexical()
        cross_stale = previous is not None and settings.crosslingual != (previous.crosslingual is not None)
        # Built with another answer model or calibration: the record is renewed (no re-embedding).
        answer_stale = previous is not None and previous.manifest.get("answer_model") != answer_identity()
        if (previous is None or report.added or report.updated or report.removed or lexical_stale or stale
                or cross_stale or answer_stale):
            if settings.crosslingual:  # a second vector for Chinese<->English pairs; unchanged ones reused
                fresh = [(p.chunks, p.crosslingual) for p in parts.values() if p.crosslingual is not None]
                with stages.stage("cross-lingual", len(data.chunks), "chunk") as advance:
                    attach_crosslingual(data, previous, fresh, advance)
            kind = kind_for(len(data.chunks), settings.ann_threshold, settings.ann_kind)
            with stages.stage("vector index", 1, "index") as advance:
                data.vector_index = VectorIndex.build(data.vectors, kind)
                advance(1)
            with stages.stage("BM25", len(data.chunks), "chunk") as advance:
                data.lexical = LexicalIndex.build([c.passage for c in data.chunks], advance)
            try:
                with stages.stage("writing", 1, "index") as advance:
                    save_index(index_path, data, {"pipeline_version": PIPELINE_VERSION,
                                                  "metadata_version": METADATA_VERSION,
                                                  "chunking": _chunking(settings),
                                                  "lexical": _lexical(),
                                                  "answer_model": answer_identity(),
                                                  "encoder": {"backend": backend,
                                                              "vectors": vector_family(backend)}})
                    advance(1)
            except OSError as exc:
                raise IndexWriteError(
                    f"cannot write the new index next to {index_path}: {exc.strerror or exc}; "
                    "the previous index is still in place"
                ) from exc
            report.written = True
    report.seconds = round(time.perf_counter() - started, 3)
    report.stages = stages.times.as_dict()
    return report


def printable(name: str) -> str:
    """A file name as a report can show it: bytes that are not UTF-8 (surrogate-escaped by the
    file system layer) as \\x.. escapes."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system byte stands for
        raw = name.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def _lexical() -> dict[str, int]:
    return {"tokenizer": TOKENIZER_VERSION}


def _chunking(settings: Settings) -> dict[str, int]:
    return {"size": settings.chunk_size, "overlap": settings.chunk_overlap}


def chunk_tokens(settings: Settings, encoder: Encoder) -> int:
    # Leave room for the title prefix and the special tokens inside the model's window.
    return max(32, min(settings.chunk_size, encoder.max_tokens - 48))


def _previous(index_path: Path, settings: Settings) -> IndexData | None:
    """The live index when it can be reused (same model and chunking), else None."""
    try:
        data = load_index(index_path)
    except IndexNotFound:
        return None
    except IndexCorrupt as exc:
        log.warning("previous index unusable, rebuilding from scratch: %s", exc)
        return None
    manifest = data.manifest
    if data.model != settings.model or manifest.get("chunking") != _chunking(settings):
        log.info("model or chunking changed: re-embedding everything")
        return None
    wanted = resolved_backend(settings.model, settings.encoder_backend)
    if vector_family(data.encoder_backend) != vector_family(wanted):
        log.info("encoder precision changed (%s to %s): re-embedding everything", data.encoder_backend, wanted)
        return None
    return data


def _split_by_document(data: IndexData) -> dict[str, _DocParts]:
    rows: dict[str, list[int]] = {}
    for row, chunk in enumerate(data.chunks):
        rows.setdefault(chunk.doc_id, []).append(row)
    return {
        doc_id: _DocParts(
            entry=data.documents.get(doc_id, {}),
            chunks=[data.chunks[r] for r in rs],
            vectors=np.asarray(data.vectors[rs], dtype=np.float32),
            sentences=[np.asarray(data.sentence_block(r), dtype=np.float32) for r in rs],
        )
        for doc_id, rs in rows.items()
    }


def embed_documents(docs: list[Document], chunker: Chunker, encoder: Encoder,
                    progress: bool | None = None) -> dict[str, _DocParts]:
    """Chunk and embed ``docs`` with no chunk cap (trusted input such as a BEIR dataset)."""
    stages = Stages(bool(progress))
    per_doc = {doc.doc_id: chunk_document(doc, chunker) for doc in stages.each("chunking", docs, "doc")}
    stages.show = progress if progress is not None else sum(map(len, per_doc.values())) >= SHOW_CHUNKS
    return _embed_chunked(docs, per_doc, encoder, stages)


def _embed_chunked(docs: list[Document], per_doc: dict[str, list[Chunk]], encoder: Encoder, stages: Stages,
                   crosslingual: bool = False) -> dict[str, _DocParts]:
    """e5 (passage and sentence vectors) and, with ``crosslingual``, the cross-lingual vectors of
    every chunk, in one pass over the batches."""
    if not docs:  # every pending document was refused: nothing to encode
        return {}
    vectors = embed_chunks([c for doc in docs for c in per_doc[doc.doc_id]], encoder, stages, crosslingual)
    now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    out, row = {}, 0
    for doc in docs:
        n = len(per_doc[doc.doc_id])
        out[doc.doc_id] = _DocParts(
            entry={"hash": doc.hash, **doc.meta_dict(), "links": doc.links, "chunks": n, "indexed_at": now},
            chunks=per_doc[doc.doc_id],
            vectors=vectors.passages[row:row + n],
            sentences=vectors.sentences[row:row + n],
            crosslingual=vectors.also[row:row + n] if vectors.also is not None else None,
        )
        row += n
    return out


def assemble(parts: dict[str, _DocParts], model: str, previous: IndexData | None,
             dimension: int = 0) -> IndexData:
    chunks: list[Chunk] = []
    vectors: list[np.ndarray] = []
    blocks: list[np.ndarray] = []
    for doc_id in sorted(parts):
        part = parts[doc_id]
        chunks.extend(part.chunks)
        vectors.append(part.vectors)
        blocks.extend(part.sentences)
    dim = vectors[0].shape[1] if vectors else (previous.dimension if previous else dimension)
    offsets = np.zeros(len(blocks) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in blocks]) if blocks else []
    return IndexData(
        model=model, chunks=chunks,
        vectors=np.concatenate(vectors) if vectors else np.zeros((0, dim), np.float32),
        sentence_vectors=np.concatenate(blocks) if blocks else np.zeros((0, dim), np.float32),
        sentence_offsets=offsets,
        documents={doc_id: parts[doc_id].entry for doc_id in sorted(parts)},
    )
