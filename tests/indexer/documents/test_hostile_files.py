"""The hostile corpus (tests/data/hostile, made by its make_fixtures.py): each file is read, cleaned of
what it may not show, or refused with a reason; none stalls or crashes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bench import notice_set
from core.errors import DocumentError
from indexer.documents.fields import checked_fields
from indexer.documents.formats import extract
from indexer.documents.formats.encoding import decode_bytes
from indexer.documents.limits import Limits
from indexer.documents.lines import INVISIBLE
from indexer.load import load_document

HOSTILE = Path(__file__).resolve().parents[2] / "data" / "hostile"


def load(name: str, folder: Path = HOSTILE):
    path = folder / name
    return load_document(path, path.stem, name, Limits())


@pytest.mark.parametrize(("name", "reason"), [
    ("surrogate_front_matter.md", "metadata field 'title' holds a lone surrogate (U+D800)"),
    ("surrogate_sidecar.txt", "metadata field 'title' holds a lone surrogate (U+D800)"),
    ("control_sidecar.txt", "metadata field 'issuer' holds a control character (U+0007)"),
    ("locked_password.pdf", "encrypted PDF: a password is needed to open it"),
    ("deep.html", "HTML nests elements 256 or more levels deep"),
])
def test_a_file_that_cannot_be_kept_is_refused_with_its_reason(name: str, reason: str) -> None:
    with pytest.raises(DocumentError) as refused:
        load(name)
    message = str(refused.value)
    assert reason in message
    message.encode("utf-8")  # a reason can always be written out (no lone surrogate in it)
    assert str(HOSTILE) not in message


def test_lines_that_stalled_the_cleaner_are_read_in_linear_time() -> None:
    started = time.thread_time()
    doc = load("redos_lines.txt")
    table = load("redos_table.md")
    assert time.thread_time() - started < 2.0
    assert "联系人：周立航" in doc.text and "2025-01-01 x" in doc.text
    assert ("decoration", ":" * 40_000 + "x") in doc.removed  # not "no_content": the x is seen
    assert "Exporters receive half of the booth fee" in table.text


def test_a_link_that_is_not_http_is_dropped_with_a_note() -> None:
    doc = load("javascript_url.md")
    assert doc.url is None
    assert doc.notes == ("url dropped: only http(s) links are kept ('javascript' link)",)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "//evil.example/x",
                                 "https://", "http://exa mple.org", "https://example.org/\u202ex"])
def test_only_absolute_http_links_are_kept(url: str) -> None:
    fields, notes = checked_fields({"url": url, "title": "t"})
    assert fields["url"] is None and len(notes) == 1
    assert checked_fields({"url": "https://www.gov.cn/zhengce/x.htm"})[0]["url"] == "https://www.gov.cn/zhengce/x.htm"


def test_display_controls_are_stripped_from_titles_issuers_and_numbers() -> None:
    doc = load("bidi_title.md")
    assert (doc.title, doc.issuer, doc.doc_number) == ("知通的助补会展", "柯桥区商务局", "柯商发〔2025〕6号")
    for value in (doc.title, doc.issuer, doc.doc_number):
        assert not set(value) & set(INVISIBLE)


@pytest.mark.parametrize("name", ["locked_aes256_empty.pdf", "locked_aes128_empty.pdf"])
def test_a_pdf_locked_with_an_empty_user_password_is_read(name: str) -> None:
    result = extract(HOSTILE / name, Limits())
    assert "Contact: Zhou Lihang, tel. 0575-84120001" in result.text


def test_the_big5_fixture_is_read_as_big5() -> None:
    doc = load("big5_notice.txt")
    assert "聯絡人：黃志明" in doc.text
    assert (doc.issuer, doc.date) == ("勞動部", "2026-01-23")


LEGACY_ENCODED = [n.doc for n in notice_set.notices().values() if n.meta["encoding"] in ("big5", "gb18030")]


@pytest.mark.parametrize("doc", LEGACY_ENCODED)
def test_the_development_notices_in_big5_and_gb18030_decode_as_written(doc: str) -> None:
    notice = notice_set.notices()[doc]
    data = notice.path.read_bytes()
    assert decode_bytes(data) == data.decode(notice.meta["encoding"])


def test_short_chinese_text_is_not_read_as_another_script() -> None:
    """A few characters of GB text are guessed as UTF-16 or Shift-JIS by the detector; Big5 stays
    Big5 even when it also decodes as GB18030."""
    for text in ("关于做好稳岗返还工作的通知", "各有关单位：现将有关事项通知如下"):
        assert decode_bytes(text.encode("gb18030")) == text
    for text in ("勞動部公告延長辦理僱用安定措施", "中小企業市場推廣基金申請須知"):
        data = text.encode("big5")
        assert data.decode("gb18030") != text  # it decodes as GB18030 too, into nonsense
        assert decode_bytes(data) == text


def test_a_file_name_that_is_not_utf8_is_a_reported_skip(tmp_path: Path, fake_encoder) -> None:
    from core.settings import Settings
    from indexer.build import build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notice.txt").write_text("The bureau pays half of the booth fee for each exporter.", encoding="utf-8")
    bad = corpus / "caf\udce9.txt"  # the bytes b"caf\xe9.txt": Latin-1 on disk
    bad.write_text("The bureau pays half of the booth fee.", encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    report = build_index(corpus, settings.index, settings, lambda: fake_encoder)
    assert report.documents == 1
    assert [(s.file, s.reason) for s in report.skipped] == [
        ("caf\\xe9.txt", "the file name is not valid UTF-8: rename the file")]
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")
