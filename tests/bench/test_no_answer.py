"""bench/no_answer.py's variants on made-up rows: each refits what it says, and nothing leaks between them."""

import math

import numpy as np

from bench.no_answer import counts, refit
from bot.answering.calibrated import FEATURES
from train import calibrate


def rows() -> dict[str, list[dict]]:
    rng = np.random.default_rng(5)

    def row(answerable: bool, i: int) -> dict:
        doubt = float(rng.random()) * (0.6 if answerable else 1.0)
        return {"id": str(i), "pair": "en-en", "answerable": answerable, "slot_missing": False, "typed": True,
                "gold_in_lead": answerable, "source": "squad", "kind": "squad",
                "raw": {**dict.fromkeys(FEATURES, 0.0), "top_dense": 0.9, "cross_top": math.nan, "coverage": 0.0,
                        "pick": float(rng.normal(1.0 if answerable else -1.0, 1.0)), "doubt": doubt,
                        "earlier_doubt": float(doubt > 0.9)}}

    fit = [row(i % 2 == 0, i) for i in range(240)]
    return {"squad": fit, "squad-report": [row(i % 2 == 0, i) for i in range(100)]}


def found() -> dict:
    return {"rows": rows(), "extra": [], "offsets": {}, "switches": {}, "model": "m"}


def test_a_target_variant_moves_the_limit_and_leaves_the_targets_as_they_were() -> None:
    before = dict(calibrate.TARGETS)
    shipped, _ = refit(found(), "shipped")
    looser, _ = refit(found(), "target=0.3")
    assert calibrate.TARGETS == before
    assert looser["pairs"]["en-en"]["limit"] < shipped["pairs"]["en-en"]["limit"]


def test_a_doubt_variant_rereads_the_rule_on_copies_and_the_counts_follow() -> None:
    data = found()
    _, strict = refit(data, "doubt=0.1")
    assert any(r["raw"]["earlier_doubt"] for r in strict["squad"] if r["answerable"])
    assert not any(r["raw"]["earlier_doubt"] for r in data["rows"]["squad"] if r["answerable"])  # untouched
    c = counts(*refit(data, "doubt=0.1"))["squad-report:squad"]
    assert c["answerable"] == c["unanswerable"] == 50
    assert c["false_share"] == round(c["false"] / 50, 3) and c["declined"] >= c["false"]


def test_an_align_variant_adds_its_features_for_the_fit_only() -> None:
    from bench.no_answer import ALIGN, aucs, features
    from bot.answering import calibrated

    data = found()
    for part in data["rows"].values():
        for r in part:  # the weakest word well supported when answerable, not otherwise
            r["align"] = {"words": (0.9, 0.95) if r["answerable"] else (0.2, 0.7)}
    before = calibrated.FEATURES
    plain = counts(*refit(data, "shipped"))["squad-report:squad"]
    with features("align=words"):
        raw, rows = refit(data, "align=words")
        assert raw["weights"]["en"]["align_min"] < 0  # well supported: less likely unanswerable
        assert aucs(raw, rows)["squad-report"]["align_min"] == 1.0
        c = counts(raw, rows)["squad-report:squad"]
        assert c["declined"] > plain["declined"] and c["false"] <= plain["false"]
        _, mean_only = refit(data, "align=words:mean")
        assert all(r["raw"]["align_min"] == 0.0 for r in mean_only["squad"])
    assert calibrated.FEATURES == before and not set(ALIGN) & set(before)
    assert "align_min" not in data["rows"]["squad"][0]["raw"]  # refitted on copies
