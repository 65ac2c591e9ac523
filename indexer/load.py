"""From a file on disk to a cleaned ``Document`` with its metadata."""

from __future__ import annotations

import hashlib
from pathlib import Path

from core.errors import DocumentError
from core.records import Document, content_hash, meta_fields
from indexer.documents.clean import clean_text
from indexer.documents.formats import SUPPORTED_SUFFIXES as SUPPORTED_SUFFIXES
from indexer.documents.formats import extract, is_sidecar, read_sidecar
from indexer.documents.formats.sidecar import sidecar_paths
from indexer.documents.limits import Limits, cap_text
from indexer.notice.metadata import extract_date, extract_title, fallback_title
from indexer.notice.record import extract_policy

# Policy record fields a sidecar may set to null: "this notice states no expiry", "not replaced".
CLEARABLE = ("issuer", "doc_number", "effective_date", "expiry_date", "superseded_by")
# Bumped when cleaning or chunking changes, so unchanged files are still re-embedded.
PIPELINE_VERSION = "1"


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
    text = extracted.text
    title, date = extracted.title, extracted.date
    if extracted.needs_cleaning:
        title = title or extract_title(text)
        date = date or extract_date(text)
        text = clean_text(text)
    else:  # a PDF or Word notice without a title property: its headline, past letterhead and number
        title = title or extract_title(text)
    if not text.strip():
        raise DocumentError("no article text left after removing boilerplate")
    # Every metadata field the reader found, what the text states of the policy record (a label
    # naming the issuer beats the file's properties, often "Administrator"), then the sidecar's
    # corrections on top.
    meta: dict[str, str | None] = {name: getattr(extracted, name, None) for name in meta_fields()}
    meta.update(title=title or fallback_title(text), date=date, source=source)
    sidecar = read_sidecar(path)
    policy = extract_policy(extracted.text, sidecar.get("date") or date)
    meta.update(doc_number=meta["doc_number"] or policy.doc_number,
                effective_date=meta["effective_date"] or policy.effective_date,
                expiry_date=meta["expiry_date"] or policy.expiry_date,
                issuer=(policy.issuer if policy.issuer_labelled else None) or meta["issuer"] or policy.issuer)
    meta.update({k: v for k, v in sidecar.items() if k in meta and v})
    # An explicit null clears what the text seemed to say; for superseded_by it also stops the
    # linker from finding a successor ("" is that declared "none", see indexer.notice.supersede).
    meta.update({k: "" if k == "superseded_by" else None for k, v in sidecar.items() if k in CLEARABLE and v is None})
    meta.update(title=meta["title"] or doc_id, source=meta["source"] or source)
    # The one place every value passes (reader, front matter, sidecar, heuristics): cut each to
    # max_metadata_chars. Not ``source``: it names the file, and delete finds the file by it.
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
        **meta,  # type: ignore[arg-type]  # title and source are set just above
    )


def _sidecars(path: Path) -> list[Path]:
    return [p for p in dict.fromkeys(sidecar_paths(path)) if p.exists()]
