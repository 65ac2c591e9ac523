"""One document's part of an index, and the steps that make, reuse and join the parts: the
previous index split by document, new documents chunked and embedded, all parts assembled."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import IndexCorrupt, IndexNotFound
from core.progress import Stages
from core.records import Chunk, Document
from core.settings import Settings
from indexer.documents.chunking import Chunker, chunk_document
from indexer.embed.base import Encoder, vector_family
from indexer.embed.e5_student import passage_record
from indexer.embed.factory import resolved_backend
from indexer.embed.stage import embed_chunks
from indexer.store.index_dir import IndexData, load_index

log = logging.getLogger(__name__)

# Bars are shown from this many chunks to embed; smaller builds take seconds.
SHOW_CHUNKS = 200


@dataclass
class DocParts:
    """One document's share of an index: its manifest entry, chunks and vectors."""

    entry: dict[str, Any]
    chunks: list[Chunk]
    vectors: np.ndarray
    sentences: list[np.ndarray]
    crosslingual: np.ndarray | None = None
    """The cross-lingual vectors, when computed with the e5 ones (new chunks only)."""


def chunking_key(settings: Settings) -> dict[str, int]:
    return {"size": settings.chunk_size, "overlap": settings.chunk_overlap}


def chunk_tokens(settings: Settings, encoder: Encoder) -> int:
    # Leave room for the title prefix and the special tokens inside the model's window.
    return max(32, min(settings.chunk_size, encoder.max_tokens - 48))


def previous_index(index_path: Path, settings: Settings) -> IndexData | None:
    """The live index when it can be reused (same model and chunking), else None."""
    try:
        data = load_index(index_path)
    except IndexNotFound:
        return None
    except IndexCorrupt as exc:
        log.warning("previous index unusable, rebuilding from scratch: %s", exc)
        return None
    manifest = data.manifest
    if data.model != settings.model or manifest.get("chunking") != chunking_key(settings):
        log.info("model or chunking changed: re-embedding everything")
        return None
    wanted = resolved_backend(settings.model, settings.encoder_backend)
    if vector_family(data.encoder_backend) != vector_family(wanted):
        log.info("encoder precision changed (%s to %s): re-embedding everything", data.encoder_backend, wanted)
        return None
    if data.manifest.get("encoder", {}).get("passage_model") != passage_record(wanted).get("passage_model"):
        log.info("passage encoder changed: re-embedding everything")
        return None
    return data


def split_by_document(data: IndexData) -> dict[str, DocParts]:
    rows: dict[str, list[int]] = {}
    for row, chunk in enumerate(data.chunks):
        rows.setdefault(chunk.doc_id, []).append(row)
    return {
        doc_id: DocParts(
            entry=data.documents.get(doc_id, {}),
            chunks=[data.chunks[r] for r in rs],
            vectors=np.asarray(data.vectors[rs], dtype=np.float32),
            sentences=[np.asarray(data.sentence_block(r), dtype=np.float32) for r in rs],
        )
        for doc_id, rs in rows.items()
    }


def embed_documents(docs: list[Document], chunker: Chunker, encoder: Encoder,
                    progress: bool | None = None) -> dict[str, DocParts]:
    """Chunk and embed ``docs`` with no chunk cap (trusted input such as a BEIR dataset)."""
    stages = Stages(bool(progress))
    per_doc = {doc.doc_id: chunk_document(doc, chunker) for doc in stages.each("chunking", docs, "doc")}
    stages.show = progress if progress is not None else sum(map(len, per_doc.values())) >= SHOW_CHUNKS
    return embed_chunked(docs, per_doc, encoder, stages)


def embed_chunked(docs: list[Document], per_doc: dict[str, list[Chunk]], encoder: Encoder, stages: Stages,
                   crosslingual: Path | None = None) -> dict[str, DocParts]:
    """e5 (passage and sentence vectors) and, with ``crosslingual`` (the ONNX cache of the
    cross-lingual graph), the cross-lingual vectors of every chunk, in one pass over the batches."""
    if not docs:  # every pending document was refused: nothing to encode
        return {}
    vectors = embed_chunks([c for doc in docs for c in per_doc[doc.doc_id]], encoder, stages, crosslingual)
    now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    out, row = {}, 0
    for doc in docs:
        n = len(per_doc[doc.doc_id])
        out[doc.doc_id] = DocParts(
            entry={"hash": doc.hash, **doc.meta_dict(), "links": doc.links, "chunks": n, "indexed_at": now},
            chunks=per_doc[doc.doc_id],
            vectors=vectors.passages[row:row + n],
            sentences=vectors.sentences[row:row + n],
            crosslingual=vectors.also[row:row + n] if vectors.also is not None else None,
        )
        row += n
    return out


def assemble(parts: dict[str, DocParts], model: str, previous: IndexData | None,
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
