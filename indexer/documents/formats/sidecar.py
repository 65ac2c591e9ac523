"""Sidecar metadata: NAME.meta.json beside a document lets an editor fix a title, date or URL the
file itself gets wrong, without touching the file."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from core.dates import normalise_date
from core.errors import DocumentError
from indexer.documents.formats.base import DATE_FIELDS, canonical_key, clean_field

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".meta.json"


def is_sidecar(path: Path) -> bool:
    """Sidecars live in the corpus folder too; the loader must not index them as documents."""
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def sidecar_paths(path: Path) -> tuple[Path, Path]:
    """report.pdf.meta.json (exact) first, then report.meta.json (shared stem)."""
    return (
        path.with_name(path.name + SIDECAR_SUFFIX),
        path.with_name(path.stem + SIDECAR_SUFFIX),
    )


def read_sidecar(path: Path) -> dict[str, str | None]:
    """Return the sidecar's title/date/url/issuer/source/doc_number/effective_date/expiry_date/
    superseded_by for ``path``; {} when there is none.

    A key set to null is returned as None (an explicit "unknown"); unparseable dates are dropped
    with a warning rather than failing the document."""
    sidecar = next((p for p in sidecar_paths(path) if p.is_file()), None)
    if sidecar is None:
        return {}
    try:
        raw = sidecar.read_bytes().decode("utf-8-sig")
        data = json.loads(raw)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(f"invalid sidecar {sidecar.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise DocumentError(f"invalid sidecar {sidecar.name}: expected a JSON object")
    result: dict[str, str | None] = {}
    for key, value in data.items():
        canonical = canonical_key(key)
        if canonical is None or (canonical in result and key != canonical):
            continue
        if canonical in DATE_FIELDS and value is not None:
            date = normalise_date(value)
            if date is None:
                log.warning("%s: %s %r not understood, ignored", sidecar, key, value)
                continue
            result[canonical] = date
        else:
            result[canonical] = clean_field(value)
    return result
