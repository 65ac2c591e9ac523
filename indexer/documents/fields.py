"""The metadata a document states, checked before it is stored, cited and shown.

Front matter, sidecars, HTML meta tags and PDF or Word properties are written by anyone: a lone
surrogate ("\\ud800" in JSON or YAML) cannot be encoded at all and once crashed the build and the
upload reply; a control character has no place in a one-line field; a right-to-left override
(U+202E) or a byte-order mark makes a title display as something else in the chat, the feed and
the widget; a ``javascript:`` link would be offered as a citation. So the first two refuse the
document (a reported skip, a 422 on upload), display controls are stripped, and a link that is not
http(s) is dropped with a note for the report.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from core.errors import DocumentError
from indexer.documents.lines import INVISIBLE

# Fields a person reads as a name: stripped of invisible and direction-control characters.
_DISPLAYED = ("title", "issuer", "doc_number", "superseded_by")
_INVISIBLE = str.maketrans({ch: None for ch in INVISIBLE})
_URL_SCHEMES = ("http", "https")


def poison(value: str) -> str | None:
    """What no metadata value may hold, named with its code point (never the character itself: a
    lone surrogate cannot even be written into an error message), else None."""
    for ch in value:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            return f"a lone surrogate (U+{code:04X})"
        if unicodedata.category(ch) == "Cc":
            return f"a control character (U+{code:04X})"
    return None


def safe_url(value: str) -> bool:
    """An absolute http(s) link with a host and nothing invisible or spaced in it."""
    if any(ch.isspace() for ch in value) or value != value.translate(_INVISIBLE):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in _URL_SCHEMES and bool(parts.netloc)


def checked_fields(meta: dict[str, str | None]) -> tuple[dict[str, str | None], list[str]]:
    """(cleaned fields, notes on what was dropped); DocumentError for a value that cannot be kept."""
    out: dict[str, str | None] = {}
    notes: list[str] = []
    for name, value in meta.items():
        if value is None:
            out[name] = None
            continue
        if bad := poison(value):
            raise DocumentError(f"metadata field {name!r} holds {bad}; fix the file or its sidecar")
        if name in _DISPLAYED and value:  # "" stays: a sidecar's declared "none" (superseded_by)
            value = " ".join(value.translate(_INVISIBLE).split()) or None
        elif name == "url" and not safe_url(value):
            scheme = value.split(":", 1)[0][:20] if ":" in value else "no scheme"
            notes.append(f"url dropped: only http(s) links are kept ({scheme!r} link)")
            value = None
        out[name] = value
    return out, notes
