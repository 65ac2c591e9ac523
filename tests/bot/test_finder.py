"""The policy finder over a built index: conditions stored per document at index time, checklists
for profiles that meet, fail and leave unknown each condition, and the done-when case."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.finder import Profile, find_policies, verdict
from core.settings import Settings
from indexer.build import build_index
from indexer.store.index_dir import load_index
from tests.conftest import CORPUS, DATA, FakeEncoder

DAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The seed corpus plus the finder and policy fixture notices, indexed with the fake encoder."""
    base = tmp_path_factory.mktemp("finder")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    for folder in ("finder_corpus", "policy_corpus"):
        for path in (DATA / folder).iterdir():
            shutil.copy(path, corpus / path.name)
    settings = Settings(corpus=corpus, index=base / "index", model="fake", analytics_db=None)
    report = build_index(corpus, settings.index, settings, FakeEncoder)
    assert report.ok, report
    return load_index(settings.index).documents


def _doc(result: dict[str, Any], doc_id: str) -> tuple[str, dict[str, Any]]:
    for group in ("applicable", "not_applicable"):
        for record in result[group]:
            if record["doc_id"] == doc_id:
                return group, record
    raise AssertionError(f"{doc_id} not listed")


def _status(record: dict[str, Any]) -> dict[str, str]:
    return {i["type"]: i["status"] for i in record["checklist"]}


def test_conditions_are_in_the_manifest(documents: dict[str, dict[str, Any]]) -> None:
    found = documents["export_sme_2025"]["eligibility"]
    assert {c["type"] for c in found["conditions"]} >= {"region", "annual_exports_usd_max", "employees_max"}
    chunk_ids = {c["citation"]["chunk_id"] for c in found["conditions"]}
    assert all(len(cid) == 16 for cid in chunk_ids)
    assert found["benefits"] and found["application"]
    assert documents["000_bf4e4de00a89c5c1"]["eligibility"]["conditions"] == []  # a news article


def test_done_when(documents: dict[str, dict[str, Any]]) -> None:
    """Meeting every condition of one notice and failing one of another: the first applicable with
    every condition met and quoted, the second not applicable naming the failed condition."""
    profile = Profile(region="柯桥", sector="printing and dyeing", annual_exports_usd=8_000_000, employees=120,
                      enterprise_size="small", has_violations=False, first_time=False)
    result = find_policies(documents, profile, DAY)
    group, record = _doc(result, "export_sme_2025")
    assert group == "applicable"
    assert record["checklist"] and all(i["status"] == "met" for i in record["checklist"])
    text = (DATA / "finder_corpus" / "export_sme_2025.txt").read_text()
    assert all(i["quote"] and i["quote"] in " ".join(text.split()) for i in record["checklist"])
    assert all(i["citation"]["doc_id"] == "export_sme_2025" for i in record["checklist"])
    assert record["benefits"][0]["rate"] == "40%" and record["application"][0]["deadline"]
    group, record = _doc(result, "keqiao_firsttime_2025")
    assert group == "not_applicable"
    assert record["reasons"] == ["First-time applicant"]
    assert [i["type"] for i in record["checklist"] if i["status"] == "unmet"] == ["first_time"]
    assert result["applicable"][0]["doc_id"] == "export_sme_2025"  # the most conditions met first


def test_only_documents_in_force(documents: dict[str, dict[str, Any]]) -> None:
    result = find_policies(documents, Profile(), DAY)
    listed = {r["doc_id"] for g in ("applicable", "not_applicable") for r in result[g]}
    assert "zhejiang_expired_2020" not in listed and "subsidy_2022" not in listed  # expired; superseded
    assert {"export_sme_2025", "keqiao_firsttime_2025", "hangzhou_large_2025", "subsidy_2024"} <= listed
    past = find_policies(documents, Profile(), dt.date(2021, 6, 1))
    assert "zhejiang_expired_2020" in {r["doc_id"] for r in past["applicable"]}


def test_empty_profile_leaves_every_condition_unknown(documents: dict[str, dict[str, Any]]) -> None:
    result = find_policies(documents, Profile(), DAY)
    assert result["not_applicable"] == []
    items = [i for r in result["applicable"] for i in r["checklist"]]
    assert items and all(i["status"] == "unknown" for i in items)


