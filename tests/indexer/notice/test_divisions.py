"""The full table of China's divisions behind the hand gazetteer, on sentences written for these
tests: a county-level city the hand list lacks, a district shared by several cities (resolved only
beside its city), a short form, and a Keqiao company against a notice limited to a Jiangsu county."""

from __future__ import annotations

import pytest

from bot.finder.match import Profile, assess
from indexer.notice import divisions
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.places import as_place, canonical, chain, region_places, within
from tests.indexer.notice.test_eligibility import _chunk


def test_the_table_is_read_without_importing_cpca() -> None:
    import sys
    assert len(divisions.by_key()) > 3000 and "cpca" not in sys.modules


def test_a_county_level_city_resolves_to_its_city_and_province() -> None:
    for text in ("江苏省丹阳市", "丹阳市", "丹阳"):  # Danyang: Zhenjiang, Jiangsu; not in the hand list
        place = canonical(text)
        assert place is not None and chain(place)[1:] == ("Zhenjiang", "Jiangsu", "China"), text
    assert within(canonical("新沂市") or "", "Jiangsu") is True  # Xinyi, Xuzhou
    assert within(canonical("新沂市") or "", "Zhejiang") is False


def test_a_shared_district_resolves_only_beside_its_city() -> None:
    assert not divisions.resolve("普陀区", [])  # Shanghai's and Zhoushan's
    alone, _ = region_places("普陀区")
    assert not any(within(p, "Shanghai") for p in alone)  # unknown, as before the table
    [beside], _ = region_places("上海市普陀区")
    assert chain(beside)[1] == "Shanghai"
    [zhoushan], _ = region_places("舟山市普陀区")
    assert chain(zhoushan)[1:3] == ("Zhoushan", "Zhejiang") and within(zhoushan, "Shanghai") is False


def test_a_district_list_under_its_city() -> None:
    named, _ = region_places("佛山市南海区、顺德区、三水区")
    assert len(named) == 3 and all(chain(p)[1:3] == ("Foshan", "Guangdong") for p in named)


def test_a_keqiao_company_is_not_applicable_to_a_jiangsu_county_notice() -> None:
    text = ("丹阳市商务局\n关于支持眼镜和服装企业参加境外展会的通知\n\n一、支持对象\n"
            "申报企业须同时具备以下条件：（一）在丹阳市依法登记注册并纳税；（二）上年度出口额500万美元以下。\n"
            "二、申报时间\n2027年3月1日至3月31日。\n")
    found = extract_eligibility([_chunk(text, "danyang")], text, "丹阳市商务局", "2026-12-01")
    regions = [c for c in found["conditions"] if c["type"] == "region"]
    assert regions and chain(regions[0]["value"][0])[1] == "Zhenjiang"
    docs = {"d": {"title": "D", "effective_date": "2026-12-01", "eligibility": found}}
    import datetime as dt
    day = dt.date(2027, 1, 5)
    assert assess("d", docs, Profile(region="柯桥", annual_exports_usd=1e6), day)["verdict"] == "not_applicable"
    assert assess("d", docs, Profile(region="丹阳", annual_exports_usd=1e6), day)["verdict"] == "applicable"


def test_a_company_in_a_city_meets_a_list_of_every_part_of_it() -> None:
    from bot.finder.checks import verdict

    every = {"type": "region", "value": [as_place(c) for c in divisions.children(divisions.codes("嘉兴市")[0])]}
    assert len(every["value"]) >= 5
    assert verdict(every, Profile(region="嘉兴")) == "met"  # whichever part it is in, it is in one
    some = {"type": "region", "value": every["value"][:-1]}
    assert verdict(some, Profile(region="嘉兴")) == "unknown"  # one part left out: it may be there
    assert verdict(every, Profile(region="湖州")) == "unmet"
    assert verdict({**every, "op": "not_in"}, Profile(region="嘉兴")) != "met"


def test_a_second_clause_of_places_in_english() -> None:
    from indexer.notice.regions import regions_in

    found = regions_in("(b) registered in Nanhu or Xiuzhou District, or in Haining, Pinghu or Tongxiang;")
    assert found and {chain(p)[1] for p in found[0]["value"]} == {"Jiaxing"} and len(found[0]["value"]) == 5


