"""The numbering marks that open a notice's sections and items, and what each line of it is.

Chinese official documents number their parts in a fixed family of marks (GB/T 9704): 一、 for
sections, （一） below them, then 1. and （1）; rules and measures use 第一章 and 第一条 instead.
English notices use I., 1., (1), (a), i) or (i) and "Article 3"; both sometimes A., B.; the ten stems
（甲）（乙） number items too. Which mark sits below which is read from the order in which a notice uses
them (``Outline``), not assumed: a notice that starts its list at 1.
and then uses （1） nests them that way. Every pattern is anchored and bounded, so linear-time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

_ZH_NUM = "一二三四五六七八九十百零〇壹貳贰參叁肆伍陸陆柒捌玖拾"
# (kind, pattern): the kind names the family of the mark; the first match wins.
MARKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"^第[{_ZH_NUM}\d]{{1,5}}[章编]\s*")),
    ("part", re.compile(rf"^第[{_ZH_NUM}\d]{{1,5}}节\s*")),
    ("article", re.compile(rf"^第[{_ZH_NUM}\d]{{1,5}}条\s*")),
    ("en_article", re.compile(r"^(?:Article|Art\.)\s+\d{1,3}\b[.:]?\s*", re.I)),
    ("zh_top", re.compile(rf"^[{_ZH_NUM}]{{1,4}}\s*[、．.]\s*")),
    ("zh_paren", re.compile(rf"^[（(]\s*[{_ZH_NUM}]{{1,4}}\s*[)）]\s*[、．.]?\s*")),
    # the ten stems 甲乙丙丁… number items too: "（甲）…（丁）", "甲、" (not "甲、乙双方", a pair of parties)
    ("zh_stem", re.compile(r"^(?:[（(]\s*[甲乙丙丁戊己庚辛壬癸]\s*[)）]\s*[、．.]?"
                           r"|[甲乙丙丁戊己庚辛壬癸]\s*[、．.](?![甲乙丙丁]))\s*")),
    ("roman", re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\.\s+")),
    # "2.2026年度…" is item 2 on a year, "1.5倍" no item: a digit may follow only as a year (four digits, 年)
    ("digit", re.compile(r"^\d{1,3}\s*[.．、](?:(?!\d)|(?=(?:19|20)\d\d\s?年))\s*")),
    ("digit_paren", re.compile(r"^[（(]\s*\d{1,3}\s*[)）]\s*[、．.]?\s*")),
    ("digit_half", re.compile(r"^\d{1,3}\s*[)）]\s*")),
    ("circled", re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*")),
    # "i) … ii) … iii)", "(i) … (ii)": lower-case Roman numerals before the letters ("i)" alone reads as one too)
    ("roman_lower", re.compile(r"^(?:[（(]\s*(?:i{1,3}|iv|vi{0,3}|ix|xi{0,2})\s*[)）]\s*"
                               r"|(?:i{1,3}|iv|vi{0,3}|ix|xi{0,2})[.)]\s+)")),
    ("letter_paren", re.compile(r"^[（(]\s*[a-z]\s*[)）]\s*")),

    ("letter", re.compile(r"^[a-z][.)]\s+")),
    # "A. 属于湖北省内注册的企业；", "B、…", "C) Registered in …": capitals A to H (I. is a Roman numeral)
    ("letter_upper", re.compile(r"^[A-H]\s?[.．、)）]\s*(?=[\u4e00-\u9fff])|^[A-H][.)]\s+(?=[A-Z])")),
    ("bullet", re.compile(r"^[•·▪◆●■\-–—*]\s+")),
    # "【主体】…", "【规模】…": a short label in black lenticular brackets opens each item
    ("bracket_label", re.compile(r"^【[^【】\s]{1,6}】\s*(?=\S)")),
)
# Higher in a document's hierarchy whatever the order of use: a chapter holds articles.
_RANKED = {"chapter": 0, "part": 1, "article": 2, "en_article": 2}

_SENTENCE_END = re.compile(r"[。！？!?；;]\s*[”’」』\"')）]?$|[.]\s*[\"')]?$")
_LEAD_IN_END = re.compile(r"[:：]\s*$")
# A sentence pointing at the items after it, with a stop for its colon ("Only firms that fit the description
# below may apply.", "符合以下条件的企业可以申报。"): a lead-in when a marked item follows it
_POINTS_AHEAD = re.compile(r"(?:\bbelow|\bthe\s+following|下列|以下|如下)[^.。:：;；]{0,40}[.。]\s*$", re.I)
# A sentence left open for the items to finish ("Support goes only to a company that, on the day it applies,",
# "申报企业在提出申请之日，"): a lead-in when a marked item follows it
_RUNS_ON = re.compile(r"(?:[,，、]|\b(?:that|who|which|whose|where))\s*$", re.I)
_NOTIFIED = re.compile(r"(?:通知|事项|说明|明确|规定|安排)如下|as\s+follows", re.I)
_LABEL = re.compile(r"^([^:：]{1,12})[:：]")
_RULE_ROW = re.compile(r"^[|｜+:\-—\s]+$")
MAX_CELLS = 12


def mark_of(line: str) -> tuple[str, str] | None:
    """(kind, mark text) when ``line`` opens with a numbering mark, else None.

    "2025年3月1日起施行" is not item 2025, and "1.5倍" is not item 1: the digit marks need their
    punctuation and no digit after it.
    """
    for kind, pattern in MARKS:
        m = pattern.match(line)
        if m and len(line) > m.end():
            return kind, line[: m.end()].strip()
    return None


def with_mark(text: str, said: list[str]) -> list[str]:
    """The sentences of ``text`` with a list mark cut off as a sentence of its own ("A." of "A. Only employers …")
    put back before the sentence it marks."""
    marked = mark_of(text)
    at = text.find(said[1], len(marked[1])) if marked and len(said) > 1 and said[0].strip() == marked[1] else -1
    return [text[:at] + said[1], *said[2:]] if at >= 0 else said


def is_sentence(text: str) -> bool:
    """Ends like a sentence (Chinese or Western punctuation), so it is a paragraph, not a heading."""
    return bool(_SENTENCE_END.search(text.strip()))


def is_lead_in(text: str, nxt: str | None = None) -> bool:
    """Ends with a colon and introduces what follows: "申报企业须同时具备以下条件：",
    "Applicants shall meet all of the following conditions:". A short label with a value after
    the colon ("联系人：王芳") is a field, not a lead-in. With the line after it (``nxt``) a marked item,
    a sentence pointing at it ("Only firms that fit the description below may apply.") leads it in too."""
    s = text.strip()
    item = mark_of(nxt.strip()) if nxt is not None else None
    if item and _POINTS_AHEAD.search(s) and not _NOTIFIED.search(s) and not mark_of(s) \
            and is_sentence(nxt.strip()[len(item[1]):]):  # a section heading after it: "现将有关事项通知如下。"
        return True
    if item and _RUNS_ON.search(s) and not mark_of(s) and len(s) >= 8:
        return True
    return bool(_LEAD_IN_END.search(s)) and len(s) >= 4


def label_of(text: str) -> str | None:
    """The label of a "label：value" line ("联系电话：0575-8412", "Tel: 0571"), else None."""
    m = _LABEL.match(text.strip())
    return m[1].strip() if m else None


def cells(line: str) -> list[str] | None:
    """The cells of a table row ("| 属地 | 在柯桥区注册 |", "Size | Above designated size"): two or more
    non-empty cells split on "|" (or the full-width "｜"); a rule row ("| --- | --- |") has none, so
    ``[]``; None for a line that is no row. A table copied out of a web page or a Word file keeps its
    rows as lines like these; read as prose, a short row would pass for a heading."""
    s = line.strip()
    if "|" not in s and "｜" not in s:
        return None
    if _RULE_ROW.match(s) and ("--" in s or "—" in s):
        return []
    parts = [p.strip() for p in s.replace("｜", "|").split("|", MAX_CELLS)]
    if parts and not parts[0]:
        parts = parts[1:]
    if parts and not parts[-1]:
        parts = parts[:-1]
    return parts if len(parts) >= 2 and all(parts) else None


def heading_text(line: str, limit: int = 60) -> str:
    """A section's name for a heading path: a heading line whole ("三、存在以下情况的，本次不予补助",
    "IV. Eligibility, materials and dates"), a sentence's mark and words up to its first stop or comma;
    a colon ends both, a comma between digits ("RMB 50,000") neither; at most ``limit`` characters.

    "（二）支持标准。对参展企业…" -> "（二）支持标准"; "第五条 申报材料包括：" -> "第五条 申报材料包括".
    """
    s = line.strip()
    stops = "。；;：:!！?？" if not is_sentence(s) else "。；;：:，,!！?？"
    for i, ch in enumerate(s):
        if ch in stops and i > 0 and not (ch == "," and s[i - 1].isdigit() and s[i + 1:i + 2].isdigit()):
            s = s[:i]
            break
    return s[:limit].rstrip()


@dataclass
class Outline:
    """The stack of open numbering families: the level of a mark is its depth in this stack."""

    stack: list[str] = field(default_factory=list)

    def level(self, kind: str) -> int:
        """Depth of a mark of ``kind`` (1 = top); closes deeper families when an outer one returns."""
        if kind in _RANKED:
            while self.stack and _RANKED.get(self.stack[-1], 99) >= _RANKED[kind]:
                self.stack.pop()
            self.stack.append(kind)
            return len(self.stack)
        if kind in self.stack:
            del self.stack[self.stack.index(kind) + 1:]
            return len(self.stack)
        self.stack.append(kind)
        return len(self.stack)

    def reset(self) -> None:
        self.stack.clear()



class _Line(Protocol):
    text: str


# An item marked by its ordinal word rather than a numbering mark ("一是…", "二是…"; "First, …", "Second, …")
_ORDINAL = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,2}是|(?:first|second|third|fourth|fifth|sixth|seventh|eighth)"
                      r"(?:ly)?\s?[,，:：])", re.I)


def run_on(previous: _Line, line: _Line) -> bool:
    """Two paragraphs each opened by an ordinal word ("一是…；" then "二是…；", "First, …" then "Second, …"):
    items of one list, even with a blank line between them."""
    return bool(_ORDINAL.match(previous.text) and _ORDINAL.match(line.text))
