"""POST /api/match and GET /api/feeds/policies.atom over the finder and policy fixture notices,
with the fake encoder: checklists, validation, access, rate limit, and a feed that is Atom."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import DATA

AS_OF = "2026-06-01"
ATOM = "{http://www.w3.org/2005/Atom}"
MEMBER = {"region": "Shaoxing", "sector": "textile", "annual_exports_usd": 8000000, "employees": 120,
          "enterprise_size": "small", "has_violations": False}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "policies"
    corpus.mkdir()
    for folder in ("finder_corpus", "policy_corpus"):
        for path in (DATA / folder).iterdir():
            shutil.copy(path, corpus / path.name)
    return corpus


@pytest.fixture
def api(fake_app, corpus: Path):
    return fake_app(corpus=corpus)


def _ids(records: list[dict]) -> list[str]:
    return [r["doc_id"] for r in records]


def test_match_done_when(api) -> None:
    profile = {**MEMBER, "region": "柯桥", "first_time": False}
    r = api.post("/api/match", json={"profile": profile, "as_of": AS_OF, "lang": "en"})
    assert r.status_code == 200, r.text
    body = r.json()
    first = body["applicable"][0]
    assert first["doc_id"] == "export_sme_2025" and first["unmet"] == first["unknown"] == 0
    assert all(i["status"] == "met" and i["quote"] and i["citation"]["chunk_id"] for i in first["checklist"])
    rejected = {r["doc_id"]: r for r in body["not_applicable"]}
    assert rejected["keqiao_firsttime_2025"]["reasons"] == ["First-time applicant"]
    assert body["profile"]["region_resolved"] == "Keqiao"


def test_unknown_fields_are_422(api) -> None:
    for body in ({"profile": {"turnover": 5}}, {"profile": {}, "extra": 1}, {"profile": {"employees": -1}},
                 {"profile": {"employees": "many"}}, {"profile": {"enterprise_size": "huge"}},
                 {"profile": {"region": "x" * 101}}, {"profile": {"annual_exports_usd": 1e300}},
                 {"profile": {"first_time": "yes"}}, {"profile": {"employees": True}},
                 {"profile": {"annual_exports_cny": False}}, {"profile": {"annual_exports_usd": "8000000"}},
                 {"as_of": "2026-13-45"}, {"as_of": "yesterday"}, {"lang": "fr"}, {"profile": []}):
        r = api.post("/api/match", json=body)
        assert r.status_code == 422, (body, r.text)
        assert "/work" not in r.text and "Traceback" not in r.text
    surrogate = api.post("/api/match", content=b'{"profile": {"region": "\\ud800"}}',
                         headers={"content-type": "application/json"})
    assert surrogate.status_code == 422


def test_empty_profile_lists_everything_in_force_unknown(api) -> None:
    body = api.post("/api/match", json={"as_of": AS_OF}).json()
    documents = {d["doc_id"]: d["status"] for d in api.get(f"/api/documents?as_of={AS_OF}").json()}
    assert sorted(_ids(body["applicable"])) == sorted(d for d, s in documents.items() if s == "in_force")
    assert body["not_applicable"] == []
    assert all(i["status"] == "unknown" for r in body["applicable"] for i in r["checklist"])


def test_chinese_requirements_by_default_for_a_chinese_profile(api) -> None:
    body = api.post("/api/match", json={"profile": {"region": "杭州"}, "as_of": AS_OF}).json()
    assert body["lang"] == "zh"
    rejected = {r["doc_id"]: r for r in body["not_applicable"]}
    assert "注册地在柯桥" in rejected["keqiao_firsttime_2025"]["reasons"]


def test_past_day_and_bad_json(api) -> None:
    body = api.post("/api/match", json={"as_of": "2021-06-01"}).json()
    assert "exhibition_2021" in _ids(body["applicable"]) and "export_sme_2025" not in _ids(body["applicable"])
    r = api.post("/api/match", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422


def test_same_access_and_limit_as_ask(fake_app, corpus: Path) -> None:
    api = fake_app(corpus=corpus, api_keys=["member-key"], allow_anonymous=False)
    assert api.post("/api/match", json={}).status_code == 401
    assert api.get("/api/feeds/policies.atom").status_code == 401
    headers = {"Authorization": "Bearer member-key"}
    assert api.post("/api/match", json={}, headers=headers).status_code == 200
    assert api.get("/api/feeds/policies.atom", headers=headers).status_code == 200
    limited = fake_app(corpus=corpus, rate_limit_per_minute=2)
    codes = [limited.post("/api/match", json={}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert limited.get("/api/feeds/policies.atom").status_code == 429


def test_body_size_is_bounded(api) -> None:
    r = api.post("/api/match", content=b'{"profile": {"region": "' + b"a" * 70_000 + b'"}}',
                 headers={"content-type": "application/json"})
    assert r.status_code == 413


def _feed(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (root.find(f"{ATOM}{tag}").text or "").strip(), tag
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated"):
            assert (entry.find(f"{ATOM}{tag}").text or "").strip(), tag
        assert entry.find(f"{ATOM}link").get("href")
    return root


def test_feed_is_atom(api) -> None:
    r = api.get(f"/api/feeds/policies.atom?as_of={AS_OF}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    root = _feed(r.text)
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert "Notice on Supporting Shaoxing Textile SMEs in Developing Export Markets" in titles
    assert len(titles) == len(api.post("/api/match", json={"as_of": AS_OF}).json()["applicable"])
    ids = [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids)


def test_feed_filtered_by_profile(api) -> None:
    r = api.get("/api/feeds/policies.atom", params={"region": "Hangzhou", "employees": 1000, "as_of": AS_OF})
    root = _feed(r.text)
    hrefs = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
    assert any(h.endswith("/api/documents/hangzhou_large_2025") for h in hrefs)
    assert not any(h.endswith("/api/documents/keqiao_firsttime_2025") for h in hrefs)  # registered in Keqiao
    assert not any(h.endswith("/api/documents/export_sme_2025") for h in hrefs)  # fewer than 300 employees
    assert root.find(f"{ATOM}link").get("href").endswith("/api/feeds/policies.atom?as_of=2026-06-01&employees=1000"
                                                          "&region=Hangzhou")
    assert api.get("/api/feeds/policies.atom?turnover=5").status_code == 422
    assert api.get("/api/feeds/policies.atom?employees=-3").status_code == 422


def test_feed_links_never_come_from_the_host_header(api, fake_app, corpus: Path) -> None:
    """A request's Host (or a forwarded host) never reaches the feed: a shared cache would serve
    the links to everyone. Without POLICYBOT_PUBLIC_URL the links are relative; with it, absolute."""
    spoofed = {"host": "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https"}
    r = api.get(f"/api/feeds/policies.atom?as_of={AS_OF}", headers=spoofed)
    assert r.status_code == 200 and "evil.example" not in r.text
    hrefs = [link.get("href") for link in _feed(r.text).iter(f"{ATOM}link")]
    assert hrefs and all(h.startswith("/api/") or h.startswith(("https://", "http://")) and "evil" not in h
                         for h in hrefs)
    assert hrefs[0] == "/api/feeds/policies.atom?as_of=2026-06-01"
    public = fake_app(corpus=corpus, public_url="https://policy.example.org/bot/")
    root = _feed(public.get(f"/api/feeds/policies.atom?as_of={AS_OF}", headers=spoofed).text)
    assert root.find(f"{ATOM}link").get("href") == "https://policy.example.org/bot/api/feeds/policies.atom?as_of=2026-06-01"
    assert any(e.find(f"{ATOM}link").get("href") == "https://policy.example.org/bot/api/documents/export_sme_2025"
               for e in root.findall(f"{ATOM}entry"))


def test_feed_survives_hostile_titles(fake_app, tmp_path: Path) -> None:
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "odd.md").write_text("# Notice \x01 <b>&amp; ]]> on grants\n\nEffective: 2025-01-01\n\n"
                                   "Enterprises registered in Shaoxing receive a grant of 10%, up to RMB 5,000.\n")
    api = fake_app(corpus=corpus)
    root = _feed(api.get(f"/api/feeds/policies.atom?as_of={AS_OF}").text)
    assert "<b>" in root.find(f"{ATOM}entry/{ATOM}title").text


def test_amounts_in_the_other_currency_at_the_administrators_rate(fake_app, corpus: Path) -> None:
    """A limit in 元 and a member stating USD: `unknown` without POLICYBOT_CNY_PER_USD; with it, decided
    and marked as resting on the rate, in /api/match and in the feed."""
    (corpus / "cny_limit_2025.txt").write_text(
        "Notice on Export Credit Insurance Premium Support\nEffective: 2025-01-01\n\n"
        "Enterprises registered in Shaoxing with annual exports of no more than RMB 50 million may apply.\n")
    body = {"profile": {"annual_exports_usd": 8000000}, "as_of": AS_OF, "lang": "en"}
    feed = f"/api/feeds/policies.atom?annual_exports_usd=8000000&as_of={AS_OF}"

    def cny_item(result: dict, group: str) -> dict:
        record = next(r for r in result[group] if r["doc_id"] == "cny_limit_2025")
        return next(i for i in record["checklist"] if i["type"] == "annual_exports_cny_max")

    def listed(api) -> bool:
        return any((e.find(f"{ATOM}link").get("href") or "").endswith("/api/documents/cny_limit_2025")
                   for e in _feed(api.get(feed).text).findall(f"{ATOM}entry"))

    plain = fake_app(corpus=corpus)
    item = cny_item(plain.post("/api/match", json=body).json(), "applicable")
    assert item["status"] == "unknown" and item["converted"] is None
    assert listed(plain)

    rated = fake_app(corpus=corpus, cny_per_usd=7.1)
    result = rated.post("/api/match", json=body).json()
    item = cny_item(result, "not_applicable")
    assert item["status"] == "unmet" and item["profile"] == "annual_exports_usd=8000000.0"
    assert item["converted"] == {"rate": 7.1, "from": "USD", "to": "CNY", "amount": 8000000.0,
                                 "value": 56800000.0, "near_limit": False, "margin": 0.05}
    assert "at 7.1 CNY per USD" in item["requirement"]
    assert not listed(rated)
    near = rated.post("/api/match", json={**body, "profile": {"annual_exports_usd": 7000000}}).json()
    assert cny_item(near, "applicable")["status"] == "unknown"
    assert cny_item(near, "applicable")["converted"]["near_limit"] is True


def test_a_closed_application_window_is_not_may_apply(api) -> None:
    """export_sme_2025 takes applications "before 30 June 2026": open on 1 June, closed on 1 July, in
    /api/match (with the reason and the quote) and in the feed."""
    profile = {**MEMBER, "region": "柯桥", "first_time": False}
    before = api.post("/api/match", json={"profile": profile, "as_of": AS_OF, "lang": "en"}).json()
    first = before["applicable"][0]
    assert first["doc_id"] == "export_sme_2025" and first["verdict"] == "applicable"
    assert first["window"]["state"] == "open" and first["window"]["line"] == "Applications open until 2026-06-30"
    after = api.post("/api/match", json={"profile": profile, "as_of": "2026-07-01", "lang": "en"}).json()
    assert "export_sme_2025" not in _ids(after["applicable"])
    closed = {r["doc_id"]: r for r in after["not_applicable"]}["export_sme_2025"]
    assert closed["verdict"] == "not_applicable" and closed["unmet"] == 0
    assert closed["reasons"] == ["Application window closed on 2026-06-30"]
    assert closed["window"]["quote"].startswith("Applications are submitted through the Shaoxing Commerce")
    zh = api.post("/api/match", json={"profile": profile, "as_of": "2026-07-01", "lang": "zh"}).json()
    assert {r["doc_id"]: r for r in zh["not_applicable"]}["export_sme_2025"]["reasons"] == ["申报已于2026-06-30截止"]
    for day, listed in ((AS_OF, True), ("2026-07-01", False)):
        root = _feed(api.get("/api/feeds/policies.atom", params={"region": "Keqiao", "as_of": day}).text)
        hrefs = [e.find(f"{ATOM}link").get("href") for e in root.findall(f"{ATOM}entry")]
        assert any(h.endswith("/api/documents/export_sme_2025") for h in hrefs) is listed, day
