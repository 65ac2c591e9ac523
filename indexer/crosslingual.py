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


def crosslingual_vectors(chunks: Sequence[Chunk], encode: Callable[[list[str]], np.ndarray],
                         previous_chunks: Sequence[Chunk] = (), previous: np.ndarray | None = None
                         ) -> tuple[np.ndarray, int]:
    """One vector per chunk, in order, and how many had to be encoded."""
    known: dict[str, int] = {}
    if previous is not None and len(previous) == len(previous_chunks):
        known = {_key(c): row for row, c in enumerate(previous_chunks)}
    keys = [_key(c) for c in chunks]
    missing = sorted({k: i for i, k in enumerate(keys) if k not in known}.values())
    fresh = encode([chunks[i].passage for i in missing]) if missing else None
    dim = fresh.shape[1] if fresh is not None else (previous.shape[1] if previous is not None else 0)
    out = np.zeros((len(chunks), dim), np.float32)
    where = {keys[i]: n for n, i in enumerate(missing)}
    for row, key in enumerate(keys):
        if key in where:
            out[row] = fresh[where[key]]  # type: ignore[index]
        else:
            out[row] = previous[known[key]]  # type: ignore[index]
    return out, len(missing)


def attach_crosslingual(data: IndexData, previous: IndexData | None) -> int:
    """Give ``data`` its cross-lingual vectors, reusing ``previous``'s; returns how many were encoded."""
    from indexer.embed.use_encoder import CROSSLINGUAL_MODEL, get_use_encoder

    reuse = previous is not None and previous.crosslingual_model == CROSSLINGUAL_MODEL
    vectors, encoded = crosslingual_vectors(
        data.chunks, lambda texts: get_use_encoder().encode(texts),
        previous.chunks if reuse else (),  # type: ignore[union-attr]
        np.asarray(previous.crosslingual, dtype=np.float32) if reuse and previous.crosslingual is not None else None)  # type: ignore[union-attr]
    if not len(data.chunks):
        vectors = np.zeros((0, 512), np.float32)
    data.crosslingual, data.crosslingual_model = vectors, CROSSLINGUAL_MODEL
    return encoded
