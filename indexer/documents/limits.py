"""What one document may cost the indexer, whatever its format claims.

Uploaded files are hostile input: a small DOCX can inflate to gigabytes, a few lines of YAML can
expand exponentially, a long text can hold the index lock for half an hour. The readers get these
bounds passed down (never read global settings) and refuse a document that exceeds one with a
DocumentError naming the limit and the setting that raises it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from core.errors import DocumentError
from core.settings import Settings

# Fixed bounds that are not worth a setting: no real document comes near them.
MAX_ZIP_MEMBERS = 10_000
MAX_FRONT_MATTER_DEPTH = 20


def _default(name: str) -> int:
    return int(Settings.model_fields[name].default)


def setting_name(field: str) -> str:
    """The environment variable that sets ``field`` (what an operator would change)."""
    return f"{Settings.model_config.get('env_prefix', '')}{field}".upper()


def limit_error(field: str, value: int, what: str, unit: str) -> DocumentError:
    """``<what> more than <value> <unit> (POLICYBOT_<FIELD>)``, e.g. "DOCX inflates to more than
    50000000 bytes (POLICYBOT_MAX_INFLATED_BYTES)": the reader sees which setting to raise."""
    return DocumentError(f"{what} more than {value} {unit} ({setting_name(field)})")


@dataclass(frozen=True)
class Limits:
    """Per-document bounds; the defaults are the settings' defaults."""

    max_file_bytes: int = _default("max_file_bytes")
    max_inflated_bytes: int = _default("max_inflated_bytes")
    max_compression_ratio: int = _default("max_compression_ratio")
    max_pdf_pages: int = _default("max_pdf_pages")
    max_document_chars: int = _default("max_document_chars")
    max_chunks_per_document: int = _default("max_chunks_per_document")
    max_front_matter_bytes: int = _default("max_front_matter_bytes")
    max_metadata_chars: int = _default("max_metadata_chars")

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(**{f.name: getattr(settings, f.name) for f in fields(cls)})

    @classmethod
    def coerce(cls, limits: Limits | int) -> Limits:
        """Older callers pass only the file size cap (an int); the other bounds keep their defaults."""
        return limits if isinstance(limits, Limits) else cls(max_file_bytes=limits)

    def exceeded(self, field: str, what: str, unit: str) -> DocumentError:
        """The error for going over ``field``; see limit_error."""
        return limit_error(field, getattr(self, field), what, unit)

    def check_chars(self, count: int) -> None:
        """Refuse text longer than max_document_chars; readers call it as soon as they know."""
        if count > self.max_document_chars:
            raise self.exceeded("max_document_chars", "document text has", "characters")


DEFAULT_LIMITS = Limits()


def cap_text(value: str | None, limit: int) -> str | None:
    """Cut a metadata value to ``limit`` characters (an over-long title is noise, not an error)."""
    if value is None or len(value) <= limit:
        return value
    return value[:limit].rstrip() or None
