"""The Gradio callbacks: each calls one core function; tested without a browser."""

import re

import pytest
from fastapi.testclient import TestClient

from app.server import create_app
from ui.chat import escape, format_answer, reply, turns
from ui.documents_tab import delete, table, upload
from ui.insights_tab import insights


@pytest.fixture(scope="module")
def bot(real_settings, tmp_path_factory):
    settings = real_settings.model_copy(update={
        "admin_keys": ["adm"], "analytics_db": tmp_path_factory.mktemp("ui") / "a.db"})
    with TestClient(create_app(settings)) as client:
        yield client.app.state.bot


def test_chat_reply_shows_answer_citations_and_keeps_history(bot):
    _, history, ids = reply(bot, "Which bank gives market-procurement loans?", [], {})
    assert history[0] == {"role": "user", "content": "Which bank gives market-procurement loans?"}
    text = history[1]["content"]
    assert "Ruifeng" in text and "**Sources**" in text
    assert re.search(r"\[\\\[1\\\]\]\(/api/documents/001_557fb4181488ae4b/view\?chunk=\w+&lang=en#cited\)", text)
    assert list(ids) == ["1"]
    _, history, ids = reply(bot, "and which customs office supports it?", history, ids)
    assert len(history) == 4 and set(ids) == {"1", "3"}
    assert turns(history)[0].question.startswith("Which bank")


def test_chat_abstention_is_marked(bot):
    _, history, _ = reply(bot, "How do I reset my iPhone password?", [], {})
    assert history[1]["content"].startswith("**Not covered by our documents.**")


def test_document_text_cannot_render_as_markup():
    escaped = escape("<script>alert(1)</script> **bold** [link](http://x)")
    assert "<script>" not in escaped and "**" not in escaped and "](" not in escaped


def test_format_answer_lists_title_date_and_passage(bot):
    answer = bot.ask("Who chaired the symposium on key textile and garment industry clusters?")
    text = format_answer(answer)
    assert "2019\\-11\\-29" in text and "Symposium" in text and "> " in text


def test_documents_tab_lists_and_guards_writes(bot, tmp_path):
    rows = table(bot)
    assert len(rows) == 5 and all(r[0] for r in rows)
    f = tmp_path / "x.txt"
    f.write_text("x")
    message, _ = upload(bot, "wrong", str(f))
    assert message.startswith("Not uploaded") and "admin" in message
    message, _ = delete(bot, "", "001_557fb4181488ae4b")
    assert message.startswith("Not deleted")
    assert len(table(bot)) == 5


def test_insights_tab(bot):
    reply(bot, "What is the corporate income tax rate in Singapore?", [], {})
    summary, per_day, documents, asked, unanswered = insights(bot, "adm", 30)
    assert "questions in the last 30 days" in summary
    assert per_day["questions"].sum() >= 1
    assert "Singapore" in " ".join(unanswered["question"])
    denied = insights(bot, "nope", 30)[0]
    assert "not an admin key" in denied
