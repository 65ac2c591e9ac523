"""The "Find policies for my company" tab without a browser: the form read into a profile, the
result rendered (✓ met, ✗ not met, ? unknown, quotes and citations, in English and Chinese,
document text escaped), and the same key and rate checks as the chat's Ask box."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.finder.match import Profile, find_policies
from core.settings import Settings
from tests.conftest import DATA, FakeEncoder
from tests.servers import free_port
from tests.ui.conftest import submit_event
from ui.finder_render import render_matches
from ui.finder_tab import FormError, find, read_form

AS_OF = "2026-06-01"
MEMBER = {"region": "Shaoxing", "sector": "textile", "exports": 8_000_000, "currency": "USD", "employees": 120,
          "size": "small", "first_time": "no", "violations": "no", "as_of": AS_OF}
PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script> **bold** [link](http://evil.example)'


def make_bot(tmp_path: Path, **update: object):
    from bot.service import PolicyBot
    from indexer.build import build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for folder in ("finder_corpus", "policy_corpus"):
        for path in (DATA / folder).iterdir():
            shutil.copy(path, corpus / path.name)
    encoder = FakeEncoder()
    settings = Settings(**{"corpus": corpus, "index": tmp_path / "index", "model": "fake", "rate_limit_per_minute": 0,
                           "analytics_db": tmp_path / "log.sqlite3", **update})
    build_index(settings.corpus, settings.index, settings, lambda: encoder)
    bot = PolicyBot(settings)
    bot._encoders["fake"] = encoder
    return bot


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return make_bot(tmp_path_factory.mktemp("finder_ui"))


# --- the form -----------------------------------------------------------------------------------


def test_the_form_becomes_the_profile_and_the_currency_picks_the_field() -> None:
    profile, day = read_form(MEMBER, "en")
    assert profile == Profile(region="Shaoxing", sector="textile", annual_exports_usd=8e6, employees=120,
                              enterprise_size="small", first_time=False, has_violations=False)
    assert day is not None and day.isoformat() == AS_OF
    yuan, _ = read_form({**MEMBER, "currency": "CNY", "exports": 5e7}, "en")
    assert yuan.annual_exports_cny == 5e7 and yuan.annual_exports_usd is None


def test_fields_left_empty_or_not_said_are_not_said() -> None:
    form = {"region": "  ", "sector": "", "exports": None, "currency": "USD", "employees": None,
            "size": "unsaid", "first_time": "unsaid", "violations": "unsaid", "as_of": ""}
    assert read_form(form, "en") == (Profile(), None)
    # What the page's text boxes send: strings, empty when the member said nothing (never 0).
    typed = {**form, "exports": " ", "employees": ""}
    assert read_form(typed, "en") == (Profile(), None)
    said, _ = read_form({**MEMBER, "exports": "8,000,000", "employees": "120"}, "en")
    assert said.annual_exports_usd == 8e6 and said.employees == 120


@pytest.mark.parametrize(("change", "en", "zh"), [
    ({"employees": -1}, "Employees must be a number from 0 to 10,000,000.",
     "从业人员数应为 0 到 10,000,000 之间的数字。"),
    ({"exports": float("nan")}, "Annual exports must be a number", "年出口额应为 0 到"),
    ({"exports": 2e13}, "Annual exports must be a number from 0 to 10,000,000,000,000.", "年出口额应为"),
    ({"exports": "eight million"}, "Annual exports must be a number", "年出口额应为 0 到"),
    ({"employees": "-5"}, "Employees must be a number from 0", "从业人员数应为"),
    ({"as_of": "2026/06/01"}, "The date must be YYYY-MM-DD", "日期格式应为 YYYY-MM-DD"),
])
def test_a_value_the_finder_cannot_take_is_explained_in_the_page_language(change, en, zh) -> None:
    for lang, words in (("en", en), ("zh", zh)):
        with pytest.raises(FormError, match=words.replace("(", r"\(")):
            read_form({**MEMBER, **change}, lang)  # type: ignore[arg-type]


def test_cny_allows_the_larger_yuan_bound() -> None:
    profile, _ = read_form({**MEMBER, "currency": "CNY", "exports": 5e13}, "en")
    assert profile.annual_exports_cny == 5e13


# --- what the member sees -----------------------------------------------------------------------


def test_an_applicable_policy_shows_every_condition_met_with_its_quote_and_citation(bot) -> None:
    text = find(bot, MEMBER, lang="en")
    applicable, _, rejected = text.partition("### Not applicable")
    assert "### Policies you may apply for" in applicable
    first = applicable.split("#### ")[1]
    assert first.startswith("1. Notice on Supporting Shaoxing Textile SMEs")
    assert "Shao Shang \\[2025\\] No\\. 21" in first and "`In force`" in first and "6 met · 0 unknown" in first
    assert "- `✓` **Registered in Shaoxing** · `met`" in first
    # The citation links to the passage in the document view.
    assert re.search(r"> Applicants must be registered in Shaoxing City\\. — _\[export\\_sme\\_2025, passage 1\]"
                     r"\(/api/documents/export_sme_2025/view\?chunk=\w+&lang=en#cited\)_", first)
    assert ("- `✓` **Annual exports below USD 10,000,000** · `met`  \n"
            "  `✓` **Employees below 300** · `met`\n  > ") in first
    assert "rate 40% · up to RMB 500,000" in first and "**Benefits**" in first
    assert "**How to apply**" in first and "through: Shaoxing Commerce Service Platform" in first
    # Not applicable, with the failed condition as the reason.
    assert "(2)" in text.split("\n### Not applicable")[1].splitlines()[0]
    assert "**Not met: First\\-time applicant**" in rejected or "**Not met: First-time applicant**" in rejected
    assert "- `✗` **First-time applicant** · `not met`" in rejected.replace("\\-", "-")


def test_unknown_conditions_are_marked_when_the_profile_does_not_say(bot) -> None:
    text = find(bot, {"region": "Keqiao", "as_of": AS_OF}, lang="en")
    assert "· `unknown: the profile does not say`" in text and "- `?` " in text
    assert "`met`" in text  # the region
    empty = find(bot, {"as_of": AS_OF}, lang="en")
    assert "`met`" not in empty and "`not met`" not in empty and "### Not applicable" not in empty


def test_chinese_page_chinese_words_and_requirements(bot) -> None:
    text = find(bot, {**MEMBER, "region": "柯桥", "sector": "纺织", "first_time": "yes"}, lang="zh")
    assert text.startswith("_2026\\-06\\-01现行有效的政策。_")
    assert "### 可能适用的政策（" in text and "**申请条件**" in text and "**扶持内容**" in text
    assert "**申报方式**" in text and "截止时间：2026年9月30日前" in text and "申报渠道：柯桥区商务服务平台" in text
    assert "`✓` **注册地在柯桥** · `符合`" in text
    assert "_[keqiao\\_firsttime\\_2025，第 1 段](/api/documents/keqiao_firsttime_2025/view?chunk=" in text
    assert "### 不适用的政策（" in text and "`不符合`" in text and "**不符合：注册地在杭州；" in text
    assert "`现行有效`" in text and "Policies you may" not in text and "`met`" not in text and "passage" not in text


def test_the_window_is_shown_and_a_closed_one_is_a_reason(bot) -> None:
    member = {**MEMBER, "region": "柯桥"}
    text = find(bot, member, lang="en")
    first = text.partition("### Not applicable")[0].split("#### ")[1]
    assert "**Application window:** ✓ Applications open until 2026\\-06\\-30" in first
    later = find(bot, {**member, "as_of": "2026-07-01"}, lang="en")
    assert "Notice on Supporting Shaoxing Textile SMEs" not in later.partition("### Not applicable")[0]
    rejected = later.partition("### Not applicable")[2]
    assert "**Not met: Application window closed on 2026\\-06\\-30**" in rejected
    assert "**Application window:** ✗ Application window closed on 2026\\-06\\-30" in rejected
    zh = find(bot, {**member, "as_of": "2026-07-01"}, lang="zh")
    assert "**申报时间:** ✗ 申报已于2026\\-06\\-30截止" in zh


def test_alternatives_say_one_is_enough() -> None:
    items = [{"type": "enterprise_size", "requirement": "Enterprise size: above designated size", "status": "unmet",
              "group": 1, "option": 0, "group_status": "met"},
             {"type": "first_time", "requirement": "First-time applicant", "status": "met", "group": 1, "option": 1,
              "group_status": "met"}]
    record = {"doc_id": "d", "status": "in_force", "met": 1, "unknown": 0, "unmet": 0, "checklist": items}
    text = render_matches({"as_of": AS_OF, "applicable": [record], "not_applicable": []}, "en")
    assert text.count("_met by one of them_") == 2


def test_nothing_fits(bot) -> None:
    text = find(bot, {**MEMBER, "as_of": "2000-01-01"}, lang="en")  # before every notice
    assert "No policy in force fits this profile." in text


def test_document_text_cannot_render_as_markup() -> None:
    cite = {"doc_id": "evil_<b>", "chunk_id": "c", "position": 2, "page": 4}
    record = {"doc_id": "evil", "title": PAYLOAD, "doc_number": PAYLOAD, "issuer": "<i>x</i>", "status": "in_force",
              "met": 1, "unknown": 1, "unmet": 0,
              "checklist": [{"type": "region", "requirement": PAYLOAD, "status": "met", "quote": PAYLOAD,
                             "citation": cite},
                            {"type": "text", "requirement": PAYLOAD, "status": "unknown", "quote": PAYLOAD,
                             "citation": cite}],
              "benefits": [{"rate": PAYLOAD, "cap": {"text": PAYLOAD}, "quote": PAYLOAD, "citation": cite}],
              "application": [{"deadline": PAYLOAD, "channel": None, "quote": PAYLOAD, "citation": cite}]}
    failed = {**record, "checklist": [{**record["checklist"][0], "status": "unmet"}], "unmet": 1}
    for lang in ("en", "zh"):
        text = render_matches({"as_of": "<b>2026</b>", "applicable": [record], "not_applicable": [failed]}, lang)
        assert "<img" not in text and "<script" not in text and "<b>" not in text and "<i>" not in text
        assert "**bold**" not in text and "](http" not in text
        assert "&lt;script&gt;" in text and "\\*\\*bold\\*\\*" in text
        assert ("passage 3](" if lang == "en" else "第 3 段](") in text
        assert (", page 4_" if lang == "en" else "，第 4 页_") in text


def test_malformed_records_do_not_break_the_page() -> None:
    text = render_matches({"as_of": AS_OF, "applicable": [{"doc_id": "x", "checklist": "nope", "benefits": [1],
                                                            "application": None}, "junk"],
                           "not_applicable": None}, "en")
    assert "#### 1. x" in text and "The notice states no condition that could be read." in text


# --- the same door as the chat ------------------------------------------------------------------


def test_the_finder_needs_the_key_when_the_chat_does(tmp_path) -> None:
    bot = make_bot(tmp_path, allow_anonymous=False, api_keys=["member-key"])
    assert "API key is required" in find(bot, MEMBER, "", "127.0.0.1", "en")
    assert "API key is required" in find(bot, MEMBER, "wrong", "127.0.0.1", "en")
    assert find(bot, MEMBER, None, "127.0.0.1", "zh").startswith("**出错了：** 需要有效的 API 密钥")
    assert "### 可能适用的政策" in find(bot, MEMBER, " member-key ", "127.0.0.1", "zh")


def test_the_finder_counts_against_the_rate_limit(tmp_path) -> None:
    bot = make_bot(tmp_path, rate_limit_per_minute=2)
    replies = [find(bot, MEMBER, None, "10.0.0.9", "en") for _ in range(3)]
    assert all("### Policies you may apply for" in r for r in replies[:2])
    assert "too many requests" in replies[2]
    assert "### Policies you may apply for" in find(bot, MEMBER, None, "10.0.0.10", "en")  # another client


# --- through Gradio's event route, as a browser sends it ------------------------------------------


@pytest.fixture
def served(fake_app) -> Iterator[str]:
    import uvicorn

    client = fake_app(allow_anonymous=False, api_keys=["member-key"], rate_limit_per_minute=3)
    server = uvicorn.Server(uvicorn.Config(client.app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive()
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(10)


def find_like_the_browser(base: str, session: str, key: str) -> str:
    """Submit the finder form's event as the browser does; the Markdown it shows."""
    form = ["Shaoxing", "textile", 8_000_000, "USD", 120, "small", "no", "no", "", key]
    return str(submit_event(base, session, 10, form)[0])


