"""FAISS wrapper: takes vectors and returns row numbers; it knows nothing of models or text."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from indexer.errors import IndexCorrupt

EXACT = "flat-ip"


class VectorIndex:
    """Inner-product search over normalised vectors (cosine similarity)."""

    def __init__(self, index: faiss.Index, kind: str = EXACT) -> None:
        self._index = index
        self.kind = kind

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = EXACT) -> VectorIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2:
            raise ValueError("vectors must be a 2-D array")
        if kind != EXACT:
            raise ValueError(f"unknown index kind {kind!r}")
        index = faiss.IndexFlatIP(vectors.shape[1])
        if len(vectors):
            index.add(vectors)
        return cls(index, kind)

    @property
    def dimension(self) -> int:
        return int(self._index.d)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (scores, rows), each of shape (n_queries, k); missing hits have row -1."""
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = max(1, min(k, len(self))) if len(self) else 1
        return self._index.search(queries, k)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, kind: str = EXACT, mmap: bool = True) -> VectorIndex:
        flags = faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY if mmap else 0
        try:
            index = faiss.read_index(str(path), flags)
        except Exception as exc:  # FAISS raises RuntimeError with a C++ message
            raise IndexCorrupt(f"{path}: cannot read FAISS index ({exc})") from exc
        return cls(index, kind)
