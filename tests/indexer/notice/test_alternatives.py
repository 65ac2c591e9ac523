"""Alternatives stated in a notice's own words: items joined by number in a lead-in, either/or in one item."""

from __future__ import annotations

import pytest

from indexer.notice.alternatives import item_options, numeral, split_or
from indexer.notice.conditions import conditions_in


def _types(text: str) -> set[str]:
    return {str(c["type"]) for c in conditions_in(text)}


@pytest.mark.parametrize(("mark", "value"), [
    ("（一）", 1), ("（十二）", 12), ("(3)", 3), ("(b)", 2), ("(iv)", 4), ("4.", 4), ("第二十条", 20)])
def test_numerals_of_item_marks(mark: str, value: int) -> None:
    assert numeral(mark) == value


@pytest.mark.parametrize(("lead", "options"), [
    ("须同时满足第（一）、（二）项，或者满足第（三）项：", [{1, 2}, {3}]),
    ("符合第（一）至（三）项或第（四）项规定的企业可以申报：", [{1, 2, 3}, {4}]),
    ("Applicants must meet (a) and (b), or (c):", [{1, 2}, {3}]),
    ("申报企业须同时具备以下条件：", None),  # no items named
    ("符合下列条件之一：", None),
])
def test_item_options(lead: str, options: list[set[int]] | None) -> None:
    assert item_options(lead) == options


def test_either_or_splits_a_sentence_into_its_rest_and_two_sides() -> None:
    rest, sides = split_or("Firms based in Ningbo that either hold a national brand title, or employ fewer than "
                           "200 people and export for the first time.", _types)  # type: ignore[misc]
    assert "Ningbo" in rest and "either" not in rest
    assert sides[0] == "hold a national brand title" and sides[1].startswith("employ fewer than 200 people")


def test_a_plain_or_splits_only_between_different_asks() -> None:
    split = split_or("上年度销售收入8000万元以上或职工人数300人以上", _types)
    assert split is not None and split[1] == ["上年度销售收入8000万元以上", "职工人数300人以上"]
    assert split_or("属于棉纺、印染或化纤行业的企业", _types) is None  # one list of sectors
    assert split_or("garment or home textile makers registered in Wuxi", _types) is None


def test_and_or_between_a_clause_and_a_count() -> None:
    split = split_or("Knitwear makers registered in Jiaxing whose sales grew by 10% or more in 2026 and/or who "
                     "employ 100 or more workers.", lambda text: _types(text) or ({"bound"} if "%" in text else set()))
    assert split is not None and "Jiaxing" in split[0]
    assert split[1] == ["sales grew by 10% or more in 2026", "employ 100 or more workers."]
