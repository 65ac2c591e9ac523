"""The document view every citation links to, over the whole app with the fake encoder (fast)."""

from __future__ import annotations

import json
import re

from ui.document_view import view_url

PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def _app(fake_app, small_corpus, **settings):
    (small_corpus / "evil.txt").write_text(
        f"Evil notice {PAYLOAD}\n\nThe evil subsidy pays {PAYLOAD} 40 yuan per loom to weaving cooperatives.\n",
        encoding="utf-8")
    (small_corpus / "evil.meta.json").write_text(json.dumps({
        "title": f"Evil {PAYLOAD}", "url": "javascript:alert(3)", "issuer": PAYLOAD}), encoding="utf-8")
    (small_corpus / "loans.meta.json").write_text(json.dumps({"url": "https://example.org/loans?a=1&b=2"}),
                                                 encoding="utf-8")
    return fake_app(**settings)


def test_the_view_shows_the_card_and_highlights_the_cited_passage(fake_app, small_corpus) -> None:
    client = _app(fake_app, small_corpus)
    card = client.get("/api/documents/loans").json()
    cited = card["passages"][-1]["chunk_id"]
    page = client.get(view_url("loans", cited, "en").split("#")[0])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    html = page.text
    assert f"<h1>{card['title']}</h1>" in html
    assert html.count('class="passage cited" id="cited"') == 1
    assert html.count('class="passage"') == len(card["passages"]) - 1
    assert '<a href="https://example.org/loans?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">' in html
    assert "Passage 1" in html and "cited" in html and "Original page" in html
    zh = client.get("/api/documents/loans/view", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).text
    assert '<html lang="zh-CN">' in zh and "原文网址" in zh and 'id="cited"' not in zh  # no chunk: none cited


def test_document_text_and_metadata_never_render_as_markup(fake_app, small_corpus) -> None:
    html = _app(fake_app, small_corpus).get("/api/documents/evil/view?lang=en").text
    assert "<img" not in html and "<script" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_unknown_documents_and_bad_input(fake_app, small_corpus) -> None:
    client = _app(fake_app, small_corpus)
    missing = client.get("/api/documents/nope%3Cb%3E/view")
    assert missing.status_code == 404 and "<b>" not in missing.text and "No document" in missing.text
    assert client.get("/api/documents/loans/view?as_of=2024-13-45").status_code == 422
    assert client.get(f"/api/documents/loans/view?chunk={'x' * 65}").status_code == 422


def test_the_rate_limit_applies(fake_app, small_corpus) -> None:
    client = _app(fake_app, small_corpus, rate_limit_per_minute=2)
    codes = [client.get("/api/documents/loans/view").status_code for _ in range(4)]
    assert codes[:2] == [200, 200] and 429 in codes[2:]


def test_links_are_paths_on_this_server() -> None:
    assert view_url("a b/c", "1f", "zh") == "/api/documents/a%20b%2Fc/view?chunk=1f&lang=zh#cited"
    assert view_url("d") == "/api/documents/d/view"
    assert not re.search(r"[<>\"' ]", view_url('x"><script>', "c", "en"))
