"""Incremental, crash-safe indexing, with a fake encoder (the model does not matter here)."""

import subprocess
from pathlib import Path

import pytest

from core.errors import IndexWriteError
from core.settings import Settings
from indexer.build import build_index
from indexer.store import index_dir
from indexer.store.index_dir import current_version, load_index


def settings_for(corpus: Path, tmp_path: Path) -> Settings:
    return Settings(corpus=corpus, index=tmp_path / "idx" / "index", model="fake")


def test_first_build_then_nothing_to_do(small_corpus, tmp_path, fake_encoder):
    s = settings_for(small_corpus, tmp_path)
    first = build_index(s.corpus, s.index, s, lambda: fake_encoder)
    assert first.ok and first.written
    assert sorted(first.added) == ["clusters", "customs", "loans"]
    assert first.embedded_chunks == first.chunks > 0
    version = current_version(s.index)

    fake_encoder.encoded.clear()
    second = build_index(s.corpus, s.index, s, lambda: fake_encoder)
    assert second.unchanged == 3 and second.embedded_chunks == 0 and not second.written
    assert fake_encoder.encoded == []
    assert current_version(s.index) == version


def test_changed_document_is_the_only_one_embedded(small_corpus, tmp_path, fake_encoder):
    s = settings_for(small_corpus, tmp_path)
    build_index(s.corpus, s.index, s, lambda: fake_encoder)
    fake_encoder.encoded.clear()
    (small_corpus / "loans.txt").write_text(
        "Loans\n\nRuifeng Bank now offers a new export loan for textile firms in Keqiao.\n"
    )
    report = build_index(s.corpus, s.index, s, lambda: fake_encoder)
    assert report.updated == ["loans"] and report.unchanged == 2
    assert fake_encoder.encoded and all("new export loan" in t for t in fake_encoder.encoded)
    data = load_index(s.index)
    texts = " ".join(c.text for c in data.chunks if c.doc_id == "loans")
    assert "new export loan" in texts and "capital turnover" not in texts


def test_deleted_document_is_removed(small_corpus, tmp_path, fake_encoder):
    s = settings_for(small_corpus, tmp_path)
    build_index(s.corpus, s.index, s, lambda: fake_encoder)
    (small_corpus / "clusters.txt").unlink()
    report = build_index(s.corpus, s.index, s, lambda: fake_encoder)
    assert report.removed == ["clusters"]
    data = load_index(s.index)
    assert set(data.documents) == {"customs", "loans"}
    assert {c.doc_id for c in data.chunks} == {"customs", "loans"}


