"""Document management routes; writes need an admin key (``Authorization: Bearer KEY``)."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from fastapi import APIRouter, File, HTTPException, Query, UploadFile

from api.auth import Admin, Bot
from api.errors import documented
from api.schemas import ISO_DATE, DocumentCard, DocumentOut
from bot.collection.documents import add_document, delete_document, get_document, list_documents
from core.dates import parse_iso
from core.errors import UnknownDocument

router = APIRouter(prefix="/api/documents", tags=["documents"])


AsOf = Annotated[str | None, Query(pattern=ISO_DATE, examples=["2024-06-01"],
                                  description="The day `status` is computed for (YYYY-MM-DD); default today.")]


@router.get("", response_model=list[DocumentOut], responses=documented())
def documents(bot: Bot, as_of: AsOf = None) -> list[dict[str, Any]]:
    """The collection: each document's record (title, issuer, number, dates, what replaced it),
    its status on `as_of`, chunks and when it was indexed."""
    return list_documents(bot, parse_iso(as_of, "as_of"))


@router.get("/{doc_id}", response_model=DocumentCard, responses=documented(404))
def document(doc_id: str, bot: Bot, as_of: AsOf = None) -> dict[str, Any]:
    """A policy card: the document's record and status on `as_of`, the documents it replaced, and
    its passages."""
    try:
        return get_document(bot, doc_id, parse_iso(as_of, "as_of"))
    except UnknownDocument as exc:
        raise HTTPException(404, str(exc)) from exc


@router.post("", status_code=201, responses=documented(401, 403, 409))
async def upload(bot: Bot, _: Admin, file: Annotated[UploadFile, File()],
                 replace: Annotated[bool, Query(description="Swap out another file with the same "
                                                "document id (report.md for report.txt)")] = False,
                 ) -> dict[str, Any]:
    """Add or replace one document (multipart field ``file``); indexed before the reply.

    The admin key and the size were checked before the body was read (``api.guard``).
    """
    limit = bot.settings.max_upload_bytes
    content = await file.read(limit + 1)
    if len(content) > limit:
        raise HTTPException(413, f"file too large: more than {limit} bytes")
    return await anyio.to_thread.run_sync(add_document, bot, file.filename or "", content, replace)


@router.delete("/{doc_id}", responses=documented(401, 403, 404))
async def delete(doc_id: str, bot: Bot, _: Admin) -> dict[str, Any]:
    try:
        return await anyio.to_thread.run_sync(delete_document, bot, doc_id)
    except UnknownDocument as exc:
        raise HTTPException(404, str(exc)) from exc
