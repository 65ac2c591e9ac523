"""Conditions stated from the other side, written fresh for these tests in both languages: cases that are
refused ("有下列情形之一的，不予奖励：（一）注册地不在本县的", "Applications will be turned down where the company:
is not registered in …"), each the negation of a typed condition; a province with a city carved out in a
bracket ("浙江省（宁波市另行组织）", "Zhejiang (Ningbo firms apply under a separate scheme)"); a table row naming
a measure beside its bound ("From USD 3 million up to and including USD 40 million"), a table whose header
row opens the text; and lines that are no condition: the step of sending papers in by a date, an award for a
title won, the purpose a sentence opens with."""

from __future__ import annotations

from typing import Any

import pytest

from indexer.notice.conditions import conditions_in
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.not_conditions import TIER, never
from indexer.notice.regions import regions_in
from indexer.notice.vocabulary import sectors_in
from tests.indexer.notice.test_eligibility import _chunk


def _read(text: str, issuer: str | None = None) -> list[dict[str, Any]]:
    return extract_eligibility([_chunk(text, "fresh")], text, issuer, "2026-12-01")["conditions"]


def _kinds(conds: list[dict[str, Any]]) -> dict[str, Any]:
    return {c["type"]: (c["value"], c.get("op")) for c in conds if c["type"] != "text"}


ZH_REFUSED = ("关于2027年度印染企业节能改造奖励的通知\n\n一、奖励标准\n按节能改造投资额的5%给予奖励，最高50万元。\n\n"
              "二、不予奖励的情形\n存在下列情形之一的，不予奖励：\n（一）注册地或税务登记关系不在本县的；\n"
              "（二）主营业务不属于印染、家纺行业的；\n（三）尚未纳入规模以上工业统计的；\n（四）近两年受到环保行政处罚的。\n")
EN_REFUSED = ("Support for Towel Makers, 2027\n\n1. Support\nA third of the cost of new looms.\n\n"
              "2. Who is turned away\nApplications will be turned down where the company:\n"
              "(a) is not registered in Gaoyang County;\n(b) does not make home textiles;\n"
              "(c) is not above designated size;\n(d) has been fined by customs in the past two years.\n")
EN_NOT_ELIGIBLE = ("Cleaner Dyeing Grants\n\nEligibility\nThe following are not eligible:\n"
                   "- firms whose place of tax registration is not in Wuxi;\n"
                   "- firms that are not small or medium-sized enterprises;\n"
                   "- firms fined for an environmental offence since 2025.\n")


def test_refused_cases_are_the_negations_of_typed_conditions_in_chinese() -> None:
    conds = _read(ZH_REFUSED, "嘉善县经济和信息化局")
    kinds = _kinds(conds)
    assert kinds["region"] == (["Jiashan"], None)  # 本县: the issuer's county, asked, not shut out
    assert set(kinds["sector"][0]) == {"dyeing", "home_textile"}
    assert kinds["enterprise_size"] == (["above_designated_size"], None)
    assert "no_violations" in kinds
    assert all("group" not in c for c in conds)  # every negation asked: all of them


@pytest.mark.parametrize("text", [EN_REFUSED, EN_NOT_ELIGIBLE])
def test_refused_cases_are_the_negations_of_typed_conditions_in_english(text: str) -> None:
    kinds = _kinds(_read(text))
    assert kinds["region"][1] is None and kinds["region"][0] in (["高阳县"], ["Wuxi"])
    assert "no_violations" in kinds
    assert ("sector" in kinds) == (text is EN_REFUSED)
    assert kinds["enterprise_size"][0] == (["above_designated_size"] if text is EN_REFUSED
                                           else ["micro", "small", "medium"])


def test_a_refused_kind_that_is_not_negated_is_still_no_list_of_the_allowed_ones() -> None:
    conds = _read("关于2027年度节能改造奖励的通知\n\n二、不予奖励的情形\n存在下列情形之一的，不予奖励：\n"
                  "（一）纺织企业；\n（二）注册地在慈溪市的。\n", "宁波市经济和信息化局")
    assert "sector" not in _kinds(conds)
    assert [c.get("op") for c in conds if c["type"] == "region"] == ["not_in"]


@pytest.mark.parametrize(("sentence", "carved"), [
    ("注册地在江苏省（苏州市企业另行申报）；", "Suzhou"),
    ("税收缴纳地在广东省（深圳市单独组织，不在本次申报范围）；", "Shenzhen"),
    ("registered in Zhejiang Province (Ningbo firms apply under a separate scheme);", "Ningbo"),
    ("Firms registered in Jiangsu (Suzhou companies are covered by a notice of their own).", "Suzhou"),
    ("Exporters registered in Zhejiang, other than Ningbo, may apply.", "Ningbo"),
])
def test_a_place_carved_out_of_a_province_is_left_out_not_the_province(sentence: str, carved: str) -> None:
    found = regions_in(sentence)
    assert [c["value"] for c in found if c.get("op") != "not_in"] != []
    assert [c["value"] for c in found if c.get("op") == "not_in"] == [[carved]]


@pytest.mark.parametrize(("row", "kind", "value"), [
    ("| Exports in 2025 | From USD 3 million up to and including USD 40 million |", "annual_exports_usd_range",
     [3000000, 40000000]),
    ("| Annual revenue | from RMB 20 million up to and including RMB 400 million |", "annual_revenue_cny_range",
     [20000000, 400000000]),
    ("| 2025年出口额 | 200万美元（含）至5000万美元（含） |", "annual_exports_usd_range", [2000000, 50000000]),
])
def test_a_table_row_naming_a_measure_beside_its_bound(row: str, kind: str, value: list[int]) -> None:
    assert [(c["type"], c["value"]) for c in conditions_in(row)] == [(kind, value)]


