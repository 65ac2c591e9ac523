"""Classes of condition wording, each written fresh for these tests in both languages: lead-ins that ask
for every item ("Every one of these must hold"), several offences in one exclusions list, beneficiaries,
membership of a database, support from elsewhere (no first time), insured headcounts, newly above
designated size, negated requirements ("cannot take part", 不能申报), conditions spread over a paragraph
or a table without a lead-in, and the lines the fitted model never reads (procedure sections, flat sums)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from indexer.notice.conditions import conditions_in
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.fitted import may_state
from indexer.notice.not_conditions import SPEND_RATE, TIER, never, paid_twice
from indexer.notice.places import chain, within
from indexer.notice.regions import regions_in
from indexer.notice.structure import parse
from indexer.notice.units import Unit, condition_units
from indexer.notice.untyped import untyped_requirement
from indexer.notice.validity_text import read_validity
from indexer.notice.windows import Sentence, read_window
from tests.indexer.notice.test_eligibility import _chunk


def _read(text: str, issuer: str | None = None) -> list[dict[str, Any]]:
    return extract_eligibility([_chunk(text, "fresh")], text, issuer, "2026-12-01")["conditions"]


def _typed(sentence: str) -> set[tuple[str, Any, str]]:
    return {(c["type"], c.get("op"), str(c["value"])) for c in conditions_in(sentence)}


@pytest.mark.parametrize("lead", ["Every one of these must hold for an applicant:",
                                  "Each one of the following must be met by the firm:",
                                  "申报企业须逐项满足下列每一项条件："])
def test_a_lead_in_asking_for_every_item_makes_no_alternatives(lead: str) -> None:
    conds = _read(f"Support for Weavers\n\nWho may apply\n{lead}\n• registered in Jiaxing;\n"
                  "• employs fewer than 200 people;\n• makes woven fabrics.\n")
    assert {c["type"] for c in conds} >= {"region", "employees_max", "sector"}
    assert all("group" not in c for c in conds)


@pytest.mark.parametrize("lead", ["Firms meeting one of these may apply:", "符合下列情形之一的企业即可申报："])
def test_a_lead_in_asking_for_one_item_still_makes_alternatives(lead: str) -> None:
    conds = _read(f"Support for Weavers\n\nWho may apply\n{lead}\n(1) registered in Jiaxing;\n"
                  "(2) employs fewer than 200 people.\n")
    assert {c.get("group") for c in conds} != {None}


def test_each_offence_an_exclusions_list_names_is_a_condition_of_its_own() -> None:
    conds = _read("关于2027年度丝绸企业参展补助的通知\n一、申报条件\n在湖州市注册的丝绸企业。\n"
                  "二、有下列情形之一的不予支持：\n（一）被列入经营异常名录的；\n（二）近两年内受到海关行政处罚的；\n（三）纳税信用等级为D级的。\n")
    assert [c["quote"] for c in conds if c["type"] == "no_violations"] == [
        "（一）被列入经营异常名录的；", "（二）近两年内受到海关行政处罚的；"]
    # a credit grade is no record of offences: a requirement no profile field answers
    assert [c["quote"] for c in conds if c["type"] == "text"] == ["（三）纳税信用等级为D级的。"]


def test_a_beneficiaries_heading_and_a_can_benefit_sentence() -> None:
    conds = _read("Fair Support for Weavers, 2027\n\n1. Support\nHalf the booth fee.\n\n2. Beneficiaries\n"
                  "Firms that can benefit are weaving firms registered in Tongxiang with 2026 exports under "
                  "USD 8 million and free of any customs fine since 2025.\n")
    assert {c["type"] for c in conds} == {"sector", "region", "annual_exports_usd_max", "no_violations"}


@pytest.mark.parametrize("item", ["it has been entered in the provincial database of technology-based SMEs;",
                                  "已纳入省科技型中小企业信息库；"])
def test_membership_of_a_database_asks_something_untyped(item: str) -> None:
    assert untyped_requirement(item)


@pytest.mark.parametrize(("sentence", "first"), [
    ("has not received other municipal funding for the same project", False),
    ("同一展位未享受其他市级财政资金支持", False),
    ("no money from any other public source for this booth", False),
    ("2. 已享受本年度其他区级补助的。", False),
    ("同一展会此前未获得过区级补助", True),  # this support never had for that fair: a first time
    ("2027年首次参展，且同一展会未享受其他财政资金支持", True),
    ("Companies that have received this grant before are not eligible.", True),
    ("this would be the firm's first overseas fair", True),
])
def test_support_from_elsewhere_is_no_first_time_condition(sentence: str, first: bool) -> None:
    assert ("first_time" in {c["type"] for c in conditions_in(sentence)}) is first


@pytest.mark.parametrize(("sentence", "asks"), [
    ("has not received other municipal funding for the same project", False),
    ("同一项目未享受其他市级财政资金支持", False),
    ("在嘉兴市注册，2026年未享受其他区级外贸补助", True),
    ("registered in Jiaxing and has shown at the same fair with public support no more than three times", True),
])
def test_support_from_elsewhere_asks_something_untyped_but_for_the_same_thing(sentence: str, asks: bool) -> None:
    """No other support at all, or a cap on times for the same fair, is asked of the firm; no other support
    for the same thing is the rule against paying one thing twice, met by any firm that does not claim twice."""
    assert untyped_requirement(sentence) is asks


@pytest.mark.parametrize(("sentence", "want"), [
    ("(4) it had at least 150 insured staff on 31 December 2026.", {("employees_min", ">=", "150")}),
    ("with fewer than 80 insured employees", {("employees_max", "<", "80")}),
    ("Employers with 30 insured staff or fewer may have a layoff rate of up to 20%.", set()),
    ("2026年首次上规纳统的纺织企业", {("enterprise_size", None, "['above_designated_size']"),
                              ("first_time", None, "True"), ("sector", None, "['textile']")}),
    ("2026年实现小升规的企业", {("enterprise_size", None, "['above_designated_size']")}),
])
def test_insured_headcounts_and_newly_above_designated_size(sentence: str, want: set[tuple[str, Any, str]]) -> None:
    assert _typed(sentence) == want


@pytest.mark.parametrize(("sentence", "want"), [
    ("Firms penalised by customs in the last two years cannot take part.", {("no_violations", None, "True")}),
    ("Companies employing more than 800 people may not apply.", {("employees_max", "<=", "800")}),
    ("Exporters whose 2026 shipments topped USD 40 million will not be funded.",
     {("annual_exports_usd_max", "<=", "40000000")}),
    ("Businesses with annual sales above RMB 500 million do not qualify.",
     {("annual_revenue_cny_max", "<=", "500000000")}),
    ("Applicants must not be on the list of enterprises with abnormal operations.", {("no_violations", None, "True")}),
    ("Companies that were ordered to suspend production in 2026 are excluded.", {("no_violations", None, "True")}),
    ("从业人员超过1000人的企业不能申报。", {("employees_max", "<=", "1000")}),
    ("已享受过本项补助的企业不得再次申请。", {("first_time", None, "True")}),
    ("大型企业不能参与本次申报。", {("enterprise_size", None, "['micro', 'small', 'medium']")}),
    ("exports that did not top USD 8 million", {("annual_exports_usd_max", "<=", "8000000")}),
])
def test_negated_requirements_are_read_as_what_the_others_must_meet(sentence: str,
                                                                    want: set[tuple[str, Any, str]]) -> None:
    assert _typed(sentence) == want


@pytest.mark.parametrize(("text", "issuer"), [
    ("Support for Knitwear Exporters, 2027\n\n1. Background\nThe district wants more knitwear makers abroad.\n\n"
     "2. Who can take part\nApplicants should be registered in Yinzhou District. They should make knitwear. Their "
     "exports in 2026 must not have exceeded USD 10 million, and their workforce must be below 300. Firms penalised "
     "by customs in the last two years cannot take part.\n\n3. How to apply\nApply by 31 March 2027.\n", None),
    ("关于2027年度纺织企业开拓国际市场补助的通知\n\n一、支持对象\n申报企业应在鄞州区依法注册并纳税。企业主营针织服装。"
     "2026年度出口额不超过1000万美元，从业人员不足300人。近两年内受到海关行政处罚的企业不得申报。\n\n"
     "二、申报时间\n2027年3月31日前申报。\n", None),
])
def test_conditions_spread_over_a_paragraph_without_a_lead_in(text: str, issuer: str | None) -> None:
    kinds = {c["type"] for c in _read(text, issuer)}
    assert kinds >= {"region", "sector", "annual_exports_usd_max", "employees_max", "no_violations"}


@pytest.mark.parametrize("text", [
    "Smart Dyeing Grants, 2027\n\n1. Eligibility\n\n| Item | Requirement |\n|---|---|\n"
    "| Registration | registered and paying tax in Shangyu District |\n| Sector | printing and dyeing |\n"
    "| Size | annual revenue between RMB 20 million and RMB 400 million |\n"
    "| Record | no environmental penalty since 1 January 2024 |\n\n2. Grant\n20% of the cost.\n",
    "关于2027年度印染智能化改造补助的通知\n\n一、申报条件\n\n| 项目 | 要求 |\n|---|---|\n"
    "| 注册地 | 在上虞区注册并纳税 |\n| 行业 | 印染 |\n| 规模 | 年营业收入2000万元至4亿元 |\n"
    "| 信用 | 2024年以来未受到生态环境部门行政处罚 |\n\n"
    "二、补助标准\n按设备投资额的20%给予补助。\n",
])
def test_conditions_one_a_table_row(text: str) -> None:
    conds = _read(text)
    assert {c["type"] for c in conds} == {"region", "sector", "annual_revenue_cny_range", "no_violations"}
    assert all(c["quote"].startswith("|") for c in conds)


_ZH = "关于支持的通知\n\n一、申报条件\n在无锡市注册的企业。\n\n{}\n企业向注册登记地商务局报送材料。\n"


@pytest.mark.parametrize(("text", "kind"), [
    (_ZH.format("三、申报时间"), "procedure"),
    (_ZH.format("二、申报方式"), "procedure"),
    ("Notice on Support\n\n1. Who may apply\nFirms registered in Wuxi.\n\n2. When and where to apply\n"
     "Firms send the form to the district bureau.\n", "procedure"),
    (_ZH.format("二、支持内容"), "exclusion"),
    ("Notice on Support\n\n1. Who may apply\nFirms registered in Wuxi.\n\n2. Other matters\n"
     "Firms send the form to the district bureau.\n", "sentence"),
])
def test_lines_under_a_procedure_heading_are_procedure_units(text: str, kind: str) -> None:
    structure = parse(text)
    _, others = condition_units(structure.blocks, structure.lists())
    assert [u.kind for u in others if "报送" in u.text or "send" in u.text] == [kind]


@pytest.mark.parametrize(("line", "kind", "may"), [
    ("企业向注册登记地所在区、县（市）商务局报送申报材料。", "procedure", False),
    ("企业向注册登记地所在区、县（市）商务局报送申报材料。", "sentence", True),
    ("The grant is RMB 30,000 per firm.", "sentence", False),
    ("每家企业奖励3万元。", "sentence", False),
    ("Projects of textile and clothing makers, no more than RMB 2 million per project.", "exclusion", True),
])
def test_the_model_never_reads_procedure_lines_or_flat_sums(line: str, kind: str, may: bool) -> None:
    assert may_state(Unit(line, line, kind)) is may


_UNMARKED_EN = ("Firms qualify if they meet all of the following: registered in Wuxi; exports under USD 5 million "
                "in 2026; no customs penalty since 2024.")


@pytest.mark.parametrize(("text", "quotes", "types"), [
    ("关于2027年度稳订单奖励的通知\n一、奖励对象\n注册地在湖州市的外贸企业，同时满足以下几项的，可申领奖励：上年度出口额不低于300万美元；"
     "当年出口额较上年增长8%以上；属于中小微企业。\n",
     ["注册地在湖州市的外贸企业，同时满足以下几项的，可申领奖励：上年度出口额不低于300万美元；",
      "当年出口额较上年增长8%以上；", "属于中小微企业。"],
     {"region", "annual_exports_usd_min", "enterprise_size", "text"}),
    (f"Notice on Booth Aid\n\n1. Who may apply\n{_UNMARKED_EN}\n", [_UNMARKED_EN],
     {"region", "annual_exports_usd_max", "no_violations"}),
    ("关于稳岗返还的公告\n一、返还条件\n享受返还须同时把握以下几点：一是在湖州市参加失业保险；二是上年度未裁员或裁员率不高于5%；"
     "三是未被列入严重失信主体名单。\n",
     ["一是在湖州市参加失业保险；", "二是上年度未裁员或裁员率不高于5%；", "三是未被列入严重失信主体名单。"],
     {"region", "text", "no_violations"}),
])
def test_unmarked_or_ordinal_items_inside_one_paragraph_are_items(text: str, quotes: list[str],
                                                                  types: set[str]) -> None:
    """Each item its own condition; a growth rate or a layoff rate, untyped, is asked (``text``), not lost
    in the paragraph. An item marked by its ordinal (一是) is quoted alone, and so is a Chinese piece
    ending in "；" (a sentence of its own, the first run on from the lead-in); English pieces one to a
    semicolon are no items of their own, so the sentence holding them is the statement each quotes (as
    the finder set labels them)."""
    conds = _read(text)
    assert sorted({c["quote"] for c in conds}) == sorted(quotes)
    assert {c["type"] for c in conds} == types
    assert all("group" not in c for c in conds)


def test_an_items_run_in_heading_names_its_section() -> None:
    """"（一）申报主体。申报主体为…" under a heading that names no applicant ("二、主要内容"): the item says it
    states who may apply, and its quote keeps the run-in heading."""
    item = "（一）申报主体。申报主体为注册在嘉兴市的纺织企业，2025年度出口额不低于100万美元。"
    conds = _read(f"关于支持政策的解读\n一、背景\n为稳外贸。\n二、主要内容\n{item}出口额以海关统计为准。\n"
                  "（二）支持标准。每个展位最高支持2万元。\n")
    assert {c["type"] for c in conds} == {"region", "sector", "annual_exports_usd_min"}
    assert {c["quote"] for c in conds} == {item}


@pytest.mark.parametrize(("sentence", "asks"), [
    ("(b) are paid-up members of the Ningbo Knitwear Association;", True),
    ("2. 须为市服装行业协会会员单位；", True),
    ("Only unlisted companies registered in Jiaxing may apply.", True),
    ("申报企业为在嘉兴市注册的非上市纺织企业。", True),
    ("企业应按规定足额缴纳职工社会保险费，且注册在海宁市。", True),
    ("must have paid its social insurance contributions in full for 2026;", True),
    ("3. 主营针织业务，且改造项目实施地点在海宁市；", True),
    ("the upgraded line must be located in Tongxiang; the project is carried out in Tongxiang", True),
    ("在嘉兴市注册，2026年度设备投资在50万元至500万元之间的纺织企业", True),  # an investment range: untyped
    ("在嘉兴市注册，2025年度出口额在50万美元至500万美元之间的纺织企业", False),  # the exports range: typed
    ("在嘉兴市注册的纺织企业", False),
])
def test_something_else_asked_of_the_applicant_is_untyped(sentence: str, asks: bool) -> None:
    assert untyped_requirement(sentence) is asks


@pytest.mark.parametrize("line", ["| 4 | 守法经营 | 近三年无偷逃税款、套取财政资金等违法行为 |",
                                  "Applicants must have no record of tax evasion or subsidy fraud since 2024."])
def test_a_clean_record_naming_fraud_is_a_condition(line: str) -> None:
    from indexer.notice.not_conditions import never

    assert not never(line) and _typed(line) >= {("no_violations", None, "True")}
    assert never("企业弄虚作假、套取资金的，追回资金并取消三年申报资格。")


def test_a_question_with_its_marker_heads_its_answer() -> None:
    """"Q: Who can apply?" names who may apply (its marker "Q" is no label of a section)."""
    conds = _read("Q&A on the 2027 Linen Subsidy\n\nQ: Who can apply?\nA: Linen weaving companies registered in "
                  "Shangyu District whose 2026 revenue was between RMB 10 million and RMB 300 million.\n\n"
                  "Q: When is the deadline?\nA: 28 February 2027.\n")
    assert {c["type"] for c in conds} == {"sector", "region", "annual_revenue_cny_range"}


def test_a_notice_without_headings_that_limits_or_supports_a_kind_of_firm() -> None:
    conds = _read("Support for Knitwear Exporters at Fairs, 2027\n\nThe district supports knitwear exporters "
                  "exhibiting abroad for the first time. Support is limited to companies registered in Haining with "
                  "annual exports of under USD 5 million. Participation also requires a clean customs record for "
                  "the past three years. Large companies can only apply if their exports are below USD 1 million.\n"
                  "Each company receives 70% of the booth fee.\n")
    assert {c["type"] for c in conds} == {"sector", "first_time", "region", "annual_exports_usd_max", "no_violations"}
    assert [c["value"] for c in conds if c["type"] == "annual_exports_usd_max"] == [5_000_000]  # not "X only if Y"


def test_the_owner_of_a_trademark_is_asked_something_untyped() -> None:
    assert untyped_requirement("b) owner of a registered trademark used on textiles or garments;")


@pytest.mark.parametrize("line", ["每家企业最高20万元。", "单个项目最多补助50万元。", "Up to RMB 50,000 per firm."])
def test_a_sum_per_firm_alone_is_never_read_by_the_model(line: str) -> None:
    assert not may_state(Unit(line, line, "sentence"))


def test_shoe_and_apparel_firms_are_apparel() -> None:
    assert ("sector", None, "['apparel']") in _typed("鹿城区鞋服出口企业")


def test_requirement_subheadings_under_application_requirements_are_eligibility_sections() -> None:
    """"二、申报要求" is usually the steps, but its "（二）行业要求", "（三）规模要求", "（四）信用要求",
    "（五）项目要求" ask of the applicant; an either/or inside one stays alternatives."""
    conds = _read("关于组织申报2027年度技术改造项目的通知\n一、支持方式\n按设备投资额的10%补助。\n二、申报要求\n"
                  "（一）主体要求\n申报单位的注册地须在海宁市。\n（二）行业要求\n申报单位主营经编或针织。\n（三）规模要求\n"
                  "2026年度营业收入不低于1亿元，或者年末从业人员在300人以上，两项满足其一即可。\n（四）信用要求\n"
                  "近三年无违法违规记录。\n（五）项目要求\n项目已完成备案，且于2027年1月1日以后开工。\n")
    assert {c["type"] for c in conds} == {"region", "sector", "annual_revenue_cny_min", "employees_min",
                                          "no_violations", "text"}
    assert {c.get("group") for c in conds if c["type"] in ("annual_revenue_cny_min", "employees_min")} != {None}


@pytest.mark.parametrize("text", [
    "Support for Overseas Warehouses\n\nI. Eligibility criteria\nApplicants must satisfy ALL of the criteria below:\n"
    "i) incorporated in Wujin District;\nii) a textile or garment manufacturer;\n"
    "iii) 2026 export turnover of USD 3 million to USD 30 million;\n"
    "iv) operating an overseas warehouse of at least 1,000 square metres.\n\nII. Support\nUp to RMB 300,000.\n",
    "Support for Overseas Warehouses\n\nI. Eligibility criteria\nApplicants must satisfy all of these:\n"
    "(i) incorporated in Wujin District;\n(ii) a textile or garment manufacturer;\n"
    "(iii) 2026 export turnover of USD 3 million to USD 30 million;\n"
    "(iv) operating an overseas warehouse of at least 1,000 square metres.\n",
])
def test_items_numbered_in_lower_case_roman(text: str) -> None:
    conds = _read(text)
    assert {c["type"] for c in conds} == {"region", "sector", "annual_exports_usd_range", "text"}
    assert all("group" not in c for c in conds)


@pytest.mark.parametrize("text", [
    "Home Textile Fair Support\n\nThe following enterprises may apply:\n1. home textile manufacturers registered in "
    "Haimen with 2026 sales of RMB 20 million or more;\n2. home textile traders registered in Haimen with 2026 "
    "exports of USD 2 million or more.\n",
    "关于家纺企业参展补助的通知\n一、申报主体\n下列企业可以申报：\n（一）在海门区注册、2026年销售收入2000万元以上的家纺生产企业；\n"
    "（二）在海门区注册、2026年出口额200万美元以上的家纺贸易企业。\n",
])
def test_items_that_each_name_a_kind_of_applicant_are_alternatives(text: str) -> None:
    conds = _read(text)
    options = {(c["type"], c.get("option")) for c in conds}
    assert ("annual_revenue_cny_min", 0) in options and ("annual_exports_usd_min", 1) in options


def test_items_that_each_name_a_kind_of_applicant_under_all_stay_all() -> None:
    conds = _read("关于家纺企业参展补助的通知\n一、申报主体\n下列企业须同时符合：\n（一）在海门区注册的企业；\n"
                  "（二）2026年出口额200万美元以上的企业。\n")
    assert all("group" not in c for c in conds)


def test_continuation_sentences_with_should_or_need_to() -> None:
    """"They should have exported …", "They need to have had no customs penalty …": who-sentences too."""
    conds = _read("Knitwear Export Booth Aid, 2027\n\nThe bureau pays half of the booth fee at fairs abroad in 2027. "
                  "Eligible firms are knitwear makers in Yiwu. They should have exported no more than USD 10 million "
                  "in 2026 and employ fewer than 300 people. They need to have had no customs penalty since 2024. "
                  "Apply by 31 May 2027.\n")
    assert {c["type"] for c in conds} == {"sector", "region", "annual_exports_usd_max", "employees_max",
                                          "no_violations"}


_TONGXIANG = {("annual_exports_usd_max", "<=", "50000000"), ("region", None, "['Tongxiang']"),
              ("sector", None, "['knitting']")}


@pytest.mark.parametrize(("sentence", "want"), [
    ("Knitwear makers registered in Tongxiang may apply, except firms with annual exports above USD 50 million "
     "and firms that have been blacklisted for tax evasion.",
     {("annual_exports_usd_max", "<=", "50000000"), ("region", None, "['Tongxiang']"),
      ("sector", None, "['knitting']"), ("no_violations", None, "True")}),
    ("在桐乡市注册的针织企业均可申报，但年出口额超过5000万美元的企业除外。",
     _TONGXIANG),
    ("除年出口额超过5000万美元的企业外，在桐乡市注册的针织企业均可申报。",
     _TONGXIANG),
    ("Exporters other than those with more than 500 staff are welcome.", {("employees_max", "<=", "500")}),
    ("Firms with revenue of at least RMB 10 million excluding VAT may apply.",
     {("annual_revenue_cny_min", ">=", "10000000")}),  # "excluding" after the bound excepts nobody
])
def test_a_bound_of_the_firms_a_sentence_excepts_is_turned_round(sentence: str,
                                                                 want: set[tuple[str, Any, str]]) -> None:
    assert _typed(sentence) == want


@pytest.mark.parametrize("lead", ["参评企业应符合下列要求，缺其中任何一项的不予受理：",
                                  "Applicants must meet the following; an application missing any one of them "
                                  "is not accepted:"])
def test_a_lead_in_saying_what_missing_one_item_costs_asks_every_item(lead: str) -> None:
    conds = _read(f"关于2027年度针织企业技改补助的通知\n一、申报条件\n{lead}\nA. 在嘉兴市依法登记注册；\n"
                  "B. 主营针织服装；\nC. 从业人员200人以下。\n")
    assert {c["type"] for c in conds} >= {"region", "sector", "employees_max"}
    assert "text" not in {c["type"] for c in conds}
    assert all("group" not in c for c in conds)


@pytest.mark.parametrize(("text", "quote"), [
    ("关于2027年度印染企业节能改造补助的通知\n一、补助标准\n按投资额的10%补助。\n二、申报单位\n"
     "（一）属地。企业在湖州市登记注册。\n（二）守法。企业近两年未受到环保处罚。\n",
     "（一）属地。企业在湖州市登记注册。"),
    ("关于2027年度印染企业节能改造补助的通知\n一、补助标准\n按投资额的10%补助。\n二、其他事项\n"
     "（一）属地。企业在湖州市登记注册。\n（二）守法。企业近两年未受到环保处罚。\n",
     "（一）属地。企业在湖州市登记注册。")])
def test_a_one_word_run_in_label_stays_with_the_sentence_it_labels(text: str, quote: str) -> None:
    units, others = condition_units(parse(text).blocks, parse(text).lists())
    assert all(u.quote != "（一）属地。" for u in units + others)
    assert quote in {u.quote for u in units + others}


def test_an_items_heading_naming_the_applicants_alone_is_an_eligibility_section() -> None:
    conds = _read("关于2027年度印染企业节能改造补助的通知\n一、补助标准\n按投资额的10%补助。\n二、申报单位\n"
                  "（一）企业在湖州市登记注册。\n（二）企业近两年未受到环保处罚。\n三、申报单位报送材料\n（一）营业执照。\n")
    assert {c["type"] for c in conds} == {"region", "no_violations"}


@pytest.mark.parametrize(("sentence", "want"), [
    ("申报企业尚未纳入规模以上工业统计。", ["below_designated_size"]),
    ("未列入规上企业名录的纺织企业", ["below_designated_size"]),
    ("The mill is not yet counted as above designated size.", ["below_designated_size"]),
    ("申报企业须为规模以上工业企业。", ["above_designated_size"])])
def test_not_yet_above_designated_size_is_below_it(sentence: str, want: list[str]) -> None:
    assert [c["value"] for c in conditions_in(sentence) if c["type"] == "enterprise_size"][:1] == [want]


@pytest.mark.parametrize("item", ["- the company is registered outside Jiaxing;", "（一）注册地不在嘉兴市的；",
                                  "（二）不在嘉兴市登记注册的企业；"])
def test_an_exclusion_of_firms_registered_elsewhere_is_a_region(item: str) -> None:
    conds = _read(f"Knitting Fair Support 2027\n\nExclusions\nA firm cannot apply if any of these is true:\n{item}\n"
                  "- it was fined by customs in 2026.\n")
    assert [c["value"] for c in conds if c["type"] == "region"] == [["Jiaxing"]]
    assert "text" not in {c["type"] for c in conds}


@pytest.mark.parametrize("sentence", ["从事校服、制服等职业装生产的企业", "makers of workwear and school uniforms"])
def test_workwear_and_uniforms_are_apparel(sentence: str) -> None:
    assert ("sector", None, "['apparel']") in _typed(sentence)


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_items_lettered_in_capitals_are_items_of_their_lead_in(gap: str) -> None:
    text = gap.join(["关于2027年度家纺企业智能化改造的通知", "二、申报单位", "申报单位须同时符合以下条件：",
                     "A. 在南通市依法登记注册；", "B. 主营家纺产品；", "C. 近三年未受到环保处罚。"]) + "\n"
    conds = _read(text)
    assert [(c["type"], c["quote"]) for c in conds] == [("region", "A. 在南通市依法登记注册；"),
                                                       ("sector", "B. 主营家纺产品；"),
                                                       ("no_violations", "C. 近三年未受到环保处罚。")]
    english = _read(gap.join(["Home Textile Upgrading 2027", "Who may apply", "Applicants must meet all of these:",
                              "A. Registered in Nantong;", "B. Makers of home textiles."]) + "\n")
    assert [c["quote"] for c in english] == ["A. Registered in Nantong;", "B. Makers of home textiles."]


def test_items_marked_by_their_ordinal_quote_the_item_not_the_lead_in() -> None:
    conds = _read("关于2027年度小微服装企业贴息的通知\n\n申请贴息须同时看两点：一看注册地，企业注册地在宁波市；"
                  "二看信用，未被列为失信主体。\n")
    assert [(c["type"], c["quote"]) for c in conds] == [("region", "一看注册地，企业注册地在宁波市；"),
                                                       ("no_violations", "二看信用，未被列为失信主体。")]


@pytest.mark.parametrize("header", ["| 维度 | 门槛 |", "| Dimension | Threshold |"])
def test_a_table_header_naming_dimensions_and_thresholds_is_no_condition(header: str) -> None:
    conds = _read(f"关于2027年度纺织品牌培育的通知\n\n二、申报门槛\n\n{header}\n\n| 所在地 | 注册在南通市 |\n\n"
                  "| 行业 | 家纺 |\n")
    assert header not in {c["quote"] for c in conds}
    assert {c["type"] for c in conds} == {"region", "sector"}


def test_items_marked_by_heavenly_stems_are_items() -> None:
    blocks = parse("二、申报条件\n（甲）在常州市登记注册；\n（乙）主营色织布。\n").blocks
    assert [(b.kind, b.level > 0) for b in blocks[1:]] == [("item", True), ("item", True)]


def test_lines_under_how_to_sign_up_are_procedure_never_conditions() -> None:
    text = ("湖州市纺织行业协会关于组织会员企业参加2027年春季面料展的通知\n\n一、参展条件\n"
            "参展企业须为在湖州市注册的纺织企业。\n\n二、报名方式\n报名截止：2027年2月20日。"
            "请将报名表发送至协会会员部邮箱，展位按报名先后安排。\n\n湖州市纺织行业协会\n2027年1月10日\n")
    s = parse(text)
    _, others = condition_units(s.blocks, s.lists())
    kinds = {u.quote: u.kind for u in others}
    assert kinds["报名截止：2027年2月20日。"] == "procedure"  # never given to the fitted model
    found = _read(text, "湖州市纺织行业协会")
    assert {c["type"] for c in found} == {"region", "sector"}


@pytest.mark.parametrize(("sentence", "want"), [
    ("2026年末职工人数为80人（含）至600人（不含）。", {("employees_min", ">=", "80"), ("employees_max", "<", "600")}),
    ("上年度出口额为200万美元至2000万美元。", {("annual_exports_usd_range", "between", "[2000000, 20000000]")}),
    ("Its workforce at the end of 2026 was 80 to 600 people.", {("employees_range", "between", "[80, 600]")}),
])
def test_a_range_after_wei_is_read_with_its_ends_as_written(sentence: str, want: set) -> None:
    assert _typed(sentence) == want


@pytest.mark.parametrize(("sentence", "want"), [
    ("属于中型或小型企业（微型企业不在支持范围）的针织企业", ["small", "medium"]),
    ("申报企业应为小型或中型企业。", ["small", "medium"]),
    ("按规定划型属于中型、小型或微型企业。", ["micro", "small", "medium"]),
    ("中小企业（不含微型企业）均可申报。", ["small", "medium"]),
    ("knitting firms that are small or medium-sized (micro businesses are not eligible)", ["small", "medium"]),
    ("SMEs (excluding micro-enterprises) that make hosiery", ["small", "medium"]),
    ("SMEs (including micro firms) that make hosiery", ["micro", "small", "medium"]),
])
def test_a_size_left_out_in_brackets_is_taken_from_the_sizes_named(sentence: str, want: list[str]) -> None:
    assert [c["value"] for c in conditions_in(sentence) if c["type"] == "enterprise_size"] == [want]


def test_du_in_a_place_name_reads_du_in_english() -> None:
    from indexer.notice.places import within

    conds = _read("Hosiery Automation Awards 2027\n\nConditions\nA firm applying must meet all of these:\n"
                  "1. it is incorporated in Ningdu County;\n2. it makes socks.\n")
    region = next(c for c in conds if c["type"] == "region")
    assert region["value"] == ["宁都县"]
    assert conditions_in("注册地在莲都区的纺织企业")[0]["value"] == ["莲都区"] == \
        [c["value"] for c in _read("Liandu District Knitwear Grants\n\nWho may apply\nFirms incorporated in "
                                   "Liandu District may apply.\n") if c["type"] == "region"][0]
    assert within("Keqiao", region["value"][0]) is False and within("Shaoxing", region["value"][0]) is False


@pytest.mark.parametrize("line", [
    "Equipment already subsidised under the municipal smart-factory scheme is not eligible for a second grant.",
    "Booth fees already reimbursed by the fair organiser may not be claimed a second time.",
    "设备此前已获得市级技改补助的，本次不再受理。",
    "展位费已经享受过省级资金补贴的，不予重复申报。",
])
def test_what_was_already_funded_is_not_funded_again_and_no_condition(line: str) -> None:
    text = f"关于2027年度针织企业智能化改造补助的通知\n\n一、申报条件\n在湖州市注册的针织企业。\n{line}\n"
    conds = _read(text)
    assert line not in {c["quote"] for c in conds}
    assert {c["type"] for c in conds} == {"region", "sector"}
    assert not may_state(Unit(line, line, "section"))


@pytest.mark.parametrize(("line", "may"), [
    ("2026年7月1日以后开工、设备投资额在500万元（含）以上的针织智能化改造项目。", False),
    ("Projects begun after 1 July 2026 with equipment spending of RMB 5 million or more.", False),
    ("Projects carried out by firms registered in Huzhou.", True),
    ("由在湖州市注册的企业实施的改造项目。", True),
])
def test_a_sentence_naming_the_projects_supported_is_not_given_to_the_model(line: str, may: bool) -> None:
    assert may_state(Unit(line, line, "sentence")) is may
    assert may_state(Unit(line, line, "list"))  # in a list of conditions it is the notice's own requirement


def test_a_lead_in_adds_no_unknown_of_its_own() -> None:
    from indexer.notice.fitted import Reading

    lead = "Grants are paid only to enterprises that:"
    text = (f"Hosiery Grants 2027\n\n1. Who can claim\n{lead}\n- are registered in Huzhou;\n- make knitted fabrics.\n\n"
            "2. Grant\nThe grant is 30% of the equipment cost.\n")
    seen: list[str] = []

    def judge(units: Any) -> list[Any]:
        seen.extend(u.quote for u in units)
        return [Reading(0.9, "other", True) for _ in units]

    found = extract_eligibility([_chunk(text, "fresh")], text, None, "2026-12-01", judge=judge)["conditions"]
    assert lead not in seen  # a lead-in is never given to the model
    assert lead not in {c["quote"] for c in found}
    assert {c["type"] for c in found} == {"region", "sector"}


@pytest.mark.parametrize("lead", [
    "在江西省内注册的纺织企业，参加省重点支持名单内的境外展会，可获补助，但须另外满足下列两项之一：",
    "Textile firms registered in Jiangxi that exhibit at fairs on the provincial priority list may be paid, "
    "provided they also meet one of these two tests:",
])
def test_a_list_named_key_or_priority_is_no_priority_line(lead: str) -> None:
    if lead[0] == "在":
        text = f"关于2027年度境外参展补助的通知\n\n二、哪些企业可以享受\n{lead}\n" \
            "（一）2026年度出口额在5000万美元以下；\n（二）属于中小微企业。\n"
    else:
        text = f"Overseas Fair Support 2027\n\n2. Who can benefit\n{lead}\n(a) their exports in 2026 were below " \
            "USD 50 million;\n(b) they are SMEs.\n"
    conds = _read(text)
    assert [(c["type"], c["value"]) for c in conds if c["type"] == "region"] == [("region", ["Jiangxi"])]
    assert {c["type"] for c in conds if "group" in c} == {"annual_exports_usd_max", "enterprise_size"}


@pytest.mark.parametrize("sentence", ["主营棉纺或毛纺的企业", "mills whose main business is wool spinning"])
def test_spinning_is_textile(sentence: str) -> None:
    assert [c["value"] for c in conditions_in(sentence) if c["type"] == "sector"] == [["textile"]]


@pytest.mark.parametrize(("sentence", "issuer", "place"), [
    ("申报对象限于本市中小微企业，且须为本市龙头企业配套加工。", "温州市经济和信息化局", ["Wenzhou"]),
    ("本区规上纺织企业可以申报。", "绍兴市柯桥区经济和信息化局", ["Keqiao"]),
])
def test_the_issuers_place_before_a_size_or_trade_of_firm(sentence: str, issuer: str, place: list[str]) -> None:
    assert [c["value"] for c in conditions_in(sentence, issuer) if c["type"] == "region"] == [place]


@pytest.mark.parametrize(("sentence", "want"), [
    ("申报企业2026年末参保职工不超过80人，且属于小微企业。", {("employees_max", "<=", "80")}),
    ("企业上年末参保职工不少于50人。", {("employees_min", ">=", "50")}),
    ("参保职工50人（含）以下的企业，裁员率不高于参保职工总数的20%。", set()),  # a layoff rate's tier of firms
    ("参保职工50人及以下的企业按上述标准执行。", set()),  # a tier of firms, no headcount asked
])
def test_an_insured_headcount_a_firm_must_have_is_its_staff(sentence: str, want: set) -> None:
    assert {t for t in _typed(sentence) if t[0].startswith("employees")} == want


@pytest.mark.parametrize("heading", ["二、申报单位应当同时达到以下各项", "二、申报企业须符合下列各项",
                                     "2. Applicants must meet each of the following"])
def test_a_heading_that_is_a_lead_in_heads_its_conditions(heading: str) -> None:
    items = "（一）注册地在湖州市；\n（二）属于中小微企业。\n" if heading[0] == "二" else \
        "(1) registered in Huzhou;\n(2) an SME.\n"
    conds = _read(f"关于2027年度境外参展补助申报的通知\n\n一、补助内容\n展位费的50%。\n\n{heading}\n{items}\n"
                  "三、申报时间\n企业于2027年1月15日前提交。\n")
    assert {c["type"] for c in conds} == {"region", "enterprise_size"}


@pytest.mark.parametrize("line", ["近两年因偷逃税款受到税务行政处罚的，取消申请资格。",
                                  "Firms fined by customs in the past two years lose their eligibility."])
def test_an_offence_that_costs_the_firm_its_eligibility_is_a_clean_record(line: str) -> None:
    head = "关于2027年度针织企业补助的通知\n\n一、申报条件\n在湖州市注册的针织企业。" if line[0] == "近" else \
        "Knitwear Grants 2027\n\n1. Who may apply\nKnitwear firms registered in Huzhou."
    conds = _read(f"{head}\n{line}\n")
    read = [(c["type"], c["quote"], c.get("years")) for c in conds if c["quote"] == line]
    assert read == [("no_violations", line, 2)]


@pytest.mark.parametrize("sentence", ["No firm with a tax-credit rating of C or D may apply.",
                                      "纳税信用等级为C级、D级的企业不得申报。", "企业海关信用等级须为B级及以上",
                                      "Applicants need a tax credit grade of A or B."])
def test_a_credit_grade_is_a_requirement_no_type_covers(sentence: str) -> None:
    """A grade is no record of offences (a new firm is graded M, a late filing lowers it) and no profile
    field says it: ``text`` (unknown), never no_violations, as the finder set labels it."""
    conds = _read(f"关于2027年度补助的通知\n一、申报条件\n在湖州市注册的丝绸企业。\n{sentence}\n")
    assert "no_violations" not in {c["type"] for c in conds}
    assert [c["quote"] for c in conds if c["type"] == "text"] == [sentence]


@pytest.mark.parametrize("item", ["2.3 Size. The firm employs 500 people or fewer.",
                                  "(b) Place. The firm is registered in Wuxi."])
def test_an_english_run_in_label_stays_with_the_sentence_it_labels(item: str) -> None:
    """"Size." alone is no unit (the fitted model read it as an untyped condition); it heads its sentence."""
    structure = parse(f"Grant 2027\n\n2. Eligibility\n{item}\n\n3. Deadline\n31 March 2027.\n")
    units, _ = condition_units(structure.blocks, structure.lists())
    assert [u.quote for u in units if "Size" in u.quote or "Place" in u.quote] == [item]


@pytest.mark.parametrize("row", ["| 5 | 获得省级工业设计中心认定 | 加分 |",
                                 "| 5 | Holds a provincial industrial design centre title | Bonus points |"])
def test_a_scoring_row_is_no_condition(row: str) -> None:
    """A row marked as earning points ranks applicants and shuts none out: no condition, not even an unknown."""
    if row[4] == "获":
        text = ("关于2027年度丝绸企业技改项目申报的通知\n\n一、申报条件\n申报企业应符合下表中的条件：\n\n"
                "| 序号 | 内容 | 类别 |\n| --- | --- | --- |\n| 1 | 在湖州市依法注册 | 必备 |\n"
                f"| 2 | 主营丝绸或家纺产品 | 必备 |\n{row}\n\n二、申报时间\n2027年3月31日前。\n")
    else:
        text = ("Silk Upgrade Grants 2027\n\n1. Requirements\n"
                "Applicants must meet the requirements in the table below:\n\n"
                "| No. | Requirement | Type |\n| --- | --- | --- |\n| 1 | Registered in Huzhou | Required |\n"
                f"| 2 | Makes silk or home textiles | Required |\n{row}\n\n2. Deadline\n31 March 2027.\n")
    conds = _read(text)
    assert {c["type"] for c in conds} >= {"region", "sector"}
    assert not [c for c in conds if c["quote"] == row]


@pytest.mark.parametrize("line", ["获评国家级绿色工厂的企业加3分。",
                                  "Firms holding a national green-factory title earn 5 extra points."])
def test_a_line_that_adds_points_is_no_condition(line: str) -> None:
    head = "关于2027年度针织企业补助的通知\n\n一、申报条件\n在湖州市注册的针织企业。" if line[0] == "获" else \
        "Knitwear Grants 2027\n\n1. Who may apply\nKnitwear firms registered in Huzhou."
    assert not [c for c in _read(f"{head}\n{line}\n") if c["quote"] == line]


@pytest.mark.parametrize(("sentence", "first"), [
    ("2026年首次被认定为省级专精特新中小企业的丝绸企业", False),
    ("(c) it was recognised as a provincial design centre for the first time in 2026;", False),
    ("firms newly certified as green supply-chain managers in 2026", False),
    ("2027年首次赴境外参展的丝绸企业", True),
    ("(c) it is exhibiting abroad for the first time;", True)])
def test_a_title_had_for_the_first_time_is_no_first_time_applicant(sentence: str, first: bool) -> None:
    """A new title the notice rewards says nothing of whether the firm applied before."""
    assert ("first_time" in {c["type"] for c in conditions_in(sentence)}) is first


@pytest.mark.parametrize("sentence", [
    "限于在本市依法参加失业保险、上年度未裁员或者裁员率低于5%的企业",
    "限于在本市依法注册、上年度出口额或者营业收入增长10%以上的企业"])
def test_an_or_inside_one_enumerated_clause_splits_that_clause_only(sentence: str) -> None:
    """"、" closes a clause of an enumeration: its 或者 offers alternatives within that clause, so the place
    asked in an earlier clause holds whichever alternative the firm meets (the English list's "; " does it)."""
    conds = _read(f"关于2027年度稳岗补助的通知\n\n一、补助对象\n{sentence}。\n", "湖州市人力资源和社会保障局")
    regions = [c for c in conds if c["type"] == "region"]
    assert regions and "option" not in regions[0]


@pytest.mark.parametrize("sentence", [
    "Companies that have already won a provincial design award for the same product line cannot claim it again.",
    "Firms that have been granted a municipal brand award for the same collection are not paid twice."])
def test_an_award_of_another_level_for_the_same_thing_is_no_condition(sentence: str) -> None:
    """The Chinese "同一展位已享受省级境外参展补贴的" is no condition either (below)."""
    text = f"Design Awards 2027\n\n2. Who can take part\n(i) registered in Huzhou;\n(ii) makes silk garments.\n" \
        f"{sentence}\n"
    assert not [c for c in _read(text) if c["quote"] == sentence]
    assert "first_time" not in {c["type"] for c in conditions_in(sentence)}


@pytest.mark.parametrize("sentence", [
    "Firms qualify if they are registered in Huzhou, weave silk, count as small or micro enterprises and employ "
    "fewer than 80 people.",
    "Applicants must count as small or micro enterprises and be registered in Huzhou."])
def test_count_as_among_requirements_is_a_requirement(sentence: str) -> None:
    """"count as small enterprises" listed with other requirements asks a size; "…still counts as a first-time
    exhibitor" (who counts as what) stays no condition."""
    conds = _read(f"Silk Grants 2027\n\n2. Who is eligible\n{sentence}\n")
    assert {"region", "enterprise_size"} <= {c["type"] for c in conds}
    line = "A firm that exhibited only as a co-exhibitor still counts as a first-time exhibitor."
    assert not [c for c in _read(f"Silk Grants 2027\n\n2. Who is eligible\n{sentence}\n{line}\n") if c["quote"] == line]


@pytest.mark.parametrize("line", [
    "Enterprises based in one of the provincial knitwear cluster towns listed in Annex 3 receive 5 percentage "
    "points more.",
    "附件3所列省级针织产业集群镇的纺织企业多补助5个百分点。"])
def test_a_higher_rate_for_some_firms_is_a_tier_not_a_condition(line: str) -> None:
    head = "关于2027年度丝绸企业补助的通知\n\n一、补助标准\n展位费的50%。" if line[0] == "附" else \
        "Silk Grants 2027\n\n1. What is paid\nHalf of the booth fee."
    tail = "\n二、申报条件\n在湖州市注册的丝绸企业。\n" if line[0] == "附" else \
        "\n2. Who may apply\nSilk firms registered in Huzhou.\n"
    conds = _read(f"{head} {line}{tail}")
    assert conds and not [c for c in conds if line in c["quote"]]


_XIQIAO_EN = "Xiqiao Town People's Government, Foshan\n\nNotice on the 2027 Knitwear Design Awards"


@pytest.mark.parametrize("head", [_XIQIAO_EN, "佛山市南海区西樵镇人民政府\n\n关于2027年度针织设计奖励的通知"])
def test_an_issuer_line_with_its_place_after_it_heads_the_notice(head: str) -> None:
    """"Xiqiao Town People's Government, Foshan" is the issuer (its place after a comma), so the line below
    is the title, the line to the enterprises its addressee, and the preamble under it no condition."""
    en = head[0] == "X"
    to = "To the enterprises of the town:" if en else "各村（社区）、镇属各企业："
    pre = "Xiqiao calls itself the knitwear town: some 300 makers work here." if en else \
        "西樵素有针织名镇之称，现有针织企业300余家。"
    items = "1. Who can take part\n(i) registered in Xiqiao Town, Foshan;\n(ii) makes knitwear.\n" if en else \
        "一、申报条件\n（一）在西樵镇注册；\n（二）生产针织服装。\n"
    text = f"{head}\n\n{to}\n\n{pre}\n\n{items}"
    blocks = parse(text).blocks
    assert [b.kind for b in blocks[:3]] == ["record", "title", "addressee"]
    assert not [c for c in _read(text) if c["quote"] == pre]


@pytest.mark.parametrize(("sentence", "sector"), [
    ("(a) are registered in the Jiangmen Textile and Garment Industry Transfer Park (Xinhui District);", False),
    ("企业注册在西樵纺织服装产业园（佛山市南海区）", False),
    ("(a) are knitwear makers registered in the Jiangmen Textile and Garment Industry Transfer Park (Xinhui District);",
     True)])
def test_a_parks_own_name_names_no_sector(sentence: str, sector: bool) -> None:
    """The trade in a park's name says where the firm is, not what it makes; a trade said beside it still counts."""
    read = {c["type"] for c in conditions_in(sentence)}
    assert "region" in read and ("sector" in read) is sector


@pytest.mark.parametrize(("item", "lead"), [
    ("（二）同一事项已享受区级其他专项资金补助的；", "有下列情形之一的，不予支持："),
    ("2. 同一事项已得到国家或省级财政资金资助的。", "存在以下情形的企业不得申报："),
    ("(b) the same matter has already been supported by other municipal funds;", "Firms are excluded if:"),
    ("(b) it has already received other provincial funding for the same matter.", "No grant is paid where:"),
])
def test_the_same_matter_funded_elsewhere_is_no_condition(item: str, lead: str) -> None:
    """"The same matter already funded" is the rule against paying one matter twice (a booth or a project too:
    below)."""
    text = (f"关于2027年度纺织企业技改奖励的通知\n\n一、申报条件\n在嘉兴市注册的纺织企业。\n\n"
            f"二、不予支持的情形\n{lead}\n（一）被列入严重失信主体名单的；\n{item}\n")
    quotes = {c["quote"] for c in _read(text)}
    assert item not in quotes and "（一）被列入严重失信主体名单的；" in quotes


@pytest.mark.parametrize(("lead", "items"), [
    ("Only exporters matching the profile below are eligible.",
     ["A. The company is registered in Jiaxing.", "B. Its exports in 2026 were under USD 8 million."]),
    ("满足以下要求的企业可以申请。", ["1. 在嘉兴市注册的企业。", "2. 2026年出口额低于800万美元。"]),
])
def test_a_sentence_pointing_at_the_items_after_it_is_their_lead_in(lead: str, items: list[str]) -> None:
    """A stop for the lead-in's colon: the items are the conditions, the lead-in is none; "通知如下。" before
    a section heading stays a paragraph."""
    text = "Annual Export Support, 2027\n\nTo the district bureaus:\n\n" + "\n\n".join([lead, *items]) + "\n"
    quotes = [c["quote"] for c in _read(text)]
    assert lead not in quotes and set(items) <= set(quotes)
    kinds = [b.kind for b in parse("通知\n\n现将有关事项通知如下。\n一、支持内容\n对企业给予补助。\n").blocks]
    assert "lead_in" not in kinds


@pytest.mark.parametrize(("sentence", "place"), [
    ("The company is registered in Suzhou; firms in Changshu and Kunshan count.", "Suzhou"),
    ("Exporters registered in Hangzhou may apply; exporters in Xiaoshan District also qualify.", "Hangzhou"),
    ("注册地在绍兴市，诸暨市、嵊州市企业同样适用。", "Shaoxing"),
])
def test_places_within_the_place_asked_for_that_count_too_ask_nothing_more(sentence: str, place: str) -> None:
    regions = [c for c in conditions_in(sentence) if c["type"] == "region"]
    assert len(regions) == 1 and within(regions[0]["value"][0], place) is not False


@pytest.mark.parametrize(("line", "never_one"), [
    ("Shipping of samples and interpreters' fees are not covered.", True),
    ("An exhibition already paid for from the district budget cannot be claimed again.", True),
    ("样品运输费、翻译费不在补助范围内。", True),
    ("Firms whose social insurance fees are not paid in full cannot apply.", False),
])
def test_costs_the_support_leaves_out_are_no_condition(line: str, never_one: bool) -> None:
    text = (f"Showroom Support, 2027\n\nWho qualifies\nFirms registered in Nantong may apply.\n\n"
            f"What is not covered\n{line}\n")
    assert line not in {c["quote"] for c in _read(text)} or not never_one
    assert may_state(Unit(line, line, "sentence")) is not never_one


@pytest.mark.parametrize("preamble", [
    "The city pays 40% of the fee, up to RMB 80,000 per firm; exporters whose sales pass USD 2 million may get 60%.",
    "市财政按展位费的40%给予补助，年出口额达到300万美元的，可按60%给予补助。",
])
def test_a_higher_rate_for_some_in_the_preamble_is_a_tier_not_a_condition(preamble: str) -> None:
    text = f"Fair Support, 2027\n\n{preamble}\n\nWho may apply\nFirms registered in Ningbo may apply.\n"
    assert {c["type"] for c in _read(text)} == {"region"}


@pytest.mark.parametrize("line", ["Exporters fined by customs at any time since March 2025 are left out.",
                                  "Firms named on the provincial list of dishonest traders since 2025 are shut out."])
def test_offenders_left_or_shut_out_have_a_clean_record_asked(line: str) -> None:
    assert [c["type"] for c in conditions_in(line)] == ["no_violations"]


@pytest.mark.parametrize("sentence", ["从事毛织品加工的企业可以申请。", "Makers of woollen knitwear may apply."])
def test_wool_knitting_is_knitting_so_a_textile_firm_may_or_may_not_do_it(sentence: str) -> None:
    assert "knitting" in next(c["value"] for c in conditions_in(sentence) if c["type"] == "sector")


@pytest.mark.parametrize("sentence", [
    "Forms are handed in via the county commerce office; the portal opens on 5 January 2027 and accepts "
    "submissions until 28 February 2027.",
    "Papers go through the city commerce bureau; the system is open from 5 January 2027 and takes applications "
    "until 28 February 2027.",
])
def test_a_bureau_the_papers_go_through_leaves_the_window_the_applicants(sentence: str) -> None:
    window = read_window([Sentence(sentence)], "2026-12-01")
    assert window and (window["opens"], window["closes"]) == ("2027-01-05", "2027-02-28")


@pytest.mark.parametrize("item", [
    "（二）同一技改项目已获得省级财政专项资金补助的；",
    "3. 同一设备已享受市级其他奖补资金的。",
    "(b) the same project has already been funded by another provincial programme;",
    "(c) it has received city funding elsewhere for the same upgrade.",
])
def test_the_same_project_or_equipment_funded_elsewhere_is_no_condition(item: str) -> None:
    """The same project, upgrade or equipment already funded: the rule against paying one thing twice, like
    the same matter."""
    text = (f"关于2027年度家纺企业技改奖励的通知\n\n一、申报条件\n在湖州市注册的家纺企业。\n\n"
            f"二、不予支持的情形\n有下列情形之一的，不予支持：\n（一）被列入严重失信主体名单的；\n{item}\n")
    quotes = {c["quote"] for c in _read(text)}
    assert item not in quotes and "（一）被列入严重失信主体名单的；" in quotes


def _excluding(item: str) -> str:
    return (f"关于2027年度纺织企业境外参展补助的通知\n\n一、申报条件\n在嘉兴市注册的纺织企业。\n\n"
            f"二、不予支持的情形\n有下列情形之一的，不予支持：\n（一）被列入严重失信主体名单的；\n{item}\n")


def _asking(lead: str, first: str, item: str) -> str:
    return f"Fair Support 2027\n\n一、申报条件\n{lead}\n{first}\n{item}\n"


_ALL_ZH = ("申报企业须同时满足下列条件：", "（一）在嘉兴市注册；")
_ALL_EN = ("Applicants must meet all of the following:", "(a) registered in Jiaxing;")


@pytest.mark.parametrize("item", [
    "（二）同一展会已获得省商务厅境外参展补助的；",
    "3. 同一展位已享受县级其他财政补贴的。",
    "(b) the same booth has already been paid for by a provincial scheme;",
    "(c) it has received municipal aid for the same exhibition from another programme.",
])
def test_the_same_fair_or_booth_funded_elsewhere_is_no_condition(item: str) -> None:
    """A fair, booth or exhibition already paid for from elsewhere: the rule against paying one thing twice,
    which a firm that does not claim twice meets, as for a project; the offence beside it stays a condition."""
    quotes = {c["quote"] for c in _read(_excluding(item))}
    assert item not in quotes and "（一）被列入严重失信主体名单的；" in quotes


@pytest.mark.parametrize(("lead", "first", "item"), [
    (*_ALL_ZH, "（二）同一展会未获得其他省级、市级财政资金补助。"),
    (*_ALL_ZH, "（二）同一改造项目没有享受过其他专项资金支持。"),
    (*_ALL_EN, "(b) has not obtained money from any other public scheme for the same booth."),
    (*_ALL_EN, "(b) has not been granted other public funds for the same exhibition."),
])
def test_asking_that_the_same_thing_had_no_other_funding_is_no_condition(lead: str, first: str, item: str) -> None:
    """The positive phrasing of the same rule ("未获得其他…资金", "no money from any other scheme for the same
    booth") is no condition either: no notice could otherwise ever be applicable with every condition met."""
    quotes = {c["quote"] for c in _read(_asking(lead, first, item))}
    assert item not in quotes and first in quotes


@pytest.mark.parametrize(("lead", "first", "item", "kind"), [
    (*_ALL_ZH, "（二）同一展会此前未获得过本区参展补助。", "first_time"),
    (*_ALL_ZH, "（二）同一展会享受区级补助未满三次。", "text"),
    (*_ALL_ZH, "（二）2027年首次参展，且同一展会未享受其他财政资金支持。", "first_time"),
    (*_ALL_EN, "(b) has not exhibited at the same fair more than twice with public support.", "first_time"),
    (*_ALL_EN, "(b) is exhibiting abroad for the first time and has no other public funding for the same fair.",
     "text"),
])
def test_a_first_time_or_a_cap_on_the_same_fair_stays_a_condition(lead: str, first: str, item: str,
                                                                   kind: str) -> None:
    """The firm's own history with the support (never had it for that fair, fewer than three times, a first
    showing beside the rule) is asked of the firm: the item stays a condition."""
    assert kind in {c["type"] for c in _read(_asking(lead, first, item)) if c["quote"] == item}
    booth = "（二）同一展会此前已获得过本区补助的；"
    assert booth in {c["quote"] for c in _read(_excluding(booth))}


@pytest.mark.parametrize(("article", "kinds"), [
    ("第四条 申请企业应在湖州市注册、主营家纺产品；项目软硬件投入不低于500万元。", {"region", "sector", "text"}),
    ("第四条 申请企业应在湖州市注册；从业人员不超过200人。", {"region", "employees_max"}),
])
def test_an_article_runs_to_its_full_stop(article: str, kinds: set[str]) -> None:
    """An article ("第四条 …；…。") is one unit: each condition quotes it whole, not the part before its semicolon."""
    text = (f"湖州市家纺产业升级资金管理办法\n\n第三条 资金由市经信局管理。\n{article}\n"
            "第五条 本办法自2027年1月1日起施行。\n")
    conds = _read(text)
    assert {c["type"] for c in conds} == kinds and {c["quote"] for c in conds} == {article}


@pytest.mark.parametrize("line", [
    "湖州市家纺产业数字化改造资金管理办法",
    "Measures of Huzhou City for Supporting Home-Textile Upgrades",
    "第一条 为促进本市家纺产业转型升级，规范资金管理，特制定本办法。",
    "Article 1 These Measures are formulated to speed up the upgrading of home-textile firms.",
    "第三条 改造资金采取竞争性分配方式，择优支持，每个项目最高200万元。",
    "Grants are awarded competitively after an expert panel scores the projects.",
    "2027年度申报时间为2027年4月1日至4月30日。",
    "The application period runs from 1 April to 30 April 2027.",
])
def test_lines_framing_the_measures_are_never_read_by_the_model(line: str) -> None:
    """The measures' own title, a purpose article, how the money is shared out and the application period
    ask nothing of a firm; a line that asks something stays the model's to read."""
    assert not may_state(Unit(line, line, "sentence"))
    assert may_state(Unit("第五条 申报企业须为规模以上家纺企业。", "第五条 申报企业须为规模以上家纺企业。", "sentence"))


@pytest.mark.parametrize(("announce", "heading", "body"), [
    ("为做好今年的推荐工作，现将有关事项通知如下：", "一、推荐范围", "纳入湖州市规模以上工业统计的家纺企业。"),
    ("To nominate eligible home-textile firms, the matters are hereby notified as follows:", "I. Who may be nominated",
     "Home-textile firms registered in Huzhou may be nominated."),
])
def test_a_notice_announcing_its_sections_leads_in_no_list(announce: str, heading: str, body: str) -> None:
    """"现将有关事项通知如下：" before the first section heading is the notice's preamble: the heading is no item
    and no condition; the scope under 推荐范围 names who may be recommended."""
    text = (f"Green Factory Nominations 2027\n\nTo the bureaus:\n\n{announce}\n\n{heading}\n{body}\n\n"
            "II. Deadline\n1 March 2027.\n")
    conds = _read(text)
    quotes = {c["quote"] for c in conds}
    assert heading not in quotes and announce not in quotes
    assert {"region", "sector"} <= {c["type"] for c in conds if c["quote"] == body}


@pytest.mark.parametrize(("sentence", "place"), [
    ("(a) has its business registration and tax affairs in Huzhou, including the towns of Zhili and Nanxun;", "Huzhou"),
    ("Applicants keep their registration and tax payment in Jiaxing.", "Jiaxing"),
    ("申报企业的工商登记和税务关系均在湖州市（含织里镇）。", "Huzhou"),
])
def test_registration_and_tax_affairs_in_a_place_is_the_region(sentence: str, place: str) -> None:
    regions = [c for c in conditions_in(sentence) if c["type"] == "region"]
    assert len(regions) == 1 and regions[0]["value"] == [place]


@pytest.mark.parametrize("sentence", ["此前没有以参展商身份赴境外参加过展会的家纺企业可以申请。",
                                      "以前没有投保过出口信用保险的小微企业均可申请。",
                                      "Home-textile firms that have never before exhibited abroad may apply."])
def test_never_done_before_is_a_first_time_applicant(sentence: str) -> None:
    assert ("first_time", None, "True") in _typed(sentence)
    assert "first_time" not in {c["type"] for c in conditions_in("申报企业从来没有受到过行政处罚。")}


@pytest.mark.parametrize("sentence", ["Applicants must make home textiles or other made-up textile goods.",
                                      "申报企业须主营纺织制成品。"])
def test_made_up_textiles_are_home_textiles(sentence: str) -> None:
    """Made-ups (textile goods sewn ready for use) are home textiles: a firm that says only "textile" may or may
    not make them."""
    assert next(c["value"] for c in conditions_in(sentence) if c["type"] == "sector") == ["home_textile"]


@pytest.mark.parametrize("line", ["第三条 企业年产值首次突破5亿元的，给予一次性奖励30万元。",
                                  "Article 3 Firms whose sales first pass RMB 500 million receive a one-off award of "
                                  "RMB 300,000."])
def test_a_sum_for_first_reaching_a_mark_is_an_award_not_a_condition(line: str) -> None:
    text = (f"湖州市家纺产业扶持措施\n\n第二条 本措施适用于在湖州市注册的家纺企业。\n{line}\n"
            "第四条 有下列情形之一的企业，不享受本措施：\n（一）被列入严重失信主体名单的。\n")
    assert line not in {c["quote"] for c in _read(text)}


@pytest.mark.parametrize("item", ["（四）申报项目已获得省级其他财政专项资金支持的。",
                                  "(d) the project applied for has already received other provincial funding."])
def test_the_project_applied_for_funded_from_elsewhere_is_no_condition(item: str) -> None:
    """The project applied for (申报项目, "the project applied for") funded from another source: the rule against
    paying one thing twice; the project's own funding and this support had before are no such rule."""
    text = ("湖州市家纺技改奖补通知\n一、申报条件\n在湖州市注册的家纺企业。\n二、有下列情形之一的，不予支持：\n"
            f"（一）近三年受过行政处罚的；\n{item}\n")
    assert item not in {c["quote"] for c in _read(text)}
    assert not paid_twice("申报项目须由企业自筹资金建设。")
    assert not paid_twice("The project must be financed by the firm itself.")
    assert not paid_twice("该项目已获得过本区补助的。")


@pytest.mark.parametrize("sentence", ["登记在湖州市的家纺企业，会员企业与非会员企业均可报名。",
                                      "Home-textile firms registered in Huzhou may sign up, members and non-members "
                                      "alike."])
def test_members_and_non_members_alike_asks_no_membership(sentence: str) -> None:
    assert not untyped_requirement(sentence)
    assert untyped_requirement("登记在湖州市的家纺企业，须为协会会员单位。")
    assert untyped_requirement("Home-textile firms registered in Huzhou that are members of the Association.")


@pytest.mark.parametrize("line", ["对认定为市级绿色工厂的企业，一次性奖励30万元。",
                                  "Firms recognised as municipal green factories receive a one-off award of "
                                  "RMB 300,000."])
def test_an_award_for_being_rated_is_no_condition(line: str) -> None:
    text = (f"湖州市家纺绿色工厂奖励通知\n\n一、申报条件\n在湖州市注册的家纺企业可以申报。\n\n二、奖励标准\n{line}\n\n"
            "三、申报时间\n2027年3月1日前。\n")
    assert line not in {c["quote"] for c in _read(text)}
    assert {"region", "sector"} <= {c["type"] for c in _read(text)}
    assert TIER.search(line)  # never given to the fitted model either


@pytest.mark.parametrize("sentence", ["It has not been involved in any serious fire or pollution accident since 2024.",
                                      "(c) the tax bureau has not classed it as a dishonest taxpayer;",
                                      "海关未将其认定为失信企业。"])
def test_a_clean_record_in_a_verb_of_its_own(sentence: str) -> None:
    """"has not been involved in any … accident", "has not classed it as dishonest": a clean record; a credit grade
    stays no record of offences."""
    assert ("no_violations", None, "True") in _typed(sentence)
    assert "no_violations" not in {c["type"] for c in conditions_in("The customs authority has rated it B or above.")}


@pytest.mark.parametrize(("heading", "body"), [
    ("三、不予受理的企业", "近两年发生较大生产安全事故的企业；被列入经营异常名录的企业。"),
    ("3. Exclusions", "Firms that had a serious safety accident in the last two years; firms on the list of "
                      "abnormal operations."),
])
def test_a_paragraph_of_exclusions_under_its_heading_is_one_clean_record(heading: str, body: str) -> None:
    """Offences run together in one paragraph under a heading that shuts them out ("不予受理的企业"): one
    no-violations condition, quoting the paragraph."""
    text = (f"湖州市家纺技改补助通知\n\n一、申报主体\n在湖州市注册的家纺企业。\n\n"
            f"二、补助标准\n按设备投资额的5%给予补助。\n\n{heading}\n{body}\n\n四、申报时间\n2027年3月1日前。\n")
    clean = [c["quote"] for c in _read(text) if c["type"] == "no_violations"]
    assert clean == [body]


@pytest.mark.parametrize("line", ["企业当年设备投资额300万元以上的，按投资额的5%给予补助，最高50万元。",
                                  "Firms whose equipment investment in the year reaches RMB 3 million receive 5% of "
                                  "it, up to RMB 500,000."])
def test_a_rate_on_what_the_firm_spends_is_no_condition(line: str) -> None:
    text = (f"湖州市家纺技改补助措施\n\n第一条 适用范围\n在湖州市注册的家纺企业。\n\n第二条 补助标准\n{line}\n")
    assert line not in {c["quote"] for c in _read(text)}
    assert SPEND_RATE.search(line)  # never given to the fitted model either
    assert not SPEND_RATE.search("设备投资额300万元以上、注册在湖州市的家纺企业可以申报。")


@pytest.mark.parametrize("line", ["本办法所称企业，指在湖州市依法登记注册的家纺企业。",
                                  "'Enterprise' in these Measures means a home-textile firm registered in Huzhou."])
def test_the_notices_own_enterprise_defined_is_whom_it_benefits(line: str) -> None:
    """A definition of the notice's plain "enterprise" says whom it benefits; a definition of a kind of firm
    ("本办法所称中小企业，是指…") stays none."""
    text = f"湖州市家纺产业扶持办法\n\n第一条 适用范围\n{line}\n\n第二条 补助标准\n按设备投资额的5%给予补助。\n"
    assert {"region", "sector"} <= {c["type"] for c in _read(text) if c["quote"] == line}
    assert never("本办法所称中小企业，是指符合国家划型标准的企业。")


@pytest.mark.parametrize("sentence", [
    "A firm qualifies where it is registered and pays its taxes in Wuxing District (Zhili, Balidian, Daixi, Donglin, "
    "Huzhou Economic Development Zone and the other towns, sub-districts and parks of the district), makes "
    "children's wear, knitted outerwear, sleepwear or other garments for export, had sales of between RMB 10 million "
    "and RMB 300 million in 2026, and has not been fined by the customs, tax or market regulation authorities in "
    "the two years before applying.",
    "凡工商注册和税收缴纳关系均在吴兴区（含织里镇、八里店镇、道场乡、东林镇、埭溪镇、妙西镇、高新区、湖州经济技术开发区及区内其他乡镇、"
    "街道和各类产业园区、小微企业园、电商园区、孵化基地、众创空间、专业市场等），主要从事童装、针织外衣、家居服、内衣、睡衣、羽绒服、"
    "牛仔服装、职业装、校服、运动服装以及其他各类针织和梭织服装的设计、研发、生产、加工、销售和出口业务，具有独立法人资格，财务管理制度"
    "健全，会计核算规范，按时足额缴纳各项税费，依法为职工缴纳社会保险，生产经营状况良好，2026年度营业收入在1000万元至3亿元之间，"
    "近两年内未受到海关、税务、市场监管、生态环境、应急管理、人力资源和社会保障等部门行政处罚，未被列入严重失信主体名单、经营异常名录"
    "或者重大税收违法失信主体名单，且本年度内未发生较大及以上生产安全事故、环境污染事件、产品质量事故和劳动保障重大违法行为的服装企业，"
    "均可按照本通知的要求和程序申报本年度服装产业转型升级专项资金，各乡镇（街道）、园区应当认真组织、广泛宣传、严格审核、如实推荐。",
])
def test_a_packed_sentence_is_quoted_whole(sentence: str) -> None:
    """A sentence packing every condition runs past what the rules read (400 characters): each condition still
    quotes it whole."""
    assert len(sentence) > 400
    conds = _read(f"Garment Upgrading Support 2027\n\nWho can apply\n{sentence}\n\nDeadline\n1 March 2027.\n")
    assert {"region", "sector"} <= {c["type"] for c in conds}
    assert {c["quote"] for c in conds} == {sentence}


@pytest.mark.parametrize("line", [
    "被海关、税务、市场监管等部门公布为违法企业且仍在处罚期内的，不得报名。",
    "近三年有违法记录的企业不得报名。",
    "发生过重大安全事故的企业不得参评。",
    "Firms named by customs, tax or market regulators as offenders and still under penalty may not sign up.",
    "Companies with a record of violations in the past three years cannot register.",
])
def test_offenders_barred_from_signing_up_ask_a_clean_record(line: str) -> None:
    """Round 21 (seen): offenders may not sign up (报名, 参评, "sign up", "register") for a delegation or a
    selection, as they may not apply: a clean record, not an untyped requirement."""
    zh = line[0] > "\u3000"
    text = ("关于组织参展的通知\n二、谁可以报名\n本次展团只接收中小微企业报名。\n{}\n"
            "三、报名方式\n请于2026年12月31日前报名。\n"
            if zh else "Notice on the delegation\n2. Who can sign up\nOnly SMEs may sign up.\n{}\n"
                       "3. How to sign up\nSign up before 31 December 2026.\n").format(line)
    read = {c["type"] for c in _read(text)}
    assert "no_violations" in read and "text" not in read, read


@pytest.mark.parametrize(("heading", "scope", "conditions"), [
    ("一、支持内容", "支持内容包括印染废水深度处理、定型机废气回收、余热利用和能源在线监测等。",
     "三、申报条件\n（一）在嘉兴市注册的印染企业；\n（二）上年度营业收入2000万元以上。"),
    ("一、支持内容", "项目可以涵盖厂房屋顶光伏、空压机更新、照明改造及能耗管理软件等内容。",
     "三、申报条件\n（一）在嘉兴市注册的印染企业；\n（二）上年度营业收入2000万元以上。"),
    ("1. What the grant pays for", "Projects may cover effluent reuse, heat recovery on stenters, rooftop solar "
     "panels and metering software.", "3. Who may apply\n(1) dyeing firms registered in Jiaxing;\n"
     "(2) revenue of RMB 20 million or more last year."),
    ("1. What the grant pays for", "Eligible activities include new compressors, LED lighting, waste-heat boilers "
     "and staff training on energy use.", "3. Who may apply\n(1) dyeing firms registered in Jiaxing;\n"
     "(2) revenue of RMB 20 million or more last year."),
])
def test_what_a_project_may_cover_is_neither_a_condition_nor_a_refusal(heading: str, scope: str,
                                                                      conditions: str) -> None:
    """Round 21 (aa05, seen): a sentence on what a project or the support may include is the support's scope;
    the model, which calls every unit a condition here, is never given it; a sentence naming who runs the
    project stays the model's to read."""
    from indexer.notice.fitted import Reading

    def judge(units: Any) -> list[Any]:
        return [Reading(0.9, "other", True) for _ in units]

    money = "二、补助标准\n按实际投入的20%给予补助。" if scope[0] > "\u3000" else "2. Grant\n20% of the cost."
    text = f"Energy upgrade support\n\n{heading}\n{scope}\n\n{money}\n\n{conditions}\n"
    found = extract_eligibility([_chunk(text, "fresh")], text, None, "2026-12-01", judge=judge)["conditions"]
    assert scope not in {c["quote"] for c in found}
    assert {"region", "sector"} <= {c["type"] for c in found}
    assert not may_state(Unit(scope, scope, "sentence"))
    for asks in ("Projects may be run only by firms registered in Jiaxing.", "项目须由在嘉兴市注册的企业实施。"):
        assert may_state(Unit(asks, asks, "sentence"))


@pytest.mark.parametrize(("line", "place"), [
    ("注册地在湖州市南浔区的企业，当年设备投资额300万元以上的，按投资额的5%给予补助，最高50万元。", "Nanxun"),
    ("在南浔区登记注册的企业设备投入500万元以上的，按设备投入的6%给予补助。", "Nanxun"),
    ("Firms registered in Nanxun District whose equipment investment in the year reaches RMB 3 million receive 5% of "
     "it, up to RMB 500,000.", "Nanxun"),
    ("Enterprises registered in Deqing County whose spending on new looms reaches RMB 2 million are paid 4% of it.",
     "Deqing"),
])
def test_a_rate_on_spending_keeps_the_place_it_names(line: str, place: str) -> None:
    """A rate on what the firm spends drops only the rate: its spending bound and its rate ask nothing, the
    place the same sentence names is where applicants must be; a size or sector the rate is for stays the
    tier's (a separate rule read by round 20's z07: "规模以上…企业…的，按4%")."""
    zh = line[0] > "\u3000"
    text = ("湖州市纺织技改补助措施\n\n第一条 补助标准\n{}\n\n第二条 申报时间\n2027年3月1日前。\n" if zh else
            "Huzhou textile upgrade grants\n\n1. Grant\n{}\n\n2. Deadline\n1 March 2027.\n").format(line)
    conds = _read(text)
    assert [(c["type"], c["value"], c["quote"]) for c in conds] == [("region", [place], line)]
    tier = "规模以上纺织企业当年设备投入400万元以上的，按设备投入的4%给予补助。"
    assert _read(f"湖州市纺织技改补助措施\n\n第一条 补助标准\n{tier}\n") == []


@pytest.mark.parametrize("goal", [
    "技改完成后，企业单位产品能耗应比改造前下降10%以上；",
    "项目建成后，印染废水回用率须达到40%以上。",
    "Once the retrofit is complete, the mill must cut its water use per tonne of fabric by at least 15%.",
    "After the project is finished, the plant should reach level 3 of the national digital maturity scale.",
])
def test_what_the_project_must_reach_once_done_is_no_condition(goal: str) -> None:
    """Round 11 (q06, seen): a level the firm or project must reach after the upgrade is the project's goal,
    not a requirement on who may apply now; the same notice's conditions are read as before, and a
    requirement on the applicant in the same section stays one."""
    zh = goal[0] > "\u3000"
    text = ("关于征集2027年度印染企业节能改造项目的通知\n\n一、申报主体应当满足\n1. 在绍兴市注册的印染企业；\n"
            "2. 上年度营业收入5000万元以上。\n\n二、项目要求\n{}\n\n三、报送时间\n请于2027年3月1日前报送。\n" if zh else
            "Call for Dyeing Energy Projects 2027\n\n1. Applicants must\n(1) be dyeing firms registered in Shaoxing;\n"
            "(2) have had revenue of RMB 50 million or more last year.\n\n2. Project requirements\n{}\n\n"
            "3. Deadline\nSend the papers by 1 March 2027.\n").format(goal)
    conds = _read(text)
    assert goal not in {c["quote"] for c in conds}
    assert {"region", "sector", "annual_revenue_cny_min"} <= {c["type"] for c in conds}
    assert never(goal) and not may_state(Unit(goal, goal, "section"))
    assert not never("申报企业应在改造完成前取得排污许可证。")
    assert not never("The applicant must have completed at least one upgrade project before.")


@pytest.mark.parametrize(("question", "answer"), [
    ("问一：哪些企业可以申请本年度技改补助？",
     "答：在湖州市注册且上年度营业收入2000万元以上的丝绸企业，可以申请；上年度新投产的丝绸企业，营业收入不作要求。"),
    ("问：哪些单位可以申领稳岗返还？",
     "答：在本市注册、连续足额缴纳失业保险费满12个月的企业可以申领；参保职工20人以下的企业，裁员率不高于20%的也可申领。"),
    ("Q1. Which firms can apply?",
     "A: Silk firms registered in Huzhou with revenue of RMB 20 million or more last year can apply; firms that "
     "started production last year are not held to the revenue figure."),
])
def test_an_answer_to_who_may_apply_is_quoted_to_its_full_stop(question: str, answer: str) -> None:
    """Round 21 (aa10, seen): a reply to "who may apply" runs to its full stop, as an article does; its
    conditions quote the whole answer, not the half before a semicolon."""
    text = f"Policy questions and answers\n\n{question}\n{answer}\n\n问二：什么时候申请？\n答：另行通知。\n"
    conds = _read(text, "湖州市经济和信息化局")
    assert conds and {c["quote"] for c in conds} == {answer}
    assert "region" in {c["type"] for c in conds}


@pytest.mark.parametrize("pointer", [
    "申报单位应符合的条件，按照附件2《申报单位基本条件》执行。",
    "申报企业范围和条件以附件1为准。",
    "Who may apply, and on what conditions, is as laid down in Annex 1.",
    "Applicants are admitted in accordance with Annex 1 (Eligibility).",
])
def test_a_line_sending_the_reader_to_the_annex_gives_way_to_it(pointer: str) -> None:
    """Round 22 (ab05, seen): "按附件1《申报条件》执行" points to the annex as "详见附件1" does: the annex's
    items are the conditions, the pointer none."""
    text = ("台州市经济和信息化局关于组织申报2027年度针织企业节水改造奖励的通知\n\n"
            "一、奖励标准\n按节水设备投资额的10%给予奖励。\n\n"
            f"二、申报对象\n{pointer}\n\n三、报送时间\n请于2027年3月15日前报送。\n\n台州市经济和信息化局\n2027年1月6日\n\n"
            "附件1\n\n申报单位基本条件\n\n一、在台州市依法注册的针织企业。\n二、2026年营业收入3000万元以上。\n"
            "三、近两年未发生较大及以上环境污染事件。\n")
    found = extract_eligibility([_chunk(text, "tz")], text, "台州市经济和信息化局", "2027-01-06")["conditions"]
    assert {c["type"] for c in found} == {"region", "sector", "annual_revenue_cny_min", "no_violations"}
    assert pointer not in {c["quote"] for c in found}


@pytest.mark.parametrize("item", [
    "在如皋市设有生产或经营场所；仅在如皋市注册而无实际经营的企业不予受理；",
    "it has a workshop or office in Rugao; a firm registered in Rugao with no production there does not qualify;",
    "it trades from premises in Rugao, and a company registered in Rugao without any business there is not eligible;",
])
def test_a_firm_registered_there_without_business_there_still_asks_the_place(item: str) -> None:
    """Round 22 (ab10, seen): shutting out a firm registered in the place with no business there asks the place,
    it does not shut the place out."""
    zh = item[0] > "\u3000"
    text = ("如皋市纺织企业出口补助\n\n申报条件\n申报企业须同时满足以下条件：\n（一）{}\n（二）从事纺织品生产。\n"
            if zh else
            "Rugao Export Grants\n\nEligible firms\nA firm must satisfy each of the following:\n- {}\n"
            "- it makes textiles.\n").format(item)
    regions = [c for c in _read(text) if c["type"] == "region"]
    assert [(c.get("op"), c["value"]) for c in regions] == [(None, ["Rugao"])]


@pytest.mark.parametrize("line", [
    "Enterprises from any province of China may join, provided they meet all of the requirements in this section.",
    "Firms from anywhere in China may apply if they meet the criteria in this section.",
    "来自全国各省份的纺织企业均可报名，但须符合本节所列条件。",
])
def test_any_province_of_the_country_asks_no_place(line: str) -> None:
    """Round 22 (ab08, seen): "from any province of China" lets every place in; the sentence points to the
    section's conditions and asks nothing itself. "registered anywhere in Jiangsu" still asks Jiangsu."""
    zh = line[0] > "\u3000"
    text = ("关于组织境外采购商对接团的通知\n\n一、报名条件\n{}\n1. 报名企业须为中小企业；\n"
            "2. 上年度营业收入2000万元以上。\n" if zh else
            "Buyer Matchmaking Delegation 2027\n\nWho may join\n{}\nIt must be a small or medium-sized enterprise.\n"
            "Its revenue last year must have been RMB 20 million or more.\n").format(line)
    conds = _read(text)
    assert {c["type"] for c in conds} >= {"enterprise_size", "annual_revenue_cny_min"}
    assert not {"region", "text"} & {c["type"] for c in conds}, conds
    assert [c["value"] for c in conditions_in("registered anywhere in Jiangsu")] == [["Jiangsu"]]


@pytest.mark.parametrize("line", ["Costs must be approved before they are incurred.",
                                  "Expenses have to be cleared in advance: they must be approved before the fair.",
                                  "参展费用须事先报经区商务局批准，未经批准的费用不予补助。"])
def test_costs_approved_before_they_are_spent_is_no_condition(line: str) -> None:
    """Round 22 (ab10, seen): approving costs before they are spent is how the money is paid out."""
    zh = line[0] > "\u3000"
    text = ("南通市出口补助\n\n申报条件\n（一）在南通市注册的纺织企业；\n（二）从业人员300人以下。\n\n{}\n" if zh else
            "Nantong Export Grants\n\nEligible firms\n- registered in Nantong;\n- makes textiles;\n"
            "- fewer than 300 employees.\n\n{}\n").format(line)
    conds = _read(text)
    assert line not in {c["quote"] for c in conds}
    assert "text" not in {c["type"] for c in conds}


@pytest.mark.parametrize("heading", ["一、报名条件", "二、企业报名条件", "Who may sign up"])
def test_sign_up_conditions_head_a_list_as_application_conditions_do(heading: str) -> None:
    """报名条件 (a delegation's or a fair's) heads its list as 申报条件 does: every item is read, not only the
    items that name the firm (found writing round 22's tests)."""
    zh = heading[0] > "\u3000"
    text = ("关于组织参加2027年米兰面料展的通知\n\n{}\n面料企业均可报名。\n1. 注册地在绍兴市；\n"
            "2. 上年度出口额500万美元以上。\n" if zh else
            "Milan Fabric Fair Delegation 2027\n\n{}\nFabric makers may sign up.\n1. registered in Shaoxing;\n"
            "2. exports of USD 5 million or more last year.\n").format(heading)
    assert {c["type"] for c in _read(text)} == {"region", "sector", "annual_exports_usd_min"}


@pytest.mark.parametrize("sentence", [
    "A member must be a small or medium-sized enterprise under the national size rules; large enterprises and micro "
    "enterprises fall outside the scheme.",
    "Applicants must be SMEs; micro firms are not eligible.",
    "申报企业须为中小企业；大型企业和微型企业不在本次支持之列。",
])
def test_a_size_shut_out_in_a_clause_of_its_own_leaves_the_others(sentence: str) -> None:
    """Round 22 (ab08, seen): micro firms shut out after a semicolon leave small and medium, as in brackets."""
    sizes = [c["value"] for c in conditions_in(sentence) if c["type"] == "enterprise_size"]
    assert sizes == [["small", "medium"]]
    assert [c["value"] for c in conditions_in("Large enterprises are not covered.")
            if c["type"] == "enterprise_size"] == [["micro", "small", "medium"]]


@pytest.mark.parametrize(("heading", "body"), [
    ("Who could apply", "Applicants had to be knitwear makers based in Tongxiang City and had to employ at least 30 "
                        "people."),
    ("Who might apply", "Only knitwear makers based in Tongxiang City with at least 30 employees were considered."),
    ("谁可以申请", "申请企业须为注册在桐乡市的针织企业，从业人员30人以上。"),
])
def test_a_heading_asking_who_could_apply_in_the_past_tense_heads_the_conditions(heading: str, body: str) -> None:
    """Round 21 (aa09, seen): a closed call written in the past tense ("Who could apply", "Applicants had to be")
    states its conditions as a call in the present does."""
    zh = heading[0] > "\u3000"
    text = (f"桐乡市针织企业补助\n\n{heading}\n{body}\n\n截止时间\n2026年9月30日。\n" if zh else
            f"Tongxiang Knitwear Grants 2026\n\n{heading}\n{body}\n\nDeadline\nApplications closed on 30 September "
            "2026.\n")
    assert {c["type"] for c in _read(text)} >= {"region", "sector", "employees_min"}


@pytest.mark.parametrize(("notice", "closes"), [
    ("嘉善县人力资源和社会保障局\n关于2023年度失业保险稳岗返还的公告\n嘉人社〔2023〕12号\n\n一、返还对象\n在嘉善县参加失业保险的"
     "企业。\n\n二、办理方式\n本次返还实行免申即享，由社保经办机构比对数据后直接拨付，企业无需提出申请。\n\n三、执行期限\n本公告"
     "执行期限至2023年12月31日。\n", "2023-12-31"),
    ("Jiashan County Job-Retention Refund 2023\n\nWho benefits\nFirms insured in Jiashan County.\n\nHow it is paid\n"
     "No application is needed: the refund is paid automatically to each firm's bank account.\n\nPeriod\nThis notice "
     "is valid until 31 December 2023.\n", "2023-12-31"),
])
def test_a_benefit_paid_without_applying_closes_when_the_notice_expires(notice: str, closes: str) -> None:
    """Rounds 8 and 21 (n02, aa01, seen): a benefit paid without an application (免申即享, "No application is
    needed") and no window of its own is claimable while the notice is in force: closed once it expires."""
    from bot.finder.match import Profile, assess

    window = extract_eligibility([_chunk(notice, "js")], notice, None, "2023-03-01")["window"]
    assert window and window["until_expiry"] and window["closes"] is None
    doc = {"eligibility": {"conditions": [], "window": window}, "expiry_date": closes, "doc_number": "x"}
    seen = assess("js", {"js": doc}, Profile(), dt.date(2026, 12, 6), "zh")["window"]
    assert (seen["state"], seen["closes"]) == ("closed", closes)
    assert assess("js", {"js": doc}, Profile(), dt.date(2023, 6, 1), "zh")["window"]["state"] == "open"


@pytest.mark.parametrize("sentence", ["第六条 企业应于每年4月底前向区商务局申报上一年度的补助。",
                                      "Article 6 Firms claim for the year before by the end of April each year."])
def test_a_deadline_each_year_is_its_next_one_and_ends_with_the_notice(sentence: str) -> None:
    """Round 22 (ab09, seen): a deadline that comes round each year is open until its next day; in a notice that
    has expired, its last round is the first after the expiry (claims for the last year), closed after it."""
    from bot.finder.match import Profile, assess

    window = read_window([Sentence(sentence)], "2024-01-10")
    assert window and window["yearly"] and window["opens"] is None
    doc = {"eligibility": {"conditions": [], "window": window}, "doc_number": "x"}
    now = assess("d", {"d": {**doc, "expiry_date": "2027-12-31"}}, Profile(), dt.date(2026, 12, 6), "zh")["window"]
    assert (now["state"], now["closes"]) == ("open", "2027-04-30")
    gone = assess("d", {"d": {**doc, "expiry_date": "2025-12-31"}}, Profile(), dt.date(2026, 12, 6), "zh")["window"]
    assert (gone["state"], gone["closes"]) == ("closed", "2026-04-30")


@pytest.mark.parametrize("sentence", [
    "在本市足额缴纳失业保险费满12个月的企业可以申领。",
    "在本市连续缴纳社会保险费满一年的纺织企业均可申请。",
    "Firms that have paid unemployment insurance in full in the city for 12 months may claim.",
    "Firms insured in the city for at least 12 months may claim.",
])
def test_contributions_paid_in_the_issuers_own_place_ask_that_place(sentence: str) -> None:
    """"在本市足额缴纳失业保险费", "paid unemployment insurance … in the city": where a firm pays its contributions is
    where it must be, as "在本市参加失业保险" is (found writing round 21's answer tests)."""
    issuer = "湖州市人力资源和社会保障局" if sentence[0] > "\u3000" else "Huzhou Municipal Human Resources Bureau"
    assert [c["value"] for c in conditions_in(sentence, issuer) if c["type"] == "region"] == [["Huzhou"]]


@pytest.mark.parametrize(("text", "issuer", "zone", "city"), [
    ("关于2027年度临沂市场采购贸易主体奖励的通知\n\n申报单位为在临沂西城商贸物流园区内从事经营、已完成平台备案的纺织品经营户。\n",
     "临沂市商务局", "临沂西城商贸物流园区", "临沂市"),
    ("关于市场采购贸易经营户补助的通知\n\n补助对象为在蚌埠中恒商贸城市场集聚区内经营的服装商户。\n", None,
     "蚌埠中恒商贸城市场集聚区", "蚌埠市"),
])
def test_a_market_area_the_applicant_trades_in_is_its_region_inside_its_city(
        text: str, issuer: str | None, zone: str, city: str) -> None:
    """Round 23 (ac04, seen): "在…集聚区内经营" ties the applicant to a market area the gazetteer lacks; the
    area, named after its city's short form, lies in that city, so a firm of Wuxi or Keqiao is not in it."""
    regions = [c for c in _read(text, issuer) if c["type"] == "region"]
    assert [(c["value"], c.get("within")) for c in regions] == [([zone], {zone: city})]
    assert within("Keqiao", zone) is None  # the matcher decides through the city: Keqiao is not in it
    assert within("Keqiao", city) is False


@pytest.mark.parametrize(("text", "city"), [
    ("Market Procurement Awards 2027\n\nThe award is open to garment traders that do business in the Bengbu "
     "Zhongheng Market Cluster.\n", "蚌埠市"),
    ("Market Procurement Awards 2027\n\nApplicants must be textile traders that operate within the Linyi Xicheng "
     "Trade Logistics Park.\n", "临沂市"),
])
def test_a_market_area_the_applicant_operates_in_is_read_in_english(text: str, city: str) -> None:
    """Round 23 (ac04, seen), in English: "do business in" / "operate within" a market area ties the applicant
    to it; read through the city its name starts with."""
    assert [c["value"] for c in _read(text) if c["type"] == "region"] == [[city]]


@pytest.mark.parametrize(("row", "place"), [
    ("| 统计关系 | 列入浙江省统计调查单位名录 |", "Zhejiang"),
    ("申报企业须纳入嘉兴市统计调查单位名录。", "Jiaxing"),
    ("The applicant must be on the statistical survey register of Zhejiang Province.", "Zhejiang"),
    ("Applicants must be included in the statistical directory of Jiaxing City.", "Jiaxing"),
])
def test_a_places_statistics_register_is_a_region_and_no_list_of_its_own(row: str, place: str) -> None:
    """Round 23 (ac01, seen): "列入江苏省统计调查单位名录" says where the firm's statistics lie (its region, as
    统计关系在 does), not membership of a list the profile cannot answer."""
    assert [c["value"] for c in conditions_in(row) if c["type"] == "region"] == [[place]]
    assert not untyped_requirement(row)
    assert untyped_requirement("列入浙江省重点培育企业名录。")  # a list of its own stays asked


@pytest.mark.parametrize("line", [
    "Costs must be set out in the application and approved before they are incurred.",
    "Spending must be listed in the plan and cleared before it is made.",
    "相关费用须在申报书中逐项列明并事先报经区商务局同意。",
    "Walking a show without a booth does not qualify, and neither do conferences without an exhibition hall.",
    "Visiting a fair as a buyer is not covered.",
    "仅参观、不设展位的观展活动不予支持。",
])
def test_costs_cleared_first_and_ways_of_taking_part_left_out_are_no_conditions(line: str) -> None:
    """Round 23 (ac06, ac13, seen): costs listed and approved before they are spent are how the money is paid;
    a way of taking part the support leaves out (walking a show, a conference) is its scope: nothing asked of
    the firm."""
    assert never(line)
    assert not never("The firm must rent booth space and exhibit.")


@pytest.mark.parametrize("line", [
    "市商务局会同行业协会，按产品特色、出口增长和参展计划综合评分，评分相同的，此前未入驻过“绍兴馆”的企业优先。",
    "组委会对报名企业综合打分，得分相同的，首次参加的企业优先。",
    "Applications are scored on design, export growth and show plans; where scores are equal, firms that have "
    "never joined the pavilion come first.",
])
def test_a_tie_break_before_a_priority_asks_nothing(line: str) -> None:
    """Round 23 (ac12, seen): how applications are scored and whom a tie favours is no condition; the
    firm's own clause before a priority stays ("Firms registered in Shaoxing, …")."""
    from indexer.notice.not_conditions import without_priority

    assert without_priority(Unit(line, line, "sentence", None, None)).text == ""
    kept = "Firms registered in Shaoxing, with firms exhibiting for the first time given priority."
    assert without_priority(Unit(kept, kept, "sentence", None, None)).text == "Firms registered in Shaoxing,"


@pytest.mark.parametrize("line", [
    "A company that is on the list of seriously dishonest entities when it applies will be turned away.",
    "Firms named on the dishonest list at the time of application are sent away.",
    "申报时被列入严重失信主体名单的企业，一律退回。",
])
def test_a_dishonest_firm_turned_away_is_a_clean_record_bar(line: str) -> None:
    """Round 23 (ac07, seen): "will be turned away", "一律退回" shut out a firm on the dishonesty list as
    "are not eligible" does: a no-violations condition, not an untyped one."""
    assert _typed(line) == {("no_violations", None, "True")}


@pytest.mark.parametrize(("sentence", "opens", "closes"), [
    ("The window for this round closed on 31 October 2026, and the grants have been paid.", None, "2026-10-31"),
    ("本轮申报窗口已于2026年10月31日关闭，补贴已发放完毕。", None, "2026-10-31"),
    ("Register 30 days before the fair opens; the last date for any fair in 2027 is 30 November 2027.", None,
     "2027-11-30"),
    ("每场展会须在开幕前30日报名，2027年各展会的最后报名日期为2027年11月30日。", None, "2027-11-30"),
    ("The portal opens on 3 January 2027 and closes at the end of 28 February 2027.", "2027-01-03", "2027-02-28"),
])
def test_a_window_that_closed_a_last_date_and_the_end_of_a_day(sentence: str, opens: str | None, closes: str) -> None:
    """Round 23 (ac05, ac13, ac07, seen): "the window … closed on", "the last date for any show … is",
    最后报名日期为, "closes at the end of" give the window's dates; a shop window is no application window."""
    window = read_window([Sentence(sentence)], "2026-08-18")
    assert window and (window["opens"], window["closes"]) == (opens, closes)
    assert read_window([Sentence("The shop window display must be ready by 1 March 2027.")], "2026-08-18") is None


@pytest.mark.parametrize("item", ["(c) it employs at least 20 and at most 300 people;",
                                  "Firms that employ at least 30 and at most 500 staff may apply.",
                                  "（三）从业人员不少于20人且不超过300人；"])
def test_a_headcount_with_its_unit_only_after_the_upper_end_is_both_ends(item: str) -> None:
    """Round 23 (ac05, seen): "at least 20 and at most 300 people" is a headcount at both ends, not a bare
    20 beside a headcount (which left an untyped condition on the item)."""
    assert {(t, op) for t, op, _ in _typed(item)} == {("employees_min", ">="), ("employees_max", "<=")}
    assert not untyped_requirement(item)
    assert untyped_requirement("It must hold at least 3 and at most 20 patents.")


@pytest.mark.parametrize(("line", "read"), [
    ("支持印染废水深度处理、中水回用、定形机余热回收等改造，项目节水率不低于15%，且已于2026年内完工。", False),
    ("The scheme supports process upgrades, heat recovery and rooftop solar, where the project saves at least 12% "
     "of energy.", False),
    ("支持在越城区注册的印染企业开展节能改造，企业营业收入不低于3000万元。", True),
    ("The scheme supports dyeing firms registered in Yuecheng with revenue of RMB 30 million or more.", True),
])
def test_the_works_a_notice_supports_are_never_given_to_the_model(line: str, read: bool) -> None:
    """Round 23 (ac08, seen): "支持…等综合改造，项目节能率不低于10%" names the works supported and what the
    project must reach, under 支持内容: never an applicant condition (its quote was taken for the annex's credit
    grade); a line naming the firms supported stays the model's to read."""
    assert may_state(Unit(line, line, "sentence", None, None)) is read


@pytest.mark.parametrize(("sentence", "asks"), [
    ("本次稳岗返还面向本市参保企业，企业上年度裁员率不超过4.5%。", True),
    ("The job-retention refund goes to insured employers whose layoff rate in 2025 was no more than 4 per cent.", True),
    ("一次性扩岗补助发放对象为资产负债率低于70%的纺织企业。", True),
    ("返还比例为上年度申报金额的50%，裁员率放宽至不超过20%的按30%返还。", False),
    ("The refund rate is no more than 50% of the contributions paid in 2025.", False),
])
def test_a_rate_asked_of_the_firm_in_a_sentence_that_grants(sentence: str, asks: bool) -> None:
    """Round 24 (ad02, seen): "企业须上年度未裁员或裁员率不高于5.5%" in a sentence of 稳岗返还 is the firm's own
    rate, a condition no type covers; the refund's own rate is not."""
    assert untyped_requirement(sentence) is asks


@pytest.mark.parametrize("text", [
    "Grants\n\nWho may apply\nA grant is paid only to a mill that, when it applies,\n(a) is registered in Huzhou;\n"
    "(b) makes silk fabrics.\n",
    "申报条件\n申报企业在提交申请之日，\n（一）在湖州市注册；\n（二）主营丝绸面料。\n",
])
def test_a_lead_in_left_open_for_its_items_is_no_condition(text: str) -> None:
    """Round 24 (ad07, seen): "Support goes only to a company that, on the day it applies," ends in a comma
    and the items finish it: a lead-in, never an untyped condition of its own."""
    assert [b.kind for b in parse(text).blocks if "申报企业在" in b.text or "that, when" in b.text] == ["lead_in"]
    conds = _read(text)
    assert {c["type"] for c in conds} == {"region", "sector"}


@pytest.mark.parametrize(("sentence", "town"), [
    ("A firm qualifies only if it is registered, and files its taxes, in Qingxi Town, Dongguan.", "Qingxi"),
    ("Firms registered, and paying their taxes, in Dalang Town, Dongguan may apply.", "大朗镇"),  # one 大朗镇
    ("企业注册、纳税均在东莞市清溪镇。", "清溪镇"),
])
def test_a_town_the_gazetteer_lacks_is_placed_by_the_notice_s_own_words(sentence: str, town: str) -> None:
    """Round 24 (ad08, seen): "registered, and pays its taxes, in Changping Town, Dongguan": the clause between
    commas is read, and the town the gazetteer lacks lies in the city named after it, so a Keqiao firm is
    known to be elsewhere. A town the town table holds once is placed by the table itself."""
    (region,) = regions_in(sentence)
    assert region["value"] == [town] and (region.get("within", {}).get(town) or chain(town)[1]) == "Dongguan"


@pytest.mark.parametrize(("item", "sectors"), [
    ("- It makes garments (knitwear, woven clothing or accessories); spinning and dyeing mills are outside this "
     "scheme.", ["apparel"]),
    ("（二）主营服装（针织服装、梭织服装或服饰配件），纺纱、织造、印染企业不在本次支持范围。", ["apparel"]),
    ("Firms outside the textile sector are not eligible.", ["textile"]),
    ("A garment or knitwear maker may apply.", ["apparel", "knitting"]),
])
def test_kinds_shut_out_or_listed_as_examples_are_no_sectors_asked(item: str, sectors: list[str]) -> None:
    """Round 24 (ad08, seen): the kinds a clause shuts out ("spinning, weaving and dyeing mills are outside
    this scheme") and the kinds of garment in brackets after "garments" are no sectors of the scheme's: a
    textile firm is not a garment maker. A sector named only in the clause that shuts the rest out stays."""
    assert [c["value"] for c in conditions_in(item) if c["type"] == "sector"] == [sectors]


def test_a_rolling_issue_with_a_last_date_closes_then() -> None:
    """Round 24 (ad08, seen): "issued on a rolling basis until the budget is spent, and in any case no later
    than 30 June 2027" is a window that closes on that date."""
    window = read_window([Sentence("Vouchers are issued on a rolling basis until the budget is spent, and in any "
                                   "case no later than 31 May 2027.")], "2026-11-16")
    assert window and window["closes"] == "2027-05-31"


@pytest.mark.parametrize(("line", "expiry"), [
    ("This scheme takes applications from 1 April 2026 to 30 September 2026 and will lapse at the end of that "
     "period.", "2026-09-30"),
    ("本细则适用于2026年1月1日至2026年6月30日期间受理的申请，期满自动失效。", "2026-06-30"),
])
def test_a_document_that_lapses_with_the_period_it_names(line: str, expiry: str) -> None:
    """Round 24 (ad09, seen): "These rules apply to applications received between … and 28 February 2026, and
    they lapse at the end of that period": the document is out of force after the period's last day."""
    assert read_validity([line], "2026-01-02")[1] == expiry


@pytest.mark.parametrize("line", [
    "2026年度跨境电商出口交易额（以海关9610、9710、9810监管方式统计数为准）达到800万元（含）的，奖励20万元；"
    "超过5000万元的，奖励50万元。",
    "年度网络销售额达到300万元的，给予5万元奖励。",
    "Firms whose online sales reach RMB 8 million receive RMB 200,000, and those passing RMB 50 million receive "
    "RMB 500,000.",
])
def test_a_sum_for_reaching_a_mark_is_no_condition(line: str) -> None:
    assert TIER.search(line)


@pytest.mark.parametrize("line", [
    "在本区注册、年出口额超过500万美元的企业，给予10万元奖励。",  # who may apply, then what they get
    "交易额不足800万元的，不予奖励。",
    "Firms that pass the review receive RMB 50,000.",
])
def test_who_may_apply_or_a_floor_beside_an_award_is_no_tier(line: str) -> None:
    assert not TIER.search(line)
