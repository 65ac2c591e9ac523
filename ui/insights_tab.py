"""Gradio "Insights" tab: the same figures as GET /api/admin/stats, with charts (admin key)."""

from __future__ import annotations

from typing import Any

import gradio as gr
import pandas as pd

from bot.service import PolicyBot, usage_stats
from core.errors import PolicybotError
from core.language import Lang
from ui.documents_tab import address_of
from ui.i18n import t


def insights(bot: PolicyBot, key: str, days: float, address: str | None = None,
             lang: Lang = "en") -> tuple[Any, ...]:
    empty = pd.DataFrame()
    try:
        bot.admit_admin(key, address)
        s = usage_stats(bot, int(days or 30))
    except PolicybotError as exc:
        return f"**{exc.public()}**", empty, empty, empty, empty
    summary = t(lang, "summary", questions=s["questions"], days=s["days"],
                rate=f"{s['abstention_rate']:.0%}", helpful=s["feedback"]["helpful"],
                not_helpful=s["feedback"]["not_helpful"])
    per_day = pd.DataFrame(s["per_day"] or [{"day": "", "questions": 0, "abstained": 0}])
    return (summary, per_day, pd.DataFrame(s["top_documents"], columns=["doc_id", "count"]),
            pd.DataFrame(s["top_questions"], columns=["question", "count"]),
            pd.DataFrame(s["unanswered"], columns=["question", "count"]))


def insights_tab(bot: PolicyBot, lang: Lang = "en") -> None:
    """Render inside an open gr.Blocks, labelled in ``lang``."""
    with gr.Tab(t(lang, "tab_insights")):
        with gr.Row():
            key = gr.Textbox(label=t(lang, "admin_key"), type="password", scale=3)
            days = gr.Number(label=t(lang, "days"), value=30, minimum=1, maximum=3650, scale=1)
            show = gr.Button(t(lang, "show"), variant="primary", scale=1)
        summary = gr.Markdown()
        per_day = gr.BarPlot(x="day", y="questions", title=t(lang, "per_day"))
        documents = gr.BarPlot(x="doc_id", y="count", title=t(lang, "most_cited"))
        asked = gr.Dataframe(label=t(lang, "most_asked"), interactive=False)
        unanswered = gr.Dataframe(label=t(lang, "unanswered"), interactive=False)
        def on_show(admin_key: str, span: float, request: gr.Request) -> tuple[Any, ...]:
            return insights(bot, admin_key, span, address_of(request), lang)

        show.click(on_show, [key, days],
                   [summary, per_day, documents, asked, unanswered], api_name=False)
