"""The calibration per language pair: thresholds, offsets and the no-answer model read as fitted."""

import math

import pytest

from bot.answering.calibrated import FEATURES, Calibration, shipped
from core.errors import PolicybotError

RAW = {
    "embedding_model": "packaged:multilingual-e5-small",
    "pairs": {
        "zh-zh": {"relevance": 0.85, "crosslingual": None, "direct": 1.0, "limit": 0.6, "bias": -1.0, "offset": 0.93},
        "zh-en": {"relevance": 0.80, "crosslingual": 0.2, "direct": 2.0, "limit": 0.5, "bias": 0.0, "offset": 0.87},
        "en-en": {"relevance": 0.80, "crosslingual": None, "direct": 1.5, "limit": 0.5, "bias": 0.5, "offset": 0.87,
                  "earlier": ["names", "doubt"]},
    },
    "weights": {lang: {**dict.fromkeys(FEATURES, 0.0), "pick": -1.0} for lang in ("zh", "en")},
}


def raw(**values: float) -> dict[str, float]:
    return {"top_dense": 0.9, "cross_top": float("nan"), "coverage": 0.0, "pick": 0.0, **values}


def test_each_pair_has_its_own_thresholds_and_an_unfitted_pair_takes_its_languages() -> None:
    cal = Calibration.from_dict(RAW)
    assert cal.decide("zh-zh", raw(top_dense=0.84), False)[0] == "relevance"
    assert cal.decide("en-en", raw(top_dense=0.84, pick=3.0), False)[0] is None
    assert cal.pair("en-zh") == cal.pair("en-en")  # never fitted: the English question's own pair
    assert cal.offsets("zh") == {"zh": 0.93, "en": 0.87}


def test_slots_cross_lingual_relevance_and_the_no_answer_limit_decline() -> None:
    cal = Calibration.from_dict(RAW)
    assert cal.decide("zh-zh", raw(pick=5.0), True)[0] == "slot"
    assert cal.decide("zh-en", raw(cross_top=0.1, pick=5.0), False)[0] == "relevance"
    assert cal.decide("zh-en", raw(cross_top=0.3, pick=5.0), False)[0] is None
    declined, p = cal.decide("zh-zh", raw(pick=-3.0), False)
    assert declined == "no-answer" and math.isclose(p, 1 / (1 + math.exp(-2.0)))
    assert cal.decide("zh-zh", raw(pick=3.0), False)[0] is None
    # The earlier rules decline where they were fitted (en-en), not elsewhere.
    assert cal.decide("en-en", raw(pick=5.0, earlier=1.0, earlier_names=1.0), False)[0] == "earlier"
    assert cal.decide("en-en", raw(pick=5.0, earlier=1.0, earlier_typed=1.0), False)[0] is None  # not en-en's
    assert cal.decide("zh-zh", raw(pick=5.0, earlier=1.0, earlier_names=1.0), False)[0] is None


def test_a_malformed_calibration_is_refused_and_another_models_does_not_apply() -> None:
    with pytest.raises(PolicybotError):
        Calibration.from_dict({**RAW, "weights": {}})
    assert shipped("packaged:all-MiniLM-L6-v2") is None


def test_the_shipped_calibration_applies_to_its_own_precision_only() -> None:
    from indexer.picker.model import calibration

    key = calibration()["embedding_model"]
    assert shipped(key) is not None
    other = key.removesuffix("@int8") if key.endswith("@int8") else f"{key}@int8"
    assert shipped(other) is None  # fp32 vectors score otherwise than the int8 ones it was fitted on


def test_another_passage_leads_only_past_the_pairs_switch_margin() -> None:
    from bot.answering.pick import lead_of

    scores = {(0, 0): 2.0, (0, 1): 3.0, (1, 0): 3.5, (2, 4): 1.0}
    assert lead_of(scores) == (1, 0, 3.5)
    assert lead_of(scores, switch=0.5) == (1, 0, 3.5)
    assert lead_of(scores, switch=1.0) == (0, 1, 3.0)  # 0.5 better is not enough: the top passage leads
    assert lead_of({(1, 0): 1.0}, switch=5.0) == (1, 0, 1.0)  # no sentence of the top passage scored
    cal = Calibration.from_dict({**RAW, "pairs": {**RAW["pairs"], "zh-en": {**RAW["pairs"]["zh-en"], "switch": 1.5}}})
    assert cal.pair("zh-en").switch == 1.5 and cal.pair("zh-zh").switch == 0.0


def test_a_quote_holding_every_term_and_the_asked_kind_is_not_declined_by_the_no_answer_model() -> None:
    cal = Calibration.from_dict(RAW)
    doubtful = raw(pick=-3.0, typed=1.0, coverage=0.5, quote_terms=1.0)
    assert cal.decide("zh-zh", doubtful, False)[0] == "no-answer"
    assert cal.decide("zh-zh", {**doubtful, "coverage": 1.0}, False)[0] is None
    assert cal.decide("zh-zh", {**doubtful, "coverage": 1.0, "typed": 0.0}, False)[0] == "no-answer"
    assert cal.decide("zh-zh", {**doubtful, "coverage": 1.0}, True)[0] == "slot"  # slots still decline


def test_the_quoted_passage_across_languages_is_held_to_the_cross_lingual_bar() -> None:
    cal = Calibration.from_dict(RAW)
    # Retrieval's top passage is Chinese (no cross_top); the picker quotes an English one.
    assert cal.decide("zh-en", raw(cross_lead=0.1, pick=5.0), False)[0] == "relevance"
    assert cal.decide("zh-en", raw(cross_lead=0.3, pick=5.0), False)[0] is None
    # Retrieval's top passage is across languages too: its check reads the best such passage.
    assert cal.decide("zh-en", raw(cross_top=0.3, cross_lead=0.25, pick=5.0), False)[0] is None
    assert cal.decide("zh-en", raw(cross_top=0.1, cross_lead=0.3, pick=5.0), False)[0] == "relevance"
    assert cal.decide("zh-en", raw(pick=5.0), False)[0] is None  # neither read: anchored by a name


def test_a_pair_with_weights_of_its_own_reads_them_before_its_passage_languages() -> None:
    own = {**dict.fromkeys(FEATURES, 0.0), "pick": 1.0}
    cal = Calibration.from_dict({**RAW, "weights": {**RAW["weights"], "en-en": own}})
    assert cal.no_answer("en-en", raw(pick=2.0)) > 0.9  # its own weight: +1 per pick point
    assert cal.no_answer("zh-en", raw(pick=2.0)) < 0.2  # English passages' shared weight: -1
