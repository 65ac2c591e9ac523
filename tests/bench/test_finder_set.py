"""The finder development set's labels hold against the notices' own text, every pair labelled."""

from bench import finder_set


def test_every_label_holds_against_the_text() -> None:
    assert finder_set.problems() == []


def test_the_set_has_what_the_measurements_need() -> None:
    s = finder_set.summary()
    assert s["notices"] >= 15 and s["profiles"] >= 8 and s["labels"] == s["notices"] * s["profiles"]
    assert {"fit/zh", "fit/en", "report/zh", "report/en"} <= set(s["by_split_and_lang"])
    for verdict in finder_set.VERDICTS:
        assert s["verdicts_by_split"].get(f"report/{verdict}")


def test_a_quote_not_in_the_file_is_reported(monkeypatch) -> None:
    first = next(iter(finder_set.notices().values()))
    conds = [dict(first.meta["conditions"][0], quote="这句话不在通知里")]
    bad = finder_set.Notice(first.doc, first.path, dict(first.meta, conditions=conds))
    every = {**finder_set.notices(), first.doc: bad}
    monkeypatch.setattr(finder_set, "notices", lambda: every)
    assert any("not verbatim" in p for p in finder_set.problems())


def test_a_missing_or_inconsistent_label_is_reported(monkeypatch) -> None:
    rows = finder_set.labels()
    wrong = dict(rows[0], verdict="applicable", unmet=["region"])
    monkeypatch.setattr(finder_set, "labels", lambda: (wrong,) + rows[2:])
    found = finder_set.problems()
    assert any("has no label" in p for p in found)
    assert any("verdict applicable but unmet" in p for p in found)
