"""Hybrid retrieval: dense (FAISS) and lexical (BM25) scores fused after z-score normalisation.

Each passage that either ranking puts in its top k is scored by both; each score is turned into a
z-score over those candidates, and the fused score is ``dense_weight`` x dense + the rest x lexical.
Unlike reciprocal-rank fusion this keeps how far ahead a passage is: with multilingual-e5-small,
CMRC 2018 trial hit@1 0.75 -> 0.87 and SQuAD 2.0 dev-a 0.835 -> 0.854 (bench/README.md, "Fusion").
A question with Chinese words adds BM25 of its dictionary translation (indexer/language/bilingual.py) to the
lexical score of the English passages, so a Chinese question finds them by their words too
(Chinese passages are left out: the English names in their brackets only matched by chance and
cost CMRC hit@1 0.6 points). Names the passages translate themselves (indexer/language/glossary.py) are
translated both ways: to English for the English passages, to Chinese for the Chinese ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bot.answering.slots import Slots, passage_holds, question_slots
from bot.answering.terms import chinese_weights, terms_of
from core.language import question_language, text_language
from core.records import Chunk
from indexer.language.bilingual import english_terms
from indexer.language.glossary import Glossary
from indexer.store.index_dir import IndexData

Mode = Literal["hybrid", "dense", "lexical"]
DENSE_WEIGHT = 0.6
# A passage in the other language than the question's is scored by e5 and the cross-lingual model
# in equal shares (untuned; the fusion measured on a held-out parallel set). For an English question
# anchored in a Chinese notice (``Retriever.anchored``) the English passages too, by the mean of their
# cross-lingual scores: the cross-lingual model, trained on translation pairs, weighs the languages
# against each other while e5 alone orders the English passages; by e5 alone an English news item on
# the topic got ~0.1 more cosine than the Chinese notice stating the asked fact.
CROSS_SHARE = 0.5
OTHER_LANGUAGE_CANDIDATES = 10


@dataclass(frozen=True)
class Hit:
    row: int
    dense: float
    """Cosine similarity of the passage to the question."""
    lexical: float
    """BM25 score of the passage, translated terms included (0 when it shares no term)."""
    fused: float
    """Weighted sum of the two z-scores over the candidates; decides the order."""
    cross: float | None = None
    """Cosine by the cross-lingual model, for a passage in the other language than the question's."""


