"""The answer model's calibration, per question language × passage language.

Scores do not mean the same across language pairs: e5 scores a Chinese question about ibuprofen
against a Chinese textile notice higher than an English question against an English notice it
answers, and the picker is surer of Chinese sentences than of English ones read for an English
question. So every threshold is fitted per pair ("zh-zh": a Chinese question, its lead passage
Chinese; "en-zh", "zh-en", "en-en") on mixed corpora (the Chinese notices with the English seeds,
SQuAD, CMRC) by ``python -m train.answer`` (train/calibrate.py) and stored with the model
(indexer/picker/files/calibration.json):
- ``relevance``: the lowest e5 cosine of the best passage that still counts as on topic;
- ``crosslingual``: the same for the cross-lingual model's cosine, on pairs across languages;
- ``direct``: the picker's bar for calling a quote a direct answer;
- ``limit``: the no-answer model's probability above which the bot declines;
- ``switch``: the picker's margin before a sentence outside the top passage leads;
- ``offset``: the pair's typical cosine for an answering passage, which retrieval subtracts so a
  passage in the other language competes on equal terms (bot/answering/retrieve.py).
The no-answer model (bot/answering/reader.py) is a logistic model over the features in
``FEATURES``, one per passage language, with a bias per pair. A calibration fitted for another embedding model than the
index's does not apply (its cosines mean something else): answering then keeps the embedding
model's own thresholds (indexer/embed/calibration.json) and the picker only chooses sentences.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.answering.abstain import COVERAGE_THRESHOLD
from core.errors import PolicybotError
from indexer.picker.model import calibration

PAIRS = ("zh-zh", "zh-en", "en-zh", "en-en")
FEATURES = ("relevance", "cross", "pick", "pick_gap", "typed", "quote_terms", "passage_terms", "names_missing",
            "negated", "sentence_margin", "doubt", "unheld")


@dataclass(frozen=True)
class PairCalibration:
    relevance: float
    crosslingual: float | None
    direct: float
    limit: float
    bias: float
    offset: float
    """The pair's typical e5 cosine for a passage that answers (the fit rows' median): retrieval
    compares passages of two languages by their cosine less their pair's offset."""
    earlier: tuple[str, ...] = ()
    """The earlier rules (bot/answering/abstain.py ``abstain_reasons``: "relevance", "names" and
    years in the passages, the answer type "typed", "doubt") that decline too on this pair: those
    that, on its fit questions, keep false abstentions within the pair's target (train/calibrate.py)."""
    switch: float = 0.0
    """The picker's score margin by which a sentence of another passage must beat the top
    passage's best to lead the answer (bot/answering/pick.py ``lead_of``)."""


