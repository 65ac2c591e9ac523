"""The widget in a real browser: Debian's Chromium driven by Playwright, the real app under uvicorn,
and host pages served from a different origin (another port), so every call is cross-origin."""

from __future__ import annotations

import json
import os
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.settings import Settings
from tests.ui.conftest import CHROMIUM, SHADOW, TIMEOUT_MS, serve_app

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

LOAN_QUESTION = "Which bank gives market-procurement loans?"
PAYLOAD = """<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>"""

if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed: run `make browser`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect


# --- servers (host, api, browser and open_page are in conftest.py) --------------------------


@pytest.fixture(scope="module")
def xss_api(host, real_settings: Settings, tmp_path_factory) -> Iterator[str]:
    """A separate index whose document carries markup and script in its text and title."""
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder

    base = tmp_path_factory.mktemp("xss")
    corpus = base / "corpus"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "small_corpus", corpus)
    (corpus / "quillmoor.txt").write_text(
        "Quillmoor Weaving Subsidy Notice\nPublished: 3 March 2021\n\n"
        f"Applicants to the Quillmoor weaving subsidy once typed {PAYLOAD} into the online "
        "application form.\n"
        "The Quillmoor office says such text is now shown as plain text.\n"
        "The Quillmoor weaving subsidy pays 40 yuan per loom to weaving cooperatives.\n",
        encoding="utf-8",
    )
    (corpus / "quillmoor.meta.json").write_text(json.dumps({
        "title": f"Quillmoor notice {PAYLOAD}", "url": "javascript:window.__pwned=1",
    }), encoding="utf-8")
    settings = real_settings.model_copy(update={"corpus": corpus, "index": base / "index",
                                                "cors_origins": [host.origin]})
    report = build_index(corpus, settings.index, settings, lambda: get_encoder(EncoderSpec.of(settings)))
    assert report.ok, report
    with serve_app(settings) as origin:
        yield origin


@pytest.fixture(scope="module")
def empty_api(host, tmp_path_factory) -> Iterator[str]:
    """No index built: /api/ask answers 503 with a message."""
    settings = Settings(index=tmp_path_factory.mktemp("none") / "index", cors_origins=[host.origin])
    with serve_app(settings) as origin:
        yield origin


def launcher(page):
    return page.get_by_role("button", name="Ask about policies")


def panel(page):
    return page.get_by_role("dialog", name="Policy questions")


def ask(page, question: str | None = None) -> None:
    box = page.get_by_role("textbox", name="Your question")
    if question is not None:
        box.fill(question)
    box.press("Enter")


def shadow_focus(page) -> str | None:
    return page.evaluate(f"(() => {{ const a = {SHADOW}.activeElement; "
                         "return a && (a.getAttribute('aria-label') || a.id || a.className); })()")


# --- tests ----------------------------------------------------------------------------------


def test_answer_with_citations_by_keyboard(open_page):
    page = open_page("demo.html")
    button = launcher(page)
    expect(button).to_be_visible()
    expect(panel(page)).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")
    expect(panel(page)).to_be_visible()
    assert shadow_focus(page) == "Your question"  # focus moved into the panel
    box = page.get_by_role("textbox", name="Your question")
    expect(box).to_have_value(LOAN_QUESTION)  # data-policybot-question

    # Hold the answer back to see the loading state, then let it through.
    held = []
    page.route("**/api/ask", lambda route: held.append(route))
    ask(page)
    expect(page.locator("policybot-widget [role=status]")).to_contain_text("Searching")
    expect(panel(page)).to_have_attribute("aria-busy", "true")
    deadline = time.monotonic() + 10
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    held[0].continue_()
    page.unroute("**/api/ask")

    answer = page.locator("policybot-widget .a").first
    expect(answer).to_contain_text("Ruifeng", timeout=TIMEOUT_MS)
    expect(panel(page)).to_have_attribute("aria-busy", "false")
    expect(page.locator("policybot-widget [role=status]")).to_have_text("")
    titles = page.locator("policybot-widget .cite .ct")
    expect(titles.first).to_be_visible()
    assert titles.first.inner_text().strip()
    expect(page.locator("policybot-widget .cite .passage").first).not_to_be_empty()

    if path := os.environ.get("POLICYBOT_WIDGET_SCREENSHOT"):
        page.screenshot(path=path)

    # Each [n] marker leads to its citation.
    ref = page.get_by_role("button", name="Source 1").first
    expect(ref).to_have_text("[1]")
    ref.click()
    assert shadow_focus(page) == "pb-t1-c1"

    # A follow-up sends the earlier turn as history.
    with page.expect_request("**/api/ask") as request:
        ask(page, "And what problem does that loan solve?")
    body = json.loads(request.value.post_data)
    assert body["top_k"] == 5 and body["question"] == "And what problem does that loan solve?"
    assert [t["question"] for t in body["history"]] == [LOAN_QUESTION]
    assert "Ruifeng" in body["history"][0]["answer"]
    expect(page.locator("policybot-widget .a")).to_have_count(2)

    # Escape closes the panel and gives focus back to the button.
    page.keyboard.press("Escape")
    expect(panel(page)).to_be_hidden()
    assert shadow_focus(page) == "Ask about policies"
    expect(button).to_have_attribute("aria-expanded", "false")


