"""Alternatives a notice states in its own words rather than with "之一" / "any of".

- A lead-in may combine its items by number: "满足下列条件中的第（一）项和第（二）项，或者满足第（三）项",
  "meet (1) and (2), or (3)", "第（一）至（三）项或第（四）项": each part joined by 或/or is one
  option holding the items it names (``item_options``; ``numeral`` reads an item's mark).
- A single item or sentence may hold its own either/or: "(ii) either already operate a store
  abroad, or are SMEs opening their first one", "营业收入5000万元以上或从业人员200人以上",
  "营业收入1亿元以上，或者较上年增长15%以上", "whose orders fell by 20% or more and/or who employ 50 or
  more workers" (``split_or``). English "either … or" always splits;
  a plain 或/或者/", or" splits only when its two sides ask different things (a side with a typed
  condition of a type the other lacks, or a bound of its own), so "纺织、印染或化纤行业" and
  "textile or garment enterprises" stay one list of sectors.

Every pattern is bounded and runs on text cut to MAX_TEXT characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_TEXT = 400
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"十": 10}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_REF = re.compile(r"[（(]\s?(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2}|[a-h]|[ivx]{1,4})\s?[)）]"
                  r"|第(?P<m>[一二三四五六七八九十]{1,3}|\d{1,2})(?:项|款)"
                  r"|\b(?:items?|points?|conditions?|criteri(?:on|a))\s+(?P<e>\d{1,2})\b", re.I)
_OR = re.compile(r"或者|或是|或|\bor\b", re.I)
_THROUGH = re.compile(r"^\s?(?:项)?\s?(?:至|到|-|–|to|through)\s?(?:第)?\s?$", re.I)
_EITHER = re.compile(r"\beither\b\s*", re.I)
_EN_OR = re.compile(r",\s*or\s+|;\s*or\s+")
_ANY_OR = re.compile(r"\band\s?/\s?or\b|和\s?/\s?或|和（或）|或者|或是|(?<=[以上下内含)）])或(?!其他|其它)"
                     r"|[，,；;]\s?或(?!其他|其它)|\bor\b", re.I)
_CLAUSE_END = re.compile(r"[；;]|,\s+and\s+\(|，且|；且")
_DELIMITER = re.compile(r"[，；,;:：、]|且|并且|同时|\band\b(?!\s?/)|\b(?:that|which|who|whose)\b", re.I)


def numeral(mark: str) -> int | None:
    """The number an item's mark stands for: "（一）" 1, "(2)" 2, "(b)" 2, "(iii)" 3, "3." 3."""
    s = mark.strip().strip("（）()[]、.．:：").strip().lower()
    s = s.removeprefix("第").removesuffix("条").removesuffix("项")
    if s.isdigit():
        return int(s)
    if s in _ROMAN:
        return _ROMAN[s]
    if len(s) == 1 and "a" <= s <= "h":
        return ord(s) - ord("a") + 1
    if s and all(c in _ZH_DIGITS for c in s):
        if s == "十":
            return 10
        if s.startswith("十"):
            return 10 + _ZH_DIGITS[s[1]]
        if len(s) == 2 and s[1] == "十":
            return _ZH_DIGITS[s[0]] * 10
        if len(s) == 3 and s[1] == "十":
            return _ZH_DIGITS[s[0]] * 10 + _ZH_DIGITS[s[2]]
        return _ZH_DIGITS[s] if len(s) == 1 else None
    return None


def _refs(text: str) -> list[tuple[int, int, int]]:
    out = []
    for m in _REF.finditer(text):
        value = numeral(m["n"] or m["m"] or m["e"] or "")
        if value is not None:
            out.append((value, m.start(), m.end()))
    return out


def item_options(lead: str) -> list[set[int]] | None:
    """The options a lead-in makes of its numbered items ("第（一）项和第（二）项，或者满足第（三）项" ->
    [{1, 2}, {3}]), None when it names no items joined by 或/or."""
    text = lead[:MAX_TEXT]
    refs = _refs(text)
    if len(refs) < 2:
        return None
    cuts = [0] + [m.start() for m in _OR.finditer(text) if refs[0][1] < m.start() < refs[-1][1]] + [len(text)]
    options = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        inside = [r for r in refs if start <= r[1] < end]
        numbers: set[int] = set()
        for k, (value, _, stop) in enumerate(inside):
            numbers.add(value)
            nxt = inside[k + 1] if k + 1 < len(inside) else None
            if nxt and _THROUGH.match(text[stop:nxt[1]]) and 0 < nxt[0] - value <= 20:
                numbers.update(range(value, nxt[0]))
        if numbers:
            options.append(numbers)
    return options if len(options) >= 2 else None


def split_or(text: str, types: Callable[[str], set[str]]) -> tuple[str, list[str]] | None:
    """(the words outside the alternatives, the alternatives) of a unit that states an either/or,
    else None. ``types`` reads what a piece of text asks (its condition types, "bound" for a bound
    of something untyped), to tell alternatives from a list of values."""
    s = text[:MAX_TEXT]
    if m := _EITHER.search(s):
        end = _CLAUSE_END.search(s, m.end())
        tail = s[m.end():end.start() if end else len(s)]
        sides = _EN_OR.split(tail, maxsplit=1) if _EN_OR.search(tail) else re.split(r"\s+or\s+", tail, maxsplit=1)
        if len(sides) == 2 and all(len(x.strip()) > 3 for x in sides):
            rest = s[:m.start()] + (s[end.start():] if end else "")
            return rest, [x.strip(" ,;") for x in sides]
    for m in _ANY_OR.finditer(s):
        head = s[:m.start()].rstrip(" ,，;；")
        cut = [d.end() for d in _DELIMITER.finditer(head)]
        begin = cut[-1] if cut else 0
        start = m.end() + len(s[m.end():]) - len(s[m.end():].lstrip())
        if lead := _DELIMITER.match(s, start):  # "… and/or who employ …": the clause starts after "who"
            start = lead.end()
        after = _DELIMITER.search(s, start)
        stop = after.start() if after else len(s)
        left, right = s[begin:len(head)], s[start:stop]
        if min(len(left.strip()), len(right.strip())) < 3:
            continue
        asked_left, asked_right = types(left), types(right)
        if asked_left and asked_right and not (asked_left & asked_right):
            return s[:begin] + " " + s[stop:], [left.strip(" ，,；;"), right.strip(" ，,；;")]
    return None
