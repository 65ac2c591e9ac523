"""Document management for federation staff: list, add or replace, delete; each change updates
the index incrementally, so the next question sees it.

Changes are serialised per corpus by a file lock (every worker process shares it) and journaled:
the new file and the ones it replaces are staged in the corpus's hidden ``.staging`` folder and a
journal names them before the corpus is touched. A change that fails is rolled back by its own
journal; one whose process died (killed mid-upload) is rolled back by the next change or the next
start, so no file reaches the corpus without being indexed, and a reply always describes what
is indexed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.service import PolicyBot
from core.errors import Conflict, DocumentError, InvalidQuestion, UnknownDocument
from core.records import meta_fields
from core.settings import Settings
from core.validity import status_of, today
from indexer.build import BuildReport, build_index, document_ids
from indexer.documents.formats import SUPPORTED_SUFFIXES
from indexer.documents.formats.sidecar import sidecar_paths
from indexer.embed.factory import resolved_backend
from indexer.load import discover

_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")
# Room below the file system's 255-byte name limit for ".meta.json" sidecars and staging names.
MAX_NAME_BYTES = 200
STAGING = ".staging"
JOURNAL = "journal.json"


def list_documents(bot: PolicyBot, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Every document with its metadata and its status on ``as_of`` (today by default)."""
    docs = bot.index().data.documents
    day = as_of or today()
    return [_describe(doc_id, entry, docs, day) for doc_id, entry in docs.items()]


def get_document(bot: PolicyBot, doc_id: str, as_of: dt.date | None = None) -> dict[str, Any]:
    """The policy card: metadata, status on ``as_of``, what it replaced, and its passages."""
    data = bot.index().data
    if doc_id not in data.documents:
        raise UnknownDocument(f"no document {doc_id!r}")
    passages = [{"chunk_id": c.chunk_id, "position": c.position, "page": c.page, "text": c.text}
                for c in data.chunks if c.doc_id == doc_id]
    replaces = sorted(d for d, e in data.documents.items() if e.get("superseded_by") == doc_id)
    day = as_of or today()
    return {**_describe(doc_id, data.documents[doc_id], data.documents, day), "as_of": day.isoformat(),
            "replaces": replaces, "passages": passages}


def safe_filename(name: str) -> str:
    """A plain file name inside the corpus: no directories, no hidden files, a known type, short."""
    base = _SAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip("._")
    suffix = Path(base).suffix.lower()
    if not base or not Path(base).stem:
        raise InvalidQuestion("the upload needs a file name")
    if len(base.encode("utf-8")) > MAX_NAME_BYTES:
        raise InvalidQuestion(f"the file name is longer than {MAX_NAME_BYTES} bytes; shorten it")
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise InvalidQuestion(f"unsupported file type {suffix or '(none)'}; allowed: {allowed}")
    return base


def add_document(bot: PolicyBot, filename: str, content: bytes, replace: bool = False) -> dict[str, Any]:
    """Put the file into the corpus (replacing one of the same name) and index it.

    Another file behind the same document id (``report.md`` beside ``report.txt``) is a Conflict
    unless ``replace`` is set, which swaps it for the new one. A file that cannot be indexed is
    refused and the corpus left as it was.
    """
    settings = bot.settings
    name = safe_filename(filename)
    if len(content) > settings.max_upload_bytes:
        raise InvalidQuestion(f"file too large: {len(content)} bytes > {settings.max_upload_bytes}")
    corpus = Path(settings.corpus)
    with corpus_lock(corpus) as staging:
        _recover(bot, staging)
        doc_id = Path(name).stem
        clashes = [p for p in discover(corpus) if p.stem == doc_id and p.relative_to(corpus) != Path(name)]
        if clashes and not replace:
            existing = ", ".join(str(p.relative_to(corpus)) for p in clashes)
            raise Conflict(f"document {doc_id!r} already exists as {existing}; delete it first, or "
                           "upload with replace=true to swap it for this file")
        new = staging / "new"
        _atomic_write(new, content)
        touched = [corpus / name, *clashes]
        journal = _stage(staging, corpus, touched)
        try:
            os.replace(new, corpus / name)
            for path in clashes:
                path.unlink()
            report = _rebuild(bot)
            failed = [s for s in report.skipped if s.file == name]
            if failed:
                raise DocumentError(f"{name}: {without_paths(failed[0].reason, settings)}")
        except BaseException:
            _roll_back(staging, corpus, journal)
            _rebuild(bot)
            raise
        _finish(staging)
    return {"doc_id": doc_id, "file": name, "replaced": [str(p.relative_to(corpus)) for p in clashes],
            "report": public_report(report, settings)}


