"""Lines about the benefit, not the applicant, never become conditions; a definition of whom the
notice benefits does."""

from __future__ import annotations

import pytest

from indexer.notice.conditions import conditions_in, is_exclusion
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.not_conditions import never
from indexer.notice.untyped import untyped_requirement
from tests.indexer.notice.test_eligibility import _chunk

HEAD = ("一、支持对象\n申报企业须同时具备以下条件：\n（一）注册地在嘉兴市；\n（二）上年度出口额在200万美元以上。\n"
        "二、其他事项\n")


@pytest.mark.parametrize("line", [
    "同一批次设备已享受省级技改补助的，市级不再重复补助。",
    "同一展会不得重复申报市、区两级补贴。",
    "No double funding: costs already covered by another public grant are not paid twice.",
    "A booth is supported only once per fair; costs are not subsidised twice.",
])
def test_no_double_funding_is_no_condition(line: str) -> None:
    assert never(line)
    found = extract_eligibility([_chunk(HEAD + line + "\n")], HEAD + line + "\n")["conditions"]
    assert line not in {c["quote"] for c in found}


@pytest.mark.parametrize("line", [
    "本细则所称支持对象，是指在嘉兴市登记注册的针织企业。",
    "For these rules, eligible enterprises means apparel makers registered in Ningbo.",
])
def test_a_definition_of_whom_the_notice_benefits_is_a_condition(line: str) -> None:
    assert not never(line)
    assert never("本细则所称中小企业，是指符合国家划型标准的企业。")  # a term defined, not whom it benefits


@pytest.mark.parametrize("line", [
    "Lines run by firms that export under their own brand are funded first when the budget is tight.",
    "Applications from firms with their own brand are ranked first when funds run short.",
])
def test_a_ranking_line_is_no_condition(line: str) -> None:
    text = HEAD + line + "\n"
    assert line not in {c["quote"] for c in extract_eligibility([_chunk(text)], text)["conditions"]}


def test_an_office_name_is_no_size() -> None:
    assert conditions_in("材料请于截止日前寄送区商务局中小企业服务中心。") == []
    assert conditions_in("Send the form to the SME Office of the city bureau.") == []
    assert conditions_in("申报企业须为中小企业。") == [
        {"type": "enterprise_size", "value": ["micro", "small", "medium"]}]


@pytest.mark.parametrize("line", [
    "Firms fined for customs or tax violations in the past three years will not be considered.",
    "No grant is paid to a firm that has been on the list of seriously dishonest entities since 2024.",
    "近三年受到生态环境行政处罚的企业，不予推荐。",
])
def test_exclusions_in_new_wording_read_as_no_violations(line: str) -> None:
    assert is_exclusion(line)
    assert [c["type"] for c in conditions_in(line)] == ["no_violations"]


def test_not_named_on_a_list_of_dishonest_entities_is_a_clean_record() -> None:
    assert [c["type"] for c in conditions_in("[x] We have never been named on a list of dishonest firms.")] \
        == ["no_violations"]


@pytest.mark.parametrize("line", [
    "(b) at least one of its fabrics is on the provincial list of famous textile products;",
    "（二）企业自主服装品牌已列入省级重点培育品牌名单；",
])
def test_a_place_on_a_list_stays_a_requirement_beside_a_sector(line: str) -> None:
    assert untyped_requirement(line)


def test_a_range_written_as_two_bounds() -> None:
    found = conditions_in("Its sales revenue in 2025 must be at least RMB 30 million and less than RMB 300 million.")
    assert [(c["type"], c["op"], c["value"]) for c in found] == [
        ("annual_revenue_cny_min", ">=", 30_000_000), ("annual_revenue_cny_max", "<", 300_000_000)]
    assert conditions_in("exports of USD 2 million and below")[0]["op"] == "<="


@pytest.mark.parametrize("line", [
    "（四）同一项目每家企业限申报1次。",
    "Support is limited to two stands per company.",
])
def test_a_limit_per_applicant_is_about_the_benefit(line: str) -> None:
    assert never(line)
    assert not never("申报企业须为增值税一般纳税人。")


@pytest.mark.parametrize("line", [
    "第六条　企业当年首次开展跨境电商出口的，另给予一次性5000元奖励。",
    "对首次参加境外展会的企业，再给予每个展位2000元补助。",
    "Firms exhibiting abroad for the first time receive an extra RMB 5,000.",
    "Enterprises that export for the first time are additionally granted a one-off bonus of RMB 3,000.",
])
def test_a_bonus_line_is_about_the_benefit(line: str) -> None:
    """Who gets a bonus on top is no condition of the benefit itself."""
    assert never(line)
    assert not never("对首次参加境外展会的企业给予展位费补助。")


