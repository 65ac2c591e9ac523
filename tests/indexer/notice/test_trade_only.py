"""Firms shut out for only trading: part of the sector asked, no condition, for the rules and the model alike."""

from __future__ import annotations

import pytest

from indexer.notice.fitted import may_state
from indexer.notice.trade_only import only_trades
from indexer.notice.units import Unit


@pytest.mark.parametrize("line", [
    "A firm that only sells online is excluded.",
    "A company that only resells imported fabric, or only trades, is not eligible.",
    "仅从事贸易、零售的企业不在支持范围。",
    "只从事批发业务的企业不予支持。",
    # a real round's form
    "A business that only imports finished goods, or only sells at retail, is not eligible.",
])
def test_firms_that_only_trade_shut_out_is_no_condition(line: str) -> None:
    assert only_trades(line) and not may_state(Unit(line, line, "section"))


@pytest.mark.parametrize("line", [
    "Trading companies are not eligible.",
    "A business that makes garments is eligible.",
    "A business that only exports to Hong Kong may still apply.",
    "年出口额超过5000万美元的企业不予支持。",
])
def test_other_lines_are_not_read_as_firms_that_only_trade(line: str) -> None:
    assert not only_trades(line)
