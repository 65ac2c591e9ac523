"""PDF via pypdf: text per page so answers can cite page numbers, info-dictionary metadata, and
clear reasons for the PDFs that cannot be indexed (encrypted, truncated, scanned)."""

from __future__ import annotations

import io
import logging
import warnings

from pypdf import PageObject, PdfReader, apply_configuration, get_configuration
from pypdf.errors import LimitReachedError, PdfReadError
from pypdf.generic import ArrayObject, StreamObject

from core.dates import normalise_date
from core.errors import DocumentError
from indexer.documents.formats.base import Extracted, clean_field, tidy_text
from indexer.documents.limits import DEFAULT_LIMITS, Limits, setting_name

# pypdf logs a warning for every malformed object it repairs; a corpus of real PDFs would bury
# the indexer's own messages. Errors still come through.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_JUNK_TITLES = {"untitled", "title", "document", "microsoft word"}

# pypdf 7 bounds each stream it decodes (pypdf.Configuration: zlib_maximum_output_length and its
# LZW, run-length, Brotli and JBIG2 siblings, 75 MB each; stream_parsing_work_maximum_count 2M
# operations per content stream; page_tree_maximum_entries 100,000), but not the total: a 70 kB
# PDF whose pages share one 70 MB whitespace content stream costs ~5 s per page to parse. So the
# per-stream caps are lowered to max_inflated_bytes and the decoded content of all pages together
# must stay within it too.
_STREAM_LIMITS = (
    "zlib_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
    "brotli_maximum_output_length", "jbig2_maximum_output_length",
    "array_based_stream_maximum_output_length",
)


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
        # Government PDFs are often locked with an empty user password (opening is free, editing is
        # not): AES needs the cryptography package, a dependency, so they are read like any other.
        try:
            ok = reader.decrypt("")
        except Exception as exc:  # an unknown security handler or algorithm
            raise DocumentError(f"encrypted PDF: its encryption cannot be opened here ({type(exc).__name__}); "
                                "upload an unlocked copy") from exc
        if not ok:
            raise DocumentError("encrypted PDF: a password is needed to open it; upload an unlocked copy")
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


def _content_bytes(page: PageObject) -> int:
    """Decoded size of a page's content streams (pypdf caches the decoded data for extraction)."""
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    return sum(len(s.get_data()) for s in (c.get_object() for c in streams) if isinstance(s, StreamObject))


def _page_count(reader: PdfReader, limits: Limits) -> int:
    try:
        count = len(reader.pages)
    except Exception as exc:
        raise DocumentError(f"corrupted PDF: {exc}") from exc
    if count > limits.max_pdf_pages:
        raise limits.exceeded("max_pdf_pages", f"PDF has {count} pages,", "pages")
    if not count:
        raise DocumentError("empty document")
    return count


def read_pdf(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Extracted:
    """Build the Extracted for PDF bytes; pages are (offset in text, 1-based page number)."""
    budget = limits.max_inflated_bytes
    caps = {name: min(getattr(get_configuration(), name) or budget, budget) for name in _STREAM_LIMITS}
    with warnings.catch_warnings(), apply_configuration(**caps):
        warnings.simplefilter("ignore")
        reader = _open(data)
        count = _page_count(reader, limits)
        chunks: list[str] = []
        pages: list[tuple[int, int]] = []
        offset = 0
        failures: list[str] = []
        for number in range(1, count + 1):
            try:
                page = reader.pages[number - 1]
                budget -= _content_bytes(page)
                if budget < 0:
                    raise limits.exceeded("max_inflated_bytes", "PDF page content inflates to", "bytes")
                text = tidy_text(page.extract_text() or "")
            except LimitReachedError as exc:  # a decoding bomb: the other pages may share it
                raise DocumentError(
                    f"PDF page {number} hits a decoding limit: {exc} (each stream may inflate to at most "
                    f"{limits.max_inflated_bytes} bytes, {setting_name('max_inflated_bytes')})"
                ) from exc
            except DocumentError:
                raise
            except Exception as exc:  # one unreadable page should not lose the others
                failures.append(f"page {number}: {exc}")
                continue
            if not text:
                continue
            if chunks:
                offset += 2  # the "\n\n" joining this page to the previous one
            limits.check_chars(offset + len(text))  # stop reading as soon as it is too long
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
