"""The notice development set's labels hold against the notices' own text."""

from bench import notice_set


def test_every_label_holds_against_the_text() -> None:
    assert notice_set.problems() == []


def test_the_set_has_what_the_measurements_need() -> None:
    s = notice_set.summary()
    assert s["notices"] >= 30 and s["questions"] >= 200
    assert {"gb18030", "big5"} <= set(s["by_encoding"])
    for kind in ("zh_direct", "en_over_zh", "near_domain", "off_topic"):
        assert s["by_kind_and_split"].get(f"{kind}/fit") and s["by_kind_and_split"].get(f"{kind}/report")


def test_a_wrong_label_is_reported(monkeypatch) -> None:
    bad = dict(notice_set.questions()[0], expect=["这句话不在任何通知里"], answerable=True)
    monkeypatch.setattr(notice_set, "questions", lambda: (bad,))
    assert any("is not in" in p for p in notice_set.problems())
