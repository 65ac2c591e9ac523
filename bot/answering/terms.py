"""How much of a question a text holds, in either language."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from indexer.language.bilingual import chinese_terms, english_terms
from indexer.language.lexical import is_chinese, tokenize


def term_share(question: str, text: str, idf: Callable[[str], float]) -> float:
    """IDF-weighted share of the question's content terms ``text`` holds, in either language: a
    Chinese term counts when its dictionary translation is there, an English one likewise."""
    terms = _content_terms(question)
    if not terms:
        return 1.0
    held = _terms(text)
    total = covered = 0.0
    for term in terms:
        weight = idf(term)
        total += weight
        if term in held or not held.isdisjoint(_translations(term)):
            covered += weight
    return covered / total if total else 1.0


@lru_cache(maxsize=1024)
def _content_terms(question: str) -> tuple[str, ...]:
    """The question's terms of two characters or letters and more, in order; cached: the picker
    asks for them once per candidate sentence."""
    return tuple(t for t in dict.fromkeys(tokenize(question)) if len(t) > 1)


@lru_cache(maxsize=16384)
def _terms(text: str) -> frozenset[str]:
    """A passage's or sentence's BM25 terms; cached, the same sentences come back question after question."""
    return frozenset(tokenize(text))


def terms_of(text: str) -> frozenset[str]:
    """``text``'s BM25 terms, cached (a sentence of the index, a notice's title)."""
    return _terms(text)


@lru_cache(maxsize=65536)
def _translations(term: str) -> frozenset[str]:
    return frozenset(english_terms(term) if is_chinese(term) else chinese_terms(term))
