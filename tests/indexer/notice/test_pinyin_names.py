"""English (pinyin) names of the divisions table, on sentences written for these tests: a county-level
city named in English resolves to its province, a name several divisions share resolves only beside its
city or province or through the issuer, a common English word is never a place, the issuer's own place
where registration is "done" (办理…登记), and a Keqiao company against an English notice limited to a
county-level city of Shandong."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.finder.match import Profile, assess
from bot.finder.requirements import requirement
from indexer.notice import pinyin_names
from indexer.notice.applicant_places import applicant_places
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.home import head_issuer
from indexer.notice.places import canonical, chain, english, region_places, within
from indexer.notice.regions import regions_in
from tests.indexer.notice.test_eligibility import _chunk


@pytest.mark.parametrize("written", ["Gaomi", "Gaomi City", "Gaomi County", "the Gaomi city government"])
def test_a_pinyin_county_level_name_resolves_to_its_province(written: str) -> None:
    place = canonical(written)
    assert place is not None and chain(place)[1:] == ("Weifang", "Shandong", "China"), written


def test_the_level_word_picks_among_same_named_divisions() -> None:
    assert chain(canonical("Lishui District") or "")[1:3] == ("Nanjing", "Jiangsu")  # 溧水区, not 丽水市
    assert chain(canonical("Lishui City") or "")[1] == "Zhejiang"
    assert chain(canonical("Tongcheng City") or "")[-2] == "Anhui"  # 桐城市, not 通城县 of Hubei
    assert within(canonical("Tongcheng") or "", "Anhui") is None  # alone: either


def test_a_place_below_the_table_keeps_the_county_it_lies_in() -> None:
    named, parents = region_places("Xiaying Industrial Park of Pizhou")
    assert named == ["Xiaying Industrial Park"]
    assert chain(parents["Xiaying Industrial Park"])[1:3] == ("Xuzhou", "Jiangsu")
    named, parents = region_places("Huangpu Town, Pizhou City")  # a town is no 黄浦区 nor 黄埔区
    assert named == ["Huangpu"] and within(parents["Huangpu"], "Jiangsu") is True


def test_a_shared_pinyin_name_resolves_only_with_context() -> None:
    assert "gulou" in pinyin_names.collisions() and len(pinyin_names.collisions()["gulou"]) == 4
    alone = canonical("Gulou District")
    assert alone is not None and within(alone, "Fujian") is None and within(alone, "Jiangsu") is None
    beside = canonical("Gulou District, Fuzhou", tuple(pinyin_names.codes_in("Gulou District, Fuzhou")))
    assert beside is not None and chain(beside)[1:3] == ("Fuzhou", "Fujian")
    [through_issuer], _ = region_places("Gulou District", "Commerce Bureau of Kaifeng")
    assert chain(through_issuer)[2] == "Henan"  # Kaifeng's, not Nanjing's, Xuzhou's or Fuzhou's
    [jiangsu], _ = region_places("Taizhou, Jiangsu Province")  # 泰州, not Zhejiang's Taizhou (台州)
    assert within(jiangsu, "Jiangsu") is True and within(jiangsu, "Zhejiang") is False
    assert within(canonical("Taizhou") or "", "Zhejiang") is True  # alone: the gazetteer's Taizhou
    [read] = regions_in("Firms registered in Nantong, Yancheng or Taizhou (Jiangsu) may apply.")
    assert all(within(p, "Jiangsu") for p in read["value"]) and len(read["value"]) == 3  # the province in brackets
    [read] = regions_in("Enterprises registered in Fuzhou may apply.", "Jiangxi Provincial Department of Commerce")
    assert chain(read["value"][0])[1] == "Jiangxi"  # 抚州, through the issuer, not the gazetteer's Fuzhou (福州)


def test_a_shared_city_name_resolves_through_a_district_it_holds() -> None:
    [read] = regions_in("The applicant's place of registration is Jiangyan District of Taizhou.")
    assert read["value"] == ["姜堰区"] and within("姜堰区", "Jiangsu") is True  # 泰州 holds 姜堰区, 台州 does not


@pytest.mark.parametrize(("sentence", "places"), [
    ("注册地在邳州的纺织企业", ["邳州市"]), ("工商注册地在山东高密", ["高密市"]),
    ("在邳州或高密注册的企业", ["邳州市", "高密市"])])
def test_a_chinese_short_form_in_a_registration_phrase(sentence: str, places: list[str]) -> None:
    assert [c["value"] for c in regions_in(sentence)] == [places]


def test_a_shared_chinese_district_resolves_through_the_issuer() -> None:
    assert not any(within(p, "Fujian") for p in region_places("在鼓楼区注册")[0])
    [fuzhou], _ = region_places("鼓楼区", "福州市商务局")
    assert chain(fuzhou)[1:3] == ("Fuzhou", "Fujian")
    read = regions_in("注册地在鼓楼区的服装企业", "福州市鼓楼区商务局")
    assert [chain(p)[1] for c in read for p in c["value"]] == ["Fuzhou"]


@pytest.mark.parametrize("sentence", [
    "She must hold a business licence.", "The Guide below explains the steps.", "Long-term contracts count.",
    "Boxing gloves and sportswear makers may apply.", "The Dean of the college signs the form.",
    "Amounts are in Yuan.", "He Ping, deputy director, answers questions.", "Zhang Yili reviews the files.",
    "Filed under Cai Jian [2026] No. 4.", "Contact Ms Ding on 0523-1234567.",
    "Staff with a local Hukou count twice.", "Orders taken on Jingdong or Weixin count as exports.",
    "Suppliers of Shenzhou International in the Jiangnan region or around Taihu Lake count."])
def test_a_common_english_word_or_a_persons_name_is_never_a_place(sentence: str) -> None:
    assert pinyin_names.scan(sentence) == []
    assert applicant_places(sentence) == []


def test_a_common_word_with_its_level_word_is_a_place() -> None:
    assert chain(canonical("Boxing County") or "")[1:3] == ("滨州市", "Shandong")
    assert {c for hit in pinyin_names.scan("She County") for c in hit.codes} == {"130426", "341021"}


def test_the_pinyin_table_is_built_from_the_chinese_one() -> None:
    names, _ = pinyin_names._table()
    assert len(names) > 2500 and pinyin_names.english("610100") == "Xi'an"
    assert "朝阳市" in {pinyin_names.divisions.name(c) for c in names["chaoyang"]}  # not read "zhaoyang"


@pytest.mark.parametrize(("sentence", "issuer", "place"), [
    ("（一）在我市办理工商税务登记；", "高密市商务局", "高密市"),
    ("申报单位应在本区依法办理工商注册登记手续。", "杭州市萧山区商务局", "Xiaoshan"),
    ("企业工商注册和税务登记均在本县办理。", "浦江县经济商务局", "Pujiang"),
    ("在东阳市办理营业执照的服装企业", None, "Dongyang"),
    ("企业注册地址位于本县。", "浦江县经济商务局", "Pujiang"), ("落户本区的纺织企业", "杭州市萧山区商务局", "Xiaoshan"),
    ("在我市落户的服装企业", "邳州市商务局", "邳州市"), ("注册于高密市的企业", None, "高密市"),
    ("Enterprises registered in our city may apply.", "Gaomi Municipal Bureau of Commerce", "高密市"),
    ("Firms whose place of registration lies in Pizhou may apply.", None, "邳州市"),
])
def test_registration_in_the_issuers_place_or_a_named_one(sentence: str, issuer: str | None, place: str) -> None:
    assert [c["value"] for c in regions_in(sentence, issuer)] == [[place]]


@pytest.mark.parametrize(("issuer", "place"), [
    ("Gaomi Municipal Bureau of Commerce", "高密市"), ("Commerce Bureau of Pizhou City", "邳州市"),
    ("Yuyao Municipal Bureau of Economy and Information Technology", "Yuyao"),
    ("Weifang Municipal Bureau of Commerce", "Weifang")])
def test_the_city_of_an_issuer_is_the_county_level_city_it_names(issuer: str, place: str) -> None:
    [read] = regions_in("Manufacturers registered in the city may apply.", issuer)
    assert read["value"] == [place]


def test_a_town_or_zone_lies_in_the_county_before_it_or_in_the_issuers_place() -> None:
    [read] = regions_in("注册地在邳州市官湖镇的纺织企业")
    assert read["value"] == ["官湖镇"] and read["within"] == {"官湖镇": "邳州市"}
    [read] = regions_in("在官湖镇依法登记注册的企业", "邳州市商务局")  # the town table places it
    assert read["value"] == ["官湖镇"] and chain("官湖镇")[1] == "邳州市"
    [read] = regions_in("在官湖东镇依法登记注册的企业", "邳州市商务局")  # a town the table lacks
    assert read["within"] == {"官湖东镇": "邳州市"}
    [read] = regions_in("Firms registered in Guanhu Town may apply.", "Pizhou Municipal Bureau of Commerce")
    assert chain(read["value"][0])[2] == "Xuzhou"
    [read] = regions_in("在官湖东镇依法登记注册的企业", "江苏省商务厅")  # a town lies in any issuer's place
    assert read["within"] == {"官湖东镇": "Jiangsu"}
    [read] = regions_in("在官湖经济开发区内依法注册的企业", "徐州市商务局")  # so does a zone
    assert read["value"] == ["官湖经济开发区"] and read["within"] == {"官湖经济开发区": "Xuzhou"}
    [read] = regions_in("Firms registered in Guanhu may apply.", "Jiangsu Department of Commerce")
    assert "within" not in read  # a name of no known level: only a county-level issuer's


def test_a_keqiao_company_is_not_applicable_to_an_english_county_level_city_notice() -> None:
    text = ("Gaomi Municipal Bureau of Commerce\nSupport for Home Textile Exporters, 2027\n\n"
            "Applicants shall meet all of the following conditions:\n"
            "1. registered and paying tax in Gaomi City;\n2. exports of no more than USD 5 million in 2026.\n\n"
            "Applications are accepted from 1 to 31 March 2027.\n")
    found = extract_eligibility([_chunk(text, "gaomi")], text, "Gaomi Municipal Bureau of Commerce", "2026-12-01")
    regions = [c for c in found["conditions"] if c["type"] == "region"]
    assert regions and chain(regions[0]["value"][0])[1:3] == ("Weifang", "Shandong")
    docs = {"d": {"title": "D", "effective_date": "2026-12-01", "eligibility": found}}
    day = dt.date(2027, 1, 5)
    keqiao = assess("d", docs, Profile(region="Keqiao", annual_exports_usd=1e6), day, "en")
    assert keqiao["verdict"] == "not_applicable"
    assert any(i["type"] == "region" and i["status"] == "unmet" for i in keqiao["checklist"])
    assert assess("d", docs, Profile(region="Gaomi", annual_exports_usd=1e6), day, "en")["verdict"] == "applicable"
    assert requirement(regions[0], "en") == "Registered in Gaomi City"
    assert requirement(regions[0], "zh") == "注册地在高密市"


def test_english_checklists_name_table_places_in_english() -> None:
    assert [english(p) for p in ("福州市鼓楼区", "庆元县", "官湖镇", "Keqiao")] == [
        "Gulou District, Fuzhou", "Qingyuan County", "Guanhu Town", "Keqiao"]


def test_an_english_head_line_names_the_issuer_the_record_lacks() -> None:
    text = ("Commerce Bureau of Gaomi City\nGuidelines for the 2027 Knitwear Export Incentive\n\n"
            "Enterprises registered in the city that make knitwear may apply.\n")
    issuer = head_issuer(text)
    assert issuer == "Commerce Bureau of Gaomi City"
    found = extract_eligibility([_chunk(text, "gaomi")], text, issuer, "2026-12-01")
    assert [c["value"] for c in found["conditions"] if c["type"] == "region"] == [["高密市"]]
    assert head_issuer("Notice on the 2027 Knitwear Export Incentive\nFirms may apply.\n") is None
