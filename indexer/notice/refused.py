"""A refused case that negates a typed condition, read as that condition.

Under a lead-in that refuses ("有下列情形之一的，不予支持：", "Applications will be turned down where the
company:", "The following are not eligible:") an item that says what the firm is NOT ("工商注册地或统计关系不在
本区的", "主营业务不属于纺织、印染行业的", "未纳入规模以上工业企业统计的", "its registered office is not in
Wuxi", "it does not make home textiles", "it is not above designated size") refuses every firm but those
the condition lets in: its place, sector or size is asked. ``affirmed`` gives the clauses holding such a
negation with the negation taken away, to be read by the ordinary condition rules; ``refused_affirmed``
does the same for a sentence that refuses them ("注册地不在无锡市的企业不得申报", "Firms not registered in
Wuxi are not eligible", "Applications will be turned down where the company is not above designated size").
Bounded patterns.
"""

from __future__ import annotations

import re

from indexer.notice.measures import NOT_COVERED

__all__ = ["affirmed", "refused_affirmed"]

MAX_TEXT = 400

# a negation standing before a place, a sector or a size ("不在本区", "不属于纺织行业", "未纳入规上统计",
# "is not registered in", "does not make"); 非 only before the issuer's place or a trade word ("非本区企业")
_NEGATION = re.compile(r"(?:不在|不属于|不位于|不是|不从事|未从事|尚未纳入|未纳入|未列入|未达到|达不到"
                       r"|未被认定为|未认定为)"
                       r"|非(?=本|我|纺织|服装|印染|家纺|化纤|针织|规上|规模以上|中小)"
                       r"|\b(?:is|are|was|were|does|do|has|have)\s+not\b|\b(?:isn't|aren't|doesn't|don't)\b"
                       r"|\bnot\s+(?=(?:registered|located|based|incorporated|listed|classed|classified|counted)\b)"
                       r"|\bno\s+longer\b", re.I)
_UNDO = {"不在": "在", "不属于": "属于", "不位于": "位于", "不是": "是", "不从事": "从事", "未从事": "从事",
         "尚未纳入": "纳入", "未纳入": "纳入", "未列入": "列入", "未达到": "达到", "达不到": "达到",
         "未被认定为": "认定为", "未认定为": "认定为", "非": ""}
_CLAUSES = re.compile(r"[，；;,。]")
_EN_VERB = re.compile(r"\b(?:does|do|doesn't|don't)\b", re.I)


def _undo(m: re.Match[str]) -> str:
    word = m[0]
    if word in _UNDO:
        return _UNDO[word]
    if _EN_VERB.match(word) or word.lower().startswith(("not", "no")):  # "does not make" -> "make"
        return " "
    return re.sub(r"n't$|\s+not$", "", word, flags=re.I)  # "is not in" -> "is in"


def affirmed(item: str) -> str | None:
    """The clauses of ``item`` that hold a negation, with it taken away ("工商注册地或统计关系不在本区的" ->
    "工商注册地或统计关系在本区的"); None when no clause is negated."""
    clauses = [c for c in _CLAUSES.split(item[:MAX_TEXT]) if _NEGATION.search(c)]
    if not clauses:
        return None
    return "；".join(_NEGATION.sub(_undo, c) for c in clauses)


# the words of a sentence that refuse ("不得申报", "are not eligible", "will be turned down")
_REFUSAL = re.compile(NOT_COVERED.pattern + r"|\b(?:turned\s+(?:down|away)|rejected|refused)\b", re.I)


def refused_affirmed(sentence: str) -> str | None:
    """A sentence refusing the firms that are not something, with the refusal words gone and its negations taken
    away ("注册地不在无锡市的企业不得申报" -> "注册地在无锡市的企业"); None when it refuses none such. The refusal's own
    negation ("纺织企业不在本次支持范围内") is no negated condition: the firms it names are shut out."""
    if not _REFUSAL.search(sentence[:MAX_TEXT]):
        return None
    return affirmed(_REFUSAL.sub(" ", sentence[:MAX_TEXT]))
