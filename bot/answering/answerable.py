"""Does the passage answer the question? Read the question against the sentences that would answer.

Similarity says a passage is about the question's topic; it cannot tell "how many staff work at
the centre?" from the centre's opening date. Two checks read the question against the sentences
the answer would quote (the best sentence of the best passage and its neighbours, ``window``):
- answer type: a question asking how many / how much wants a number, when wants a date, who or
  which organisation wants a name (多少/几, 什么时候/何时, 谁/哪家/哪个机构 in Chinese). The window
  must hold one that the question does not already hold itself.
- coverage: the IDF-weighted share of the question's content terms the window holds. A Chinese
  term counts as held when the window holds it or one of its dictionary translations, since
  Chinese questions ask about English documents too.
The decision (bot/answering/abstain.py) combines these with similarity; the thresholds are measured by
``python -m bench.answerability`` (bench/README.md, "Answerability").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from bot.answering.records import Confidence
from indexer.language.bilingual import english_terms
from indexer.language.lexical import is_chinese, tokenize

AnswerType = Literal["number", "date", "name", "person"]

# A quote is "direct" when it holds what the question asks for and at least this share of its
# (IDF-weighted) content terms. On SQuAD 2.0 dev-a's fit articles a quote at or above it held the
# gold answer 4.4 times as often as one below it (bench/README.md, "Answerability").
DIRECT_COVERAGE = 0.5

_EN_TYPES: list[tuple[AnswerType, re.Pattern[str]]] = [
    ("number", re.compile(r"\bhow (?:many|much|long|old|far|large|big|high|often)\b|"
                          r"\bwhat (?:percentage|percent|share|proportion|number|amount|rate)\b", re.I)),
    ("date", re.compile(r"^\s*when\b|\b(?:what|which|in what|by what) (?:year|years|century|decade|date|"
                        r"day|month|time|period)\b|\bwhen (?:did|does|do|was|were|is|will|had|has)\b", re.I)),
    ("person", re.compile(r"^\s*(?:who|whom|whose)\b|\b(?:which|what) (?:person|people|official|leader)\b", re.I)),
    ("name", re.compile(r"\b(?:which|what) (?:bank|company|companies|"
                        r"organi[sz]ation|agency|ministry|department|authority|institution|group|firm|"
                        r"university|enterprise|bureau)\b", re.I)),
]
_ZH_TYPES: list[tuple[AnswerType, re.Pattern[str]]] = [
    ("date", re.compile(r"什么时候|何时|哪一?年|哪一?天|几月|哪个月|什么时间|哪个时期|何年|日期是")),
    ("number", re.compile(r"多少|几[个家项名次年人位倍种批条所岁]?|多大|多长|多久|多高|多远|比例|百分之几")),
    ("name", re.compile(r"哪[家个所]?(?:机构|公司|银行|部门|单位|企业|组织|协会|商会|集团|政府)|哪家")),
    ("person", re.compile(r"谁|哪位|哪个人")),
]

# A year in a date context ("in 2019", "2019年") is no answer to "how many": left out of numbers.
_YEAR_IN_DATE = re.compile(r"\b(?:in|since|by|from|until|till|before|after|during|of|year)\s+(?:1[89]|20)\d{2}\b|"
                           r"(?<!\d)(?:1[89]|20)\d{2}(?=\s*年)", re.I)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_EN_NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|"
    r"dozen|dozens|half|double|twice|single|only|sole|percent|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|several|few|numerous)\b", re.I)
_ZH_NUMBER = re.compile(r"(?<![零一二两三四五六七八九十百千万亿])"  # from a run's start only: linear
                        r"[零一二两三四五六七八九十百千万亿]+(?:[个家项名次年人位倍种批条所元岁%％]|多|余)|"
                        r"[十百千万亿]|[二三四五六七八九]|百分之")
_DATE = re.compile(
    r"(?<!\d)(?:1\d|20)\d{2}(?!\d)|\d{1,2}(?:st|nd|rd|th)? centur|\bcentur(?:y|ies)\b|\b\d{2,4}s\b|"
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"spring|summer|autumn|fall|winter|decade|decades|today|yesterday|era|ago|age|period|reign|"
    r"ancient|medieval|modern)\b|(?<![0-9零一二三四五六七八九十])[0-9零一二三四五六七八九十]+(?:年|月|日|世纪)|年代|时期|期间|以来|之后|之前|"
    r"年间|[初末]|[朝代]|当时|之际",
    re.I)
_ORG_ZH = re.compile(r"[\u4e00-\u9fff]{1,6}(?:公司|银行|集团|部|局|委员会|协会|中心|政府|大学|学院|厅|署|"
                     r"办公室|商会|联合会|研究院|研究所|法院|机构|组织|[先女]生|主席|总统|皇帝|国王)")
_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def answer_type(question: str) -> AnswerType | None:
    """The kind of thing the question asks for, or None (what / why / how questions)."""
    table = _ZH_TYPES if _CJK.search(question) else _EN_TYPES
    for kind, pattern in table:
        if pattern.search(question):
            return kind
    return None


def holds_type(kind: AnswerType, text: str, question: str) -> bool:
    """``text`` holds a ``kind`` the question does not already name ("in 1990" asked of 1990)."""
    q = question.lower()
    if kind == "number":
        text = _YEAR_IN_DATE.sub(" ", text)
        found = [m.group(0) for m in _DIGITS.finditer(text)] + [
            m.group(0) for m in _EN_NUMBER_WORDS.finditer(text)] + [m.group(0) for m in _ZH_NUMBER.finditer(text)]
    elif kind == "date":
        found = [m.group(0) for m in _DATE.finditer(text)]
    elif kind == "person" and _CJK.search(text):
        return True  # Chinese personal names carry no mark a pattern could see (no capitals, no suffix)
    else:
        found = [m.group(0) for m in _CAPITAL.finditer(text)] + [m.group(0) for m in _ORG_ZH.finditer(text)]
    return any(f.lower() not in q for f in found)


@dataclass(frozen=True)
class Support:
    """How the sentences that would answer stand against the question."""

    kind: AnswerType | None
    typed: bool
    """The window holds what the question asks for (True when it asks for no particular type)."""
    coverage: float
    missing: list[str] = field(default_factory=list)
    """The question's content terms the window lacks."""


