"""Which language a question is in, and the answer given in it (the fake encoder: fast)."""

from __future__ import annotations

import pytest

from bot.answering.compose import ABSTAIN_TEXT, ABSTAIN_TEXTS
from core.errors import InvalidQuestion
from core.language import as_language, chinese_share, question_language, text_language

# The three questions the small corpus cannot answer name a place it never mentions, so they
# abstain whatever the encoder (bot/answering/abstain.py: a capitalised name no passage holds).
EN_OFF = "What is the corporate tax rate in Singapore?"
ZH_OFF = "请问 Singapore 的企业所得税税率是多少？"
ZH_ABSTENTION = ("我们的政策文件中没有涉及这个问题的内容，因此无法回答。"
                 "请换一种问法，或询问联合会有关贸易、扶持和产业集群的政策。")


@pytest.mark.parametrize(("text", "lang"), [
    ("纺织产业集群有多少个？", "zh"),
    ("哪家银行提供市场采购贷款？", "zh"),
    ("紡織產業集群有多少個？", "zh"),  # traditional characters are Chinese too
    ("Ruifeng Bank 提供什么贷款？", "zh"),  # a Latin name inside a Chinese sentence
    ("2021年出口额是多少？", "zh"),
    ("Which bank gives market-procurement loans?", "en"),
    ("What does 纺织产业集群 mean?", "en"),  # two ideographs weigh one word: 3 against 3 words
    ("How many SMEs (中小企业) are there?", "en"),
    ("Qu'est-ce que le marché?", "en"),  # any Latin-script text is answered in English
    ("PDF", "en"),
])
def test_question_language(text: str, lang: str) -> None:
    assert question_language(text) == lang
    assert text_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "2021？", "？？", "12.5%", "😀"])
def test_a_text_without_words_takes_the_default(text: str) -> None:
    assert chinese_share(text) is None
    assert question_language(text) == "en"
    assert question_language(text, default="zh") == "zh"


def test_the_share_counts_two_ideographs_as_one_word() -> None:
    assert chinese_share("贷款") == 1.0
    assert chinese_share("bank 贷款") == 0.5  # one word each: a tie is English
    assert text_language("bank 贷款") == "en" and text_language("bank 贷款利率") == "zh"


@pytest.mark.parametrize(("value", "lang"), [
    ("zh", "zh"), ("zh-CN", "zh"), ("zh-Hans", "zh"), ("zh_TW", "zh"), ("ZH-hk", "zh"),
    ("en", "en"), ("en-GB", "en"), (" EN ", "en"),
    ("fr", None), ("", None), ("chinese", None), (None, None), (3, None),
])
def test_as_language(value: object, lang: str | None) -> None:
    assert as_language(value) == lang


def test_the_english_abstention_is_unchanged() -> None:
    assert ABSTAIN_TEXTS["en"] == ABSTAIN_TEXT == (
        "No policy document in the collection covers this question, so I cannot answer it. "
        "Try rephrasing it, or ask about the federation's trade, support and cluster policies.")
    assert ABSTAIN_TEXTS["zh"] == ZH_ABSTENTION
    assert set(ABSTAIN_TEXTS) == {"zh", "en"}


def test_the_abstention_is_in_the_question_language(fake_app) -> None:
    bot = fake_app().app.state.bot
    english = bot.ask(EN_OFF)
    assert english.abstained and english.lang == "en" and english.answer == ABSTAIN_TEXT
    chinese = bot.ask(ZH_OFF)
    assert chinese.abstained and chinese.lang == "zh" and chinese.answer == ABSTAIN_TEXTS["zh"]
    assert not chinese.citations


def test_an_explicit_language_overrides_the_question(fake_app) -> None:
    bot = fake_app().app.state.bot
    assert bot.ask(EN_OFF, lang="zh").answer == ABSTAIN_TEXTS["zh"]
    assert bot.ask(ZH_OFF, lang="en").answer == ABSTAIN_TEXT
    with pytest.raises(InvalidQuestion, match="lang must be one of zh, en"):
        bot.ask(EN_OFF, lang="fr")  # type: ignore[arg-type]


def test_an_answer_and_its_citations_say_their_language(fake_app) -> None:
    client = fake_app()
    body = client.post("/api/ask", json={"question": "How many textile clusters are there?"}).json()
    assert body["lang"] == "en" and not body["abstained"]
    assert body["citations"] and all(c["lang"] == "en" for c in body["citations"])
    # A Chinese question quoting the English documents: the quotes stay verbatim, marked English.
    body = client.post("/api/ask", json={"question": "中国有多少个 textile clusters？"}).json()
    assert body["lang"] == "zh" and not body["abstained"]
    assert all(c["lang"] == "en" for c in body["citations"]) and "216" in body["answer"]
    body = client.post("/api/ask", json={"question": ZH_OFF}).json()
    assert body == {**body, "lang": "zh", "abstained": True, "answer": ABSTAIN_TEXTS["zh"], "citations": []}


def test_the_api_describes_the_language_fields(fake_app) -> None:
    schemas = fake_app().get("/openapi.json").json()["components"]["schemas"]
    assert schemas["AskResponse"]["properties"]["lang"]["enum"] == ["zh", "en"]
    assert "lang" in schemas["AskResponse"]["required"]
    assert schemas["CitationOut"]["properties"]["lang"]["enum"] == ["zh", "en"]
