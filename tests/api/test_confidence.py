"""The confidence of an answer and of each citation through /api/ask, with the fake encoder."""

from __future__ import annotations


def test_answers_and_citations_carry_a_confidence(fake_app) -> None:
    api = fake_app()
    question = "How many textile and garment industrial clusters are there in China?"
    body = api.post("/api/ask", json={"question": question}).json()
    assert not body["abstained"]
    assert all(c["confidence"] in ("direct", "related") for c in body["citations"])
    assert body["confidence"] == body["citations"][0]["confidence"] == "direct"  # "216 … clusters"
    off = api.post("/api/ask", json={"question": "Who won the 2022 FIFA World Cup in Qatar?"}).json()
    assert off["abstained"] and off["confidence"] is None and off["citations"] == []


def test_the_schema_documents_the_confidence(fake_app) -> None:
    parts = fake_app().get("/openapi.json").json()["components"]["schemas"]
    citation = parts["CitationOut"]["properties"]["confidence"]
    assert set(citation["enum"]) == {"direct", "related"} and citation["description"]
    assert "confidence" in parts["AskResponse"]["properties"]
