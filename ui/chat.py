"""Gradio chat: thin; each callback calls one core function and formats its result.

``build_chat`` builds the chat in one language (``ui/i18n.py``); ``app/server.py`` mounts one per
language. An answer's own words follow the answer's language (``Answer.lang``, the question's).
"""

from __future__ import annotations

import re
from typing import Any

import gradio as gr

from bot.answering.followup import MAX_TURN_CHARS, MAX_TURNS, Turn
from bot.answering.records import Answer
from bot.service import MAX_QUESTION_CHARS, PolicyBot, record_feedback
from core.errors import PolicybotError
from core.language import Lang, question_language
from ui.document_view import view_url
from ui.documents_tab import address_of, documents_tab
from ui.errors import error_text
from ui.finder_tab import finder_tab
from ui.i18n import t
from ui.insights_tab import insights_tab
from ui.policy_card import escape, header

_MARKER = re.compile(r"\\\[(\d+)\\\]")  # an escaped "[n]" in the answer text
# After an answer: the question just asked at the top of the conversation, its answer below it (the
# chat's own autoscroll would show the end of the source list instead).
SHOW_ANSWER_JS = """() => {
  const show = () => {
    const rows = document.querySelectorAll('#pb-chat .message-row.user-row');
    const row = rows[rows.length - 1];
    if (!row) return;
    let box = row.parentElement;  // the conversation's scrolling box
    while (box && !(box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY))) {
      box = box.parentElement;
    }
    if (box) box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top - 48;
  };
  setTimeout(show, 100);
  setTimeout(show, 400);  // again once the answer's Markdown has rendered
}"""


def format_answer(answer: Answer) -> str:
    """Markdown for one answer, in the answer's language; quotes stay verbatim, and a quote in
    the other language is marked as such (e.g. "英文原文" for English passages in a Chinese answer)."""
    lang = answer.lang
    if answer.abstained:
        return f"**{t(lang, 'not_covered')}** {escape(answer.answer)}"
    links = {c.n: view_url(c.doc_id, c.chunk_id, lang) for c in answer.citations}
    # Each [n] links to the cited passage in its document's view (a new tab: the chat stays).
    body = _MARKER.sub(lambda m: f"[\\[{m[1]}\\]]({links[int(m[1])]})" if int(m[1]) in links else m[0],
                       escape(answer.answer))
    lines = [body]
    if answer.confidence == "related":  # no quote holds what was asked: say so
        lines += ["", f"_{t(lang, 'related_note')}_"]
    if any(c.lang != lang for c in answer.citations):
        lines += ["", f"_{t(lang, 'other_language_note')}_"]
    lines += ["", f"**{t(lang, 'sources')}**"]
    for c in answer.citations:
        record = header(c.meta_dict() | {"status": c.status}, lang)  # the policy card's header
        when = f" · {record}" if record else ""
        page = f" · {t(lang, 'page', n=c.page)}" if c.page else ""
        badge = f" · `{t(lang, 'confidence_direct' if c.confidence == 'direct' else 'confidence_related')}`"
        badge += f" · `{t(lang, 'other_language_badge')}`" if c.lang != lang else ""
        lines.append(f"\n**[\\[{c.n}\\] {escape(c.title)}]({links[c.n]})**{when}{page} · _{escape(c.source)}_{badge}")
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


def reply(bot: PolicyBot, message: str, history: list[dict[str, Any]], ids: dict[str, str],
          key: str | None = None, address: str | None = None,
          page_lang: Lang = "en") -> tuple[str, list, dict[str, str]]:
    """Append the question and its answer; remember the answer's id (by the message's position,
    as text: the ids travel in the page as JSON) for thumbs up/down.

    The asker passes the same key and rate checks as on the API (``PolicyBot.admit``). The answer
    is in the question's language, or the page's when the question does not show one ("2021?").
    """
    history, ids = list(history or []), dict(ids or {})
    if not (message or "").strip():
        return "", history, ids
    lang = question_language(message, default=page_lang)
    try:
        client = bot.admit((key or "").strip() or None, address)
        answer = bot.ask(message, history=turns(history), client=client, lang=lang)
        text = format_answer(answer)
        ids[str(len(history) + 1)] = answer.answer_id
    except PolicybotError as exc:
        text = error_text(lang, exc)
    history += [{"role": "user", "content": message}, {"role": "assistant", "content": text}]
    return "", history, ids


