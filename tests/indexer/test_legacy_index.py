"""An index written before the package reshaping (tests/data/legacy_index, built by commit 41a3bdf
with the fake encoder over tests/data/small_corpus) still loads, answers and is updated in place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bot.answering.retrieve import Retriever
from core.records import meta_fields
from core.settings import Settings
from indexer.build import build_index
from indexer.store.index_dir import load_index
from tests.conftest import DATA

LEGACY = DATA / "legacy_index"


def test_legacy_index_loads_with_its_metadata_and_bm25(fake_encoder) -> None:
    data = load_index(LEGACY)
    lines = [json.loads(line) for line in (LEGACY / "chunks.jsonl").read_text().splitlines()]
    assert [c.chunk_id for c in data.chunks] == [row["chunk_id"] for row in lines]
    for chunk, row in zip(data.chunks, lines, strict=True):
        # Fields added since (doc_number, effective_date, ...) read as None.
        assert chunk.meta_dict() == {name: row.get(name) for name in meta_fields()}
        assert list(chunk.sentences) == row["sentences"]
    assert data.lexical is not None and data.manifest["model"] == "fake"
    question = "How many textile clusters are there?"
    hits = Retriever(data).search(fake_encoder.encode_queries([question])[0], question, 3)
    assert data.chunks[hits[0].row].doc_id == "clusters"


def test_building_over_a_legacy_index_reuses_its_vectors(tmp_path: Path, small_corpus: Path, fake_encoder,
                                                         monkeypatch) -> None:
    # The fixture was cleaned and chunked by pipeline version 1; its vectors are reusable under it
    # (a later version re-embeds every document by design).
    monkeypatch.setattr("indexer.load.PIPELINE_VERSION", "1")
    index = tmp_path / "index"
    shutil.copytree(LEGACY, index)
    settings = Settings(corpus=small_corpus, index=index, model="fake")
    report = build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
    assert report.ok and report.unchanged == 3 and report.embedded_chunks == 0
    assert [c.chunk_id for c in load_index(index).chunks] == [c.chunk_id for c in load_index(LEGACY).chunks]
