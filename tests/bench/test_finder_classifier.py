"""Leave-one-round-out in bench.finder_classifier: each round scored by a model that never saw it."""

from bench import finder_classifier, finder_set


def test_every_held_out_round_is_a_fold() -> None:
    folds = finder_classifier.rounds(finder_set.notices())
    assert {"report_held_out_1", "report_held_out_2", "report_held_out_3", *finder_set.HELD_OUT} <= set(folds)
    notices = finder_set.notices().values()
    for split, held in folds.values():
        assert any(finder_classifier.in_round(n, split, held) for n in notices)
    assert not any(finder_classifier.in_round(n, "report", 1) for n in notices if n.split == "fit")


def test_a_round_is_fitted_without_its_own_notices(monkeypatch) -> None:
    notices = finder_set.notices()
    rows = [{"doc": doc, "label": False} for doc in notices]
    fitted: list[set[str]] = []

    def fake_fit(rows, vectors, fit):
        fitted.append({rows[i]["doc"] for i in fit})
        return None, {}

    monkeypatch.setattr(finder_classifier, "_fitted", fake_fit)
    scored: list[tuple[str, int | None]] = []
    monkeypatch.setattr(finder_classifier, "_scores",
                        lambda rows, picked, pat, docs, chosen, split, held: scored.append((split, held)) or {})
    out = finder_classifier.leave_one_round_out(rows, None, [False] * len(rows), {})
    folds = finder_classifier.rounds(notices)
    assert list(out) == list(folds) and scored == list(folds.values())
    for seen, (split, held) in zip(fitted, folds.values(), strict=True):
        outside = {d for d, n in notices.items() if not finder_classifier.in_round(n, split, held)}
        assert seen == outside and "fit" in {notices[d].split for d in seen}
