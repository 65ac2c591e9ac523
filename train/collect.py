"""Questions through the answer path, kept for fitting: passages, candidate sentences, their labels.

Each question is retrieved as ``PolicyBot.ask`` retrieves it (versions of a notice resolved as
bot/answering/series.py does), and every candidate sentence the picker would read
(``bot.answering.pick.shortlist``) keeps its features, its vector product with the question and
whether it holds an expected phrase. Once the picker is fitted, ``readings`` turns each question
into what the calibration reads (bot/answering/reader.py ``measure``) with the picker's choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bot.answering.abstain import Evidence
from bot.answering.compose import Candidate
from bot.answering.pick import FEATURES, Pick, features, lead_of, shortlist
from bot.answering.reader import measure, reorder
from bot.answering.respond import read_set
from bot.answering.series import choose
from bot.answering.slots import question_slots
from bot.answering.validity import as_of, prefer_in_force
from bot.evaluation.questions import normalise
from bot.service import PolicyBot
from core.language import question_language, text_language


@dataclass
class Asked:
    question: dict[str, Any]
    source: str
    candidates: list[Candidate] = field(default_factory=list)
    evidence: Evidence | None = None
    chosen: list[tuple[int, int]] = field(default_factory=list)
    rows: np.ndarray = field(default_factory=lambda: np.zeros((0, len(FEATURES)), np.float32))
    """``FEATURES`` and the vector product, one row per candidate sentence."""
    labels: list[int] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    """Each candidate sentence's passage language (its cosine's offset is applied once known)."""

    @property
    def answerable(self) -> bool:
        return bool(self.question["answerable"])

    @property
    def reachable(self) -> bool:
        """Some candidate sentence holds an expected phrase (the picker can choose right)."""
        return any(self.labels)


def holds(sentence: str, phrases: list[str]) -> bool:
    text = normalise(sentence)
    return any(p in text for p in phrases)


def collect(bot: PolicyBot, questions: Iterable[dict[str, Any]], source: str) -> list[Asked]:
    loaded = bot.index()
    day = as_of(None)
    out = []
    for q in questions:
        candidates, evidence = bot.retrieve(q["question"])
        candidates = prefer_in_force(candidates, loaded.data.documents, day)
        slots = question_slots(q["question"])
        candidates, _, _ = choose(candidates, loaded.data.documents, day, slots)
        # What the picker reads when serving: the top notice whole, an English question's best Chinese notice.
        candidates = read_set(candidates, evidence, loaded.document_candidates, loaded.data.documents, day)
        asked = Asked(q, source, candidates, evidence)
        asked.chosen = shortlist(candidates, len(candidates))
        if asked.chosen and evidence.query_vector is not None:
            retriever = loaded.retriever
            rows = features(q["question"], slots, candidates, asked.chosen, retriever.heads, retriever.idf)
            vectors = np.stack([np.asarray(candidates[p].sentence_vectors[s], dtype=np.float32)  # type: ignore[index]
                                for p, s in asked.chosen]) * np.asarray(evidence.query_vector, np.float32)[None, :]
            asked.rows = np.hstack([rows, vectors]).astype(np.float32)
            phrases = [normalise(p) for p in q.get("expect", [])]
            asked.labels = [int(holds(candidates[p].chunk.sentences[s], phrases)) for p, s in asked.chosen]
            asked.langs = [text_language(candidates[p].chunk.text) for p, _ in asked.chosen]
        out.append(asked)
    return out


def offsets_from(asked: list[Asked]) -> dict[str, float]:
    """Per pair, the median cosine of the top passage of answerable questions: the offsets the
    picker's cosine is read with (``bot.answering.pick.features``) and the calibration keeps."""
    found: dict[str, list[float]] = {}
    for a in asked:
        if a.answerable and a.candidates and a.evidence is not None:
            pair = f"{question_language(a.question['question'])}-{text_language(a.candidates[0].chunk.text)}"
            found.setdefault(pair, []).append(a.evidence.top_dense)
    return {pair: round(float(np.median(v)), 4) for pair, v in found.items() if len(v) >= 10}


