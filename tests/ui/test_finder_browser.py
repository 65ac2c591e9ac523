"""The policy finder in a real browser: the chat's "Find policies for my company" tab and the widget's
finder mode (data-policybot-mode="finder"), each in Chinese and English, over the finder and policy
fixture notices. The app is the real one with the fake encoder (the finder reads the index's
records, not its vectors), so no model is loaded.

With POLICYBOT_SCREENSHOTS=DIR set, the Chinese finder tab and widget are saved there as PNG
(docs/screenshots/ holds the ones in docs/chat-and-widget.md)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.settings import Settings
from tests.conftest import DATA, FakeEncoder
from tests.ui.conftest import CHROMIUM, SHADOW, TIMEOUT_MS, serve_app

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed: run `make browser`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

SCREENSHOTS = os.environ.get("POLICYBOT_SCREENSHOTS")
AS_OF = "2026-06-01"
# What each language's form is filled with: a Keqiao textile SME exporting for the first time.
FORMS = {
    "zh": {"region": "柯桥区", "sector": "纺织", "exports": "8000000", "employees": "120", "size": "小型",
           "first_time": "是", "violations": "否"},
    "en": {"region": "Shaoxing", "sector": "textile", "exports": "8000000", "employees": "120", "size": "Small",
           "first_time": "No", "violations": "No"},
}

PAYLOAD = '<img src=x onerror="window.__pwned=1">'
MARKDOWN = "**bold** [x](javascript:window.__pwned=1)"
# A notice carrying markup in its title, record and condition sentences; in force from 2027 only,
# so the other tests (as of 2026) do not see it.
HOSTILE = f"""Notice on Quillmoor Weaving Support {PAYLOAD}
Issuer: Quillmoor Bureau <script>window.__pwned=1</script>
Doc. No.: Quill [2027] No. 1
Date of issue: 1 December 2026
Effective: 2027-01-01

Applicants must be registered in Shaoxing City {PAYLOAD}.

Eligible textile enterprises receive a subsidy of 30% of their costs, up to RMB 100,000 {MARKDOWN}.

Applications are submitted through the <b>Quillmoor</b> Platform before 30 June 2027.
"""


@pytest.fixture(scope="module")
def api(host, tmp_path_factory) -> Iterator[str]:
    """Overrides conftest's ``api`` (the real model): the finder and policy notices, fake encoder."""
    from app.server import create_app
    from indexer.build import build_index

    base = tmp_path_factory.mktemp("finder_browser")
    corpus = base / "corpus"
    corpus.mkdir()
    for folder in ("finder_corpus", "policy_corpus"):
        for path in (DATA / folder).iterdir():
            shutil.copy(path, corpus / path.name)
    (corpus / "quillmoor_2027.txt").write_text(HOSTILE, encoding="utf-8")
    encoder = FakeEncoder()
    settings = Settings(corpus=corpus, index=base / "index", model="fake", rate_limit_per_minute=0,
                        analytics_db=base / "log.sqlite3", cors_origins=[host.origin])
    assert build_index(corpus, settings.index, settings, lambda: encoder).ok
    app = create_app(settings)
    app.state.bot._encoders["fake"] = encoder
    with serve_app(settings, app) as origin:
        host.default_api = origin
        yield origin


def save_screenshot(page, name: str) -> None:
    """The page as a PNG of 128 colours (a quarter of the size, no visible difference)."""
    from PIL import Image

    path = Path(SCREENSHOTS or ".") / name
    page.screenshot(path=str(path))
    image = Image.open(path).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT,
                                                     dither=Image.Dither.NONE)
    image.save(path, optimize=True)


# --- the chat's tab -----------------------------------------------------------------------------