def test_a_bracket_saying_every_part_of_a_city_is_the_whole_city() -> None:
    from indexer.notice.regions import regions_in

    for text in ("Applicants are incorporated within Jiaxing (any of its districts, Haining, Pinghu or Tongxiang).",
                 "在嘉兴市（所辖各区及海宁市、平湖市、桐乡市）依法注册的企业"):
        found = regions_in(text)
        assert [c["value"] for c in found] == [[canonical("嘉兴市")]], text


def _verdict(sentence: str, region: str, issuer: str | None = None) -> str:
    from bot.finder.checks import verdict
    from indexer.notice.regions import regions_in

    found = [c for c in regions_in(sentence, issuer) if c.get("op") != "not_in"]
    assert found, sentence
    return verdict(found[0], Profile(region=region))


@pytest.mark.parametrize("sentence", ["Applicants must hold a business licence issued in Handan.",
                                      "the company's place of tax payment is Handan;"])
def test_a_bare_english_name_is_its_one_prefecture_level_city(sentence: str) -> None:
    """"Handan" is 邯郸市 (also 邯郸县, inside it); "Chaoyang", shared with a Beijing district, stays unknown."""
    assert _verdict(sentence, "河北省邯郸市") == "met"
    assert _verdict(sentence, "柯桥") == "unmet"
    [chaoyang], _ = region_places("Chaoyang")
    assert within(chaoyang, "Beijing") is None and within(canonical("柯桥") or "", chaoyang) is None


@pytest.mark.parametrize("sentence", [
    "(a) its business licence and tax registration are both in Xiaolan Town, Zhongshan;",
    "营业执照和税务登记均在中山市小榄镇的企业"])
def test_a_town_lies_in_the_city_written_beside_it(sentence: str) -> None:
    assert _verdict(sentence, "绍兴市柯桥区") == "unmet"  # not in Zhongshan, so not in its town
    assert _verdict(sentence, "中山") == "unknown"  # in Zhongshan: may or may not be in the town


@pytest.mark.parametrize("sentence", [
    "(1) are registered in the Xiqiao Textile and Apparel Industry Park (Nanhai District, Foshan);",
    "企业注册在西樵纺织服装产业园（佛山市南海区）"])
def test_a_park_named_with_an_and_lies_in_the_place_in_its_brackets(sentence: str) -> None:
    from indexer.notice.regions import regions_in

    [found] = regions_in(sentence)
    assert len(found["value"]) == 1  # one park, not "Xiqiao Textile" and "Apparel Industry Park"
    assert _verdict(sentence, "无锡") == "unmet" and _verdict(sentence, "佛山市南海区") == "unknown"


@pytest.mark.parametrize("sentence", ["(2) it is incorporated in Binjiang, Xihu or Qiantang District;",
                                      "注册地在滨江区、西湖区或钱塘区的企业"])
def test_a_place_the_table_lacks_lies_where_the_places_listed_with_it_lie(sentence: str) -> None:
    """钱塘区 is newer than the table, 西湖区 shared: listed with Binjiang (Hangzhou), both lie in Hangzhou."""
    from indexer.notice.regions import regions_in

    [found] = regions_in(sentence)
    assert len(found["value"]) == 3  # none dropped
    assert _verdict(sentence, "苏州市吴江区") == "unmet" and _verdict(sentence, "杭州") == "unknown"


@pytest.mark.parametrize("sentence", ["本次补助面向辖区内从事针织服装生产的小微企业",
                                      "Support goes to manufacturers within the jurisdiction that knit sweaters."])
def test_the_jurisdiction_is_the_issuers_place(sentence: str) -> None:
    """"辖区内从事…的企业", "firms within the jurisdiction": the issuer's own place (桐乡市, county-level)."""
    for issuer in ("嘉兴市桐乡市经济和信息化局", "Tongxiang Municipal Bureau of Economy and Information Technology"):
        assert _verdict(sentence, "桐乡", issuer) == "met"
        assert _verdict(sentence, "嘉兴市海宁市", issuer) == "unmet"
