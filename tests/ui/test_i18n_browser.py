"""The widget and the chat in Chinese, in a real browser (fixtures in conftest.py).

With POLICYBOT_SCREENSHOTS=DIR set, the Chinese chat and widget are saved there as PNG
(docs/screenshots/ holds the ones in docs/chat-and-widget.md)."""

from __future__ import annotations

import os
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answering.compose import ABSTAIN_TEXTS
from core.language import question_language
from core.settings import Settings
from tests.conftest import DATA
from tests.ui.conftest import CHROMIUM, SHADOW, TIMEOUT_MS, serve_app

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed: run `make browser`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

EN_SOURCE_QUESTION = "Ruifeng Bank 推出了什么贷款？"  # Chinese, answered from the English documents
ZH_SOURCE_QUESTION = "银行怎样支持小微企业融资？"  # answered from the Chinese document of zh_api
# Abstains whatever the model: it names a place no document mentions (bot/answering/abstain.py).
OFF_TOPIC = "请问 Singapore 的公司所得税税率是多少？"
SCREENSHOTS = os.environ.get("POLICYBOT_SCREENSHOTS")
SMALL = {"width": 1024, "height": 720}  # the screenshots' size


@pytest.fixture(scope="module")
def zh_api(host, real_settings: Settings, tmp_path_factory) -> Iterator[str]:
    """The real corpus and one Chinese notice (tests/data/clean/zh_policy.txt)."""
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder

    base = tmp_path_factory.mktemp("zh")
    corpus = base / "corpus"
    shutil.copytree(real_settings.corpus, corpus)
    shutil.copy(DATA / "clean" / "zh_policy.txt", corpus / "zh_policy.txt")
    settings = real_settings.model_copy(update={"corpus": corpus, "index": base / "index",
                                                "cors_origins": [host.origin]})
    report = build_index(corpus, settings.index, settings, lambda: get_encoder(EncoderSpec.of(settings)))
    assert report.ok, report
    with serve_app(settings) as origin:
        yield origin


def widget(page, selector: str):
    return page.locator(f"policybot-widget {selector}")


def ask(page, question: str, box: str) -> None:
    page.get_by_role("textbox", name=box).fill(question)
    page.get_by_role("textbox", name=box).press("Enter")


def shadow_attr(page, selector: str, attribute: str) -> list[str | None]:
    return page.evaluate(f"[...{SHADOW}.querySelectorAll('{selector}')].map(e => e.getAttribute('{attribute}'))")


# --- the widget -------------------------------------------------------------------------------


def expect_chinese_widget(page) -> None:
    launcher = page.get_by_role("button", name="咨询政策问题")
    expect(launcher).to_have_attribute("title", "咨询政策问题")
    launcher.click()
    expect(page.get_by_role("dialog", name="政策问答")).to_be_visible()
    expect(widget(page, "h2")).to_have_text("政策问答")
    expect(widget(page, ".intro")).to_have_text("请就联合会的政策文件提问。答案直接引用文件原文，并列出出处。")
    expect(page.get_by_role("textbox", name="您的问题")).to_have_attribute("placeholder", "请输入政策问题…")
    expect(page.get_by_role("button", name="发送")).to_be_visible()
    expect(page.get_by_role("button", name="关闭")).to_be_visible()
    expect(page.get_by_role("form", name="提问")).to_be_visible()
    assert shadow_attr(page, ".root", "lang") == ["zh-CN"]


def test_widget_in_chinese_by_its_attribute(open_page):
    page = open_page("zh.html", viewport=SMALL, locale="en-US")  # data-policybot-lang wins
    expect_chinese_widget(page)
    box = page.get_by_role("textbox", name="您的问题")
    expect(box).to_have_value(EN_SOURCE_QUESTION)  # data-policybot-question

    held = []
    page.route("**/api/ask", lambda route: held.append(route))
    box.press("Enter")
    expect(widget(page, "[role=status]")).to_have_text("正在检索文件…")
    deadline = time.monotonic() + 10
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    held[0].continue_()
    page.unroute("**/api/ask")

    # A Chinese question answered from English documents: quoted verbatim, marked as English.
    expect(widget(page, ".a")).to_contain_text("Ruifeng Bank", timeout=TIMEOUT_MS)
    expect(widget(page, ".note")).to_have_text("标有“英文原文”的引文摘自英文文件，保留原文，未经翻译。")
    badges = widget(page, ".cite .badge")
    expect(badges.first).to_have_text("英文原文")
    assert badges.count() == widget(page, ".cite").count() >= 1
    assert set(shadow_attr(page, ".passage", "lang")) == {"en"}
    assert shadow_attr(page, ".turn", "lang") == ["zh-CN"]
    expect(page.get_by_role("list", name="来源")).to_be_visible()
    expect(page.get_by_role("button", name="来源 1").first).to_have_text("[1]")
    expect(widget(page, "[role=status]")).to_have_text("")
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "widget-zh.png"))


def test_widget_in_chinese_by_the_browser_language_and_not_covered(open_page):
    page = open_page("demo.html", locale="zh-CN")  # navigator.language zh-CN, no attribute
    expect_chinese_widget(page)
    ask(page, OFF_TOPIC, "您的问题")
    state = widget(page, ".nc")
    expect(state.locator("strong")).to_have_text("我们的文件未涉及此问题", timeout=TIMEOUT_MS)
    expect(state).to_contain_text(ABSTAIN_TEXTS["zh"])
    expect(widget(page, ".cite")).to_have_count(0)
    expect(page.get_by_role("alert")).to_be_hidden()


