"""Cross-lingual vectors: computed once per passage text, reused by later builds, saved and checked."""

from __future__ import annotations

import numpy as np
import pytest

from core.errors import IndexCorrupt
from core.records import Chunk
from indexer.embed.crosslingual import crosslingual_vectors
from indexer.store.index_dir import CROSSLINGUAL_FILE, IndexData, load_index, save_index


def chunk(text: str, doc: str = "d") -> Chunk:
    return Chunk(doc_id=doc, text=text, position=0, title="T", source=f"{doc}.txt", sentences=(text,))


class CountingEncoder:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_only_passages_not_seen_before_are_encoded() -> None:
    first = [chunk("alpha"), chunk("beta")]
    encode = CountingEncoder()
    vectors, encoded = crosslingual_vectors(first, encode, 2)
    assert encoded == 2 and vectors.shape == (2, 2)
    second = [chunk("beta"), chunk("gamma"), chunk("alpha")]
    encode = CountingEncoder()
    again, encoded = crosslingual_vectors(second, encode, 2, first, vectors)
    assert encoded == 1 and encode.seen == [second[1].passage]
    assert np.array_equal(again[0], vectors[1]) and np.array_equal(again[2], vectors[0])


def test_duplicate_passages_are_encoded_once() -> None:
    encode = CountingEncoder()
    vectors, encoded = crosslingual_vectors([chunk("same"), chunk("same", "e")], encode, 2)
    assert encoded == 1 and np.array_equal(vectors[0], vectors[1])


def test_previous_vectors_that_do_not_match_their_chunks_are_not_trusted() -> None:
    encode = CountingEncoder()
    _, encoded = crosslingual_vectors([chunk("alpha")], encode, 2, [chunk("alpha")], np.zeros((2, 2), np.float32))
    assert encoded == 1


def data(n: int, cross: np.ndarray | None) -> IndexData:
    chunks = [chunk(f"passage {i}", f"d{i}") for i in range(n)]
    vectors = np.eye(n, 4, dtype=np.float32)
    return IndexData(model="fake", chunks=chunks, vectors=vectors, sentence_vectors=vectors.copy(),
                     sentence_offsets=np.arange(n + 1, dtype=np.int64), documents={},
                     crosslingual=cross,
                     crosslingual_model="packaged:use-multilingual-v3" if cross is not None else None)


def test_saved_beside_the_index_and_named_in_the_manifest(tmp_path) -> None:
    cross = np.random.default_rng(0).normal(size=(3, 8)).astype(np.float32)
    save_index(tmp_path / "index", data(3, cross))
    loaded = load_index(tmp_path / "index")
    assert loaded.manifest["crosslingual"] == {"model": "packaged:use-multilingual-v3",
                                               "file": CROSSLINGUAL_FILE, "dimension": 8}
    assert loaded.crosslingual_model == "packaged:use-multilingual-v3"
    assert np.allclose(loaded.crosslingual, cross, atol=1e-2)  # stored as float16
    plain = load_index(save_index(tmp_path / "plain", data(3, None)))
    assert plain.crosslingual is None and "crosslingual" not in plain.manifest


def test_a_cross_lingual_file_of_the_wrong_length_is_refused(tmp_path) -> None:
    final = save_index(tmp_path / "index", data(3, np.ones((3, 8), np.float32)))
    np.save(final / CROSSLINGUAL_FILE, np.ones((2, 8), np.float16))
    with pytest.raises(IndexCorrupt):
        load_index(tmp_path / "index", verify=False)


def test_vectors_of_another_runtime_are_encoded_again_never_mixed(monkeypatch) -> None:
    from indexer.embed import crosslingual
    from indexer.embed.use_encoder import vectors_name

    encode = CountingEncoder()

    class Fake:
        def encode(self, texts, progress=None):
            return np.pad(encode(texts), ((0, 0), (0, 510)))

    monkeypatch.setattr(crosslingual, "cross_encoder", lambda cache: Fake())
    cross = np.random.default_rng(0).normal(size=(2, 512)).astype(np.float32)
    for name, encoded in ((vectors_name("numpy"), 2), (vectors_name("onnx-int8"), 0)):
        previous, new = data(2, cross), data(2, None)
        previous.crosslingual_model = name
        assert crosslingual.attach_crosslingual(new, previous) == encoded
        assert new.crosslingual_model == vectors_name("onnx-int8")  # what a build records
