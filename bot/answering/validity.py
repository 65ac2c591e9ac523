"""Answers that know which policy applies: statuses on citations, notes on ones not in force, the
in-force document preferred over the one it replaced, and an in-force-only abstention that names
the expired or replaced notice that would have answered.

Statuses are computed here, per question, as of ``Filters.as_of`` (today by default), from the
manifest's entries (``core.validity``); the index stores dates, never a status.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from bot.answering.compose import Candidate
from bot.answering.filters import Filters
from bot.answering.records import Answer, Citation
from core.language import Lang, text_language
from core.validity import Status, status_of

Documents = Mapping[str, Mapping[str, Any]]
NOT_IN_FORCE: tuple[Status, ...] = ("expired", "superseded", "not_yet_effective")


def as_of(filters: Filters | None) -> dt.date:
    return filters.day if filters is not None else Filters().day


def status(doc_id: str, documents: Documents, day: dt.date) -> Status:
    entry = documents.get(doc_id)
    return status_of(entry, day, documents) if entry is not None else "unknown"


def prefer_in_force(candidates: list[Candidate], documents: Documents, day: dt.date) -> list[Candidate]:
    """The passages of a document in force that replaced another one retrieved go before it."""
    present = {c.chunk.doc_id for c in candidates}
    order: list[Candidate] = []
    for cand in candidates:
        successor = _present_successor(cand.chunk.doc_id, documents, day, present)
        if successor is not None:
            order += [c for c in candidates if c.chunk.doc_id == successor and c not in order]
        if cand not in order:
            order.append(cand)
    return order


def _present_successor(doc_id: str, documents: Documents, day: dt.date, present: set[str]) -> str | None:
    """The replacing document, followed along a chain of replacements (bounded), when it is among
    the retrieved and in force; only for a document already superseded on ``day``."""
    if status(doc_id, documents, day) != "superseded":
        return None
    seen = {doc_id}
    current = documents[doc_id].get("superseded_by")
    while current and current in documents and current not in seen and len(seen) < 10:
        if current in present and status(current, documents, day) == "in_force":
            return current
        seen.add(current)
        current = documents[current].get("superseded_by")
    return None


def stamp(citations: list[Citation], documents: Documents, day: dt.date) -> list[Citation]:
    """Each citation with its document's status on ``day`` and current successor."""
    out = []
    for c in citations:
        entry = documents.get(c.doc_id, {})
        out.append(dataclasses.replace(c, status=status(c.doc_id, documents, day),
                                       superseded_by=entry.get("superseded_by", c.superseded_by)))
    return out


def finish(answer: Answer, filters: Filters | None, documents: Documents,
           ask_wider: Callable[[Filters], Answer]) -> Answer:
    """The answer with statuses and notes; under ``in_force_only``, an abstention that says no
    document in force covers the question and names the one that did (``ask_wider``: the same
    question without the in-force filter)."""
    day = as_of(filters)
    if filters is not None and filters.in_force_only and (answer.abstained or answer.confidence == "related"):
        wider = ask_wider(dataclasses.replace(filters, in_force_only=False))
        covering = next((c for c in wider.citations if c.status in NOT_IN_FORCE), None)
        # Documents in force that are only related do not answer when one out of force answered
        # directly: say so and name it, rather than quote the related ones.
        answered_before = (not wider.abstained and covering is not None and covering.n == 1
                           and covering.confidence == "direct")
        if answer.abstained or answered_before:
            text = NONE_IN_FORCE[answer.lang].format(day=_day(day, answer.lang))
            if not wider.abstained and covering is not None:
                subject = "covers" if covering.status == "not_yet_effective" else "covered"
                text += " " + _explain(covering, documents, answer.lang, subject)
            return dataclasses.replace(answer, answer=text, abstained=True, citations=[], confidence=None)
    citations = stamp(answer.citations, documents, day)
    notes = [_explain(c, documents, answer.lang, "source") for c in citations if c.status in NOT_IN_FORCE]
    text = "\n\n".join([answer.answer, " ".join(notes)]) if notes else answer.answer
    return dataclasses.replace(answer, answer=text, citations=citations)


NONE_IN_FORCE: dict[Lang, str] = {
    "en": "No policy document in force on {day} covers this question, so I cannot answer it.",
    "zh": "截至{day}，没有现行有效的政策文件涉及这个问题，因此无法回答。",
}
_SUBJECT: dict[str, dict[Lang, str]] = {
    "covered": {"en": "The notice that covered this, {name},", "zh": "曾涉及此问题的{name}"},
    "covers": {"en": "The notice that covers this, {name},", "zh": "涉及此问题的{name}"},
    "source": {"en": "Note: source [{n}], {name},", "zh": "注意：来源[{n}]{name}"},
}
_STATE: dict[Status, dict[Lang, str]] = {
    "expired": {"en": "expired on {expiry}.", "zh": "已于{expiry}失效。"},
    "superseded": {"en": "was replaced by {successor}{since}.", "zh": "已被{successor}取代{since}。"},
    "not_yet_effective": {"en": "takes effect on {start}.", "zh": "自{start}起施行，尚未生效。"},
}


def _explain(c: Citation, documents: Documents, lang: Lang, subject: str) -> str:
    """"The notice that covered this, Shao Shang [2022] No. 15, expired on 2022-12-31." and its
    Chinese counterpart; a date the document does not state is left out, never guessed."""
    entry = documents.get(c.doc_id, {})
    successor = documents.get(entry.get("superseded_by") or "", {})
    since = successor.get("effective_date") or successor.get("date")
    values = {
        "n": c.n, "name": document_name(entry or c.meta_dict(), lang),
        "expiry": _day(entry.get("expiry_date"), lang),
        "start": _day(entry.get("effective_date") or entry.get("date"), lang),
        "successor": document_name(successor, lang) if successor else entry.get("superseded_by") or "",
        "since": ({"en": " on {}", "zh": "（自{}起）"}[lang].format(_day(since, lang)) if since else ""),
    }
    state = _STATE[c.status][lang]
    if c.status == "expired" and not entry.get("expiry_date"):
        state = {"en": "has expired.", "zh": "已失效。"}[lang]
    return _SUBJECT[subject][lang].format(**values) + (" " if lang == "en" else "") + state.format(**values)


def document_name(entry: Mapping[str, Any], lang: Lang) -> str:
    """How a message names a document: its number, else its title (quoted in the answer's way)."""
    number, title = entry.get("doc_number"), str(entry.get("title") or "")
    if lang == "en" or (number and text_language(title) == "en"):  # an English title stays out of 《》
        return str(number) if number else f"“{title}”"
    quoted = title if title.startswith("《") else "《{}》".format(title.replace("《", "〈").replace("》", "〉"))
    return f"{quoted}（{number}）" if number and title else str(number or quoted)


def _day(value: dt.date | str | None, lang: Lang) -> str:
    """ISO in English answers, 2022年12月31日 in Chinese ones."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value or "")
    if lang != "zh" or len(text) != 10:
        return text
    return f"{int(text[:4])}年{int(text[5:7])}月{int(text[8:])}日"