def fill_tab(page, lang: str) -> None:
    form = FORMS[lang]
    words = {"zh": ("为我的企业查找政策", "企业注册地", "所属行业", "年出口额", "从业人员数",
                    "政策有效日期（YYYY-MM-DD，留空为今天）", "查找政策"),
             "en": ("Find policies for my company", "Where the company is registered", "Sector", "Annual exports",
                    "Employees", "In force on (YYYY-MM-DD; empty: today)", "Find policies")}[lang]
    tab, region, sector, exports, employees, as_of, find = words
    page.get_by_role("tab", name=tab).click()
    page.get_by_label(region).fill(form["region"])
    page.get_by_label(sector).fill(form["sector"])
    page.get_by_label(exports, exact=True).fill(form["exports"])
    page.get_by_label(employees, exact=True).fill(form["employees"])
    for field in ("size", "first_time", "violations"):
        page.locator(f"#finder-{field.replace('_', '-')}").get_by_text(form[field], exact=True).click()
    page.get_by_label(as_of).fill(AS_OF)
    page.get_by_role("button", name=find, exact=True).click()


def test_the_chinese_tab_lists_the_applicable_policy_with_its_conditions_met(open_page, api):
    page = open_page(f"{api}/", viewport={"width": 1024, "height": 900}, locale="zh-CN")
    fill_tab(page, "zh")
    result = page.locator("#finder-result")
    expect(result.get_by_role("heading", name="可能适用的政策（5 项）")).to_be_visible(timeout=TIMEOUT_MS)
    first = result.get_by_role("heading", level=4).first
    expect(first).to_have_text("1. 关于支持中小微纺织企业首次参加境外展会的通知")
    for met in ("✓ 注册地在柯桥", "✓ 行业：纺织、印染", "✓ 年出口额不超过10,000,000美元", "✓ 从业人员不超过300人",
                "✓ 首次申请", "✓ 无违法违规记录"):
        expect(result.get_by_text(met).first).to_be_visible()
    expect(result.get_by_text("在绍兴市柯桥区依法注册的纺织、印染企业").first).to_be_visible()  # the quote
    expect(result.get_by_text("keqiao_firsttime_2025，第 1 段").first).to_be_visible()  # its citation
    expect(result.get_by_text("截止时间：2026年9月30日前").first).to_be_visible()
    expect(result.get_by_role("heading", name="不适用的政策（1 项）")).to_be_visible()
    expect(result.get_by_text("不符合：注册地在杭州").first).to_be_visible()
    if SCREENSHOTS:  # the form and the first policy's checklist
        page.set_viewport_size({"width": 1024, "height": 1280})
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(300)
        save_screenshot(page, "finder-zh.png")


def test_the_english_tab_lists_the_applicable_policy_and_the_reason_another_does_not_apply(open_page, api):
    page = open_page(f"{api}/", locale="en-US")
    fill_tab(page, "en")
    result = page.locator("#finder-result")
    expect(result.get_by_role("heading", name="Policies you may apply for (4)")).to_be_visible(timeout=TIMEOUT_MS)
    expect(result.get_by_role("heading", level=4).first).to_have_text(
        "1. Notice on Supporting Shaoxing Textile SMEs in Developing Export Markets")
    for met in ("✓ Registered in Shaoxing", "✓ Annual exports below USD 10,000,000", "✓ Employees below 300"):
        expect(result.get_by_text(met).first).to_be_visible()
    expect(result.get_by_text("Applicants must be registered in Shaoxing City.").first).to_be_visible()
    expect(result.get_by_text("export_sme_2025, passage 1").first).to_be_visible()
    expect(result.get_by_role("heading", name="Not applicable (2)")).to_be_visible()
    expect(result.get_by_text("Not met: First-time applicant")).to_be_visible()


# --- the widget's finder mode -------------------------------------------------------------------


WIDGET_WORDS = {
    "zh": ("为我的企业查找政策", "企业注册地", "所属行业", "年出口额", "币种", "从业人员数", "企业规模",
           "是否首次申请此类扶持？", "是否有违法违规记录？", "政策有效日期（可不填）", "查找政策"),
    "en": ("Find policies for my company", "Where the company is registered", "Sector", "Annual exports",
           "Currency", "Employees", "Enterprise size", "First time applying for this support?",
           "Any record of violations?", "In force on (optional)", "Find policies"),
}


