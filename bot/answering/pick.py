"""Which sentence states the answer: the picker trained here reads every sentence of the top passages.

Cosine similarity finds the passage; within it, it often prefers the sentence that repeats the
question's words (a preamble, a title line, another cap) to the one that answers. The picker
(indexer/picker/, fitted by ``python -m train.answer``) scores each sentence of the top
``PASSAGES`` passages from what is known of it at no extra model run:

- ``cos``: e5's cosine of the sentence (pooled from its passage) less the offset of its language
  pair (a same-language sentence scores higher for no merit of its own; bot/answering/calibrated.py),
  and ``cos_gap``, its distance to the best sentence's; the question's e5 vector times the
  sentence's, a learned weighting of e5's dimensions;
- ``terms``: the question's terms it holds with its notice's title (IDF-weighted, either language
  through the dictionary): the terms that name the notice (太原, 稳岗返还) are held by each of its
  sentences alike, so within a notice the terms beyond the title decide, and a sentence that
  repeats the title ("附件：1. 太原市…稳岗返还申请表") no longer outscores the one that answers;
- ``kind``: it holds the asked kind (an amount, a date, a count with its counting word…;
  bot/answering/slots.py), 0.5 when none is asked; ``slot``: with its context it holds the
  question's years, places and batches;
- ``prank``, ``pdense``: its passage's rank (passages read past the top ``PASSAGES``, the rest of
  the top notice, count as the last) and cosine gap to the top passage's;
- ``len``, ``intro``, ``item``: its length, whether it only introduces a list, whether it is an item;
- ``echo``: the share of its terms (IDF-weighted) its notice's title holds. An annex list line
  ("2.2024年度……推荐汇总表"), a title line or a letterhead restates the title the question was
  matched by, and so outscores by cosine the sentence that states the asked fact.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.answering.compose import Candidate
from bot.answering.lists import INTRODUCES, marked_item
from bot.answering.parties import party_named
from bot.answering.slots import Slots, check, context_of, holds_kind
from bot.answering.terms import term_share, terms_of
from core.language import text_language
from indexer.picker.model import Picker

PASSAGES = 4
FEATURES = ("cos", "cos_gap", "terms", "kind", "prank", "pdense", "len", "intro", "item", "slot", "echo")


@dataclass(frozen=True)
class Pick:
    passage: int
    """Index of the chosen passage among the candidates."""
    sentence: int
    """Index of the chosen sentence in that passage."""
    score: float
    """The picker's score for it."""
    scores: dict[tuple[int, int], float]
    """Every scored (passage, sentence) -> score."""


def widen(candidates: list[Candidate], document: Callable[[str], list[Candidate]]) -> list[Candidate]:
    """The top ``PASSAGES`` candidates, then every other passage of the top notice (``document``:
    doc_id -> its passages), then the rest: retrieval finds the notice more often than the passage
    that answers, in either language (its passages share its title, and its front and back matter
    restate it: a notice's annex list outranks its 申报条件 section)."""
    if not candidates:
        return candidates
    seen = {(c.chunk.doc_id, c.chunk.position) for c in candidates}
    more = [c for c in document(candidates[0].chunk.doc_id) if (c.chunk.doc_id, c.chunk.position) not in seen]
    return candidates[:PASSAGES] + more + candidates[PASSAGES:]


def shortlist(candidates: Sequence[Candidate], passages: int = PASSAGES) -> list[tuple[int, int]]:
    """(passage, sentence) pairs to score: every sentence of the top passages, a sentence two
    overlapping chunks share once (in the better-ranked one)."""
    seen: set[str] = set()
    out = []
    for p, cand in enumerate(candidates[:passages]):
        for s, sentence in enumerate(cand.chunk.sentences):
            text = " ".join(sentence.split())
            if text and text not in seen and s < len(cand.sentence_scores):
                seen.add(text)
                out.append((p, s))
    return out


