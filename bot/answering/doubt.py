"""Doubt: the chance that an on-topic passage still does not answer the question.

Similarity, names and the answer type catch off-topic questions and questions asking for a kind of
thing the passage lacks. Questions written to look answerable ("What did the Normans never
conquer?", "How many staff work at the customs centre?" when the passage gives a different
figure) pass all three. A logistic model over eight features of the question and its top passage
scores them; the features are cheap (no second model run) and read the question against the
sentences an answer would quote:

- ``sentence``, ``passage``: the best sentence's and the best passage's cosine, less the model's
  abstention threshold for the question's language (so the weights carry over between languages);
- ``sentence_margin``: how far the best sentence stands above the passage's next one (a question
  written about one sentence finds it; one written to mislead matches several loosely);
- ``window_terms``: the share of the question's content terms in the best sentence and its
  neighbours; ``names_missing``: the share of its names the passage lacks;
- ``typed``: the window holds what the question asks for (bot/answering/answerable.py);
- ``negated``: the question says "not", "never", 不, 没有…; ``number_missing``: a number in the
  question is not in the window.

The weights and the limit belong to the embedding model (its cosines are features) and are fitted
by ``python -m bench.answerability --fit-doubt`` on some SQuAD 2.0 articles and reported on the
others (bench/README.md, "Doubt"); they sit beside the model's thresholds in
indexer/embed/calibration.json. They were fitted on English questions over English paragraphs, so
the model is applied only when the question and its top passage are in the same language: a
Chinese question over an English notice keeps the similarity, name and type rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.answering.abstain import specific_terms
from bot.answering.answerable import content_terms
from bot.answering.compose import Candidate
from core.language import question_language, text_language
from indexer.embed.calibration import doubt_weights
from indexer.language.lexical import tokenize

FEATURES = ("sentence", "passage", "sentence_margin", "window_terms", "names_missing", "typed",
            "negated", "number_missing")

_NEGATION = re.compile(r"\b(?:not|never|no|none|without|neither|nor|cannot)\b|n't\b|不|没有|没|未|并非", re.I)
# Chinese words written with 不/没 that negate nothing the question asks: a yes-no question's
# A-not-A form (能不能, 是不是, 有没有), a bound (不超过 "at most", 不少于 "at least"), 不断 "keeps".
_NOT_NEGATION = re.compile(r"(.)[不没]\1|不(?:超过|少于|低于|高于|多于|大于|小于|断)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class DoubtModel:
    """p(no answer) = sigmoid(bias + sum(weight x feature)); abstain above ``limit``."""

    weights: Mapping[str, float]
    bias: float
    limit: float

    @classmethod
    def from_dict(cls, raw: Mapping[str, object]) -> DoubtModel:
        weights = raw["weights"]
        if not isinstance(weights, Mapping) or set(weights) != set(FEATURES):
            raise ValueError(f"a doubt model needs exactly the weights {', '.join(FEATURES)}")
        return cls({k: float(v) for k, v in weights.items()}, float(raw["bias"]), float(raw["limit"]))  # type: ignore[arg-type]

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights[k] * features[k] for k in FEATURES)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def judge(self, features: Mapping[str, float]) -> float:
        """p(no answer) where the model applies: 0 for a passage found by its words alone (cosine
        below the threshold, every term present). The model was fitted where similarity had found
        the passage (11 of 2,805 SQuAD questions reach it otherwise; leaving them out moves the test
        articles' figure by 0.001), and a short keyword question ("What must web editors escape?")
        sits far outside that range."""
        return self.probability(features) if features["passage"] >= 0 else 0.0


@lru_cache(maxsize=8)
def fitted_model(model: str) -> DoubtModel | None:
    """The embedding model's fitted doubt model (indexer/embed/calibration.json); None if it has none."""
    raw = doubt_weights(model)
    return DoubtModel.from_dict(raw) if raw is not None else None


def window_of(candidate: Candidate) -> str:
    """The best sentence with one either side: what the answer would lead with."""
    if not len(candidate.sentence_scores):
        return candidate.chunk.passage
    best = int(np.argmax(candidate.sentence_scores))
    return " ".join(candidate.chunk.sentences[max(0, best - 1):best + 2])


def features(question: str, candidates: Sequence[Candidate], top_dense: float, threshold: float,
             typed: bool) -> dict[str, float] | None:
    """The eight features, or None when there is no passage to read."""
    top = next((c for c in candidates if len(c.sentence_scores)), None)
    if top is None:
        return None
    scores = np.sort(np.asarray(top.sentence_scores, dtype=np.float64))[::-1]
    window = window_of(top)
    terms = content_terms(question)
    held = set(tokenize(window))
    passage = top.chunk.passage.lower()
    names = specific_terms(question)
    numbers = _NUMBER.findall(question)
    return {
        "sentence": float(scores[0]) - threshold,
        "passage": top_dense - threshold,
        "sentence_margin": float(scores[0] - scores[1]) if len(scores) > 1 else 0.0,
        "window_terms": sum(t in held for t in terms) / len(terms) if terms else 1.0,
        "names_missing": (sum(n.lower()[:max(4, len(n) - 3)] not in passage for n in names) / len(names)
                          if names else 0.0),
        "typed": float(typed),
        "negated": float(negated(question)),
        "number_missing": float(any(n not in window for n in numbers)),
    }


def negated(question: str) -> bool:
    """The question says "not", "never", 不, 没有…: SQuAD's questions written to be unanswerable
    often negate a sentence of their paragraph. A Chinese yes-no question (能不能一起报？) or bound
    (不超过多少万元？) is no such negation."""
    return bool(_NEGATION.search(_NOT_NEGATION.sub(" ", question)))


def same_language(question: str, candidates: Sequence[Candidate]) -> bool:
    return bool(candidates) and question_language(question) == text_language(candidates[0].chunk.passage)


def doubt(model: DoubtModel | None, question: str, candidates: Sequence[Candidate], top_dense: float,
          threshold: float, typed: bool) -> float:
    """p(no answer) under ``model`` (``DoubtModel.judge``); 0 without a model, across languages or
    without a passage."""
    if model is None or not same_language(question, candidates):
        return 0.0
    found = features(question, candidates, top_dense, threshold, typed)
    return 0.0 if found is None else model.judge(found)
