"""How much of a question a text holds, in either language, and the question's words in the other one."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from indexer.language.bilingual import chinese_place, chinese_terms, english_terms, reverse, translation
from indexer.language.lexical import is_chinese, tokenize
from indexer.notice.places import gazetteer


@lru_cache(maxsize=2)
def query_table(general: bool = False) -> dict[str, tuple[str, ...]]:
    """English term or phrase -> Chinese words, for English questions over Chinese notices: the
    dictionary read backwards with the policy glossary over it (indexer/language/bilingual.py), and
    the gazetteer's places first (Keqiao -> 柯桥, which CC-CEDICT lacks; Suzhou -> 苏州 before 宿州).
    ``query_table(True)``: the general notice vocabulary too (general_glossary.txt), for a question
    anchored in a Chinese notice (bot/answering/retrieve.py); called so, not with False, the two
    tables are the cache's only keys."""
    table = dict(reverse(True) if general else reverse())
    for english, (chinese, _) in gazetteer().items():
        key = " ".join(t for t in tokenize(english) if not is_chinese(t))
        if key:  # the gazetteer's name, and the dictionary's forms of it only (北京市, not 京剧)
            table[key] = (chinese, *(w for w in table.get(key, ()) if w.startswith(chinese) and w != chinese))
    return table


@lru_cache(maxsize=1024)
def chinese_of(question: str) -> dict[str, frozenset[str]]:
    """Each English term of ``question`` -> the Chinese words of the phrase it is read in
    ("finance bureau" -> 财政局 for both "financ" and "bureau"); terms no table knows are absent.
    Read with the general notice vocabulary ("technician" -> 技师, "limit" -> 不超过), a letter or a
    number alone untranslated: it decides which question terms a Chinese text holds (the picker's
    ``terms``, the no-answer model's, the names a Chinese passage mentions), not which are read."""
    out: dict[str, set[str]] = {}
    for terms, words in translation(question, query_table(True), strict=True) + joined_places(question):
        for term in terms:
            out.setdefault(term, set()).update(words)
    return {t: frozenset(w) for t, w in out.items()}


_JOINED = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+['’][a-z]+(?![A-Za-z])")


def joined_places(question: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Place names whose pinyin an apostrophe joins (Tai'an, Xi'an, Ji'an) as phrases, their terms
    with their Chinese words: tokenising cuts them ("tai" and a stop word), so no table reads them."""
    out = []
    for m in _JOINED.finditer(question[:2000]):
        words, terms = chinese_place(m[0]), tuple(t for t in tokenize(m[0]) if not is_chinese(t))
        if words and terms:
            out.append((terms, words))
    return out


def chinese_weights(question: str, general: bool = False) -> dict[str, float]:
    """The Chinese words translating the question's English ones, each phrase spreading a weight
    of 1 over its words (BM25 of English questions over Chinese notices). ``general``: with the
    general notice vocabulary, a letter or a number alone left untranslated (the "s" of
    "Shenzhen's" was 三不, 乐事, 又及 in CC-CEDICT read backwards, "3" 三级)."""
    weights = chinese_terms(question, query_table(True) if general else query_table(), strict=general)
    for _, words in joined_places(question):
        for word in words:
            weights[word] = weights.get(word, 0.0) + 1 / len(words)
    return weights


def term_share(question: str, text: str, idf: Callable[[str], float]) -> float:
    """IDF-weighted share of the question's content terms ``text`` holds, in either language: a
    Chinese term counts when its dictionary translation is there, an English one when the Chinese
    words of the phrase it is read in are."""
    terms = _content_terms(question)
    if not terms:
        return 1.0
    held = _terms(text)
    chinese = chinese_of(question) if any(not is_chinese(t) for t in terms) else {}
    total = covered = 0.0
    for term in terms:
        weight = idf(term)
        total += weight
        if term in held:
            covered += weight
        elif is_chinese(term):
            if not held.isdisjoint(_translations(term)):
                covered += weight
        elif any(w in text for w in chinese.get(term, ())):
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
    return frozenset(english_terms(term))
