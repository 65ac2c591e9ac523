"""The policy finder: which documents in force may apply to a company, condition by condition.

Each document's conditions and application window were read at index time
(``indexer.notice.eligibility``, manifest field ``eligibility``); here every condition is checked
against what the member says of its company (``bot.finder.checks``: ``met``, ``unmet``, or
``unknown`` when the profile does not say). Conditions a notice lists as alternatives ("符合下列条件之一",
"any of the following") form a group, met when one option is met in full. A document's verdict:

- ``not_applicable``: a condition (or a whole group) is unmet, or the application window closed
  before ``as_of`` (the reason says when); listed apart, with the reasons;
- ``needs_info``: nothing unmet, something the profile does not say;
- ``applicable``: every condition met and the window not closed.

Documents not in force on ``as_of`` are not listed (``assess`` still tells why); a document of unknown
validity is listed, with its status, when it states conditions (news that states none is no policy). The applicable
ones are ranked by conditions met, then by conditions left open. An amount given only in the other
currency is converted only at the administrator's rate (``cny_per_usd``) and says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from bot.finder.checks import Profile, Verdict, check, said, verdict
from bot.finder.currency import note
from bot.finder.requirements import requirement, window_line
from core.language import Lang
from core.validity import status_of, this_year, window_state
from indexer.notice.places import canonical

__all__ = ["Profile", "Verdict", "assess", "check", "checklist", "find_policies", "requirement", "verdict"]

Decision = Literal["applicable", "needs_info", "not_applicable"]


def _group_status(items: list[dict[str, Any]]) -> Verdict:
    """Alternatives: met when one option has every condition met; unmet when each option has one
    unmet; otherwise unknown."""
    options: dict[Any, list[str]] = {}
    for item in items:
        options.setdefault(item.get("option"), []).append(item["status"])
    if any(all(s == "met" for s in statuses) for statuses in options.values()):
        return "met"
    return "unmet" if all("unmet" in statuses for statuses in options.values()) else "unknown"


def checklist(eligibility: Mapping[str, Any], profile: Profile, lang: Lang,
              cny_per_usd: float | None = None) -> list[dict[str, Any]]:
    """Every condition checked; one decided (or left open) on a converted amount carries
    ``converted`` (rate, from, to, ...) and says so in its requirement line; an alternative carries
    its ``group``, ``option`` and the group's status (``group_status``)."""
    out = []
    for cond in eligibility.get("conditions") or []:
        if not isinstance(cond, dict):
            continue
        quote, cite = cond.get("quote"), cond.get("citation")
        status, converted = check(cond, profile, cny_per_usd)
        item = {"type": str(cond.get("type")), "requirement": requirement(cond, lang), "status": status,
                "value": cond.get("value"), "quote": None if quote is None else str(quote),
                "citation": cite if isinstance(cite, dict) else None}
        if converted:
            item["requirement"] += note(converted, lang)
            item["converted"] = converted
        if status == "unmet":
            item["profile"] = said(cond, profile, converted)
        group = cond.get("group")
        if isinstance(group, int) and not isinstance(group, bool):
            item["group"], item["option"] = group, cond.get("option")
        out.append(item)
    groups: dict[int, list[dict[str, Any]]] = {}
    for item in out:
        if "group" in item:
            groups.setdefault(item["group"], []).append(item)
    for members in groups.values():
        status = _group_status(members)
        for item in members:
            item["group_status"] = status
    return out


