"""Limits past the readers: cleaning cost, metadata length, text length and chunk count as
load_document and build_index apply them (fake encoder: nothing here needs the model)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from core.errors import DocumentError
from core.settings import Settings
from indexer.build import build_index
from indexer.documents.limits import Limits
from indexer.load import load_document
from indexer.store.index_dir import load_index


def write(tmp_path: Path, name: str, data: str) -> Path:
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    return path


# --- cleaning and metadata heuristics on long inputs ------------------------------------------


@pytest.mark.parametrize("unit, count", [("short line\n", 5_000), ("Posted on: ", 8_000)])
def test_cleaning_is_not_quadratic(tmp_path: Path, unit: str, count: int) -> None:
    """Before: 4,000 wrapped lines took 9.6 s to clean; 2,000 labels took 1.2 s to date."""
    path = write(tmp_path, "wrapped.txt", "Heading\n\n" + unit * count + "\n\nThe end of the notice.")
    started = time.perf_counter()
    try:
        load_document(path, "wrapped", path.name, Limits())
    except DocumentError:
        pass  # all boilerplate is a fine outcome; the time is what is tested
    assert time.perf_counter() - started < 3


# --- metadata values, chunks (build_index) -----------------------------------------------------


def test_metadata_values_are_cut_in_one_place(tmp_path: Path) -> None:
    """Front matter, sidecar and reader values alike; ``source`` (the file name) is never cut."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    issuer = "Ministry " * 300
    (corpus / "notice.md").write_text(f"---\nissuer: {issuer}\nurl: https://x.org/{'a' * 900}\n---\n\n"
                                      + "Exporters may claim a rebate of the tax paid. " * 5)
    (corpus / "notice.md.meta.json").write_text('{"title": "%s"}' % ("Rebate notice " * 100))
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake", max_metadata_chars=50)
    doc = load_document(corpus / "notice.md", "notice", "notice.md", Limits.of(settings))
    assert doc.title.startswith("Rebate notice") and len(doc.title) <= 50
    assert doc.issuer.startswith("Ministry") and len(doc.issuer) <= 50
    assert len(doc.url) <= 50 and doc.source == "notice.md"


def test_metadata_cap_reaches_the_index(tmp_path: Path, fake_encoder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notice.md").write_text(f"---\ntitle: {'Rebates ' * 200}\n---\n\n" + "Exporters claim a rebate. " * 5)
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake", max_metadata_chars=40)
    assert build_index(settings.corpus, settings.index, settings, lambda: fake_encoder).ok
    assert len(load_index(settings.index).documents["notice"]["title"]) <= 40


def test_document_over_the_character_limit_is_skipped_by_build(tmp_path: Path, fake_encoder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "short.txt").write_text("Exporters claim a rebate of the value-added tax.\n")
    (corpus / "long.txt").write_text("Exporters claim a rebate of the value-added tax. " * 100)
    settings = Settings(corpus=corpus, index=tmp_path / "index", model="fake", max_document_chars=1_000)
    report = build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
    assert report.added == ["short"]
    assert [(s.file, s.reason) for s in report.skipped] == [
        ("long.txt", "document text has more than 1000 characters (POLICYBOT_MAX_DOCUMENT_CHARS)")]


@pytest.mark.parametrize("paragraphs", [8, 400])  # just over the cap (counted), far over (estimated)
def test_chunk_cap_refuses_before_embedding_and_keeps_the_previous_version(
        small_corpus: Path, tmp_path: Path, fake_encoder, paragraphs: int) -> None:
    settings = Settings(corpus=small_corpus, index=tmp_path / "index", model="fake", max_chunks_per_document=5)
    assert build_index(settings.corpus, settings.index, settings, lambda: fake_encoder).ok
    before = [c.text for c in load_index(settings.index).chunks if c.doc_id == "loans"]
    paragraph = " ".join(f"Ruifeng Bank offers export loan number {i} to textile firms." for i in range(12))
    (small_corpus / "loans.txt").write_text("Loans\n\n" + "\n\n".join([paragraph] * paragraphs) + "\n")
    fake_encoder.encoded.clear()
    report = build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
    assert [(s.file, s.reason, s.kept_previous) for s in report.skipped] == [
        ("loans.txt", "document needs more than 5 chunks (POLICYBOT_MAX_CHUNKS_PER_DOCUMENT)", True)]
    assert fake_encoder.encoded == []
    assert [c.text for c in load_index(settings.index).chunks if c.doc_id == "loans"] == before