def features(question: str, slots: Slots, candidates: Sequence[Candidate], chosen: list[tuple[int, int]],
             heads: dict[str, str], idf: Callable[[str], float], offsets: dict[str, float] | None = None) -> np.ndarray:
    """One row of ``FEATURES`` per (passage, sentence); ``offsets``: per passage language (None: 0)."""
    shift = [(offsets or {}).get(text_language(candidates[p].chunk.text), 0.0) for p, _ in chosen]
    cos = np.array([float(candidates[p].sentence_scores[s]) - o for (p, s), o in zip(chosen, shift, strict=True)],
                   dtype=np.float64)
    best = float(cos.max()) if len(cos) else 0.0
    top = candidates[0].score if candidates else 0.0
    rows = []
    for (p, s), c in zip(chosen, cos, strict=True):
        cand = candidates[p]
        sentence = cand.chunk.sentences[s]
        context = context_of(cand.chunk, heads.get(cand.chunk.doc_id, ""))
        rows.append([c, c - best, term_share(question, f"{sentence}\n{cand.chunk.title}", idf),
                     float(holds_kind(slots, sentence)) if slots.asks else 0.5, float(min(p, PASSAGES - 1)),
                     cand.score - top,
                     math.log1p(len(sentence)), float(bool(INTRODUCES.search(sentence))), float(marked_item(sentence)),
                     float(not check(slots, sentence, context, parties=False).missing),
                     echo(sentence, terms_of(cand.chunk.title), idf)])
    return np.asarray(rows, dtype=np.float32).reshape(len(chosen), len(FEATURES))


def pick(picker: Picker, question: str, slots: Slots, candidates: Sequence[Candidate],
         query_vector: np.ndarray | None, heads: dict[str, str], idf: Callable[[str], float],
         offsets: dict[str, float] | None = None, switch: float = 0.0, passages: int = PASSAGES) -> Pick | None:
    """The sentence that leads among those of the first ``passages`` candidates."""
    chosen = shortlist(candidates, passages)
    if not chosen or query_vector is None:
        return None
    rows = features(question, slots, candidates, chosen, heads, idf, offsets)
    vectors = np.stack([np.asarray(candidates[p].sentence_vectors[s], dtype=np.float32)  # type: ignore[index]
                        for p, s in chosen])
    scores = picker.score(np.hstack([rows, vectors * np.asarray(query_vector, dtype=np.float32)[None, :]]))
    by = {key: float(v) for key, v in zip(chosen, scores, strict=True)}
    by = _parties_first(by, slots, candidates, heads)
    p, s, score = lead_of(by, switch)
    return Pick(p, s, score, by)


def _parties_first(by: dict[tuple[int, int], float], slots: Slots, candidates: Sequence[Candidate],
                   heads: dict[str, str]) -> dict[tuple[int, int], float]:
    """A lead naming only a sibling of the party the question names (小微企业 for 中型企业 asked;
    bot/answering/parties.py) gives way when a sentence under its heading names the asked one
    (大型企业按照30%返还): sentences naming only a sibling then score below it. When none names it,
    the scores stand, and the slot check declines a lead about another party."""
    if not slots.parties or not by:
        return by

    def named(p: int, s: int) -> bool | None:
        chunk = candidates[p].chunk
        return party_named(slots.parties, chunk.sentences[s], chunk.section)

    lead = max(by, key=lambda key: (by[key], -key[0]))
    if named(*lead) is not False:
        return by
    said = {key: named(*key) for key in by}
    best = max((v for key, v in by.items() if said[key] is True), default=None)
    if best is None:
        return by
    return {key: (min(v, best - 1.0) if said[key] is False else v) for key, v in by.items()}


def echo(sentence: str, title: frozenset[str], idf: Callable[[str], float]) -> float:
    """IDF-weighted share of the sentence's terms (two characters or letters and more) ``title`` holds."""
    terms = [t for t in terms_of(sentence) if len(t) > 1]
    total = sum(idf(t) for t in terms)
    return sum(idf(t) for t in terms if t in title) / total if total else 0.0


def lead_of(by: dict[tuple[int, int], float], switch: float = 0.0) -> tuple[int, int, float]:
    """The (passage, sentence, score) that leads: the best-scored sentence, ties to the better-ranked
    passage; a sentence outside the top passage leads only when it beats the top passage's best by
    ``switch`` (the pair's calibrated margin: retrieval's order is right more often than a small
    difference in the picker's scores)."""
    (p, s), score = max(by.items(), key=lambda kv: (kv[1], -kv[0][0]))
    top = [(key, v) for key, v in by.items() if key[0] == 0]
    if p != 0 and top:
        (p0, s0), v0 = max(top, key=lambda kv: kv[1])
        if score - v0 < switch:
            return p0, s0, v0
    return p, s, score


def applies(picker: Picker | None, model: str, candidates: Sequence[Candidate],
            query_vector: np.ndarray | None) -> bool:
    """The picker reads this index: fitted for its embedding model, with the features this code
    computes, and the passages carry their sentence vectors."""
    return (picker is not None and picker.embedding_model == model and picker.features == FEATURES
            and query_vector is not None and len(query_vector) == picker.vector_dims
            and all(c.sentence_vectors is not None for c in candidates[:PASSAGES]))
