"""Every stage of a build shows its progress (rate, time left) and reports what it cost."""

from __future__ import annotations

import re

import numpy as np

from core.settings import Settings
from indexer.build import build_index
from indexer.store.index_dir import load_index

STAGES = ["reading", "chunking", "embedding", "cross-lingual", "vector index", "BM25", "writing"]


def test_each_stage_has_a_bar_with_rate_and_eta(small_corpus, tmp_path, fake_encoder, capsys):
    s = Settings(corpus=small_corpus, index=tmp_path / "index", model="fake", crosslingual=True)
    report = build_index(s.corpus, s.index, s, lambda: fake_encoder, progress=True)
    err = capsys.readouterr().err
    for stage in STAGES:
        bars = [line for line in re.split(r"[\r\n]", err) if line.startswith(f"{stage}:")]
        assert bars, f"no bar for {stage}"
        assert re.search(r"\[\d\d:\d\d<\d\d:\d\d, .*/s\]", bars[-1]), bars[-1]  # elapsed<ETA, rate
    assert list(report.stages) == STAGES
    assert all(v["wall_s"] >= 0 and v["cpu_s"] >= 0 for v in report.stages.values())


def test_a_small_build_is_quiet(small_corpus, tmp_path, fake_encoder, capsys):
    s = Settings(corpus=small_corpus, index=tmp_path / "index", model="fake", crosslingual=False)
    report = build_index(s.corpus, s.index, s, lambda: fake_encoder)
    assert capsys.readouterr().err == "" and "embedding" in report.stages


def test_cross_lingual_vectors_come_from_the_embedding_pass(small_corpus, tmp_path, fake_encoder, monkeypatch):
    from indexer.embed import use_encoder

    calls: list[tuple[int, bool]] = []  # (texts, during the e5 pass)
    inside = [False]
    real, real_pass = use_encoder.UseEncoder.encode, fake_encoder.encode_passages

    def counted(self, texts, progress=None):
        calls.append((len(texts), inside[0]))
        return real(self, texts, progress)

    def e5_pass(*args, **kwargs):
        inside[0] = True
        try:
            return real_pass(*args, **kwargs)
        finally:
            inside[0] = False

    monkeypatch.setattr(use_encoder.UseEncoder, "encode", counted)
    monkeypatch.setattr(fake_encoder, "encode_passages", e5_pass)
    s = Settings(corpus=small_corpus, index=tmp_path / "index", model="fake", crosslingual=True)
    report = build_index(s.corpus, s.index, s, lambda: fake_encoder)
    assert sum(n for n, _ in calls) == report.chunks and all(during for _, during in calls)
    data = load_index(s.index)
    again = use_encoder.get_use_encoder("onnx-int8", s.onnx_cache).encode([c.passage for c in data.chunks])
    assert np.allclose(data.crosslingual, again, atol=2e-3)  # stored as float16, rows in chunk order
    assert data.manifest["crosslingual"]["model"] == "packaged:use-multilingual-v3@int8"  # the runtime that made them
