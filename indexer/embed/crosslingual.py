"""Cross-lingual passage vectors beside the index's own: computed for new passages, reused for others.

The index keeps a second vector per chunk from the cross-lingual model (indexer/embed/use_encoder.py),
used only to score passages in the other language than a question's. A rebuild encodes only the
passages it has not seen: vectors are looked up by the passage text (title and chunk), so an
unchanged document costs nothing and a one-document change stays a one-document encode.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np

from core.records import Chunk
from indexer.store.index_dir import IndexData


def _key(chunk: Chunk) -> str:
    return hashlib.sha256(chunk.passage.encode("utf-8")).hexdigest()


def crosslingual_vectors(chunks: Sequence[Chunk], encode: Callable[[list[str]], np.ndarray], dimension: int,
                         previous_chunks: Sequence[Chunk] = (), previous: np.ndarray | None = None
                         ) -> tuple[np.ndarray, int]:
    """One vector per chunk, in order, and how many had to be encoded."""
    known: dict[str, int] = {}
    if previous is not None and len(previous) == len(previous_chunks):
        known = {_key(c): row for row, c in enumerate(previous_chunks)}
    keys = [_key(c) for c in chunks]
    missing = sorted({k: i for i, k in enumerate(keys) if k not in known}.values())
    fresh = encode([chunks[i].passage for i in missing]) if missing else np.zeros((0, dimension), np.float32)
    out = np.zeros((len(chunks), dimension), np.float32)
    where = {keys[i]: n for n, i in enumerate(missing)}
    for row, key in enumerate(keys):
        out[row] = fresh[where[key]] if key in where else previous[known[key]]  # type: ignore[index]
    return out, len(missing)


def attach_crosslingual(data: IndexData, previous: IndexData | None) -> int:
    """Give ``data`` its cross-lingual vectors, reusing ``previous``'s; returns how many were encoded.
    The model is loaded only when a passage needs encoding."""
    from indexer.embed.use_encoder import CROSSLINGUAL_MODEL, DIMENSION, get_use_encoder

    reuse = (previous is not None and previous.crosslingual_model == CROSSLINGUAL_MODEL
             and previous.crosslingual is not None)
    vectors, encoded = crosslingual_vectors(
        data.chunks, lambda texts: get_use_encoder().encode(texts), DIMENSION,
        previous.chunks if reuse else (),  # type: ignore[union-attr]
        np.asarray(previous.crosslingual, dtype=np.float32) if reuse else None)  # type: ignore[union-attr]
    data.crosslingual, data.crosslingual_model = vectors, CROSSLINGUAL_MODEL
    return encoded
