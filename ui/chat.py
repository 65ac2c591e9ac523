"""Gradio chat: thin; each callback calls one core function and formats its result."""

from __future__ import annotations

import html
import re
from typing import Any

import gradio as gr

from bot.followup import MAX_TURN_CHARS, MAX_TURNS, Turn
from bot.records import Answer
from bot.service import MAX_QUESTION_CHARS, PolicyBot, record_feedback
from core.errors import PolicybotError
from ui.documents_tab import address_of, documents_tab
from ui.insights_tab import insights_tab

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape(text: str) -> str:
    """Document text is data: neither Markdown nor HTML in it may render."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def format_answer(answer: Answer) -> str:
    if answer.abstained:
        return f"**Not covered by our documents.** {escape(answer.answer)}"
    body = re.sub(r"\\\[(\d+)\\\]", r"**[\1]**", escape(answer.answer))
    lines = [body, "", "**Sources**"]
    for c in answer.citations:
        when = f" · {escape(c.date)}" if c.date else ""
        page = f" · page {c.page}" if c.page else ""
        lines.append(f"\n**[{c.n}] {escape(c.title)}**{when}{page} · _{escape(c.source)}_")
        lines.append("> " + escape(c.text).replace("\n", " "))
    return "\n".join(lines)


def turns(history: list[dict[str, Any]]) -> list[Turn]:
    """The chat's earlier exchanges as the core's turns (most recent last, bounded)."""
    out: list[Turn] = []
    for message in history:
        content = message.get("content")
        text = content if isinstance(content, str) else ""
        if message.get("role") == "user":
            out.append(Turn(text[:MAX_QUESTION_CHARS]))
        elif message.get("role") == "assistant" and out:
            out[-1] = Turn(out[-1].question, text[: MAX_TURN_CHARS - len(out[-1].question)])
    return out[-MAX_TURNS:]


def reply(bot: PolicyBot, message: str, history: list[dict[str, Any]], ids: dict[int, str],
          key: str | None = None, address: str | None = None) -> tuple[str, list, dict[int, str]]:
    """Append the question and its answer; remember the answer's id for thumbs up/down.

    The asker passes the same key and rate checks as on the API (``PolicyBot.admit``).
    """
    history, ids = list(history or []), dict(ids or {})
    if not (message or "").strip():
        return "", history, ids
    try:
        client = bot.admit((key or "").strip() or None, address)
        answer = bot.ask(message, history=turns(history), client=client)
        text = format_answer(answer)
        ids[len(history) + 1] = answer.answer_id
    except PolicybotError as exc:
        text = f"**Error:** {escape(exc.public())}"
    history += [{"role": "user", "content": message}, {"role": "assistant", "content": text}]
    return "", history, ids


def rate(bot: PolicyBot, ids: dict[int, str], index: Any, liked: Any, key: str | None = None,
         address: str | None = None) -> None:
    """Thumbs up/down on an answer in the chat becomes feedback on its answer id."""
    position = index[0] if isinstance(index, list | tuple) else index
    answer_id = (ids or {}).get(int(position)) if position is not None else None
    if answer_id is None:
        return
    try:
        client = bot.admit((key or "").strip() or None, address)
        record_feedback(bot, answer_id, liked is True or liked == "like", None, client)
    except PolicybotError:
        pass  # feedback is best effort in the chat; the API reports errors


def build_chat(bot: PolicyBot, examples: list[str]) -> gr.Blocks:
    with gr.Blocks(title="policybot", analytics_enabled=False) as demo:
        gr.Markdown(
            "# Policy questions\nAnswers come only from the federation's policy documents, "
            "each sentence cited. When the documents do not cover a question, it says so."
        )
        with gr.Tab("Ask"):
            chat = gr.Chatbot(label="Conversation", height=520, sanitize_html=True,
                              render_markdown=True, feedback_options=("Like", "Dislike"))
            ids = gr.State({})
            # Without anonymous use the chat asks for the same API key as /api/ask.
            key = gr.Textbox(label="API key", type="password", visible=not bot.settings.allow_anonymous)
            with gr.Row():
                box = gr.Textbox(placeholder="Ask about trade, support or cluster policies…",
                                 show_label=False, scale=8, max_length=2000)
                send = gr.Button("Ask", variant="primary", scale=1)
            gr.Examples(examples=[[q] for q in examples], inputs=[box], label="Try")
            def on_ask(message: str, history: list[dict[str, Any]], answer_ids: dict[int, str],
                       api_key: str, request: gr.Request) -> tuple[str, list, dict[int, str]]:
                return reply(bot, message, history, answer_ids, api_key, address_of(request))

            for event in (box.submit, send.click):
                event(on_ask, [box, chat, ids, key], [box, chat, ids], api_name=False)

            def on_like(answer_ids: dict[int, str], api_key: str, data: gr.LikeData,
                        request: gr.Request) -> None:
                rate(bot, answer_ids, data.index, data.liked, api_key, address_of(request))

            chat.like(on_like, [ids, key], None, api_name=False)
        documents_tab(bot)
        insights_tab(bot)
    return demo
