"""The README's five-minute tour on the served demo index (``demo_site``: ``make demo`` on a free
port), in Debian's Chromium with every request outside 127.0.0.1 refused (no network): the chat in
Chinese and English with the answer in view and [n] opening the document view, the widget on a
member site, the finder on the demo notices, then the tour's commands (a subscription to a local
receiver and the notice it is alerted to). Also: /docs and /redoc render offline.

POLICYBOT_SCREENSHOTS=DIR saves the tour's screenshots there (docs/screenshots)."""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

import httpx
import pytest

from tests.docs import README, Substitutions, run_page
from tests.servers import free_port
from tests.ui.conftest import CHROMIUM, TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed: run `make browser`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

ZH_QUESTION = "境外参展补助的申报截止时间是什么时候？"
EN_QUESTION = "Which bank gives market-procurement loans?"
LOCAL = re.compile(r"(https?://(127\.0\.0\.1|localhost):\d+/|data:|blob:|about:)")


@pytest.fixture
def offline_context(browser):
    """Browser contexts in which anything but 127.0.0.1 is refused, as on a machine without internet;
    the test fails if a page tried to reach elsewhere."""
    contexts, refused = [], []

    def block(route) -> None:
        if LOCAL.match(route.request.url):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    def make(**options):
        context = browser.new_context(viewport={"width": 1100, "height": 900}, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", block)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    # ReDoc's menu shows Redocly's logo from their CDN (no option turns it off): offline a missing
    # image, nothing else. Anything more is a page that needs the network.
    refused = [url for url in refused if url != "https://cdn.redoc.ly/redoc/logo-mini.svg"]
    assert not refused, f"pages tried to reach the network: {refused}"


def screenshot(page, name: str) -> None:
    if folder := os.environ.get("POLICYBOT_SCREENSHOTS"):
        page.screenshot(path=str(Path(folder) / name))


def ask_chat(page, question: str, box: str):
    """Ask in the chat's box; the answer's row once it is there."""
    answers = page.locator("#pb-chat .message-row.bot-row")
    before = answers.count()
    page.get_by_role("textbox", name=box).fill(question)
    page.get_by_role("textbox", name=box).press("Enter")
    expect(answers).to_have_count(before + 1, timeout=TIMEOUT_MS)
    page.wait_for_timeout(700)  # the chat puts the question at the top after rendering
    return answers.nth(before)


def in_view(page, row) -> bool:
    """Whether the top of ``row`` (the answer) is inside the conversation's visible area."""
    return row.evaluate("""(row) => {
      let box = row.parentElement;
      while (box && !(box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY))) {
        box = box.parentElement;
      }
      const r = row.getBoundingClientRect(), b = (box || document.documentElement).getBoundingClientRect();
      return r.top >= b.top && r.top < b.bottom - 40;
    }""")


def test_the_questions_are_the_readme_s() -> None:
    text = README.read_text(encoding="utf-8")
    assert ZH_QUESTION in text and EN_QUESTION in text and "demo/widget.html" in text


def test_tour_chat_in_chinese_and_english_with_the_document_view(demo_site, offline_context):
    context = offline_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{demo_site.server}/?lang=zh")
    answer = ask_chat(page, ZH_QUESTION, "您的问题")
    expect(answer).to_contain_text("2027年1月15日")
    assert in_view(page, answer), "the answer is scrolled out of view"
    # A follow-up long answer still shows its own beginning, not the end of its source list.
    answer = ask_chat(page, "柯桥区境外参展补助按展位费的多少比例补助？", "您的问题")
    assert in_view(page, answer)

    # [1] is a link to the cited passage in its document's view, opened in a new tab.
    marker = answer.get_by_role("link", name="[1]").first
    expect(marker).to_have_attribute("target", "_blank")
    assert re.search(r"/api/documents/f01_keqiao_jingwai_canzhan_2026/view\?chunk=\w+&lang=zh#cited$",
                     marker.get_attribute("href"))
    with context.expect_page() as opened:
        marker.click()
    view = opened.value
    view.wait_for_load_state()
    expect(view.locator("h1")).to_contain_text("境外参展补助")
    expect(view.locator("#cited")).to_be_visible()
    expect(view.locator("#cited")).to_contain_text("被引用")
    expect(view.locator("table")).to_contain_text("柯商发〔2026〕41号")
    expect(view.locator("table")).to_contain_text("现行有效")
    if folder := os.environ.get("POLICYBOT_SCREENSHOTS"):  # the whole page: title, card and passages
        view.screenshot(path=str(Path(folder) / "document-view.png"), full_page=True)

    english = offline_context(locale="en-US").new_page()
    english.goto(f"{demo_site.server}/?lang=en")
    answer = ask_chat(english, EN_QUESTION, "Your question")
    expect(answer).to_contain_text("Ruifeng")
    assert in_view(english, answer)
    title = answer.get_by_role("link", name=re.compile(r"^\[1\] It was learned from the Textile City"))
    expect(title).to_have_attribute("href", re.compile(r"/api/documents/001_557fb4181488ae4b/view\?"))
    screenshot(english, "chat-en.png")


def test_tour_widget_on_a_member_site(demo_site, offline_context):
    page = offline_context(locale="en-US").new_page()
    page.goto(f"{demo_site.host}/widget.html")  # demo/widget.html, served from another origin
    page.get_by_role("button", name="Ask about policies").click()
    box = page.get_by_role("textbox", name="Your question")
    box.fill(EN_QUESTION)
    box.press("Enter")
    expect(page.locator("policybot-widget .a").first).to_contain_text("Ruifeng", timeout=TIMEOUT_MS)
    link = page.locator("policybot-widget .cite .ct a").first
    expect(link).to_have_attribute("href", re.compile(
        re.escape(demo_site.server) + r"/api/documents/001_557fb4181488ae4b/view\?lang=en&chunk=\w+#cited"))
    # The widget quotes the article's sentence, not the page's byline after it ("— China Daily/ANN").
    box.fill("What new foreign trade formats will Wenzhou develop?")
    box.press("Enter")
    second = page.locator("policybot-widget .a").nth(1)
    expect(second).to_contain_text("remanufacturing", timeout=TIMEOUT_MS)
    assert "China Daily" not in second.inner_text()
    screenshot(page, "widget-en.png")


def test_tour_finder_on_the_demo_notices(demo_site, offline_context):
    page = offline_context(locale="zh-CN").new_page()
    page.goto(f"{demo_site.server}/?lang=zh")
    page.get_by_role("tab", name="为我的企业查找政策").click()
    page.get_by_label("企业注册地").fill("柯桥")
    page.get_by_label("所属行业").fill("纺织")
    page.get_by_role("button", name="查找政策").click()
    result = page.locator("#finder-result")
    expect(result).to_contain_text("可能适用的政策", timeout=TIMEOUT_MS)
    expect(result).to_contain_text("柯商发〔2026〕41号")  # f01, the Keqiao booth subsidy
    marks = result.locator("li code").filter(has_text=re.compile(r"^[✓✗?]$"))
    assert marks.count() >= 3
    # The marks line up: "?" and "✓" take the same width.
    widths = {round(marks.nth(i).bounding_box()["width"]) for i in range(min(marks.count(), 12))}
    assert max(widths) - min(widths) <= 1, widths


def test_tour_commands_subscribe_and_the_receiver_is_alerted(demo_site):
    """The README's runnable blocks, in order: ask, match, health, then the receiver, the
    subscription and the upload of the held-back notice, which the receiver is told of."""
    subs = Substitutions(demo_site.server, free_port(), demo_site.base)
    with contextlib.ExitStack() as stack:
        outputs = run_page(README, subs, stack)
        [receiver] = [Path(out) for command, out in outputs.items() if "receiver.py" in command]
        deadline = time.monotonic() + 60
        while "policy.matched added: f13_shaoxing_shuzihua_zhenduan_2026" not in receiver.read_text():
            assert time.monotonic() < deadline, receiver.read_text()
            time.sleep(0.5)


def test_api_docs_render_offline(demo_site, offline_context):
    page = offline_context().new_page()
    page.goto(f"{demo_site.server}/docs")
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible(timeout=TIMEOUT_MS)
    spec = httpx.get(f"{demo_site.server}/openapi.json", timeout=30).json()
    assert operations.count() == sum(len(ops) for ops in spec["paths"].values()) >= 14  # every operation
    expect(page.locator(".opblock-summary-path", has_text="/api/match").first).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/feeds/policies.atom").first).to_be_visible()
    screenshot(page, "api-docs.png")
    redoc = offline_context().new_page()
    redoc.goto(f"{demo_site.server}/redoc")
    expect(redoc.get_by_text("/api/subscriptions/{subscription_id}").first).to_be_attached(timeout=TIMEOUT_MS)
    expect(redoc.get_by_role("heading", name=re.compile("policybot")).first).to_be_visible()
