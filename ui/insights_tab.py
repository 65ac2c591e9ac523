"""Gradio "Insights" tab: the same figures as GET /api/admin/stats, with charts (admin key)."""

from __future__ import annotations

from typing import Any

import gradio as gr
import pandas as pd

from bot.service import PolicyBot, usage_stats
from core.errors import PolicybotError
from ui.documents_tab import address_of


def insights(bot: PolicyBot, key: str, days: float, address: str | None = None) -> tuple[Any, ...]:
    empty = pd.DataFrame()
    try:
        bot.admit_admin(key, address)
        s = usage_stats(bot, int(days or 30))
    except PolicybotError as exc:
        return f"**{exc.public()}**", empty, empty, empty, empty
    summary = (f"**{s['questions']}** questions in the last {s['days']} days; "
               f"**{s['abstention_rate']:.0%}** not covered by the documents; feedback "
               f"{s['feedback']['helpful']} helpful, {s['feedback']['not_helpful']} not helpful.")
    per_day = pd.DataFrame(s["per_day"] or [{"day": "", "questions": 0, "abstained": 0}])
    return (summary, per_day, pd.DataFrame(s["top_documents"], columns=["doc_id", "count"]),
            pd.DataFrame(s["top_questions"], columns=["question", "count"]),
            pd.DataFrame(s["unanswered"], columns=["question", "count"]))


def insights_tab(bot: PolicyBot) -> None:
    """Render inside an open gr.Blocks."""
    with gr.Tab("Insights"):
        with gr.Row():
            key = gr.Textbox(label="Admin key", type="password", scale=3)
            days = gr.Number(label="Days", value=30, minimum=1, maximum=3650, scale=1)
            show = gr.Button("Show", variant="primary", scale=1)
        summary = gr.Markdown()
        per_day = gr.BarPlot(x="day", y="questions", title="Questions per day")
        documents = gr.BarPlot(x="doc_id", y="count", title="Most cited documents")
        asked = gr.Dataframe(label="Most asked questions", interactive=False)
        unanswered = gr.Dataframe(label="Not covered by the documents: candidates to add",
                                  interactive=False)
        def on_show(admin_key: str, span: float, request: gr.Request) -> tuple[Any, ...]:
            return insights(bot, admin_key, span, address_of(request))

        show.click(on_show, [key, days],
                   [summary, per_day, documents, asked, unanswered], api_name=False)
