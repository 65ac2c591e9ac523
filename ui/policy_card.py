"""Policy cards in the chat UI: a document's record (issuer, number, dates, status, what replaced
it and what it replaced) and its passages, as GET /api/documents/{doc_id} gives them; the chat's
citations reuse the card's header. Document text is data: everything is escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from bot.collection.documents import get_document
from bot.service import PolicyBot
from core.dates import parse_iso
from core.errors import PolicybotError, UnknownDocument
from core.language import Lang
from ui.i18n import t

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
MAX_CARD_PASSAGES = 50


def escape(text: str) -> str:
    """Document text is data: neither Markdown nor HTML in it may render."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def badge(status: str | None, lang: Lang) -> str:
    """The status as a small code-span badge; nothing when unknown (most news articles)."""
    if not status or status == "unknown":
        return ""
    return f"`{t(lang, f'status_{status}')}`"


def header(meta: Mapping[str, Any], lang: Lang) -> str:
    """The card's header line: number · issuer · date · status badge (what a citation shows)."""
    bits = [escape(str(meta[k])) for k in ("doc_number", "issuer", "date") if meta.get(k)]
    mark = badge(meta.get("status"), lang)
    return " · ".join(bits + ([mark] if mark else []))


def card(bot: PolicyBot, doc_id: str, as_of: str | None, lang: Lang) -> str:
    """Markdown for one document's policy card on ``as_of`` (empty: today)."""
    doc_id = (doc_id or "").strip()
    try:
        doc = get_document(bot, doc_id, parse_iso((as_of or "").strip() or None, "as_of"))
    except UnknownDocument:
        return t(lang, "no_card", doc_id=escape(doc_id))
    except PolicybotError as exc:
        return f"**{t(lang, 'error')}** {escape(exc.public())}"
    rows = [(t(lang, "card_status", day=doc["as_of"]), badge(doc["status"], lang) or t(lang, "status_unknown"))]
    for key, field in (("card_issuer", "issuer"), ("card_number", "doc_number"), ("card_date", "date"),
                       ("card_effective", "effective_date"), ("card_expiry", "expiry_date"),
                       ("card_replaced_by", "superseded_by")):
        if doc.get(field):
            rows.append((t(lang, key), escape(str(doc[field]))))
    if doc["replaces"]:
        rows.append((t(lang, "card_replaces"), ", ".join(escape(d) for d in doc["replaces"])))
    lines = [f"### {escape(doc['title'])}", "", "| | |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    lines += ["", f"**{t(lang, 'card_passages')}**"]
    lines += ["> " + escape(p["text"]).replace("\n", " ") + "\n" for p in doc["passages"][:MAX_CARD_PASSAGES]]
    return "\n".join(lines)