class Retriever:
    """Searches one loaded index: its FAISS vectors and, when it has one, its BM25 index."""

    def __init__(self, data: IndexData, dense_weight: float = DENSE_WEIGHT, translate: bool = True) -> None:
        self.data = data
        self.lexical = data.lexical
        self.dense_weight = dense_weight
        self.translate = translate
        # Which passages are in English, for the translated terms: worked out with the index's load,
        # not on the first Chinese question.
        self.english = np.fromiter((text_language(c.text) == "en" for c in data.chunks),
                                   dtype=bool, count=len(data.chunks))
        # Each document's opening, the context its passages' slots are read with (bot/answering/slots.py).
        self.heads = {c.doc_id: c.text for c in sorted(data.chunks, key=lambda c: -c.position)}
        # The names the passages translate themselves (中国纺织工业联合会（CNTAC）), both ways.
        self.glossary = Glossary.from_texts(c.text for c in data.chunks) if translate else Glossary()

    def search(
        self,
        query_vector: np.ndarray,
        query_text: str,
        k: int,
        mask: np.ndarray | None = None,
        mode: Mode = "hybrid",
        cross_vector: np.ndarray | None = None,
        offsets: dict[str, float] | None = None,
    ) -> list[Hit]:
        """``scored`` as for any question; for an English question anchored in a Chinese notice
        (``anchored``), both languages' passages by both models and the general vocabulary."""
        hits = self.scored(query_vector, query_text, k, mask, mode, cross_vector, offsets)
        if cross_vector is None or mode == "lexical" or question_language(query_text) != "en" or self.english.all():
            return hits
        places = question_slots(query_text).places
        if not places:
            return hits
        wide = self.scored(query_vector, query_text, k, mask, mode, cross_vector, offsets, anchored=True)
        return wide if self.anchored(Slots(places=places), wide) else hits

    def anchored(self, slots: Slots, hits: list[Hit]) -> bool:
        """The best Chinese passage's notice holds the places the question names ("Jiangsu's
        2024 …" over a Jiangsu notice): the question is about a Chinese notice, not an English
        question over English documents that happens to read Chinese ones too (SQuAD's questions
        over a collection with CMRC's Chinese articles, the seeds' over the notices), whose passages
        are read as before, byte for byte (bench/README.md "Answers on the notice set")."""
        row = next((h.row for h in hits if not self.english[h.row]), None)
        if row is None:
            return False
        chunk = self.data.chunks[row]
        return passage_holds(slots, chunk, self.heads.get(chunk.doc_id, ""))

    def scored(
        self,
        query_vector: np.ndarray,
        query_text: str,
        k: int,
        mask: np.ndarray | None = None,
        mode: Mode = "hybrid",
        cross_vector: np.ndarray | None = None,
        offsets: dict[str, float] | None = None,
        anchored: bool = False,
    ) -> list[Hit]:
        """The ``k`` best passages; ``mask`` (bool per row) restricts the search to allowed rows.
        ``cross_vector``: the question by the cross-lingual model (``cross_lingual_rows``).
        ``offsets``: per passage language ("zh", "en"), the cosine a passage of that language needs
        to be on topic for this question (the calibrated relevance threshold of the pair): cosines
        are compared as margins over it, and each language's best passages are candidates, so
        e5's higher same-language cosines do not bury the passage in the other language.
        ``anchored``: an English question anchored in a Chinese notice (``CROSS_SHARE``, the general
        vocabulary of ``chinese_weights``)."""
        n = len(self.data.chunks)
        if n == 0 or (mask is not None and not mask.any()):
            return []
        k = min(k, n)
        dense_rank = self._dense(query_vector, k, mask) if mode != "lexical" else []
        if offsets and mode != "lexical" and self.wants_cross_vector(query_text):
            other = self.other_language(query_text) if mask is None else self.other_language(query_text) & mask
            if other.any():
                dense_rank += self._dense(query_vector, min(k, OTHER_LANGUAGE_CANDIDATES), other)
        lex_scores = self._lexical(query_text, mask, anchored) if mode != "dense" else None
        lex_rank = _top(lex_scores, k, positive=True) if lex_scores is not None else []
        rows = np.fromiter(dict.fromkeys(dense_rank + lex_rank), dtype=np.int64)
        if len(rows) == 0:
            return []
        dense = np.asarray(self.data.vectors[rows], dtype=np.float32) @ query_vector
        lexical = lex_scores[rows] if lex_scores is not None else np.zeros(len(rows), np.float32)
        weight = {"dense": 1.0, "lexical": 0.0}.get(mode, self.dense_weight)
        shifted = dense
        if offsets:
            english = self.english[rows]
            shifted = dense - np.where(english, offsets.get("en", 0.0), offsets.get("zh", 0.0)).astype(np.float32)
        meaning = _z(shifted)
        cross: list[float | None] = [None] * len(rows)
        if cross_vector is not None and self.data.crosslingual is not None and mode != "lexical":
            # Passages in the other language: e5 and the cross-lingual model, equal weights.
            other = self.other_language(query_text)[rows]
            scores = np.asarray(self.data.crosslingual[rows], dtype=np.float32) @ cross_vector
            cross_z = _z(scores)
            if anchored and (~other).any():  # the English passages by their mean (``CROSS_SHARE``)
                cross_z = np.where(other, cross_z, cross_z[~other].mean())
                meaning = CROSS_SHARE * cross_z + (1 - CROSS_SHARE) * meaning
            else:
                meaning = np.where(other, CROSS_SHARE * cross_z + (1 - CROSS_SHARE) * meaning, meaning)
            cross = [float(c) if o else None for c, o in zip(scores, other, strict=True)]
        if offsets and mode == "hybrid" and 0 < int(self.english[rows].sum()) < len(rows):
            # BM25 of translated terms is lower than of the question's own words: each language's
            # passages are compared among themselves.
            english = self.english[rows]
            lex_z = np.zeros(len(rows), np.float32)
            lex_z[english], lex_z[~english] = _z(lexical[english]), _z(lexical[~english])
        else:
            lex_z = _z(lexical)
        fused = weight * meaning + (1.0 - weight) * lex_z
        hits = [Hit(int(r), float(d), float(x), float(f), c)
                for r, d, x, f, c in zip(rows, dense, lexical, fused, cross, strict=True)]
        hits.sort(key=lambda h: (-h.fused, -h.dense))
        return hits[:k]

    def rank(self, query_vector: np.ndarray, query_text: str, k: int, mask: np.ndarray | None = None,
             mode: Mode = "hybrid", cross_vector: np.ndarray | None = None,
             offsets: dict[str, float] | None = None) -> list[Hit]:
        """``search``, then the passages whose notice holds the question's years, places and
        batches first (``prefer_held``)."""
        hits = self.search(query_vector, query_text, k, mask, mode, cross_vector, offsets)
        return prefer_held(question_slots(query_text), hits, self.data.chunks, self.heads)

    def other_language(self, query_text: str) -> np.ndarray:
        """Per row: the passage is in the other language than the question (bool)."""
        return self.english if question_language(query_text) == "zh" else ~self.english

    def wants_cross_vector(self, query_text: str) -> bool:
        """The index has cross-lingual vectors and passages in the other language than the question."""
        return self.data.crosslingual is not None and bool(self.other_language(query_text).any())

    def _lexical(self, query_text: str, mask: np.ndarray | None, general: bool = False) -> np.ndarray | None:
        if self.lexical is None:
            return None
        scores = self.lexical.scores(query_text, mask)
        if not self.translate:
            return scores
        terms = english_terms(query_text) if self.english.any() else {}
        if self.glossary and self.english.any():  # a name's own translation outweighs the dictionary's
            terms = {**terms, **self.glossary.english_terms(query_text)}
        if terms:  # the question has Chinese words the dictionary or the documents translate
            allowed = self.english if mask is None else self.english & mask
            scores = scores + self.lexical.weighted_scores(terms, allowed)
        chinese = self.glossary.chinese_terms(query_text) if self.glossary else {}
        if not self.english.all() and question_language(query_text) == "en":
            # An English question over Chinese notices: its words through the policy glossary, the
            # gazetteer and the dictionary read backwards (Jiangsu -> 江苏, export credit insurance
            # -> 出口信用保险), the documents' own names on top.
            chinese = {**chinese_weights(query_text, general), **chinese}
        if chinese and not self.english.all():  # English names of Chinese notices' organisations
            allowed = ~self.english if mask is None else ~self.english & mask
            scores = scores + self.lexical.weighted_scores(chinese, allowed)
        return scores


    @property
    def idf(self) -> Callable[[str], float]:
        """A term's BM25 inverse document frequency (one lookup); 1 for every term without a BM25 index."""
        return self.lexical.idf_reader() if self.lexical is not None else _one


    def coverage(self, query_text: str, chunks: list[Chunk]) -> float:
        """Share of the question's distinct terms (IDF-weighted) that the passages contain."""
        terms = terms_of(query_text)
        if not terms or not chunks:
            return 0.0
        present = frozenset().union(*(terms_of(c.passage) for c in chunks))  # cached per passage
        weight = self.idf
        total = sum(weight(t) for t in terms)
        return sum(weight(t) for t in terms & present) / total if total else 0.0

    def _dense(self, query_vector: np.ndarray, k: int, mask: np.ndarray | None) -> list[int]:
        if mask is None:
            assert self.data.vector_index is not None
            _, rows = self.data.vector_index.search(query_vector, k)
            return [int(r) for r in rows[0] if r >= 0]
        allowed = np.flatnonzero(mask)  # exact search over the filtered rows
        scores = np.asarray(self.data.vectors[allowed], dtype=np.float32) @ query_vector
        return [int(allowed[i]) for i in _top(scores, k)]


