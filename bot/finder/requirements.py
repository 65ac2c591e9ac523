"""Each condition, and the application window, as a line in the member's language.

A ``text`` condition (one only quoted) is its own quote; a range shows both ends; a no-violations
condition names its years when the notice does ("No record of violations in the past 3 years").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.language import Lang
from indexer.notice.places import chinese, english

_OP_WORDS = {"en": {"<": "below", "<=": "at most", ">": "above", ">=": "at least", "between": "between"},
             "zh": {"<": "低于", "<=": "不超过", ">": "超过", ">=": "不低于", "between": "在"}}
_LABELS: dict[str, dict[Lang, str]] = {
    "region": {"en": "Registered in {v}", "zh": "注册地在{v}"},
    "annual_exports_usd": {"en": "Annual exports {op} USD {v}", "zh": "年出口额{op}{v}美元"},
    "annual_exports_cny": {"en": "Annual exports {op} CNY {v}", "zh": "年出口额{op}{v}元"},
    "annual_revenue_usd": {"en": "Annual revenue {op} USD {v}", "zh": "年营业收入{op}{v}美元"},
    "annual_revenue_cny": {"en": "Annual revenue {op} CNY {v}", "zh": "年营业收入{op}{v}元"},
    "employees": {"en": "Employees {op} {v}", "zh": "从业人员{op}{v}人"},
    "sector": {"en": "Sector: {v}", "zh": "行业：{v}"},
    "enterprise_size": {"en": "Enterprise size: {v}", "zh": "企业规模：{v}"},
    "specialised": {"en": "Recognised as a specialised and new (专精特新) SME", "zh": "已认定为专精特新企业"},
    "first_time": {"en": "First-time applicant", "zh": "首次申请"},
    "no_violations": {"en": "No record of violations", "zh": "无违法违规记录"},
}
_NOT_IN: dict[Lang, str] = {"en": "Not registered in {v}", "zh": "注册地不在{v}"}
_NOT_SECTOR: dict[Lang, str] = {"en": "Sector other than {v}", "zh": "行业不属于{v}"}
_YEARS = {"en": " in the past {n} years", "zh": "（近{n}年）"}
_WORDS_ZH = {"textile": "纺织", "apparel": "服装", "dyeing": "印染", "chemical_fibre": "化纤", "home_textile": "家纺",
             "weaving": "织造", "knitting": "针织", "silk": "丝绸", "micro": "微型", "small": "小型", "medium": "中型",
             "large": "大型", "above_designated_size": "规模以上",
             "below_designated_size": "规模以下"}
_WINDOW: dict[str, dict[Lang, str]] = {
    "open": {"en": "Applications open until {closes}", "zh": "申报截止日期：{closes}"},
    "rolling": {"en": "Applications accepted all year", "zh": "常年受理申报"},
    "open_from": {"en": "Applications open since {opens}", "zh": "自{opens}起受理申报"},
    "closed": {"en": "Application window closed on {closes}", "zh": "申报已于{closes}截止"},
    "not_yet_open": {"en": "Applications open on {opens}", "zh": "将于{opens}开始受理申报"},
    "later": {"en": "Application dates to be announced", "zh": "申报时间另行通知"},
    "unknown": {"en": "The notice states no application dates", "zh": "文件未写明申报时间"},
}


def _number(value: object) -> str:
    return f"{value:,.0f}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def requirement(cond: Mapping[str, Any], lang: Lang) -> str:
    """The condition in a line of the member's language; a text condition is its own quote."""
    kind = str(cond.get("type"))
    base = kind.rsplit("_", 1)[0] if kind.endswith(("_max", "_min", "_range")) else kind
    if base not in _LABELS:
        return str(cond.get("quote") or "")
    value = cond.get("value")
    if cond.get("op") == "between" and isinstance(value, list) and len(value) == 2:
        shown = f"{_number(value[0])}–{_number(value[1])}"
    elif isinstance(value, list):
        words = [chinese(str(v)) if base == "region" else _WORDS_ZH.get(str(v), str(v)) for v in value] \
            if lang == "zh" else [english(str(v)) if base == "region" else str(v).replace("_", " ") for v in value]
        shown = ("、" if lang == "zh" else " or ").join(words)
    else:
        shown = _number(value)
    label = _LABELS[base][lang] if cond.get("op") != "not_in" or base not in ("region", "sector") else \
        _NOT_IN[lang] if base == "region" else _NOT_SECTOR[lang]
    line = label.format(v=shown, op=_OP_WORDS[lang].get(str(cond.get("op")), ""))
    years = cond.get("years")
    if base == "no_violations" and isinstance(years, int) and not isinstance(years, bool) and 0 < years < 100:
        line += _YEARS[lang].format(n=years)
    return line


def window_line(window: Mapping[str, Any], lang: Lang) -> str:
    """The window's state in a line: open until, closed on, opens on, all year, or unknown."""
    state = str(window.get("state") or "unknown")
    if state == "open":
        key = "open" if window.get("closes") else "rolling" if window.get("rolling") else "open_from"
    elif state == "unknown" and window.get("later"):
        key = "later"
    else:
        key = state if state in _WINDOW else "unknown"
    return _WINDOW[key][lang].format(closes=window.get("closes") or "", opens=window.get("opens") or "")