def rate(bot: PolicyBot, ids: dict[str, str], index: Any, liked: Any, key: str | None = None,
         address: str | None = None) -> None:
    """Thumbs up/down on an answer in the chat becomes feedback on its answer id.

    The ids come back from the page, so they are whatever the browser sends: a vote on an id
    that is not an answer is refused by the log (as on ``POST /api/feedback``), one per client.
    """
    position = index[0] if isinstance(index, list | tuple) else index
    answer_id = (ids if isinstance(ids, dict) else {}).get(str(position))
    if not isinstance(answer_id, str):
        return
    try:
        client = bot.admit((key or "").strip() or None, address)
        record_feedback(bot, answer_id, liked is True or liked == "like", None, client)
    except PolicybotError:
        pass  # feedback is best effort in the chat; the API reports errors


def build_chat(bot: PolicyBot, examples: list[str], lang: Lang = "en") -> gr.Blocks:
    """The chat with every label in ``lang``. The thumbs are Gradio's icons ("Like"/"Dislike" are
    their values); their tooltips come from Gradio's own translations, in the browser's language."""
    # Files uploaded to the page (the Documents tab) are deleted after an hour, checked hourly.
    with gr.Blocks(title=t(lang, "title"), analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        gr.Markdown(t(lang, "heading"))
        with gr.Tab(t(lang, "tab_ask")):
            chat = gr.Chatbot(label=t(lang, "conversation"), height=520, sanitize_html=True, elem_id="pb-chat",
                              render_markdown=True, feedback_options=("Like", "Dislike"), autoscroll=False)
            # The answers' ids, for the thumbs, are kept in the page, not in a server-side gr.State:
            # the next event may reach another worker process (``unqueued``).
            ids = gr.JSON({}, visible=False)
            # Without anonymous use the chat asks for the same API key as /api/ask.
            key = gr.Textbox(label=t(lang, "api_key"), type="password",
                             visible=not bot.settings.allow_anonymous)
            with gr.Row():
                box = gr.Textbox(label=t(lang, "question"), placeholder=t(lang, "placeholder"),
                                 show_label=False, scale=8, max_length=2000)
                send = gr.Button(t(lang, "ask"), variant="primary", scale=1)
            gr.Examples(examples=[[q] for q in examples], inputs=[box], label=t(lang, "examples"))
            def on_ask(message: str, history: list[dict[str, Any]], answer_ids: dict[str, str],
                       api_key: str, request: gr.Request) -> tuple[str, list, dict[str, str]]:
                return reply(bot, message, history, answer_ids, api_key, address_of(request), lang)

            for event in (box.submit, send.click):
                event(on_ask, [box, chat, ids, key], [box, chat, ids], api_name=False).then(
                    None, None, None, js=SHOW_ANSWER_JS, api_name=False)

            def on_like(answer_ids: dict[str, str], api_key: str, data: gr.LikeData,
                        request: gr.Request) -> None:
                rate(bot, answer_ids, data.index, data.liked, api_key, address_of(request))

            chat.like(on_like, [ids, key], None, api_name=False)
        finder_tab(bot, lang)
        documents_tab(bot, lang)
        insights_tab(bot, lang)
    return unqueued(demo)


def unqueued(demo: gr.Blocks) -> gr.Blocks:
    """Every event of ``demo`` answered in one HTTP request (Gradio's ``run/predict``), none queued.

    Gradio's queue lives in one process: an event joins it with one request (``queue/join``) and
    its result comes back on another (the ``queue/data`` stream), each on whichever connection the
    browser picks. Under ``policybot serve --workers N`` (a SO_REUSEPORT socket per worker) the
    two reached different workers for some sessions, which then saw neither an answer nor an
    error. One request per event is answered by the worker that receives it, and the chat keeps
    nothing on the server between events (no ``gr.State``), so any worker can take any event. The
    queue's concurrency limit is not needed: answers wait for PolicyBot's per-process slots.
    Events added later (a tab's button, a component's load) are covered too: this walks them all.
    """
    for fn in demo.fns.values():
        fn.queue = False
    return demo
