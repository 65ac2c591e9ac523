"""VectorIndex kinds on small synthetic data: build, save, load memory-mapped, recall, damage."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.errors import IndexCorrupt
from core.settings import Settings
from indexer.store.faiss_index import (
    EXACT,
    HNSW,
    IVF_SQ8,
    KINDS,
    VectorIndex,
    ivf_lists,
    ivf_probes,
    kind_for,
)

DIM = 128
N = 20_000
HNSW_N = 5_000  # HNSW builds ~2,000 vectors/s on a shared core: keep its test quick


def clustered(n: int, seed: int, noise: float = 1.0) -> np.ndarray:
    """Normalised vectors from 200 clusters, each spread along its own 8-dim subspace."""
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((200, DIM))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    bases = np.linalg.qr(rng.standard_normal((200, DIM, 8)))[0]
    draw = np.random.default_rng(seed)
    labels = draw.integers(0, 200, n)
    z = draw.standard_normal((n, 8)) * 0.8 / np.sqrt(8)
    x = centres[labels] + np.einsum("ndr,nr->nd", bases[labels], z)
    x += draw.standard_normal((n, DIM)) * noise * 0.45 / np.sqrt(DIM)
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    return clustered(N, seed=1)


@pytest.fixture(scope="module")
def queries() -> np.ndarray:
    return clustered(200, seed=2, noise=1.5)


@pytest.fixture(scope="module")
def saved(vectors: np.ndarray, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each kind built once with its default parameters and written to a file."""
    root = tmp_path_factory.mktemp("faiss")
    out = {}
    for kind in KINDS:
        path = root / f"{kind}.faiss"
        VectorIndex.build(vectors[:HNSW_N] if kind == HNSW else vectors, kind).save(path)
        out[kind] = path
    return out


def recall_at_10(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)]))


@pytest.mark.parametrize("kind", KINDS)
def test_kind_loads_mmapped_and_finds_the_exact_neighbours(kind, saved, vectors, queries):
    data = vectors[:HNSW_N] if kind == HNSW else vectors
    index = VectorIndex.load(saved[kind], kind, mmap=True)
    assert index.kind == kind and len(index) == len(data) and index.dimension == DIM

    scores, rows = index.search(queries, 10)
    assert scores.shape == rows.shape == (len(queries), 10) and (rows >= 0).all()
    exact = queries @ data.T
    truth = np.argsort(-exact, axis=1)[:, :10]
    assert recall_at_10(rows, truth) >= 0.95
    # Scores are the inner products (IVF-SQ8: of the 8-bit codes, so within a small error).
    true_scores = np.take_along_axis(exact, rows, axis=1)
    assert np.abs(scores - true_scores).max() < (0.02 if kind == IVF_SQ8 else 1e-4)
    assert (np.diff(scores, axis=1) <= 1e-6).all()

    in_memory = VectorIndex.load(saved[kind], kind, mmap=False)
    assert (in_memory.search(queries, 10)[1] == rows).all()


def test_search_parameters_are_stored_in_the_file(saved):
    ivf = VectorIndex.load(saved[IVF_SQ8], IVF_SQ8)
    assert ivf.params == {"nlist": ivf_lists(N), "nprobe": ivf_probes(ivf_lists(N))}
    hnsw = VectorIndex.load(saved[HNSW], HNSW)
    assert hnsw.params["efSearch"] >= 64 and hnsw.params["M"] >= 16
    assert VectorIndex.load(saved[EXACT], EXACT).params == {}


def test_default_ivf_parameters():
    assert ivf_lists(1_000_000) == 1000 and ivf_probes(1000) == 31
    assert ivf_lists(N) == 141 and ivf_probes(141) == 16
    assert ivf_lists(100) == 2  # at least 39 training points per cell
    assert ivf_lists(10) == 1 and ivf_probes(1) == 1


def test_tiny_ivf_still_builds(vectors):
    index = VectorIndex.build(vectors[:10], IVF_SQ8)
    scores, rows = index.search(vectors[:1], 5)
    assert rows[0, 0] == 0 and abs(scores[0, 0] - 1.0) < 0.02
    with pytest.raises(ValueError, match="at least"):
        VectorIndex.build(vectors[:0], IVF_SQ8)
    assert len(VectorIndex.build(vectors[:0], EXACT)) == 0


def test_kind_for_follows_the_threshold():
    assert kind_for(0, 0) == EXACT
    assert kind_for(50_000, 50_000) == EXACT
    assert kind_for(50_001, 50_000) == IVF_SQ8
    assert kind_for(50_001, 50_000, HNSW) == HNSW
    with pytest.raises(ValueError):
        kind_for(10, 5, EXACT)
    settings = Settings()
    assert kind_for(settings.ann_threshold, settings.ann_threshold, settings.ann_kind) == EXACT
    assert kind_for(settings.ann_threshold + 1, settings.ann_threshold, settings.ann_kind) == IVF_SQ8


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("mmap", [True, False])
def test_truncated_file_is_named(kind, mmap, saved, tmp_path):
    data = saved[kind].read_bytes()
    # FAISS 1.15's mapped reader segfaults on a file ending inside a header field (bytes 25-31 of
    # a flat index, 94-97 of an HNSW one): VectorIndex.load must catch those before FAISS does.
    for cut in (0, 30, 95, len(data) // 2, len(data) - 9, len(data) - 1):
        damaged = tmp_path / f"cut-{cut}.faiss"
        damaged.write_bytes(data[:cut])
        with pytest.raises(IndexCorrupt, match=f"cut-{cut}.faiss"):
            VectorIndex.load(damaged, kind, mmap=mmap)


def test_file_of_another_kind_is_refused(saved):
    with pytest.raises(IndexCorrupt, match=r"ivf-sq8\.faiss: not a 'hnsw' FAISS index"):
        VectorIndex.load(saved[IVF_SQ8], HNSW)
    with pytest.raises(IndexCorrupt, match=r"ivf-sq8\.faiss: holds a IndexIVFScalarQuantizer.*'hnsw'"):
        VectorIndex.load(saved[IVF_SQ8], HNSW, mmap=False)
    with pytest.raises(IndexCorrupt, match=r"flat-ip\.faiss: holds a IndexFlatIP.*'ivf-sq8'"):
        VectorIndex.load(saved[EXACT], IVF_SQ8)
    with pytest.raises(IndexCorrupt, match="unknown index type"):
        VectorIndex.load(saved[EXACT], "annoy")


def test_build_records_the_kind_chosen_by_size(small_corpus, tmp_path, fake_encoder):
    from indexer.build import build_index
    from indexer.store.index_dir import load_index

    for threshold, kind in ((1_000_000, EXACT), (0, IVF_SQ8)):
        s = Settings(corpus=small_corpus, index=tmp_path / str(threshold) / "index", model="fake",
                     ann_threshold=threshold)
        report = build_index(s.corpus, s.index, s, lambda: fake_encoder)
        data = load_index(s.index)
        assert data.manifest["index_type"] == kind == data.vector_index.kind
        assert report.chunks == len(data.vector_index) > 0
        _, rows = data.vector_index.search(np.asarray(data.vectors[:1]), 1)
        assert rows[0, 0] == 0
