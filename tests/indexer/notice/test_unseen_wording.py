"""Wording no finder dev notice uses, written fresh for these tests in both languages: registration,
tax and statistics phrasings of region (注册登记地, 税收缴纳地, 统计关系在, 纳入…统计, 在我市范围内, 辖区内,
"incorporated in", "registered and paying tax in"), sizes (规上/规下, 中小微, "SMEs as defined by…",
a size shut out), amount ranges, credit and dishonesty, exclusions lists, tables and windows."""

from __future__ import annotations

from typing import Any

import pytest

from indexer.notice.conditions import conditions_in
from indexer.notice.eligibility import extract_eligibility
from tests.indexer.notice.test_eligibility import _chunk


def _typed(sentence: str, issuer: str | None = None) -> set[tuple[str, Any, Any]]:
    return {(c["type"], c.get("op"), str(c["value"])) for c in conditions_in(sentence, issuer)}


@pytest.mark.parametrize(("sentence", "issuer", "want"), [
    ("申报企业注册登记地须在绍兴市柯桥区。", None, {("region", None, "['Keqiao']")}),
    ("企业税收缴纳地在绍兴市，且统计关系在本市。", "绍兴市商务局", {("region", None, "['Shaoxing']")}),
    ("纳入我市规上工业统计的纺织印染企业", "绍兴市商务局",
     {("region", None, "['Shaoxing']"), ("sector", None, "['textile', 'dyeing']"),
      ("enterprise_size", None, "['above_designated_size']")}),
    ("在我市范围内依法注册登记的中小微外贸企业", "宁波市商务局",
     {("region", None, "['Ningbo']"), ("enterprise_size", None, "['micro', 'small', 'medium']")}),
    ("辖区内依法纳税的规下纺织企业", "杭州市萧山区经济和信息化局",
     {("region", None, "['Xiaoshan']"), ("sector", None, "['textile']"),
      ("enterprise_size", None, "['below_designated_size']")}),
    ("纳税关系隶属越城区的企业", None, {("region", None, "['Yuecheng']")}),
    ("企业须在我区依法纳税", "湖州市吴兴区商务局", {("region", None, "['Wuxing']")}),
    ("注册地和纳税地均在本市", "湖州市吴兴区商务局", {("region", None, "['Huzhou']")}),
    ("税收在本区缴纳", "湖州市吴兴区商务局", {("region", None, "['Wuxing']")}),
    ("本辖区内的纺织企业", "湖州市吴兴区商务局", {("region", None, "['Wuxing']"), ("sector", None, "['textile']")}),
    ("增值税应由嘉兴市（含所辖县（市、区））税务机关征收。", None, {("region", None, "['Jiaxing']")}),
    ("企业的主管税务机关须为柯桥区税务局，否则不予受理。", None, {("region", None, "['Keqiao']")}),
    ("Applicants must be incorporated in Ningbo and employ fewer than 300 people.", None,
     {("region", None, "['Ningbo']"), ("employees_max", "<", "300")}),
    ("Enterprises registered and paying tax in Suzhou with exports of USD 5 million to 50 million in 2025 are "
     "eligible.", None,
     {("region", None, "['Suzhou']"), ("annual_exports_usd_range", "between", "[5000000, 50000000]")}),
    ("Companies whose head office is in Wuxi may apply.", None, {("region", None, "['Wuxi']")}),
    ("SMEs as defined by the Ministry of Industry and Information Technology", None,
     {("enterprise_size", None, "['micro', 'small', 'medium']")}),
    ("Large enterprises are not covered by this scheme.", None,
     {("enterprise_size", None, "['micro', 'small', 'medium']")}),
    ("大型企业不予支持。", None, {("enterprise_size", None, "['micro', 'small', 'medium']")}),
    ("补助仅限中小微企业，大型企业不在此列。", None, {("enterprise_size", None, "['micro', 'small', 'medium']")}),
    ("申报单位须为微型企业。", None, {("enterprise_size", None, "['micro']")}),
    ("Applicants must be above-designated-size industrial enterprises.", None,
     {("enterprise_size", None, "['above_designated_size']")}),
    ("年出口额超过5000万美元的企业不在支持范围", None, {("annual_exports_usd_max", "<=", "50000000")}),
    ("大型企业不在本次支持范围。", None, {("enterprise_size", None, "['micro', 'small', 'medium']")}),
    ("Only micro-enterprises may apply.", None, {("enterprise_size", None, "['micro']")}),
    ("支持对象为中型企业", None, {("enterprise_size", None, "['medium']")}),
    ("2025年主营业务收入2000万元以下（即为规模以下企业）", None, {("annual_revenue_cny_max", "<=", "20000000")}),
    ("上年度营业收入在1亿元至10亿元之间", None, {("annual_revenue_cny_range", "between", "[100000000, 1000000000]")}),
    ("2025年出口额在300万美元（含）至3000万美元（不含）之间", None,
     {("annual_exports_usd_min", ">=", "3000000"), ("annual_exports_usd_max", "<", "30000000")}),
    ("Firms with more than 20 but fewer than 500 employees", None,
     {("employees_min", ">", "20"), ("employees_max", "<", "500")}),
    ("The programme serves firms whose headcount exceeds 50 but does not reach 400.", None,
     {("employees_min", ">", "50"), ("employees_max", "<", "400")}),
    ("A firm fined by customs since 2024 may not claim.", None, {("no_violations", None, "True")}),
    ("申报前三年内有严重失信记录的，资金不予拨付。", None, {("no_violations", None, "True")}),
    ("(d) never have exhibited at an overseas trade fair.", None, {("first_time", None, "True")}),
    ("SMEs may receive the grant for a first participation in a domestic fair.", None,
     {("first_time", None, "True"), ("enterprise_size", None, "['micro', 'small', 'medium']")}),
    ("申报企业用工规模须满200人。", None, {("employees_min", ">=", "200")}),
    ("上年末参保职工人数不少于30人", None, {("employees_min", ">=", "30")}),
    ("参保职工20人（含）以下的企业，裁员率放宽至不高于20%。", None, set()),  # a rate's tier, no headcount
    ("申请企业及其法定代表人不在失信被执行人名单之内。", None, {("no_violations", None, "True")}),
    ("申领之日前两年内无欠缴社会保险费记录", None, {("no_violations", None, "True")}),
    ("An exporter penalised by customs in the past year will not be paid.", None, {("no_violations", None, "True")}),
    ("社会保险费由湖州市税务部门征收的企业", None, {("region", None, "['Huzhou']")}),
    ("失业保险参保关系在嘉兴市的企业", None, {("region", None, "['Jiaxing']")}),
    ("注册在杭州市萧山区、余杭区或临平区的企业", None, {("region", None, "['Xiaoshan', 'Yuhang', 'Linping']")}),
    ("Applicants must be registered with the Jiaxing Administration for Market Regulation.", None,
     {("region", None, "['Jiaxing']")}),
    ("registered with the Market Regulation Administration of Huzhou", None, {("region", None, "['Huzhou']")}),
    ("Registered and paying tax in Wenzhou (Ouhai, Lucheng or Longwan)", None,
     {("region", None, "['Ouhai', 'Lucheng', 'Longwan']")}),
    ("registered in Wuxi (Jiangyin and Yixing included)", None, {("region", None, "['Wuxi']")}),
    ("注册地在柯桥区、年出口额100万美元以上", None,
     {("region", None, "['Keqiao']"), ("annual_exports_usd_min", ">=", "1000000")}),
])
def test_fresh_sentences_are_typed(sentence: str, issuer: str | None, want: set[tuple[str, Any, Any]]) -> None:
    assert _typed(sentence, issuer) == want


