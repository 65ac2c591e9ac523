"""The document view: one page per document that every citation links to, in the chat and the widget.

``GET /api/documents/{doc_id}/view?chunk=CHUNK_ID&lang=zh|en`` shows the document's title, its
policy card (number, issuer, dates, status, what replaced it and what it replaced), a link to the
original page when its URL is known, and every passage, the cited one highlighted and scrolled to
(``#cited``). It is plain HTML built from ``get_document`` (the same record as
``GET /api/documents/{doc_id}``), under /api/ so the rate limit applies; every piece of document
text is escaped, and the page may load nothing (Content-Security-Policy).
"""

from __future__ import annotations

import html
import re
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse

from bot.collection.documents import get_document
from core.dates import parse_iso
from core.errors import UnknownDocument
from core.language import Lang
from ui.i18n import negotiate, t

PATH = "/api/documents/{doc_id}/view"
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")  # shown as one line break: paragraphs stay apart, no gaps
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
CSS = """
body { font: 15px/1.6 system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; color: #1f2933;
  max-width: 860px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 22px; line-height: 1.35; margin: 0 0 12px; }
table { border-collapse: collapse; margin: 0 0 16px; }
th, td { text-align: left; padding: 3px 14px 3px 0; vertical-align: top; }
th { color: #52606d; font-weight: 600; white-space: nowrap; }
.badge { padding: 1px 6px; border-radius: 4px; background: #dcfce7; color: #166534; font-size: 13px; }
.badge.warn { background: #fee2e2; color: #991b1b; }
.passage { margin: 10px 0; padding: 8px 12px; border-left: 4px solid #d0d7de; white-space: pre-wrap;
  overflow-wrap: anywhere; }
.passage.cited { border-left-color: #d97706; background: #fef3c7; }
.where { display: block; color: #52606d; font-size: 12px; }
a { color: #1d4ed8; }
"""


def view_url(doc_id: str, chunk_id: str | None = None, lang: Lang | None = None) -> str:
    """Where a citation links to (a path on this server): the document, its cited passage in view."""
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in (("chunk", chunk_id), ("lang", lang)) if v)
    path = f"/api/documents/{quote(doc_id, safe='')}/view"
    return path + (f"?{query}" if query else "") + ("#cited" if chunk_id else "")


def _link(url: object) -> str | None:
    """The original page's address, only as an http(s) link."""
    text = str(url or "")
    return text if urlsplit(text).scheme in ("http", "https") and urlsplit(text).netloc else None


def render(doc: dict[str, Any], chunk_id: str | None, lang: Lang) -> str:
    """The page for ``doc`` (``get_document``'s record); everything from the document is escaped."""
    e = html.escape
    status = str(doc.get("status") or "unknown")
    badge = "badge" if status == "in_force" else "badge warn"
    rows = [(t(lang, "card_status", day=doc["as_of"]),
             f'<span class="{badge}">{e(t(lang, f"status_{status}"))}</span>')]
    for key, field in (("card_issuer", "issuer"), ("card_number", "doc_number"), ("card_date", "date"),
                       ("card_effective", "effective_date"), ("card_expiry", "expiry_date"),
                       ("card_replaced_by", "superseded_by")):
        if doc.get(field):
            value = e(str(doc[field]))
            rows.append((t(lang, key), f'<a href="{e(view_url(doc[field], lang=lang))}">{value}</a>'
                         if field == "superseded_by" else value))
    if doc.get("replaces"):
        rows.append((t(lang, "card_replaces"), ", ".join(
            f'<a href="{e(view_url(d, lang=lang))}">{e(d)}</a>' for d in doc["replaces"])))
    rows.append((t(lang, "view_source"), e(str(doc.get("source") or doc["doc_id"]))))
    original = _link(doc.get("url"))
    if original:
        rows.append((t(lang, "view_original"),
                     f'<a href="{e(original)}" rel="noopener noreferrer" target="_blank">{e(original)}</a>'))
    table = "".join(f"<tr><th>{e(name)}</th><td>{value}</td></tr>" for name, value in rows)
    passages = []
    for p in doc["passages"]:
        cited = p["chunk_id"] == chunk_id
        where = t(lang, "view_passage", n=p["position"] + 1)
        where += f" · {t(lang, 'page', n=p['page'])}" if p.get("page") else ""
        where += f" · {t(lang, 'view_cited')}" if cited else ""
        text = _BLANK_LINES.sub("\n", p["text"])
        anchor, kind = ("cited", "passage cited") if cited else (f"p{p['position'] + 1}", "passage")
        passages.append(f'<div class="{kind}" id="{anchor}"><span class="where">{e(where)}</span>{e(text)}</div>')
    title = e(str(doc.get("title") or doc["doc_id"]))
    return (f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
            f"<style>{CSS}</style></head><body><main><h1>{title}</h1><table>{table}</table>"
            f'<h2>{e(t(lang, "card_passages"))}</h2>{"".join(passages)}</main></body></html>')


def _page(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers={
        "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})


def install_document_view(app: FastAPI) -> None:
    """Add the document view route (HTML, not part of the OpenAPI description)."""

    html_page = {"content": {"text/html": {}}}
    # Its other errors are the API's JSON ones (api.schemas.ErrorResponse, by reference: ui does not import api).
    api_error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}}

    @app.get(PATH, response_class=HTMLResponse, tags=["documents"], responses={
        **{code: {**api_error, "description": "An API error."} for code in (400, 413, 422, 429, 503)},
        200: {**html_page, "description": "The document's page, its cited passage highlighted."},
        404: {**html_page, "description": "No such document."}})
    def document_view(request: Request, doc_id: str,
                      chunk: Annotated[str | None, Query(max_length=64, description="The cited passage")] = None,
                      lang: Annotated[str | None, Query(max_length=16, description="zh or en")] = None,
                      as_of: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description=(
                          "The day the status is shown for; default today"))] = None) -> HTMLResponse:
        """The page a citation links to (HTML): title, policy card, original URL, passages."""
        page_lang = negotiate(request.headers.get("accept-language"), lang)
        try:
            doc = get_document(request.app.state.bot, doc_id, parse_iso(as_of, "as_of"))
        except UnknownDocument:
            missing = html.escape(t(page_lang, "no_card", doc_id=doc_id))
            return _page(f"<!doctype html><meta charset=utf-8><title>404</title><p>{missing}", 404)
        return _page(render(doc, chunk, page_lang))
