"""Eligibility read from a notice's structure: lists under their lead-ins (all or any), eligibility
sections, who-benefits sentences; never headings, lead-ins, procedures, materials or the preamble;
each condition quoting its item or sentence, with the notice's benefit, steps and window."""

from __future__ import annotations

import time
from typing import Any

import pytest

from bench import finder_set
from core.records import Chunk
from indexer.documents.chunking import split_sentences
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.fitted import Reading
from indexer.notice.places import canonical, within
from tests.conftest import DATA

FINDER = DATA / "finder_corpus"


def _chunk(text: str, doc_id: str = "d", title: str = "A title") -> Chunk:
    return Chunk(doc_id=doc_id, text=text, position=0, sentences=tuple(split_sentences(text)), title=title, source="s")


def _read(text: str, **kw: Any) -> dict[str, Any]:
    return extract_eligibility([_chunk(text)], text, **kw)


def _typed(sentence: str) -> dict[str, tuple]:
    return {c["type"]: (c.get("op"), c["value"]) for c in _read(sentence)["conditions"]}


ZH_LIST = """关于组织申报境外参展补助的通知
为帮助我区中小外贸企业开拓市场，结合我区纺织服装产业实际，现将有关事项通知如下。
一、申报条件
申报企业须同时具备以下条件：
（一）工商注册地和税务征管关系均在柯桥区；
（二）2025年度出口额低于6500万美元；
（三）近三年无重大违法违规记录；
（四）持有有效的ISO 9001质量管理体系认证证书。
首次申报的企业，在同等条件下优先支持。
二、补助标准
（一）中小微企业按展位费的60%给予补助，最高不超过5万元。
三、申报材料
1. 营业执照复印件；
2. 此前未获得同类补助的书面承诺。
四、申报程序
符合条件的企业请于2027年1月15日前登录柯桥区惠企政策直达平台填报，逾期不予受理。
五、联系方式
联系人：王芳，0575-84125678
"""

EN_ANY = """Notice on Brand Support for Textile and Apparel Enterprises
Article 2 Scope
These Rules apply to textile and apparel enterprises registered in Dongguan.
Article 3 Eligibility
Enterprises meeting any of the following may apply:
(1) enterprises above designated size;
(2) enterprises exhibiting at an overseas trade fair for the first time;
(3) enterprises whose exports in 2025 were USD 1 million or more.
Article 4 Supervision
An enterprise that obtains funds by fraud must return them and is barred from support for three years.
"""


def test_a_list_under_its_lead_in_gives_one_condition_per_item() -> None:
    found = _read(ZH_LIST)
    conds = found["conditions"]
    assert [(c["type"], c["quote"]) for c in conds] == [
        ("region", "（一）工商注册地和税务征管关系均在柯桥区；"),
        ("annual_exports_usd_max", "（二）2025年度出口额低于6500万美元；"),
        ("no_violations", "（三）近三年无重大违法违规记录；"),
        ("text", "（四）持有有效的ISO 9001质量管理体系认证证书。")]
    assert all("group" not in c for c in conds)  # 同时具备: all required
    assert found["window"]["closes"] == "2027-01-15"
    assert found["benefits"][0]["rate"] == "60%"


def test_headings_lead_ins_preamble_procedures_materials_and_priority_lines_are_never_conditions() -> None:
    quotes = {c["quote"] for c in _read(ZH_LIST)["conditions"]}
    for line in ("一、申报条件", "申报企业须同时具备以下条件：", "首次申报的企业，在同等条件下优先支持。",
                 "2. 此前未获得同类补助的书面承诺。", "（一）中小微企业按展位费的60%给予补助，最高不超过5万元。",
                 "符合条件的企业请于2027年1月15日前登录柯桥区惠企政策直达平台填报，逾期不予受理。"):
        assert line not in quotes
    assert not any("帮助我区" in q for q in quotes)


def test_any_of_the_following_makes_a_group_of_alternatives() -> None:
    conds = {c["type"]: c for c in _read(EN_ANY)["conditions"]}
    assert {c.get("group") for t, c in conds.items() if t in ("region", "sector")} == {None}
    alternatives = [conds[t] for t in ("enterprise_size", "first_time", "annual_exports_usd_min")]
    assert {c["group"] for c in alternatives} == {1} and [c["option"] for c in alternatives] == [0, 1, 2]
    assert conds["region"]["quote"] == "These Rules apply to textile and apparel enterprises registered in Dongguan."
    assert "no_violations" not in conds  # a fraud sanction is no condition


def test_who_benefits_and_exclusion_sentences() -> None:
    text = ("I. Who may apply\nThe support under these Measures goes to apparel enterprises with revenue of RMB 50 "
            "million or more that employ no more than 1,000 people.\nII. Work requirements\n"
            "(1) Enterprises on the list of seriously dishonest entities will not be supported.\n")
    conds = {c["type"]: c for c in _read(text)["conditions"]}
    assert set(conds) == {"sector", "annual_revenue_cny_min", "employees_max", "no_violations"}
    assert conds["no_violations"]["quote"] == "(1) Enterprises on the list of seriously dishonest entities will not " \
        "be supported."


@pytest.mark.parametrize(("sentence", "kind", "op", "value"), [
    ("Enterprises with annual exports below USD 10 million may apply.", "annual_exports_usd_max", "<", 10e6),
    ("Applicants must have annual exports of no more than $8m.", "annual_exports_usd_max", "<=", 8e6),
    ("The scheme is open to firms with annual export value of at least $5m.", "annual_exports_usd_min", ">=", 5e6),
    ("申报条件：上年度出口额不超过1000万美元的企业。", "annual_exports_usd_max", "<=", 10e6),
    ("申请企业年出口额在500万美元以上。", "annual_exports_usd_min", ">=", 5e6),
    ("申报企业年营业收入4亿元以下。", "annual_revenue_cny_max", "<=", 4e8),
    ("Enterprises with fewer than 300 employees are eligible.", "employees_max", "<", 300),
    ("申报企业从业人员300人以下。", "employees_max", "<=", 300),
])
def test_sentences_naming_who_may_apply(sentence: str, kind: str, op: str, value: float) -> None:
    assert _typed(sentence)[kind] == (op, value)