def fill_widget(page, lang: str) -> None:
    form = FORMS[lang]
    opener, region, sector, exports, currency, employees, size, first_time, violations, as_of, find = \
        WIDGET_WORDS[lang]
    page.get_by_role("button", name=opener).click()
    expect(page.get_by_role("dialog", name=opener)).to_be_visible()
    page.get_by_label(region).fill(form["region"])
    page.get_by_label(sector).fill(form["sector"])
    page.get_by_label(exports).fill(form["exports"])
    page.get_by_label(currency).select_option("USD")
    page.get_by_label(employees).fill(form["employees"])
    page.get_by_label(size).select_option(label=form["size"])
    page.get_by_label(first_time).select_option(label=form["first_time"])
    page.get_by_label(violations).select_option(label=form["violations"])
    page.get_by_label(as_of).fill(AS_OF)
    page.get_by_role("button", name=find, exact=True).click()


def test_the_chinese_widget_finder_lists_the_applicable_policy_with_its_conditions_met(open_page, api):
    page = open_page("finder.html", viewport={"width": 1024, "height": 760}, locale="zh-CN")
    expect(page.get_by_role("button", name="为我的企业查找政策")).to_have_text("✓ 查找政策")  # not a bare mark
    assert page.evaluate("window.__policybotWidget.mode") == "finder"
    fill_widget(page, "zh")
    results = page.locator("policybot-widget .results")
    expect(results.get_by_role("heading", name="可能适用的政策（5 项）")).to_be_visible(timeout=TIMEOUT_MS)
    first = results.locator(".policy").first
    expect(first.locator("h4")).to_have_text("1. 关于支持中小微纺织企业首次参加境外展会的通知")
    expect(first.locator(".check.unmet")).to_have_count(0)
    expect(first.locator(".check.unknown")).to_have_count(0)
    met = first.locator(".check.met")
    for requirement in ("注册地在柯桥", "行业：纺织、印染", "年出口额不超过10,000,000美元", "从业人员不超过300人",
                        "首次申请", "无违法违规记录"):
        expect(met.filter(has_text=requirement)).to_have_count(1)
        expect(met.filter(has_text=requirement).locator(".verdict")).to_have_text("符合")
    expect(first.locator(".passage").first).to_contain_text("在绍兴市柯桥区依法注册的纺织、印染企业")
    expect(first.locator(".passage .meta").first).to_have_text("keqiao_firsttime_2025，第 1 段")
    expect(first).to_contain_text("截止时间：2026年9月30日前")
    expect(results.get_by_role("heading", name="不适用的政策（1 项）")).to_be_visible()
    expect(results.locator(".reason")).to_contain_text("不符合：注册地在杭州")
    expect(page.get_by_role("alert")).to_be_hidden()
    if SCREENSHOTS:  # the results, scrolled to the top of the panel after the form
        results.locator("h3").first.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        save_screenshot(page, "widget-finder-zh.png")


def test_the_english_widget_finder_by_its_attribute(open_page, api):
    page = open_page("finder.html", locale="zh-CN", lang="en")  # data-policybot-lang wins
    fill_widget(page, "en")
    results = page.locator("policybot-widget .results")
    expect(results.get_by_role("heading", name="Policies you may apply for (4)")).to_be_visible(timeout=TIMEOUT_MS)
    first = results.locator(".policy").first
    expect(first.locator("h4")).to_have_text(
        "1. Notice on Supporting Shaoxing Textile SMEs in Developing Export Markets")
    for requirement in ("Registered in Shaoxing", "Annual exports below USD 10,000,000", "Employees below 300"):
        expect(first.locator(".check.met").filter(has_text=requirement).locator(".verdict")).to_have_text("met")
    expect(first.locator(".passage").first).to_contain_text("Applicants must be registered in Shaoxing City.")
    expect(results.get_by_role("heading", name="Not applicable (2)")).to_be_visible()
    expect(results.locator(".reason").first).to_have_text("Not met: First-time applicant")


