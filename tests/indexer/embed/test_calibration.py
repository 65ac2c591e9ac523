"""Abstention thresholds are looked up per model and language, never shared between models."""

from __future__ import annotations

from core.settings import MULTILINGUAL_MODEL, PACKAGED_MODEL
from indexer.embed.calibration import abstain_threshold, calibrated_models, doubt_weights


def test_each_packaged_model_has_its_own_thresholds_per_language() -> None:
    assert {MULTILINGUAL_MODEL, PACKAGED_MODEL} <= set(calibrated_models())
    e5_en, e5_zh = abstain_threshold(MULTILINGUAL_MODEL, "en"), abstain_threshold(MULTILINGUAL_MODEL, "zh")
    assert e5_en is not None and e5_zh is not None
    assert 0.7 < e5_zh <= e5_en < 0.9  # e5's narrow high band; Chinese-to-English scores sit lower
    assert abstain_threshold(PACKAGED_MODEL, "en") != e5_en


def test_an_uncalibrated_model_has_no_threshold() -> None:
    assert abstain_threshold("some/local-model", "en") is None


def test_the_doubt_model_belongs_to_the_model_that_was_fitted() -> None:
    from bot.answering.doubt import DoubtModel

    fitted = doubt_weights(MULTILINGUAL_MODEL)
    assert fitted is not None
    model = DoubtModel.from_dict(fitted)  # exactly the features bot/answering/doubt.py computes
    assert 0.5 < model.limit < 1.0
    assert doubt_weights(PACKAGED_MODEL) is None and doubt_weights("some/local-model") is None


def test_int8_vectors_have_their_own_thresholds_and_share_the_rest(monkeypatch) -> None:
    from indexer.embed import calibration
    from indexer.embed.calibration import calibration_key

    int8 = calibration_key(MULTILINGUAL_MODEL, "onnx-int8")
    assert int8 != MULTILINGUAL_MODEL and calibration_key(MULTILINGUAL_MODEL, "onnx") == MULTILINGUAL_MODEL
    assert calibration_key(MULTILINGUAL_MODEL, "torch") == MULTILINGUAL_MODEL
    assert int8 in calibration._table()  # e5's int8 thresholds were measured (bench/README.md)
    assert doubt_weights(int8) == doubt_weights(MULTILINGUAL_MODEL)  # not in the int8 entry: inherited
    assert int8 not in calibrated_models()
    table = {"m": {"en": 0.8, "zh": 0.77, "doubt": {"limit": 0.7}}, "m@int8": {"zh": 0.765}}
    monkeypatch.setattr(calibration, "_table", lambda: table)
    key = calibration_key("m", "onnx-int8")
    assert abstain_threshold(key, "zh") == 0.765 and abstain_threshold("m", "zh") == 0.77  # its own
    assert abstain_threshold(key, "en") == 0.8 and doubt_weights(key) == {"limit": 0.7}  # inherited
    assert abstain_threshold(calibration_key("other", "onnx-int8"), "en") is None
