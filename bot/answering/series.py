"""Versions of one notice: when two match, answer from the one that applies and name the other.

A programme is announced again each year ("…2024年贸易促进计划…" and "…2025年贸易促进计划…"), with
other caps and dates. Quoting both mixes them; quoting one silently may give last year's figure.
Two documents are versions of one series when the same issuer titles them alike once years,
numbers and batches are set aside (character pairs shared, Jaccard ≥ ``SIMILAR``). When the
passages found come from two versions: the one whose year the question names, else the one in
force on the day asked, else the newer one answers; the other's passages are dropped, and the
answer names it (``NOTES``). Documents the index links as superseded are handled the same way by
bot/answering/validity.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from bot.answering.compose import Candidate
from bot.answering.slots import Slots, years_in
from bot.answering.validity import document_name, status
from core.language import Lang

SIMILAR = 0.4
_VARIABLE = re.compile(r"\d+|第[一二三四五六七八九十]+批|[（(]?\d{4}年版[）)]?|年度|年版|[、，,《》“”\"（）()\s]")
Documents = Mapping[str, Mapping[str, Any]]
NOTES: dict[Lang, str] = {
    "en": "Another version of this notice also matches: {name}{date}. This answer is from the {why}.",
    "zh": "另有同一系列的{name}{date}也与问题相关；以上答案来自{why}。",
}
_WHY: dict[str, dict[Lang, str]] = {
    "year": {"en": "version for the year you asked about", "zh": "您所问年份的版本"},
    "in_force": {"en": "version in force", "zh": "现行有效的版本"},
    "newer": {"en": "newer version", "zh": "较新的版本"},
}


def _pairs(title: str) -> set[str]:
    text = _VARIABLE.sub("", title)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def same_series(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if not a.get("title") or not b.get("title") or (a.get("issuer") or "") != (b.get("issuer") or ""):
        return False
    if a.get("title") == b.get("title"):  # reissued under the same title: a series when numbered or dated apart
        return (a.get("doc_number"), a.get("date")) != (b.get("doc_number"), b.get("date"))
    x, y = _pairs(str(a["title"])), _pairs(str(b["title"]))
    return bool(x and y) and len(x & y) / len(x | y) >= SIMILAR


def choose(candidates: list[Candidate], documents: Documents, day: dt.date, slots: Slots,
           passages: int = 5) -> tuple[list[Candidate], str | None, str]:
    """The candidates without the other version's passages, that version's doc id (None when
    only one version is among the top ``passages``), and why the kept one was chosen."""
    top = list(dict.fromkeys(c.chunk.doc_id for c in candidates[:passages]))
    lead = top[0] if top else None
    if lead is None or lead not in documents:
        return candidates, None, ""
    siblings = [d for d in top[1:] if d in documents and same_series(documents[lead], documents[d])]
    if not siblings:
        return candidates, None, ""
    other = siblings[0]
    keep, why = _better(lead, other, documents, day, slots, candidates)
    drop = other if keep == lead else lead
    return [c for c in candidates if c.chunk.doc_id != drop], drop, why


def _better(a: str, b: str, documents: Documents, day: dt.date, slots: Slots,
            candidates: list[Candidate]) -> tuple[str, str]:
    if slots.years:
        def holds(doc: str) -> bool:
            entry = documents[doc]
            # The title's years, else (a title reissued unchanged) the number's: 黑政办规〔2023〕9号.
            return bool(set(slots.years) & (years_in(str(entry.get("title") or ""))
                                            or years_in(str(entry.get("doc_number") or ""))))
        if holds(a) != holds(b):
            return (a if holds(a) else b), "year"
    rank = {"in_force": 0, "unknown": 1, "not_yet_effective": 2, "expired": 3, "superseded": 3}
    sa, sb = status(a, documents, day), status(b, documents, day)
    if rank.get(sa, 1) != rank.get(sb, 1):
        return (a if rank.get(sa, 1) < rank.get(sb, 1) else b), "in_force"
    da, db = str(documents[a].get("date") or ""), str(documents[b].get("date") or "")
    return (a if da >= db else b), "newer"


def note(other: str, documents: Documents, why: str, lang: Lang) -> str:
    entry = documents.get(other, {})
    date = entry.get("date")
    shown = (f" ({date})" if lang == "en" else f"（{date}）") if date else ""
    return NOTES[lang].format(name=document_name(entry, lang), date=shown, why=_WHY[why][lang])
