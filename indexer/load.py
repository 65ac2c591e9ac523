"""From a file on disk to a cleaned ``Document`` with its metadata."""

from __future__ import annotations

import hashlib
from pathlib import Path

from core.errors import DocumentError
from core.records import Document, content_hash, meta_fields
from indexer.documents.clean import clean
from indexer.documents.fields import checked_fields
from indexer.documents.formats import SUPPORTED_SUFFIXES as SUPPORTED_SUFFIXES
from indexer.documents.formats import extract, is_sidecar, read_sidecar
from indexer.documents.formats.sidecar import sidecar_paths
from indexer.documents.limits import Limits, cap_text
from indexer.notice.metadata import extract_date, extract_title, fallback_title
from indexer.notice.record import extract_policy, is_issuer_line, is_record_line
from indexer.notice.sections import outline
from indexer.notice.structure import parse

# Policy record fields a sidecar may set to null: "this notice states no expiry", "not replaced".
CLEARABLE = ("issuer", "doc_number", "effective_date", "expiry_date", "superseded_by")
# Bumped when cleaning or chunking changes, so unchanged files are still re-embedded.
PIPELINE_VERSION = "2"  # 2: chrome-only cleaning, chunks along the notice's sections


def discover(corpus: Path) -> list[Path]:
    """Every candidate document under ``corpus``, recursively, hidden files and sidecars aside."""
    if not corpus.is_dir():
        raise DocumentError(f"corpus directory {corpus} does not exist")
    return sorted(
        p for p in corpus.rglob("*")
        if p.is_file() and not is_sidecar(p)
        and not any(part.startswith(".") for part in p.relative_to(corpus).parts)
    )


def document_ids(files: list[Path], corpus: Path) -> dict[Path, str]:
    """The file stem, unless two files share it; then the relative path names them apart."""
    stems: dict[str, int] = {}
    for p in files:
        stems[p.stem] = stems.get(p.stem, 0) + 1
    return {
        p: p.stem if stems[p.stem] == 1 else str(p.relative_to(corpus)).replace("/", "__")
        for p in files
    }


def file_hash(path: Path) -> str:
    """Content hash of a file and its sidecar: what decides whether it must be re-indexed."""
    parts = [PIPELINE_VERSION] + [
        hashlib.sha256(p.read_bytes()).hexdigest() for p in [path, *_sidecars(path)]
    ]
    return content_hash(*parts)


def load_document(path: Path, doc_id: str, source: str, limits: Limits | int) -> Document:
    """Extract, clean and describe one file; raises DocumentError when it cannot be used.

    ``limits`` bounds what the file may cost (an int: only the file size cap, as before)."""
    limits = Limits.coerce(limits)
    extracted = extract(path, limits)
    text, removed = extracted.text, extracted.removed
    title = extracted.title or extract_title(text)
    date = extracted.date
    if extracted.needs_cleaning:  # a web page: its chrome goes, each line with the rule that removed it
        date = date or extract_date(text)
        cleaned = clean(text, title, keep=is_notice_line)
        text, removed = cleaned.text, removed + cleaned.removed
    if not text.strip():
        raise DocumentError("no article text left after removing web page chrome")
    structure = parse(text)
    sidecar = read_sidecar(path)
    date = date or structure.date  # the 落款 when nothing above states the date
    # Every metadata field the reader found, what the text states of the policy record (a label
    # naming the issuer beats the file's properties, often "Administrator"; the 落款 comes last),
    # then the sidecar's corrections on top.
    meta: dict[str, str | None] = {name: getattr(extracted, name, None) for name in meta_fields()}
    meta.update(title=title or fallback_title(text), date=date, source=source)
    policy = extract_policy(extracted.text, sidecar.get("date") or date)
    meta.update(doc_number=meta["doc_number"] or policy.doc_number,
                effective_date=meta["effective_date"] or policy.effective_date,
                expiry_date=meta["expiry_date"] or policy.expiry_date,
                issuer=(policy.issuer if policy.issuer_labelled else None) or meta["issuer"] or policy.issuer
                or structure.issuer)
    meta.update({k: v for k, v in sidecar.items() if k in meta and v})
    # An explicit null clears what the text seemed to say; for superseded_by it also stops the
    # linker from finding a successor ("" is that declared "none", see indexer.notice.supersede).
    meta.update({k: "" if k == "superseded_by" else None for k, v in sidecar.items() if k in CLEARABLE and v is None})
    meta.update(title=meta["title"] or doc_id, source=meta["source"] or source)
    # The one place every value passes (reader, front matter, sidecar, heuristics): refused when it
    # holds what no field may (lone surrogates, control characters), display controls stripped,
    # a link kept only when it is http(s), each cut to max_metadata_chars. Not ``source``: it
    # names the file, and delete finds the file by it.
    meta, notes = checked_fields(meta)
    for name in meta:
        if name != "source":
            meta[name] = cap_text(meta[name], limits.max_metadata_chars)
    meta["title"] = meta["title"] or doc_id
    return Document(
        doc_id=doc_id,
        text=text,
        pages=extracted.pages if not extracted.needs_cleaning else (),
        raw_hash=file_hash(path),
        replaces=tuple(r for r in (cap_text(r, limits.max_metadata_chars) for r in policy.replaces) if r),
        outline=outline(text, structure),
        removed=removed,
        notes=tuple(notes),
        **meta,  # type: ignore[arg-type]  # title and source are set just above
    )


def is_notice_line(line: str) -> bool:
    """A notice's letterhead, number or record line: never taken for a web page's menu."""
    return is_record_line(line) or is_issuer_line(line)


def _sidecars(path: Path) -> list[Path]:
    return [p for p in dict.fromkeys(sidecar_paths(path)) if p.exists()]