def test_news_sentences_state_no_conditions() -> None:
    """A count or a sector in a report is not a condition: no one is told they may apply."""
    for text in ("More than 1,300 staff from textile companies attended the fair in Hangzhou.",
                 "纺织行业去年出口增长了15%。", "Grants go to companies in Phase Two of the park."):
        assert _read(text)["conditions"] == [], text


def test_fixture_notices() -> None:
    """Both fixture notices: each typed condition with its quote and chunk; benefit and how to apply."""
    text = (FINDER / "export_sme_2025.txt").read_text()
    en = extract_eligibility([_chunk(text, "export_sme_2025")], text)
    kinds = {c["type"]: c for c in en["conditions"]}
    assert set(kinds) >= {"region", "annual_exports_usd_max", "employees_max", "no_violations", "sector",
                          "enterprise_size"}
    assert kinds["region"]["quote"] == "Applicants must be registered in Shaoxing City."
    assert kinds["region"]["citation"]["doc_id"] == "export_sme_2025" and kinds["region"]["citation"]["chunk_id"]
    assert kinds["no_violations"]["years"] == 3
    assert en["benefits"][0]["rate"] == "40%"
    assert en["benefits"][0]["cap"] == {"amount": 500_000, "currency": "CNY", "text": "RMB 500,000"}
    assert en["application"][0]["deadline"] == "before 30 June 2026"
    assert en["application"][0]["channel"] == "Shaoxing Commerce Service Platform"
    assert en["window"]["closes"] == "2026-06-30"
    zh_text = (FINDER / "keqiao_firsttime_2025.txt").read_text()
    zh = extract_eligibility([_chunk(zh_text, "k")], zh_text)
    kinds = {c["type"]: c for c in zh["conditions"]}
    assert kinds["region"]["value"] == ["Keqiao"] and kinds["first_time"]["value"] is True
    assert kinds["annual_exports_usd_max"]["op"] == "<=" and kinds["employees_max"]["value"] == 300
    assert zh["benefits"][0]["cap"] == {"amount": 200_000, "currency": "CNY", "text": "20万元"}
    assert zh["application"][0]["deadline"] == "2026年9月30日前"
    assert zh["application"][0]["channel"] == "柯桥区商务服务平台"
    assert all(c["quote"] in zh_text for c in zh["conditions"])


def _misread(doc: str) -> list[str]:
    """The conditions of a finder notice that quote no line of it or a line labelled as no condition."""
    notice = finder_set.notices()[doc]
    text = notice.text
    found = extract_eligibility([_chunk(text, notice.doc)], text, notice.meta["issuer"], notice.meta["date"])
    squeezed = " ".join(text.split())
    banned = {" ".join(line.split()) for line in notice.meta["not_conditions"]}
    return [c["quote"] for c in found["conditions"] if c["quote"] not in squeezed or c["quote"] in banned]


def test_the_development_notices_quote_whole_items_and_skip_their_non_conditions() -> None:
    """Every notice of the finder set: each condition's quote is a line or sentence of the file, and
    no line labelled as no condition (heading, lead-in, step, tier, priority, an exclusions list's
    scope item, a clarification of who counts as what) becomes one."""
    for doc in finder_set.notices():
        assert not _misread(doc), doc


def test_untypable_condition_stays_as_text() -> None:
    found = extract_eligibility([_chunk("Applicants must hold a valid ISO 9001 certificate.")])
    assert found["conditions"] == [{"type": "text", "value": None, "quote": "Applicants must hold a valid ISO 9001 "
                                    "certificate.", "citation": found["conditions"][0]["citation"]}]


def test_headline_is_not_a_condition() -> None:
    text = "Notice on Subsidies for Textile SMEs\n\nThe city gives grants to shops."
    found = extract_eligibility([_chunk(text, title="Notice on Subsidies for Textile SMEs")])
    assert not [c for c in found["conditions"] if c["quote"].startswith("Notice on")]


def test_places() -> None:
    assert canonical("绍兴") == canonical("Shaoxing") == "Shaoxing"
    assert canonical("柯桥区") == canonical("Keqiao District") == "Keqiao"
    assert within("Keqiao", "Zhejiang") is True
    assert within("Hangzhou", "Shaoxing") is False
    assert within("Zhejiang", "Keqiao") is None  # a Zhejiang company may or may not be in Keqiao
    assert canonical("   ") is None


@pytest.mark.parametrize("hostile", [
    "annual exports below " + "1," * 50_000,
    "出口额" * 30_000 + "以下",
    "registered in " + "Aa " * 40_000,
    "在" + "绍" * 60_000 + "注册",
    "up to " + "9" * 100_000,
    "within " + "a " * 50_000 + "days",
    "申报条件：\n" + "（一）注册地在" * 5000,
    "申报时间为" + "2026年1月1日至" * 20_000,
])
def test_hostile_text_is_linear(hostile: str) -> None:
    started = time.perf_counter()
    extract_eligibility([_chunk(hostile + "。" + hostile)])
    assert time.perf_counter() - started < 2.0


