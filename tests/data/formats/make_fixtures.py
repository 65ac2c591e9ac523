"""Regenerate the binary fixtures for tests/indexer/test_formats.py (run once; outputs are kept).

reportlab is not available, so the PDF is written by hand (uncompressed, Helvetica text) and
pypdf adds the info dictionary and the encryption. Usage: python tests/data/formats/make_fixtures.py
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import docx
from pypdf import PdfReader, PdfWriter

HERE = Path(__file__).resolve().parent

PAGE_ONE = [
    "Notice on Export Tax Rebates for Textiles",
    "The rebate rate for cotton yarn is raised to 13 percent.",
]
PAGE_TWO = [
    "Second page: application procedure",
    "Exporters apply to the local tax bureau within 90 days.",
]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content(lines: list[str]) -> bytes:
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "16 TL"]
    ops += [f"({_escape(line)}) Tj T*" for line in lines]
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def minimal_pdf(pages: list[list[str] | None]) -> bytes:
    """A valid PDF with one page per entry; None makes a page with a drawing but no text."""
    objects: list[bytes] = []
    n = len(pages)
    font_id = 3 + 2 * n
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    for i, lines in enumerate(pages):
        content_id = 4 + 2 * i
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        stream = _content(lines) if lines else b"0.5 g 72 500 300 200 re f"
        objects.append(
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _with_pypdf(raw: bytes, *, info: bool, password: str | None = None) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    if info:
        writer.add_metadata(
            {
                "/Title": "Notice on Export Tax Rebates",
                "/Author": "China National Textile and Apparel Council",
                "/Subject": "Export policy",
                "/CreationDate": "D:20210916093000+08'00'",
            }
        )
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(path: Path) -> None:
    document = docx.Document()
    document.add_heading("Cotton Import Quota Guidelines", level=1)
    document.add_paragraph("Quotas are allocated to spinning mills by the Ministry of Commerce.")
    table = document.add_table(rows=3, cols=2)
    cells = [("Product", "Quota (tonnes)"), ("Cotton", "894000"), ("Sliver", "12000")]
    for row, values in zip(table.rows, cells, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("Applications close on 30 November.")
    props = document.core_properties
    props.title = "Cotton Import Quota Guidelines 2022"
    props.author = "National Development and Reform Commission"
    props.created = datetime(2022, 3, 1, 9, 30)
    props.modified = datetime(2022, 3, 5, 17, 0)
    document.save(path)


def main() -> None:
    two_pages = minimal_pdf([PAGE_ONE, PAGE_TWO])
    (HERE / "two_pages.pdf").write_bytes(_with_pypdf(two_pages, info=True))
    (HERE / "encrypted.pdf").write_bytes(_with_pypdf(two_pages, info=False, password="secret"))
    (HERE / "encrypted_no_password.pdf").write_bytes(
        _with_pypdf(two_pages, info=False, password="")
    )
    (HERE / "scanned.pdf").write_bytes(minimal_pdf([None]))
    make_docx(HERE / "policy.docx")


if __name__ == "__main__":
    main()
