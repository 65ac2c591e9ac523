"""The shipped condition-unit model (indexer/picker/conditions.py) with the real encoder and a real
index: the file is the one its manifest names, the index records it, and it finds a condition in a
wording the rules do not read (a notice written for this test, outside the training set)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from core.errors import PolicybotError
from core.settings import Settings
from indexer.build import build_index
from indexer.embed.factory import EncoderSpec, get_encoder
from indexer.notice.eligibility import extract_eligibility
from indexer.picker import conditions
from indexer.picker.model import FILES, sha256
from indexer.store.index_dir import load_index
from tests.conftest import CORPUS

pytestmark = pytest.mark.e2e

# Written for this test: "申报范围" is no eligibility heading the rules know, and the two requirements
# below have no type and none of the words by which the rules read a who-may-apply sentence.
NOTICE = """关于开展2027年度纺织企业质量提升项目申报工作的通知

各有关企业：
为推动纺织产业高质量发展，现将2027年度质量提升项目申报工作通知如下。

一、申报范围
本次申报面向全市纺织服装企业。
参与企业应设有独立的质量检测部门。
企业近两年内持续经营，财务制度健全。

二、支持标准
按项目设备投资额的10%给予补助，单个项目最高不超过50万元。

三、申报程序
企业应于2027年3月31日前通过市商务服务平台提交申请。

四、联系方式
联系人：王先生，电话：0575-12345678。
"""
UNSEEN = "参与企业应设有独立的质量检测部门。"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Any]:
    base = tmp_path_factory.mktemp("condition-model")
    shutil.copytree(CORPUS, base / "corpus")  # the English news seeds: no notices
    (base / "corpus" / "quality_2027.txt").write_text(NOTICE, encoding="utf-8")
    settings = Settings(corpus=base / "corpus", index=base / "index", analytics_db=None)
    report = build_index(settings.corpus, settings.index, settings, lambda: get_encoder(EncoderSpec.of(settings)))
    assert report.ok, report.skipped
    return settings, load_index(settings.index)


def test_the_shipped_file_is_the_one_its_manifest_names() -> None:
    found = conditions.manifest()
    assert sha256(FILES / conditions.MODEL_FILE) == found["sha256"]
    assert (FILES / conditions.MODEL_FILE).stat().st_size == found["bytes"] <= 30 * 2**20
    assert found["outputs"] == ["condition", *conditions.TYPES]


def test_a_file_that_is_not_the_manifests_is_refused(tmp_path: Path) -> None:
    for name in (conditions.MODEL_FILE, conditions.MANIFEST_FILE):
        shutil.copy2(FILES / name, tmp_path / name)
    with open(tmp_path / conditions.MODEL_FILE, "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(PolicybotError, match="SHA-256"):
        conditions.ConditionModel(tmp_path)


def test_the_index_records_the_finder_model_it_was_read_with(built) -> None:
    _, data = built
    assert data.manifest["finder_model"] == conditions.identity() == conditions.manifest()["sha256"]


def test_a_condition_in_wording_the_rules_miss_is_found_by_the_model(built) -> None:
    settings, data = built
    [doc] = [d for d, e in data.documents.items() if e.get("source") == "quality_2027.txt"]
    chunks = [c for c in data.chunks if c.doc_id == doc]
    rules = extract_eligibility(chunks, NOTICE)["conditions"]
    assert UNSEEN not in {c["quote"] for c in rules}
    found = {c["quote"]: c for c in data.documents[doc]["eligibility"]["conditions"]}
    assert found[UNSEEN]["type"] == "text" and found[UNSEEN]["by"] == "model"
    assert found[UNSEEN]["citation"]["doc_id"] == doc
    # never a benefit, a procedure or a contact line
    assert not any(k in q for q in found for k in ("补助，", "提交申请", "联系人"))


def test_the_model_reads_int8_vectors_as_the_float_model_was_fitted(built) -> None:
    _, data = built
    model = conditions.get_condition_model()
    assert model is not None
    probs = model(np.asarray(data.sentence_vectors[:4]))
    assert probs.shape == (min(4, len(data.sentence_vectors)), 1 + len(conditions.TYPES))
    assert ((probs >= 0) & (probs <= 1)).all()


def test_news_that_mentions_smes_and_textiles_gets_no_condition_from_the_model(built) -> None:
    _, data = built
    news = [e for e in data.documents.values() if e.get("source") != "quality_2027.txt"]
    assert len(news) == 5
    assert [c for e in news for c in e["eligibility"]["conditions"] if c.get("by")] == []
