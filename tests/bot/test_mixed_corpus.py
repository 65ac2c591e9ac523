"""Real model on a corpus of every supported format, Chinese included, and the documents API."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.server import create_app
from core.settings import Settings
from indexer.build import build_index
from indexer.embed.factory import EncoderSpec, get_encoder
from tests.conftest import DATA

pytestmark = pytest.mark.e2e  # the real model and a real index

KEY = "test-admin-key"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Settings]]:
    base = tmp_path_factory.mktemp("mixed")
    corpus = base / "corpus"
    shutil.copytree(DATA / "small_corpus", corpus)
    for name in ("two_pages.pdf", "policy.docx", "page.html"):
        shutil.copy(DATA / "formats" / name, corpus / name)
    zh = (DATA / "clean" / "zh_policy.txt").read_text(encoding="utf-8")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "zh_policy.txt").write_bytes(zh.encode("gb18030"))
    settings = Settings(corpus=corpus, index=base / "index", admin_keys=[KEY])
    report = build_index(corpus, settings.index, settings, lambda: get_encoder(EncoderSpec.of(settings)))
    assert report.ok, report.skipped
    with TestClient(create_app(settings)) as client:
        yield client, settings


def ask(client: TestClient, question: str, **extra) -> dict:
    r = client.post("/api/ask", json={"question": question, **extra})
    assert r.status_code == 200, r.text
    return r.json()


def test_every_format_is_indexed_with_its_metadata(mixed):
    client, _ = mixed
    docs = {d["doc_id"]: d for d in client.get("/api/documents").json()}
    assert set(docs) == {"loans", "clusters", "customs", "two_pages", "policy", "page", "zh_policy"}
    assert docs["customs"]["title"] == "Customs support for the pilot"
    assert docs["customs"]["date"] == "2021-09-16"
    assert docs["zh_policy"]["date"] == "2021-09-16"
    assert docs["zh_policy"]["source"] == "sub/zh_policy.txt"
    assert docs["policy"]["title"] == "Cotton Import Quota Guidelines 2022"


def test_chinese_question_finds_chinese_document(mixed):
    client, _ = mixed
    body = ask(client, "鼓励银行增加小微企业信贷投放的融资支持措施是什么？")
    assert not body["abstained"]
    assert body["citations"][0]["doc_id"] == "zh_policy"
    assert "信贷投放" in body["answer"]
    assert all("版权所有" not in c["text"] and "相关阅读" not in c["text"] for c in body["citations"])


def test_pdf_citation_carries_its_page_and_issuer(mixed):
    client, _ = mixed
    body = ask(client, "Within how many days must exporters apply to the local tax bureau?",
               doc_ids=["two_pages"])
    top = body["citations"][0]
    assert top["page"] == 2 and "90 days" in top["text"]
    assert top["issuer"] == "China National Textile and Apparel Council"


def test_html_citation_carries_url_and_markup_stays_text(mixed):
    client, _ = mixed
    body = ask(client, "What must web editors escape?", doc_ids=["page"])
    top = body["citations"][0]
    assert top["url"] == "https://www.example.org/news/rebates-2021"
    assert "<script>alert(1)</script>" in top["text"]


def test_filters(mixed):
    client, _ = mixed
    body = ask(client, "cotton", doc_ids=["policy"])
    assert {c["doc_id"] for c in body["citations"]} <= {"policy"}
    dated = ask(client, "Ruifeng Bank market procurement loan", date_from="2022-01-01")
    assert {c["doc_id"] for c in dated["citations"]} <= {"loans", "policy"}
    none = ask(client, "Ruifeng Bank market procurement loan", date_from="2030-01-01")
    assert none["abstained"] and none["citations"] == []
    r = client.post("/api/ask", json={"question": "loans", "doc_ids": ["no-such-doc"]})
    assert r.status_code == 422 and "no-such-doc" in r.json()["detail"]
    r = client.post("/api/ask", json={"question": "loans", "date_from": "2022-02-30"})
    assert r.status_code == 422
    r = client.post("/api/ask", json={"question": "loans", "date_from": "2023-01-01",
                                      "date_to": "2022-01-01"})
    assert r.status_code == 422


def test_document_detail_and_404(mixed):
    client, _ = mixed
    doc = client.get("/api/documents/two_pages").json()
    assert doc["chunks"] == len(doc["passages"]) >= 1
    assert client.get("/api/documents/nope").status_code == 404


def test_writes_need_the_admin_key(mixed):
    client, _ = mixed
    files = {"file": ("new.txt", b"New policy\n\nA new policy text.\n", "text/plain")}
    assert client.post("/api/documents", files=files).status_code == 401
    bad = client.post("/api/documents", files=files, headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 403
    assert client.delete("/api/documents/loans").status_code == 401


def test_upload_and_delete_change_the_next_answer(mixed):
    client, settings = mixed
    auth = {"Authorization": f"Bearer {KEY}"}
    question = "Which agency certifies organic silk exports from Hangzhou?"
    text = ("Organic silk certification\n\nThe Hangzhou Silk Inspection Bureau certifies organic "
            "silk exports from Hangzhou under the new green label scheme.\n")
    r = client.post("/api/documents", headers=auth,
                    files={"file": ("silk.txt", text.encode(), "text/plain")})
    assert r.status_code == 201, r.text
    assert r.json()["doc_id"] == "silk"
    body = ask(client, question)
    assert not body["abstained"] and body["citations"][0]["doc_id"] == "silk"

    r = client.delete("/api/documents/silk", headers=auth)
    assert r.status_code == 200
    assert not (settings.corpus / "silk.txt").exists()
    body = ask(client, question)
    assert body["abstained"] or all(c["doc_id"] != "silk" for c in body["citations"])
    assert client.delete("/api/documents/silk", headers=auth).status_code == 404


def test_bad_uploads_are_refused_and_lose_nothing(mixed):
    client, settings = mixed
    auth = {"Authorization": f"Bearer {KEY}"}
    before = client.get("/api/health").json()["chunks"]
    r = client.post("/api/documents", headers=auth, files={"file": ("x.exe", b"MZ..", "x")})
    assert r.status_code == 422 and "unsupported" in r.json()["detail"]
    r = client.post("/api/documents", headers=auth,
                    files={"file": ("broken.pdf", b"%PDF-1.4 garbage", "application/pdf")})
    assert r.status_code == 422
    assert not (settings.corpus / "broken.pdf").exists()
    big = b"a " * (settings.max_upload_bytes // 2 + 1)
    r = client.post("/api/documents", headers=auth, files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413
    r = client.post("/api/documents", headers=auth,
                    files={"file": ("../../escape.txt", b"Escape\n\nTrying to leave the corpus.\n",
                                    "text/plain")})
    assert r.status_code == 201 and r.json()["file"] == "escape.txt"
    assert (settings.corpus / "escape.txt").exists()
    client.delete("/api/documents/escape", headers=auth)
    assert client.get("/api/health").json()["chunks"] == before


def test_writes_disabled_without_configured_keys(tmp_path):
    settings = Settings(corpus=tmp_path / "c", index=tmp_path / "i")
    with TestClient(create_app(settings)) as client:
        r = client.post("/api/documents", headers={"Authorization": "Bearer x"},
                        files={"file": ("a.txt", b"a", "text/plain")})
        assert r.status_code == 403 and "disabled" in r.json()["detail"]
