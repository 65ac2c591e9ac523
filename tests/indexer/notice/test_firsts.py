"""Mentions of a first time that ask for none, against the first-time conditions that stand."""

from __future__ import annotations

import pytest

from indexer.notice.conditions import conditions_in


def _first_time(unit: str) -> bool:
    return any(c["type"] == "first_time" for c in conditions_in(unit))


@pytest.mark.parametrize("unit", [
    "No. Companies exhibiting abroad for the first time and returning exhibitors are treated alike.",
    "First-time and repeat applicants both qualify for the booth subsidy.",
    "Firms may claim whether or not they have shown at an overseas fair before.",
    "Support is given regardless of whether the company is exhibiting for the first time.",
    "首次参展企业与再次参展企业同等对待，均按展位费的50%补助。",
    "不论是否首次赴境外参展，符合条件的企业均可申请。",
    "首次被认定为省级绿色工厂的企业奖励20万元。",
])
def test_no_first_time_asked(unit: str) -> None:
    assert not _first_time(unit)


@pytest.mark.parametrize("unit", [
    "It must be exhibiting abroad for the first time.",
    "The company has not exhibited at an overseas fair before.",
    "本次为企业首次出境参展；",
    "此前从未以参展商身份参加过境外展会。",
])
def test_a_first_time_asked_stays(unit: str) -> None:
    assert _first_time(unit)


@pytest.mark.parametrize("unit", [
    "First-time applicants must first register their company details on the district portal.",
    "首次申报的企业须事先在平台完成注册。",
    # a real round's form
    "首次申请的企业应当先在镇经济发展局完成企业基本信息备案。",
])
def test_a_step_first_timers_take_asks_no_first_time(unit: str) -> None:
    assert not _first_time(unit)


@pytest.mark.parametrize("unit", [
    "The firm is not yet on the provincial list of smart factories.",
    "It has made no export sales before 2026.",
    "The company has never exported before.",
    "尚未列入省级智能工厂名单；",
    "企业以往年度已获得市级品牌培育奖励的，本次不得申报。",
    "Firms that received a brand grant in earlier years cannot apply.",
    # real rounds' forms
    "● 尚未列入工业和信息化部绿色工厂名单；",
    "f) have made no export sales before 2026.",
    "以往年度已获得区级数字化改造补助的企业，本次不得申报。",
])
def test_a_title_not_yet_had_no_exports_before_or_an_earlier_award_barred_is_a_first_time(unit: str) -> None:
    assert _first_time(unit)


@pytest.mark.parametrize(("unit", "kind"), [
    ("尚未纳入规模以上工业统计的企业；", "enterprise_size"),
    ("尚未列入严重失信主体名单；", "no_violations"),
    ("It is not yet on the customs list of dishonest enterprises.", None),
])
def test_a_size_register_or_a_credit_list_not_yet_entered_is_no_first_time(unit: str, kind: str | None) -> None:
    read = {c["type"] for c in conditions_in(unit)}
    assert "first_time" not in read and (kind is None or kind in read)


@pytest.mark.parametrize("unit", [
    "从未出口过的企业、偶有出口的企业以及开拓新市场的成熟出口企业均可申报。",
    "首次参展的企业和多次参展的企业都可以报名。",
    "First-time exhibitors, occasional exhibitors and firms that show every year may all apply.",
    # a real round's form
    "Businesses that have never exported, businesses that have exported only now and then, and experienced "
    "exporters going into new markets are all welcome.",
])
def test_first_timers_named_among_other_kinds_all_welcome_ask_no_first_time(unit: str) -> None:
    assert not _first_time(unit)


@pytest.mark.parametrize("unit", [
    "Businesses that have never exported are welcome to apply.",
    "从未出口的企业可以申报。",
])
def test_first_timers_welcome_alone_are_still_asked(unit: str) -> None:
    assert _first_time(unit)


@pytest.mark.parametrize("unit", [
    "首次申请的企业，须先在中小企业国际市场开拓资金申报系统完成注册。",
    "初次申报的单位，应当先在区商务局办理企业信息备案。",
    "First-time applicants, before anything else, must register on the online portal.",
])
def test_a_step_first_timers_take_after_a_comma_asks_no_first_time(unit: str) -> None:
    assert not _first_time(unit)


@pytest.mark.parametrize("unit", [
    "（二）招用2026年1月1日之后在本区首次参加社会保险的劳动年龄人员，签订1年以上劳动合同、稳定就业6个月以上并依法缴纳社会保险。",
    "企业新招用首次就业的高校毕业生，并签订1年以上劳动合同。",
    "Employers that hire people who are insured for the first time after 1 January 2026.",
    "Firms that take on graduates in their first job, on contracts of at least a year.",
])
def test_the_first_time_of_the_people_hired_asks_no_first_time(unit: str) -> None:
    assert not _first_time(unit)


@pytest.mark.parametrize("unit", ["企业首次招用员工。", "首次参加境外展会的企业。"])
def test_the_firms_own_first_time_beside_hiring_is_still_asked(unit: str) -> None:
    assert _first_time(unit)