def test_an_index_from_before_gains_conditions_without_re_embedding(tmp_path, small_corpus, fake_encoder,
                                                                    monkeypatch) -> None:
    """The legacy index (no ``eligibility``) loads, and the next build reads the conditions from its
    documents again, reusing every vector (under the pipeline version the fixture was built by)."""
    import shutil

    monkeypatch.setattr("indexer.load.PIPELINE_VERSION", "1")
    from core.settings import Settings
    from indexer.build import build_index
    from indexer.store.index_dir import load_index

    index = tmp_path / "index"
    shutil.copytree(DATA / "legacy_index", index)
    assert all("eligibility" not in e for e in load_index(index).documents.values())
    settings = Settings(corpus=small_corpus, index=index, model="fake")
    report = build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
    assert report.ok and report.embedded_chunks == 0
    entries = load_index(index).documents.values()
    assert entries and all(set(e["eligibility"]) == {"conditions", "benefits", "application", "window"}
                           for e in entries)


QA = """2026 Textile Brands Programme: Questions and Answers
Who can apply?
Textile and garment companies that have their business registration in Keqiao District and earned between \
RMB 20 million and RMB 500 million in operating revenue last year.
Are there other requirements?
Yes. The company needs a registered trademark of its own and must not have received support from this programme before.
When is the deadline?
Companies should submit the online form by 20 December 2026.
"""


def test_a_question_heads_its_answer() -> None:
    found = _read(QA, date="2026-11-06")
    kinds = {c["type"] for c in found["conditions"]}
    assert {"region", "sector", "annual_revenue_cny_range", "first_time", "text"} <= kinds
    assert not [c for c in found["conditions"] if c["quote"].endswith("?")]
    assert found["window"]["closes"] == "2026-12-20"


def test_inline_items_priority_clauses_and_exemptions() -> None:
    inline = _read("一、统保对象\n申报条件：（1）在柯桥区注册的纺织企业；（2）上年度出口额在500万美元以上；"
                   "（3）近三年无重大违法违规记录。\n")
    assert [c["quote"] for c in inline["conditions"]] == [
        "（1）在柯桥区注册的纺织企业；", "（1）在柯桥区注册的纺织企业；", "（2）上年度出口额在500万美元以上；",
        "（3）近三年无重大违法违规记录。"]
    favoured = _read("一、支持对象\n支持对象为在广东省内依法注册的纺织服装企业，重点支持首次开展智能化改造的企业。\n"
                     "首次申报的企业，在同等条件下优先支持。\n")
    assert {c["type"] for c in favoured["conditions"]} == {"region", "sector"}
    exempt = _read("一、支持对象\n在江苏省注册的外贸企业，上年度出口额不满5000万美元的，可申请补助。\n"
                   "小型微型企业不受出口额限制。\n")
    conds = {c["type"]: c for c in exempt["conditions"]}
    assert conds["annual_exports_usd_max"]["group"] == conds["enterprise_size"]["group"] == 1
    assert (conds["annual_exports_usd_max"]["option"], conds["enterprise_size"]["option"]) == (0, 1)
    assert "group" not in conds["region"]


def test_a_paragraph_before_the_first_heading_is_read_unless_it_is_the_preamble() -> None:
    text = ("The subsidy is available to textile enterprises registered in Wujiang District.\n"
            "To help exporters, the district supports SMEs as follows.\n2. Subsidy\nHalf of the premium.\n")
    kinds = {c["type"] for c in _read(text)["conditions"]}
    assert {"region", "sector"} <= kinds and "enterprise_size" not in kinds


def _conds(text: str, **kw: Any) -> list[tuple[Any, ...]]:
    return [(c["type"], c.get("op"), c.get("value"), c.get("group"), c.get("option"))
            for c in _read(text, **kw)["conditions"]]


def test_a_table_of_conditions_reads_row_by_row_and_its_header_says_nothing() -> None:
    zh = ("二、申请单位应具备的条件\n| 项目 | 具体要求 |\n|:---|:---|\n| 注册地 | 在嘉兴市依法登记 |\n"
          "| 员工人数 | 不少于50人 |\n| 资质 | 持有有效的OEKO-TEX认证证书 |\n三、补助标准\n按投资额的10%补助。\n")
    assert _conds(zh) == [("region", None, ["Jiaxing"], None, None), ("employees_min", ">=", 50, None, None),
                          ("text", None, None, None, None)]
    en = ("Huzhou Textile Upgrading Grants 2027\nEligibility\n"
          "Every applicant must meet the requirements in the table below.\nCriterion | Requirement\n"
          "Location | Incorporated in Huzhou City\nHeadcount | Fewer than 500 employees\nSupport\nHalf of the cost.\n")
    assert _conds(en) == [("region", None, ["Huzhou"], None, None), ("employees_max", "<", 500, None, None)]


def test_a_list_of_exclusions_asks_the_opposite_of_each_item_all_of_them() -> None:
    zh = ("第六条 申请企业应当在本市注册。\n第七条 申请企业有下列情形之一的，不予资助：\n"
          "（一）上年度营业收入超过10亿元的；\n（二）近三年内发生较大安全生产事故的；\n（三）正在申请破产的。\n")
    assert sorted(map(str, _conds(zh, issuer="湖州市商务局"))) == sorted(map(str, [
        ("region", None, ["Huzhou"], None, None), ("annual_revenue_cny_max", "<=", 1_000_000_000, None, None),
        ("no_violations", None, True, None, None), ("text", None, None, None, None)]))
    en = ("2. Who may apply\nKnitwear makers in the county may apply unless any of the following is true; "
          "applicants are not eligible if:\n(a) they have been fined for an environmental offence since 2024;\n"
          "(b) they already received funding under this scheme.\n")
    kinds = [c[0] for c in _conds(en)]
    assert kinds == ["sector", "no_violations", "first_time"]
    sanction = "企业有下列行为之一的，追回已拨付资金，取消申报资格：\n（一）弄虚作假的；\n（二）重复申报的。\n"
    assert _conds(sanction) == []  # a fraud sanction, not a list of exclusions


