"""The doubt model reads the question against its top passage; it never judges across languages."""

from __future__ import annotations

import numpy as np
import pytest

from bot.answering.compose import Candidate
from bot.answering.doubt import FEATURES, DoubtModel, doubt, features
from core.records import Chunk

SENTENCES = ("The Normans settled in Normandy in the 10th century.",
             "Their leader Rollo swore fealty to King Charles III.",
             "The duchy later conquered England in 1066.")


def candidate(scores: list[float], sentences: tuple[str, ...] = SENTENCES) -> Candidate:
    chunk = Chunk(doc_id="n", text=" ".join(sentences), position=0, title="Normans", source="n.txt",
                  sentences=sentences)
    return Candidate(chunk, 0.85, np.array(scores))


# Doubt rises as the best sentence's similarity falls; the other weights are zero.
SIMILARITY_ONLY = DoubtModel({**dict.fromkeys(FEATURES, 0.0), "sentence": -10.0}, 0.0, 0.5)


def test_features_read_the_window_around_the_best_sentence() -> None:
    found = features("Who swore fealty to King Charles in 1066?", [candidate([0.80, 0.90, 0.82])],
                     top_dense=0.88, threshold=0.80, typed=True)
    assert found is not None
    assert found["sentence"] == pytest.approx(0.10)
    assert found["passage"] == pytest.approx(0.08)
    assert found["sentence_margin"] == pytest.approx(0.08)
    assert found["window_terms"] == 1.0  # swore, fealty, king, charles, 1066: all in sentences 1-3
    assert found["names_missing"] == 0.0 and found["number_missing"] == 0.0 and found["negated"] == 0.0


def test_a_changed_detail_shows_in_the_features() -> None:
    found = features("Which king did Rollo never swear fealty to in 1200 in Sicily?",
                     [candidate([0.80, 0.90, 0.82])], top_dense=0.88, threshold=0.80, typed=False)
    assert found is not None
    assert found["negated"] == 1.0
    assert found["number_missing"] == 1.0  # 1200 is not in the window
    assert found["names_missing"] == pytest.approx(1 / 2)  # Rollo is there, Sicily is not
    assert found["typed"] == 0.0


def test_doubt_rises_as_the_best_sentence_drifts_away() -> None:
    close = doubt(SIMILARITY_ONLY, "Who was Rollo?", [candidate([0.9, 0.85, 0.8])], 0.9, 0.8, True)
    far = doubt(SIMILARITY_ONLY, "Who was Rollo?", [candidate([0.75, 0.7, 0.7])], 0.9, 0.8, True)
    assert 0 < close < 0.5 < far < 1


def test_no_doubt_for_a_passage_found_by_its_words_alone() -> None:
    # cosine below the threshold: relevance came from the words (bot/answering/abstain.py), outside the fit
    assert doubt(SIMILARITY_ONLY, "Who was Rollo?", [candidate([0.5, 0.4, 0.3])], 0.7, 0.8, True) == 0.0
    assert doubt(SIMILARITY_ONLY, "Who was Rollo?", [candidate([0.5, 0.4, 0.3])], 0.8, 0.8, True) > 0.5


def test_no_doubt_without_a_model_a_passage_or_a_shared_language() -> None:
    low = [candidate([0.5, 0.5, 0.5])]
    assert doubt(None, "Who was Rollo?", low, 0.85, 0.8, True) == 0.0
    assert doubt(SIMILARITY_ONLY, "Who was Rollo?", [], 0.85, 0.8, True) == 0.0
    # fitted on English over English: a Chinese question over an English passage keeps the other rules
    assert doubt(SIMILARITY_ONLY, "罗洛是谁？", low, 0.85, 0.8, True) == 0.0
    zh = candidate([0.5], ("诺曼人于十世纪定居诺曼底。",))
    assert doubt(SIMILARITY_ONLY, "诺曼人何时定居？", [zh], 0.85, 0.8, True) > 0.5


def test_a_model_must_name_exactly_the_features() -> None:
    with pytest.raises(ValueError):
        DoubtModel.from_dict({"weights": {"sentence": 1.0}, "bias": 0.0, "limit": 0.5})
    raw = {"weights": dict.fromkeys(FEATURES, 0.0), "bias": 0.0, "limit": 0.5}
    assert DoubtModel.from_dict(raw).probability(dict.fromkeys(FEATURES, 3.0)) == pytest.approx(0.5)


def test_chinese_yes_no_questions_and_bounds_are_no_negation() -> None:
    from bot.answering.doubt import negated

    assert negated("What did the Normans never conquer?") and negated("哪些情形不予提供支持？")
    assert not negated("展品运输费和人员费能不能一起报？") and not negated("有没有补贴？")
    assert not negated("返还金额最高不超过多少万元？") and not negated("新问题从哪个季度开始不断显现？")
