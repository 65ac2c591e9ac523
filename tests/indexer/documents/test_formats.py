"""Tests for indexer.documents.formats: every supported format, encoding and failure mode the corpus has."""

from __future__ import annotations

import io
import json
import random
import zipfile
from datetime import date
from pathlib import Path

import pytest

from core.dates import normalise_date
from core.errors import DocumentError
from indexer.documents.formats import SUPPORTED_SUFFIXES, Extracted, extract, is_sidecar, read_sidecar

DATA = Path(__file__).resolve().parents[2] / "data" / "formats"
LIMIT = 5_000_000
CHINESE = (
    "关于进一步做好纺织服装出口退税工作的通知\n\n"
    "各省、自治区、直辖市商务主管部门：为支持纺织企业稳定外贸，现将有关事项通知如下。"
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- encodings --------------------------------------------------------------------------------


def test_utf8_text(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Café tariffs — 纺织\n\nSecond paragraph.\n")
    result = extract(path, LIMIT)
    assert isinstance(result, Extracted)
    assert result.text == "Café tariffs — 纺织\n\nSecond paragraph."
    assert result.needs_cleaning is True


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"\xef\xbb\xbfRebate notice\r\n\r\nBody text.")
    result = extract(path, LIMIT)
    assert result.text == "Rebate notice\n\nBody text."
    assert "\ufeff" not in result.text


@pytest.mark.parametrize("sample", [CHINESE, "纺织品出口"])
def test_gb18030_chinese(tmp_path: Path, sample: str) -> None:
    path = write(tmp_path, "notice.txt", sample.encode("gb18030"))
    assert extract(path, LIMIT).text == sample


def test_gbk_chinese_in_markdown(tmp_path: Path) -> None:
    path = write(tmp_path, "notice.md", ("# " + CHINESE).encode("gbk"))
    assert extract(path, LIMIT).text.startswith("关于进一步做好纺织服装出口退税工作的通知")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    raw = "Cotton quota notice\n\n棉花配额".encode(codec)
    if codec == "utf-16-be":
        raw = b"\xfe\xff" + raw
    path = write(tmp_path, "a.txt", raw)
    assert extract(path, LIMIT).text == "Cotton quota notice\n\n棉花配额"


def test_gb18030_html_page(tmp_path: Path) -> None:
    html = f"<html><head><title>纺织通知</title></head><body><p>{CHINESE}</p></body></html>"
    path = write(tmp_path, "page.htm", html.encode("gb18030"))
    result = extract(path, LIMIT)
    assert "各省、自治区、直辖市商务主管部门" in result.text
    assert result.title == "纺织通知"


# --- front matter and markdown ----------------------------------------------------------------


def test_front_matter_is_parsed_and_removed(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Cotton Quota Notice\ndate: 2022-03-01\nlink: https://example.org/q\n"
        "issued_by: Ministry of Commerce\n---\nQuotas are allocated to mills.\n"
    )
    result = extract(write(tmp_path, "q.txt", text), LIMIT)
    assert result.text == "Quotas are allocated to mills."
    assert result.title == "Cotton Quota Notice"
    assert result.date == "2022-03-01"
    assert result.url == "https://example.org/q"
    assert result.issuer == "Ministry of Commerce"
    assert result.needs_cleaning is True


def test_front_matter_string_date_and_publisher_alias(tmp_path: Path) -> None:
    text = "---\ntitle: 'X'\ndate: 16 September 2021\npublisher: CNTAC\n---\n\nBody.\n"
    result = extract(write(tmp_path, "x.md", text), LIMIT)
    assert (result.date, result.issuer, result.text) == ("2021-09-16", "CNTAC", "Body.")


def test_dashes_that_are_not_yaml_stay_in_text(tmp_path: Path) -> None:
    text = "---\n: not [yaml\n---\nBody."
    result = extract(write(tmp_path, "x.txt", text), LIMIT)
    assert result.title is None
    assert "Body." in result.text and "not [yaml" in result.text


def test_markdown_is_turned_into_plain_text(tmp_path: Path) -> None:
    md = (
        "# Export *rebates* guide\n\n"
        "Read the **official** [notice](https://example.org/n) and _the_ ![chart](c.png) now.\n"
        "Keep snake_case_names and `inline **code**` intact.\n\n"
        "```\nrate = 0.13  # **not emphasis**\n```\n\n"
        "> Quoted ~~old~~ rule.\n"
    )
    text = extract(write(tmp_path, "g.md", md), LIMIT).text
    assert text.startswith("Export rebates guide\n\n")
    assert "Read the official notice and the chart now." in text
    assert "snake_case_names" in text and "inline **code**" in text
    assert "rate = 0.13 # **not emphasis**" in text  # verbatim but for spacing (one space, as everywhere)
    assert "Quoted old rule." in text
    for leftover in ("#", "](", "```", "> "):
        assert leftover not in text.replace("# **not", "")


# --- HTML -------------------------------------------------------------------------------------


def test_html_main_text_and_metadata() -> None:
    result = extract(DATA / "page.html", LIMIT)
    assert "rebate rate for cotton yarn is raised to 13 percent" in result.text
    assert "<script>alert(1)</script>" in result.text
    for hidden in ("SCRIPT_SECRET", "STYLE_SECRET", "tracking", "About us", "All rights reserved"):
        assert hidden not in result.text
    assert "Woven fabric" in result.text
    assert result.title == "Notice on Export Tax Rebates for Textiles"
    assert result.date == "2021-09-16"
    assert result.issuer == "China National Textile and Apparel Council"
    assert result.url == "https://www.example.org/news/rebates-2021"
    assert result.needs_cleaning is True  # chrome that trafilatura keeps goes by the text rules
    assert "\n\n" in result.text
    # What trafilatura left out is named, so no visible line goes unreported (never the scripts).
    assert result.removed == (
        ("outside_main_content", "Home | News | About us"),
        ("outside_main_content", "Copyright 2021 CNTAC. All rights reserved. Contact: webmaster@example.org"))


def test_html_title_tag_fallback(tmp_path: Path) -> None:
    html = "<html><head><title>Dyeing Effluent Rules</title></head><body><p>Limits apply.</p>"
    result = extract(write(tmp_path, "d.html", html), LIMIT)
    assert result.title == "Dyeing Effluent Rules"
    assert "Limits apply." in result.text


def test_html_date_in_markup_not_body(tmp_path: Path) -> None:
    body = "<p>The new rebate rate applies from 1 October 2021 to all cotton yarn exports.</p>"
    plain = extract(write(tmp_path, "a.html", f"<html><body>{body}</body></html>"), LIMIT)
    assert plain.date is None
    stamped = f'<html><head><meta name="dc.date" content="2021/09/20"></head><body>{body}</body>'
    assert extract(write(tmp_path, "b.html", stamped), LIMIT).date == "2021-09-20"


def test_html_body_fallback_when_trafilatura_finds_nothing(monkeypatch) -> None:
    import indexer.documents.formats.html as html_module

    monkeypatch.setattr(html_module.trafilatura, "extract", lambda *a, **k: None)
    result = extract(DATA / "page.html", LIMIT)
    assert "Exporters should apply to their local tax bureau" in result.text
    assert "<script>alert(1)</script>" in result.text
    assert "Cotton yarn | 13%" in result.text
    for hidden in ("SCRIPT_SECRET", "STYLE_SECRET", "About us", "All rights reserved"):
        assert hidden not in result.text


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_pages_have_right_numbers_and_offsets() -> None:
    result = extract(DATA / "two_pages.pdf", LIMIT)
    assert [number for _, number in result.pages] == [1, 2]
    second = result.pages[1][0]
    assert result.text[second:].startswith("Second page: application procedure")
    assert result.text[: second].rstrip().endswith("raised to 13 percent.")
    assert result.pages[0] == (0, 1)


def test_pdf_info_metadata() -> None:
    result = extract(DATA / "two_pages.pdf", LIMIT)
    assert result.title == "Notice on Export Tax Rebates"
    assert result.issuer == "China National Textile and Apparel Council"
    assert result.date == "2021-09-16"


def test_encrypted_pdf_is_reported() -> None:
    with pytest.raises(DocumentError, match="encrypted PDF"):
        extract(DATA / "encrypted.pdf", LIMIT)


def test_encrypted_pdf_with_empty_user_password_is_read() -> None:
    result = extract(DATA / "encrypted_no_password.pdf", LIMIT)
    assert "Exporters apply to the local tax bureau" in result.text


def test_truncated_pdf_is_corrupted(tmp_path: Path) -> None:
    data = (DATA / "two_pages.pdf").read_bytes()
    path = write(tmp_path, "cut.pdf", data[: len(data) // 2])
    with pytest.raises(DocumentError, match="corrupted PDF"):
        extract(path, LIMIT)


def test_scanned_pdf_without_text() -> None:
    with pytest.raises(DocumentError, match=r"no extractable text \(scanned PDF\?\)"):
        extract(DATA / "scanned.pdf", LIMIT)


def test_pdf_library_crash_becomes_document_error(monkeypatch) -> None:
    import indexer.documents.formats.pdf as pdf_module

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom inside pypdf")

    monkeypatch.setattr(pdf_module, "PdfReader", explode)
    with pytest.raises(DocumentError, match="boom inside pypdf"):
        extract(DATA / "two_pages.pdf", LIMIT)


# --- DOCX -------------------------------------------------------------------------------------


def test_docx_text_table_and_properties() -> None:
    result = extract(DATA / "policy.docx", LIMIT)
    assert result.text.split("\n\n") == [
        "Cotton Import Quota Guidelines",
        "Quotas are allocated to spinning mills by the Ministry of Commerce.",
        "Product | Quota (tonnes)\nCotton | 894000\nSliver | 12000",
        "Applications close on 30 November.",
    ]
    assert result.title == "Cotton Import Quota Guidelines 2022"
    assert result.issuer == "National Development and Reform Commission"
    assert result.date == "2022-03-01"
    assert result.pages == ()


def test_corrupt_docx(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.docx", random.Random(1).randbytes(2000))
    with pytest.raises(DocumentError, match="DOCX"):
        extract(path, LIMIT)


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    with pytest.raises(DocumentError, match="DOCX"):
        extract(write(tmp_path, "zip.docx", buffer.getvalue()), LIMIT)


# --- failures common to all formats ------------------------------------------------------------


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + random.Random(0).randbytes(3000)


@pytest.mark.parametrize(
    "content",
    [PNG, bytes(200) + b"abc" * 100, b"\x01\x02\x03\x04hello" * 200],
    ids=["png", "nul-padded", "control-heavy-utf8"],
)
def test_binary_renamed_to_txt(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(DocumentError, match="binary content"):
        extract(write(tmp_path, "image.txt", content), LIMIT)


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(DocumentError, match="empty document"):
        extract(write(tmp_path, "empty.txt", content), LIMIT)


def test_front_matter_only_is_empty(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="empty document"):
        extract(write(tmp_path, "fm.md", "---\ntitle: Nothing\n---\n\n"), LIMIT)


def test_oversize_file(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "x" * 101)
    with pytest.raises(DocumentError, match="file too large: 101 bytes > 100"):
        extract(path, 100)
    assert extract(path, 101).text == "x" * 101


@pytest.mark.parametrize("name", ["sheet.xyz", "report.doc", "README", "a.meta.json"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, "some text")
    with pytest.raises(DocumentError, match="unsupported file type"):
        extract(path, LIMIT)


def test_missing_file_is_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="cannot read file"):
        extract(tmp_path / "gone.txt", LIMIT)


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}
    assert isinstance(SUPPORTED_SUFFIXES, frozenset)

def test_suffix_case_is_ignored(tmp_path: Path) -> None:
    assert extract(write(tmp_path, "NOTE.TXT", "Hello."), LIMIT).text == "Hello."


# --- sidecars ---------------------------------------------------------------------------------


def test_sidecar_full_name(tmp_path: Path) -> None:
    doc = write(tmp_path, "report.pdf", b"%PDF-")
    meta = {"title": "Better Title", "date": "2021/09/16", "url": "https://e.org/r",
            "publisher": "CNTAC", "source": "CNTAC website", "ignored": 1}
    write(tmp_path, "report.pdf.meta.json", json.dumps(meta))
    assert read_sidecar(doc) == {
        "title": "Better Title", "date": "2021-09-16", "url": "https://e.org/r",
        "issuer": "CNTAC", "source": "CNTAC website",
    }


def test_sidecar_stem_name_and_null(tmp_path: Path) -> None:
    doc = write(tmp_path, "report.pdf", b"%PDF-")
    write(tmp_path, "report.meta.json", '{"title": "Stem Title", "issuer": null}')
    assert read_sidecar(doc) == {"title": "Stem Title", "issuer": None}


def test_sidecar_exact_name_wins(tmp_path: Path) -> None:
    doc = write(tmp_path, "report.pdf", b"%PDF-")
    write(tmp_path, "report.meta.json", '{"title": "Stem"}')
    write(tmp_path, "report.pdf.meta.json", '{"title": "Exact"}')
    assert read_sidecar(doc) == {"title": "Exact"}


def test_sidecar_absent(tmp_path: Path) -> None:
    assert read_sidecar(write(tmp_path, "a.txt", "x")) == {}


@pytest.mark.parametrize("content", ["{not json", "[1, 2]"])
def test_sidecar_invalid(tmp_path: Path, content: str) -> None:
    doc = write(tmp_path, "a.txt", "x")
    write(tmp_path, "a.txt.meta.json", content)
    with pytest.raises(DocumentError, match="sidecar"):
        read_sidecar(doc)


def test_is_sidecar() -> None:
    assert is_sidecar(Path("corpus/report.pdf.meta.json"))
    assert is_sidecar(Path("corpus/report.META.JSON"))
    assert not is_sidecar(Path("corpus/report.pdf"))
    assert not is_sidecar(Path("corpus/meta.json"))


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2021, 9, 16), "2021-09-16"),
        ("2021-09-16T08:00:00+08:00", "2021-09-16"),
        ("D:20210916093000+08'00'", "2021-09-16"),
        ("2021年9月16日", "2021-09-16"),
        ("September 16, 2021", "2021-09-16"),
        ("16 Sept 2021", "2021-09-16"),
        ("16.09.2021", "2021-09-16"),
        ("2021-02-30", None),
        ("soon", None),
        (None, None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_a_big5_notice_is_read_as_big5_not_as_gb18030(tmp_path) -> None:
    from indexer.documents.formats.encoding import decode_bytes

    text = ("工業貿易署\n「中小企業市場推廣基金」申請須知\n\n致各香港企業：\n\n「中小企業市場推廣基金」（下稱「基金」）"
            "旨在資助企業參與出口推廣活動，協助其開拓香港境外市場。每家企業的累計資助上限為100萬港元。")
    assert decode_bytes(text.encode("big5")) == text
    simplified = "中小企业市场推广基金旨在资助企业参与出口推广活动，协助其开拓境外市场。每家企业累计资助上限为100万元。"
    assert decode_bytes(simplified.encode("gb18030")) == simplified
