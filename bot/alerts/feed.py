"""An Atom feed of the policies in force, optionally only those a company profile may apply for,
for members who follow new policies in a feed reader instead of a webhook. A notice whose
application window has closed is not one a company may apply for: it is left out, as in the finder.

An entry's id carries the document's content hash, so a notice changed in place reaches readers
as a new entry; ``updated`` is when it was indexed. Built with ElementTree (escaping done there)
after dropping the characters XML 1.0 cannot carry, which a hostile title could hold.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode
from xml.etree import ElementTree as ET

from bot.finder.match import Profile, find_policies
from core.language import Lang

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EPOCH = "1970-01-01T00:00:00Z"


def _text(value: object, limit: int = 2000) -> str:
    return _NOT_XML.sub("", str(value or ""))[:limit]


def rfc3339(value: object) -> str | None:
    """The manifest's "2026-11-30T14:25:00+0000" or an ISO day, as Atom wants it; None if neither."""
    text = str(value or "")
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            when = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        when = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
        return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def policies_feed(documents: Mapping[str, Mapping[str, Any]], profile: Profile, day: dt.date, lang: Lang,
                  base_url: str, query: Mapping[str, str], cny_per_usd: float | None = None) -> bytes:
    """The feed document: the applicable policies in force on ``day``, newest first (amounts in
    the other currency at ``cny_per_usd``, as ``find_policies``). Links start with ``base_url``, the
    configured public address; "" makes them relative (RFC 4287 resolves them against the feed's)."""
    found = find_policies(documents, profile, day, lang, cny_per_usd)["applicable"]
    entries = []
    for record in found:
        entry = documents[record["doc_id"]]
        updated = rfc3339(entry.get("indexed_at")) or rfc3339(record.get("date")) or _EPOCH
        entries.append((updated, record, entry))
    entries.sort(key=lambda e: (e[0], e[1]["doc_id"]), reverse=True)
    entries = entries[:MAX_ENTRIES]
    base = base_url.rstrip("/")
    self_url = f"{base}/api/feeds/policies.atom" + (f"?{urlencode(sorted(query.items()))}" if query else "")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", "urn:policybot:feed:policies" + (":" + urlencode(sorted(query.items())) if query else ""))
    _add(feed, "title", "Policies in force" + (" for your company" if query else "") if lang == "en"
         else ("适用于贵企业的现行政策" if query else "现行政策"))
    _add(feed, "updated", entries[0][0] if entries else rfc3339(day.isoformat()) or _EPOCH)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=_text(self_url))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _add(author, "name", "policybot")
    for updated, record, entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        doc_id = str(record["doc_id"])
        _add(item, "id", f"urn:policybot:document:{quote(doc_id, safe='')}:{_text(entry.get('hash'))[:16]}")
        _add(item, "title", _text(record.get("title") or doc_id, 500))
        _add(item, "updated", updated)
        url = str(record.get("url") or "")
        href = url if url.startswith(("https://", "http://")) else f"{base}/api/documents/{quote(doc_id, safe='')}"
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=_text(href))
        _add(item, "summary", _summary(record, lang))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _add(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = _text(text)


def _summary(record: Mapping[str, Any], lang: Lang) -> str:
    """The number, the application window, the benefit and the conditions in a few lines a reader
    shows as the entry."""
    window = record.get("window") if isinstance(record.get("window"), Mapping) else {}
    lines = [str(record.get("doc_number") or ""), str(window.get("line") or "")]
    lines += [str(b.get("quote") or "") for b in record.get("benefits", [])[:2]]
    marks = {"met": "✓", "unknown": "?", "unmet": "✗"}
    lines += [f"{marks.get(i['status'], '?')} {i['requirement']}" for i in record.get("checklist", [])[:10]]
    return "\n".join(line for line in lines if line)