def test_the_finder_event_needs_the_key_and_keeps_the_rate_limit(served: str) -> None:
    assert all("API key is required" in find_like_the_browser(served, f"anon{i}", "") for i in range(2))
    started = time.monotonic()
    replies = [find_like_the_browser(served, f"member{i}", "member-key") for i in range(4)]
    assert all("### Policies you may apply for" in r for r in replies[:3])
    if time.monotonic() - started < 20:  # the bucket gains one request every 20 s at 3/min
        assert "too many requests" in replies[3]


def test_the_tab_converts_at_the_administrators_rate(tmp_path: Path) -> None:
    """CNY 80 million against Keqiao's "出口额不超过1000万美元": unknown without a rate; at 7.1 (USD 11.3
    million) not met, and the line says it rests on the rate."""
    form = {"exports": 8e7, "currency": "CNY", "as_of": AS_OF}
    (tmp_path / "rated").mkdir()
    (tmp_path / "plain").mkdir()
    rated = make_bot(tmp_path / "rated", cny_per_usd=7.1)
    assert "CNY per USD" in find(rated, form, lang="en") and "按1美元兑" in find(rated, form, lang="zh")
    assert "CNY per USD" not in find(make_bot(tmp_path / "plain"), form, lang="en")



def test_a_listed_notice_of_unknown_validity_says_so() -> None:
    cond = {"type": "region", "value": ["Keqiao"], "quote": "注册地在柯桥区的企业。"}
    docs = {"reply": {"title": "关于境外参展补助有关问题的答复", "date": "2026-11-24",
                      "eligibility": {"conditions": [cond]}},
            "dated": {"title": "有文号的通知", "doc_number": "柯商发〔2026〕1号", "date": "2026-11-01",
                      "eligibility": {"conditions": [cond]}}}
    shown = render_matches(find_policies(docs, Profile(region="柯桥"), dt.date(2026, 12, 6), "zh"), "zh")
    cards = {("reply" if "答复" in c else "dated"): c for c in shown.split("####")[1:]}
    assert "效力未知" in cards["reply"] and "效力未知" not in cards["dated"]