def test_items_joined_by_number_in_the_lead_in_make_options() -> None:
    text = ("一、申报条件\n在温州市注册的服装企业，满足第（一）、（二）项，或者满足第（三）项的，可以申报：\n"
            "（一）上年度营业收入5000万元以上；\n（二）拥有自主品牌；\n（三）从业人员不少于300人。\n")
    conds = _conds(text)
    assert ("annual_revenue_cny_min", ">=", 50_000_000, 1, 0) in conds and ("text", None, None, 1, 0) in conds
    assert ("employees_min", ">=", 300, 1, 1) in conds
    assert ("region", None, ["Wenzhou"], None, None) in conds


def test_an_either_or_in_one_sentence_makes_two_options() -> None:
    text = ("Support is available to apparel firms registered in Ningbo that either export at least USD 1 million a "
            "year, or are small or micro enterprises exporting for the first time.")
    conds = _conds(text)
    assert ("region", None, ["Ningbo"], None, None) in conds and ("sector", None, ["apparel"], None, None) in conds
    assert ("annual_exports_usd_min", ">=", 1_000_000, 1, 0) in conds
    assert ("enterprise_size", None, ["micro", "small"], 1, 1) in conds and ("first_time", None, True, 1, 1) in conds


def test_a_benefit_tier_is_no_condition() -> None:
    for line in ("Firms with sales of more than RMB 1 billion receive 20% instead of 40%.",
                 "上年度营业收入超过5亿元的企业，按上述标准的60%给予补助。"):
        assert _conds("III. Eligibility\nTextile firms registered in Shaoxing may apply.\n" + line) == \
            [("region", None, ["Shaoxing"], None, None), ("sector", None, ["textile"], None, None)], line


def test_questions_and_answers() -> None:
    text = ("湖州市商务局关于出口信用保险扶持的政策问答\n湖商务〔2026〕9号\n"
            "问：哪些企业可以申请？\n答：在吴兴区注册的丝绸企业均可申请，但被列入严重失信主体名单的企业除外。\n"
            "问：大型企业可以申请吗？\n答：可以，本政策不限企业规模。\n"
            "Q: Can firms outside the city apply?\nA: No, only firms registered in the city can.\n"
            "问：什么时候申请？\n答：2027年3月1日至3月31日。\n")
    found = _read(text, issuer="湖州市商务局", date="2026-12-01")
    kinds = {c["type"]: c for c in found["conditions"]}
    assert set(kinds) == {"region", "sector", "no_violations"}  # no size: the answer lifts it
    regions = [c["value"] for c in found["conditions"] if c["type"] == "region"]
    assert regions[0] == ["Wuxing"] and kinds["no_violations"]["quote"].startswith("答：在吴兴区")
    assert regions[1:] in ([], [["Huzhou"]])  # "only firms registered in the city": the issuer's city, also stated
    assert (found["window"]["opens"], found["window"]["closes"]) == ("2027-03-01", "2027-03-31")


def test_a_yes_answer_is_read_with_its_question() -> None:
    text = ("Guide to the 2027 Garment Export Fund\nQ3. Is the fund open across the whole province?\n"
            "Yes, with one exception: firms registered in Taizhou are covered by their own scheme and cannot apply.\n")
    regions = [(c["value"], c.get("op")) for c in _read(text, issuer="Zhejiang Provincial Department of Commerce")[
        "conditions"] if c["type"] == "region"]
    assert sorted(map(str, regions)) == sorted(map(str, [(["Zhejiang"], None), (["Taizhou"], "not_in")]))


def test_conditions_printed_only_in_the_annex_are_read_there() -> None:
    text = ("衢州市商务局\n关于申报2026年度外贸发展资金的通知\n衢商务〔2026〕12号\n各县（市、区）商务局：\n"
            "一、申报条件和要求详见附件。\n二、各地于2026年12月25日前将汇总表报市局。\n衢州市商务局\n2026年11月2日\n"
            "附件\n2026年度外贸发展资金申报指南\n一、申报条件\n（一）在衢州市注册的纺织企业；\n（二）上年度出口额不低于200万美元。\n")
    conds = _conds(text)
    assert conds == [("region", None, ["Quzhou"], None, None), ("sector", None, ["textile"], None, None),
                     ("annual_exports_usd_min", ">=", 2_000_000, None, None)]
    body = text.split("附件\n")[0] + "三、申报企业须在衢州市注册。\n"
    assert [c[0] for c in _conds(body)] == ["region"]  # the body states one: the annex is not read


def test_a_not_eligible_paragraph_and_a_covers_sentence() -> None:
    text = ("Huzhou Silk Printing Awards\nThe scheme covers silk printing firms with their registered office in "
            "Huzhou.\nNot eligible: firms convicted of tax fraud since 2023; firms with unpaid wages.\n")
    conds = _conds(text)
    assert ("region", None, ["Huzhou"], None, None) in conds and ("no_violations", None, True, None, None) in conds


TABLE_NOTICE = """湖州市吴兴区商务局
关于2027年度外贸企业参加线上展会补助的通知
为帮助企业拓展海外订单，区财政对企业参加线上展会的费用给予50%补助，单家企业最高3万元。现将申请要求列表如下。
内容 | 具体要求
注册情况 | 在吴兴区办理营业执照
产业类别 | 服装、家纺
企业规模 | 2026年度出口额不超过800万美元
线上参展 | 此前未获得过本项补助
报名方式：2027年2月1日起通过平台报名。"""


