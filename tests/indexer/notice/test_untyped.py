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


@pytest.mark.parametrize("unit", [
    "申报企业须为粘胶纤维生产企业，且符合《粘胶纤维行业规范条件》。",
    "Applicants must be dyeing mills that meet every requirement of the Dyeing Industry Standard Conditions "
    "(2023 edition).",
    # a real round's form
    "二、申请公告的企业须为从事印染加工的生产企业，并对照《印染行业规范条件（2023版）》逐项自查，各项均须符合。",
])
def test_every_item_of_an_industry_s_standard_conditions_is_asked(unit: str) -> None:
    assert untyped_requirement(unit)


@pytest.mark.parametrize("unit", [
    "2025年首次纳入规上工业统计的纺织企业（以市统计局名单为准）。",
    "Textile firms that first entered the above-designated-size statistics in 2025 (as shown in the statistics "
    "bureau's register).",
    # a real round's form
    "（一）于2026年首次纳入规模以上工业企业统计（以统计部门名录库为准）；",
    # a size rule named is no standard conditions
    "本办法适用于在嵊州市注册的纺织企业，且须为符合《中小企业划型标准规定》的中小企业。",
])
def test_a_bracket_naming_the_record_that_decides_asks_nothing_more(unit: str) -> None:
    assert not untyped_requirement(unit)


@pytest.mark.parametrize("unit", [
    "2025年纳入统计部门名录库的纺织企业。",  # the list itself asked, no bracket
    "Textile firms registered in Keqiao that have paid unemployment insurance in full for 2025.",
])
def test_a_list_or_contributions_asked_stay_untyped_requirements(unit: str) -> None:
    assert untyped_requirement(unit)


@pytest.mark.parametrize("unit", [
    "- have been operating in Cixi since before 1 January 2025.",
    "be registered in Wuxi and trading since 2020",
    "2025年1月1日前在本市注册成立的纺织企业",
])
def test_a_trading_history_from_a_date_is_an_untyped_requirement(unit: str) -> None:
    assert untyped_requirement(unit)


def test_a_place_alone_is_no_trading_history() -> None:
    assert not untyped_requirement("registered in Wuxi")


@pytest.mark.parametrize("unit", [
    "一是在鹿城区依法登记、具有独立法人资格的服装、鞋服企业，品牌代理商除外；",  # a round's form
    "在本区注册的家纺企业，经销商不在支持范围。",
    "Garment makers registered in Lucheng District may apply, but brand agents cannot apply.",
    "Textile mills in the county; distributors are not eligible.",
])
def test_a_brands_agents_or_dealers_shut_out_is_an_untyped_requirement(unit: str) -> None:
    assert untyped_requirement(unit)

