"""The chat's and the widget's words in both languages, the page's language, and the answer's words
in the asker's language. Fast: no model (the fake encoder where an app is needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.answering.compose import ABSTAIN_TEXTS
from bot.answering.records import Answer, Citation
from core.errors import NotAuthorised, RateLimited, UnknownDocument
from core.language import question_language
from ui.chat import error_text, format_answer, reply
from ui.documents_tab import upload
from ui.examples import DEFAULT_EXAMPLES, DEFAULT_EXAMPLES_ZH, example_questions
from ui.i18n import MESSAGES, fields_of, negotiate, t
from ui.widget import WIDGET_JS

UI = Path(__file__).resolve().parents[2] / "ui"
IDEOGRAPH = re.compile("[\u4e00-\u9fff]")


# --- the catalogues -------------------------------------------------------------------------


def test_every_chat_message_exists_in_both_languages_with_the_same_fields() -> None:
    en, zh = MESSAGES["en"], MESSAGES["zh"]
    assert set(MESSAGES) == {"en", "zh"}
    assert not set(en) - set(zh), f"missing in Chinese: {sorted(set(en) - set(zh))}"
    assert not set(zh) - set(en), f"missing in English: {sorted(set(zh) - set(en))}"
    for key in en:
        assert en[key].strip() and zh[key].strip(), key
        assert fields_of(en[key]) == fields_of(zh[key]), key
        assert IDEOGRAPH.search(zh[key]), f"{key} is not translated: {zh[key]!r}"


def test_every_message_the_chat_uses_is_in_the_catalogue() -> None:
    used = set()
    for path in UI.glob("*.py"):
        used |= set(re.findall(r"""\bt\(\w+, ["'](\w+)["']""", path.read_text(encoding="utf-8")))
    assert len(used) > 30
    assert not used - set(MESSAGES["en"]), sorted(used - set(MESSAGES["en"]))


def widget_words() -> dict[str, list[str]]:
    """WORDS of widget.js: name -> [English, Chinese] (string literals, `+` joined)."""
    source = WIDGET_JS.read_text(encoding="utf-8")
    block = source[source.index("const WORDS = {"):]
    block = block[:block.index("\n  };")]
    block = re.sub(r'"\s*\+\s*"', "", block)  # "..." + "..." across lines
    return {name: json.loads(f"[{items}]")
            for name, items in re.findall(r"(\w+): \[((?:\"(?:[^\"\\]|\\.)*\",?\s*)+)\]", block)}


def test_every_widget_word_exists_in_both_languages() -> None:
    words = widget_words()
    assert len(words) >= 19 and {"launcher", "notCovered", "otherBadge", "unreachable"} <= set(words)
    for name, pair in words.items():
        assert len(pair) == 2 and all(p.strip() for p in pair), name
        en, zh = pair
        assert set(re.findall(r"\{(\w+)\}", en)) == set(re.findall(r"\{(\w+)\}", zh)), name
        assert IDEOGRAPH.search(zh) and not IDEOGRAPH.search(en), name
    assert words["launcher"][0] == "Ask about policies"
    assert words["notCovered"] == ["Not covered by our documents", "我们的文件未涉及此问题"]


def test_every_word_the_widget_uses_is_in_its_table_and_none_is_unused() -> None:
    source = WIDGET_JS.read_text(encoding="utf-8")
    used = set(re.findall(r"""\bsay\(\w+, "(\w+)"|\bui\("(\w+)"\)""", source))
    used_names = {a or b for a, b in used}
    assert used_names == set(widget_words()), used_names ^ set(widget_words())


def test_the_two_surfaces_say_the_same_about_quotes() -> None:
    words = widget_words()
    for i, lang in enumerate(("en", "zh")):
        assert words["otherBadge"][i] == t(lang, "other_language_badge")
        assert words["otherNote"][i] == t(lang, "other_language_note")


# --- the page's language --------------------------------------------------------------------


@pytest.mark.parametrize(("header", "query", "lang"), [
    ("zh-CN,zh;q=0.9,en;q=0.8", None, "zh"),
    ("zh", None, "zh"),
    ("zh-Hans", None, "zh"),
    ("zh-TW,zh;q=0.9", None, "zh"),
    ("zh-HK", None, "zh"),
    ("en-US,en;q=0.9,zh-CN;q=0.8", None, "en"),
    ("fr-FR,fr;q=0.9,zh;q=0.8,en;q=0.7", None, "zh"),  # the first language we have, by preference
    ("fr-FR,en;q=0.5,zh;q=0.6", None, "zh"),  # q-values, not order
    ("en;q=0.1, zh;q=0", None, "en"),  # q=0 means "not this one"
    ("de-DE", None, "en"),
    ("*", None, "en"),
    ("", None, "en"),
    (None, None, "en"),
    ("zh;q=bad, en;q=0.5", None, "en"),  # an unreadable q-value ranks last
    ("en-US", "zh", "zh"),  # ?lang= wins
    ("zh-CN", "en", "en"),
    ("zh-CN", "zh-CN", "zh"),
    ("zh-CN", "fr", "zh"),  # an unknown ?lang= is ignored
    ("en", "", "en"),
])
def test_the_page_language_is_negotiated(header: str | None, query: str | None, lang: str) -> None:
    assert negotiate(header, query) == lang


def test_example_questions_per_language() -> None:
    settings = SimpleNamespace(examples=[], examples_zh=[])
    assert example_questions(settings, "en") == DEFAULT_EXAMPLES
    assert example_questions(settings, "zh") == DEFAULT_EXAMPLES_ZH
    assert all(question_language(q) == "zh" for q in DEFAULT_EXAMPLES_ZH)
    configured = SimpleNamespace(examples=["Q?"], examples_zh=["问题？"])
    assert example_questions(configured, "en") == ["Q?"] and example_questions(configured, "zh") == ["问题？"]


# --- the answer's words, in the answer's language -------------------------------------------


def citation(n: int, lang: str, text: str) -> Citation:
    return Citation(n=n, doc_id=f"d{n}", chunk_id=f"c{n}", text=text, score=0.5, title=f"Title {n}",
                    date="2021-09-16", source=f"d{n}.txt", lang=lang)


EN_TEXT = "Ruifeng Bank launched the market procurement loan."
ZH_TEXT = "鼓励银行业金融机构增加小微企业信贷投放。"


def test_an_english_answer_reads_as_before() -> None:
    answer = Answer(f"{EN_TEXT} [1]", False, [citation(1, "en", EN_TEXT)], "a1", "en")
    assert format_answer(answer) == (
        "Ruifeng Bank launched the market procurement loan\\. [\\[1\\]](/api/documents/d1/view?chunk=c1&lang=en#cited)"
        "\n\n**Sources**\n\n"
        "**[\\[1\\] Title 1](/api/documents/d1/view?chunk=c1&lang=en#cited)** · 2021\\-09\\-16 · _d1\\.txt_ · "
        "`related passage`\n"
        "> Ruifeng Bank launched the market procurement loan\\.")
    abstained = Answer(ABSTAIN_TEXTS["en"], True, [], "a2", "en")
    assert format_answer(abstained).startswith("**Not covered by our documents.** No policy document")


def test_a_chinese_answer_marks_its_english_quotes_and_keeps_them_verbatim() -> None:
    answer = Answer(f"{EN_TEXT} [1] {ZH_TEXT} [2]", False,
                    [citation(1, "en", EN_TEXT), citation(2, "zh", ZH_TEXT)], "a1", "zh")
    text = format_answer(answer)
    assert "Ruifeng Bank launched the market procurement loan\\." in text  # not translated
    assert "_标有“英文原文”的引文摘自英文文件，保留原文，未经翻译。_" in text
    assert "**来源**" in text and "Sources" not in text
    first, second = (next(line for line in text.splitlines() if line.startswith(f"**[\\[{n}\\] Title"))
                     for n in (1, 2))
    assert first.endswith(" · `英文原文`") and "英文原文" not in second  # only the English quote is marked
    assert "第" not in first and "· 2021\\-09\\-16" in first
    assert format_answer(Answer(ABSTAIN_TEXTS["zh"], True, [], "a2", "zh")).startswith(
        "**我们的文件未涉及此问题。** 我们的政策文件中没有涉及")


def test_an_english_answer_marks_a_chinese_quote() -> None:
    text = format_answer(Answer(f"{ZH_TEXT} [1]", False, [citation(1, "zh", ZH_TEXT)], "a", "en"))
    assert "`Chinese original`" in text and "come from Chinese documents" in text


def test_errors_are_in_the_asker_language_and_english_ones_read_as_before() -> None:
    denied = NotAuthorised("an API key is required: send Authorization: Bearer KEY")
    assert error_text("en", denied) == "**Error:** an API key is required: send Authorization: Bearer KEY"
    assert error_text("zh", denied) == ("**出错了：** 需要有效的 API 密钥。（an API key is required: send "
                                        "Authorization: Bearer KEY）")
    assert error_text("zh", RateLimited("too many requests", 5)).startswith("**出错了：** 提问太频繁")
    assert error_text("zh", UnknownDocument("no document x")) == "**出错了：** 请求未能完成。（no document x）"


def test_the_chat_answers_in_the_question_language_else_the_page_language(fake_app) -> None:
    bot = fake_app(allow_anonymous=False, api_keys=["member"]).app.state.bot
    _, history, _ = reply(bot, "请问 Singapore 的企业所得税税率是多少？", [], {}, "member")
    assert history[1]["content"].startswith("**我们的文件未涉及此问题。** " + ABSTAIN_TEXTS["zh"][:10])
    _, history, _ = reply(bot, "What is the tax rate in Singapore?", [], {}, "member", page_lang="zh")
    assert history[1]["content"].startswith("**Not covered by our documents.**")
    _, history, _ = reply(bot, "2031？", [], {}, "member", page_lang="zh")  # no words: the page's
    assert history[1]["content"].startswith("**我们的文件未涉及此问题。**")  # a year no document has
    _, history, _ = reply(bot, "纺织产业集群有多少个？", [], {}, "")  # no key: refused in Chinese
    assert history[1]["content"].startswith("**出错了：** 需要有效的 API 密钥。")
    _, history, _ = reply(bot, "How many clusters are there?", [], {}, "")
    assert history[1]["content"].startswith("**Error:** ") and "API key" in history[1]["content"]


def test_the_documents_tab_speaks_the_page_language(fake_app) -> None:
    bot = fake_app().app.state.bot
    assert upload(bot, "k", None, lang="zh")[0] == "请先选择文件。"
    assert upload(bot, "k", None)[0] == "Choose a file first."


# --- the chat built per language ------------------------------------------------------------


STATIC = ["title", "tab_ask", "conversation", "placeholder", "ask", "examples", "tab_documents",
          "indexed_documents", "refresh", "manage", "admin_key", "add_file", "upload", "delete_id",
          "delete", "tab_insights", "days", "show", "per_day", "most_cited", "most_asked", "unanswered"]


def shown_strings(config: dict) -> set[str]:
    """Every label, title, placeholder and value of the page's components."""
    out = {config["title"]}
    for component in config["components"]:
        props = component.get("props", {})
        for name in ("label", "placeholder", "value", "title"):
            if isinstance(props.get(name), str):
                out.add(props[name])
        out.update(h for h in props.get("headers") or [] if isinstance(h, str))
        value = props.get("value")
        if isinstance(value, dict):
            out.update(h for h in value.get("headers") or [] if isinstance(h, str))
    return out


@pytest.mark.parametrize(("path", "lang"), [("/config", "en"), ("/zh/config", "zh")])
def test_each_chat_shows_only_its_language(fake_app, path: str, lang: str) -> None:
    shown = shown_strings(fake_app().get(path).json())
    other = "zh" if lang == "en" else "en"
    for key in STATIC:
        assert t(lang, key) in shown, key
        assert t(other, key) not in shown or t(other, key) == t(lang, key), key
    assert any(t(lang, "heading")[:12] in s for s in shown)
    examples = DEFAULT_EXAMPLES_ZH if lang == "zh" else DEFAULT_EXAMPLES
    assert examples[0] in json.dumps(fake_app().get(path).json(), ensure_ascii=False)


def test_a_quote_that_answers_is_told_from_one_that_is_only_related() -> None:
    from dataclasses import replace

    direct = replace(citation(1, "en", EN_TEXT), confidence="direct")
    for lang, word, other, note in (("en", "answers the question", "related passage", "may not answer"),
                                    ("zh", "直接回答", "相关内容", "可能没有直接回答")):
        text = format_answer(Answer(f"{EN_TEXT} [1]", False, [direct], "a", lang, "direct"))
        assert f"`{word}`" in text and other not in text and note not in text
        related = format_answer(Answer(f"{EN_TEXT} [1]", False, [citation(1, "en", EN_TEXT)], "a", lang, "related"))
        assert f"`{other}`" in related and note in related