def _requirements(items: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(status, items) per requirement: a condition alone, or a group of alternatives as one."""
    out: list[tuple[str, list[dict[str, Any]]]] = []
    seen: set[int] = set()
    for item in items:
        if "group" not in item:
            out.append((item["status"], [item]))
        elif item["group"] not in seen:
            seen.add(item["group"])
            out.append((item["group_status"], [i for i in items if i.get("group") == item["group"]]))
    return out


def _reason(status_items: list[dict[str, Any]], lang: Lang) -> str:
    if len(status_items) == 1 and "group" not in status_items[0]:
        return str(status_items[0]["requirement"])
    joined = ("；" if lang == "zh" else "; ").join(str(i["requirement"]) for i in status_items)
    return f"{'以下条件之一' if lang == 'zh' else 'One of'}: {joined}"


def eligibility_of(entry: Mapping[str, Any]) -> Mapping[str, Any]:
    """A document's eligibility record (conditions, window, benefits), {} when it has none."""
    found = entry.get("eligibility")
    return found if isinstance(found, Mapping) else {}


def listed(status: str, eligibility: Mapping[str, Any]) -> bool:
    """In force, or of unknown validity while it states who may apply: a notice without a document
    number or a stated period (a reply, an English notice) is still a notice to companies; news that
    states no conditions is not a policy and stays out."""
    return status == "in_force" or (status == "unknown" and bool(eligibility.get("conditions")))


def assess(doc_id: str, documents: Mapping[str, Mapping[str, Any]], profile: Profile, day: dt.date,
           lang: Lang = "en", cny_per_usd: float | None = None) -> dict[str, Any]:
    """One document for one company on ``day``: its status, checklist, application window, verdict
    and, when not applicable, the reasons (a document not in force is not applicable either)."""
    entry = documents[doc_id]
    found = eligibility_of(entry)
    items = checklist(found, profile, lang, cny_per_usd)
    requirements = _requirements(items)
    counts = {v: sum(1 for s, _ in requirements if s == v) for v in ("met", "unmet", "unknown")}
    stated = found.get("window") if isinstance(found.get("window"), Mapping) else {}
    if stated.get("until_expiry") and not stated.get("closes"):  # paid without applying: open while in force
        stated = {**stated, "closes": entry.get("expiry_date")}
    shown = this_year(stated, day, entry.get("expiry_date"))  # a yearly window shows this year's (or its last) days
    window = {k: shown.get(k) for k in ("opens", "closes", "rolling", "later", "quote", "citation")}
    window["state"] = window_state({**shown, "yearly": False}, day)
    window["line"] = window_line(window, lang)
    status = status_of(entry, day, documents)
    reasons = [_reason(members, lang) for s, members in requirements if s == "unmet"]
    if window["state"] == "closed":
        reasons.append(window["line"])
    decision: Decision = "not_applicable" if reasons or not listed(status, found) else \
        "needs_info" if counts["unknown"] else "applicable"
    record = {"doc_id": doc_id, **{k: entry.get(k) for k in (
        "title", "doc_number", "issuer", "date", "effective_date", "expiry_date", "url", "source")},
        "status": status, "verdict": decision, **counts, "checklist": items, "window": window,
        "benefits": _dicts(found.get("benefits")), "application": _dicts(found.get("application"))}
    if reasons:
        record["reasons"] = reasons
    return record


def find_policies(documents: Mapping[str, Mapping[str, Any]], profile: Profile, day: dt.date,
                  lang: Lang = "en", cny_per_usd: float | None = None) -> dict[str, Any]:
    """Every document in force on ``day`` (or of unknown validity while stating conditions), each with
    its checklist, window, benefits and how to apply: ``applicable`` (may apply: nothing unmet, window
    not closed; best fit first) and ``not_applicable`` (with the reasons). ``cny_per_usd``: the
    administrator's rate for amounts given in the other currency (None: none)."""
    applicable, rejected = [], []
    for doc_id, entry in documents.items():
        if not listed(status_of(entry, day, documents), eligibility_of(entry)):
            continue
        record = assess(doc_id, documents, profile, day, lang, cny_per_usd)
        (rejected if record["verdict"] == "not_applicable" else applicable).append(record)
    applicable.sort(key=lambda r: (-r["met"], not r["benefits"], r["unknown"], _newest(r), r["doc_id"]))
    rejected.sort(key=lambda r: (r["unmet"], -r["met"], _newest(r), r["doc_id"]))
    return {"as_of": day.isoformat(), "lang": lang, "profile": _shown(profile),
            "applicable": applicable, "not_applicable": rejected}


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _newest(record: Mapping[str, Any]) -> str:
    """A sort key putting the most recently effective first (ISO strings, inverted)."""
    when = str(record.get("effective_date") or record.get("date") or "")
    return "".join(chr(0x7F - ord(c)) if c.isascii() else c for c in when) or "\x7f"


def _shown(profile: Profile) -> dict[str, Any]:
    shown = {k: v for k, v in dataclasses.asdict(profile).items() if v is not None}
    if profile.region and (place := canonical(profile.region)):
        shown["region_resolved"] = place
    return shown
