"""FAISS wrapper: takes vectors and returns row numbers; it knows nothing of models or text.

Kinds (recorded in the manifest as ``index_type``):

``flat-ip``
    Exact inner product (``IndexFlatIP``). Used up to ``Settings.ann_threshold`` vectors.
``ivf-sq8``
    ``IndexIVFScalarQuantizer``: k-means cells (``nlist`` ~ sqrt(n)) whose inverted lists hold
    8-bit codes (a quarter of the float vectors); a query scans the ``nprobe`` nearest cells.
    Approximate: recall@10 against exact 0.988-0.996 at the defaults on bench/ann.py's data, and
    the scores are inner products with the 8-bit reconstruction (within 0.003 of the exact ones
    there; bot/answering/retrieve.py recomputes exact cosines from vectors.npy for the passages it keeps).
``hnsw``
    ``IndexHNSWFlat`` over the float vectors (graph with ``M`` links per vector, ``efSearch``
    candidates per query). Fastest per query, but ~3,000 vectors/s to build on this machine's two
    cores and 18% larger than the flat file; recall@10 0.97 at efSearch 256 on the benchmark.

Loading memory-maps every kind, so server workers share one copy in the page cache instead of
each holding a private one: flat codes and HNSW (storage and graph) through
``IO_FLAG_MMAP_IFC``, IVF inverted lists through ``IO_FLAG_MMAP``. (``IO_FLAG_MMAP`` alone does
*not* map a flat index: it is read into private memory.)
"""

from __future__ import annotations

import math
import struct
from pathlib import Path

import faiss
import numpy as np

from core.errors import IndexCorrupt

EXACT = "flat-ip"
IVF_SQ8 = "ivf-sq8"
HNSW = "hnsw"
KINDS = (EXACT, IVF_SQ8, HNSW)
APPROXIMATE = (IVF_SQ8, HNSW)

# Parameters chosen with bench/ann.py (bench/README.md, "Exact vs approximate vector search").
IVF_LISTS_PER_SQRT_N = 1.0
"""nlist = round(IVF_LISTS_PER_SQRT_N * sqrt(n))."""
IVF_MIN_POINTS_PER_LIST = 39
"""k-means needs this many training points per cell (FAISS's own minimum)."""
IVF_TRAIN_POINTS_PER_LIST = 64
"""k-means trains on at most this many points per cell (a deterministic sample)."""
IVF_TRAIN_ITERATIONS = 10
IVF_PROBE_FRACTION = 1 / 32
IVF_MIN_PROBES = 16
"""nprobe = max(IVF_MIN_PROBES, nlist * IVF_PROBE_FRACTION), capped at nlist."""
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 40
HNSW_EF_SEARCH = 256

_TYPES = {EXACT: faiss.IndexFlatIP, IVF_SQ8: faiss.IndexIVFScalarQuantizer, HNSW: faiss.IndexHNSWFlat}
_MMAP_FLAGS = {EXACT: faiss.IO_FLAG_MMAP_IFC, IVF_SQ8: faiss.IO_FLAG_MMAP, HNSW: faiss.IO_FLAG_MMAP_IFC}
_FOURCC = {EXACT: b"IxFI", HNSW: b"IHNf"}


def kind_for(n: int, threshold: int, ann_kind: str = IVF_SQ8) -> str:
    """Exact search up to ``threshold`` vectors, ``ann_kind`` beyond."""
    if ann_kind not in APPROXIMATE:
        raise ValueError(f"unknown approximate index kind {ann_kind!r}; expected one of {APPROXIMATE}")
    return EXACT if n <= threshold else ann_kind


