"""Word .docx via python-docx: body paragraphs and table cells in reading order, plus the core
properties Word fills in (title, author, dates)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from core.dates import normalise_date
from core.errors import DocumentError
from indexer.documents.formats.archive import check_archive
from indexer.documents.formats.base import Extracted, clean_field, tidy_text
from indexer.documents.limits import DEFAULT_LIMITS, Limits

# python-docx's blank template stamps these on every new file; they say nothing about the text.
_TEMPLATE_VALUES = {"python-docx", "word document"}
_TEMPLATE_STAMP = (2013, 12, 23, 23, 15)


def _table_text(table: Table) -> list[str]:
    """One block per row, cells joined by " | "; merged cells repeat in python-docx, drop them."""
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = " ".join(cell.text.split())
            for inner in cell.tables:
                text = " ".join([text, *_table_text(inner)]).strip()
            cells.append(text)
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _property(value: Any) -> str | None:
    text = clean_field(value)
    return None if text and text.lower() in _TEMPLATE_VALUES else text


def _date(value: Any) -> str | None:
    if isinstance(value, datetime) and value.timetuple()[:5] == _TEMPLATE_STAMP:
        return None
    return normalise_date(value)


def read_docx(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Extracted:
    """Build the Extracted for .docx bytes; the archive is checked for bombs before it is opened."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError("corrupted DOCX: not a zip archive")
    check_archive(data, limits, "DOCX")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, ValueError) as exc:
        raise DocumentError(f"corrupted DOCX: {exc or type(exc).__name__}") from exc
    blocks: list[str] = []
    length = 0  # of the joined text so far, before tidying
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            block = item.text.strip()
        elif isinstance(item, Table):
            block = "\n".join(_table_text(item)).strip()
        else:
            continue
        if block:
            length += len(block) + 2 * bool(blocks)
            limits.check_chars(length)  # stop early: the rest would be refused anyway
            blocks.append(block)
    props = document.core_properties
    date = _date(props.created) or _date(props.modified)
    return Extracted(
        text=tidy_text("\n\n".join(blocks)),
        title=_property(props.title),
        date=date,
        issuer=_property(props.author),
    )