def test_the_widget_finder_shows_an_empty_profile_as_unknown_and_errors_as_text(open_page, api):
    page = open_page("finder.html", lang="en")
    page.get_by_role("button", name="Find policies for my company").click()
    page.get_by_role("button", name="Find policies", exact=True).click()
    results = page.locator("policybot-widget .results")
    expect(results.locator(".policy").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(results.locator(".check.met")).to_have_count(0)
    assert results.locator(".check.unknown").count() > 5
    page.route("**/api/match", lambda route: route.fulfill(
        status=422, content_type="application/json", body='{"detail": "<b>bad</b> profile"}'))
    page.get_by_role("button", name="Find policies", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("Sorry, the policies could not be checked: <b>bad</b> profile")


# --- hostile documents and small screens ----------------------------------------------------------


def expect_hostile_text_shown_not_run(page, results) -> None:
    expect(results.get_by_text(f"Applicants must be registered in Shaoxing City {PAYLOAD}.")).to_be_visible(
        timeout=TIMEOUT_MS)
    expect(results.get_by_text("Quillmoor Bureau <script>window.__pwned=1</script>", exact=False)).to_be_visible()
    expect(results.locator("img, script, b, a[href^='javascript']")).to_have_count(0)
    assert page.evaluate("window.__pwned") is None


def test_a_hostile_notice_is_shown_as_text_in_the_tab(open_page, api):
    page = open_page(f"{api}/", locale="en-US")
    page.get_by_role("tab", name="Find policies for my company").click()
    page.get_by_label("Where the company is registered").fill("Shaoxing")
    page.get_by_label("In force on (YYYY-MM-DD; empty: today)").fill("2027-06-01")
    page.get_by_role("button", name="Find policies", exact=True).click()
    results = page.locator("#finder-result")
    title = results.get_by_role("heading", level=4).filter(has_text="Quillmoor")
    expect(title).to_contain_text(f"Notice on Quillmoor Weaving Support {PAYLOAD}", timeout=TIMEOUT_MS)
    expect_hostile_text_shown_not_run(page, results)
    expect(results.get_by_text(MARKDOWN, exact=False).first).to_be_visible()


def test_a_hostile_notice_is_shown_as_text_in_the_widget(open_page, api):
    page = open_page("finder.html", lang="en")
    page.get_by_role("button", name="Find policies for my company").click()
    page.get_by_label("Where the company is registered").fill("Shaoxing")
    page.get_by_label("In force on (optional)").fill("2027-06-01")
    page.get_by_role("button", name="Find policies", exact=True).click()
    results = page.locator("policybot-widget .results")
    title = results.locator("h4").filter(has_text="Quillmoor")
    expect(title).to_contain_text(f"Notice on Quillmoor Weaving Support {PAYLOAD}", timeout=TIMEOUT_MS)
    expect_hostile_text_shown_not_run(page, results)
    expect(results.get_by_text(MARKDOWN, exact=False).first).to_be_visible()


def test_the_widget_finder_fits_a_small_phone(open_page, api):
    page = open_page("finder.html", viewport={"width": 375, "height": 667}, lang="zh")
    fill_widget(page, "zh")
    expect(page.locator("policybot-widget .results .policy").first).to_be_visible(timeout=TIMEOUT_MS)
    box = page.get_by_role("dialog", name="为我的企业查找政策").bounding_box()
    assert box == {"x": 0, "y": 0, "width": 375, "height": 667}
    overflow = page.evaluate("(() => { const log = " + SHADOW + ".querySelector('.log'); "
                             "return log.scrollWidth - log.clientWidth; })()")
    assert overflow <= 0
