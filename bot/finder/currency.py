"""Amounts in the other currency: a member's USD figure against a limit stated in 元, and back.

Conversion uses only the rate the administrator sets (``POLICYBOT_CNY_PER_USD``); without one
nothing is converted and such conditions stay ``unknown``: no rate is built in, rates move. A
converted figure close to the limit decides nothing (``MARGIN``), and every converted check says
which rate it rests on, so the member can tell a verdict read from the notice from one that
depends on today's exchange rate.
"""

from __future__ import annotations

from typing import Any, Literal

from core.language import Lang

Currency = Literal["USD", "CNY"]
OTHER: dict[Currency, Currency] = {"USD": "CNY", "CNY": "USD"}

MARGIN = 0.05
"""A converted amount within 5% of the limit (either side) leaves the condition ``unknown``.

The rate moves between the day a notice sets its limit, the day the administrator set the rate
and the day the member applies, and the authority may convert at a rate of its own choosing (the
year's average, the central parity on some day); a few percent is the ordinary range of such a
difference over a year. Outside the margin the verdict would hold at any of those rates."""


def convert(amount: float, source: Currency, target: Currency, cny_per_usd: float) -> float:
    """``amount`` in ``source`` expressed in ``target`` at ``cny_per_usd`` yuan to the dollar."""
    if source == target:
        return amount
    return amount * cny_per_usd if source == "USD" else amount / cny_per_usd


def too_close(value: float, limit: float, margin: float = MARGIN) -> bool:
    """Whether a converted ``value`` is within ``margin`` (a fraction of the limit) of ``limit``."""
    return abs(value - limit) <= margin * abs(limit)


def marker(amount: float, source: Currency, target: Currency, cny_per_usd: float, near_limit: bool) -> dict[str, Any]:
    """What a checklist item carries when its verdict rests on the rate."""
    return {"rate": cny_per_usd, "from": source, "to": target, "amount": amount,
            "value": round(convert(amount, source, target, cny_per_usd), 2), "near_limit": near_limit,
            "margin": MARGIN}


def _money(value: float, currency: str, lang: Lang) -> str:
    if lang == "zh":
        return f"{value:,.0f}{'美元' if currency == 'USD' else '元'}"
    return f"{currency} {value:,.0f}"


def note(converted: dict[str, Any], lang: Lang) -> str:
    """A short remark for the requirement line: the member's figure, the rate, and when it was too
    close to the limit to decide."""
    rate = f"{converted['rate']:g}"
    have = _money(converted["amount"], converted["from"], lang)
    value = _money(converted["value"], converted["to"], lang)
    percent = f"{converted['margin']:.0%}"
    if lang == "zh":
        text = f"（贵企业所填{have}按1美元兑{rate}元约合{value}"
        close = f"，与限额相差不足{percent}，汇率变动可能改变结果，不作判断）"
        return text + (close if converted["near_limit"] else "）")
    text = f" (your {have} is about {value} at {rate} CNY per USD"
    return text + (f"; within {percent} of the limit, so a change in the rate could decide it: not decided)"
                   if converted["near_limit"] else ")")
