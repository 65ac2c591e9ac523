"""Cross-lingual passage vectors beside the index's own: computed for new passages, reused for others.

The index keeps a second vector per chunk from the cross-lingual model (indexer/embed/use_encoder.py),
used only to score passages in the other language than a question's. A rebuild encodes only the
passages it has not seen: vectors are looked up by the passage text (title and chunk), so an
unchanged document costs nothing and a one-document change stays a one-document encode.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from core.records import Chunk
from indexer.store.index_dir import IndexData

if TYPE_CHECKING:
    from indexer.embed.use_encoder import UseEncoder


def _key(chunk: Chunk) -> str:
    return hashlib.sha256(chunk.passage.encode("utf-8")).hexdigest()


def crosslingual_vectors(chunks: Sequence[Chunk], encode: Callable[[list[str]], np.ndarray], dimension: int,
                         previous_chunks: Sequence[Chunk] = (), previous: np.ndarray | None = None,
                         reused: Callable[[int], None] | None = None) -> tuple[np.ndarray, int]:
    """One vector per chunk, in order, and how many had to be encoded; ``reused(n)``: how many did not."""
    known: dict[str, int] = {}
    if previous is not None and len(previous) == len(previous_chunks):
        known = {_key(c): row for row, c in enumerate(previous_chunks)}
    keys = [_key(c) for c in chunks]
    missing = sorted({k: i for i, k in enumerate(keys) if k not in known}.values())
    if reused:
        reused(len(chunks) - len(missing))
    fresh = encode([chunks[i].passage for i in missing]) if missing else np.zeros((0, dimension), np.float32)
    out = np.zeros((len(chunks), dimension), np.float32)
    where = {keys[i]: n for n, i in enumerate(missing)}
    for row, key in enumerate(keys):
        out[row] = fresh[where[key]] if key in where else previous[known[key]]  # type: ignore[index]
    return out, len(missing)


def cross_encoder(cache: Path) -> UseEncoder:
    """The cross-lingual model a build encodes with (loaded once per process; its ONNX graph is
    made in ``cache``, the settings' ``onnx_cache``, on first use)."""
    from indexer.embed.use_encoder import BUILD_RUNTIME, get_use_encoder

    return get_use_encoder(BUILD_RUNTIME, Path(cache))


def attach_crosslingual(data: IndexData, previous: IndexData | None,
                        fresh: Sequence[tuple[Sequence[Chunk], np.ndarray]] = (),
                        progress: Callable[[int], None] | None = None, cache: Path = Path(".policybot/onnx")) -> int:
    """Give ``data`` its cross-lingual vectors, reusing ``previous``'s and the ``fresh`` ones (new
    chunks, encoded alongside their e5 vectors by ``cross_encoder``); returns how many had to be
    encoded here. ``previous``'s are reused only when the same runtime made them (an index never
    mixes two). The model is loaded only when a passage needs encoding. ``progress(n)``: n more
    chunks have their vector."""
    from indexer.embed.use_encoder import BUILD_RUNTIME, DIMENSION, vectors_name

    name = vectors_name(BUILD_RUNTIME)
    known_chunks: list[Chunk] = []
    known: list[np.ndarray] = []
    if previous is not None and previous.crosslingual_model == name and previous.crosslingual is not None:
        if len(previous.crosslingual) == len(previous.chunks):
            known_chunks.extend(previous.chunks)
            known.append(np.asarray(previous.crosslingual, dtype=np.float32))
    for chunks, vectors in fresh:
        if len(chunks) == len(vectors):
            known_chunks.extend(chunks)
            known.append(np.asarray(vectors, dtype=np.float32))

    vectors, encoded = crosslingual_vectors(data.chunks, lambda texts: cross_encoder(cache).encode(texts, progress),
                                            DIMENSION, known_chunks, np.concatenate(known) if known else None,
                                            progress)
    data.crosslingual, data.crosslingual_model = vectors, name
    return encoded
