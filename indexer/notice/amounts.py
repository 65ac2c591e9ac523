"""Amounts, counts and the bounds around them, as notices write them, in English and Chinese.

"USD 10 million", "$5m", "1000万美元", "5亿元", "300,000 yuan" are amounts; a bound is the amount
with its comparator, before it ("no more than", "不超过", "at least") or after it ("or more",
"以下", "（含）以上"), or a range ("between 20 and 1,000", "2000万元至4亿元", "RMB 20–50 million").
Chinese 以上/以下/以内 and a "（含）" include the number, 超过/低于/不满/不足 do not (Civil Code art.
1259); in English "below", "under", "less than", "more than", "over", "exceeding" exclude it and
"or more", "at least", "no more than", "up to", "not exceeding" include it. A range includes both ends
unless one is marked "（不含）" ("2000万元（不含）至10亿元（含）") or named after 不含 in a bracket after it
("500万元至4亿元之间（含500万元，不含4亿元）"): then it is two bounds, the end left out excluded. Every
pattern is bounded and runs on a clause cut to MAX_CLAUSE characters, so in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CLAUSE = 200
MAX_TEXT = 1000
_CLAUSE_END = re.compile(r"[，；;。]|,\s|\s(?:and|whose|with|which|that)\s")

_NUM = r"\d{1,3}(?:,\d{3}){1,4}|\d{1,13}"
_SCALES = {"million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3, "k": 1e3,
           "千万": 1e7, "百万": 1e6, "万": 1e4, "亿": 1e8, "千": 1e3}
_SCALE = r"million|mn|m(?![a-z])|billion|bn|thousand|k(?![a-z])|千万|百万|万|亿|千(?!克)"
_USD = r"US\$|USD|US\s?dollars?|\$|美元|美金|dollars?"
_CNY = r"RMB|CNY|¥|￥|元人民币|人民币|元|yuan"
AMOUNT = re.compile(
    rf"(?P<cur1>{_USD}|{_CNY})?\s?(?P<num>{_NUM})(?:\.(?P<frac>\d{{1,4}}))?\s?(?P<scale>{_SCALE})?\s?"
    rf"(?P<cur2>{_USD}|{_CNY})?", re.I)
_PEOPLE = r"人|名|employees|staff|workers|people|persons|full-time\s+employees"

# Comparators: (pattern, op), the longer first so "not more than" is not read as "more than".
EN_BEFORE = [
    (r"not\s+(?:have\s+|be(?:en)?\s+)?(?:exceed(?:ing|ed)?|more\s+than|above|over|higher\s+than|greater\s+than)"
     r"|(?:did|does|do|shall|must|may|should|can)\s+not\s+(?:have\s+)?(?:exceed(?:ed)?|top(?:ped)?|surpass(?:ed)?"
     r"|(?:go|gone|rise|risen|climb|climbed)\s+(?:above|over|beyond))"
     r"|not\s+to\s+exceed"
     r"|no\s+(?:more|greater|higher)\s+than|up\s+to(?:\s+and\s+including)?|at\s+most|a\s+maximum\s+of|maximum", "<="),
    (r"no\s+(?:less|fewer|lower)\s+than|not\s+(?:have\s+|be(?:en)?\s+)?(?:less|fewer|lower)\s+than|at\s+least"
     r"|a\s+minimum\s+of|minimum|reach(?:ed|es|ing)?|of\s+at\s+least", ">="),
    (r"(?:does|do|did)\s+not\s+reach|not\s+reaching|below|under|less\s+than|fewer\s+than|lower\s+than|smaller\s+than|short\s+of",
     "<"),
    (r"above|over|more\s+than|greater\s+than|higher\s+than|larger\s+than|bigger\s+than|exceed(?:s|ed|ing)?|in\s+excess\s+of|top(?:s|ped|ping)"
     r"|surpass(?:es|ed|ing)?", ">")]
_NEXT_BOUND = r"(?!\s+(?:than\s+)?(?:RMB|CNY|USD|US\$|\$|¥|\d))"  # "and less than RMB 400 million": the next bound
EN_AFTER = [(rf"(?:or\s+(?:more|above|over|higher|greater)|and\s+(?:above|over|more)){_NEXT_BOUND}|\+", ">="),
            (rf"(?:or\s+(?:less|below|under|fewer|lower)|and\s+(?:below|under|less)){_NEXT_BOUND}", "<=")]
ZH_BEFORE = [(r"不超过|不高于|未超过|不多于|不大于|最多|最高|至多", "<="),
             (r"不低于|不少于|不小于|达到|达|至少|最低|满", ">="),
             (r"低于|少于|不足|不到|不满|小于|未达到|未满", "<"),
             (r"超过|高于|多于|大于", ">")]
ZH_AFTER = [(r"以下\s?[(（]不含(?:本数)?[)）]|[(（]不含(?:本数)?[)）]以下", "<"),
            (r"以上\s?[(（]不含(?:本数)?[)）]|[(（]不含(?:本数)?[)）]以上", ">"),
            (r"[(（]含(?:本数)?[)）]以下|及以下|以下(?:\s?[(（]含(?:本数)?[)）])?|以内"
             r"|[(（]含(?:本数)?[)）]以内", "<="),
            (r"[(（]含(?:本数)?[)）]以上|及以上|以上(?:\s?[(（]含(?:本数)?[)）])?", ">=")]
_ALL_BEFORE = "|".join(p for table in (EN_BEFORE, ZH_BEFORE) for p, _ in table)
_ALL_AFTER = "|".join(p for table in (ZH_AFTER, EN_AFTER) for p, _ in table)
_RANGE_JOIN = r"\s?(?P<join>(?:up\s+)?to(?:\s+and\s+including)?|and|-|–|—|~|～|至|到)\s?"
_INCLUDED = r"\s?[(（]含(?:本数)?[)）]"  # "100万美元（含）至3000万美元（含）": both ends said to be included
_EXCLUDED_END = r"\s?[(（]不含(?:本数)?[)）]"  # "2000万元（不含）至10亿元（含）": that end left out
_ONE = rf"(?:{_USD}|{_CNY})?\s?(?:{_NUM})(?:\.\d{{1,4}})?\s?(?:{_SCALE})?\s?(?:{_USD}|{_CNY}|{_PEOPLE})?"
BOUND = re.compile(
    rf"\s?(?:(?:between|from|of)\s+|[在为]\s?)?(?P<low>{_ONE})(?:{_INCLUDED}|(?P<low_open>{_EXCLUDED_END}))?"
    rf"{_RANGE_JOIN}(?P<high>{_ONE})(?:{_INCLUDED}|(?P<open>{_EXCLUDED_END}))?"
    rf"(?:\s?之间)?(?P<ends>\s?[(（]不?含[^（）()]{{1,16}}?(?:[，,、]\s?不?含[^（）()]{{1,16}}?)?[)）])?"
    rf"|(?P<before>(?<![a-z])(?:{_ALL_BEFORE}))?"  # "turnover" holds no "over"
    rf"\s?(?:of\s+|为\s?|在\s?)?(?P<one>{_ONE})\s?(?P<after>{_ALL_AFTER})?", re.I)
# A scale with no number, passed or topped: "营业收入过亿元" (100 million or more), "出口超千万美元", "员工逾万人";
# not passed: "不超过亿元" (at most), "未突破千万美元" (below)
_BARE_SCALE = re.compile(r"(?<![不未没超突])(?P<neg>不|未|没有?)?(?P<before>突破|超过|过|超|逾|破)"
                         r"(?P<n>[一两二三四五六七八九十]?)(?P<scale>千万|百万|亿|万|千)(?P<unit>美元|元|人|名)?")
_BARE_OP = {"突破": ">=", "过": ">=", "破": ">=", "超过": ">", "超": ">", "逾": ">"}
ZH_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
"""Chinese numerals of zero to ten (counts, years of a clean record, a bare scale's multiple)."""
_PEOPLE_AFTER = re.compile(rf"\s?(?:[(（]含[)）])?\s?(?:{_PEOPLE})(?![a-z])", re.I)


@dataclass(frozen=True)
class Amount:
    value: float
    unscaled: float  # the number as written, before its scale word
    currency: str | None  # "USD", "CNY", or None for a count or an amount without currency
    scaled: bool  # a scale word was written ("million", "万")
    people: bool  # a count of people ("300人", "1,000 employees")


def _cur(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower().replace(" ", "")
    return "USD" if w in ("us$", "usd", "usdollar", "usdollars", "$", "dollar", "dollars", "美元", "美金") else "CNY"


def read_amount(text: str) -> Amount | None:
    """The first number in ``text`` with its scale, currency and whether it counts people."""
    m = AMOUNT.search(text[:MAX_CLAUSE])
    if not m:
        return None
    number = float(m["num"].replace(",", "") + ("." + m["frac"] if m["frac"] else ""))
    currency = _cur(m["cur1"] or m["cur2"])
    people = currency is None and bool(_PEOPLE_AFTER.match(text, m.end()))
    return Amount(number * _SCALES.get((m["scale"] or "").lower(), 1.0), number, currency, bool(m["scale"]), people)


def amount(text: str) -> tuple[float, str] | None:
    """(value, "USD"|"CNY") of the first amount with a currency in ``text``; None without one."""
    found = read_amount(text)
    return (found.value, found.currency) if found and found.currency else None


def _op(words: str | None, table: list[tuple[str, str]]) -> str | None:
    for pattern, op in table:
        if words and re.fullmatch(pattern, words.strip(), re.I):
            return op
    return None


@dataclass(frozen=True)
class Bound:
    """``op`` one of < <= > >= between; ``value`` a number or (low, high) for between (both included)."""

    op: str
    value: float | tuple[float, float]
    currency: str | None
    people: bool
    text: str
    bare: bool = False  # a range of two numbers alone ("50–1,000"): a bound only where a measure names it


def _range(m: re.Match[str]) -> Bound | None:
    low, high = read_amount(m["low"]), read_amount(m["high"])
    if not (low and high):
        return None
    lo = low.unscaled * (high.value / high.unscaled) if high.scaled and not low.scaled and high.unscaled else low.value
    if lo >= high.value > low.value:  # "USD 100,000 and USD 5 million": a low end written in full keeps its value
        lo = low.value
    unit = high.currency or low.currency
    bare = m["join"] in ("-", "–", "—") and not (unit or high.people)
    if lo >= high.value or (bare and (lo >= 1900 and high.value <= 2100 or m["low"].lstrip()[:1] == "0")):
        return None  # "2025-2026": a span of years, not an amount; "0575-8412…" a telephone number
    return Bound("between", (lo, high.value), unit, high.people or low.people, m[0].strip(), bare)


def bounds_in(clause: str, bare: bool = False) -> list[Bound]:
    """Every bound stated in ``clause``: comparator and amount, amount and comparator, or a range.
    A bare amount with no comparator ("revenue of RMB 50 million") is no bound; two numbers joined by
    a dash ("50–1,000") are one only when asked for (``bare``: the caller knows the measure)."""
    out = []
    start = 0
    while start < min(len(clause), MAX_TEXT):  # a long sentence is read clause by clause, each cut to MAX_CLAUSE
        end = start + MAX_CLAUSE
        if end < len(clause) and (cut := _CLAUSE_END.search(clause, start + MAX_CLAUSE // 2, end)):
            end = cut.end()
        out += _bounds(clause[start:end])
        start = end
    return [b for b in out if bare or not b.bare]


def _left_out(m: re.Match[str], found: Bound | None) -> tuple[bool, bool]:
    """Whether a range's low and high ends are left out: "（不含）" written after the end, or named in a
    bracket after the range ("（含500万元，不含4亿元）": the amount after 不含 is the end left out)."""
    low_open, high_open = bool(m["low_open"]), bool(m["open"])
    if found and m["ends"]:
        low, high = found.value  # type: ignore[misc]
        for part in re.findall(r"不含([^，,、（）()]{1,16})", m["ends"]):
            said = read_amount(part)
            low_open |= bool(said) and said.value == low  # type: ignore[union-attr]
            high_open |= bool(said) and said.value == high  # type: ignore[union-attr]
    return low_open, high_open


def _bounds(clause: str) -> list[Bound]:
    out = []
    for m in BOUND.finditer(clause):
        if m["low"] is not None:
            found = _range(m)
            low_open, high_open = _left_out(m, found)
            if found and (low_open or high_open):
                # "300万美元（含）至3000万美元（不含）", "2000万元（不含）至10亿元（含）", "500万元至4亿元之间（含500万
                # 元，不含4亿元）": an end left out
                low, high = found.value  # type: ignore[misc]
                out += [Bound(">" if low_open else ">=", low, found.currency, found.people, found.text),
                        Bound("<" if high_open else "<=", high, found.currency, found.people, found.text)]
            elif found:
                out.append(found)
            continue
        one = read_amount(m["one"] or "")
        if one is None:
            continue
        op = _op(m["before"], EN_BEFORE) or _op(m["before"], ZH_BEFORE) or \
            _op(m["after"], ZH_AFTER) or _op(m["after"], EN_AFTER)
        if op:
            out.append(Bound(op, one.value, one.currency, one.people, m[0].strip()))
    for m in _BARE_SCALE.finditer(clause):
        if not m["unit"] and m["scale"] not in ("亿", "千万"):  # "过千家企业": firms counted, no bound
            continue
        value = ZH_NUMERALS.get(m["n"], 1) * _SCALES[m["scale"]]
        people = m["unit"] in ("人", "名")
        op = _BARE_OP[m["before"]] if not m["neg"] else {">": "<=", ">=": "<"}[_BARE_OP[m["before"]]]
        out.append(Bound(op, value, _cur(m["unit"]) if not people else None, people, m[0]))
    return out
