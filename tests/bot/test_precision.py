"""An index is queried at the precision its vectors were embedded with, whatever the settings say."""

from __future__ import annotations

import pytest

from bot.service import PolicyBot
from core.settings import MULTILINGUAL_MODEL, Settings
from indexer.build import build_index
from indexer.embed.factory import EncoderSpec, get_encoder, resolved_backend
from indexer.store.index_dir import load_index


def test_the_answering_spec_follows_the_index_precision() -> None:
    fp32, auto = Settings(encoder_backend="onnx"), Settings()
    assert resolved_backend(MULTILINGUAL_MODEL, "auto") == "onnx-int8"
    assert EncoderSpec.for_index(fp32, MULTILINGUAL_MODEL, "onnx-int8").backend == "onnx-int8"
    assert EncoderSpec.for_index(auto, MULTILINGUAL_MODEL, "onnx").backend == "onnx"
    assert EncoderSpec.for_index(auto, MULTILINGUAL_MODEL, "onnx-int8").backend == "auto"
    # torch and ONNX fp32 give the same vectors: the settings' runtime is kept
    torch = Settings(encoder_backend="torch")
    assert EncoderSpec.for_index(torch, "packaged:all-MiniLM-L6-v2", "onnx").backend == "torch"
    assert EncoderSpec.for_index(auto, "packaged:all-MiniLM-L6-v2", "onnx-int8").backend == "onnx-int8"


@pytest.mark.e2e
def test_an_int8_index_is_never_queried_in_fp32(real_settings: Settings) -> None:
    data = load_index(real_settings.index)
    assert data.manifest["encoder"] == {"backend": "onnx-int8", "vectors": "int8"}  # the default build
    bot = PolicyBot(real_settings.model_copy(update={"encoder_backend": "onnx", "analytics_db": None}))
    answer = bot.ask("Which bank gives market-procurement loans?")
    assert not answer.abstained and "Ruifeng Bank" in answer.answer
    assert bot.encoder(data.model).backend == "onnx-int8"
    assert bot.health()["encoder"] == "onnx-int8"


@pytest.mark.e2e
def test_an_fp32_index_is_never_queried_in_int8(small_corpus, tmp_path) -> None:
    settings = Settings(corpus=small_corpus, index=tmp_path / "index", encoder_backend="onnx", analytics_db=None)
    build_index(settings.corpus, settings.index, settings,
                lambda: get_encoder(EncoderSpec.of(settings, threads=1)))
    assert load_index(settings.index).manifest["encoder"] == {"backend": "onnx", "vectors": "fp32"}
    bot = PolicyBot(settings.model_copy(update={"encoder_backend": "auto"}))  # auto is int8 for e5
    bot.ask("Which bank gives market-procurement loans?")
    assert bot.encoder(MULTILINGUAL_MODEL).backend == "onnx"
    assert bot.health()["encoder"] == "onnx"


def test_cross_lingual_questions_are_encoded_by_the_runtime_that_made_the_index(tmp_path) -> None:
    from indexer.embed.use_encoder import vectors_name
    from indexer.store.index_dir import IndexData

    bot = PolicyBot(Settings(index=tmp_path / "index", analytics_db=None))
    for runtime in ("numpy", "onnx-int8"):
        data = IndexData.__new__(IndexData)
        data.crosslingual_model = vectors_name(runtime)
        assert bot._cross_encoder(data).runtime == runtime
