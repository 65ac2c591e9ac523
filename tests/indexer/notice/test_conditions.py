"""Typed conditions from the varied ways notices state them, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from indexer.notice.conditions import PARENT, conditions_in, excluded_conditions, sectors_in
from indexer.notice.places import chain, within


def _typed(unit: str, issuer: str | None = None) -> dict[str, Any]:
    return {c["type"]: c for c in conditions_in(unit, issuer)}


@pytest.mark.parametrize(("unit", "places"), [
    ("（一）工商注册地和税务征管关系均在柯桥区，具有独立法人资格；", ["Keqiao"]),
    ("在浙江省行政区域内依法登记注册，具有独立法人资格", ["Zhejiang"]),
    ("（一）在柯桥区行政区域内依法登记注册，且税收解缴关系在柯桥区；", ["Keqiao"]),
    ("注册地在苏州市吴江区", ["Wujiang"]),
    ("注册地在绍兴市（含各区、县（市）），具有独立法人资格；", ["Shaoxing"]),
    ("在广东省行政区域内注册、依法开展进出口业务的外贸企业", ["Guangdong"]),
    ("申报企业须在杭州市或宁波市注册", ["Hangzhou", "Ningbo"]),
    ("申请企业须在中华人民共和国境内依法注册", ["China"]),
    ("be registered within the administrative area of Jiangsu Province", ["Jiangsu"]),
    ("An applicant's place of registration and tax registration are both in Hangzhou.", ["Hangzhou"]),
    ("The scheme is open to enterprises incorporated in Keqiao District, Shaoxing.", ["Keqiao"]),
    ("Enterprises with a registered address in Shaoxing may apply.", ["Shaoxing"]),
    ("The programme applies to SMEs in Zhejiang province.", ["Zhejiang"]),
])
def test_region_phrasings(unit: str, places: list[str]) -> None:
    assert _typed(unit)["region"]["value"] == places


def test_a_place_outside_the_gazetteer_keeps_the_place_the_notice_puts_it_in() -> None:
    region = _typed("Small and micro enterprises registered in Longgong Town of Lishui City are eligible.")["region"]
    assert region["value"] == ["Longgong"] and region["within"] == {"Longgong": "Lishui"}  # a town: in no table
    region = _typed("Small and micro enterprises registered in Qingyuan County of Lishui City are eligible.")["region"]
    assert region["value"] == ["庆元县"] and "within" not in region  # its pinyin, beside its city, names the county
    region = _typed("注册地在丽水市庆元县的小微企业")["region"]  # the divisions table knows it: no parent needed
    assert region["value"] == ["庆元县"] and chain("庆元县")[1:3] == ("Lishui", "Zhejiang")


def test_the_issuers_own_area() -> None:
    assert _typed("在本区注册的纺织企业", "绍兴市柯桥区商务局")["region"]["value"] == ["Keqiao"]
    assert _typed("在本市依法登记注册的企业", "绍兴市柯桥区商务局")["region"]["value"] == ["Shaoxing"]
    assert "region" not in _typed("在本市依法登记注册的企业")  # no issuer: no place


def test_a_news_phrase_is_no_place() -> None:
    assert "region" not in _typed("Grants go to companies in Phase Two of the park.")
    assert "region" not in _typed("在本年度内注册的商标")


@pytest.mark.parametrize(("unit", "kind", "op", "value"), [
    ("（二）2025年度出口额低于6500万美元；", "annual_exports_usd_max", "<", 65e6),
    ("（一）2025年度出口额在1000万美元（含）以下的企业；", "annual_exports_usd_max", "<=", 1e7),
    ("enterprises whose exports in 2025 were USD 1 million or more", "annual_exports_usd_min", ">=", 1e6),
    ("whose annual exports are below USD 5 million", "annual_exports_usd_max", "<", 5e6),
    ("Enterprises with export sales revenue below USD 5 million may apply.", "annual_exports_usd_max", "<", 5e6),
    ("（三）上年度营业收入不低于1000万元；", "annual_revenue_cny_min", ">=", 1e7),
    ("上年度主营业务收入达到2000万元", "annual_revenue_cny_min", ">=", 2e7),
    ("with revenue of RMB 50 million or more", "annual_revenue_cny_min", ">=", 5e7),
    ("年营业收入3000万以上", "annual_revenue_cny_min", ">=", 3e7),  # 万 alone: yuan
    ("（三）从业人员300人以上", "employees_min", ">=", 300),
    ("that employ no more than 1,000 people", "employees_max", "<=", 1000),
    ("Applicants must have employees of no less than 500.", "employees_min", ">=", 500),
    ("申报企业职工人数不少于100人。", "employees_min", ">=", 100),
])
def test_bounds_go_to_their_measure(unit: str, kind: str, op: str, value: float) -> None:
    assert (_typed(unit)[kind]["op"], _typed(unit)[kind]["value"]) == (op, value)


@pytest.mark.parametrize(("unit", "kind", "value"), [
    ("（三）上年度营业收入2000万元至4亿元；", "annual_revenue_cny_range", [20_000_000, 400_000_000]),
    ("employing between 20 and 1,000 people at the end of last year", "employees_range", [20, 1000]),
])
def test_ranges(unit: str, kind: str, value: list[int]) -> None:
    assert _typed(unit)[kind]["value"] == value and _typed(unit)[kind]["op"] == "between"


@pytest.mark.parametrize("unit", [
    "当年生产性设备投入（不含税）达到200万元",  # investment, not revenue
    "上年度研发费用总额不低于100万元",
    "参保职工30人（含）以下的企业，裁员率不高于参保职工总数的20%",  # insured staff of a layoff rule, no headcount limit
    "A subsidy of up to RMB 500,000 per enterprise",
    "出口额500万以上",  # exports without a currency: not guessed
])
def test_amounts_about_something_else_are_not_typed(unit: str) -> None:
    kinds = set(_typed(unit))
    assert not {k for k in kinds if k.startswith(("annual_", "employees_"))}


@pytest.mark.parametrize(("unit", "op", "value"), [("2025年末参保职工不超过100人", "<=", 100),
                                                   ("参保人数超过20人", ">", 20)])
def test_insured_staff_outside_a_layoff_rule_are_the_headcount(unit: str, op: str, value: int) -> None:
    assert (_typed(unit)["employees_" + ("max" if op.startswith("<") else "min")]["op"], _typed(unit)[
        "employees_" + ("max" if op.startswith("<") else "min")]["value"]) == (op, value)


def test_sectors_with_their_hierarchy() -> None:
    assert sectors_in("属于纺织、服装或家纺行业") == ["textile", "apparel", "home_textile"]
    assert sectors_in("主要从事纺织品印染、后整理加工") == ["dyeing"]  # dyeing of textiles: dyeing only
    assert sectors_in("home textiles and garments") == ["home_textile", "apparel"]
    assert sectors_in("chemical fibre") == ["chemical_fibre"] and sectors_in("针织") == ["knitting"]
    assert PARENT["dyeing"] == PARENT["home_textile"] == "textile" and "apparel" not in PARENT


@pytest.mark.parametrize(("unit", "sizes"), [
    ("属于纺织行业的中小微企业", ["micro", "small", "medium"]),
    ("按照《中小企业划型标准规定》属于小微企业的企业", ["micro", "small"]),
    ("be a small or medium-sized enterprise (SME)", ["micro", "small", "medium"]),
    ("Small and micro enterprises registered in Wuxi", ["micro", "small"]),
    ("在柯桥区依法登记注册的规模以上工业企业", ["above_designated_size"]),
    ("enterprises above designated size", ["above_designated_size"]),
])
def test_sizes(unit: str, sizes: list[str]) -> None:
    assert _typed(unit)["enterprise_size"]["value"] == sizes


def test_a_standards_title_is_no_size() -> None:
    assert "enterprise_size" not in _typed("企业规模按《中小企业划型标准规定》认定")


def test_specialised_first_time_and_violations() -> None:
    typed = _typed('recognised as a provincial-level specialised and new SME, or a national "little giant"')
    assert typed["specialised"]["value"] is True and typed["enterprise_size"]["value"] == ["micro", "small", "medium"]
    assert _typed("已认定为省级专精特新中小企业")["specialised"]["value"] is True
    for unit in ("2026年为首次以参展商身份参加境外展会",
                 "enterprises exhibiting at an overseas fair for the first time",
                 "have never exhibited at an overseas trade fair before"):
        assert "first_time" in _typed(unit), unit
    for unit, years in [("近三年无重大违法违规记录", 3), ("近两年未发生环境违法行为", 2),
                        ("近三年内未受到生态环境、安全生产等部门的重大行政处罚", 3),
                        ("have had no record of serious dishonesty in the past three years", 3),
                        ("must not have been subject to any major administrative penalty in the past two years", 2),
                        ("The applicant must not be on the list of seriously dishonest entities.", None),
                        ("被列入严重失信主体名单的企业，在名单有效期内不予返还", None)]:
        cond = _typed(unit)["no_violations"]
        assert cond.get("years") == years, unit


def test_a_sentence_that_shuts_some_out_gives_the_bound_the_others_meet() -> None:
    cond = _typed("Enterprises whose 2025 exports exceeded USD 50 million are not covered by this notice.")
    assert (cond["annual_exports_usd_max"]["op"], cond["annual_exports_usd_max"]["value"]) == ("<=", 50_000_000)
    cond = _typed("上年度营业收入不满500万元的企业不予支持。")
    assert (cond["annual_revenue_cny_min"]["op"], cond["annual_revenue_cny_min"]["value"]) == (">=", 5_000_000)


def test_exclusions_and_already_received() -> None:
    for unit in ("近三年内受到生态环境部门行政处罚且罚款金额在10万元以上的企业，不享受本意见支持。",
                 "Enterprises with a record of serious customs violations in the last three years are excluded.",
                 "An enterprise that has been placed on the list of seriously dishonest entities cannot apply."):
        assert "no_violations" in _typed(unit), unit
    both = _typed("An enterprise on the list of seriously dishonest entities, or that has already received a grant "
                  "under this programme, cannot apply.")
    assert {"no_violations", "first_time"} <= set(both)


def test_the_issuers_area_outside_the_gazetteer_keeps_its_city() -> None:
    region = _typed("（一）在区内依法设立，具有独立法人资格；", "常州市天宁区工业和信息化局")["region"]
    assert region["value"] == ["天宁区"] and chain("天宁区")[1] == "Changzhou"  # the divisions table's name
    assert _typed("registered and pay tax in the city", "Ningbo Municipal Bureau of Commerce")["region"]["value"] == \
        ["Ningbo"]


def test_untyped_requirements_and_exemptions() -> None:
    from indexer.notice.untyped import exemption, untyped_requirement

    assert untyped_requirement("（二）属于纺织、化纤、服装等产业，项目设备投资额不低于500万元；")
    assert untyped_requirement("The company needs a registered trademark of its own and must not have received support "
                               "from this programme before.")
    assert untyped_requirement("shall be registered in Keqiao District, shall have been in operation for at least two "
                               "years")
    assert not untyped_requirement("（一）工商注册地和税务征管关系均在柯桥区，具有独立法人资格；")  # generic
    assert not untyped_requirement("（2）上年度出口额在500万美元以上、3000万美元以下；")
    assert exemption("小型微型企业不受出口额限制。") == "exports"
    assert exemption("SMEs that do not meet the sales threshold may still apply if they hold an SRDI title.") == \
        "revenue"


@pytest.mark.parametrize(("text", "sectors"), [
    ("以坯布、纱线为主要产品的企业", ["textile"]),
    ("生产童装、羊毛衫的企业", ["apparel"]),
    ("makers of bedding and towels", ["home_textile"]),
    ("manufacturers of curtains and other home furnishings made from textiles", ["home_textile"]),
    ("exporters of knitted goods and fabrics", ["knitting", "textile"]),
])
def test_sectors_named_by_their_products(text: str, sectors: list[str]) -> None:
    assert sectors_in(text) == sectors


def test_more_sizes_first_times_and_clean_records() -> None:
    assert _typed("面向全市小型和微型纺织企业")["enterprise_size"]["value"] == ["micro", "small"]
    assert _typed("small firms taking part in their very first overseas fair")["first_time"]["value"] is True
    assert "first_time" not in _typed("in their first year of operation")
    clean = _typed("Applicants must have had no serious fire, safety or pollution incidents in the past two years.")
    assert clean["no_violations"]["years"] == 2


@pytest.mark.parametrize(("unit", "issuer", "places", "within"), [
    ("申请单位须为滨江区辖区内的纺织企业", "杭州市滨江区商务局", ["滨江区"], None),
    ("本办法适用于宁波市的外贸企业", None, ["Ningbo"], None),
    ("firms registered within the city", "Jiaxing Municipal Bureau of Commerce", ["Jiaxing"], None),
])
def test_region_without_a_registration_verb(unit: str, issuer: str | None, places: list[str],
                                            within: dict[str, str] | None) -> None:
    region = _typed(unit, issuer)["region"]
    assert region["value"] == places and region.get("within") == within


def test_an_item_of_a_list_of_exclusions_asks_the_opposite() -> None:
    from indexer.notice.conditions import excluded_conditions

    def typed(unit: str) -> dict[str, Any]:
        return {c["type"]: c for c in excluded_conditions(unit)}

    assert typed("（二）近两年内因偷税漏税受到税务部门处罚的；")["no_violations"]["years"] == 2
    bound = typed("(3) whose turnover last year exceeded RMB 800 million;")["annual_revenue_cny_max"]
    assert (bound["op"], bound["value"]) == ("<=", 800_000_000)
    assert set(typed("（四）已享受过本项补助的；")) == {"first_time"}
    assert typed("（五）属于房地产开发企业的；") == {}  # an excluded kind of firm: no typed condition


def test_a_unit_that_lifts_a_limit_sets_no_condition_of_that_kind() -> None:
    assert "enterprise_size" not in _typed("各类纺织企业均可申报，不限企业规模，大型企业同样适用。")
    typed = _typed("Apparel firms registered in Wenzhou may apply regardless of turnover, even those with sales "
                   "above RMB 1 billion.")
    assert "region" in typed and not any(k.startswith("annual_revenue") for k in typed)


def test_sizes_from_medium_upwards_and_an_elliptical_cannot() -> None:
    assert _typed("申报单位应为大中型纺织企业")["enterprise_size"]["value"] == ["medium", "large"]
    assert _typed("open to medium or large manufacturers")["enterprise_size"]["value"] == ["medium", "large"]
    bound = _typed("Firms with a turnover above RMB 900 million cannot.")["annual_revenue_cny_max"]
    assert (bound["op"], bound["value"]) == ("<=", 900_000_000)


@pytest.mark.parametrize(("unit", "issuer", "inside", "outside"), [
    ("全省丝绸企业均可申请，南通市的企业除外。", "江苏省商务厅", ["Jiangsu"], ["Nantong"]),
    ("除宁波市外，全省服装企业均可申报。", "浙江省经济和信息化厅", ["Zhejiang"], ["Ningbo"]),
    ("Knitwear firms across the whole province may apply, except those registered in Huzhou.",
     "Zhejiang Provincial Department of Commerce", ["Zhejiang"], ["Huzhou"]),
])
def test_the_issuers_whole_area_and_a_place_excepted_from_it(unit: str, issuer: str, inside: list[str],
                                                             outside: list[str]) -> None:
    regions = [c for c in conditions_in(unit, issuer) if c["type"] == "region"]
    assert [c["value"] for c in regions if c.get("op") == "not_in"] == [outside]
    assert [c["value"] for c in regions if c.get("op") != "not_in"] == [inside]


def test_a_shut_out_sentence_with_its_own_reason_keeps_its_place() -> None:
    region = _typed("Firms registered in Wuxi that were fined for pollution cannot apply.")["region"]
    assert region.get("op") is None and region["value"] == ["Wuxi"]


def test_an_area_defined_by_the_places_in_brackets() -> None:
    assert _typed("注册地在杭州市区（上城区、拱墅区、西湖区）的纺织企业")["region"]["value"] == \
        ["Shangcheng", "Gongshu", "Xihu"]


def test_a_production_stop_is_an_offence_in_a_list_of_exclusions() -> None:
    from indexer.notice.conditions import excluded_conditions

    for unit in ("（三）被责令停产整顿的；", "(c) firms ordered to stop production by an environment bureau;"):
        assert [c["type"] for c in excluded_conditions(unit)] == ["no_violations"], unit


@pytest.mark.parametrize("line", [
    "研发人员占职工总数的比例不低于15%",
    "出口额占营业收入的比重在40%以上",
    "R&D staff account for at least 12 per cent of the workforce",
    "the share of exports in sales revenue is no less than 30%",
    "从业人员中大专以上学历人员占比不低于20％",
])
def test_a_share_is_no_headcount_revenue_or_export_bound(line: str) -> None:
    assert not [c for c in conditions_in(line) if str(c["type"]).startswith(("employees", "annual_"))]


@pytest.mark.parametrize(("line", "kind", "value"), [
    ("The company employs from 30 up to 600 people, both numbers included.", "employees_range", [30, 600]),
    ("annual turnover of RMB 5 up to 80 million", "annual_revenue_cny_range", [5_000_000, 80_000_000]),
])
def test_a_range_written_up_to(line: str, kind: str, value: list[int]) -> None:
    assert [(c["type"], c["value"]) for c in conditions_in(line)] == [(kind, value)]


@pytest.mark.parametrize(("line", "place"), [
    ("在吴兴区办理营业执照，企业所得税在吴兴区缴纳", "Wuxing"),
    ("纳税申报地在嘉兴市的纺织企业", "Jiaxing"),
    ("registered with the market supervision bureau and the tax bureau of Ningbo", "Ningbo"),
    ("Applicants must hold a business licence issued in Huzhou.", "Huzhou"),
    ("The applicant pays its taxes in Shaoxing and has fewer than 200 staff.", "Shaoxing"),
    ("注册地：绍兴市柯桥区", "Keqiao"),
    ("在湖州市（含德清县、长兴县、安吉县）依法登记的企业", "Huzhou"),
])
def test_registration_and_tax_wordings_give_the_region(line: str, place: str) -> None:
    regions = [c for c in conditions_in(line) if c["type"] == "region"]
    assert regions and regions[0]["value"] == [place]


def test_small_or_micro_in_other_connectors() -> None:
    for line in ("按国家标准划型为小型或者微型的企业", "small-sized or micro enterprises"):
        assert {"type": "enterprise_size", "value": ["micro", "small"]} in conditions_in(line)


def test_a_unit_is_read_once_and_each_caller_gets_its_own_copies() -> None:
    """A list's items are read to tell a condition list and again for their conditions: the second
    reading is the first one's, and changing what one caller got changes nothing another gets."""
    from indexer.notice import conditions

    unit = "上年度出口额不超过2000万美元的纺织企业（本句只为此测试而写）"
    first = conditions_in(unit)
    hits = conditions._read.cache_info().hits
    first[0]["value"] = "changed"
    first.append({"type": "text"})
    again = conditions_in(unit)
    assert conditions._read.cache_info().hits == hits + 1
    assert len(again) == len(first) - 1 and again[0]["value"] != "changed"


