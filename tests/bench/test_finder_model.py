"""Leave one round out in bench.finder_model: each round scored by a model that never saw it."""

from bench import finder_model, finder_set


def test_every_held_out_round_is_a_fold() -> None:
    folds = finder_model.rounds(finder_set.notices())
    assert {"report_held_out_1", "report_held_out_2", "report_held_out_3", *finder_set.HELD_OUT} <= set(folds)
    notices = finder_set.notices().values()
    for split, held in folds.values():
        assert any(finder_model.in_round(n, split, held) for n in notices)
    assert not any(finder_model.in_round(n, "report", 1) for n in notices if n.split == "fit")


def test_a_round_is_fitted_without_its_own_notices() -> None:
    notices = finder_set.notices()
    table = [{"doc": doc} for doc in notices for _ in range(2)]
    folds = finder_model.folds(table)
    assert list(folds) == list(finder_model.rounds(notices))
    for split, held, inside in folds.values():
        seen = {r["doc"] for r, i in zip(table, inside, strict=True) if not i}
        held_docs = {r["doc"] for r, i in zip(table, inside, strict=True) if i}
        assert held_docs == {d for d, n in notices.items() if finder_model.in_round(n, split, held)}
        assert not seen & held_docs and "fit" in {notices[d].split for d in seen}
        assert seen | held_docs == set(notices)
