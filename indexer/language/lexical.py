"""Lexical index: BM25 (bm25s) over chunks, with tokenisation that fits English and Chinese.

English words are lower-cased, stop words dropped and Snowball-stemmed (PyStemmer); runs of
Chinese characters are segmented into words by jieba's search mode, so a Chinese question
matches a Chinese document even when the embedding model reads only English.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np

from core.errors import IndexCorrupt

LEXICAL_DIR = "bm25"
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese runs, or runs of other letters and digits: "\w" matches Chinese too, so it is excluded
# from the second kind (else "216个纺织服装产业集群" would be one term).
_RUNS = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+", re.UNICODE)
# Question words carry no topic; bm25s's English list leaves some of them in.
_EN_EXTRA_STOP = frozenset("which what who whom whose how many much does did do why when where".split())
_CJK_RUN = re.compile(rf"[{_CJK}]")
_ZH_STOP = frozenset("的 了 和 与 及 是 在 对 为 等 也 就 都 而 或 之 其 中 有 哪 什么 哪些 如何 怎么 吗 呢".split())


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN) | _EN_EXTRA_STOP


def stopwords() -> frozenset[str]:
    """The English words BM25 leaves out."""
    return _stopwords()


def stem_words(words: list[str]) -> list[str]:
    """Snowball stems of lower-case English words, in one call (as ``tokenize`` stems them)."""
    return list(_stemmer().stemWords(words))


# What the tokenizer does is part of the index: a BM25 index built with another version is rebuilt
# (build.py) and questions are tokenised as the index was. 2: traditional characters folded to
# simplified (OpenCC t2s), policy terms (policy_terms.txt) kept whole by jieba, digits and Latin
# letters split from the Chinese that follows them. 3: the issuing departments' short names kept
# whole (工信部门 was 工信部 + 门, a ministry's name; 市工信局 was 市工 + 信局).
TOKENIZER_VERSION = 3
TERMS_FILE = Path(__file__).with_name("policy_terms.txt")


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    """A jieba tokenizer of our own (not the global one) that knows the policy terms."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        term = line.strip()
        if term and not term.startswith("#"):
            tokenizer.add_word(term)
    return tokenizer


@lru_cache(maxsize=1)
def _simplified():  # type: ignore[no-untyped-def]
    """Traditional to simplified Chinese, so 紡織 finds 纺织 (and back)."""
    import opencc

    return opencc.OpenCC("t2s").convert


def simplified(text: str) -> str:
    """``text`` in simplified Chinese characters (OpenCC t2s); other text unchanged."""
    return _simplified()(text) if _CJK_RUN.search(text) else text


def is_chinese(word: str) -> bool:
    return bool(_CJK_RUN.match(word))


def _words(run: str, search: bool) -> tuple[str, ...]:
    """jieba's words of one run of Chinese characters, folded to simplified, without stop words.
    A short run is cut once per process: answering cuts the question's runs in a dozen places and
    the quoted passages' question after question (~2.5 ms a question on two cores, uncached)."""
    return _cut(run, search) if len(run) <= _CACHED_RUN else _cut.__wrapped__(run, search)


_CACHED_RUN = 200
"""Runs up to this many characters are cached (a question's, a sentence's); a longer one (a table
flattened into a page) is cut each time rather than kept."""


@lru_cache(maxsize=32768)
def _cut(run: str, search: bool) -> tuple[str, ...]:
    simple = _simplified()(run)
    words = _jieba().lcut_for_search(simple) if search else _jieba().lcut(simple)
    return tuple(w for w in words if w.strip() and w not in _ZH_STOP)


def segment(text: str, search: bool = True) -> list[str]:
    """The Chinese words of ``text`` (simplified, stop words dropped); ``search``: jieba's search
    mode, which adds the shorter words inside long ones (纺织服装 -> 纺织, 服装, 纺织服装)."""
    return [w for m in _RUNS.finditer(text) if _CJK_RUN.match(m.group(0)) for w in _words(m.group(0), search)]


def tokenize(text: str) -> list[str]:
    """Terms for BM25: stemmed English words without stop words, Chinese words (simplified), numbers."""
    out: list[str] = []
    stop = _stopwords()
    for match in _RUNS.finditer(text.lower()):
        run = match.group(0)
        if _CJK_RUN.match(run):
            out.extend(_words(run, search=True))
        elif run not in stop:
            out.append(run)
    english = [i for i, t in enumerate(out) if not _CJK_RUN.match(t)]
    if english:
        stems = _stemmer().stemWords([out[i] for i in english])
        for i, stem in zip(english, stems, strict=True):
            out[i] = stem
    return out


logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every build at DEBUG to stderr



class _Weights(dict[str, float]):
    """Terms' weights; a term not in the table weighs ``absent``."""

    absent = 0.0

    def __missing__(self, term: str) -> float:
        return self.absent

class LexicalIndex:
    """BM25 scores for every chunk row; unknown query terms simply score nothing."""

    def __init__(self, bm25: bm25s.BM25) -> None:
        self._bm25 = bm25
        self._vocab: dict[str, int] = bm25.vocab_dict

    @classmethod
    def build(cls, texts: list[str], progress: Callable[[int], None] | None = None) -> LexicalIndex:
        """``progress(1)`` after each text is tokenised (most of the time, for Chinese)."""
        bm25 = bm25s.BM25()
        terms = []
        for text in texts:
            terms.append(tokenize(text) or ["\x00"])
            if progress:
                progress(1)
        # An empty token list would break the sparse matrix; a placeholder keeps rows aligned.
        # An empty collection is stored as one placeholder row; retrieval never asks it.
        bm25.index(terms or [["\x00"]], show_progress=False)
        return cls(bm25)

    def scores(self, query: str, mask: np.ndarray | None = None) -> np.ndarray:
        terms = [t for t in tokenize(query) if t in self._vocab]
        if not terms:
            return np.zeros(int(self._bm25.scores["num_docs"]), dtype=np.float32)
        weights = None if mask is None else mask.astype(np.float32)
        return np.asarray(self._bm25.get_scores(terms, weight_mask=weights), dtype=np.float32)

    def weighted_scores(self, terms: dict[str, float], mask: np.ndarray | None = None) -> np.ndarray:
        """BM25 of a weighted query (a translated question): the sum of each term's score x weight."""
        n = int(self._bm25.scores["num_docs"])
        out = np.zeros(n, dtype=np.float32)
        weights = None if mask is None else mask.astype(np.float32)
        for term, weight in terms.items():
            if term in self._vocab and weight > 0:
                out += weight * np.asarray(self._bm25.get_scores([term], weight_mask=weights), dtype=np.float32)
        return out

    def idf(self, term: str) -> float:
        """Inverse document frequency; a term the collection lacks weighs the most. Read from a table
        made once: answering asks ~1,000 terms' IDF per question (the picker's features)."""
        return self.idf_reader()(term)

    def idf_reader(self) -> Callable[[str], float]:
        """``idf`` as one dictionary lookup per term (a term the collection lacks: the most), made
        once: the picker's features ask ~1,000 terms a question, and the call layers of ``idf``
        cost ~1 ms of it."""
        if getattr(self, "_idf_reader", None) is None:
            table, absent = self._idf_table()
            by_term = _Weights({term: table[tid] for term, tid in self._vocab.items() if tid < len(table)})
            by_term.absent = absent
            self._idf_reader = by_term.__getitem__
        return self._idf_reader

    def _idf_table(self) -> tuple[list[float], float]:
        if getattr(self, "_idf", None) is None:
            n = int(self._bm25.scores["num_docs"])
            df = self._doc_freq().astype(np.float64)
            self._idf = ([float(x) for x in np.log(1 + (n - df + 0.5) / (df + 0.5))],
                         float(np.log(1 + (n + 0.5) / 0.5)))
        return self._idf

    def _doc_freq(self) -> np.ndarray:
        if getattr(self, "_df", None) is None:
            indptr = np.asarray(self._bm25.scores["indptr"])
            self._df = np.diff(indptr)  # CSC columns are terms: entries per column = document frequency
        return self._df

    def save(self, directory: Path) -> None:
        self._bm25.save(str(directory / LEXICAL_DIR), show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        try:
            bm25 = bm25s.BM25.load(str(directory / LEXICAL_DIR), mmap=True, show_progress=False)
        except Exception as exc:  # bm25s raises whatever numpy/json raise
            raise IndexCorrupt(f"{directory / LEXICAL_DIR}: cannot read BM25 index ({exc})") from exc
        return cls(bm25)
