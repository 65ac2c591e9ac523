"""The embedding stage of a build: each new chunk's vectors, all from one pass over its batches.

e5's forward pass gives the passage vector and every sentence vector; the cross-lingual vector
(multilingual USE) of the same passage is computed by the same worker right after, batch by batch,
so one progress bar covers both and no second pass over the chunks follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from core.progress import Stages
from core.records import Chunk
from indexer.documents.chunking import embed_text
from indexer.embed.base import Encoder, PassageVectors
from indexer.embed.crosslingual import cross_encoder


def embed_chunks(chunks: Sequence[Chunk], encoder: Encoder, stages: Stages,
                 crosslingual: Path | None) -> PassageVectors:
    """Vectors of ``chunks`` in order; ``.also`` holds their cross-lingual vectors when asked
    (``crosslingual``: the ONNX cache the cross-lingual graph lives in; None: not asked)."""
    texts, spans = zip(*(embed_text(c) for c in chunks), strict=True) if chunks else ((), ())
    also = cross_encoder(crosslingual).encode if crosslingual is not None and chunks else None
    with stages.stage("embedding", len(chunks), "chunk") as advance:
        return encoder.encode_passages(list(texts), list(spans), advance, also=also)