def apply_offsets(asked: list[Asked], offsets: dict[str, float]) -> None:
    """Columns ``cos`` and ``cos_gap`` as ``features`` computes them with the offsets."""
    for a in asked:
        if not len(a.rows):
            continue
        lang = question_language(a.question["question"])
        own = offsets.get(f"{lang}-{lang}", 0.0)
        shift = np.array([offsets.get(f"{lang}-{x}", own) for x in a.langs], dtype=np.float32)
        a.rows[:, 0] -= shift
        a.rows[:, 1] = a.rows[:, 0] - a.rows[:, 0].max()


def top_pair(a: Asked) -> str:
    """The question's language and its top passage's (what ``switch`` is looked up by)."""
    return f"{question_language(a.question['question'])}-{text_language(a.candidates[0].chunk.passage)}"


SWITCHES = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 99.0)
"""Margins tried; 99: the top passage always leads (picker scores span about 0-10)."""


def fit_switches(asked: list[Asked], scores: list[np.ndarray]) -> dict[str, float]:
    """Per pair, the margin (``bot.answering.pick.lead_of``) whose lead passage holds an expected
    phrase most often on the answerable fit questions, then whose lead sentence does; ties to the
    larger margin (retrieval's order)."""
    by_pair: dict[str, list[tuple[Asked, dict[tuple[int, int], float]]]] = {}
    for a, s in zip(asked, scores, strict=True):
        if a.answerable and a.reachable and len(s):
            by_pair.setdefault(top_pair(a), []).append((a, {k: float(v) for k, v in zip(a.chosen, s, strict=True)}))
    return {pair: max(_gain(rows, m) for m in SWITCHES)[2] for pair, rows in by_pair.items()}


def _gain(rows: list[tuple[Asked, dict[tuple[int, int], float]]], switch: float) -> tuple[int, int, float]:
    """Lead passages and lead sentences holding an expected phrase with margin ``switch``."""
    passages = sentences = 0
    for a, by in rows:
        p, i, _ = lead_of(by, switch)
        sentences += a.labels[a.chosen.index((p, i))]
        passages += int(any(lab for (q, _), lab in zip(a.chosen, a.labels, strict=True) if q == p))
    return passages, sentences, switch


def readings(asked: list[Asked], scores: list[np.ndarray], bot: PolicyBot,
             switches: dict[str, float] | None = None) -> list[dict[str, Any]]:
    """Per question, with the picker's ``scores`` (and each pair's ``switches``): its pair, the raw
    features the calibration reads, the slot verdicts and whether the chosen sentence holds the
    expected phrase."""
    loaded = bot.index()
    out = []
    for a, s in zip(asked, scores, strict=True):
        row: dict[str, Any] = {"id": a.question["id"], "source": a.source, "answerable": a.answerable,
                               "kind": a.question.get("kind", a.source), "pair": None, "reachable": a.reachable}
        if a.candidates and len(s):
            by = {key: float(v) for key, v in zip(a.chosen, s, strict=True)}
            p, i, best = lead_of(by, (switches or {}).get(top_pair(a), 0.0))
            order, lead = reorder(a.candidates, Pick(p, i, best, by))
            assert a.evidence is not None
            found, passage_missing, raw = measure(a.question["question"], order, lead, a.evidence, Pick(p, i, best, by),
                                                  loaded.retriever.heads, loaded.retriever.idf)
            row.update(pair=f"{question_language(a.question['question'])}-{text_language(order[0].chunk.passage)}",
                       raw=raw, slot_missing=bool(passage_missing), typed=found.typed and not found.missing,
                       gold_in_lead=bool(a.labels[a.chosen.index((p, i))]))
        out.append(row)
    return out
