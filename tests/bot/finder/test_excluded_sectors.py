"""A sector shut out by an item of a "cannot apply" list, checked against companies (fresh items in both languages
and one round's form): a firm of that sector is unmet, one plainly of another sector met, one naming only the
wider sector (a textile firm may make chemical fibres) or no sector unknown; the line says what is excluded."""

from __future__ import annotations

import pytest

from bot.finder.match import Profile, checklist
from indexer.notice.conditions import excluded_conditions


def _status(item: str, sector: str | None, lang: str = "en") -> tuple[str, str]:
    conds = excluded_conditions(item)
    assert [(c["type"], c.get("op")) for c in conds] == [("sector", "not_in")]
    found = checklist({"conditions": [{**c, "quote": item} for c in conds]}, Profile(sector=sector), lang)
    return found[0]["status"], found[0]["requirement"]


@pytest.mark.parametrize("item", ["（二）化学纤维生产企业；", "• chemical fibre producers;",
                                  # a real round's form
                                  "• makers of synthetic fibres;"])
@pytest.mark.parametrize(("sector", "expected"), [("化纤", "unmet"), ("home textiles", "met"), ("服装", "met"),
                                                  ("纺织", "unknown"), (None, "unknown")])
def test_a_sector_shut_out_by_an_exclusions_item(item: str, sector: str | None, expected: str) -> None:
    assert _status(item, sector)[0] == expected


def test_the_line_names_the_sector_shut_out() -> None:
    assert _status("（一）化纤生产企业；", "服装", "zh")[1] == "行业不属于化纤"
    assert _status("• makers of synthetic fibres;", "apparel")[1] == "Sector other than chemical fibre"


@pytest.mark.parametrize("item", ["• businesses on the national list of seriously dishonest entities;",
                                  "（三）注册地在本市以外的化纤生产企业；", "• shops and trading agents;",
                                  "（一）近三年受过环保处罚的印染企业；"])
def test_items_with_more_than_a_sector_of_makers_are_no_sector_exclusion(item: str) -> None:
    assert not [c for c in excluded_conditions(item, "绍兴市柯桥区人民政府") if c["type"] == "sector"]
