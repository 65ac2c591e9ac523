"""Lists nested in a condition list: items that state only a bound, read with the measure of the item
above them, and made alternatives when that item asks any one of them."""

from __future__ import annotations

from typing import Any

import pytest

from indexer.notice.eligibility import extract_eligibility

ZH = """关于组织申报2027年度纺织企业出口恢复奖励的通知
一、申报条件
申报企业须同时具备以下条件：
（一）在海宁市依法注册登记；
（二）主营纺织品或服装；
（三）2026年度营业收入符合下列情形之一：
1．不超过5000万元；
2．超过5000万元，且2026年出口额同比下降20%以上。
二、申报时间
请于2027年3月31日前提交材料。
"""
EN = """Jiaxing Knitwear Export Support, 2027

Eligibility
To apply, your firm must:
• be registered in Jiaxing;
• make knitwear;
• have annual sales that are either:
– RMB 50 million or less; or
– above RMB 50 million, where orders fell by 20% or more in 2026.
• have no customs penalties since 2025.

Applying
Applications close on 31 March 2027.
"""
# a real round's form
REAL = """Eligibility
To be eligible, your business must:
• be based in Hangzhou, Jiaxing, Shaoxing or Ningbo;
• make textiles, clothing or home textiles;
• have an annual turnover that is either:
– RMB 100 million or less; or
– above RMB 100 million, where exports in 2026 dropped by more than 30% from their 2025 level.
Businesses fined for customs or tax offences since 1 January 2025 are not eligible.
"""
ALL = """Eligibility
Applicants must:
• be registered in Jiaxing;
• have exports in 2025 that are:
– at least USD 1 million; and
– no more than USD 20 million.
"""


def _revenue(text: str) -> list[tuple[str, Any, Any]]:
    found = extract_eligibility([], text, None, "2026-12-01")["conditions"]
    return [(c["op"], c["value"], c.get("group")) for c in found if str(c["type"]).startswith("annual_revenue")]


@pytest.mark.parametrize(("text", "low"), [(ZH, 50_000_000), (EN, 50_000_000), (REAL, 100_000_000)])
def test_bounds_under_an_either_item_take_its_measure_and_are_alternatives(text: str, low: int) -> None:
    read = _revenue(text)
    assert [(op, value) for op, value, _ in read] == [("<=", low), (">", low)]
    assert read[0][2] is not None and read[0][2] == read[1][2]


def test_bounds_under_an_item_asking_all_of_them_are_both_asked() -> None:
    found = extract_eligibility([], ALL, None, "2026-12-01")["conditions"]
    exports = [(c["op"], c["value"], c.get("group")) for c in found if str(c["type"]).startswith("annual_exports")]
    assert exports == [(">=", 1_000_000, None), ("<=", 20_000_000, None)]