def delete_document(bot: PolicyBot, doc_id: str) -> dict[str, Any]:
    """Remove a document (and its sidecars), indexed or not, and update the index."""
    corpus = Path(bot.settings.corpus)
    with corpus_lock(corpus) as staging:
        _recover(bot, staging)
        # The file is found by the indexer's own id rule, never by a path stored in the index (a
        # sidecar may set "source" to anything), so indexed and skipped files alike can go.
        ids = document_ids(discover(corpus), corpus)
        path = next((p for p, i in ids.items() if i == doc_id), None)
        if path is None:
            raise UnknownDocument(f"no document {doc_id!r}")
        for p in (path, *sidecar_paths(path)):
            p.unlink(missing_ok=True)
        report = _rebuild(bot)
    return {"doc_id": doc_id, "report": public_report(report, bot.settings)}


def recover(bot: PolicyBot) -> None:
    """Roll back a change whose process died before it finished (called at server start)."""
    corpus = Path(bot.settings.corpus)
    if (corpus / STAGING / JOURNAL).exists():
        with corpus_lock(corpus) as staging:
            _recover(bot, staging)


@contextlib.contextmanager
def corpus_lock(corpus: Path) -> Iterator[Path]:
    """One change at a time per corpus, across threads and worker processes; yields the staging folder."""
    staging = corpus / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    with open(staging / "lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield staging
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _stage(staging: Path, corpus: Path, touched: list[Path]) -> dict[str, Any]:
    """Back up every file the change touches and write the journal that can undo it."""
    saved = {}
    for i, path in enumerate(touched):
        if path.exists():
            backup = staging / f"backup-{i}"
            shutil.copy2(path, backup)
            saved[str(path.relative_to(corpus))] = backup.name
    journal = {"touched": [str(p.relative_to(corpus)) for p in touched], "saved": saved}
    _atomic_write(staging / JOURNAL, json.dumps(journal).encode())
    return journal


def _roll_back(staging: Path, corpus: Path, journal: dict[str, Any]) -> None:
    for relative in journal["touched"]:
        target = corpus / relative
        backup = journal["saved"].get(relative)
        if backup is not None and (staging / backup).exists():
            os.replace(staging / backup, target)
        elif backup is None:
            target.unlink(missing_ok=True)
    _finish(staging)


def _finish(staging: Path) -> None:
    """The change is complete or undone: drop its journal, then its backups."""
    (staging / JOURNAL).unlink(missing_ok=True)
    for leftover in staging.iterdir():
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        elif leftover.name != "lock":
            leftover.unlink(missing_ok=True)


def _recover(bot: PolicyBot, staging: Path) -> None:
    journal_path = staging / JOURNAL
    if not journal_path.exists():
        _finish(staging)  # an upload that died before its journal left only staged bytes
        return
    try:
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # torn journal: the corpus was not touched yet
        _finish(staging)
        return
    _roll_back(staging, Path(bot.settings.corpus), journal)
    _rebuild(bot)


def _rebuild(bot: PolicyBot) -> BuildReport:
    s = bot.settings
    # The settings' precision: an index of another one is embedded again once, then kept.
    report = build_index(Path(s.corpus), bot.index_path, s,
                         lambda: bot.encoder(s.model, resolved_backend(s.model, s.encoder_backend)))
    bot.index()  # this worker sees the change at once; the others at their next request
    return report


def public_report(report: BuildReport, settings: Settings) -> dict[str, Any]:
    """The build report as an admin's reply shows it: no server path (the index's location is left
    out, and a skipped file's reason names files relative to the corpus)."""
    shown = {k: v for k, v in report.to_dict().items() if k != "index"}
    shown["skipped"] = [{**s, "reason": without_paths(s["reason"], settings)} for s in shown["skipped"]]
    return shown


_ABSOLUTE = re.compile(r"(?<![\w./:])(?:/[^\s/'\"():,]+)+/?")  # /a/b…, not inside a URL or a/b


def without_paths(text: str, settings: Settings) -> str:
    """``text`` with the corpus and index folders dropped from paths, and any other absolute path cut
    to its last part (what an exception's message may quote)."""
    for root in sorted({str(Path(p)) for p in (settings.corpus, settings.index)}
                       | {str(Path(p).resolve()) for p in (settings.corpus, settings.index)}, key=len, reverse=True):
        text = text.replace(root.rstrip("/") + "/", "")
    return _ABSOLUTE.sub(lambda m: Path(m.group(0)).name or "…", text)


def _describe(doc_id: str, entry: dict[str, Any], documents: dict[str, dict[str, Any]],
              day: dt.date) -> dict[str, Any]:
    """A manifest entry as the API shows it: the metadata fields, the status on ``day``, chunk
    count, indexing time (fields an older index lacks are None)."""
    return {"doc_id": doc_id, **{name: entry.get(name) for name in meta_fields()},
            "status": status_of(entry, day, documents),
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
