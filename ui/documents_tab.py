"""Gradio "Documents" tab: the collection; with an admin key, upload and delete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from bot.collection.documents import add_document, delete_document, list_documents
from bot.service import PolicyBot
from core.errors import PolicybotError
from core.language import Lang
from ui.i18n import t
from ui.policy_card import card

COLUMNS = ["doc_id", "title", "doc_number", "issuer", "date", "effective_date", "expiry_date", "status",
           "superseded_by", "source", "chunks", "indexed_at"]


def address_of(request: gr.Request | None) -> str | None:
    """The browser's address, as the API's rate limit sees it."""
    return request.client.host if request is not None and request.client else None


def table(bot: PolicyBot, lang: Lang = "en") -> list[list[Any]]:
    """The collection, each document's status today in ``lang``."""
    try:
        rows = list_documents(bot)
    except PolicybotError:
        return []
    return [[t(lang, f"status_{d[c]}") if c == "status" else d[c] for c in COLUMNS] for d in rows]


def upload(bot: PolicyBot, key: str, file: str | None, address: str | None = None,
           lang: Lang = "en") -> tuple[str, list[list[Any]]]:
    if not file:
        return t(lang, "choose_file"), table(bot, lang)
    try:
        bot.admit_admin(key, address)
        path = Path(file)
        result = add_document(bot, path.name, path.read_bytes())
        return t(lang, "uploaded", file=result["file"], doc_id=result["doc_id"]), table(bot, lang)
    except PolicybotError as exc:
        return t(lang, "not_uploaded", detail=exc.public()), table(bot, lang)


def delete(bot: PolicyBot, key: str, doc_id: str, address: str | None = None,
           lang: Lang = "en") -> tuple[str, list[list[Any]]]:
    try:
        bot.admit_admin(key, address)
        delete_document(bot, (doc_id or "").strip())
        return t(lang, "deleted", doc_id=doc_id), table(bot, lang)
    except PolicybotError as exc:
        return t(lang, "not_deleted", detail=exc.public()), table(bot, lang)


def documents_tab(bot: PolicyBot, lang: Lang = "en") -> None:
    """Render inside an open gr.Blocks, labelled in ``lang``."""
    with gr.Tab(t(lang, "tab_documents")):
        grid = gr.Dataframe(headers=[t(lang, f"col_{c}") for c in COLUMNS], value=lambda: table(bot, lang),
                            interactive=False, label=t(lang, "indexed_documents"))
        refresh = gr.Button(t(lang, "refresh"))
        with gr.Accordion(t(lang, "policy_card"), open=False):
            with gr.Row():
                card_id = gr.Textbox(label=t(lang, "card_id"), scale=3)
                as_of = gr.Textbox(label=t(lang, "as_of"), scale=2, max_length=10)
                show = gr.Button(t(lang, "show_card"), scale=1)
            shown = gr.Markdown()
        show.click(lambda doc, day: card(bot, doc, day, lang), [card_id, as_of], shown, api_name=False)
        with gr.Accordion(t(lang, "manage"), open=False):
            key = gr.Textbox(label=t(lang, "admin_key"), type="password")
            file = gr.File(label=t(lang, "add_file"),
                           file_types=[".txt", ".md", ".html", ".htm", ".pdf", ".docx"],
                           type="filepath")
            add = gr.Button(t(lang, "upload"))
            doc_id = gr.Textbox(label=t(lang, "delete_id"))
            remove = gr.Button(t(lang, "delete"), variant="stop")
            status = gr.Markdown()
        refresh.click(lambda: table(bot, lang), None, grid, api_name=False)

        def on_add(admin_key: str, path: str | None, request: gr.Request) -> tuple[str, list[list[Any]]]:
            return upload(bot, admin_key, path, address_of(request), lang)

        def on_remove(admin_key: str, doc: str, request: gr.Request) -> tuple[str, list[list[Any]]]:
            return delete(bot, admin_key, doc, address_of(request), lang)

        add.click(on_add, [key, file], [status, grid], api_name=False)
        remove.click(on_remove, [key, doc_id], [status, grid], api_name=False)
