"""Fitting the calibration's switch margin and where the earlier rules apply, on small made-up sets."""

import numpy as np

from bot.answering.compose import Candidate
from core.records import Chunk
from train.calibrate import _earlier_rules
from train.collect import Asked, fit_switches


def asked(question: str, labels: list[int], chosen: list[tuple[int, int]]) -> Asked:
    chunk = Chunk(doc_id="a", text="The fee is capped.", position=0, title="t", source="a.txt",
                  sentences=("The fee is capped.",))
    a = Asked({"question": question, "answerable": True}, "test", [Candidate(chunk, 0.9, np.array([0.9]))])
    a.chosen, a.labels = chosen, labels
    return a


def test_the_switch_margin_keeps_the_top_passage_when_the_picker_is_wrong_about_others() -> None:
    keys = [(0, 0), (1, 0)]
    # The picker prefers passage 1 by 0.4 but only passage 0 answers: a margin above 0.4 wins.
    wrong = [asked("What is the cap?", [1, 0], keys) for _ in range(3)]
    switches = fit_switches(wrong, [np.array([1.0, 1.4])] * 3)
    assert switches["en-en"] > 0.4
    # The picker prefers passage 1 by 2.5 and it answers: the margin must stay below 2.5.
    right = [asked("What is the cap?", [0, 1], keys) for _ in range(3)]
    assert fit_switches(right, [np.array([1.0, 3.5])] * 3)["en-en"] < 2.5


def test_the_earlier_rules_apply_only_where_they_keep_false_abstentions_within_target() -> None:
    def rows(n: int, **flags: int) -> list[dict]:
        return [{"raw": {f"earlier_{rule}": 1.0 if i < k else 0.0 for rule, k in flags.items()}} for i in range(n)]

    assert _earlier_rules(rows(40, names=4), 0.1) == ["relevance", "names", "typed", "doubt"]
    apart = rows(40, names=2) + [{"raw": {"earlier_doubt": 1.0}}] * 2
    assert _earlier_rules(apart, 0.05) == []  # together they decline 4 of 42
    assert _earlier_rules([], 0.1) == []
    assert _earlier_rules(rows(19, names=1), 0.05) and not _earlier_rules(rows(20, names=2), 0.05)  # one allowed


def test_a_pair_with_enough_questions_of_both_kinds_gets_weights_of_its_own() -> None:
    import math

    from bot.answering.calibrated import FEATURES
    from train.calibrate import fit

    rng = np.random.default_rng(3)

    def row(pair: str, answerable: bool) -> dict:
        # On en-en a high picker score means an answer; on zh-en it means nothing.
        pick = (2.0 if answerable else -2.0) if pair == "en-en" else 0.0
        features = dict.fromkeys(FEATURES, 0.0)
        return {"pair": pair, "answerable": answerable, "slot_missing": False, "typed": True,
                "gold_in_lead": answerable, "source": "t", "kind": "t",
                "raw": {**features, "top_dense": 0.9, "cross_top": math.nan, "coverage": 0.0,
                        "pick": pick + float(rng.normal(0, 1)), "quote_terms": float(rng.random())}}

    rows = [row("en-en", a) for a in [True] * 120 + [False] * 120]
    rows += [row("zh-en", a) for a in [True] * 50 + [False] * 50]
    cal = fit(rows, "m", lambda lang: 0.8, {})
    assert "en-en" in cal["weights"] and "zh-en" not in cal["weights"]  # 50 + 50 are too few
    assert cal["weights"]["en-en"]["pick"] < 0 and "en" in cal["weights"]


def test_questions_no_read_sentence_answers_do_not_count_against_the_earlier_rules() -> None:
    held = [{"raw": {"earlier_names": 1.0 if i < 4 else 0.0}, "reachable": True} for i in range(50)]
    missed = [{"raw": {"earlier_relevance": 1.0}, "reachable": False}] * 3  # their answer was never read
    assert _earlier_rules(held, 0.08) == ["relevance", "names", "typed", "doubt"]  # 4 of 50
    assert _earlier_rules(held + missed, 0.08) == ["relevance", "names", "typed", "doubt"]  # not 7 of 53
    assert _earlier_rules(held + [{"raw": {"earlier_doubt": 1.0}, "reachable": True}] * 3, 0.08) == []


def test_the_cross_lingual_bar_is_fitted_on_the_cosine_the_check_reads() -> None:
    """A question whose top passage is in its own language but whose quote is across is held to the
    quoted passage's cosine (``cross_cosine``): the bar is fitted on the same cosines, so a row with
    only a quoted passage across counts in the 2% the bar may decline."""
    import math

    from bot.answering.calibrated import FEATURES, Calibration
    from train.calibrate import fit

    def row(cross_top: float, cross_lead: float, answerable: bool = True) -> dict:
        return {"pair": "en-zh", "answerable": answerable, "slot_missing": False, "typed": True, "gold_in_lead": True,
                "source": "t", "kind": "t",
                "raw": {**dict.fromkeys(FEATURES, 0.0), "top_dense": 0.9, "coverage": 1.0, "quote_terms": 1.0,
                        "pick": 1.0 if answerable else -1.0, "cross_top": cross_top, "cross_lead": cross_lead}}

    across = [row(0.5 + i / 1000, math.nan) for i in range(60)]  # top passage across: 0.50-0.56
    quoted = [row(math.nan, 0.2 + i / 1000) for i in range(20)]  # only the quoted passage across: 0.20-0.22
    unanswerable = [row(0.5, math.nan, answerable=False) for _ in range(40)]
    cal = fit(across + quoted + unanswerable, "m", lambda lang: 0.8, {})
    bar = cal["pairs"]["en-zh"]["crosslingual"]
    assert bar is not None and bar < 0.25  # fitted on the top passages alone it was ~0.50
    decided = Calibration.from_dict(cal)
    declined = sum(decided.decide("en-zh", r["raw"], False)[0] == "relevance" for r in across + quoted)
    assert declined <= 0.02 * 80 + 1