@pytest.mark.parametrize(("text", "issuer"), [
    ("关于2027年度外贸补助的通知\n一、基本要求\n1．在本市登记注册；\n2．属于中小企业。\n二、申报时间\n2027年3月31日前。\n",
     "宁波市商务局"),
    ("Grant 2027\n\nI. Basics\n\n1. registered in the city;\n\n2. a small or medium-sized enterprise.\n\n"
     "II. Deadline\n\n31 March 2027.\n", "Ningbo Municipal Commerce Bureau"),
])
def test_items_are_told_a_condition_list_with_the_issuers_place(text: str, issuer: str) -> None:
    """"在本市登记注册" under a heading that does not say it lists conditions ("基本要求"): the issuer's
    place, read as the item's condition is read afterwards, so the list is one of conditions."""
    from indexer.notice.eligibility import extract_eligibility

    read = {c["type"]: c.get("value") for c in extract_eligibility([], text, issuer, "2026-12-01")["conditions"]}
    assert read.get("region") == ["Ningbo"] and read.get("enterprise_size") == ["micro", "small", "medium"]


@pytest.mark.parametrize(("item", "sizes"), [
    ("（3）按国家划型标准属于大型企业的；", ["micro", "small", "medium"]),
    ("2. it is a large enterprise under the 2011 size classification;", ["micro", "small", "medium"]),
    ("（二）属于微型企业的。", ["small", "medium", "large"]),
    ("3．已纳入规模以上工业企业统计的；", ["below_designated_size"]),
    # a real round's form, under "存在下列情况的企业不列入奖励范围："
    ("（2）按《中小企业划型标准规定》属于大型企业的。", ["micro", "small", "medium"]),
])
def test_a_size_an_exclusion_list_shuts_out_leaves_the_others(item: str, sizes: list[str]) -> None:
    assert [c["value"] for c in excluded_conditions(item) if c["type"] == "enterprise_size"] == [sizes]


