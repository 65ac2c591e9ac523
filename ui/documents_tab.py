"""Gradio "Documents" tab: the collection; with an admin key, upload and delete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from bot.documents import add_document, delete_document, list_documents
from bot.service import PolicyBot
from core.errors import PolicybotError

COLUMNS = ["doc_id", "title", "date", "source", "chunks", "indexed_at"]


def address_of(request: gr.Request | None) -> str | None:
    """The browser's address, as the API's rate limit sees it."""
    return request.client.host if request is not None and request.client else None


def table(bot: PolicyBot) -> list[list[Any]]:
    try:
        return [[d[c] for c in COLUMNS] for d in list_documents(bot)]
    except PolicybotError:
        return []


def upload(bot: PolicyBot, key: str, file: str | None, address: str | None = None) -> tuple[str, list[list[Any]]]:
    if not file:
        return "Choose a file first.", table(bot)
    try:
        bot.admit_admin(key, address)
        path = Path(file)
        result = add_document(bot, path.name, path.read_bytes())
        return f"Indexed {result['file']} as {result['doc_id']}.", table(bot)
    except PolicybotError as exc:
        return f"Not uploaded: {exc.public()}", table(bot)


def delete(bot: PolicyBot, key: str, doc_id: str, address: str | None = None) -> tuple[str, list[list[Any]]]:
    try:
        bot.admit_admin(key, address)
        delete_document(bot, (doc_id or "").strip())
        return f"Deleted {doc_id}.", table(bot)
    except PolicybotError as exc:
        return f"Not deleted: {exc.public()}", table(bot)


def documents_tab(bot: PolicyBot) -> None:
    """Render inside an open gr.Blocks."""
    with gr.Tab("Documents"):
        grid = gr.Dataframe(headers=COLUMNS, value=lambda: table(bot), interactive=False,
                            label="Indexed documents")
        refresh = gr.Button("Refresh")
        with gr.Accordion("Manage (admin key required)", open=False):
            key = gr.Textbox(label="Admin key", type="password")
            file = gr.File(label="Add or replace a document",
                           file_types=[".txt", ".md", ".html", ".htm", ".pdf", ".docx"],
                           type="filepath")
            add = gr.Button("Upload and index")
            doc_id = gr.Textbox(label="Document id to delete")
            remove = gr.Button("Delete", variant="stop")
            status = gr.Markdown()
        refresh.click(lambda: table(bot), None, grid, api_name=False)

        def on_add(admin_key: str, path: str | None, request: gr.Request) -> tuple[str, list[list[Any]]]:
            return upload(bot, admin_key, path, address_of(request))

        def on_remove(admin_key: str, doc: str, request: gr.Request) -> tuple[str, list[list[Any]]]:
            return delete(bot, admin_key, doc, address_of(request))

        add.click(on_add, [key, file], [status, grid], api_name=False)
        remove.click(on_remove, [key, doc_id], [status, grid], api_name=False)
