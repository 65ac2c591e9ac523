"""Amounts and the bounds around them as notices write them: inclusive or exclusive as written, ranges."""

from __future__ import annotations

import time

import pytest

from indexer.notice.amounts import amount, bounds_in


@pytest.mark.parametrize(("text", "expected"), [
    ("USD 10 million", (10_000_000, "USD")),
    ("$5m", (5_000_000, "USD")),
    ("US$2.5 million", (2_500_000, "USD")),
    ("50 million US dollars", (50_000_000, "USD")),
    ("1000万美元", (10_000_000, "USD")),
    ("5亿元", (500_000_000, "CNY")),
    ("200万元", (2_000_000, "CNY")),
    ("300,000 yuan", (300_000, "CNY")),
    ("RMB 1 million", (1_000_000, "CNY")),
    ("¥80,000", (80_000, "CNY")),
    ("人民币3000万", (30_000_000, "CNY")),
])
def test_amounts(text: str, expected: tuple[float, str]) -> None:
    assert amount(text) == expected


@pytest.mark.parametrize("text", ["300 employees", "60%", "2025", "no number here"])
def test_no_currency_no_amount(text: str) -> None:
    assert amount(text) is None


@pytest.mark.parametrize(("clause", "op", "value", "people"), [
    ("出口额低于6500万美元", "<", 65e6, False),
    ("出口额不超过1000万美元", "<=", 1e7, False),
    ("出口额在1000万美元（含）以下", "<=", 1e7, False),
    ("年出口额5000万美元以下", "<=", 5e7, False),
    ("销售收入超过2亿元", ">", 2e8, False),
    ("销售收入不低于2亿元", ">=", 2e8, False),
    ("主营业务收入达到2000万元", ">=", 2e7, False),
    ("营业收入不满500万元", "<", 5e6, False),
    ("从业人员300人以上", ">=", 300, True),
    ("从业人员300人（含）以上", ">=", 300, True),
    ("从业人员不超过1000人", "<=", 1000, True),
    ("exports below USD 30 million", "<", 3e7, False),
    ("exports of no more than $8m", "<=", 8e6, False),
    ("revenue of RMB 50 million or more", ">=", 5e7, False),
    ("revenue of at least RMB 20 million", ">=", 2e7, False),
    ("exports exceeding USD 2 million", ">", 2e6, False),
    ("turnover not exceeding RMB 100 million", "<=", 1e8, False),
    ("fewer than 300 employees", "<", 300, True),
    ("employ no more than 1,000 people", "<=", 1000, True),
    ("500 employees and above", ">=", 500, True),
])
def test_bounds_as_written(clause: str, op: str, value: float, people: bool) -> None:
    [bound] = bounds_in(clause)
    assert (bound.op, bound.value, bound.people) == (op, value, people)


@pytest.mark.parametrize(("clause", "low", "high", "currency"), [
    ("营业收入2000万元至4亿元", 2e7, 4e8, "CNY"),
    ("投入在100万元至200万元（不含税）之间", 1e6, 2e6, "CNY"),
    ("employing between 20 and 1,000 people", 20, 1000, None),
    ("revenue of RMB 20–50 million", 2e7, 5e7, "CNY"),
    ("exports from USD 1 million to USD 5 million", 1e6, 5e6, "USD"),
])
def test_ranges_include_both_ends(clause: str, low: float, high: float, currency: str | None) -> None:
    [bound] = bounds_in(clause)
    assert (bound.op, bound.value, bound.currency) == ("between", (low, high), currency)


@pytest.mark.parametrize("clause", ["2025-2026年度", "revenue of RMB 50 million", "出口额6500万美元", "2025年"])
def test_no_comparator_no_bound(clause: str) -> None:
    assert bounds_in(clause) == []


def test_hostile_clauses_are_linear() -> None:
    started = time.perf_counter()
    for text in ("不超过" * 50_000, "1," * 100_000 + "万元以下", "between " + "1 and " * 40_000, "9" * 200_000):
        bounds_in(text)
    assert time.perf_counter() - started < 1.0


