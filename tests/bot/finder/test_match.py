"""The policy finder over a built index: conditions stored per document at index time, checklists
for profiles that meet, fail and leave unknown each condition, and the done-when case."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.finder.currency import MARGIN
from bot.finder.match import Profile, assess, checklist, find_policies, verdict
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


# --- amounts in the other currency, at the administrator's rate (POLICYBOT_CNY_PER_USD) ------------

RATE = 7.1
CNY_LIMIT = {"type": "annual_exports_cny_max", "op": "<=", "value": 5e7, "quote": "上年度出口额不超过5000万元"}
USD_LIMIT = {"type": "annual_exports_usd_max", "op": "<", "value": 1e7, "quote": "annual exports below USD 10 million"}


@pytest.mark.parametrize(("cond", "profile", "expected"), [
    (CNY_LIMIT, Profile(annual_exports_usd=6e6), "met"),  # CNY 42.6 million
    (CNY_LIMIT, Profile(annual_exports_usd=8e6), "unmet"),  # CNY 56.8 million
    (CNY_LIMIT, Profile(annual_exports_usd=7e6), "unknown"),  # CNY 49.7 million: under, but within 5%
    (CNY_LIMIT, Profile(annual_exports_usd=7.2e6), "unknown"),  # CNY 51.1 million: over, but within 5%
    (USD_LIMIT, Profile(annual_exports_cny=5e7), "met"),  # USD 7.04 million
    (USD_LIMIT, Profile(annual_exports_cny=8e7), "unmet"),  # USD 11.3 million
    (USD_LIMIT, Profile(annual_exports_cny=7e7), "unknown"),  # USD 9.86 million: within 5%
    ({"type": "annual_revenue_cny_max", "op": "<=", "value": 4e8}, Profile(annual_revenue_usd=7e7), "unmet"),
    ({"type": "annual_revenue_usd_min", "op": ">=", "value": 1e6}, Profile(annual_revenue_cny=2e7), "met"),
])
def test_an_amount_in_the_other_currency_is_converted_at_the_rate(cond: dict[str, Any], profile: Profile,
                                                                   expected: str) -> None:
    assert verdict(cond, profile, RATE) == expected
    assert verdict(cond, profile) == "unknown"  # no rate set: nothing converted


def test_the_conditions_own_currency_is_never_converted() -> None:
    both = Profile(annual_exports_cny=6e7, annual_exports_usd=1e6)  # USD 1 million would be met
    assert verdict(CNY_LIMIT, both, RATE) == "unmet"
    [item] = checklist({"conditions": [CNY_LIMIT]}, both, "en", RATE)
    assert "converted" not in item and item["profile"] == "annual_exports_cny=60000000.0"
    [item] = checklist({"conditions": [CNY_LIMIT]}, Profile(annual_exports_cny=4e7), "zh", RATE)
    assert item["status"] == "met" and "converted" not in item and item["requirement"] == "年出口额不超过50,000,000元"


def test_a_converted_check_says_it_rests_on_the_rate() -> None:
    [item] = checklist({"conditions": [CNY_LIMIT]}, Profile(annual_exports_usd=8e6), "en", RATE)
    assert item["status"] == "unmet"
    assert item["converted"] == {"rate": 7.1, "from": "USD", "to": "CNY", "amount": 8e6, "value": 56_800_000.0,
                                 "near_limit": False, "margin": MARGIN}
    assert item["requirement"] == ("Annual exports at most CNY 50,000,000 "
                                   "(your USD 8,000,000 is about CNY 56,800,000 at 7.1 CNY per USD)")
    assert item["profile"] == "annual_exports_usd=8000000.0"  # what the member said, not a CNY it did not
    [item] = checklist({"conditions": [USD_LIMIT]}, Profile(annual_exports_cny=7e7), "zh", RATE)
    assert item["status"] == "unknown" and item["converted"]["near_limit"] is True
    assert item["converted"]["from"] == "CNY" and item["converted"]["value"] == 9_859_154.93
    assert item["requirement"].startswith("年出口额低于10,000,000美元"
                                          "（贵企业所填70,000,000元按1美元兑7.1元约合9,859,155美元")
    assert "不作判断" in item["requirement"]
    [item] = checklist({"conditions": [CNY_LIMIT]}, Profile(annual_exports_usd=8e6), "en")
    assert item["status"] == "unknown" and "converted" not in item and "USD" not in item["requirement"]


def test_find_policies_passes_the_rate_down() -> None:
    docs = {"cny": {"title": "CNY notice", "effective_date": "2025-01-01", "eligibility": {"conditions": [CNY_LIMIT]}}}
    without = find_policies(docs, Profile(annual_exports_usd=8e6), DAY)
    assert [r["doc_id"] for r in without["applicable"]] == ["cny"] and without["applicable"][0]["unknown"] == 1
    rejected = find_policies(docs, Profile(annual_exports_usd=8e6), DAY, "en", RATE)["not_applicable"]
    assert [r["doc_id"] for r in rejected] == ["cny"]
    assert rejected[0]["reasons"] == ["Annual exports at most CNY 50,000,000 "
                                      "(your USD 8,000,000 is about CNY 56,800,000 at 7.1 CNY per USD)"]
    applicable = find_policies(docs, Profile(annual_exports_usd=6e6), DAY, "en", RATE)["applicable"]
    assert applicable[0]["met"] == 1 and applicable[0]["checklist"][0]["converted"]["rate"] == RATE


@pytest.mark.parametrize("rate", [0, -7.1, 0.14, 710, float("nan"), float("inf")])
def test_an_implausible_rate_is_refused(rate: float) -> None:
    with pytest.raises(ValueError, match="cny_per_usd"):
        Settings(cny_per_usd=rate)
    assert Settings(cny_per_usd=7.1).cny_per_usd == 7.1 and Settings().cny_per_usd is None


def test_an_empty_rate_in_the_environment_is_no_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYBOT_CNY_PER_USD", "")
    assert Settings().cny_per_usd is None
    monkeypatch.setenv("POLICYBOT_CNY_PER_USD", "7.1")
    assert Settings().cny_per_usd == 7.1


# --- alternatives, ranges, places outside the gazetteer, windows ---------------------------------

ANY_OF = {"conditions": [
    {"type": "region", "value": ["Guangdong"], "quote": "在广东省行政区域内注册"},
    {"type": "annual_exports_usd_max", "op": "<=", "value": 1e7, "quote": "（一）出口额1000万美元（含）以下",
     "group": 1, "option": 0},
    {"type": "enterprise_size", "value": ["micro", "small"], "quote": "（二）属于小微企业", "group": 1, "option": 1}]}


@pytest.mark.parametrize(("profile", "decision", "group"), [
    (Profile(region="东莞", annual_exports_usd=2e7, enterprise_size="small"), "applicable", "met"),
    (Profile(region="东莞", annual_exports_usd=2e7, enterprise_size="large"), "not_applicable", "unmet"),
    (Profile(region="东莞", annual_exports_usd=2e7), "needs_info", "unknown"),
    (Profile(region="杭州", annual_exports_usd=5e6), "not_applicable", "met"),
])
def test_any_of_the_alternatives(profile: Profile, decision: str, group: str) -> None:
    docs = {"d": {"title": "D", "effective_date": "2025-01-01", "eligibility": ANY_OF}}
    record = assess("d", docs, profile, DAY)
    assert record["verdict"] == decision
    assert {i["group_status"] for i in record["checklist"] if "group" in i} == {group}
    if group == "unmet":
        assert record["reasons"] == ["One of: Annual exports at most USD 10,000,000; Enterprise size: micro or small"]


def test_ranges_include_both_ends() -> None:
    cond = {"type": "annual_revenue_cny_range", "op": "between", "value": [2e7, 4e8]}
    assert [verdict(cond, Profile(annual_revenue_cny=v)) for v in (2e7, 4e8, 1.9e7, 4.1e8)] == \
        ["met", "met", "unmet", "unmet"]
    staff = {"type": "employees_range", "op": "between", "value": [20, 1000]}
    assert verdict(staff, Profile(employees=20)) == "met" and verdict(staff, Profile(employees=2300)) == "unmet"
    assert verdict(cond, Profile(annual_revenue_usd=2.8e6), 7.2) == "unknown"  # 20.2 million: within 5% of 20
    [item] = checklist({"conditions": [cond]}, Profile(), "en")
    assert item["requirement"] == "Annual revenue between CNY 20,000,000–400,000,000"


def test_a_place_the_gazetteer_lacks_is_placed_by_what_the_notice_says() -> None:
    cond = {"type": "region", "value": ["Qingyuan"], "within": {"Qingyuan": "Lishui"}}
    assert verdict(cond, Profile(region="Wuxi")) == "unmet"  # not in Lishui, so not in Qingyuan
    assert verdict(cond, Profile(region="丽水")) == "unknown"  # in Lishui: Qingyuan or not
    assert verdict(cond, Profile(region="庆元县")) == "met"
    assert verdict({"type": "region", "value": ["Qingyuan"]}, Profile(region="Wuxi")) == "unknown"
    assert verdict({"type": "region", "value": ["Keqiao"]}, Profile(region="绍兴")) == "unknown"


def test_sector_hierarchy_and_specialised() -> None:
    assert verdict({"type": "sector", "value": ["textile"]}, Profile(sector="针织")) == "met"
    assert verdict({"type": "sector", "value": ["dyeing"]}, Profile(sector="纺织")) == "unknown"
    assert verdict({"type": "sector", "value": ["textile"]}, Profile(sector="服装")) == "unmet"
    assert verdict({"type": "sector", "value": ["textile", "apparel"]}, Profile(sector="纺织服装")) == "met"
    cond = {"type": "specialised", "value": True}
    assert [verdict(cond, Profile(specialised=v)) for v in (True, False, None)] == ["met", "unmet", "unknown"]


def test_a_closed_window_is_not_may_apply() -> None:
    window = {"opens": "2026-05-10", "closes": "2026-06-30", "quote": "申报截止时间为2026年6月30日。"}
    docs = {"d": {"title": "D", "effective_date": "2025-01-01", "eligibility": {"conditions": [], "window": window}}}
    for day, state, listed in ((dt.date(2026, 5, 1), "not_yet_open", "applicable"),
                               (dt.date(2026, 6, 30), "open", "applicable"),
                               (dt.date(2026, 7, 1), "closed", "not_applicable")):
        result = find_policies(docs, Profile(), day, "zh")
        [record] = result[listed]
        assert record["window"]["state"] == state and record["window"]["quote"] == window["quote"]
    assert record["reasons"] == ["申报已于2026-06-30截止"]


@pytest.fixture(scope="module")
def finder_set_index(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The finder development notices, indexed with the fake encoder (eligibility does not use vectors)."""
    from bench import finder_set

    base = tmp_path_factory.mktemp("finder_set")
    corpus = base / "corpus"
    corpus.mkdir()
    for notice in finder_set.notices().values():
        shutil.copy(notice.path, corpus / notice.path.name)
    settings = Settings(corpus=corpus, index=base / "index", model="fake", analytics_db=None)
    assert build_index(corpus, settings.index, settings, FakeEncoder).ok
    return load_index(settings.index).documents