def test_a_definition_of_the_term_the_title_names_is_whom_it_benefits() -> None:
    head = "关于中小纺织出口企业物流费用补贴的实施办法\n第一条　为降低中小纺织出口企业物流成本，制定本办法。"
    line = "第二条　本办法所称中小纺织出口企业，是指在湖州市依法登记、从业人员不超过300人的纺织品出口企业。"
    assert not never(line, head)
    assert never(line, "关于外贸企业参展补助的通知")  # a term the title does not name: a definition
    english = '"Small garment exporters" means enterprises registered in Ningbo with fewer than 100 employees.'
    assert not never(english, "Ningbo Rules on Freight Support for Small Garment Exporters")


@pytest.mark.parametrize(("line", "is_never"), [
    ("Before applying, a firm has to satisfy every one of the four criteria listed below.", True),
    ("申报单位应同时满足下列各项条件。", True),
    ("具体要求如下。", True),
    ("企业从业人员在300人以下。", False),  # 以下 is a bound here
    ("Firms with 300 employees or below.", False),
    ("区级与市级补贴叠加后不得超过实际发生的展位费。", True),
    ("Where the county also pays, the two grants combined cannot exceed the actual cost of the stand.", True),
    ("企业上年度出口额合计不超过1000万美元。", False),  # a bound on the applicant, not a cap on support
])
def test_a_sentence_announcing_the_list_and_a_cap_on_two_grants_are_no_conditions(line: str, is_never: bool) -> None:
    assert never(line) is is_never


@pytest.mark.parametrize("line", [
    "Expenses that any other public programme has already reimbursed cannot be claimed under this grant.",
    "已由其他财政资金支付过的费用不得重复申报。",
    # a real round's form
    "Costs that another public scheme has already paid for cannot be claimed again.",
])
def test_costs_another_scheme_paid_are_no_condition(line: str) -> None:
    assert never(line)
    found = extract_eligibility([_chunk(HEAD + line + "\n")], HEAD + line + "\n")["conditions"]
    assert line not in {c["quote"] for c in found}


@pytest.mark.parametrize("line", [
    "A third of the approved costs, up to RMB 50,000 per company.",
    "按实际展位费的50%给予补助，每家企业最高2万元。",
    # a real round's form
    "Half of the eligible costs, net of VAT, up to RMB 20,000 per firm.",
])
def test_a_share_of_the_costs_capped_per_firm_is_no_condition(line: str) -> None:
    assert never(line)


def test_a_sentence_naming_the_firms_before_their_share_still_asks() -> None:
    line = "对在本市注册登记的纺织企业，按平台年费的50%给予补助，每家企业最高3万元。"
    assert not never(line)
    assert any(c["type"] == "region" for c in conditions_in(line, "绍兴市商务局"))


@pytest.mark.parametrize(("clause", "asks"), [
    ("2026年首次进入规模以上工业企业名录", False),
    ("It entered the register of above-designated-size firms in 2026", False),
    ("已列入省级重点培育品牌名录", True),
])
def test_the_register_of_firms_above_designated_size_is_the_size_itself(clause: str, asks: bool) -> None:
    assert untyped_requirement(clause) is asks


@pytest.mark.parametrize("unit", [
    "The firm pays at least 30% of the total investment itself.",
    "It has had no funding from the province's other export programmes since 2025.",
    "企业自筹资金不低于项目总投资的25%。",
    # a real round's form
    "A workshop also needs a headcount below 20 and 2025 sales above RMB 1 million, and it pays at least a quarter "
    "of the project cost itself in cash.",
])
def test_an_own_share_of_the_cost_or_no_support_from_other_programmes_is_asked(unit: str) -> None:
    assert untyped_requirement(unit)


@pytest.mark.parametrize(("line", "issuer", "kinds"), [
    ("本办法所称申报单位，是在嘉善县登记注册的纺织企业，职工人数在200人以下。", None,
     {"region", "employees_max", "sector"}),
    ("An applicant under this notice is a garment maker registered in Haining with no more than 150 employees.", None,
     {"region", "employees_max", "sector"}),
    ("本通知所称申请企业，是在本区注册并纳入本区统计的工业企业，从业人员不超过300人，且此前从未获得过本区技术改造资助。",
     "深圳市坪山区工业和信息化局", {"region", "employees_max", "first_time"}),
])
def test_the_applicant_defined_with_a_plain_is_asks_what_it_names(line: str, issuer: str | None,
                                                                 kinds: set[str]) -> None:
    assert not never(line)
    text = "二、申请条件\n" + line + "\n三、受理时间\n2026年12月1日至12月25日。\n"
    found = extract_eligibility([_chunk(text)], text, issuer=issuer)["conditions"]
    assert kinds <= {c["type"] for c in found}
    assert never("本办法所称中小企业，是指符合国家划型标准的企业。")  # a term defined, not whom it benefits