def test_document_markup_is_shown_as_text_and_never_runs(open_page, xss_api):
    page = open_page("demo.html", api=xss_api)
    launcher(page).click()
    ask(page, "What did applicants to the Quillmoor weaving subsidy type into the online application form?")
    # The payload is quoted in the answer, in the cited passage and in the cited title: as text.
    expect(page.locator("policybot-widget .a")).to_contain_text(PAYLOAD, timeout=TIMEOUT_MS)
    expect(page.locator("policybot-widget .cite .passage").first).to_contain_text(PAYLOAD)
    expect(page.locator("policybot-widget .cite .ct").first).to_contain_text(f"Quillmoor notice {PAYLOAD}")
    page.wait_for_timeout(300)  # give an injected onerror handler time to fire
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate(f"{SHADOW}.querySelectorAll('img, script, iframe').length") == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    # The sidecar's javascript: URL is not turned into a link; the only links are the document views.
    links = page.evaluate(f"[...{SHADOW}.querySelectorAll('a')].map(a => a.href)")
    assert links and all(link.startswith(f"{xss_api}/api/documents/") and "/view?" in link for link in links), links


def test_abstention_shows_not_covered(open_page):
    page = open_page("demo.html")
    launcher(page).click()
    ask(page, "How do I reset my iPhone password?")
    state = page.locator("policybot-widget .nc")
    expect(state).to_contain_text("Not covered by our documents", timeout=TIMEOUT_MS)
    expect(page.locator("policybot-widget .cite")).to_have_count(0)
    expect(page.locator("policybot-widget [role=alert]")).to_be_hidden()


def test_unreachable_service_shows_an_error(open_page):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    page = open_page("demo.html", endpoint=f"http://127.0.0.1:{closed}")
    launcher(page).click()
    ask(page)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("could not be reached", timeout=TIMEOUT_MS)
    expect(panel(page)).to_have_attribute("aria-busy", "false")
    expect(page.get_by_role("button", name="Send")).to_be_enabled()


def test_error_status_shows_the_detail(open_page, empty_api):
    page = open_page("demo.html", api=empty_api)
    launcher(page).click()
    ask(page)
    expect(page.get_by_role("alert")).to_contain_text("policybot index", timeout=TIMEOUT_MS)


def test_origin_not_allowed_cannot_read_answers_and_is_named(open_page, host, caplog):
    """A CORS refusal does not look like an outage: the page says the site is not allowed, the
    console and the server's log name the origin and POLICYBOT_CORS_ORIGINS."""
    caplog.set_level("WARNING", logger="ui.widget")
    # Same server, but the page's origin is http://localhost:PORT, which is not in the list.
    page = open_page("demo.html")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "warning" else None)
    page.goto(page.url.replace("127.0.0.1", "localhost"))
    origin = page.evaluate("location.origin")
    launcher(page).click()
    ask(page)
    expect(page.get_by_role("alert")).to_contain_text("does not accept questions from this site", timeout=TIMEOUT_MS)
    expect(page.locator("policybot-widget .a")).to_have_count(0)
    [warning] = [line for line in console if "POLICYBOT_CORS_ORIGINS" in line]
    assert origin in warning
    ask(page)  # the console says it once
    expect(page.get_by_role("alert")).to_contain_text("does not accept questions", timeout=TIMEOUT_MS)
    assert len([line for line in console if "POLICYBOT_CORS_ORIGINS" in line]) == 1
    logged = [r.getMessage() for r in caplog.records if r.name == "ui.widget"]
    assert len([m for m in logged if origin in m and "POLICYBOT_CORS_ORIGINS" in m]) == 1, logged


BUTTON_STYLE = f"""(() => {{
  const s = getComputedStyle({SHADOW}.querySelector('.launcher'));
  const r = {SHADOW}.querySelector('.launcher').getBoundingClientRect();
  return {{color: s.color, background: s.backgroundColor, fontSize: s.fontSize, font: s.fontFamily,
          border: s.borderTopWidth, padding: s.paddingTop, position: s.position, z: s.zIndex,
          opacity: s.opacity, letterSpacing: s.letterSpacing, width: r.width, height: r.height,
          right: innerWidth - r.right, bottom: innerHeight - r.bottom}};
}})()"""
OWN_STYLE = """(() => { const s = getComputedStyle(document.getElementById('own'));
  return [s.color, s.backgroundColor, s.fontSize, s.fontFamily, s.paddingTop, s.borderTopWidth]; })()"""