# Question words BM25 keeps but that say nothing about the answer ("has", "did", 哪些).
_FUNCTION = frozenset(tokenize(
    "has have had having do does did done can could should would will shall may might must is are was "
    "were be been being get got i you we he she it they its their s whose whom which what when where who "
    "how why many much also about some kind type name called according roughly approximately"
)) | frozenset("哪 哪些 哪个 哪家 哪位 什么 多少 几个 怎么 怎样 如何 为什么 是否 是 有 的 了 吗 呢 几 何时 谁 "
                 "那 那么 到 个 这 在 和 与 及 对 从 被 把 给 都 也 还 又 着 过 就 呢 吧 啊".split())


def content_terms(question: str) -> list[str]:
    """The question's terms that name what it is about (BM25's terms less question words)."""
    return [t for t in dict.fromkeys(tokenize(question)) if t not in _FUNCTION]


def support(question: str, window: str, idf: Callable[[str], float]) -> Support:
    """Answer type and content-word coverage of ``window`` (the sentences the answer would quote)."""
    kind = answer_type(question)
    typed = kind is None or holds_type(kind, window, question)
    held = set(tokenize(window))
    terms = content_terms(question)
    missing: list[str] = []
    total = covered = 0.0
    for term in terms:
        weight = idf(term)
        total += weight
        if term in held or (is_chinese(term) and any(t in held for t in english_terms(term))):
            covered += weight
        else:
            missing.append(term)
    return Support(kind, typed, covered / total if total else 1.0, missing)


def confidence(question: str, quoted: str, idf: Callable[[str], float]) -> Confidence:
    """direct when ``quoted`` holds the answer type asked for and most of the question's terms."""
    found = support(question, quoted, idf)
    return "direct" if found.typed and found.coverage >= DIRECT_COVERAGE else "related"
