"""Requirements no type covers, and what the types already say: trading firms shut out after a sector of makers."""

from __future__ import annotations

import pytest

from indexer.notice.untyped import untyped_requirement


@pytest.mark.parametrize("unit", [
    "注册在柯桥区的纺织生产企业，流通型企业不在支持范围。",
    "Textile manufacturers registered in Keqiao; trading companies are not eligible.",
    # a real round's form
    "工商注册地、税收缴纳地和统计关系均在本街道的纺织、化纤、家纺生产企业，贸易型企业不在奖励范围。",
])
def test_trading_firms_shut_out_after_a_sector_of_makers_ask_nothing_more(unit: str) -> None:
    assert not untyped_requirement(unit, "绍兴市柯桥区齐贤街道办事处")


@pytest.mark.parametrize("unit", [
    "注册在柯桥区的纺织企业，流通型企业不在支持范围。",  # no makers named: the kind shut out is asked
    "Textile firms registered in Keqiao; trading companies are not eligible.",
    "注册在柯桥区的纺织生产企业，高耗能类企业不在支持范围。",  # not a trading kind
])
def test_other_kinds_shut_out_stay_untyped_requirements(unit: str) -> None:
    assert untyped_requirement(unit)
