"""The widget's status badges and policy record in a real browser, over the policy fixtures
(tests/data/policy_corpus) with the real model."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.settings import Settings
from tests.ui.conftest import CHROMIUM, TIMEOUT_MS, serve_app

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed: run `make browser`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
INSURANCE = "What subsidy do textile SMEs get for export credit insurance premiums?"


@pytest.fixture(scope="module")
def policy_api(host, real_settings: Settings, tmp_path_factory) -> Iterator[str]:
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder

    base = tmp_path_factory.mktemp("policy_widget")
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "policy_corpus", base / "corpus")
    settings = real_settings.model_copy(update={"corpus": base / "corpus", "index": base / "index",
                                                "cors_origins": [host.origin]})
    assert build_index(settings.corpus, settings.index, settings, lambda: get_encoder(EncoderSpec.of(settings))).ok
    with serve_app(settings) as origin:
        yield origin


def ask_widget(page, question: str, opener: str) -> None:
    page.get_by_role("button", name=opener).click()
    box = page.locator("policybot-widget textarea, policybot-widget input[type=text]").first
    box.fill(question)
    box.press("Enter")


# Badges are in the answer's language (the question's).
@pytest.mark.parametrize(("lang", "opener", "question", "replaced", "in_force"), [
    ("en", "Ask about policies", INSURANCE, "Replaced", "In force"),
    ("zh", "咨询政策问题", "出口信用保险保费补贴比例是多少？", "已被取代", "现行有效"),
])
def test_citations_show_the_record_and_a_status_badge(open_page, policy_api, lang, opener, question, replaced,
                                                      in_force) -> None:
    page = open_page("demo.html", api=policy_api, lang=lang)
    ask_widget(page, question, opener)
    cites = page.locator("policybot-widget .cite")
    expect(cites.first).to_be_visible(timeout=TIMEOUT_MS)
    metas = cites.locator(".meta")
    expect(metas.first).to_contain_text("Shao Shang [2024] No. 3")
    expect(metas.first.locator(".badge.ok")).to_have_text(in_force)
    old = page.locator("policybot-widget .cite .meta", has_text="Shao Shang [2022] No. 15")
    if old.count():  # the replaced notice, when cited, is flagged
        expect(old.first.locator(".badge.warn")).to_have_text(replaced)
