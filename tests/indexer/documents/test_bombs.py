"""Hostile files, format by format: every bomb is generated here, tiny on disk, and refused with
the limit (value and setting) named in the error."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from core.errors import DocumentError
from indexer.documents.formats import extract
from indexer.documents.limits import Limits, setting_name

DOCX = Path(__file__).resolve().parents[2] / "data" / "formats" / "policy.docx"
MB = 1_000_000


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def refused(path: Path, limits: Limits, match: str) -> DocumentError:
    with pytest.raises(DocumentError, match=match) as info:
        extract(path, limits)
    return info.value


# --- DOCX (zip bombs) -------------------------------------------------------------------------


def docx_with(extra: dict[str, int] | None = None, members: int = 0) -> bytes:
    """The fixture DOCX plus members of ``size`` zero bytes (about 1000:1) and empty members."""
    source = zipfile.ZipFile(DOCX)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info.filename))
        for name, size in (extra or {}).items():
            with archive.open(name, "w", force_zip64=size > 2**31) as member:
                for _ in range(size // MB):
                    member.write(bytes(MB))
        for i in range(members):
            archive.writestr(f"customXml/empty{i}.xml", b"")
    return out.getvalue()


def lie_about_size(data: bytes, name: str, declared: int) -> bytes:
    """Rewrite ``name``'s uncompressed size in its local header and central directory entry."""
    patched = bytearray(data)
    offset = zipfile.ZipFile(io.BytesIO(data)).getinfo(name).header_offset
    struct.pack_into("<I", patched, offset + 22, declared)
    central = patched.rfind(b"PK\x01\x02", 0, patched.rfind(name.encode()))
    struct.pack_into("<I", patched, central + 24, declared)
    return bytes(patched)


def test_fixture_docx_passes_the_archive_checks(tmp_path: Path) -> None:
    assert "Cotton Import Quota" in extract(write(tmp_path, "ok.docx", docx_with()), Limits()).text


def test_docx_declaring_more_than_the_inflated_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "bomb.docx", docx_with({"word/media/pad.bin": 60 * MB}))
    assert path.stat().st_size < 200_000
    error = refused(path, Limits(), "DOCX inflates to more than 50000000 bytes")
    assert str(error).endswith("(POLICYBOT_MAX_INFLATED_BYTES)")


def test_docx_member_with_a_bomb_ratio(tmp_path: Path) -> None:
    path = write(tmp_path, "ratio.docx", docx_with({"word/media/pad.bin": 5 * MB}))
    refused(path, Limits(), r"pad.bin compresses \d+:1, more than 100:1 \(POLICYBOT_MAX_COMPRESSION_RATIO\)")


def test_docx_member_whose_header_lies_about_its_size(tmp_path: Path) -> None:
    """Declared 1,000 bytes (no ratio or total check fires), inflates to 5 MB."""
    data = lie_about_size(docx_with({"word/media/pad.bin": 5 * MB}), "word/media/pad.bin", 1_000)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("word/media/pad.bin").file_size == 1_000
    path = write(tmp_path, "liar.docx", data)
    refused(path, Limits(), "pad.bin inflates past its declared size of 1000 bytes")


def test_docx_with_too_many_members(tmp_path: Path) -> None:
    path = write(tmp_path, "many.docx", docx_with(members=10_001))
    refused(path, Limits(), "DOCX has more than 10000 members")


def test_docx_text_over_the_character_limit_stops_early(tmp_path: Path) -> None:
    refused(write(tmp_path, "p.docx", DOCX.read_bytes()), Limits(max_document_chars=60),
            r"more than 60 characters \(POLICYBOT_MAX_DOCUMENT_CHARS\)")


# --- YAML front matter -------------------------------------------------------------------------