def test_host_css_does_not_reach_the_widget_and_back(open_page):
    clean = open_page("demo.html")
    expect(launcher(clean)).to_be_visible()
    reference = clean.evaluate(BUTTON_STYLE)
    assert reference["fontSize"] == "24px" and reference["width"] == 56 and reference["z"] == "2147483647"
    # The widget's styles do not leak out onto the page either.
    assert clean.evaluate(OWN_STYLE) == open_page("demo.html", nowidget="1").evaluate(OWN_STYLE)

    hostile = open_page("hostile.html")
    expect(launcher(hostile)).to_be_visible()
    assert hostile.evaluate(OWN_STYLE)[2] == "40px"  # the page's CSS does apply to the page
    assert hostile.evaluate(BUTTON_STYLE) == reference

    # Two script tags: the guard makes the second a no-op, so there is exactly one widget ...
    assert hostile.locator("policybot-widget").count() == 1
    expect(launcher(hostile)).to_have_count(1)
    # ... and it works: above the page's own top layer, calling the origin it came from.
    launcher(hostile).click()
    ask(hostile, LOAN_QUESTION)
    expect(hostile.locator("policybot-widget .a")).to_contain_text("Ruifeng", timeout=TIMEOUT_MS)
    text = hostile.evaluate(f"getComputedStyle({SHADOW}.querySelector('.a'))"
                            ".getPropertyValue('font-size')")
    assert text == "14px"


def test_narrow_viewport_panel_is_full_width(open_page):
    page = open_page("demo.html", viewport={"width": 375, "height": 667})
    launcher(page).click()
    box = panel(page).bounding_box()
    assert box["x"] == 0 and box["width"] == 375 and box["height"] <= 667
    ask(page)
    expect(page.locator("policybot-widget .a")).to_contain_text("Ruifeng", timeout=TIMEOUT_MS)
    # Long passages wrap inside the panel instead of widening it.
    assert page.evaluate(f"(() => {{ const l = {SHADOW}.querySelector('.log'); "
                         "return l.scrollWidth <= l.clientWidth; })()")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Full screen, the panel's own controls are not covered (the floating button steps aside).
    page.get_by_role("button", name="Send").click(trial=True)
    page.get_by_role("textbox", name="Your question").click(trial=True)
    close = page.get_by_role("button", name="Close")
    expect(close).to_be_visible()
    close.click()
    expect(panel(page)).to_be_hidden()
    expect(launcher(page)).to_be_visible()
    assert shadow_focus(page) == "Ask about policies"

    wide = open_page("demo.html")
    launcher(wide).click()
    assert panel(wide).bounding_box()["width"] == 380  # a floating panel on larger screens


@pytest.mark.parametrize(("lang", "page_name", "opener", "box", "direct", "related", "hint"), [
    ("en", "demo.html", "Ask about policies", "Your question", "answers the question", "related passage",
     "may not answer it directly"),
    ("zh", "zh.html", "咨询政策问题", "您的问题", "直接回答", "相关内容", "可能没有直接回答"),
])
def test_a_quote_that_answers_is_marked_apart_from_a_related_one(open_page, lang, page_name, opener, box, direct,
                                                                 related, hint):
    def cite(n: int, confidence: str) -> dict:
        return {"n": n, "doc_id": f"d{n}", "chunk_id": f"c{n}", "text": f"Passage {n}.", "score": 0.8,
                "title": f"Title {n}", "source": f"d{n}.txt", "lang": "en", "status": "unknown",
                "confidence": confidence}

    def answer(confidence: str, *citations: dict) -> str:
        return json.dumps({"answer": "Passage 1. [1] Passage 2. [2]", "abstained": False, "answer_id": "x",
                           "lang": lang, "confidence": confidence, "citations": list(citations)})

    page = open_page(page_name)
    replies = [answer("direct", cite(1, "direct"), cite(2, "related")), answer("related", cite(1, "related"))]
    page.route("**/api/ask", lambda route: route.fulfill(status=200, content_type="application/json",
                                                         body=replies.pop(0)))
    page.get_by_role("button", name=opener).click()
    page.get_by_role("textbox", name=box).fill("How many suppliers joined?")
    page.get_by_role("textbox", name=box).press("Enter")
    first = page.locator("policybot-widget .turn").nth(0)
    expect(first.locator(".cite").nth(0).locator(".conf.direct")).to_have_text(direct, timeout=TIMEOUT_MS)
    expect(first.locator(".cite").nth(1).locator(".conf")).to_have_text(related)
    expect(first.locator(".hint")).to_have_count(0)
    page.get_by_role("textbox", name=box).fill("And how many staff?")
    page.get_by_role("textbox", name=box).press("Enter")
    second = page.locator("policybot-widget .turn").nth(1)
    expect(second.locator(".hint")).to_contain_text(hint, timeout=TIMEOUT_MS)
    expect(second.locator(".conf.direct")).to_have_count(0)
