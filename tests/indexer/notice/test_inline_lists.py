"""Wording written fresh for these tests, in both languages: a lead-in with its numbered items inside
one paragraph under a heading that names no eligibility, a place with a part left out, a market
cluster whose name is its place, a definition of the term for whom a scheme is, a bound far into a
long sentence, items numbered right before a year, exports said as goods shipped, a window that
"runs through" its day, requests "refused" to dishonest firms and a sign-off line."""

from __future__ import annotations

from typing import Any

import pytest

from indexer.notice.amounts import bounds_in
from indexer.notice.conditions import conditions_in
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.not_conditions import never
from indexer.notice.numbering import mark_of
from indexer.notice.windows import Sentence, read_window
from tests.indexer.notice.test_eligibility import _chunk


def _read(text: str, issuer: str) -> list[tuple[str, str | None, str, str]]:
    found = extract_eligibility([_chunk(text, "fresh")], text, issuer, "2026-12-01")
    return [(c["type"], c.get("op"), str(c["value"]), c["quote"]) for c in found["conditions"]]


def test_a_lead_in_and_its_circled_items_in_one_paragraph_are_a_list() -> None:
    read = _read("河南省商务厅\n关于家纺企业技术改造奖补的政策问答\n\n三、政策覆盖面\n"
                 "须同时满足下列要求的家纺企业：①在河南省（郑州市除外）依法登记注册；②从业人员200人以下；"
                 "③近两年未发生安全生产事故。\n四、办理时限\n2027年2月1日至4月30日。\n", "河南省商务厅")
    typed = {(t, op, v) for t, op, v, _ in read}
    assert typed == {("sector", None, "['home_textile']"), ("region", None, "['Henan']"),
                     ("region", "not_in", "['郑州市']"), ("employees_max", "<=", "200"),
                     ("no_violations", None, "True")}
    quotes = {t: q for t, op, _, q in read if op != "not_in"}
    assert quotes["region"] == "①在河南省（郑州市除外）依法登记注册；"
    assert quotes["employees_max"] == "②从业人员200人以下；"


def test_an_english_lead_in_with_its_lettered_items_in_one_paragraph() -> None:
    read = _read("Commerce Bureau of Changzhou\nKnitwear Export Grant\n\n2. About the grant\n"
                 "Firms must meet all of the following: (a) incorporated in Changzhou; (b) fewer than 150 staff; "
                 "and (c) not fined by customs in the past two years.\n", "Commerce Bureau of Changzhou")
    assert {(t, v, q) for t, _, v, q in read} == {
        ("region", "['Changzhou']", "(a) incorporated in Changzhou;"),
        ("employees_max", "150", "(b) fewer than 150 staff;"),
        ("no_violations", "True", "(c) not fined by customs in the past two years.")}


def test_a_materials_lead_in_with_inline_items_opens_nothing() -> None:
    read = _read("某区商务局\n关于补助的通知\n\n二、其他事项\n"
                 "需提交以下材料：①营业执照复印件；②2025年出口额在100万美元以上的证明。\n",
                 "某区商务局")
    assert read == []


@pytest.mark.parametrize(("sentence", "want"), [
    ("注册地在江苏省（不含苏州市）的纺织企业", {("region", None, "['Jiangsu']"), ("region", "not_in", "['Suzhou']"),
                                   ("sector", None, "['textile']")}),
    ("Enterprises registered in Guangdong (excluding Shenzhen) may apply.",
     {("region", None, "['Guangdong']"), ("region", "not_in", "['Shenzhen']")}),
    ("在中国小商品城持有有效商位的经营户", {("region", None, "['Yiwu']")}),
    ("Stallholders in China Commodity City may apply.", {("region", None, "['Yiwu']")}),
    ("在濮院依法注册的毛衫企业", {("region", None, "['Tongxiang']")}),
])
def test_places_left_out_and_places_named_by_their_market(sentence: str, want: set[tuple[Any, ...]]) -> None:
    assert {(c["type"], c.get("op"), str(c["value"])) for c in conditions_in(sentence)} == want