@pytest.mark.parametrize("item", ["1．已获得中小企业发展专项资金支持的项目；", "（一）近两年内受到税务部门行政处罚的；",
                                  "(b) it has already received money from the SME development fund for the project;"])
def test_an_exclusion_naming_no_size_of_the_firm_asks_none(item: str) -> None:
    assert not any(c["type"] == "enterprise_size" for c in excluded_conditions(item))


@pytest.mark.parametrize(("unit", "minimum"), [
    ("在本区注册、从事针织服装生产、2026年末参保职工不少于50人的企业。", 50),
    ("奖励对象为本镇登记注册、年末参保职工在20人以上的企业", 20),
])
def test_an_insured_headcount_of_the_applicant_itself(unit: str, minimum: int) -> None:
    assert _typed(unit, "某区人民政府")["employees_min"]["value"] == minimum


@pytest.mark.parametrize("unit", ["参保职工30人（含）以下的企业，裁员率不高于参保职工总数的20%。",
                                  "参保职工20人（含）以下的企业，返还比例提高至80%。"])
def test_an_insured_headcount_naming_a_tier_of_firms_is_no_condition(unit: str) -> None:
    assert "employees_min" not in _typed(unit) and "employees_max" not in _typed(unit)


@pytest.mark.parametrize(("unit", "asked", "elsewhere"), [
    ("Open to firms registered in Xiaoshan, Yuhang or Linping District; firms in Jiande apply to their own "
     "county bureau.", ["Xiaoshan", "Yuhang", "Linping"], ["Jiande"]),
    ("Companies registered in Wuxi may apply; companies in Jiangyin and Yixing apply under a separate scheme.",
     ["Wuxi"], ["Jiangyin", "Yixing"]),
    # a real round's form
    ("The grant is open to companies registered in Yuecheng, Keqiao or Shangyu District; companies in Zhuji, "
     "Shengzhou and Xinchang apply to their own county-level authorities.", ["Yuecheng", "Keqiao", "Shangyu"],
     ["Zhuji", "Shengzhou", "Xinchang"]),
])
def test_places_sent_elsewhere_are_left_out_not_asked(unit: str, asked: list[str], elsewhere: list[str]) -> None:
    regions = [(c["value"], c.get("op")) for c in conditions_in(unit) if c["type"] == "region"]
    assert regions == [(asked, None), (elsewhere, "not_in")]