def _read(text: str, issuer: str, date: str = "2026-11-20") -> dict[str, Any]:
    return extract_eligibility([_chunk(text, "fresh")], text, issuer, date)


def _conds(found: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(c["type"], str(c["value"]), c["quote"]) for c in found["conditions"]]


def test_a_packed_sentence_under_a_scope_heading_gives_every_type_and_an_exclusions_heading_its_items() -> None:
    found = _read("嘉兴市秀洲区商务局\n关于组织开展2027年度外贸企业开拓市场项目申报的通知\n秀商务〔2026〕31号\n\n"
                  "各有关企业：\n为支持外贸企业开拓国际市场，现将有关事项通知如下。\n一、支持范围\n"
                  "注册登记地和税收缴纳地均在秀洲区、统计关系在我区的规上工业企业，2025年自营出口额在100万美元至5000万美元之间。\n"
                  "二、有下列情形之一的不予支持：\n（一）近两年被列入失信联合惩戒对象名单的；\n（二）信用等级被评为D级的；\n"
                  "（三）在境内举办的展会。\n三、申报时间\n申报系统于2026年12月10日开放，2027年1月20日18时关闭。\n",
                  "嘉兴市秀洲区商务局")
    kinds = {t for t, _, _ in _conds(found)}
    assert kinds == {"region", "enterprise_size", "annual_exports_usd_range", "no_violations", "text"}
    assert [q for t, _, q in _conds(found) if t == "text"] == ["（二）信用等级被评为D级的；"]  # a grade: no type
    assert not [q for _, _, q in _conds(found) if "展会" in q]  # a kind of fair shut out: the scope, no condition
    assert (found["window"]["opens"], found["window"]["closes"]) == ("2026-12-10", "2027-01-20")