def test_a_table_of_requirements_announced_only_by_the_opening_is_read() -> None:
    """No eligibility heading: the opening points to the table, whose rows are conditions."""
    found = _read(TABLE_NOTICE, issuer="湖州市吴兴区商务局")["conditions"]
    kinds = {c["type"]: c["quote"] for c in found}
    assert set(kinds) == {"region", "sector", "annual_exports_usd_max", "first_time"}
    assert kinds["region"] == "注册情况 | 在吴兴区办理营业执照"
    headed = TABLE_NOTICE.replace("现将申请要求列表如下。", "").replace("内容 | 具体要求", "项目 | 申请条件")
    assert {c["type"] for c in _read(headed)["conditions"]} == set(kinds)
    materials = TABLE_NOTICE.replace("现将申请要求列表如下。", "申请材料如下表。").replace("具体要求", "份数")
    assert not [c for c in _read(materials)["conditions"] if c["quote"].startswith("注册情况")]


COLUMN_TABLE = """关于2027年度丝绸企业参加境外展会补助的通知
为支持企业拓展市场，现将有关事项通知如下。
一、补助内容
对参加境外展会的企业给予展位费50%补助。
二、适用企业
注册地 | 所属行业 | 上年度出口额
吴兴区 | 丝绸、服装 | 500万美元以下
南浔区 | 家纺 | 300万美元以下
三、补助标准
出口额 | 补助比例
500万美元以下 | 50%"""


def test_a_table_with_one_condition_a_column_reads_each_row_as_one_kind_of_applicant() -> None:
    """Columns that name conditions: each row is one option of a group; a tier table is no condition."""
    found = _read(COLUMN_TABLE)["conditions"]
    by_option = {o: {c["type"] for c in found if c.get("option") == o} for o in (0, 1)}
    assert by_option[0] == by_option[1] == {"region", "sector", "annual_exports_usd_max"}
    assert len({c["group"] for c in found}) == 1
    assert not [c for c in found if c["quote"].startswith("500万美元以下 |")]


def test_entry_criteria_headings_and_first_come_lines() -> None:
    """"准入标准" heads conditions like "申报条件"; "按申请先后顺序纳入，额满为止" shares the budget and is
    no condition (it would leave every company "needs information")."""
    text = ("关于2027年度外贸企业出口信用保险统保的通知\n一、客户准入标准\n1．2025年出口额不超过200万美元；\n"
            "2．此前未参加过本市统保平台；\n3．新客户按申请先后顺序纳入，额满为止。\n二、申请办法\n企业向区商务局提出申请。")
    found = _read(text)["conditions"]
    assert {c["type"] for c in found} == {"annual_exports_usd_max", "first_time"}


def test_a_question_heading_who_can_claim() -> None:
    text = ("关于实施稳岗培训补贴的通知\n一、谁能领取补贴\n"
            "在嘉兴市行政区域内依法设立的中小微企业，开展岗位培训的，可以申领培训补贴。\n二、补贴多少\n每人每月300元。")
    assert {"region", "enterprise_size"} <= {c["type"] for c in _read(text)["conditions"]}


def test_an_annex_titled_as_the_conditions_is_read_as_a_condition_list() -> None:
    text = ("关于征集2027年纺织服装品牌培育项目的通知\n\n各区经信局：\n\n"
            "现组织征集品牌培育项目，企业基本要求见附件1。请于2027年2月10日前报送。\n\n附件：1. 企业基本要求\n\n"
            "宁波市经济和信息化局\n2026年12月1日\n\n附件1\n企业基本要求\n"
            "1. 在宁波市登记注册的服装企业。\n2. 2025年出口额1000万美元以下。\n3. 近两年无重大违法记录。\n")
    found = extract_eligibility([_chunk(text)], text)["conditions"]
    types = {c["type"] for c in found}
    assert {"region", "sector", "no_violations"} <= types and any(t.startswith("annual_exports") for t in types)
    assert all(c["quote"].startswith(("1.", "2.", "3.")) for c in found)


@pytest.mark.parametrize("pointer", ["申报企业应当具备的条件详见附件1。",
                                     "申报主体须符合的全部条件列于附件1，不符合的勿报。",
                                     "The conditions an applicant must meet are set out in Annex 1."])
def test_a_line_that_only_points_to_the_annex_gives_way_to_it(pointer: str) -> None:
    text = ("湖州市商务局关于组织申报2027年度丝绸企业品牌推广补助的通知\n\n"
            "一、支持内容\n对企业参加境外品牌推广活动的费用给予50%补助。\n\n"
            f"二、申报对象\n{pointer}\n\n三、申报时间\n2027年3月1日至3月31日。\n\n湖州市商务局\n2027年1月5日\n\n"
            "附件1\n\n申报企业条件\n\n1. 在湖州市依法登记注册；\n2. 上年度出口额不超过1000万美元；\n"
            "3. 近三年无重大违法记录。\n")
    found = extract_eligibility([_chunk(text, "hz")], text, "湖州市商务局", "2027-01-05")
    assert {c["type"] for c in found["conditions"]} == {"region", "annual_exports_usd_max", "no_violations"}
    assert all(c["quote"].startswith(("1.", "2.", "3.")) for c in found["conditions"])


@pytest.mark.parametrize(("text", "expected"), [
    ("Hangzhou Fair Grant 2027\n\nWho this is for\n1. apparel makers\n2. registered in Hangzhou\n\nDeadline\n"
     "31 March 2027.\n", {"region": ["Hangzhou"], "sector": ["apparel"]}),
    ("Huzhou Booth Support 2027\n\nOur focus\n- micro and small firms\n- based in Huzhou\n\nDeadline\n31 March 2027.\n",
     {"region": ["Huzhou"], "enterprise_size": ["micro", "small"]}),
    ("湖州市外贸补助2027\n\n我们支持谁\n1．纺织企业\n2．在湖州市注册\n\n截止日期\n2027年3月31日前。\n",
     {"region": ["Huzhou"], "sector": ["textile"]}),
])
def test_short_marked_lines_under_an_unnumbered_name_are_its_list(text: str, expected: dict[str, list[str]]) -> None:
    """Marked lines with no stop under a heading with no number ("Who this is for", "我们支持谁"), each
    stating a condition: the heading's list, every line a condition (all of them)."""
    conds = extract_eligibility([], text, None, "2026-12-01")["conditions"]
    assert {c["type"]: sorted(c["value"]) for c in conds} == {k: sorted(v) for k, v in expected.items()}
    assert not any("group" in c for c in conds)


