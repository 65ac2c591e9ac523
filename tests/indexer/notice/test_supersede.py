"""superseded_by across the collection, kept right by incremental builds (indexer.notice.supersede)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from core.settings import Settings
from indexer.build import build_index
from indexer.notice.record import METADATA_VERSION
from indexer.notice.supersede import link_documents, number_key
from indexer.store.index_dir import load_index
from tests.conftest import DATA

POLICY = DATA / "policy_corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copytree(POLICY, tmp_path / "corpus")
    return tmp_path / "corpus"


def build(corpus: Path, index: Path, encoder) -> dict:
    settings = Settings(corpus=corpus, index=index, model="fake")
    report = build_index(corpus, index, settings, lambda: encoder)
    assert report.ok, report
    return report.to_dict()


def test_every_replaced_notice_names_its_successor(corpus: Path, tmp_path: Path, fake_encoder) -> None:
    build(corpus, tmp_path / "index", fake_encoder)
    docs = load_index(tmp_path / "index").documents
    assert {d: e["superseded_by"] for d, e in docs.items()} == {
        "exhibition_2021": None, "keqiao_2025": None, "subsidy_2022": "subsidy_2024",
        "subsidy_2024": None, "zj_2023": "zj_2025", "zj_2025": None}


def test_adding_then_removing_the_successor_relinks_without_re_embedding(corpus: Path, tmp_path: Path,
                                                                         fake_encoder) -> None:
    new = corpus / "subsidy_2024.txt"
    text = new.read_text(encoding="utf-8")
    new.unlink()
    build(corpus, tmp_path / "index", fake_encoder)
    assert load_index(tmp_path / "index").documents["subsidy_2022"]["superseded_by"] is None
    new.write_text(text, encoding="utf-8")
    report = build(corpus, tmp_path / "index", fake_encoder)
    assert report["added"] == ["subsidy_2024"] and report["unchanged"] == 5
    data = load_index(tmp_path / "index")
    assert data.documents["subsidy_2022"]["superseded_by"] == "subsidy_2024"
    new.unlink()
    build(corpus, tmp_path / "index", fake_encoder)
    assert load_index(tmp_path / "index").documents["subsidy_2022"]["superseded_by"] is None


def test_a_sidecar_declares_the_successor_by_id_or_number(corpus: Path, tmp_path: Path, fake_encoder) -> None:
    (corpus / "exhibition_2021.meta.json").write_text('{"superseded_by": "浙商务发〔2025〕第3号"}', encoding="utf-8")
    (corpus / "zj_2023.meta.json").write_text('{"superseded_by": "keqiao_2025"}', encoding="utf-8")
    build(corpus, tmp_path / "index", fake_encoder)
    docs = load_index(tmp_path / "index").documents
    assert docs["exhibition_2021"]["superseded_by"] == "zj_2025"
    assert docs["zj_2023"]["superseded_by"] == "keqiao_2025"


def test_a_sidecar_null_clears_a_link_and_a_field(corpus: Path, tmp_path: Path, fake_encoder) -> None:
    (corpus / "subsidy_2022.meta.json").write_text('{"superseded_by": null, "effective_date": null}',
                                                   encoding="utf-8")
    build(corpus, tmp_path / "index", fake_encoder)
    docs = load_index(tmp_path / "index").documents
    assert docs["subsidy_2022"]["superseded_by"] is None and docs["subsidy_2022"]["effective_date"] is None
    assert docs["subsidy_2022"]["doc_number"] == "Shao Shang [2022] No. 15"
    assert docs["zj_2023"]["superseded_by"] == "zj_2025"


def test_an_index_from_an_older_extractor_gets_new_metadata_and_keeps_its_vectors(
        corpus: Path, tmp_path: Path, fake_encoder) -> None:
    index = tmp_path / "index"
    build(corpus, index, fake_encoder)
    # Make the live index look like one written before these fields existed.
    live = index.resolve()
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    manifest.pop("metadata_version")
    for entry in manifest["documents"].values():
        for name in ("doc_number", "effective_date", "expiry_date", "superseded_by", "links"):
            entry.pop(name)
    (live / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    fake_encoder.encoded.clear()
    report = build(corpus, index, fake_encoder)
    assert report["written"] and report["embedded_chunks"] == 0 and report["unchanged"] == 6
    data = load_index(index)
    assert data.manifest["metadata_version"] == METADATA_VERSION
    assert data.documents["subsidy_2022"]["superseded_by"] == "subsidy_2024"
    assert data.documents["keqiao_2025"]["expiry_date"] == "2028-01-31"
    assert {c.doc_number for c in data.chunks if c.doc_id == "keqiao_2025"} == {"柯政发〔2025〕8号"}
    assert fake_encoder.encoded == []


def test_a_replacement_never_points_at_itself_or_at_a_newer_document() -> None:
    docs = {
        "a": {"title": "关于支持展会的通知", "date": "2023-01-01", "links": {"replaces": ["关于支持展会的通知"]}},
        "b": {"title": "关于支持展会的通知", "date": "2025-01-01", "links": {"replaces": ["关于支持展会的通知"]}},
    }
    link_documents(docs)
    assert docs["a"]["superseded_by"] == "b" and docs["b"]["superseded_by"] is None


def test_two_documents_replacing_each_other_replace_neither() -> None:
    docs = {"a": {"doc_number": "A [2024] No. 1", "date": "2024-01-01", "links": {"replaces": ["B [2024] No. 2"]}},
            "b": {"doc_number": "B [2024] No. 2", "date": "2024-01-01", "links": {"replaces": ["A [2024] No. 1"]}}}
    link_documents(docs)
    assert docs["a"]["superseded_by"] is None and docs["b"]["superseded_by"] is None


def test_a_number_with_text_clinging_to_it_still_links() -> None:
    docs = {"old": {"doc_number": "浙商务发［2023］12号", "date": "2023-03-01"},
            "new": {"date": "2025-02-10", "links": {"replaces": ["后原浙商务发〔2023〕12号"]}},
            "other": {"doc_number": "浙商务发〔2023〕2号", "date": "2023-01-01"}}
    link_documents(docs)
    assert docs["old"]["superseded_by"] == "new" and docs["other"]["superseded_by"] is None


def test_number_keys_ignore_bracket_style_spacing_and_padding() -> None:
    assert number_key("浙商务发［2023］第012号") == number_key("浙商务发〔2023〕12号")
    assert number_key("Shao Shang [2022] No. 15") == number_key("Shao Shang［2022］No.15")
    assert number_key("Shao Shang [2022] No. 15") != number_key("Shao Shang [2022] No. 16")