def prefer_held(slots: Slots, hits: list[Hit], chunks: list[Chunk], heads: dict[str, str]) -> list[Hit]:
    """Passages whose notice holds the question's places (bot/answering/slots.py) before those that
    do not, each group in its order: "Taiyuan's refund" finds the Taiyuan notice before an English
    news item that matches more of its words. Years are not used so: a notice of another programme
    that happens to name the asked year would come first, and a question about a year no notice
    covers would be answered from it (on the fit notices: 24 of 35 near-domain questions' passages
    lack a slot this way, 19 when years counted too; the answerable ones' passages were the same)."""
    slots = Slots(places=slots.places)
    held = [h for h in hits if passage_holds(slots, chunks[h.row], heads.get(chunks[h.row].doc_id, ""))]
    return held + [h for h in hits if h not in held] if len(held) not in (0, len(hits)) else hits


def other_notice(hits: list[Hit], english: np.ndarray, chunks: list[Chunk]) -> str | None:
    """For an English question whose best passage is English: the notice of the best-ranked Chinese
    passage, which the picker reads beside the top notice. The collection is mostly Chinese notices,
    and e5 ranks an English news item naming the same place above the Chinese notice that states
    the asked fact; the picker, which knows the asked kind and the question's words in Chinese,
    then chooses between them (within the pair's switch margin)."""
    if not hits or not english[hits[0].row]:
        return None
    return next((chunks[h.row].doc_id for h in hits if not english[h.row]), None)


def _z(scores: np.ndarray) -> np.ndarray:
    """Scores as z-scores over the candidates; all equal (or no lexical match at all) -> zeros."""
    spread = float(scores.std())
    return (scores - scores.mean()) / spread if spread > 1e-9 else np.zeros_like(scores)


def _top(scores: np.ndarray, k: int, positive: bool = False) -> list[int]:
    if len(scores) == 0:
        return []
    k = min(k, len(scores))
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    return [int(i) for i in idx if not positive or scores[i] > 0]


def _one(term: str) -> float:
    return 1.0