@pytest.mark.parametrize("text", [
    "Grant 2027\n\nWhat we pay\n1. booth fees\n2. travel for two people\n\nDeadline\n31 March 2027.\n",
    "Grant 2027\n\nHow to apply\n1. fill in the form online\n2. send it to the bureau in Hangzhou\n\nDeadline\n"
    "31 March 2027.\n",
    "补助2027\n\n支持内容\n1．展位费\n2．两人差旅费\n\n截止日期\n2027年3月31日前。\n",
])
def test_marked_lines_under_a_name_that_are_not_all_conditions_stay_as_they_were(text: str) -> None:
    assert extract_eligibility([], text, None, "2026-12-01")["conditions"] == []


@pytest.mark.parametrize(("text", "first"), [
    ("Measures 2027\n\nChapter I General Provisions\n\nArticle 1 These Measures help garment enterprises in the town "
     "grow their own brands.\n\nArticle 2 These Measures apply to enterprises registered in Humen Town whose main "
     "business is garments.\n", "Article 2"),
    ("办法2027\n\n总则\n\n第一条 为支持本镇纺织企业培育自主品牌，制定本办法。\n\n"
     "第二条 本办法适用于在虎门镇登记注册、主营纺织的企业。\n", "第二条"),
])
def test_sentences_under_an_unnumbered_name_are_no_list(text: str, first: str) -> None:
    """Numbered sentences under "Chapter I General Provisions" (a purpose article among them) are read
    one by one as before: the sector is quoted from the article that asks it, not the purpose."""
    conds = extract_eligibility([], text, None, "2026-12-01")["conditions"]
    assert {c["type"] for c in conds} >= {"sector"} and all(c["quote"].startswith(first) for c in conds)


@pytest.mark.parametrize("text", [
    "Export Starter Grants 2027\n\nWho can join?\nApplicant firms need to:\n(a) be registered in Wuxi;\n"
    "(b) have fewer than 100 employees;\n(c) make garments.\n",
    "出口起步补助\n\n一、参加对象\n参加企业须：\n1. 在无锡市注册；\n2. 从业人员100人以下；\n3. 从事服装生产。\n",
    # a real round's form
    "Accelerator\n\nCan we take part?\nParticipating companies need to:\na) be an SME with fewer than 250 staff;\n"
    "b) be registered in Jiangsu Province or Shanghai;\nc) make textiles, garments or home textiles.\n",
])
def test_what_firms_need_before_a_list_leads_in_its_conditions(text: str) -> None:
    kinds = {str(c["type"]) for c in _read(text)["conditions"]}
    assert {"region", "sector"} <= kinds and any(k.startswith("employees") for k in kinds)


@pytest.mark.parametrize("text", [
    "虎门镇服装首展奖励申报指南\n\n为鼓励服装企业创新，镇专项资金对当年首次参加国际展会的服装企业给予奖励。申报要求如下。\n\n"
    "【对象】在虎门镇注册的针织服装生产企业可以申报。\n【首展】2026年为企业第一次参加境外展会。\n【奖励】每家奖励5万元。\n",
    # a real round's form
    "沙溪镇休闲服装品牌培育奖励申报指南（2026年度）\n\n为推动休闲服装产业增品种、提品质、创品牌，鼓励企业开展品牌发布和设计创新，"
    "镇产业发展专项资金对当年首次举办品牌发布的服装企业给予奖励。申报要求如下。\n\n"
    "【主体】在沙溪镇注册并纳税的服装生产企业，个体工商户不在申报范围。\n"
    "【首发】2026年度为企业第一次在省级以上时装周或服装博览会举办品牌发布。\n【奖励】在国际时装周发布的，奖励20万元。\n",
])
def test_items_under_bracketed_labels_state_the_conditions_not_the_preamble(text: str) -> None:
    read = _read(text)["conditions"]
    assert read and all(c["quote"].startswith("【") for c in read)
    assert [c["value"] for c in read if c["type"] == "sector"] in ([["apparel"]], [["knitting", "apparel"]])


@pytest.mark.parametrize(("text", "sectors"), [
    ("Who is it for?\nThe scheme helps small garment workshops in Humen Town move their sales online.\n"
     "Who can apply?\nA business with fewer than 30 employees that knits, dyes or sews in Humen Town.\n",
     ["knitting", "dyeing", "apparel"]),
    ("一、支持对象\n本计划帮助镇内纺织小微企业提升数字化水平。符合条件的企业应在本镇注册，从事印染生产。\n",
     ["dyeing"]),
    # a real round's form
    ("Who is it for?\nThe programme helps small textile and clothing workshops in Xiqiao Town change the way they "
     "make decisions, plan production and sell, so that they can compete abroad.\nWho is eligible to apply?\n"
     "An eligible business has fewer than 20 employees and weaves, knits, dyes or sews in Xiqiao Town, or designs "
     "products for making there.\n", ["textile", "knitting", "dyeing", "apparel"]),
])
def test_a_programmes_aim_names_no_sector_the_trades_asked_do(text: str, sectors: list[str]) -> None:
    read = [c for c in _read(text)["conditions"] if c["type"] == "sector"]
    assert len(read) == 1 and sorted(read[0]["value"]) == sorted(sectors) and "helps" not in read[0]["quote"] \
        and "帮助" not in read[0]["quote"]


