"""Soft alignment: how well the quote supports each content word of the question.

A question the documents do not answer is often an answerable one with one word changed (another
entity, number, an antonym): its other words are all in the quote. An exact-match check of names
and numbers misses the rest, so each content word of the question takes its best cosine with the
words of the quote and its heading path, in e5's input word-piece table
(``indexer.embed.e5_words``: no encoder run; Chinese and English alike), and the no-answer model
reads the weakest-supported word (``align_min``) and the IDF-weighted mean (``align_mean``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from indexer.embed.e5_words import WordVectors
from indexer.language.lexical import segment, simplified, stopwords, tokenize

# Question words and function words that say nothing about the asked fact, in either language.
CHINESE_FUNCTION = frozenset(
    "的 了 和 与 及 是 在 对 为 等 也 就 都 而 或 之 其 中 有 哪 什么 哪些 哪个 哪里 如何 怎么 怎样 吗 呢 多少 几 "
    "最 多 最多 几个 几家 几次 几年 多久 多长 多大 什么时候 哪年 哪一年 谁 何 何时 是否 能 可以 要 需要 会 被 把 由 向 从 到 个 家 名 项 次 请问 呀 么".split())
MAX_WORDS = 48  # question words read (a question longer than this is judged by its first words)
MAX_CHARS = 4000  # a quote with its context longer than this is read up to here
_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def support(question: str, quote: str, words: WordVectors,
            idf: Callable[[str], float] = lambda _t: 1.0) -> tuple[float, float]:
    """(weakest, IDF-weighted mean) over the question's content words of the best cosine any word
    of ``quote`` gives it; (1, 1) when the question has no content word, (0, 0) when the quote
    has no words."""
    asked = list(dict.fromkeys(w for w in split(question) if _content(w)))[:MAX_WORDS]
    if not asked:
        return 1.0, 1.0
    held = list(dict.fromkeys(split(quote[:MAX_CHARS])))
    if not held:
        return 0.0, 0.0
    exact = set(held)
    best = (words.vectors(asked) @ words.vectors(held).T).max(axis=1).clip(0.0, 1.0)
    best = np.where([w in exact for w in asked], 1.0, best)
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


def _content(word: str) -> bool:
    if not any(c.isalnum() for c in word):
        return False
    if word.isascii():
        return word not in stopwords() and (len(word) > 1 or word.isdigit())
    return word not in CHINESE_FUNCTION


def _weight(word: str, idf: Callable[[str], float]) -> float:
    terms = tokenize(word)
    return max(0.1, idf(terms[0])) if terms else 1.0