def alias_bomb(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + f"\ntitle: *a{levels - 1}\n---\n\nBody text.\n"


@pytest.mark.parametrize("levels", [4, 9])
def test_yaml_alias_bomb_is_refused_quickly(tmp_path: Path, levels: int) -> None:
    path = write(tmp_path, "lol.md", alias_bomb(levels))
    assert path.stat().st_size < 1_000
    started = time.perf_counter()
    refused(path, Limits(), "front matter uses YAML anchors or aliases")
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("depth", [25, 5_000])
def test_deeply_nested_front_matter_is_refused(tmp_path: Path, depth: int) -> None:
    text = "---\ntitle: " + "[" * depth + "x" + "]" * depth + "\n---\n\nBody.\n"
    refused(write(tmp_path, "deep.md", text), Limits(), "front matter nests deeper than 20 levels")


def test_ordinary_nesting_still_works(tmp_path: Path) -> None:
    text = "---\ntitle: Rebates\ntags: [export, {kind: [tax, rebate]}]\nissuer: MOFCOM\n---\n\nBody.\n"
    result = extract(write(tmp_path, "ok.md", text), Limits())
    assert (result.title, result.issuer, result.text) == ("Rebates", "MOFCOM", "Body.")


def test_front_matter_over_the_size_limit(tmp_path: Path) -> None:
    text = f"---\ntitle: Rebates\nnotes: {'x' * 20_000}\n---\n\nBody.\n"
    refused(write(tmp_path, "long.md", text), Limits(),
            r"front matter has more than 16384 bytes \(POLICYBOT_MAX_FRONT_MATTER_BYTES\)")


def test_long_text_between_two_rules_is_content_not_front_matter(tmp_path: Path) -> None:
    text = "---\n" + "A long introduction in prose. " * 1_000 + "\n---\n\nBody.\n"
    result = extract(write(tmp_path, "rules.md", text), Limits())
    assert result.title is None and "long introduction" in result.text


# --- PDF ---------------------------------------------------------------------------------------


def pdf(contents: list[bytes]) -> bytes:
    """A PDF with one page per (Flate-compressed) content stream, Helvetica as /F1."""
    n = len(contents)
    font = 3 + 2 * n
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    for i, content in enumerate(contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        packed = zlib.compress(content, 9)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def page_text(text: str, padding: int = 0) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET" + b" " * padding


def test_pdf_with_more_pages_than_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "long.pdf", pdf([page_text(f"Page {i} of the rebate notice.") for i in range(5)]))
    assert len(extract(path, Limits(max_pdf_pages=5)).pages) == 5
    refused(path, Limits(max_pdf_pages=4), r"PDF has 5 pages, more than 4 pages \(POLICYBOT_MAX_PDF_PAGES\)")


def test_pdf_text_over_the_limit_stops_reading_pages(tmp_path: Path, monkeypatch) -> None:
    from pypdf import PageObject

    calls = []
    original = PageObject.extract_text
    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **k: calls.append(1) or original(self, *a, **k))
    path = write(tmp_path, "text.pdf", pdf([page_text("Rebates for cotton yarn exports. " * 2)] * 5))
    refused(path, Limits(max_document_chars=100), r"more than 100 characters \(POLICYBOT_MAX_DOCUMENT_CHARS\)")
    assert len(calls) == 2


def test_pdf_content_streams_share_one_inflation_budget(tmp_path: Path) -> None:
    """Each page inflates 0.4 MB of whitespace (4 kB on disk); three of them exceed 1 MB."""
    path = write(tmp_path, "padded.pdf", pdf([page_text("Rebate notice.", 400_000)] * 3))
    assert path.stat().st_size < 10_000
    assert extract(path, Limits(max_inflated_bytes=2 * MB)).text.count("Rebate notice.") == 3
    refused(path, Limits(max_inflated_bytes=MB),
            r"PDF page content inflates to more than 1000000 bytes \(POLICYBOT_MAX_INFLATED_BYTES\)")


def test_pdf_stream_over_the_budget_is_refused_while_decoding(tmp_path: Path) -> None:
    """pypdf's own per-stream cap (75 MB) is lowered to max_inflated_bytes for the read."""
    path = write(tmp_path, "bomb.pdf", pdf([page_text("Rebate notice.", 3 * MB)] * 2))
    refused(path, Limits(max_inflated_bytes=MB), r"PDF page 1 hits a decoding limit: .*POLICYBOT_MAX_INFLATED_BYTES")


# --- text, Markdown, HTML -----------------------------------------------------------------------


@pytest.mark.parametrize("name, body", [
    ("long.txt", "Export rebates apply. " * 100),
    ("long.md", "# Rebates\n\n" + "Export **rebates** apply. " * 100),
    ("long.html", "<html><body><article><p>" + "Export rebates apply. " * 100 + "</p></article></body></html>"),
])
def test_text_over_the_character_limit(tmp_path: Path, name: str, body: str) -> None:
    path = write(tmp_path, name, body)
    assert extract(path, Limits(max_document_chars=10_000)).text
    error = refused(path, Limits(max_document_chars=1_000), "document text has more than 1000 characters")
    assert setting_name("max_document_chars") in str(error)


@pytest.mark.parametrize("unit, size", [
    ("**a ", 40_000), ("_a ", 40_000), ("~~a ", 40_000), ("[a", 40_000), ("[a](", 200_000),
    ("<http:", 40_000), ("# a" + " " * 10_000, 40_000),
])
def test_markdown_stripping_is_linear_on_unclosed_markup(tmp_path: Path, unit: str, size: int) -> None:
    """Before: 40 kB of "**a " took ~11 s (quadratic), 200 kB of "[a" 148 s, of "[a](" 6 s."""
    path = write(tmp_path, "redos.md", unit * (size // len(unit) + 1))
    started = time.perf_counter()
    extract(path, Limits())
    assert time.perf_counter() - started < 1


def test_deeply_nested_html_is_bounded(tmp_path: Path) -> None:
    html = "<html><body>" + "<div>" * 50_000 + "Deep text." + "</div>" * 50_000 + "</body></html>"
    started = time.perf_counter()
    try:
        extract(write(tmp_path, "deep.html", html), Limits())
    except DocumentError:
        pass  # libxml2 stops at 256 levels; refusing is as good as reading
    assert time.perf_counter() - started < 5