@pytest.mark.parametrize("item", [
    "- make knitwear or home textiles (trading companies are not eligible);",
    "（二）从事服装生产（流通型企业不在申报范围）；",
    # a real round's form
    "- make garments, knitwear or textiles (merchant exporters and trading companies are excluded);",
])
def test_kinds_shut_out_in_brackets_after_the_sector_are_part_of_it(item: str) -> None:
    text = f"Who benefits\nThe support is open to manufacturers that:\n- are registered in Dongguan;\n{item}\n"
    read = [c for c in _read(text)["conditions"] if c["quote"] == item]
    assert [c["type"] for c in read] == ["sector"]


@pytest.mark.parametrize("text", [
    "二、申报条件\n\n申报企业须同时满足以下条件：\n\n一是在本区注册；\n\n二是持有有效的ISO 9001证书；\n\n"
    "三是2025年度未裁员，或者裁员率不高于5%；参保职工20人（含）以下的，裁员率不高于15%。\n\n三、补助标准\n\n按费用的50%补助。",
    "Who may apply\n\nAn applicant must meet the following:\n\nFirst, it holds a valid ISO 9001 certificate.\n\n"
    "Second, it has kept 20 insured staff for 12 months.\n\nThird, it has cut no jobs in 2025; a firm with 20 insured "
    "staff or fewer may have cut up to 15% of them.\n\nSupport\n\nHalf of the cost is paid.",
])
def test_ordinal_items_spaced_by_blank_lines_are_each_quoted_whole(text: str) -> None:
    """"一是…", "二是…" paragraphs (or "First, …") under a lead-in, a blank line between each as loading spaces a
    text: each item is a condition quoted whole, also where a model sure of every unit reads the rest."""
    items = [line for line in text.split("\n") if line.startswith(("一是", "二是", "三是", "First", "Second", "Third"))]
    quotes = {c["quote"] for c in _read(text, judge=lambda units: [Reading(0.9, "other", True) for _ in units])
              ["conditions"]}
    assert len(items) == 3 and set(items) <= quotes
    assert not [q for q in quotes if any(q != item and q in item for item in items)]  # no item read in pieces


_ZH_HEAD = ("关于开展2027年度化纤企业规范公告申报工作的通知\n\n一、各市主管部门负责组织本地区企业申报。\n\n"
            "二、申请企业须为化纤生产企业。\n\n")
_EN_HEAD = ("Notice on the 2027 Register of Compliant Knitting Mills\n\n1. Provincial departments organise the "
            "filings.\n\n2. Applicants must be knitting mills.\n\n")


@pytest.mark.parametrize(("head", "line", "tail"), [
    (_ZH_HEAD, "三、企业自2025年1月1日起至申报时不得有环境违法、超标排放等情形，市主管部门应就此征求生态环境部门意见。",
     "四、请于2027年3月31日前提交申请。"),
    (_EN_HEAD, "3. The firm must have had no environmental violations since 1 January 2025; the provincial "
     "department will confirm this with the environment bureau.", "4. Filings close on 31 March 2027."),
    # a real round's form
    ("关于开展2026年度第二批印染企业规范公告申报工作的通知\n\n一、各省级工业和信息化主管部门负责组织本地区印染企业的申报。\n\n"
     "二、申请公告的企业须为从事印染加工的生产企业。\n\n",
     "三、企业自2024年1月1日至申报时不得有超标排放、环境违法等情况，省级工业和信息化主管部门应就此函询同级生态环境主管部门，"
     "并将函询结果随申请材料一并报送。", "五、企业应于2026年12月31日前提交申请。"),
])
def test_a_clean_record_asked_in_a_numbered_paragraph_of_its_own(head: str, line: str, tail: str) -> None:
    """A paragraph of a notice in numbered sections, no who-words, asking the firm's record clean since a date."""
    read = _read(f"{head}{line}\n\n{tail}")["conditions"]
    assert ("no_violations", line) in {(c["type"], c["quote"]) for c in read}


def test_a_fraud_sanction_in_a_numbered_paragraph_is_no_clean_record() -> None:
    text = ("关于开展2027年度化纤企业规范公告申报工作的通知\n\n一、申请企业须为化纤生产企业。\n\n"
            "二、企业不得有弄虚作假等违规行为，一经查实，追回已拨付资金。\n\n三、请于2027年3月31日前提交申请。")
    assert "no_violations" not in {c["type"] for c in _read(text)["conditions"]}


@pytest.mark.parametrize("text", [
    "Energy Grant for Textile Firms\nThe grant is open to textile and clothing businesses registered in Wuxi.\n"
    "The following cannot apply:\n• chemical fibre producers;\n• businesses on the national list of seriously "
    "dishonest entities.\nApplications close on 31 March 2027.",
    "纺织企业节能改造补助\n在无锡市注册的纺织、服装企业可以申报。\n下列企业不予支持：\n（一）化学纤维生产企业；\n（二）被列入严重失信主体名单的企业。\n"
    "请于2027年3月31日前提交。",
])
def test_a_sector_shut_out_leaves_the_sectors_allowed_to_be_read(text: str) -> None:
    """An exclusions item naming makers of a sector is read as not_in, and the who-sentence's sectors still count."""
    sectors = {(c.get("op"), tuple(c["value"])) for c in _read(text)["conditions"] if c["type"] == "sector"}
    assert sectors == {("not_in", ("chemical_fibre",)), (None, ("textile", "apparel"))}


