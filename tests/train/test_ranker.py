"""The picker from fitting to serving: fitted listwise, exported int8, loaded by the product, choosing."""

import json
from pathlib import Path

import numpy as np
import pytest

from bot.answering.compose import Candidate
from bot.answering.pick import FEATURES, applies, pick
from bot.answering.slots import question_slots
from core.errors import PolicybotError
from core.records import Chunk
from indexer.picker.model import Picker, sha256
from train import ranker

DIMS = 4


def groups(seed: int = 0, n: int = 120) -> list[tuple[np.ndarray, list[int], str]]:
    """Questions whose answering sentence holds more of the question's terms ("terms", column 2)."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        rows = rng.normal(size=(5, len(FEATURES) + DIMS)).astype(np.float32)
        answer = int(rng.integers(5))
        rows[:, 2] = rng.uniform(0, 0.5, size=5)
        rows[answer, 2] = 0.9
        out.append((rows, [int(j == answer) for j in range(5)], "a" if i % 2 else "b"))
    return out


def shipped(tmp_path: Path) -> Path:
    linear = ranker.fit(groups(), len(FEATURES))
    ranker.export(linear, tmp_path / "p.onnx", tmp_path / "picker-int8.onnx")
    manifest = {"sha256": sha256(tmp_path / "picker-int8.onnx"), "features": list(FEATURES), "vector_dims": DIMS,
                "embedding_model": "e5"}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return tmp_path


def test_the_fitted_picker_finds_the_answering_sentence_and_int8_follows_float(tmp_path: Path) -> None:
    # Enough questions that the other columns, noise here, get small weights (each feature added to
    # FEATURES is one more noise column).
    linear = ranker.fit(groups(n=240), len(FEATURES))
    held_out = groups(seed=1)
    chosen = [labels[int(np.argmax(ranker.score(rows, linear)))] for rows, labels, _ in held_out]
    assert np.mean(chosen) > 0.9
    ranker.export(linear, tmp_path / "p.onnx", tmp_path / "p8.onnx")
    check = ranker.agreement(tmp_path / "p8.onnx", [rows for rows, _, _ in held_out], linear)
    assert check["same_choice"] > 0.95


def test_the_product_loads_the_file_its_manifest_names_and_refuses_another(tmp_path: Path) -> None:
    folder = shipped(tmp_path)
    picker = Picker(folder)
    assert picker.features == FEATURES and picker.vector_dims == DIMS
    sentences = ("江苏省商务厅关于展会申报的通知。", "货物贸易类展会每平方米最高支持4000元。", "请各地认真组织申报。")
    cand = Candidate(Chunk(doc_id="a", text=" ".join(sentences), position=0, title="通知", source="a.txt",
                           sentences=sentences), 0.9, np.array([0.9, 0.8, 0.7]), np.ones((3, DIMS), np.float32))
    q = np.ones(DIMS, np.float32)
    assert applies(picker, "e5", [cand], q) and not applies(picker, "other-model", [cand], q)
    question = "货物贸易类展会每平方米最高支持多少钱？"
    chosen = pick(picker, question, question_slots(question), [cand], q, {}, lambda term: 1.0)
    assert chosen is not None and (chosen.passage, chosen.sentence) == (0, 1)
    (folder / "picker-int8.onnx").write_bytes(b"not the model")
    from indexer.picker import model

    model.manifest.cache_clear()
    with pytest.raises(PolicybotError, match="SHA-256"):
        Picker(folder)
