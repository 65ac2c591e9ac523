"""Document management for federation staff: list, add or replace, delete; each change updates
the index incrementally, so the next question sees it."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from bot.service import PolicyBot
from core.errors import DocumentError, InvalidQuestion, UnknownDocument
from core.records import meta_fields
from indexer.build import BuildReport, build_index
from indexer.formats import SUPPORTED_SUFFIXES
from indexer.formats.sidecar import sidecar_paths

_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


def list_documents(bot: PolicyBot) -> list[dict[str, Any]]:
    docs = bot.index().data.documents
    return [_describe(doc_id, entry) for doc_id, entry in docs.items()]


def get_document(bot: PolicyBot, doc_id: str) -> dict[str, Any]:
    data = bot.index().data
    if doc_id not in data.documents:
        raise UnknownDocument(f"no document {doc_id!r}")
    passages = [{"chunk_id": c.chunk_id, "position": c.position, "page": c.page, "text": c.text}
                for c in data.chunks if c.doc_id == doc_id]
    return {**_describe(doc_id, data.documents[doc_id]), "passages": passages}


def safe_filename(name: str) -> str:
    """A plain file name inside the corpus: no directories, no hidden files, a known type."""
    base = _SAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip("._")
    suffix = Path(base).suffix.lower()
    if not base or not Path(base).stem:
        raise InvalidQuestion("the upload needs a file name")
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise InvalidQuestion(f"unsupported file type {suffix or '(none)'}; allowed: {allowed}")
    return base


def add_document(bot: PolicyBot, filename: str, content: bytes) -> dict[str, Any]:
    """Write the file into the corpus (replacing one of the same name) and index it.

    A file that cannot be read is refused and the corpus left as it was.
    """
    settings = bot.settings
    name = safe_filename(filename)
    if len(content) > settings.max_upload_bytes:
        raise InvalidQuestion(f"file too large: {len(content)} bytes > {settings.max_upload_bytes}")
    corpus = Path(settings.corpus)
    corpus.mkdir(parents=True, exist_ok=True)
    target = corpus / name
    backup = target.read_bytes() if target.exists() else None
    _atomic_write(target, content)
    report = _rebuild(bot)
    failed = [s for s in report.skipped if s.file == name]
    if failed:
        if backup is None:
            target.unlink(missing_ok=True)
        else:
            _atomic_write(target, backup)
        _rebuild(bot)
        raise DocumentError(f"{name}: {failed[0].reason}")
    return {"doc_id": Path(name).stem, "file": name, "report": report.to_dict()}


def delete_document(bot: PolicyBot, doc_id: str) -> dict[str, Any]:
    data = bot.index().data
    entry = data.documents.get(doc_id)
    if entry is None:
        raise UnknownDocument(f"no document {doc_id!r}")
    path = Path(bot.settings.corpus) / entry["source"]
    for p in (path, *sidecar_paths(path)):
        p.unlink(missing_ok=True)
    report = _rebuild(bot)
    return {"doc_id": doc_id, "report": report.to_dict()}


def _rebuild(bot: PolicyBot) -> BuildReport:
    s = bot.settings
    report = build_index(Path(s.corpus), bot.index_path, s, lambda: bot.encoder(s.model))
    bot.refresh()
    return report


def _describe(doc_id: str, entry: dict[str, Any]) -> dict[str, Any]:
    """A manifest entry as the API shows it: the metadata fields, chunk count, indexing time."""
    return {"doc_id": doc_id, **{name: entry.get(name) for name in meta_fields()},
            "chunks": entry.get("chunks", 0), "indexed_at": entry.get("indexed_at")}


def _atomic_write(target: Path, content: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