def ivf_lists(n: int) -> int:
    """Cells for ``n`` vectors: ~sqrt(n), but never fewer than 39 training points per cell."""
    return max(1, min(round(IVF_LISTS_PER_SQRT_N * math.sqrt(n)), n // IVF_MIN_POINTS_PER_LIST))


def ivf_probes(nlist: int) -> int:
    return min(nlist, max(IVF_MIN_PROBES, round(nlist * IVF_PROBE_FRACTION)))


class VectorIndex:
    """Inner-product search over normalised vectors (cosine similarity)."""

    def __init__(self, index: faiss.Index, kind: str = EXACT) -> None:
        self._index = index
        self.kind = kind

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = EXACT, *, nlist: int | None = None,
              nprobe: int | None = None, m: int = HNSW_M, ef_search: int = HNSW_EF_SEARCH,
              ef_construction: int = HNSW_EF_CONSTRUCTION) -> VectorIndex:
        """Index ``vectors`` (rows are the row numbers search returns).

        The IVF and HNSW parameters default to the measured ones; ``nprobe`` and ``ef_search``
        are stored in the file and used by every search after loading.
        """
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2:
            raise ValueError("vectors must be a 2-D array")
        n, dim = vectors.shape
        if kind == EXACT:
            index = faiss.IndexFlatIP(dim)
        elif kind == IVF_SQ8:
            index = _train_ivf(vectors, nlist or ivf_lists(n))
            index.nprobe = min(index.nlist, nprobe or ivf_probes(index.nlist))
        elif kind == HNSW:
            index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = ef_construction
            index.hnsw.efSearch = ef_search
        else:
            raise ValueError(f"unknown index kind {kind!r}; expected one of {KINDS}")
        if n:
            index.add(vectors)
        return cls(index, kind)

    @property
    def dimension(self) -> int:
        return int(self._index.d)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @property
    def params(self) -> dict[str, int]:
        """Search parameters of an approximate index (empty for exact search)."""
        if self.kind == IVF_SQ8:
            ivf = faiss.extract_index_ivf(self._index)
            return {"nlist": int(ivf.nlist), "nprobe": int(ivf.nprobe)}
        if self.kind == HNSW:
            hnsw = faiss.downcast_index(self._index).hnsw
            return {"M": int(hnsw.nb_neighbors(1)), "efSearch": int(hnsw.efSearch)}
        return {}

    def tune(self, *, nprobe: int | None = None, ef_search: int | None = None) -> None:
        """Change the search effort of a built or loaded index (not saved unless ``save`` runs)."""
        if nprobe is not None and self.kind == IVF_SQ8:
            ivf = faiss.extract_index_ivf(self._index)
            ivf.nprobe = max(1, min(int(nprobe), ivf.nlist))
        if ef_search is not None and self.kind == HNSW:
            faiss.downcast_index(self._index).hnsw.efSearch = max(1, int(ef_search))

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (scores, rows), each of shape (n_queries, k); missing hits have row -1."""
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = max(1, min(k, len(self))) if len(self) else 1
        return self._index.search(queries, k)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, kind: str = EXACT, mmap: bool = True) -> VectorIndex:
        """Read an index written by ``save``; ``mmap`` maps it instead of copying it.

        A file that cannot be read, or that holds another kind of index than ``kind``, raises
        IndexCorrupt naming the file.
        """
        if kind not in KINDS:
            raise IndexCorrupt(f"{path}: unknown index type {kind!r} in the manifest")
        path = Path(path)
        flags = _MMAP_FLAGS[kind] | faiss.IO_FLAG_READ_ONLY if mmap else 0
        if flags & faiss.IO_FLAG_MMAP_IFC:
            _check_layout(path, kind)
        try:
            index = faiss.read_index(str(path), flags)
        except Exception as exc:  # FAISS raises RuntimeError with a C++ message
            raise IndexCorrupt(f"{path}: cannot read FAISS index ({_first_line(exc)})") from exc
        if not isinstance(index, _TYPES[kind]):
            raise IndexCorrupt(f"{path}: holds a {type(index).__name__}, the manifest says {kind!r}")
        return cls(index, kind)


def _train_ivf(vectors: np.ndarray, nlist: int) -> faiss.IndexIVFScalarQuantizer:
    n, dim = vectors.shape
    if n < nlist:
        raise ValueError(f"ivf-sq8 needs at least {nlist} vectors to train {nlist} cells, got {n}")
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFScalarQuantizer(quantizer, dim, nlist, faiss.ScalarQuantizer.QT_8bit,
                                          faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = IVF_TRAIN_ITERATIONS
    index.cp.min_points_per_centroid = 1  # ivf_lists() already keeps >= 39 points per cell
    sample_size = min(n, nlist * IVF_TRAIN_POINTS_PER_LIST)
    index.cp.max_points_per_centroid = max(1, sample_size // nlist + 1)  # we sample ourselves
    if sample_size < n:  # evenly spaced rows: deterministic and spread over the whole collection
        sample = vectors[np.linspace(0, n - 1, sample_size).astype(np.int64)]
    else:
        sample = vectors
    index.train(sample)
    return index


class _Truncated(Exception):
    pass


def _check_layout(path: Path, kind: str) -> None:
    """Walk the file's layout before FAISS maps it: FAISS 1.15's mapped reader crashes the process
    (SIGSEGV) on a file that ends inside a header field, where its ordinary reader raises."""
    try:
        with open(path, "rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(0)
            fourcc = handle.read(4)
            if fourcc != _FOURCC[kind]:
                raise IndexCorrupt(f"{path}: not a {kind!r} FAISS index (starts with {fourcc!r})")
            handle.seek(0)
            _skip_index(handle)
            end = handle.tell()
    except _Truncated:
        end = -1
    except OSError as exc:
        raise IndexCorrupt(f"{path}: cannot read FAISS index ({exc})") from exc
    if end != size:
        raise IndexCorrupt(f"{path}: truncated or damaged FAISS index ({size} bytes, layout says {end})")


def _read(handle, fmt: str) -> tuple:
    raw = handle.read(struct.calcsize(fmt))
    if len(raw) < struct.calcsize(fmt):
        raise _Truncated
    return struct.unpack(fmt, raw)


def _skip_vector(handle, item_bytes: int) -> None:
    (count,) = _read(handle, "<q")
    if count < 0:
        raise _Truncated
    handle.seek(count * item_bytes, 1)


def _skip_index(handle) -> None:
    """Move past one flat or HNSW-flat index as ``faiss.write_index`` lays it out."""
    fourcc = handle.read(4)
    *_, metric = _read(handle, "<iqqqBi")  # d, ntotal, 2 markers, is_trained, metric
    if metric > 1:
        _read(handle, "<f")  # metric_arg
    if fourcc in (b"IxFI", b"IxF2"):
        _skip_vector(handle, 4)  # codes, counted in 4-byte words
    elif fourcc == b"IHNf":
        for item_bytes in (8, 4, 4, 8, 4):  # assign_probas, cum_nneighbor_per_level, levels, offsets, neighbors
            _skip_vector(handle, item_bytes)
        _read(handle, "<5i")  # entry_point, max_level, efConstruction, efSearch, upper_beam
        _skip_index(handle)  # the storage (flat)
    else:
        raise _Truncated


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
