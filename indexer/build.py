"""Build or update the index: only new or changed documents are embedded."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from core.errors import DocumentError, IndexWriteError
from core.progress import Stages
from core.records import Chunk, Document
from core.settings import Settings
from indexer.documents.chunking import Chunker, chunk_document
from indexer.documents.limits import Limits
from indexer.embed.base import Encoder, vector_family
from indexer.embed.crosslingual import attach_crosslingual
from indexer.embed.e5_student import passage_record
from indexer.language.lexical import TOKENIZER_VERSION, LexicalIndex
from indexer.load import PIPELINE_VERSION, discover, document_ids, file_hash, load_document
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.home import head_issuer
from indexer.notice.record import METADATA_VERSION
from indexer.notice.supersede import link_documents, refreshed
from indexer.parts import (
    SHOW_CHUNKS,
    DocParts,
    assemble,
    chunk_tokens,
    chunking_key,
    embed_chunked,
    previous_index,
    split_by_document,
)
from indexer.picker.conditions import finder_model_for
from indexer.picker.conditions import identity as finder_identity
from indexer.picker.model import identity as answer_identity
from indexer.store.faiss_index import VectorIndex, kind_for
from indexer.store.index_dir import save_index, write_lock

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


# Bars are shown from this many files to read or chunks to embed; smaller builds take seconds.
SHOW_FILES = 100


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
        previous = previous_index(index_path, settings)
        old = split_by_document(previous) if previous else {}
        # Metadata read by an older extractor is read again; the vectors stay when the passages do.
        stale = previous is not None and previous.manifest.get("metadata_version") != METADATA_VERSION
        # Read with another condition-unit model (or none): every notice's eligibility is read again.
        finder_stale = previous is not None and previous.manifest.get("finder_model", "none") != _finder(
            settings.model, previous.encoder_backend)
        files = discover(corpus)
        stages.show = stages.show or (progress is None and len(files) >= SHOW_FILES)
        ids = document_ids(files, corpus)
        parts: dict[str, DocParts] = {}
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
                    reread = load_document(path, doc_id, source, limits) if stale or finder_stale else None
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
            new_parts = embed_chunked([d for d in pending if d.doc_id in per_doc], per_doc, encoder, stages,
                                       settings.onnx_cache if settings.crosslingual else None)
            report.embedded_chunks = sum(len(p.chunks) for p in new_parts.values())
            for doc_id, part in new_parts.items():
                (report.updated if doc_id in old else report.added).append(doc_id)
                parts[doc_id] = part
        report.removed = sorted(set(old) - set(parts))
        # Who may apply: read from the notice's structure with the condition-unit model fitted for
        # these vectors (indexer.picker.conditions); read again when the model changed, old ones kept.
        conditions = finder_model_for(settings.model, backend)
        for doc_id, part in parts.items():
            if stale or finder_stale or "eligibility" not in part.entry:
                judge = conditions.judge(part.chunks, part.sentences) if conditions else None
                text = texts.get(doc_id) or None  # an English head line may name the issuer the record lacks
                issuer = part.entry.get("issuer") or head_issuer(text or "\n".join(c.text for c in part.chunks[:1]))
                part.entry = {**part.entry, "eligibility": extract_eligibility(
                    part.chunks, text, issuer, part.entry.get("date"), judge)}
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
                or cross_stale or answer_stale or finder_stale):
            if settings.crosslingual:  # a second vector for Chinese<->English pairs; unchanged ones reused
                fresh = [(p.chunks, p.crosslingual) for p in parts.values() if p.crosslingual is not None]
                with stages.stage("cross-lingual", len(data.chunks), "chunk") as advance:
                    attach_crosslingual(data, previous, fresh, advance, settings.onnx_cache)
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
                                                  "chunking": chunking_key(settings),
                                                  "lexical": _lexical(),
                                                  "answer_model": answer_identity(),
                                                  "finder_model": _finder(settings.model, backend),
                                                  "encoder": {"backend": backend,
                                                              "vectors": vector_family(backend),
                                                              **passage_record(backend)}})
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


def _finder(model: str, backend: str) -> str:
    """The condition-unit model an index of these vectors is read with: its SHA-256, or "none"."""
    return finder_identity() if finder_model_for(model, backend) else "none"


def _lexical() -> dict[str, int]:
    return {"tokenizer": TOKENIZER_VERSION}
