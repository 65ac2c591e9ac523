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
from ui.documents_tab import documents_tab
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


def reply(bot: PolicyBot, message: str, history: list[dict[str, Any]],
          ids: dict[int, str]) -> tuple[str, list, dict[int, str]]:
    """Append the question and its answer; remember the answer's id for thumbs up/down."""
    history, ids = list(history or []), dict(ids or {})
    if not (message or "").strip():
        return "", history, ids
    try:
        answer = bot.ask(message, history=turns(history), client="chat-ui")
        text = format_answer(answer)
        ids[len(history) + 1] = answer.answer_id
    except PolicybotError as exc:
        text = f"**Error:** {escape(str(exc))}"
    history += [{"role": "user", "content": message}, {"role": "assistant", "content": text}]
    return "", history, ids


def rate(bot: PolicyBot, ids: dict[int, str], index: Any, liked: Any) -> None:
    """Thumbs up/down on an answer in the chat becomes feedback on its answer id."""
    position = index[0] if isinstance(index, list | tuple) else index
    answer_id = (ids or {}).get(int(position)) if position is not None else None
    if answer_id is None:
        return
    try:
        record_feedback(bot, answer_id, liked is True or liked == "like", None)
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
            with gr.Row():
                box = gr.Textbox(placeholder="Ask about trade, support or cluster policies…",
                                 show_label=False, scale=8, max_length=2000)
                send = gr.Button("Ask", variant="primary", scale=1)
            gr.Examples(examples=[[q] for q in examples], inputs=[box], label="Try")
            for event in (box.submit, send.click):
                event(lambda m, h, i: reply(bot, m, h, i), [box, chat, ids], [box, chat, ids],
                      api_name=False)

            def on_like(answer_ids: dict[int, str], data: gr.LikeData) -> None:
                rate(bot, answer_ids, data.index, data.liked)

            chat.like(on_like, [ids], None, api_name=False)
        documents_tab(bot)
        insights_tab(bot)
    return demo