def test_a_range_whose_ends_are_each_said_to_be_included() -> None:
    [bound] = bounds_in("年出口额在50万美元（含）至800万美元（含本数）之间")
    assert (bound.op, bound.value, bound.currency) == ("between", (500_000, 8_000_000), "USD")


@pytest.mark.parametrize(("unit", "expected"), [
    ("上年度营业收入过亿元", ("annual_revenue_cny_min", ">=", 100_000_000)),  # passed the mark: 1亿 or more
    ("营收过亿的服装企业", ("annual_revenue_cny_min", ">=", 100_000_000)),
    ("上年度出口额超千万美元", ("annual_exports_usd_min", ">", 10_000_000)),
    ("从业人员不超过千人", ("employees_max", "<=", 1000)),
    ("主营业务收入未突破亿元", ("annual_revenue_cny_max", "<", 100_000_000)),
    ("用工逾两千人", ("employees_min", ">", 2000)),
])
def test_a_scale_with_no_number(unit: str, expected: tuple[str, str, float]) -> None:
    from indexer.notice.conditions import conditions_in

    assert [(c["type"], c["op"], c["value"]) for c in conditions_in(unit) if c["type"] != "sector"] == [expected]


@pytest.mark.parametrize(("unit", "expected"), [
    ("a headcount of 50–1,000", [50, 1000]),
    ("staff numbers of 20-300 at the end of 2026", [20, 300]),
    ("从业人员50-300，且上年度无欠薪记录", [50, 300]),
    ("职工人数 100～800", [100, 800]),
])
def test_two_numbers_joined_by_a_dash_after_a_headcount(unit: str, expected: list[float]) -> None:
    from indexer.notice.conditions import conditions_in

    assert [(c["type"], c["value"]) for c in conditions_in(unit)] == [("employees_range", expected)]


@pytest.mark.parametrize("text", ["全市过千家企业享受政策", "revenue grew in 2025–2026", "咨询电话0575-84125678",
                                  "see items 3–12 of the annex", "2025-2026年度营业收入", "项目数过万"])
def test_no_bound_from_counts_years_or_numbers_alone(text: str) -> None:
    from indexer.notice.conditions import conditions_in

    assert bounds_in(text) == [] and conditions_in(text) == []


@pytest.mark.parametrize(("clause", "low", "high"), [
    # "（不含）" or "（含）" written after each end
    ("2025年度营业收入在2000万元（不含）至10亿元（含）之间；", (">", 2e7), ("<=", 1e9)),
    ("上年度出口额3000万元（不含）至2亿元（不含）", (">", 3e7), ("<", 2e8)),
    ("年销售收入800万元（含）至6000万元（不含）", (">=", 8e6), ("<", 6e7)),
    # the ends named in a bracket after the range
    ("营业收入在300万元至2亿元之间（含300万元，不含2亿元）", (">=", 3e6), ("<", 2e8)),
    ("出口额在200万美元至1500万美元之间（不含200万美元）", (">", 2e6), ("<=", 1.5e7)),
])
def test_a_range_with_an_end_left_out_is_two_bounds(clause: str, low: tuple[str, float],
                                                    high: tuple[str, float]) -> None:
    assert [(b.op, b.value) for b in bounds_in(clause)] == [low, high]


@pytest.mark.parametrize("clause", ["营业收入在1000万元至8亿元之间（含本数）",
                                    "出口额500万美元（含）至2000万美元（含）"])
def test_a_range_with_both_ends_in_stays_one(clause: str) -> None:
    assert [b.op for b in bounds_in(clause)] == ["between"]


@pytest.mark.parametrize(("text", "value"), [
    ("between USD 250,000 and USD 3 million", (250_000, 3_000_000)),
    ("RMB 800,000 to RMB 12 million", (800_000, 12_000_000)),
    ("USD 20-50 million", (20_000_000, 50_000_000)),  # the low end still shares the high end's scale
    # a real round's form
    ("between USD 100,000 and USD 5 million", (100_000, 5_000_000)),
])
def test_a_low_end_written_in_full_keeps_its_value(text: str, value: tuple[int, int]) -> None:
    assert [(b.op, b.value) for b in bounds_in(text, bare=True)] == [("between", value)]