def test_the_attribute_sets_english_and_a_chinese_question_is_still_answered_in_chinese(open_page):
    page = open_page("demo.html", locale="zh-CN", lang="en")
    page.get_by_role("button", name="Ask about policies").click()
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    ask(page, OFF_TOPIC, "Your question")
    expect(widget(page, ".nc strong")).to_have_text("我们的文件未涉及此问题", timeout=TIMEOUT_MS)
    ask(page, "What is the corporate tax rate in Singapore?", "Your question")
    expect(widget(page, ".nc strong").nth(1)).to_have_text("Not covered by our documents", timeout=TIMEOUT_MS)


def test_errors_are_in_the_question_language(open_page):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    page = open_page("demo.html", endpoint=f"http://127.0.0.1:{closed}", locale="en-US")
    page.get_by_role("button", name="Ask about policies").click()
    ask(page, OFF_TOPIC, "Your question")
    expect(page.get_by_role("alert")).to_have_text("无法连接政策问答服务，请稍后再试。", timeout=TIMEOUT_MS)
    ask(page, "Which bank gives loans?", "Your question")
    expect(page.get_by_role("alert")).to_contain_text("could not be reached", timeout=TIMEOUT_MS)


def test_the_widget_and_the_service_detect_languages_alike(open_page):
    page = open_page("demo.html")
    expect(page.get_by_role("button", name="Ask about policies")).to_be_visible()
    samples = ["纺织产业集群有多少个？", "Ruifeng Bank 提供什么贷款？", "What does 纺织产业集群 mean?",
               "bank 贷款", "bank 贷款利率", "紡織產業集群", "Qu'est-ce que le marché?", "2021？", "",
               "How many SMEs (中小企业) are there?", "𠀀𠀁 ok"]
    for fallback in ("en", "zh"):
        got = page.evaluate("([texts, fallback]) => texts.map((t) => "
                            "window.__policybotWidget.textLanguage(t, fallback))", [samples, fallback])
        assert got == [question_language(s, fallback) for s in samples]  # type: ignore[arg-type]


def test_a_chinese_answer_from_a_chinese_document_has_no_badge(open_page, zh_api):
    page = open_page("zh.html", api=zh_api)
    page.get_by_role("button", name="咨询政策问题").click()
    ask(page, ZH_SOURCE_QUESTION, "您的问题")
    first = widget(page, ".cite").first
    expect(first.locator(".passage")).to_contain_text("小微企业", timeout=TIMEOUT_MS)
    expect(first.locator(".badge")).to_have_count(0)
    assert shadow_attr(page, ".passage", "lang")[0] == "zh-CN"


# --- the chat ---------------------------------------------------------------------------------


def expect_chat(page, lang: str) -> None:
    words = {
        "zh": ["提问", "对话", "您的问题", "请输入关于贸易、扶持或产业集群政策的问题…", "试试这些问题", "文件",
               "统计", "政策问答"],
        "en": ["Ask", "Conversation", "Your question", "Ask about trade, support or cluster policies…", "Try",
               "Documents", "Insights", "policybot"],
    }[lang]
    tab, conversation, question, placeholder, examples, documents, insights, title = words
    expect(page.get_by_role("tab", name=tab)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_role("tab", name=documents)).to_be_visible()
    expect(page.get_by_role("tab", name=insights)).to_be_visible()
    expect(page.get_by_role("textbox", name=question)).to_have_attribute("placeholder", placeholder)
    expect(page.get_by_role("button", name=tab, exact=True)).to_be_visible()
    expect(page.get_by_text(examples, exact=True).first).to_be_visible()
    expect(page.get_by_text(conversation, exact=True).first).to_be_visible()
    expect(page).to_have_title(title)


def test_chat_in_chinese_by_the_address(open_page, api):
    page = open_page(f"{api}/", viewport=SMALL, locale="en-US", lang="zh")
    expect_chat(page, "zh")
    expect(page.get_by_role("heading", name="政策问答")).to_be_visible()
    expect(page.get_by_text("哪家银行提供市场采购贷款？").first).to_be_visible()  # Chinese examples
    box = page.get_by_role("textbox", name="您的问题")
    box.fill(OFF_TOPIC)
    box.press("Enter")
    expect(page.get_by_text("我们的文件未涉及此问题。")).to_be_visible(timeout=TIMEOUT_MS)
    box.fill(EN_SOURCE_QUESTION)
    box.press("Enter")
    expect(page.get_by_text("英文原文").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("标有“英文原文”的引文摘自英文文件，保留原文，未经翻译。")).to_be_visible()
    expect(page.get_by_text("Ruifeng Bank").first).to_be_visible()
    if SCREENSHOTS:  # the Chinese question at the top of the conversation, then its answer
        page.wait_for_timeout(500)  # the chat's own scrolling to the end is done
        page.get_by_text(EN_SOURCE_QUESTION).last.evaluate("""e => {
            let box = e.parentElement;
            while (box && box.scrollHeight <= box.clientHeight + 1) box = box.parentElement;
            box.scrollTop += e.getBoundingClientRect().top - box.getBoundingClientRect().top - 48; }""")
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(300)
        page.screenshot(path=str(Path(SCREENSHOTS) / "chat-zh.png"))


def test_chat_language_follows_the_browser_unless_the_address_says(open_page, api):
    expect_chat(open_page(f"{api}/", locale="zh-CN"), "zh")
    expect_chat(open_page(f"{api}/", locale="zh-CN", lang="en"), "en")
    expect_chat(open_page(f"{api}/", locale="en-GB"), "en")
