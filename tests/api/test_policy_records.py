"""The done-when corpus through the HTTP API: an expired notice, a notice and the one that replaced
it, Chinese notices with a validity period (tests/data/policy_corpus), with the fake encoder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA

FIELDS = ("title", "issuer", "doc_number", "date", "effective_date", "expiry_date", "superseded_by", "status")
TODAY = "2026-11-30"
EXPECTED = {
    "exhibition_2021": ("Notice on Support for Exhibiting at Overseas Textile Trade Fairs",
                        "Keqiao District Bureau of Commerce", "Ke Shang [2021] No. 7", "2021-03-10",
                        "2021-04-01", "2022-12-31", None, "expired"),
    "subsidy_2022": ("Notice on Subsidies for Export Credit Insurance Premiums of Textile SMEs",
                     "Shaoxing Municipal Bureau of Commerce", "Shao Shang [2022] No. 15", "2022-02-15",
                     "2022-03-01", None, "subsidy_2024", "superseded"),
    "subsidy_2024": ("Notice on Raising the Export Credit Insurance Subsidy for Textile SMEs",
                     "Shaoxing Municipal Bureau of Commerce", "Shao Shang [2024] No. 3", "2023-12-20",
                     "2024-01-01", None, None, "in_force"),
    "keqiao_2025": ("绍兴市柯桥区人民政府关于印发《柯桥区纺织企业数字化改造扶持办法》的通知", "绍兴市柯桥区人民政府",
                    "柯政发〔2025〕8号", "2025-01-10", "2025-02-01", "2028-01-31", None, "in_force"),
    "zj_2023": ("浙江省商务厅关于支持纺织服装企业参加境外展会的通知", "浙江省商务厅", "浙商务发［2023］12号",
                "2023-03-01", "2023-03-01", None, "zj_2025", "superseded"),
    "zj_2025": ("关于进一步支持纺织服装企业开拓境外市场的通知", "浙江省商务厅 浙江省财政厅", "浙商务发〔2025〕3号",
                "2025-02-10", "2025-03-01", "2027-12-31", None, "in_force"),
}
INSURANCE = "What subsidy do textile SMEs get for export credit insurance premiums?"


@pytest.fixture
def api(fake_app, tmp_path: Path):
    corpus = tmp_path / "policies"
    shutil.copytree(DATA / "policy_corpus", corpus)
    return fake_app(corpus=corpus)


def test_every_field_is_right_in_the_documents_list(api) -> None:
    response = api.get("/api/documents", params={"as_of": TODAY})
    assert response.status_code == 200
    got = {d["doc_id"]: tuple(d[f] for f in FIELDS) for d in response.json()}
    assert got == EXPECTED


@pytest.mark.parametrize(("as_of", "statuses"), [
    ("2022-01-01", {"exhibition_2021": "in_force", "subsidy_2022": "not_yet_effective",
                    "zj_2025": "not_yet_effective"}),
    ("2024-06-01", {"subsidy_2022": "superseded", "zj_2023": "in_force", "keqiao_2025": "not_yet_effective"}),
    ("2028-01-31", {"keqiao_2025": "in_force", "zj_2025": "expired"}),
    ("2028-02-01", {"keqiao_2025": "expired", "subsidy_2024": "in_force"}),
])
def test_status_follows_as_of(api, as_of: str, statuses: dict[str, str]) -> None:
    docs = {d["doc_id"]: d["status"] for d in api.get("/api/documents", params={"as_of": as_of}).json()}
    assert {k: docs[k] for k in statuses} == statuses


def test_the_policy_card_names_what_it_replaced_and_holds_the_passages(api) -> None:
    card = api.get("/api/documents/subsidy_2024", params={"as_of": TODAY}).json()
    assert (card["status"], card["as_of"], card["replaces"]) == ("in_force", TODAY, ["subsidy_2022"])
    assert card["passages"] and all(p["text"] for p in card["passages"])
    old = api.get("/api/documents/subsidy_2022", params={"as_of": "2023-01-01"}).json()
    assert (old["status"], old["superseded_by"], old["replaces"]) == ("in_force", "subsidy_2024", [])


def test_as_of_must_be_an_iso_date(api) -> None:
    assert api.get("/api/documents", params={"as_of": "2024/06/01"}).status_code == 422
    assert api.get("/api/documents/zj_2025", params={"as_of": "2024-02-30"}).status_code == 422
    assert api.post("/api/ask", json={"question": INSURANCE, "as_of": "tomorrow"}).status_code == 422
    assert api.post("/api/ask", json={"question": INSURANCE, "in_force_only": "yes"}).status_code == 422


def test_in_force_only_and_as_of_through_ask(api) -> None:
    now = api.post("/api/ask", json={"question": INSURANCE, "in_force_only": True, "as_of": TODAY}).json()
    assert {c["doc_id"] for c in now["citations"]} <= {"subsidy_2024", "keqiao_2025", "zj_2025"}
    assert all(c["status"] == "in_force" for c in now["citations"])
    then = api.post("/api/ask", json={"question": INSURANCE, "in_force_only": True, "as_of": "2022-06-01"}).json()
    assert then["citations"][0]["doc_id"] == "subsidy_2022"  # what applied then, its successor never
    assert "subsidy_2024" not in {c["doc_id"] for c in then["citations"]}
    assert all(c["status"] == "in_force" for c in then["citations"])
    flagged = api.post("/api/ask", json={"question": INSURANCE, "as_of": TODAY}).json()
    old = next(c for c in flagged["citations"] if c["doc_id"] == "subsidy_2022")
    assert (old["status"], old["superseded_by"], old["doc_number"]) == ("superseded", "subsidy_2024",
                                                                        "Shao Shang [2022] No. 15")


def test_an_in_force_only_abstention_names_the_expired_notice(api) -> None:
    body = {"question": "booth fee subsidy for overseas textile trade fairs", "in_force_only": True,
            "as_of": TODAY, "doc_ids": ["exhibition_2021"]}
    answer = api.post("/api/ask", json=body).json()
    assert answer["abstained"] and answer["citations"] == []
    assert "The notice that covered this, Ke Shang [2021] No. 7, expired on 2022-12-31." in answer["answer"]


def test_the_openapi_schema_documents_the_fields_and_parameters(api) -> None:
    schema = api.get("/openapi.json").json()
    parts = schema["components"]["schemas"]
    ask = parts["AskRequest"]["properties"]
    assert {"as_of", "in_force_only"} <= set(ask) and ask["in_force_only"]["description"]
    for model in ("CitationOut", "DocumentOut", "DocumentCard"):
        props = parts[model]["properties"]
        assert {"issuer", "doc_number", "effective_date", "expiry_date", "superseded_by", "status"} <= set(props)
        assert all(props[f].get("description") for f in ("doc_number", "expiry_date", "status")), model
    assert set(parts["CitationOut"]["properties"]["status"]["enum"]) == {
        "in_force", "expired", "superseded", "not_yet_effective", "unknown"}
    params = {p["name"] for p in schema["paths"]["/api/documents"]["get"]["parameters"]}
    assert "as_of" in params


def test_an_index_from_before_the_policy_fields_lists_them_as_null(fake_app, tmp_path: Path) -> None:
    index = tmp_path / "legacy"
    shutil.copytree(DATA / "legacy_index", index)
    docs = fake_app(index=index).get("/api/documents").json()
    assert len(docs) == 3
    for doc in docs:
        assert (doc["doc_number"], doc["effective_date"], doc["expiry_date"], doc["superseded_by"]) == (None,) * 4
        assert doc["status"] == "unknown" and doc["title"]


def test_uploading_the_replacement_marks_the_old_notice_and_deleting_it_restores_it(fake_app, tmp_path: Path) -> None:
    from tests.conftest import ADMIN_KEY

    corpus = tmp_path / "policies"
    shutil.copytree(DATA / "policy_corpus", corpus)
    (corpus / "subsidy_2024.txt").unlink()
    api = fake_app(corpus=corpus)
    auth = {"Authorization": f"Bearer {ADMIN_KEY}"}

    def status(doc_id: str) -> tuple[str, str | None]:
        doc = api.get(f"/api/documents/{doc_id}", params={"as_of": TODAY}).json()
        return doc["status"], doc["superseded_by"]

    assert status("subsidy_2022") == ("in_force", None)
    content = (DATA / "policy_corpus" / "subsidy_2024.txt").read_bytes()
    assert api.post("/api/documents", headers=auth, files={"file": ("subsidy_2024.txt", content)}).status_code == 201
    assert status("subsidy_2022") == ("superseded", "subsidy_2024")
    assert api.delete("/api/documents/subsidy_2024", headers=auth).status_code == 200
    assert status("subsidy_2022") == ("in_force", None)