def test_a_notice_whose_place_is_who_collects_the_contributions_and_whose_steps_ask_nothing() -> None:
    text = ("关于做好2026年度家纺企业稳岗返还工作的通知\n\n一、返还对象\n"
            "失业保险费由县社会保险经办机构征收的家纺、针织企业。\n\n二、返还条件\n企业须同时满足以下条件：\n"
            "1. 2025年度未裁员或裁员率不高于5%；\n2. 未拖欠应缴还的财政性资金。\n"
            "首次申请的企业，须先在网上经办平台完成单位信息登记。\n与岗位无关的培训费用不予补贴。\n\n"
            "三、受理时间\n每月1日至10日受理上月的申请。\n\n浙江省嘉兴市桐乡市人力资源和社会保障局\n2026年11月2日\n")
    found = _read(text, issuer="浙江省嘉兴市桐乡市人力资源和社会保障局", date="2026-11-02")
    typed = {c["type"]: c for c in found["conditions"]}
    assert typed["region"]["value"] == ["Tongxiang"]
    assert not {"no_violations", "first_time", "enterprise_size"} & set(typed)
    quotes = {c["quote"] for c in found["conditions"]}
    assert "2. 未拖欠应缴还的财政性资金。" in quotes  # asked, untyped
    assert not {q for q in quotes if q.startswith(("首次申请", "与岗位无关"))}
    assert found["window"]["monthly"]


def test_a_subdistrict_notice_whose_place_is_only_in_a_step_of_how_to_apply() -> None:
    text = ("关于发放家纺中小微企业吸纳就业补贴的通知\n\n各社区，辖区各有关企业：\n"
            "为稳定就业，现就有关事项通知如下：\n\n"
            "一、适用对象\n2026年内新招用未就业高校毕业生并为其缴纳社会保险费的纺织、家纺中小微企业。\n\n"
            "二、办理流程\n（一）申请。企业登记注册地在本街道的，向街道经济发展办公室提出申请。\n"
            "（二）审核。街道初审后报区人力社保局复核。\n\n"
            "三、其他事项\n补贴对象以企业提交的参保明细为准，核实不符的追回补贴。\n\n"
            "绍兴市柯桥区马鞍街道办事处\n2026年10月20日\n")
    found = _read(text, issuer="绍兴市柯桥区马鞍街道办事处", date="2026-10-20")
    regions = [c for c in found["conditions"] if c["type"] == "region"]
    assert [r["value"] for r in regions] == [["马鞍镇"]]
    assert regions[0]["quote"] == "（一）申请。企业登记注册地在本街道的，向街道经济发展办公室提出申请。"
    assert not [c for c in found["conditions"] if c["quote"].startswith(("（二）", "补贴对象"))]


def test_a_step_of_how_to_apply_adds_no_place_beside_one_already_read() -> None:
    text = ("关于组织申报纺织企业展会补助的通知\n\n一、申报对象\n注册地在柯桥区的纺织企业。\n\n"
            "二、申报流程\n1. 企业注册地在本区的，向区商务局提交申报材料。\n\n绍兴市柯桥区商务局\n2026年10月20日\n")
    regions = [c for c in _read(text, issuer="绍兴市柯桥区商务局")["conditions"] if c["type"] == "region"]
    assert [r["quote"] for r in regions] == ["注册地在柯桥区的纺织企业。"]


@pytest.mark.parametrize(("line", "kind"), [
    ("有下列情形之一的，不予支持：近三年受到税务部门行政处罚的；同一设备已获市级补助的。", "no_violations"),
    ("存在下列情形之一的企业不予奖励：发生较大安全生产事故的；被列入严重失信主体名单的。", "no_violations"),
])
def test_an_inline_list_of_exclusions_is_quoted_to_its_full_stop(line: str, kind: str) -> None:
    text = (f"关于申报技改奖补的通知\n\n一、申报条件\n注册地在柯桥区的纺织企业。\n{line}\n\n"
            "二、申报时间\n2026年12月31日前申报。\n")
    quotes = {c["quote"] for c in _read(text, issuer="绍兴市柯桥区经济和信息化局")["conditions"] if c["type"] == kind}
    assert quotes == {line}


def test_lettered_rules_under_a_plain_heading_are_quoted_with_their_letters() -> None:
    text = ("Knitwear Hiring Match\nKeqiao District Human Resources Bureau, Shaoxing - 2 December 2026\n\n"
            "The bureau pays back half of a hiring bonus that a knitwear employer gives to a new worker.\n\n"
            "Scheme rules\nA. Only employers with fewer than 50 employees in total can qualify.\n"
            "B. The employer must be registered in Keqiao District.\n\n"
            "How to ask\nRequests can be sent from 5 January 2027 to 27 February 2027 for workers hired between "
            "1 July and 31 December 2026.\n")
    found = _read(text, issuer="Keqiao District Human Resources Bureau, Shaoxing", date="2026-12-02")
    quotes = {c["type"].split("_")[0]: c["quote"] for c in found["conditions"]}
    assert quotes["employees"] == "A. Only employers with fewer than 50 employees in total can qualify."
    assert quotes["region"] == "B. The employer must be registered in Keqiao District."
    assert (found["window"]["opens"], found["window"]["closes"]) == ("2027-01-05", "2027-02-27")


def test_a_subdistrict_notice_signed_only_in_its_closing_lines() -> None:
    text = ("关于申报2026年度服装企业设备贷款贴息的通知\n\n各社区，辖区各有关企业：\n"
            "为减轻企业融资负担，现将有关事项通知如下：\n\n"
            "一、贴息对象\n工商注册和税务登记均在本街道的服装、家纺企业。\n"
            "近两年因环保违法受到行政处罚的企业，不列入贴息范围。\n\n"
            "二、申报时间\n受理至专项资金用完或2027年1月20日，以先到者为准。\n\n"
            "杭州市萧山区北干街道办事处\n2026年11月25日\n")
    found = _read(text, issuer="杭州市萧山区北干街道办事处", date="2026-11-25")
    typed = {c["type"]: c for c in found["conditions"]}
    assert typed["region"]["value"] == ["北干街道"] and typed["region"]["within"] == {"北干街道": "Xiaoshan"}
    assert typed["no_violations"]["quote"] == "近两年因环保违法受到行政处罚的企业，不列入贴息范围。"
    assert "text" not in typed
    assert found["window"]["closes"] == "2027-01-20"