def test_the_only_place_of_a_sentence_sending_firms_to_their_bureau_is_asked() -> None:
    regions = [(c["value"], c.get("op")) for c in conditions_in(
        "Enterprises registered in Wuxi apply to their own district commerce bureau.") if c["type"] == "region"]
    assert regions == [(["Wuxi"], None)]


@pytest.mark.parametrize("item", [
    "（二）近三年因欠薪或偷漏税被记入不良信用记录的；",
    "(c) it has been given an adverse credit record for customs or labour matters in the last three years;",
    # a real round's form, under "下列企业不在支持之列："
    "（1）近两年因环保、安全生产、产品质量或纳税问题被记入严重不良信用记录的；",
])
def test_a_bad_credit_record_an_exclusion_list_names_asks_a_clean_one(item: str) -> None:
    assert [c["type"] for c in excluded_conditions(item)] == ["no_violations"]


@pytest.mark.parametrize("unit", [
    "3. 国家企业信用信息公示系统经营异常名录中，近三年都没有该企业的记录；",
    "The national list of seriously dishonest entities shows no record of the company for 2025 or 2026.",
    # a real round's form
    "（二）“信用中国”网站严重失信主体名单中，申报年度及上一年度均无本企业记录；",
])
def test_a_list_named_first_then_no_record_of_the_firm_on_it_is_a_clean_record(unit: str) -> None:
    assert [c["type"] for c in conditions_in(unit)] == ["no_violations"]