def test_an_english_guide_with_a_list_of_exclusions_under_its_heading() -> None:
    found = _read("Ningbo Municipal Commerce Bureau\n2027 Cross-border Market Development Support: Application "
                  "Guide\n\n1. Who is covered\nEnterprises are eligible if they:\n"
                  "(a) are incorporated in Ningbo and pay tax there;\n"
                  "(b) are SMEs as defined by the Ministry of Industry and Information Technology;\n"
                  "(c) exported goods worth USD 5 million to 50 million in 2025.\n\n2. Exclusions\n"
                  "Support will not be given to any of the following:\n- enterprises rated D for customs credit;\n"
                  "- exhibitions held in mainland China.\n\n3. Timing\nApplications may be filed from 1 December 2026. "
                  "The portal shuts at 17:00 on 15 January 2027.\n", "Ningbo Municipal Commerce Bureau")
    conds = _conds(found)
    assert {(t, v) for t, v, _ in conds} == {("region", "['Ningbo']"),
                                             ("enterprise_size", "['micro', 'small', 'medium']"),
                                             ("annual_exports_usd_range", "[5000000, 50000000]"),
                                             ("text", "None")}  # "rated D": a credit grade, no type
    assert all("group" not in c for c in found["conditions"])  # "any of the following" under Exclusions: all shut out
    assert (found["window"]["opens"], found["window"]["closes"]) == ("2026-12-01", "2027-01-15")


def test_a_who_benefits_sentence_under_an_unusual_heading_and_a_letter_answered() -> None:
    found = _read("慈溪市商务局\n关于做好2027年度外贸企业短期险统保工作的通知\n\n一、承保机构\n由某保险公司承担。\n\n"
                  "二、享受政策的企业\n2025年度出口额在300万美元（含）以内、税收缴纳地在余姚市的外贸企业，可纳入统保平台。\n",
                  "慈溪市商务局")
    assert {(t, v) for t, v, _ in _conds(found)} == {("annual_exports_usd_max", "3000000"), ("region", "['Yuyao']")}
    letter = _read("柯桥区商务局\n关于展会补助的答复\n\n来信内容：我公司做面料，想去海外参展，有补助吗？怎么申请？\n\n"
                   "答复内容：\n关于企业范围。本项补助面向服装类企业。\n补助仅限中小微企业，大型企业不在此列。\n",
                   "绍兴市柯桥区商务局")
    assert {(t, v) for t, v, _ in _conds(letter)} == {("sector", "['apparel']"),
                                                       ("enterprise_size", "['micro', 'small', 'medium']")}


def test_clarifications_of_who_counts_are_no_conditions() -> None:
    for line in ("A firm that exhibited only on a partner's stand is still treated as a first-time exhibitor.",
                 "以联合展位形式参展的，视同首次参展。"):
        found = _read("Eligibility\nFirst-time exhibitors registered in Hangzhou may apply.\n" + line, "Hangzhou")
        assert line not in [q for _, _, q in _conds(found)], line


def test_county_level_places_of_the_textile_provinces_are_placed() -> None:
    from indexer.notice.places import canonical, within

    assert canonical("慈溪市") == canonical("Cixi") == "Cixi" and within("Cixi", "Ningbo") is True
    assert within("Keqiao", "Cixi") is False  # a Keqiao company is not in Cixi: not applicable, not "unknown"
    assert within("Xiuzhou", "Zhejiang") is True and within("Wujin", "Jiangsu") is True
    assert within("Ningbo", "Cixi") is None  # a Ningbo company may or may not be in Cixi


def test_lines_on_bodies_that_are_no_company_are_no_conditions() -> None:
    from indexer.notice.not_conditions import never

    assert never("机关事业单位、社会团体不在补助范围内。")
    assert never("民办非企业单位、基金会以及以单位形式参保的个体工商户，参照企业执行。")
    assert never("Government agencies and public institutions are not covered.")
    assert not never("注册在柯桥区的纺织企业可以申报。")


def test_a_replys_topic_label_stays_with_its_sentence() -> None:
    found = _read("柯桥区商务局\n关于展会补助的答复\n\n答复内容：\n关于企业范围。本项补助面向家纺企业。\n",
                  "绍兴市柯桥区商务局")
    assert [(t, q) for t, _, q in _conds(found)] == [("sector", "关于企业范围。本项补助面向家纺企业。")]


