"""Eligibility conditions, benefits and application steps read from English and Chinese notices."""

from __future__ import annotations

import time

import pytest

from core.records import Chunk
from indexer.documents.chunking import split_sentences
from indexer.notice.eligibility import amount, conditions_in, extract_eligibility
from indexer.notice.places import canonical, within
from tests.conftest import DATA

FINDER = DATA / "finder_corpus"


def _chunk(text: str, doc_id: str = "d", title: str = "A title") -> Chunk:
    return Chunk(doc_id=doc_id, text=text, position=0, sentences=tuple(split_sentences(text)), title=title, source="s")


def _typed(sentence: str) -> dict[str, tuple]:
    return {c["type"]: (c.get("op"), c["value"]) for c in conditions_in(sentence)}


@pytest.mark.parametrize(("text", "expected"), [
    ("USD 10 million", (10_000_000, "USD")),
    ("$5m", (5_000_000, "USD")),
    ("US$2.5 million", (2_500_000, "USD")),
    ("50 million US dollars", (50_000_000, "USD")),
    ("1000万美元", (10_000_000, "USD")),
    ("5亿元", (500_000_000, "CNY")),
    ("200万元", (2_000_000, "CNY")),
    ("300,000 yuan", (300_000, "CNY")),
    ("RMB 1 million", (1_000_000, "CNY")),
    ("¥80,000", (80_000, "CNY")),
])
def test_amounts(text: str, expected: tuple[float, str]) -> None:
    assert amount(text) == expected


@pytest.mark.parametrize("text", ["300 employees", "60%", "2025", "no number here"])
def test_no_currency_no_amount(text: str) -> None:
    assert amount(text) is None


@pytest.mark.parametrize(("sentence", "kind", "op", "value"), [
    ("Enterprises with annual exports below USD 10 million may apply.", "annual_exports_usd_max", "<", 10e6),
    ("Applicants must have annual exports of no more than $8m.", "annual_exports_usd_max", "<=", 8e6),
    ("The scheme is open to firms with annual export value of at least $5m.", "annual_exports_usd_min", ">=", 5e6),
    ("申报条件：上年度出口额不超过1000万美元的企业。", "annual_exports_usd_max", "<=", 10e6),
    ("申请企业年出口额在500万美元以上。", "annual_exports_usd_min", ">=", 5e6),
    ("申请企业年出口额低于2亿元。", "annual_exports_cny_max", "<", 2e8),
    ("Firms whose annual export volume did not exceed USD 20 million may apply.", "annual_exports_usd_max", "<=", 2e7),
    ("申报企业年营业收入4亿元以下。", "annual_revenue_cny_max", "<=", 4e8),
    ("Applicants must have an annual turnover of at least $2m.", "annual_revenue_usd_min", ">=", 2e6),
    ("Enterprises with export sales revenue below USD 5 million may apply.", "annual_exports_usd_max", "<", 5e6),
    ("Enterprises with fewer than 300 employees are eligible.", "employees_max", "<", 300),
    ("Eligible firms employ no more than 200 people.", "employees_max", "<=", 200),
    ("Applicants must have employees of no less than 500.", "employees_min", ">=", 500),
    ("申报企业从业人员300人以下。", "employees_max", "<=", 300),
    ("申报企业职工人数不少于100人。", "employees_min", ">=", 100),
])
def test_thresholds(sentence: str, kind: str, op: str, value: float) -> None:
    assert _typed(sentence)[kind] == (op, value)


@pytest.mark.parametrize(("sentence", "places"), [
    ("Applicants must be registered in Shaoxing City.", ["Shaoxing"]),
    ("The scheme is open to enterprises incorporated in Keqiao District, Shaoxing.", ["Keqiao"]),
    ("Enterprises registered in Hangzhou or Ningbo may apply.", ["Hangzhou", "Ningbo"]),
    ("申报条件：在绍兴市柯桥区依法注册的企业。", ["Keqiao"]),
    ("申报企业注册地在浙江省的，可以申请。", ["Zhejiang"]),
    ("Enterprises with a registered address in Shaoxing may apply.", ["Shaoxing"]),
    ("申请企业须在中华人民共和国境内依法注册。", ["China"]),  # not split at 和
    ("申报企业须在杭州市或宁波市注册。", ["Hangzhou", "Ningbo"]),
    ("The programme applies to SMEs in Zhejiang province.", ["Zhejiang"]),
])
def test_regions(sentence: str, places: list[str]) -> None:
    assert _typed(sentence)["region"] == (None, places)


def test_sector_size_first_time_and_violations() -> None:
    en = _typed("Eligible micro, small and medium textile and apparel firms exhibiting for the first time, "
                "with no record of violations, may apply.")
    assert en["sector"][1] == ["textile", "apparel"]
    assert en["enterprise_size"][1] == ["micro", "small", "medium"]
    assert en["first_time"][1] is True and en["no_violations"][1] is True
    zh = _typed("支持对象为首次参展的规模以上印染企业，且无重大违法违规记录。")
    assert zh["sector"][1] == ["dyeing"] and zh["enterprise_size"][1] == ["above_designated_size"]
    assert "first_time" in zh and "no_violations" in zh