def test_a_definition_of_the_term_for_whom_the_scheme_is_states_its_conditions() -> None:
    read = _read("Anhui Department of Commerce\nCotton Yarn Export Premium Support\n\n1. Who qualifies\n"
                 "For this support, a 'qualifying spinning mill' means a yarn producer that is incorporated in Anhui "
                 "Province, that has run its mills for at least three years, and whose exports in 2025 came to between "
                 "USD 2 million and 20 million.\n", "Anhui Department of Commerce")
    typed = {(t, v) for t, _, v, _ in read}
    assert ("region", "['Anhui']") in typed and ("annual_exports_usd_range", "[2000000, 20000000]") in typed
    zh = _read("安徽省商务厅\n关于棉纱出口保费支持的通知\n\n一、适用企业\n"
               "本通知所称申报企业，是指在安徽省依法登记注册的棉纺企业。\n",
               "安徽省商务厅")
    assert ("region", None, "['Anhui']") in {(t, op, v) for t, op, v, _ in zh}


def test_a_bound_far_into_a_long_sentence_is_read() -> None:
    long = "申报企业应为" + "在本地区依法设立、具有独立法人资格、财务制度健全、" * 8 \
        + "且2025年出口额在500万美元以上的企业"
    assert len(long) > 200
    assert [(b.op, b.value) for b in bounds_in(long)] == [(">=", 5e6)]


@pytest.mark.parametrize(("line", "numbered"), [("2.2026年度出口额100万美元以上", True), ("3.2027年1月起施行", True),
                                                ("1.5倍", False), ("2.2026", False)])
def test_an_item_numbered_right_before_a_year(line: str, numbered: bool) -> None:
    assert (mark_of(line) is not None) is numbered


@pytest.mark.parametrize("text", [
    "某市商务局\n关于家纺企业智能化改造补助的细则\n\n第二章 支持对象\n"
    "第四条 补助资金支持小微企业在织造、印染等环节开展智能化改造。\n"
    "第五条 申报主体应为在南通市注册的小微家纺企业。\n",
    "Nantong Bureau\nSmart Looms Grant\n\n2. Who is covered\n"
    "The fund helps small and micro firms to automate weaving.\n"
    "Applicants must be small and micro home-textile firms registered in Nantong.\n",
])
def test_what_the_fund_pays_for_gives_way_to_the_line_that_asks(text: str) -> None:
    read = _read(text, "Nantong")
    sizes = [q for t, _, _, q in read if t == "enterprise_size"]
    assert len(sizes) == 1 and ("注册" in sizes[0] or "registered" in sizes[0])


@pytest.mark.parametrize(("sentence", "want"), [
    ("Makers that shipped goods worth USD 3 million or more abroad in 2025 qualify.",
     {("annual_exports_usd_min", ">=", "3000000")}),
    ("2025年外销额不低于200万美元的针织企业",
     {("annual_exports_usd_min", ">=", "2000000"), ("sector", None, "['knitting']")}),
    ("Requests from firms on the list of seriously dishonest entities will be rejected.",
     {("no_violations", None, "True")}),
    ("Mills registered in Fujian (Xiamen excluded, as it has its own scheme) may apply.",
     {("region", None, "['Fujian']"), ("region", "not_in", "['Xiamen']")}),
])
def test_exports_shipped_refusals_and_a_place_excluded_in_words(sentence: str, want: set[tuple[Any, ...]]) -> None:
    assert {(c["type"], c.get("op"), str(c["value"])) for c in conditions_in(sentence)} == want


def test_a_window_that_runs_through_its_last_day() -> None:
    window = read_window([Sentence("Applications open on 2 February 2027 and run through 30 April 2027.")],
                         "2027-01-10")
    assert window is not None and (window["opens"], window["closes"]) == ("2027-02-02", "2027-04-30")