def test_unreadable_files_are_reported_and_skipped(small_corpus, tmp_path, fake_encoder):
    s = settings_for(small_corpus, tmp_path)
    (small_corpus / "empty.txt").write_text("")
    (small_corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (small_corpus / "notes.xyz").write_text("unsupported")
    report = build_index(s.corpus, s.index, s, lambda: fake_encoder)
    assert not report.ok
    skipped = {x.file: x.reason for x in report.skipped}
    assert set(skipped) == {"empty.txt", "image.txt", "notes.xyz"}
    assert all(skipped.values())
    assert report.documents == 3


def test_broken_replacement_keeps_the_previous_version(small_corpus, tmp_path, fake_encoder):
    s = settings_for(small_corpus, tmp_path)
    build_index(s.corpus, s.index, s, lambda: fake_encoder)
    (small_corpus / "loans.txt").write_bytes(b"\x00\x01\x02" * 500)
    report = build_index(s.corpus, s.index, s, lambda: fake_encoder)
    assert [x.kept_previous for x in report.skipped] == [True]
    data = load_index(s.index)
    assert any("capital turnover" in c.text for c in data.chunks)


def test_crash_while_writing_leaves_previous_index_loadable(
    small_corpus, tmp_path, fake_encoder, monkeypatch
):
    s = settings_for(small_corpus, tmp_path)
    build_index(s.corpus, s.index, s, lambda: fake_encoder)
    before = load_index(s.index)
    (small_corpus / "new.txt").write_text("New policy\n\nA brand new policy supports exporters.\n")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(index_dir, "_fsync_tree", boom)
    with pytest.raises(IndexWriteError, match="disk full"):
        build_index(s.corpus, s.index, s, lambda: fake_encoder)
    after = load_index(s.index)
    assert after.version == before.version
    assert [c.chunk_id for c in after.chunks] == [c.chunk_id for c in before.chunks]
    leftovers = [p.name for p in s.index.parent.iterdir() if ".tmp-" in p.name]
    assert leftovers == []


def test_corrupted_file_is_named(small_corpus, tmp_path, fake_encoder):
    from core.errors import IndexCorrupt

    s = settings_for(small_corpus, tmp_path)
    build_index(s.corpus, s.index, s, lambda: fake_encoder)
    target = s.index.resolve() / "index.faiss"
    target.write_bytes(target.read_bytes()[:40])
    with pytest.raises(IndexCorrupt, match="index.faiss"):
        load_index(s.index)


@pytest.fixture
def small_disk(tmp_path):
    """A 600 KB tmpfs: room for one small index version, not for a much larger one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_filling_up_keeps_the_previous_index(small_corpus, small_disk, fake_encoder):
    s = Settings(corpus=small_corpus, index=small_disk / "index", model="fake")
    build_index(s.corpus, s.index, s, lambda: fake_encoder)
    before = load_index(s.index)
    sentences = " ".join(f"Policy clause {i} sets a subsidy of {i} yuan for exporters." for i in range(4000))
    (small_corpus / "huge.txt").write_text(f"Huge policy\n\n{sentences}\n")
    with pytest.raises(IndexWriteError, match="cannot write the new index"):
        build_index(s.corpus, s.index, s, lambda: fake_encoder)
    after = load_index(s.index)  # checksums verified
    assert after.version == before.version and len(after.chunks) == len(before.chunks)
    assert not [p for p in small_disk.iterdir() if ".tmp-" in p.name]
    (small_corpus / "huge.txt").unlink()
    (small_corpus / "extra.txt").write_text("Extra\n\nA short extra policy for exporters.\n")
    report = build_index(s.corpus, s.index, s, lambda: fake_encoder)
    assert report.written and "extra" in load_index(s.index).documents


def test_empty_or_entirely_unreadable_corpus_gives_an_empty_index(tmp_path, fake_encoder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.txt").write_bytes(b"\x00\x01" * 300)
    s = Settings(corpus=corpus, index=tmp_path / "index", model="fake")
    report = build_index(s.corpus, s.index, s, lambda: fake_encoder)
    assert report.documents == 0 and [x.file for x in report.skipped] == ["bad.txt"]
    data = load_index(s.index)
    assert data.chunks == [] and data.dimension == fake_encoder.dimension
    from bot.answering.retrieve import Retriever

    assert Retriever(data).search(fake_encoder.encode_queries(["q"])[0], "q", 5) == []


def test_manifest_records_the_encoder_and_a_precision_change_re_embeds(small_corpus, tmp_path, fake_encoder):
    s = settings_for(small_corpus, tmp_path)
    fake_encoder.backend = "onnx"
    build_index(s.corpus, s.index, s, lambda: fake_encoder)
    assert load_index(s.index).manifest["encoder"] == {"backend": "onnx", "vectors": "fp32"}

    # torch and ONNX fp32 give the same vectors: switching between them re-embeds nothing.
    fake_encoder.encoded.clear()
    fake_encoder.backend = "torch"
    same = s.model_copy(update={"encoder_backend": "torch"})
    assert build_index(s.corpus, s.index, same, lambda: fake_encoder).embedded_chunks == 0

    # int8 vectors differ: every document is embedded again, and the manifest says so.
    fake_encoder.backend = "onnx-int8"
    int8 = s.model_copy(update={"encoder_backend": "onnx-int8"})
    report = build_index(s.corpus, s.index, int8, lambda: fake_encoder)
    assert report.written and report.embedded_chunks == report.chunks > 0
    assert load_index(s.index).manifest["encoder"] == {"backend": "onnx-int8", "vectors": "int8"}

    # A removal embeds nothing and keeps the recorded encoder.
    (small_corpus / "clusters.txt").unlink()
    report = build_index(s.corpus, s.index, int8, lambda: fake_encoder)
    assert report.removed == ["clusters"] and report.embedded_chunks == 0
    assert load_index(s.index).manifest["encoder"]["backend"] == "onnx-int8"