@pytest.mark.parametrize(("unit", "kind", "op", "value"), [
    ("• employ at least five full-time staff;", "employees_min", ">=", 5),
    ("have fewer than twelve employees;", "employees_max", "<", 12),
    ("（三）从业人员不少于二十人；", "employees_min", ">=", 20),
    ("年末参保职工不超过十五人的小微企业。", "employees_max", "<=", 15),
    # a real round's form
    ("• have at least three full-time employees;", "employees_min", ">=", 3),
])
def test_a_headcount_spelled_out_is_read_as_a_number(unit: str, kind: str, op: str, value: int) -> None:
    staff = [c for c in conditions_in(unit) if str(c["type"]).startswith("employees")]
    assert staff == [{"type": kind, "op": op, "value": value}]


def test_people_a_firm_may_send_are_no_headcount() -> None:
    assert conditions_in("Each company may send two people to the workshop.") == []


@pytest.mark.parametrize(("unit", "place"), [
    ("· has both its registered address and its factory in Haining;", "Haining"),
    ("Its registered office and its workshop are in Keqiao District.", "Keqiao"),
    ("注册地和生产车间均在柯桥区；", "Keqiao"),
])
def test_registration_and_the_workshop_in_one_place(unit: str, place: str) -> None:
    assert [c["value"] for c in conditions_in(unit) if c["type"] == "region"] == [[place]]


def test_a_real_rounds_subdistrict_beside_the_workshop() -> None:
    unit = "· has both its registered address and its workshop in Yangxunqiao Subdistrict;"
    regions = [c for c in conditions_in(unit) if c["type"] == "region"]
    assert len(regions) == 1 and regions[0]["text"] == "Yangxunqiao Subdistrict"


@pytest.mark.parametrize(("unit", "size"), [
    ("（二）2026年首次进入规模以上工业企业名录，此前从未纳入规上统计；", "above_designated_size"),
    ("It entered the register of above-designated-size firms for the first time in 2026.", "above_designated_size"),
    ("（三）尚未纳入规模以上工业统计；", "below_designated_size"),
    # a real round's form
    ("第三，2026年度首次纳入规模以上工业统计，此前从未进入过规上企业名录；", "above_designated_size"),
])
def test_a_first_time_above_designated_size_is_that_size_now(unit: str, size: str) -> None:
    read = conditions_in(unit)
    assert [c["value"] for c in read if c["type"] == "enterprise_size"] == [[size]]
    assert ("first_time" in {c["type"] for c in read}) == ("首次" in unit or "first time" in unit)


@pytest.mark.parametrize("unit", ["(iv) it keeps a design team of at least five people;", "（四）设计团队不少于5人；",
                                  "(c) its sales team has at least 3 staff;"])
def test_a_teams_size_is_no_headcount_of_the_firm(unit: str) -> None:
    assert not any(str(c["type"]).startswith("employees") for c in conditions_in(unit))


@pytest.mark.parametrize(("unit", "sectors"), [
    ("从事针织服装生产，且未获得过市级其他纺织产业扶持资金支持；", ["knitting", "apparel"]),
    ("It makes garments and has had no money from the provincial textile upgrade fund since 2025.", ["apparel"]),
    # a real round's form
    ("Established workshops may apply if they are registered in Yiwu, make seamless underwear, socks or other "
     "knitwear, and have had no support from the city's other textile programmes since 1 January 2024.",
     ["apparel", "knitting"]),
])
def test_a_programme_named_by_a_sector_beside_the_sector_asked_names_none(unit: str, sectors: list[str]) -> None:
    assert [sorted(c["value"]) for c in conditions_in(unit) if c["type"] == "sector"] == [sorted(sectors)]


def test_a_programme_named_by_the_only_sector_still_names_it() -> None:
    read = conditions_in("申报纺织专项资金的企业须注册在本区。")
    assert [c["value"] for c in read if c["type"] == "sector"] == [["textile"]]


@pytest.mark.parametrize(("unit", "town"), [
    ("注册地在钱清街道；", "钱清镇"),
    ("registered in Qianqing Subdistrict", "钱清镇"),
    # a real round's form
    ("· has both its registered address and its workshop in Yangxunqiao Subdistrict;", "杨汛桥镇"),
])
def test_a_subdistrict_the_division_tree_lacks_is_the_town_of_its_stem(unit: str, town: str) -> None:
    assert [c["value"] for c in conditions_in(unit) if c["type"] == "region"] == [[town]]


