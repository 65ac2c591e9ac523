"""Hostile files uploaded through the API (tests/data/hostile): a file that cannot be kept is a 422
with a JSON reason that names no server path, and the corpus stays as it was; a file whose metadata
is only partly usable is indexed without what it may not show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ADMIN_KEY, DATA

AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}
HOSTILE = DATA / "hostile"


def upload(client: Any, name: str) -> Any:
    return client.post("/api/documents", headers=AUTH,
                       files={"file": (name, (HOSTILE / name).read_bytes(), "application/octet-stream")})


@pytest.mark.parametrize(("name", "reason"), [
    ("surrogate_front_matter.md", "lone surrogate (U+D800)"),
    ("locked_password.pdf", "a password is needed"),
    ("deep.html", "256 or more levels deep"),
])
def test_a_file_that_cannot_be_kept_is_a_422_with_its_reason(fake_app, small_corpus: Path, tmp_path: Path,
                                                             name: str, reason: str) -> None:
    client = fake_app()
    before = sorted(p.name for p in small_corpus.iterdir() if not p.name.startswith("."))
    response = upload(client, name)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert reason in detail and name in detail
    assert str(tmp_path) not in response.text and str(small_corpus) not in response.text
    assert sorted(p.name for p in small_corpus.iterdir() if not p.name.startswith(".")) == before
    assert len(client.get("/api/documents").json()) == 3


def test_what_an_upload_may_not_show_is_dropped_and_reported(fake_app) -> None:
    client = fake_app()
    response = upload(client, "javascript_url.md")
    assert response.status_code == 201
    assert response.json()["report"]["notes"] == {
        "javascript_url.md": ["url dropped: only http(s) links are kept ('javascript' link)"]}
    assert client.get("/api/documents/javascript_url").json()["url"] is None
    assert upload(client, "bidi_title.md").status_code == 201
    card = client.get("/api/documents/bidi_title").json()
    assert (card["title"], card["issuer"], card["doc_number"]) == ("知通的助补会展", "柯桥区商务局",
                                                                   "柯商发〔2025〕6号")
    assert upload(client, "locked_aes256_empty.pdf").status_code == 201
    passages = client.get("/api/documents/locked_aes256_empty").json()["passages"]
    assert "Zhou Lihang" in " ".join(p["text"] for p in passages)
