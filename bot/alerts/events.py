"""Alerts: which new or changed documents a subscription's company profile matches, and the event
each delivery carries.

A serving process that sees a new index version calls ``announce``: the document versions (doc_id
and content hash) the database has not seen yet are checked against every subscription with the
finder's rules (``bot.finder.match.assess``): the document is in force today, or will be (not yet
effective; then checked on its first day), no condition is ``unmet`` and its application window has
not closed. Each match becomes one
outbox row, its JSON body fixed then, so every retry sends the same bytes under the same
signature. ``bot.storage.alerts.AlertStore.announce`` makes this happen once per document
version, whichever processes see the index and however often they restart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import secrets
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from bot.finder.match import Profile, assess
from bot.storage.alerts import AlertStore
from core.language import Lang
from core.validity import start_of, status_of, today

EVENT = "policy.matched"
MAX_CONDITIONS = 50  # what one event lists, so a body stays small whatever a notice holds
MAX_QUOTE_CHARS = 1000
_PROFILE_FIELDS = {f.name for f in dataclasses.fields(Profile)}
_RECORD = ("title", "doc_number", "issuer", "date", "effective_date", "expiry_date", "url", "source")


def profile_of(stored: str) -> Profile:
    """A subscription's stored profile (JSON) as the finder's Profile; unknown keys are ignored."""
    data = json.loads(stored)
    return Profile(**{k: v for k, v in data.items() if k in _PROFILE_FIELDS})


def _trim(items: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    out = []
    for item in items[:limit]:
        quote_text = item.get("quote")
        out.append({**item, "quote": quote_text[:MAX_QUOTE_CHARS]} if isinstance(quote_text, str) else item)
    return out


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def match(doc_id: str, entry: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]], profile: Profile,
          lang: Lang, day: dt.date, cny_per_usd: float | None = None) -> dict[str, Any] | None:
    """The document as an alert shows it when ``profile`` may apply for it, else None (amounts in
    the other currency at ``cny_per_usd``, as ``bot.finder.match.checklist``)."""
    status = status_of(entry, day, documents)
    start = start_of(entry)
    checked_on = start if status == "not_yet_effective" and start is not None else day
    if status_of(entry, checked_on, documents) != "in_force":
        return None
    found = assess(doc_id, {**documents, doc_id: entry}, profile, checked_on, lang, cny_per_usd)
    if found["verdict"] == "not_applicable":  # a condition unmet, or the window closed
        return None
    window = {k: v for k, v in found["window"].items() if k != "quote"}
    return {"doc_id": doc_id, "hash": entry.get("hash"), **{k: entry.get(k) for k in _RECORD},
            "status": status, "indexed_at": entry.get("indexed_at"),
            "path": f"/api/documents/{quote(doc_id, safe='')}", "verdict": found["verdict"],
            "met": found["met"], "unknown": found["unknown"], "window": window,
            "checklist": _trim(found["checklist"], MAX_CONDITIONS),
            "benefits": _trim(_dicts(found["benefits"]), 10),
            "application": _trim(_dicts(found["application"]), 10)}


def events(documents: Mapping[str, Mapping[str, Any]], fresh: dict[str, tuple[str, str]],
           subscribers: Sequence[Any], day: dt.date, version: str = "",
           cny_per_usd: float | None = None) -> list[dict[str, Any]]:
    """Outbox rows: one per subscription and fresh document version its profile matches."""
    rows = []
    created = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for sub in subscribers:
        profile = profile_of(sub.profile)
        lang: Lang = "zh" if sub.lang == "zh" else "en"
        for doc_id, (digest, change) in sorted(fresh.items()):
            record = match(doc_id, documents[doc_id], documents, profile, lang, day, cny_per_usd)
            if record is None:
                continue
            delivery = "dlv_" + secrets.token_urlsafe(16)
            body = {"type": EVENT, "delivery_id": delivery, "subscription_id": sub.id, "change": change,
                    "created_at": created, "index_version": version, "lang": lang, "document": record}
            rows.append({"id": delivery, "subscription_id": sub.id, "doc_id": doc_id, "doc_hash": digest,
                         "event": json.dumps(body, ensure_ascii=False, separators=(",", ":"))})
    return rows


def announce(store: AlertStore, documents: Mapping[str, Mapping[str, Any]], version: str = "",
             day: dt.date | None = None, cny_per_usd: float | None = None) -> int:
    """Enqueue the deliveries an index's documents call for (once per document version); the
    number of matches offered to the outbox. ``cny_per_usd``: the administrator's rate, as for the finder."""
    day = day or today()
    hashes = {doc_id: str(entry["hash"]) for doc_id, entry in documents.items() if entry.get("hash")}
    return store.announce(hashes, lambda fresh, subs: events(documents, fresh, subs, day, version, cny_per_usd))