@pytest.mark.parametrize(("unit", "kind", "op", "value"), [
    ("These measures do not apply to enterprises with annual revenue below RMB 5 million.", "annual_revenue_cny_min",
     ">=", 5_000_000),
    ("本办法不适用于年出口额超过5000万美元的企业。", "annual_exports_usd_max", "<=", 50_000_000),
    # a real round's form
    ("五、年营业收入不足500万元的企业，不适用本措施。", "annual_revenue_cny_min", ">=", 5_000_000),
])
def test_firms_the_measures_do_not_apply_to_are_shut_out(unit: str, kind: str, op: str, value: int) -> None:
    assert [(c["type"], c["op"], c["value"]) for c in conditions_in(unit)] == [(kind, op, value)]


@pytest.mark.parametrize("unit", [
    "Firms that breached labour regulations in the past two years are excluded.",
    "Applicants found to have violated customs law since 2024 cannot apply.",
    "近三年因拖欠农民工工资被劳动保障部门作出行政处理的企业，不予支持。",
    # a real round's form
    "Companies found to have broken environmental law since 1 January 2024 cannot apply.",
])
def test_a_law_broken_or_wages_owed_shut_out_is_a_clean_record(unit: str) -> None:
    assert [c["type"] for c in conditions_in(unit)] == ["no_violations"]


@pytest.mark.parametrize("item", [
    "(3) has been found to have left wage arrears unpaid in the last two years.",
    "（四）近三年拖欠员工工资的；",
    # a real round's form
    "（二）近两年因拖欠职工工资被人力资源社会保障部门作出行政处理的。",
])
def test_wages_owed_in_a_list_of_exclusions_ask_a_clean_record(item: str) -> None:
    assert [c["type"] for c in excluded_conditions(item)] == ["no_violations"]


@pytest.mark.parametrize("unit", [
    "It holds an export credit line of no more than RMB 50 million.",
    "企业出口信贷额度不超过3000万元；",
    # a real round's form
    "- have a bank export-finance line of RMB 20 million or less; and",
])
def test_a_bank_line_financing_exports_is_no_bound_on_exports(unit: str) -> None:
    assert not any(str(c["type"]).startswith("annual_exports") for c in conditions_in(unit))


@pytest.mark.parametrize(("unit", "value"), [
    ("The firm exported between USD 50,000 and USD 2 million last year.", [50_000, 2_000_000]),
    ("exports of USD 300,000 to USD 8 million in 2025", [300_000, 8_000_000]),
    # a real round's form
    ("- exported between USD 100,000 and USD 5 million in 2025.", [100_000, 5_000_000]),
])
def test_an_exports_range_with_its_low_end_written_in_full(unit: str, value: list[int]) -> None:
    assert [(c["type"], c["value"]) for c in conditions_in(unit)] == [("annual_exports_usd_range", value)]


@pytest.mark.parametrize(("unit", "place"), [
    ("在虎门镇注册的服装企业，个体户不在申报范围。", "Humen"),
    ("Garment makers registered in Humen Town may apply; sole traders cannot apply.", "Humen"),
    # a real round's form
    ("【主体】在沙溪镇注册并纳税的服装生产企业，个体工商户不在申报范围。", "沙溪镇"),
])
def test_a_legal_form_shut_out_after_the_place_leaves_the_place_asked(unit: str, place: str) -> None:
    regions = [c for c in conditions_in(unit) if c["type"] == "region"]
    assert [r.get("op") for r in regions] == [None] and place in str(regions[0]["value"]) + str(regions[0].get("text"))


def test_a_place_shut_out_alone_is_still_left_out() -> None:
    read = conditions_in("注册地在慈溪市的企业不在申报范围。")
    assert [c.get("op") for c in read if c["type"] == "region"] == ["not_in"]


@pytest.mark.parametrize(("unit", "places"), [
    ("注册地在江苏省无锡市江阴市、浙江省湖州市吴兴区或浙江省绍兴市柯桥区。", ["Jiangyin", "Wuxing", "Keqiao"]),
    ("税收缴纳地为苏州市吴江区或嘉兴市秀洲区的企业。", ["Wujiang", "Xiuzhou"]),
    ("注册地在萧山区、余杭区或临平区。", ["Xiaoshan", "Yuhang", "Linping"]),
    # a real round's form
    ("（甲）注册地和主要生产经营地在上海市青浦区、江苏省苏州市吴江区或浙江省嘉兴市嘉善县；",
     ["青浦区", "Wujiang", "Jiashan"]),
])
def test_places_listed_each_under_its_province_and_city_are_each_asked(unit: str, places: list[str]) -> None:
    """A list of districts, each written with its province and city, asks each district, not the second province."""
    assert _typed(unit)["region"]["value"] == places


@pytest.mark.parametrize(("unit", "issuer", "place"), [
    ("注册地和纳税地均在本镇的针织企业。", "绍兴市柯桥区钱清镇人民政府", "钱清镇"),
    ("Knitwear makers registered and paying tax in the town may apply.", "绍兴市柯桥区钱清镇人民政府", "钱清镇"),
    ("Companies based in the subdistrict may apply.", "绍兴市柯桥区齐贤街道办事处", "齐贤镇"),
    # a real round's form
    ("工商注册地、税收缴纳地和统计关系均在本街道的纺织、化纤、家纺生产企业，贸易型企业不在奖励范围。",
     "绍兴市柯桥区齐贤街道办事处", "齐贤镇"),
])
def test_the_issuers_own_town_or_subdistrict_is_asked(unit: str, issuer: str, place: str) -> None:
    """本街道, 本镇, "the town" of a town's or subdistrict's notice: that town, which a firm naming only its
    county is not known to be in."""
    region = _typed(unit, issuer)["region"]
    assert region["value"] == [place]
    assert within("Keqiao", place) is None and within("Wuxi", place) is False


@pytest.mark.parametrize("unit", ["本镇企业均可申报。", "Firms registered in the town may apply."])
def test_the_town_of_an_issuer_that_is_no_town_is_no_place(unit: str) -> None:
    assert "region" not in _typed(unit, "绍兴市柯桥区商务局")


