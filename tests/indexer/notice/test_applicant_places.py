"""The applicant's place read from any wording of a condition, and places that are someone else's."""

from __future__ import annotations

import pytest

from indexer.notice.applicant_places import applicant_places, step_places
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.regions import regions_in
from tests.indexer.notice.test_eligibility import _chunk


@pytest.mark.parametrize(("unit", "places"), [
    ("实际生产基地设在盛泽镇的丝绸织造企业", ["Shengze"]),
    ("Weaving mills with their main plant in Jiangyin City may take part.", ["Jiangyin"]),
    ("Exporters keeping their books and paying tax in Yiwu", ["Yiwu"]),
    ("总部和主要厂区均落户桐乡的毛衫企业", ["Tongxiang"]),
    ("Producers whose factory sits in Songyang County and who export knitwear", ["Songyang"]),
    ("The scheme is open to Haining-based warp knitters.", ["Haining"]),
    ("申报主体为湖州市吴兴区的童装企业", ["Wuxing"]),  # places written together: the innermost
    ("Knitters registered with the Shaoxing market supervision office", ["Shaoxing"]),
])
def test_a_place_in_a_condition_is_the_applicants(unit: str, places: list[str]) -> None:
    found = applicant_places(unit)
    assert found and found[0]["type"] == "region" and found[0]["value"] == places


@pytest.mark.parametrize("unit", [
    "拟参加在上海举办的中国国际纺织面料博览会的企业",  # the fair's place
    "Companies exhibiting at fairs in Germany or Italy in 2027",
    "产品须获得浙江省名牌产品称号",  # an award carrying a place in its name
    "已列入绍兴市“专精特新”企业名单",
    "Exports to Jakarta must reach USD 1 million.",
    "经营户须在市场采购贸易联网信息平台完成备案",  # 市场 is no city
    "Firms that have never shown their goods at a trade show outside China",  # the fair's side of a border
    "首次赴境外越南参展的企业",
])
def test_a_place_that_is_someone_elses_is_no_region(unit: str) -> None:
    assert applicant_places(unit) == []


@pytest.mark.parametrize(("unit", "place"), [
    ("1 | 纳税地在宁波市 | 完税证明", "Ningbo"),
    ("经营地址位于海宁市的经编企业", "Haining"),
    ("在常熟服装城商圈内依法持有营业执照的经营户", "Changshu"),
    ("Knitters whose place of business is Yiwu", "Yiwu"),
    ("Firms whose production address is Wujiang District may apply.", "Wujiang"),
])
def test_registration_words_notices_use(unit: str, place: str) -> None:
    assert [c["value"] for c in regions_in(unit)] == [[place]]


def test_a_notice_whose_region_wording_no_rule_knows_still_gets_its_region() -> None:
    text = ("一、申报条件\n申报企业须同时具备以下条件：\n（一）实际生产基地设在盛泽镇；\n"
            "（二）上年度出口额在100万美元以上。\n二、其他\n参加在上海举办的展会的展位费按50%补助。\n")
    regions = [c for c in extract_eligibility([_chunk(text)], text)["conditions"] if c["type"] == "region"]
    assert [(c["value"], c["quote"]) for c in regions] == [(["Shengze"], "（一）实际生产基地设在盛泽镇；")]


def test_a_region_the_rules_read_is_not_doubled() -> None:
    text = ("一、申报条件\n申报企业须同时具备以下条件：\n（一）注册地在柯桥区；\n（二）生产基地设在绍兴市。\n"
            "二、其他\n补助标准为50%。\n")
    regions = [c for c in extract_eligibility([_chunk(text)], text)["conditions"] if c["type"] == "region"]
    assert [c["value"] for c in regions] == [["Keqiao"]]


def test_the_place_a_condition_lists_lead_in_names_is_the_applicants() -> None:
    text = ("Trade Fair Support 2027\n\nWho may apply\n"
            "Only firms listed in the Ningbo company records, meeting every point below, can take part:\n"
            "1. They make textiles or garments.\n2. They exhibit abroad for the first time.\n")
    found = extract_eligibility([_chunk(text)], text)["conditions"]
    regions = [c for c in found if c["type"] == "region"]
    assert [c["value"] for c in regions] == [["Ningbo"]] and "Ningbo company records" in regions[0]["quote"]
    assert {"sector", "first_time"} <= {c["type"] for c in found}


@pytest.mark.parametrize(("unit", "issuer", "places"), [
    ("（一）申请。企业登记注册地在本街道的，向街道社会事务办公室或通过“浙里办”提出申请。", "绍兴市柯桥区马鞍街道办事处",
     ["马鞍镇"]),
    ("1. 企业注册地在本区的，向区商务局提交申报材料。", "绍兴市柯桥区商务局", ["Keqiao"]),
    ("Firms registered in the district apply to the district commerce bureau.", "Keqiao District Bureau of Commerce",
     ["Keqiao"]),
    ("2. Apply. Businesses registered in Cixi submit their forms to the Cixi bureau.",
     "Cixi Municipal Bureau of Commerce", ["Cixi"]),
])
def test_a_step_of_how_to_apply_opening_on_the_firms_place_asks_it(unit: str, issuer: str, places: list[str]) -> None:
    assert step_places(unit, issuer)[0]["value"] == places


@pytest.mark.parametrize("unit", [
    "（二）审核。街道对材料进行初审后报区人力社保局复核。",
    "企业向所在区商务局提交申请。",
    "Applicants submit their forms to the district commerce bureau.",
])
def test_a_step_naming_no_place_of_the_firm_asks_none(unit: str) -> None:
    assert step_places(unit, "绍兴市柯桥区商务局") == []