def test_a_table_whose_header_row_opens_the_text_is_read() -> None:
    # the loader kept the title apart: the lines below the addressee are all the text has
    text = ("区内各针织服装企业：\n\n对新招员工的企业给予补贴，每人1000元。申报条件如下表：\n\n| 项目 | 标准 |\n\n"
            "| 经营地点 | 在桐乡市内依法登记 |\n\n| 行业 | 针织或服装加工 |\n\n| 用工规模 | 在岗职工100人以上 |\n")
    kinds = _kinds(_read(text))
    assert {"region", "sector", "employees_min"} <= set(kinds)


@pytest.mark.parametrize("sentence", [
    "企业须于2027年3月15日前将申请表、职工名册及社保缴费证明报送区人力社保局，过期不再受理。",
    "请各企业把申报材料于4月30日前送至市商务局外贸科，逾期不予受理。",
    "Firms must send the application form and payroll to the Bureau by 15 March 2027; late papers are not accepted.",
    "Please submit the signed form and invoices no later than 30 April 2027.",
])
def test_sending_papers_in_by_a_date_is_no_condition(sentence: str) -> None:
    assert never(sentence)


@pytest.mark.parametrize("sentence", [
    "企业须于2027年3月15日前在本区完成注册登记。",  # a place asked by a date: a condition
    "Firms must be registered in Wuxi before they submit the form by 15 March 2027.",
])
def test_a_submission_line_that_asks_something_typed_is_still_read(sentence: str) -> None:
    assert not never(sentence)


@pytest.mark.parametrize("sentence", [
    "第五条 企业新获中国驰名商标的，一次性奖励20万元。",
    "企业荣获省级工业设计中心称号的，给予一次性奖励15万元。",
    "Firms newly winning a national brand title receive a one-off award of RMB 300,000.",
    "A company that won a provincial design prize gets a one-time reward of RMB 50,000.",
])
def test_an_award_for_a_title_won_is_what_is_paid_no_condition(sentence: str) -> None:
    assert TIER.search(sentence)


@pytest.mark.parametrize(("text", "stated"), [
    ("为稳住丝绸服装出口，市级资金对企业投保出口信用保险的保费给予补贴。\n\n注册地在湖州市的家纺企业可以申报。\n",
     "注册地在湖州市的家纺企业可以申报。"),
    ("To help the city's silk and garment makers keep their buyers, half of each premium goes to firms that insure "
     "their exports.\n\nMakers of home textiles registered in Huzhou may apply.\n",
     "Makers of home textiles registered in Huzhou may apply."),
])
def test_the_purpose_a_sentence_opens_with_names_no_sector(text: str, stated: str) -> None:
    assert [(c["value"], c["quote"]) for c in _read(text) if c["type"] == "sector"] == [(["home_textile"], stated)]


def test_a_purpose_article_stays_a_frame() -> None:
    text = ("湖州市丝绸产业技改奖补办法\n\n第一条 为推动我市丝绸及服装产业技术改造，提高资金绩效，制定本办法。\n\n"
            "第二条 本办法适用于在我市注册的丝绸企业。\n")
    assert [c["type"] for c in _read(text, "湖州市人民政府")] == ["region", "sector"]


@pytest.mark.parametrize(("sentence", "kind", "value"), [
    ("注册地不在嘉兴市的企业不得申报。", "region", ["Jiaxing"]),
    ("工商注册地不在本市的，不予受理。", "region", ["Jiaxing"]),
    ("主营业务不属于印染行业的企业不得申请。", "sector", ["dyeing"]),
    ("Firms not registered in Jiaxing are not eligible.", "region", ["Jiaxing"]),
    ("Companies whose registered office is not in Jiaxing cannot apply.", "region", ["Jiaxing"]),
    ("Firms that are not above designated size are not eligible.", "enterprise_size", ["above_designated_size"]),
])
def test_a_sentence_refusing_what_a_firm_is_not_asks_it(sentence: str, kind: str, value: list[str]) -> None:
    assert [(c["value"], c.get("op")) for c in conditions_in(sentence, "嘉兴市商务局") if c["type"] == kind] == [
        (value, None)]


@pytest.mark.parametrize(("sentence", "kind", "value"), [
    ("注册地在海宁市的企业不得申报。", "region", (["Haining"], "not_in")),  # no negation: that place shut out
    ("Large enterprises are not eligible.", "enterprise_size", (["micro", "small", "medium"], None)),
])
def test_a_sentence_refusing_what_a_firm_is_stays_as_it_was(sentence: str, kind: str, value: tuple) -> None:
    assert [(c["value"], c.get("op")) for c in conditions_in(sentence) if c["type"] == kind] == [value]


@pytest.mark.parametrize(("sentence", "scale"), [
    ("资助对象为统计上属于规模以下工业企业的针织小型、微型企业。", ["below_designated_size"]),
    ("申报企业须为纳入规模以上工业统计的中小企业。", ["above_designated_size"]),
    ("The applicant must be a small or medium-sized enterprise above designated size.", ["above_designated_size"]),
])
def test_designated_size_beside_the_classes_is_a_second_size(sentence: str, scale: list[str]) -> None:
    sizes = [c["value"] for c in conditions_in(sentence) if c["type"] == "enterprise_size"]
    assert len(sizes) == 2 and scale in sizes and all(set(v) <= {"micro", "small", "medium"} for v in sizes
                                                      if v != scale)


@pytest.mark.parametrize("sentence", ["it makes knitted underwear, bras or homewear;", "针织内衣生产企业",
                                      "makers of lingerie and nightwear"])
def test_underwear_is_apparel_in_both_languages(sentence: str) -> None:
    assert "apparel" in sectors_in(sentence)