@pytest.mark.parametrize("unit", [
    "申报时未被列入经营异常名录。",
    "（三）近两年未被市场监管部门列入经营异常名录；",
    "It has not been placed on the register of businesses with abnormal operations in the last two years.",
    # a real round's form
    "——近一年内未被列入经营异常名录。",
])
def test_not_on_the_register_of_abnormal_operations_is_a_clean_record(unit: str) -> None:
    assert [c["type"] for c in conditions_in(unit)] == ["no_violations"]


@pytest.mark.parametrize("unit", [
    "2026年通过跨境电子商务出口的交易额不低于300万元。",
    "跨境电商出口额达到1000万元（含）以上。",
    "Cross-border e-commerce sales of at least RMB 3 million in 2026.",
    # a real round's form
    "（二）业务要求。2026年1月至10月以9610、9710或9810方式申报出口的跨境电商交易额达到500万元（含），并已按月报送统计监测报表。",
])
def test_the_turnover_of_cross_border_e_commerce_is_no_exports_bound(unit: str) -> None:
    """The turnover of one channel is not the firm's exports: no exports bound (an untyped requirement)."""
    assert not [c for c in conditions_in(unit) if c["type"].startswith("annual_exports")]


@pytest.mark.parametrize(("unit", "kind"), [
    ("2025年出口额不低于300万元。", "annual_exports_cny_min"),
    ("Exports of at least USD 1 million in 2025.", "annual_exports_usd_min"),
])
def test_total_exports_stay_an_exports_bound(unit: str, kind: str) -> None:
    assert [c["type"] for c in conditions_in(unit)] == [kind]


def test_the_town_of_a_town_government_is_its_own_town_under_its_county() -> None:
    """"本镇辖区内" of a town government's notice: that town, under the issuer's county (盛泽镇 of 吴江区)."""
    region = _typed("本镇辖区内登记注册、从事丝绸纺织生产的企业。", "苏州市吴江区盛泽镇人民政府")["region"]
    assert region["value"] == ["Shengze"] and within("Shengze", "Wujiang") is True
    assert "region" not in _typed("注册地在本镇的企业。", "东莞市商务局")  # a city's bureau: no town of its own
    # where it pays insurance in the town is asked beside the place (round 26's item, labelled other)
    assert "region" not in _typed("1．在本镇参保并足额缴纳失业保险费满12个月；", "苏州市吴江区盛泽镇人民政府")


@pytest.mark.parametrize(("unit", "issuer", "place"), [
    ("失业保险费由区社会保险经办机构征收的纺织、服装、家纺企业。", "杭州市拱墅区人力资源和社会保障局", "Gongshu"),
    ("社会保险费由市税务部门征收的服装企业均可申请。", "绍兴市人力资源和社会保障局", "Shaoxing"),
    ("养老保险费由县社保中心收缴的针织企业。", "浙江省嘉兴市桐乡市人力资源和社会保障局", "Tongxiang"),
    ("Textile firms whose unemployment insurance contributions are collected by the district social insurance "
     "agency may apply.", "Gongshu District Human Resources and Social Security Bureau, Hangzhou", "Gongshu"),
])
def test_who_collects_the_firms_contributions_is_the_issuers_place(unit: str, issuer: str, place: str) -> None:
    assert _typed(unit, issuer)["region"]["value"] == [place]


@pytest.mark.parametrize(("unit", "issuer"), [
    # a bare 参保: contributions, no place
    ("1．在本镇参保并足额缴纳失业保险费满12个月；", "苏州市吴江区盛泽镇人民政府"),
    ("失业保险费由区社会保险经办机构征收的纺织企业。", "杭州市人力资源和社会保障局"),  # no district in the issuer
    ("Firms must pay their contributions to the social insurance agency on time.", "Hangzhou Municipal Bureau"),
])
def test_contributions_alone_or_an_issuer_without_that_level_is_no_place(unit: str, issuer: str) -> None:
    assert "region" not in _typed(unit, issuer)


@pytest.mark.parametrize("unit", [
    "⑤ 未拖欠应缴还的财政性资金。",
    "（三）不存在拖欠应退还财政资金的情况；",
    "- owe no money to be repaid from earlier public grants;",
    "- be in good standing with its unemployment insurance and work-injury insurance contributions;",
    "The firm must be in good standing with its social insurance premiums.",
])
def test_money_owed_back_or_contributions_paid_up_is_no_record_of_offences(unit: str) -> None:
    assert "no_violations" not in _typed(unit)


@pytest.mark.parametrize("unit", [
    "（4）不存在拖欠应缴还财政性资金的情况，近三年未被海关认定为失信企业。",  # an offence beside it
    "近两年内无欠缴税款记录。",
    "Applicants must be in good standing with the tax authority.",
    "Applicants must have a clean compliance record and good standing.",
])
def test_tax_arrears_and_good_standing_as_such_stay_a_clean_record(unit: str) -> None:
    assert "no_violations" in _typed(unit)


@pytest.mark.parametrize("unit", [
    "首次申请的企业，须先在中小企业国际市场开拓资金申报系统完成注册。",
    "项目资金从中小企业技术改造专项资金中列支。",
    "Applications go through the SME International Market Development Fund portal.",
])
def test_a_fund_named_for_its_purpose_names_no_size(unit: str) -> None:
    assert "enterprise_size" not in _typed(unit)


def test_small_firms_asked_beside_a_fund_still_are() -> None:
    assert _typed("中小企业可申请市场开拓资金。")["enterprise_size"]["value"] == ["micro", "small", "medium"]


@pytest.mark.parametrize("unit", [
    "(b) entering a new export market, that is a country where its export sales in 2025 were below RMB 500,000.",
    "（二）开拓新市场，即企业2025年对该国家（地区）出口额低于50万元；",
    "- opening a new market: its exports to that country were under USD 100,000 in 2025;",
])
def test_exports_to_one_market_are_no_bound_on_the_firms_exports(unit: str) -> None:
    assert not any(t.startswith("annual_exports") for t in _typed(unit))


