"""Build or update the index: only new or changed documents are embedded."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from core.errors import DocumentError, IndexCorrupt, IndexNotFound, IndexWriteError
from core.records import Chunk, Document
from core.settings import Settings
from indexer.documents.chunking import Chunker, chunk_document, embed_text
from indexer.documents.limits import Limits
from indexer.embed.base import Encoder, vector_family
from indexer.embed.crosslingual import attach_crosslingual
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


def build_index(
    corpus: Path,
    index_path: Path,
    settings: Settings,
    encoder_factory: Callable[[], Encoder],
) -> BuildReport:
    """Bring the index at ``index_path`` in line with ``corpus``; see BuildReport for the outcome."""
    started = time.perf_counter()
    report = BuildReport(index=str(index_path))
    limits = Limits.of(settings)
    with write_lock(index_path):
        previous = _previous(index_path, settings)
        old = _split_by_document(previous) if previous else {}
        # Metadata read by an older extractor is read again; the vectors stay when the passages do.
        stale = previous is not None and previous.manifest.get("metadata_version") != METADATA_VERSION
        files = discover(corpus)
        ids = document_ids(files, corpus)
        parts: dict[str, _DocParts] = {}
        pending: list[Document] = []
        sources: dict[str, str] = {}

        def skip(doc_id: str, exc: Exception) -> None:
            """Report a file that cannot be indexed; its previous version, if any, stays."""
            kept = doc_id in old
            if kept:
                parts[doc_id] = old[doc_id]
            report.skipped.append(Skipped(sources[doc_id], str(exc) or type(exc).__name__, kept))
            log.warning("skipped %s: %s", sources[doc_id], exc)

        for path in files:
            doc_id = ids[path]
            sources[doc_id] = source = str(path.relative_to(corpus))
            try:
                digest = file_hash(path)
                if doc_id in old and old[doc_id].entry.get("hash") == digest:
                    part = refreshed(old[doc_id], load_document(path, doc_id, source, limits)) if stale else old[doc_id]
                    if part is not None:
                        parts[doc_id] = part
                        report.unchanged += 1
                        continue
                pending.append(load_document(path, doc_id, source, limits))
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
            for doc in pending:
                try:
                    per_doc[doc.doc_id] = chunk_document(doc, chunker, limits.max_chunks_per_document)
                except DocumentError as exc:
                    skip(doc.doc_id, exc)
            new_parts = _embed_chunked([d for d in pending if d.doc_id in per_doc], per_doc, encoder)
            report.embedded_chunks = sum(len(p.chunks) for p in new_parts.values())
            for doc_id, part in new_parts.items():
                (report.updated if doc_id in old else report.added).append(doc_id)
                parts[doc_id] = part
        report.removed = sorted(set(old) - set(parts))
        for part in parts.values():  # who may apply, read from the passages (issue 15); old ones kept
            if stale or "eligibility" not in part.entry:
                part.entry = {**part.entry, "eligibility": extract_eligibility(part.chunks)}
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
                attach_crosslingual(data, previous)
            kind = kind_for(len(data.chunks), settings.ann_threshold, settings.ann_kind)
            data.vector_index = VectorIndex.build(data.vectors, kind)
            data.lexical = LexicalIndex.build([c.passage for c in data.chunks])
            try:
                save_index(index_path, data, {"pipeline_version": PIPELINE_VERSION,
                                              "metadata_version": METADATA_VERSION,
                                              "chunking": _chunking(settings),
                                              "lexical": _lexical(),
                                              "answer_model": answer_identity(),
                                              "encoder": {"backend": backend,
                                                          "vectors": vector_family(backend)}})
            except OSError as exc:
                raise IndexWriteError(
                    f"cannot write the new index next to {index_path}: {exc.strerror or exc}; "
                    "the previous index is still in place"
                ) from exc
            report.written = True
    report.seconds = round(time.perf_counter() - started, 3)
    return report


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
    if vector_family(data.encoder_backend) != vector_family(settings.encoder_backend):
        log.info("encoder precision changed (%s to %s): re-embedding everything",
                 data.encoder_backend, settings.encoder_backend)
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
    per_doc = {doc.doc_id: chunk_document(doc, chunker) for doc in docs}
    return _embed_chunked(docs, per_doc, encoder, progress)


def _embed_chunked(docs: list[Document], per_doc: dict[str, list[Chunk]], encoder: Encoder,
                   progress: bool | None = None) -> dict[str, _DocParts]:
    if not docs:  # every pending document was refused: nothing to encode
        return {}
    flat = [c for chunks in per_doc.values() for c in chunks]
    texts, spans = zip(*(embed_text(c) for c in flat), strict=True) if flat else ((), ())
    show = progress if progress is not None else len(flat) >= 200
    with tqdm(total=len(flat), desc="embedding", unit="chunk", disable=not show) as bar:
        vectors = encoder.encode_passages(list(texts), list(spans), bar.update)
    now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    out, row = {}, 0
    for doc in docs:
        n = len(per_doc[doc.doc_id])
        out[doc.doc_id] = _DocParts(
            entry={"hash": doc.hash, **doc.meta_dict(), "links": doc.links, "chunks": n, "indexed_at": now},
            chunks=per_doc[doc.doc_id],
            vectors=vectors.passages[row:row + n],
            sentences=vectors.sentences[row:row + n],
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
