"""The issuer's own place: a head line naming the issuer, and a town its name writes."""

from __future__ import annotations

import pytest

from indexer.notice.home import head_issuer, home_parent
from indexer.notice.regions import regions_in


@pytest.mark.parametrize(("text", "issuer"), [
    # the issuing body and its date on one line, beyond a dash
    ("Tangxia Garment and Textile Trade Show Support, 2027\n"
     "Tangxia Town Economic Development Bureau, Dongguan - 30 November 2026\n\nThe town refunds half of the costs.\n",
     "Tangxia Town Economic Development Bureau, Dongguan"),  # a round's form
    ("Knitwear Export Grants\nCommerce Bureau of Gaomi City – 2 December 2026\n\nFirms may apply.\n",
     "Commerce Bureau of Gaomi City"),
    ("Dyeing Upgrade Loans\nWujiang District Bureau of Commerce, Suzhou | December 1, 2026\nFirms may apply.\n",
     "Wujiang District Bureau of Commerce, Suzhou"),
])
def test_an_english_head_line_with_its_date_names_the_issuer(text: str, issuer: str) -> None:
    assert head_issuer(text) == issuer


def test_a_dated_line_that_names_no_body_is_no_issuer() -> None:
    assert head_issuer("Knitwear Export Grants\nFirms may apply from now on - 2 December 2026\n") is None


@pytest.mark.parametrize(("place", "issuer", "parent"), [
    ("Tangxia", "Tangxia Town Economic Development Bureau, Dongguan", "Dongguan"),  # a round's form
    ("Qingxi", "Qingxi Town People's Government, Dongguan", "Dongguan"),
])
def test_a_place_the_issuers_name_writes_as_its_town_lies_in_the_issuers_place(
        place: str, issuer: str, parent: str) -> None:
    assert home_parent(place, issuer) == parent


def test_a_place_the_issuer_does_not_write_as_a_town_gets_no_parent() -> None:
    assert home_parent("Tangxia", "Dongguan Municipal Bureau of Commerce") is None


def test_a_town_registered_in_is_within_the_issuers_city() -> None:
    region = regions_in("A garment or textile firm registered in Tangxia can claim if at least one of these is true:",
                        "Tangxia Town Economic Development Bureau, Dongguan")
    assert region == [{"type": "region", "value": ["Tangxia"], "text": "Tangxia", "within": {"Tangxia": "Dongguan"}}]


@pytest.mark.parametrize(("issuer", "district", "city"), [
    ("深圳市坪山区工业和信息化局", "坪山区", "Shenzhen"),
    ("深圳市光明区发展和改革局", "光明区", "Shenzhen"),
])
def test_a_district_newer_than_the_table_is_the_issuers_own_within_its_city(issuer: str, district: str,
                                                                            city: str) -> None:
    found = regions_in("申请企业须在本区注册并纳入本区统计。", issuer)
    assert [c["value"] for c in found] == [[district]] and found[0]["within"] == {district: city}
    assert not regions_in("在本区注册的企业", None)  # no issuer: no place read from 本区 alone


@pytest.mark.parametrize(("line", "issuer", "place"), [
    ("二是在自治区行政区域内依法登记注册的纺织企业；", "广西壮族自治区商务厅", "Guangxi"),
    ("一是在自治区境内办理工商注册登记，具有独立法人资格；", "新疆维吾尔自治区工业和信息化厅", "Xinjiang"),
])
def test_the_autonomous_region_a_regional_issuer_writes_is_its_own(line: str, issuer: str, place: str) -> None:
    assert [c["value"] for c in regions_in(line, issuer)] == [[place]]