@pytest.mark.parametrize(("unit", "kind"), [
    ("Firms with export sales below RMB 5 million in 2025.", "annual_exports_cny_max"),
    ("2025年出口额低于500万元的企业。", "annual_exports_cny_max"),
])
def test_the_firms_own_exports_stay_a_bound(unit: str, kind: str) -> None:
    assert kind in _typed(unit)


@pytest.mark.parametrize("unit", [
    "- Businesses that do not comply with national and local laws and regulations.",
    "Firms that fail to comply with environmental laws.",
    "不遵守国家和地方法律法规的企业。",
])
def test_an_exclusions_item_of_firms_not_complying_with_the_law_is_a_clean_record(unit: str) -> None:
    assert [c["type"] for c in excluded_conditions(unit, None)] == ["no_violations"]


@pytest.mark.parametrize("unit", [
    "遵守国家法律法规，依法经营。", "Applicants must comply with national laws and regulations."])
def test_complying_with_the_law_asked_is_no_record_of_offences(unit: str) -> None:
    assert "no_violations" not in _typed(unit)


@pytest.mark.parametrize("unit", [
    "- have its premises in Cixi, or be a Cixi-registered business;",
    "The workshop has its premises in Cixi.",
    "Only Cixi-registered companies may apply.",
])
def test_premises_in_a_place_and_a_place_registered_firm_are_the_region(unit: str) -> None:
    assert _typed(unit, "Cixi Municipal Bureau of Economy and Information Technology")["region"]["value"] == ["Cixi"]


@pytest.mark.parametrize("unit", [
    "2026年度首次列入浙江省专精特新中小企业名单的企业，可申报本项奖励。",
    "当年首次被认定为省级专精特新中小企业。",
    "The firm was listed for the first time as a provincial specialised and innovative SME in 2026.",
])
def test_a_specialised_smes_title_had_for_the_first_time_names_no_size(unit: str) -> None:
    typed = _typed(unit)
    assert "specialised" in typed and "enterprise_size" not in typed


@pytest.mark.parametrize("unit", [
    "（一）被认定为省级及以上专精特新中小企业，且认定在有效期内；",
    "2.2026年度被新认定为浙江省专精特新中小企业，属于纺织、印染、化纤或服装行业。",
])
def test_a_specialised_smes_title_held_or_newly_had_still_names_smes(unit: str) -> None:
    assert _typed(unit)["enterprise_size"]["value"] == ["micro", "small", "medium"]


@pytest.mark.parametrize(("unit", "issuer", "town", "county"), [
    ("注册地在本街道的纺织企业。", "绍兴市柯桥区马鞍街道办事处", "马鞍镇", "Keqiao"),
    ("本镇企业。", "苏州市吴江区七都镇人民政府", "七都镇", "Wujiang"),
])
def test_this_subdistrict_the_gazetteer_lacks_is_the_one_the_issuer_writes(
        unit: str, issuer: str, town: str, county: str) -> None:
    region = _typed(unit, issuer)["region"]
    assert region["value"] == [town] and region["within"] == {town: county}


def test_this_subdistrict_of_an_issuer_naming_none_is_no_place() -> None:
    assert "region" not in _typed("注册地在本街道的纺织企业。", "绍兴市柯桥区商务局")


@pytest.mark.parametrize(("unit", "issuer", "town", "county"), [
    # a subdistrict missing from the gazetteer's towns altogether: the name written after the county's
    ("工商注册和税务登记均在本街道、已纳入规模以上工业统计的纺织、印染企业。",  # a round's form
     "绍兴市柯桥区柯岩街道办事处", "柯岩街道", "Keqiao"),
    ("在本街道辖区内登记注册的服装企业。", "杭州市萧山区北干街道办事处", "北干街道", "Xiaoshan"),
])
def test_this_subdistrict_no_town_list_holds_is_the_one_the_issuer_writes(
        unit: str, issuer: str, town: str, county: str) -> None:
    region = _typed(unit, issuer)["region"]
    assert region["value"] == [town] and region["within"] == {town: county}


@pytest.mark.parametrize("unit", [
    "近三年内因安全生产、环境保护违法行为受到行政处罚的企业，不列入贴息范围。",  # a round's form
    "近两年因环保违法受到处罚的企业，不列入本次奖励范围。",
    "Firms fined for safety or environmental offences in the last three years are not included in the subsidy.",
    "A company penalised for a pollution violation since 2024 will not be admitted to the programme.",
])
def test_violators_not_admitted_are_a_clean_record(unit: str) -> None:
    assert set(_typed(unit)) == {"no_violations"}


@pytest.mark.parametrize(("unit", "issuer", "place"), [
    # another kind of firm shut out in a clause of its own: the place stays asked
    ("一是在鹿城区依法登记、具有独立法人资格的服装、鞋服企业，品牌代理商除外；",  # a round's form
     "温州市鹿城区经济和信息化局", "Lucheng"),
    ("在吴江区注册的丝绸、纺织企业，经销商除外。", "苏州市吴江区商务局", "Wujiang"),
    ("Garment makers registered in Lucheng District may apply, but brand agents cannot apply.", None, "Lucheng"),
])
def test_another_kind_shut_out_after_the_place_leaves_the_place_asked(unit: str, issuer: str | None,
                                                                      place: str) -> None:
    region = _typed(unit, issuer)["region"]
    assert region["value"] == [place] and region.get("op") is None


@pytest.mark.parametrize("unit", [
    "在苏州市注册的企业除外。",
    "Firms registered in Suzhou, they cannot apply.",
    "Firms registered in Suzhou, Wuxi or Changzhou cannot apply.",
    "凡在苏州市注册的企业，不得申报。",
])
def test_the_firms_of_the_place_shut_out_stay_excepted(unit: str) -> None:
    assert _typed(unit)["region"]["op"] == "not_in"