def test_the_development_set_meets_the_floors(finder_set_index: dict[str, dict[str, Any]]) -> None:
    """bench.finder's measures on its report notices, with the same index pipeline: verdicts, unmet
    conditions named, and no notice out of force or with a closed window offered as "may apply"."""
    from bench import finder

    judged = finder.judge(finder_set_index)
    scores = finder.score(judged, finder_set_index, "report")
    assert scores["verdict_agreement"] >= 0.9 and scores["unmet_named"] >= 0.85
    assert scores["applicable_but_closed"] == 0 and scores["not_conditions_read"] == 0
    assert scores["quote_is_the_statement"] == 1.0
    assert finder.score(judged, finder_set_index, "fit")["applicable_but_closed"] == 0


def test_an_excepted_place() -> None:
    cond = {"type": "region", "value": ["Suzhou"], "op": "not_in"}
    assert [verdict(cond, Profile(region=r)) for r in ("Wuxi", "吴江区", "江苏", None)] == \
        ["met", "unmet", "unknown", "unknown"]
    [item] = checklist({"conditions": [cond]}, Profile(region="Nantong"), "zh")
    assert item["requirement"] == "注册地不在苏州" and item["status"] == "met"


def test_a_notice_of_unknown_validity_is_listed_when_it_states_conditions() -> None:
    """A reply or an English notice with no document number and no stated period is still a notice to
    companies: listed with its status; a dated news article that states no condition is not a policy."""
    cond = {"type": "region", "value": ["Keqiao"], "quote": "注册地在柯桥区的企业。"}
    docs = {"reply": {"title": "关于境外参展补助有关问题的答复", "date": "2026-11-24",
                      "eligibility": {"conditions": [cond]}},
            "news": {"title": "Exports rose", "date": "2026-11-20", "eligibility": {"conditions": []}}}
    keqiao, hangzhou = Profile(region="柯桥区"), Profile(region="杭州市")
    result = find_policies(docs, keqiao, DAY, "zh")
    [record] = result["applicable"]
    assert record["doc_id"] == "reply" and record["status"] == "unknown" and not result["not_applicable"]
    assert assess("reply", docs, keqiao, DAY, "zh")["verdict"] == "applicable"
    assert find_policies(docs, hangzhou, DAY, "zh")["not_applicable"][0]["doc_id"] == "reply"
    assert assess("news", docs, keqiao, DAY, "zh")["verdict"] == "not_applicable"


def test_below_designated_size_is_the_profile_not_above_it() -> None:
    cond = {"type": "enterprise_size", "value": ["below_designated_size"]}
    assert [verdict(cond, Profile(above_designated_size=v)) for v in (False, True, None)] == ["met", "unmet", "unknown"]