@dataclass(frozen=True)
class Calibration:
    embedding_model: str
    pairs: Mapping[str, PairCalibration]
    weights: Mapping[str, Mapping[str, float]]
    """Per passage language ("zh": notices, CMRC; "en": the seeds, SQuAD), the no-answer model's
    weights: the two kinds of text differ in what a question that is not answered looks like."""

    def pair(self, name: str) -> PairCalibration:
        """The pair's calibration; a pair never fitted takes its question language's own pair."""
        if name in self.pairs:
            return self.pairs[name]
        lang = name.split("-")[0]
        return self.pairs.get(f"{lang}-{lang}") or next(iter(self.pairs.values()))

    def offsets(self, question_lang: str) -> dict[str, float]:
        """Per passage language, the offset of the pair it makes with the question's language."""
        return {lang: self.pair(pair_name(question_lang, lang)).offset for lang in ("zh", "en")}

    def features(self, pair: str, raw: Mapping[str, float]) -> dict[str, float]:
        """The no-answer model's inputs from the raw measurements (bot/answering/reader.py): cosines
        as margins over the pair's thresholds, the rest as measured."""
        cal = self.pair(pair)
        cross = raw.get("cross_top", math.nan)
        out = {k: float(raw.get(k, 0.0)) for k in FEATURES}
        out["relevance"] = float(raw["top_dense"]) - cal.relevance
        out["cross"] = cross - cal.crosslingual if cal.crosslingual is not None and not math.isnan(cross) else 0.0
        return out

    def no_answer(self, pair: str, raw: Mapping[str, float]) -> float:
        """p(the documents do not answer) for the pair's bias and the shared weights."""
        features = self.features(pair, raw)
        weights = self.weights.get(pair) or self.weights.get(pair.split("-")[-1]) or next(iter(self.weights.values()))
        z = self.pair(pair).bias + sum(weights[k] * features[k] for k in FEATURES)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def decide(self, pair: str, raw: Mapping[str, float], slot_missing: bool) -> tuple[str | None, float]:
        """Why to decline ("relevance", "slot", "no-answer") or None, and p(no answer)."""
        cal = self.pair(pair)
        # On topic: the best passage's cosine, or most of the question's terms in the passage or in
        # the quote with its heading path (a short passage's cosine is low for what it says).
        terms = max(raw.get("coverage", 0.0), raw.get("quote_terms", 0.0))
        relevant = raw["top_dense"] >= cal.relevance or terms >= COVERAGE_THRESHOLD
        cross = cross_cosine(raw)
        if cal.crosslingual is not None and not math.isnan(cross):
            relevant = relevant and cross >= cal.crosslingual
        p = self.no_answer(pair, raw)
        earlier = any(raw.get(f"earlier_{rule}", 0.0) > 0.5 for rule in cal.earlier)
        # The quote holds every term of the question and the asked kind: the model's doubt (mostly a
        # low cosine, as a short page gets) does not outweigh the documents' own words.
        worded = min(raw.get("coverage", 0.0), raw.get("quote_terms", 0.0)) >= 1.0 and raw.get("typed", 0.0) > 0.5
        return ("relevance" if not relevant else "slot" if slot_missing else "earlier" if earlier
                else "no-answer" if p > cal.limit and not worded else None), p

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Calibration:
        try:
            # A feature a model was fitted without weighs nothing (``unheld`` came after the first models).
            weights = {lang: {k: float(w.get(k, 0.0)) for k in FEATURES} for lang, w in raw["weights"].items()}
            if not weights or not raw["pairs"]:
                raise ValueError("no weights or no pairs")
            pairs = {name: PairCalibration(float(p["relevance"]),
                                           None if p.get("crosslingual") is None else float(p["crosslingual"]),
                                           float(p["direct"]), float(p["limit"]), float(p["bias"]),
                                           float(p.get("offset", p["relevance"])), _rules(p.get("earlier", ())),
                                           float(p.get("switch", 0.0)))
                     for name, p in raw["pairs"].items()}
            return cls(str(raw["embedding_model"]), pairs, weights)
        except (KeyError, TypeError, ValueError) as exc:
            raise PolicybotError(f"the answer model's calibration is malformed ({exc!r})") from exc


EARLIER_RULES = ("relevance", "names", "typed", "doubt")


def _rules(value: Any) -> tuple[str, ...]:
    """The earlier rules a pair applies: a list of names; ``true`` (an older file): all of them."""
    if isinstance(value, bool):
        return EARLIER_RULES if value else ()
    return tuple(str(v) for v in value if v in EARLIER_RULES)


def cross_cosine(raw: Mapping[str, float]) -> float:
    """The cosine the cross-lingual check reads: when retrieval's top passage is in the other
    language than the question's, the best such passage's (``cross_top``, as the earlier rules
    read it); when the top passage is in the question's language but the picker quotes one in the
    other (a Chinese notice on top, an English seed passage quoted), the quoted passage's
    (``cross_lead``), which no check read before. NaN when neither applies (no passage across
    languages, or a question anchored by a name the quoted passage holds)."""
    top = raw.get("cross_top", math.nan)
    return top if not math.isnan(top) else raw.get("cross_lead", math.nan)


def pair_name(question_lang: str, passage_lang: str) -> str:
    return f"{question_lang}-{passage_lang}"


def shipped(model: str) -> Calibration | None:
    """The shipped calibration when it was fitted for the index's embedding ``model``; else None."""
    raw = calibration()
    return Calibration.from_dict(raw) if raw.get("embedding_model") == model else None