def test_news_sentences_state_no_conditions() -> None:
    """A count or a sector in a report is not a condition: no eligibility or benefit wording."""
    assert conditions_in("More than 1,300 staff from textile companies attended the fair in Hangzhou.") == []
    assert conditions_in("纺织行业去年出口增长了15%。") == []
    assert conditions_in("Grants go to companies in Phase Two of the park.") == []  # not a place


def test_fixture_notices() -> None:
    """Both fixture notices: each typed condition with its quote and chunk; benefit and how to apply."""
    en = extract_eligibility([_chunk((FINDER / "export_sme_2025.txt").read_text(), "export_sme_2025")])
    kinds = {c["type"]: c for c in en["conditions"]}
    assert set(kinds) >= {"region", "annual_exports_usd_max", "employees_max", "no_violations", "sector",
                          "enterprise_size"}
    assert kinds["region"]["quote"] == "Applicants must be registered in Shaoxing City."
    assert kinds["region"]["citation"]["doc_id"] == "export_sme_2025"
    assert kinds["region"]["citation"]["chunk_id"]
    assert en["benefits"][0]["rate"] == "40%"
    assert en["benefits"][0]["cap"] == {"amount": 500_000, "currency": "CNY", "text": "RMB 500,000"}
    assert en["application"][0]["deadline"] == "before 30 June 2026"
    assert en["application"][0]["channel"] == "Shaoxing Commerce Service Platform"
    zh = extract_eligibility([_chunk((FINDER / "keqiao_firsttime_2025.txt").read_text(), "k")])
    kinds = {c["type"]: c for c in zh["conditions"]}
    assert kinds["region"]["value"] == ["Keqiao"] and kinds["first_time"]["value"] is True
    assert kinds["annual_exports_usd_max"]["op"] == "<=" and kinds["employees_max"]["value"] == 300
    assert zh["benefits"][0]["cap"] == {"amount": 200_000, "currency": "CNY", "text": "20万元"}
    assert zh["application"][0]["deadline"] == "2026年9月30日前"
    assert zh["application"][0]["channel"] == "柯桥区商务服务平台"
    assert all(c["quote"] in (FINDER / "keqiao_firsttime_2025.txt").read_text() for c in zh["conditions"])


def test_untypable_condition_stays_as_text() -> None:
    found = extract_eligibility([_chunk("Applicants must hold a valid ISO 9001 certificate.")])
    assert found["conditions"] == [{"type": "text", "value": None, "quote": "Applicants must hold a valid ISO 9001 "
                                    "certificate.", "citation": found["conditions"][0]["citation"]}]


def test_headline_is_not_a_condition() -> None:
    text = "Notice on Subsidies for Textile SMEs\n\nThe city gives grants to shops."
    found = extract_eligibility([_chunk(text, title="Notice on Subsidies for Textile SMEs")])
    assert not [c for c in found["conditions"] if c["quote"].startswith("Notice on")]


def test_places() -> None:
    assert canonical("绍兴") == canonical("Shaoxing") == "Shaoxing"
    assert canonical("柯桥区") == canonical("Keqiao District") == "Keqiao"
    assert within("Keqiao", "Zhejiang") is True
    assert within("Hangzhou", "Shaoxing") is False
    assert within("Zhejiang", "Keqiao") is None  # a Zhejiang company may or may not be in Keqiao
    assert canonical("   ") is None


@pytest.mark.parametrize("hostile", [
    "annual exports below " + "1," * 50_000,
    "出口额" * 30_000 + "以下",
    "registered in " + "Aa " * 40_000,
    "在" + "绍" * 60_000 + "注册",
    "up to " + "9" * 100_000,
    "within " + "a " * 50_000 + "days",
])
def test_hostile_text_is_linear(hostile: str) -> None:
    started = time.perf_counter()
    extract_eligibility([_chunk(hostile + "。" + hostile)])
    assert time.perf_counter() - started < 2.0


def test_an_index_from_before_gains_conditions_without_re_embedding(tmp_path, small_corpus, fake_encoder,
                                                                    monkeypatch) -> None:
    """The legacy index (no ``eligibility``) loads, and the next build reads the conditions from its
    stored passages, reusing every vector (under the pipeline version the fixture was built by)."""
    import shutil

    monkeypatch.setattr("indexer.load.PIPELINE_VERSION", "1")
    from core.settings import Settings
    from indexer.build import build_index
    from indexer.store.index_dir import load_index

    index = tmp_path / "index"
    shutil.copytree(DATA / "legacy_index", index)
    assert all("eligibility" not in e for e in load_index(index).documents.values())
    settings = Settings(corpus=small_corpus, index=index, model="fake")
    report = build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
    assert report.ok and report.embedded_chunks == 0
    entries = load_index(index).documents.values()
    assert entries and all(set(e["eligibility"]) == {"conditions", "benefits", "application"} for e in entries)
