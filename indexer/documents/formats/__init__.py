"""Readers for the corpus's file formats. ``extract`` is the single entry point: it turns any
supported file into plain text plus the metadata the file states, and reports every failure as a
DocumentError so one bad file never stops indexing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from core.errors import DocumentError
from indexer.documents.formats.base import Extracted, tidy_text
from indexer.documents.formats.sidecar import is_sidecar, read_sidecar
from indexer.documents.limits import Limits, setting_name

__all__ = ["SUPPORTED_SUFFIXES", "Extracted", "Limits", "extract", "is_sidecar", "read_sidecar"]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}
)


def _read(path: Path, limits: Limits) -> bytes:
    max_bytes, setting = limits.max_file_bytes, setting_name("max_file_bytes")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(f"file too large: {size} bytes > {max_bytes} byte limit ({setting})")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # grew between stat and read
        raise DocumentError(f"file too large: more than {max_bytes} byte limit ({setting})")
    if not data.strip():
        raise DocumentError("empty document")
    return data


def _dispatch(suffix: str, data: bytes, limits: Limits) -> Extracted:
    # Imports are local so a broken optional library only affects its own format.
    if suffix in {".txt", ".md", ".markdown"}:
        from indexer.documents.formats.encoding import decode_bytes
        from indexer.documents.formats.text import read_text

        return read_text(decode_bytes(data), markdown=suffix != ".txt", limits=limits)
    if suffix in {".html", ".htm"}:
        from indexer.documents.formats.encoding import decode_bytes
        from indexer.documents.formats.html import read_html

        # libxml2 (lxml, trafilatura) stops at 256 levels of nesting and 10 MB text nodes unless
        # huge_tree is set, and the input is max_file_bytes at most: parsing is bounded; the text
        # length is checked below.
        return read_html(decode_bytes(data, html=True))
    if suffix == ".pdf":
        from indexer.documents.formats.pdf import read_pdf

        return read_pdf(data, limits)
    from indexer.documents.formats.word import read_docx

    return read_docx(data, limits)


def extract(path: Path, limits: Limits | int) -> Extracted:
    """Read ``path`` into an Extracted; raises DocumentError (and nothing else) with a reason.

    ``limits`` bounds what the file may cost (an int is the old ``max_bytes``: the file size cap,
    other limits at their defaults)."""
    path = Path(path)
    limits = Limits.coerce(limits)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(f"unsupported file type: {suffix or '(no extension)'}")
    data = _read(path, limits)
    try:
        result = _dispatch(suffix, data, limits)
    except DocumentError:
        raise
    except Exception as exc:  # libraries raise anything on hostile input; report, don't crash
        detail = str(exc) or type(exc).__name__
        raise DocumentError(f"cannot read {suffix[1:].upper()}: {detail}") from exc
    if result.pages:  # offsets point into the text as is; readers with pages tidy per page
        text = result.text
    else:
        text = tidy_text(result.text)
    if not text.strip():
        raise DocumentError("empty document")
    limits.check_chars(len(text))
    return result if text == result.text else replace(result, text=text)