@pytest.mark.parametrize(("line", "signed"), [
    ("Jinjiang Knitwear Association, 5 May 2027", True), ("泉州市纺织服装行业协会 2027年5月5日", True),
    ("Knitwear makers in Jinjiang, 5 May 2027", False),
    ("Makers registered in Jinjiang may apply from 5 May 2027", False),
])
def test_a_sign_off_is_no_condition(line: str, signed: bool) -> None:
    assert never(line) is signed


@pytest.mark.parametrize(("sentence", "issuer", "want"), [
    ("申报企业须在本县行政区域内从事生产经营", "天台县经济和信息化局", ["Tiantai"]),
    ("在我市范围内参加失业保险满一年的企业", "晋江市人力资源和社会保障局", ["Jinjiang"]),
    ("在本市依法参保的纺织企业", "泉州市人力资源和社会保障局", ["Quanzhou"]),
    ("本市注册的针织企业", "慈溪市商务局", ["Cixi"]),  # a county-level city: Cixi, not Ningbo around it
])
def test_the_issuers_own_place_where_firms_operate_or_are_insured(sentence: str, issuer: str, want: list[str]) -> None:
    assert [c["value"] for c in conditions_in(sentence, issuer) if c["type"] == "region"] == [want]


@pytest.mark.parametrize(("line", "may"), [
    ("近两年度审计报告复印件；", False), ("产品出口报关单扫描件。", False),
    ("a copy of the stall contract;", False),
    ("Receipts for the booth fee.", False), ("在嘉兴市注册的纺织企业", True),
    ("hold a valid ISO 9001 certificate;", True),
])
def test_a_paper_to_hand_in_is_not_for_the_model(line: str, may: bool) -> None:
    from indexer.notice.fitted import may_state
    from indexer.notice.units import Unit

    assert may_state(Unit(line, line, "sentence")) is may


@pytest.mark.parametrize(("line", "asks"), [
    ("在义乌国际商贸城内持有商位，并已在市场采购贸易联网信息平台备案；", True),
    ("Traders must be registered on the provincial market procurement platform.", True),
    ("已在绍兴市柯桥区注册的纺织企业", False),
])
def test_a_place_on_a_platforms_register_asks_something_untyped(line: str, asks: bool) -> None:
    from indexer.notice.untyped import untyped_requirement

    assert untyped_requirement(line) is asks


@pytest.mark.parametrize(("line", "numbered"), [
    ("（甲）在本县登记注册的纺织企业；", True),
    ("(乙) 上年度出口额不低于200万美元；", True),
    ("丙、近两年未受到海关处罚。", True),
    ("甲、乙双方另行签订协议。", False),  # a pair of parties, not an item
    ("甲方负责提供场地。", False),
])
def test_items_numbered_by_the_ten_stems(line: str, numbered: bool) -> None:
    assert (mark_of(line) is not None) is numbered


def test_a_lead_in_with_items_numbered_by_stems_is_a_list() -> None:
    from indexer.notice.structure import parse

    s = parse("二、申报条件\n申报企业须同时满足下列条件：\n（甲）在本区注册；\n（乙）从业人员不少于50人；\n"
              "（丙）近三年无重大违法记录。\n三、申报时间\n")
    items = [b.text for g in s.lists() for b in g.items]
    assert items == ["（甲）在本区注册；", "（乙）从业人员不少于50人；", "（丙）近三年无重大违法记录。"]


def test_a_place_left_out_in_brackets_is_not_the_place_shut_out() -> None:
    from indexer.notice.conditions import excluded_conditions
    from indexer.notice.places import canonical

    def read(found: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
        return {(c.get("op"), c["value"][0]) for c in found if c["type"] == "region"}

    hubei = read(conditions_in("注册地在湖北省（武汉市除外）行政区域内的纺织企业"))
    assert hubei == {(None, "Hubei"), ("not_in", canonical("武汉市"))}
    # an exclusions item: "not registered in Fujian (Xiamen left out)" asks Fujian, outside Xiamen
    fujian = read(excluded_conditions("（二）注册地不在福建省（厦门市除外）境内的；"))
    assert fujian == {(None, "Fujian"), ("not_in", canonical("厦门市"))}