def test_a_notice_in_force_until_a_day_after_a_comma_expires_then() -> None:
    from indexer.notice.validity_text import read_validity

    assert read_validity(["本通告自发布之日起施行，至2027年3月31日止。"], "2026-10-09") == ("2026-10-09", "2027-03-31")
    assert read_validity(["各地要抓紧组织实施，至2026年6月30日前完成。"], "2025-12-26") == (None, None)


def test_whom_a_measure_calls_its_beneficiary_is_read() -> None:
    found = _read("绍兴市商务局\n关于参展补助的若干措施\n\n第一条 为支持…，制定本措施。\n"
                  "第二条 本措施所称支持对象，指在湖州市办理工商登记、依法纳税的外贸企业。\n", "湖州市商务局")
    assert [(t, v) for t, v, _ in _conds(found)] == [("region", "['Huzhou']")]


@pytest.mark.parametrize("text", [
    "某市商务局\n关于某项补助的通知\n\n一、总体要求\n申报主体应为在无锡市注册的服装企业。\n二、其他\n联系电话：123\n",
    "Grant notice\n\n1. The scheme\nThe grant is for garment makers registered in Wuxi.\n2. Contact\nTel 123\n",
])
def test_who_the_scheme_is_for_outside_an_eligibility_section(text: str) -> None:
    assert {(t, v) for t, v, _ in _conds(_read(text, "x"))} == {("region", "['Wuxi']"), ("sector", "['apparel']")}


def test_a_kind_of_company_shut_out_that_no_type_covers_asks_something() -> None:
    from indexer.notice.untyped import untyped_requirement

    assert untyped_requirement("展位只分配给注册地在海宁市的生产型企业，贸易型企业不参与分配。")
    assert untyped_requirement("Manufacturers registered in Wuxi may apply; trading companies are not eligible.")
    assert not untyped_requirement("补助仅限中小微企业，大型企业不在此列。")  # a size: typed


def test_a_lead_in_right_after_the_title_opens_its_list() -> None:
    found = _read("Suzhou Bureau of Commerce\n2027 Silk Exporters' Market Fund\n\nEnterprises are eligible if they:\n"
                  "- are registered in Suzhou (including Wujiang, Changshu and Zhangjiagang);\n"
                  "- employed fewer than 500 people at the end of 2025; and\n"
                  "- have not received support from the fund in 2025 or 2026.\n", "Suzhou Bureau of Commerce")
    assert [(t, v) for t, v, _ in _conds(found)] == [("region", "['Suzhou']"), ("employees_max", "500"),
                                                     ("first_time", "True")]


def test_support_of_the_same_kind_already_had_shuts_out() -> None:
    from indexer.notice.conditions import excluded_conditions

    assert excluded_conditions("2. 已享受本年度同类政策的。") == [{"type": "first_time", "value": True}]


@pytest.mark.parametrize("text", [
    "某区经信局\n关于组织申报的通知\n\n一、总体安排\n鼓励注册在平湖市的服装企业积极申报。\n二、联系方式\n电话：123\n",
    "Grant notice\n\n1. The programme\nThe programme targets garment makers registered in Pinghu.\n2. Contact\nTel 1\n",
])
def test_whom_a_scheme_encourages_or_targets(text: str) -> None:
    assert {(t, v) for t, v, _ in _conds(_read(text, "x"))} == {("region", "['Pinghu']"), ("sector", "['apparel']")}


def test_a_registration_noun_phrase_is_a_who_sentence_in_a_notice_not_in_news() -> None:
    news = "柯桥纺织业快讯\n\n今年以来，在柯桥区注册的纺织企业超过1万家，出口增长明显。\n"
    assert _conds(_read(news, "x")) == []


def test_a_table_under_a_lead_in_reads_its_rows_not_its_header() -> None:
    found = _read("宁波市鄞州区商务局\n关于外贸稳订单奖励的通知\n\n一、奖励对象\n符合下表全部条件的外贸企业：\n"
                  "| 条件类别 | 具体要求 |\n| 属地 | 注册登记地、税收缴纳地均在鄞州区 |\n"
                  "| 规模 | 中小微企业（大型企业除外） |\n"
                  "| 信用 | 海关信用等级非失信企业 |\n", "宁波市鄞州区商务局")
    assert [(t, v) for t, v, _ in _conds(found)] == [("region", "['Yinzhou']"),
                                                     ("enterprise_size", "['micro', 'small', 'medium']"),
                                                     ("no_violations", "True")]
