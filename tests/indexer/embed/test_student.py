"""The passage student: the shipped file is the one its manifest names, its passage vectors are
e5's within a small angle, its questions are e5 int8's, and an index records it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

from core.errors import PolicybotError
from core.settings import MULTILINGUAL_MODEL, Settings
from indexer.embed import e5_student
from indexer.embed.calibration import calibration_key
from indexer.embed.factory import EncoderSpec, get_encoder

PASSAGES = ["关于做好2026年纺织服装企业稳岗返还工作的通知：符合条件的企业可申请返还上年度失业保险费的60%。",
            "Exporters may apply for the market-procurement loan at Ruifeng Bank before 30 June.",
            "申请材料包括营业执照复印件、出口报关单和银行回单，请于5月31日前报送区商务局。"]


def test_the_shipped_student_is_the_file_its_manifest_names() -> None:
    path = e5_student.STUDENT_DIR / e5_student.MODEL_FILE
    assert hashlib.sha256(path.read_bytes()).hexdigest() == e5_student.manifest()["sha256"]
    assert path.stat().st_size <= 30 * 1024 * 1024
    assert e5_student.student_path() == path


def test_a_student_file_that_differs_from_its_manifest_is_refused(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(e5_student.STUDENT_DIR, tmp_path / "files")
    with open(tmp_path / "files" / e5_student.MODEL_FILE, "ab") as handle:
        handle.write(b"\0")
    monkeypatch.setattr(e5_student, "STUDENT_DIR", tmp_path / "files")
    e5_student.student_path.cache_clear()
    try:
        with pytest.raises(PolicybotError, match="does not match its manifest"):
            e5_student.student_path()
    finally:
        e5_student.student_path.cache_clear()


def test_student_passages_are_e5_vectors_and_its_questions_are_e5_int8s() -> None:
    student = get_encoder(EncoderSpec(MULTILINGUAL_MODEL, backend="onnx-student", threads=1))
    int8 = get_encoder(EncoderSpec(MULTILINGUAL_MODEL, backend="onnx-int8", threads=1))
    spans = [[(0, len(p))] for p in PASSAGES]
    mine, theirs = student.encode_passages(PASSAGES, spans), int8.encode_passages(PASSAGES, spans)
    agree = mine.passages @ theirs.passages.T
    assert list(agree.argmax(axis=1)) == [0, 1, 2], agree  # each is nearest its own e5 vector
    assert agree.diagonal().min() > 0.9, agree  # same space, not the same numbers
    assert not np.allclose(mine.passages, theirs.passages, atol=1e-4)
    questions = ["哪家银行提供市场采购贷款？", "When is the deadline?"]
    assert np.array_equal(student.encode_queries(questions), int8.encode_queries(questions))
    assert calibration_key(MULTILINGUAL_MODEL, "onnx-student") == f"{MULTILINGUAL_MODEL}@int8"


def test_the_answering_spec_follows_a_student_index() -> None:
    auto, student = Settings(), Settings(encoder_backend="onnx-student")
    assert EncoderSpec.for_index(auto, MULTILINGUAL_MODEL, "onnx-student").backend == "onnx-student"
    assert EncoderSpec.for_index(student, MULTILINGUAL_MODEL, "onnx-int8").backend == "onnx-int8"
    assert EncoderSpec.for_index(student, MULTILINGUAL_MODEL, "onnx-student").backend == "onnx-student"
    assert e5_student.passage_record("onnx-int8") == {}
    assert e5_student.manifest()["sha256"] in e5_student.passage_record("onnx-student")["passage_model"]


@pytest.mark.e2e
def test_a_student_index_records_it_is_queried_with_e5_questions_and_re_embedded_when_changed(
        small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.service import PolicyBot
    from indexer.build import build_index
    from indexer.store.index_dir import load_index

    settings = Settings(corpus=small_corpus, index=tmp_path / "index", encoder_backend="onnx-student",
                        analytics_db=None)

    def build(s: Settings) -> int:
        report = build_index(s.corpus, s.index, s, lambda: get_encoder(EncoderSpec.of(s, threads=1)))
        assert report.ok
        return report.embedded_chunks

    chunks = build(settings)
    manifest = load_index(settings.index).manifest["encoder"]
    assert manifest == {"backend": "onnx-student", "vectors": "student",
                        **e5_student.passage_record("onnx-student")}
    bot = PolicyBot(settings.model_copy(update={"encoder_backend": "auto"}))  # auto is int8 e5
    answer = bot.ask("Which bank gives market-procurement loans?")
    assert not answer.abstained and "Ruifeng Bank" in answer.answer
    assert bot.encoder(MULTILINGUAL_MODEL).backend == "onnx-student"
    assert build(settings) == 0  # unchanged: nothing embedded again
    # another student (another SHA-256) or another backend: every chunk is embedded again
    monkeypatch.setattr(e5_student, "manifest", lambda: {"sha256": "another"})
    assert build(settings) == chunks
    monkeypatch.undo()
    assert build(settings.model_copy(update={"encoder_backend": "auto"})) == chunks
    assert load_index(settings.index).manifest["encoder"] == {"backend": "onnx-int8", "vectors": "int8"}
