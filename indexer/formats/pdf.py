"""PDF via pypdf: text per page so answers can cite page numbers, info-dictionary metadata, and
clear reasons for the PDFs that cannot be indexed (encrypted, truncated, scanned)."""

from __future__ import annotations

import io
import logging
import warnings

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from core.dates import normalise_date
from core.errors import DocumentError
from indexer.formats.base import Extracted, clean_field, tidy_text

# pypdf logs a warning for every malformed object it repairs; a corpus of real PDFs would bury
# the indexer's own messages. Errors still come through.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_JUNK_TITLES = {"untitled", "title", "document", "microsoft word"}


def _open(data: bytes) -> PdfReader:
    if b"%PDF-" not in data[:1024]:
        raise DocumentError("corrupted PDF: no %PDF header")
    # pypdf (non-strict) quietly rebuilds a truncated file from whatever objects survive;
    # indexing half a document would be worse than reporting it.
    if b"%%EOF" not in data[-4096:]:
        raise DocumentError("corrupted PDF: no end-of-file marker (truncated?)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except PdfReadError as exc:
        raise DocumentError(f"corrupted PDF: {exc}") from exc
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception as exc:  # unsupported algorithm, missing crypto library
            raise DocumentError(f"encrypted PDF: {exc}") from exc
        if not ok:
            raise DocumentError("encrypted PDF")
    return reader


def _info(reader: PdfReader) -> dict[str, str | None]:
    try:
        info = reader.metadata
    except Exception:  # a broken info dictionary should not cost us the text
        return {}
    if not info:
        return {}
    fields = {key: clean_field(info.get(f"/{key}")) for key in ("Title", "Author", "Subject")}
    title = fields["Title"]
    if title and title.lower().startswith("microsoft word - "):
        title = title[len("microsoft word - "):].rsplit(".", 1)[0] or None
    if title and title.lower() in _JUNK_TITLES:
        title = None
    date = clean_field(info.get("/CreationDate")) or clean_field(info.get("/ModDate"))
    return {
        "title": title or fields["Subject"],
        "issuer": fields["Author"],
        "date": normalise_date(date) if date else None,
    }


def read_pdf(data: bytes) -> Extracted:
    """Build the Extracted for PDF bytes; pages are (offset in text, 1-based page number)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = _open(data)
        try:
            page_list = list(reader.pages)
        except Exception as exc:
            raise DocumentError(f"corrupted PDF: {exc}") from exc
        if not page_list:
            raise DocumentError("empty document")
        chunks: list[str] = []
        pages: list[tuple[int, int]] = []
        offset = 0
        failures: list[str] = []
        for number, page in enumerate(page_list, start=1):
            try:
                text = tidy_text(page.extract_text() or "")
            except Exception as exc:  # one unreadable page should not lose the others
                failures.append(f"page {number}: {exc}")
                continue
            if not text:
                continue
            if chunks:
                offset += 2  # the "\n\n" joining this page to the previous one
            pages.append((offset, number))
            chunks.append(text)
            offset += len(text)
        info = _info(reader)
    if not chunks:
        if failures:
            raise DocumentError(f"corrupted PDF: {failures[0]}")
        raise DocumentError("no extractable text (scanned PDF?)")
    return Extracted(
        text="\n\n".join(chunks),
        title=info.get("title"),
        date=info.get("date"),
        issuer=info.get("issuer"),
        pages=tuple(pages),
    )
