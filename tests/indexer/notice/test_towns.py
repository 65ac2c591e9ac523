"""Towns, townships and subdistricts as places: a notice that names only its town has a place."""

from __future__ import annotations

import pytest

from indexer.notice import towns
from indexer.notice.applicant_places import applicant_places
from indexer.notice.places import canonical, chain, english, known, within
from indexer.notice.regions import regions_in


def _region(sentence: str, issuer: str | None = None) -> dict:
    [read] = regions_in(sentence, issuer)
    return read


def test_a_town_named_alone_lies_in_its_county_city_and_province() -> None:
    read = _region("凡在崇福镇范围内依法登记注册的针织企业，皆可提出申请。", "桐乡市经济商务局")
    assert read["value"] == ["崇福镇"]
    assert chain("崇福镇")[:4] == ("崇福镇", "Tongxiang", "Jiaxing", "Zhejiang")
    read = _region("本办法适用于在新塍镇办理工商登记并在本镇纳税的纺织企业。", "新塍镇人民政府")
    assert read["value"] == ["新塍镇"] and chain("新塍镇")[1] == "Xiuzhou"


def test_a_company_elsewhere_is_outside_the_town_and_one_of_its_city_may_or_may_not_be_in_it() -> None:
    assert within("Keqiao", "新塍镇") is False  # another county: not met
    assert within("Wuxi", "新塍镇") is False
    assert within("Jiaxing", "新塍镇") is None  # a wider place: unknown
    assert within("新塍镇", "Xiuzhou") is True and within("新塍镇", "Zhejiang") is True
    assert within(canonical("嘉兴市秀洲区新塍镇") or "", "Jiaxing") is True


def test_an_english_town_is_read_through_its_pinyin() -> None:
    read = _region("Manufacturers registered and paying tax in Xincheng Town of Xiuzhou District may apply.")
    assert chain(read["value"][0])[1] == "Xiuzhou"
    read = _region("Weaving firms registered in Chongfu Town are eligible.")
    assert read["value"] == ["崇福镇"] and english("崇福镇") == "Chongfu Town"
    assert canonical("Chongfu Town") == "崇福镇" and canonical("崇福镇") == "崇福镇"
    read = _region("Weaving firms registered in Xincheng Town are eligible.")  # 新城镇 of 18 counties, 新塍镇
    assert not known(read["value"][0])


def test_a_town_several_counties_share_stays_unknown_unless_the_text_places_it() -> None:
    assert len(towns.counties("黄桥镇")) > 1 and not known("黄桥镇")
    read = _region("注册地在黄桥镇的纺织企业")
    assert read["value"] == ["黄桥镇"] and "within" not in read
    assert within("Keqiao", "黄桥镇") is None
    assert towns.county_of("城关镇") is None and len(towns.counties("城关镇")) > 100
    read = _region("Enterprises registered in Huangqiao Town may apply.")
    assert "within" not in read and not known(read["value"][0])


@pytest.mark.parametrize("sentence", ["注册地在泰兴市黄桥镇的纺织企业", "注册地在江苏省黄桥镇的纺织企业",
                                      "Enterprises registered in Huangqiao Town of Taixing City may apply."])
def test_a_shared_town_is_placed_by_its_county_city_or_province_written_before_it(sentence: str) -> None:
    read = _region(sentence)
    [town] = read["value"]
    assert read["within"] == {town: "泰兴市"}  # Jiangsu holds one 黄桥镇; "Jiangsu" is not kept beside it


def test_a_town_of_another_place_than_the_one_written_beside_it_is_not_the_tables() -> None:
    read = _region("Small and micro enterprises registered in Longgong Town of Lishui City are eligible.")
    assert read["within"] == {"Longgong": "Lishui"}  # the only 龙宫镇 of the table is in Guizhou
    read = _region("注册地在丽水市龙宫镇的企业")
    assert read["within"] == {read["value"][0]: "Lishui"} and not known(read["value"][0])


@pytest.mark.parametrize("text", [
    "推进小城镇建设，促进城乡融合发展，各乡镇、街道要落实属地责任。",
    "打造特色小镇和中心镇，重点镇的企业优先。", "城区街道办事处负责受理。",
    "在官湖东镇依法登记注册的企业"])  # 湖东镇 is a town, but 官湖东镇 names another
def test_a_common_word_ending_in_a_town_word_is_no_place(text: str) -> None:
    assert [name for _, name in towns.scan(text) if towns.county_of(name)] == []
    assert not any(known(p) for r in applicant_places(text) for p in r["value"])


def test_a_subdistrict_is_read_only_beside_its_county_city_or_province() -> None:
    assert towns.counties("光明街道") and not known("光明街道")  # the tree's one 光明街道; China has many
    read = _region("Firms registered in Guangming Subdistrict may apply.")
    assert not known(read["value"][0]) and "within" not in read
    read = _region("注册地在北京市顺义区光明街道的企业")
    assert read["within"] == {"光明街道": "顺义区"} and english("光明街道") == "Guangming Subdistrict"
    assert english("霞云岭乡") == "Xiayunling Township" and canonical("Xiayunling Township") == "霞云岭乡"


def test_a_name_starts_after_a_word_boundary_or_a_place() -> None:
    assert [n for _, n in towns.scan("在官湖东镇依法登记注册")] == []  # 湖东镇 is a town; 官湖东镇 another
    assert [n for _, n in towns.scan("在秀洲新塍镇、嘉兴市新丰镇和凤桥镇注册")] == ["新塍镇", "新丰镇", "凤桥镇"]


def test_the_table_comes_from_the_package_and_drops_what_it_cannot_place() -> None:
    assert towns.counties("盛泽镇") == ("320509",)  # 吴江区
    assert towns.counties("简城镇") == ("510185",)  # 简阳市, moved from 资阳市 to 成都市
    assert 0 < towns.dropped() < 0.01 * sum(len(c) for c in towns._table()[0].values())
    assert not towns.counties("其它地区") and not towns.counties("城区")  # delivery areas: no towns