def test_a_profile_failing_the_big_exporter_notice(documents: dict[str, dict[str, Any]]) -> None:
    profile = Profile(region="Shaoxing", sector="textile", annual_exports_usd=8e6, employees=120,
                      above_designated_size=False)
    group, record = _doc(find_policies(documents, profile, DAY), "hangzhou_large_2025")
    assert group == "not_applicable"
    assert {"region", "employees_min", "enterprise_size"} <= {i["type"] for i in record["checklist"]
                                                               if i["status"] == "unmet"}
    assert any(i.startswith("Registered in Hangzhou") for i in record["reasons"])
    assert _status(_doc(find_policies(documents, profile, DAY), "export_sme_2025")[1])["region"] == "met"


def test_chinese_checklist(documents: dict[str, dict[str, Any]]) -> None:
    _, record = _doc(find_policies(documents, Profile(region="Hangzhou"), DAY, "zh"), "keqiao_firsttime_2025")
    region = next(i for i in record["checklist"] if i["type"] == "region")
    assert region["requirement"] == "注册地在柯桥" and region["status"] == "unmet"
    assert region["profile"] == "region='Hangzhou'"


@pytest.mark.parametrize(("cond", "met", "unmet"), [
    ({"type": "region", "value": ["Shaoxing"]}, Profile(region="绍兴市柯桥区"), Profile(region="Ningbo")),
    ({"type": "region", "value": ["Zhejiang"]}, Profile(region="Keqiao"), Profile(region="江苏省")),
    ({"type": "annual_exports_usd_max", "op": "<", "value": 1e7}, Profile(annual_exports_usd=9_999_999),
     Profile(annual_exports_usd=1e7)),
    ({"type": "annual_exports_usd_max", "op": "<=", "value": 1e7}, Profile(annual_exports_usd=1e7),
     Profile(annual_exports_usd=1.5e7)),
    ({"type": "annual_exports_cny_min", "op": ">=", "value": 5e6}, Profile(annual_exports_cny=5e6),
     Profile(annual_exports_cny=1e6)),
    ({"type": "annual_revenue_cny_max", "op": "<=", "value": 4e8}, Profile(annual_revenue_cny=4e8),
     Profile(annual_revenue_cny=5e8)),
    ({"type": "employees_max", "op": "<", "value": 300}, Profile(employees=299), Profile(employees=300)),
    ({"type": "employees_min", "op": ">", "value": 50}, Profile(employees=51), Profile(employees=50)),
    ({"type": "sector", "value": ["textile", "apparel"]}, Profile(sector="纺织"), Profile(sector="software")),
    ({"type": "sector", "value": ["textile"]}, Profile(sector="Dyeing"), Profile(sector="apparel")),
    ({"type": "enterprise_size", "value": ["micro", "small", "medium"]}, Profile(enterprise_size="medium"),
     Profile(enterprise_size="large")),
    ({"type": "enterprise_size", "value": ["above_designated_size"]}, Profile(above_designated_size=True),
     Profile(above_designated_size=False)),
    ({"type": "first_time", "value": True}, Profile(first_time=True), Profile(first_time=False)),
    ({"type": "no_violations", "value": True}, Profile(has_violations=False), Profile(has_violations=True)),
])
def test_each_condition_met_unmet_unknown(cond: dict[str, Any], met: Profile, unmet: Profile) -> None:
    assert verdict(cond, met) == "met"
    assert verdict(cond, unmet) == "unmet"
    assert verdict(cond, Profile()) == "unknown"


def test_what_cannot_be_told_stays_unknown() -> None:
    assert verdict({"type": "region", "value": ["Keqiao"]}, Profile(region="Zhejiang")) == "unknown"
    assert verdict({"type": "region", "value": ["Keqiao"]}, Profile(region="Atlantis")) == "unknown"
    assert verdict({"type": "sector", "value": ["dyeing"]}, Profile(sector="textile")) == "unknown"
    assert verdict({"type": "text", "value": None, "quote": "Must hold ISO 9001."}, Profile(region="X")) == "unknown"
    assert verdict({"type": "employees_max", "op": "??", "value": 3}, Profile(employees=1)) == "unknown"


def test_an_index_without_conditions_lists_documents_with_empty_checklists(tmp_path: Path) -> None:
    old = {"a": {"title": "A", "effective_date": "2025-01-01"}, "b": {"title": "B", "effective_date": "2025-01-01",
                                                                        "eligibility": {"conditions": ["junk", 3]}}}
    result = find_policies(old, Profile(region="Shaoxing"), DAY)
    assert [r["doc_id"] for r in result["applicable"]] == ["a", "b"]
    assert all(r["checklist"] == [] for r in result["applicable"])
