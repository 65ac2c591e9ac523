"""The core the CLI, the API and the UI share: load lazily, answer, pick up new indexes."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.access.rate_limit import limiter_health, make_limiter
from bot.access.rules import asker_identity, check_admin, client_identity, known_key
from bot.answering.abstain import Evidence, answer_typed
from bot.answering.calibrated import shipped
from bot.answering.compose import Candidate
from bot.answering.doubt import DoubtModel, doubt, fitted_model
from bot.answering.filters import Filters, row_mask
from bot.answering.followup import Turn, prefer_new, resolve
from bot.answering.loaded import LoadedIndex
from bot.answering.records import Answer
from bot.answering.respond import Context, respond
from bot.answering.retrieve import Mode, Retriever, other_notice
from bot.answering.validity import as_of, finish, prefer_in_force
from core.errors import Forbidden, IndexCorrupt, IndexNotFound, InvalidQuestion, PolicybotError
from core.language import LANGUAGES, Lang, question_language
from core.settings import Settings
from indexer.embed.base import Encoder, vector_family
from indexer.embed.calibration import abstain_threshold, calibration_key
from indexer.embed.factory import EncoderSpec, get_encoder
from indexer.embed.use_encoder import CROSSLINGUAL_MODEL, UseEncoder, get_use_encoder, runtime_of
from indexer.language.lexical import TOKENIZER_VERSION
from indexer.picker import model as answer_model
from indexer.store.index_dir import IndexData, current_version, load_index

if TYPE_CHECKING:  # SQLAlchemy is imported when the log is opened, not with this module
    from bot.storage.log import QuestionLog

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 2000
MAX_TOP_K = 20
WARM_UP = "\x00warm-up"


class PolicyBot:
    """Thread-safe; one per process. Nothing heavy happens until the first use."""

    def __init__(self, settings: Settings, index_path: Path | None = None,
                 analytics: QuestionLog | None = None) -> None:
        self.settings = settings
        self.analytics = analytics
        self.index_path = Path(index_path or settings.index)
        self._loaded: LoadedIndex | None = None
        self._failed_version: str | None = None
        self._lock = threading.RLock()
        self._encoders: dict[str, Encoder] = {}
        # One limiter per process for every way in: the API's guard and the chat UI share it. With
        # POLICYBOT_REDIS_URL it is shared by every process too (bot/access/rate_limit.py).
        self.limiter = make_limiter(settings)
        slots = settings.answer_concurrency or len(os.sched_getaffinity(0))
        # The ONNX encoder releases the GIL, so the server's thread pool runs answers in
        # parallel; past one per core they only contend (bench/README.md, "Serving under load").
        self._slots = threading.BoundedSemaphore(slots)

    # -- loading -----------------------------------------------------------------------------
    def encoder(self, model: str | None = None, index_backend: str | None = None) -> Encoder:
        """The encoder for ``model`` (the index's), with the answering thread count; cheap once loaded.
        With ``index_backend`` (the one the index records), at the precision of the index's vectors."""
        model = model or self.settings.model
        encoder = self._encoders.get(model)
        if encoder is None or (index_backend and vector_family(encoder.backend) != vector_family(index_backend)):
            with self._lock:
                threads = self.settings.torch_threads
                if not self._encoders and threads > 0:  # FAISS's own threads hurt single queries too
                    import faiss

                    faiss.omp_set_num_threads(threads)
                spec = (EncoderSpec.for_index(self.settings, model, index_backend) if index_backend
                        else EncoderSpec.of(self.settings, model=model))
                encoder = get_encoder(spec)
                self._encoders[model] = encoder
        return encoder

    def index(self) -> LoadedIndex:
        """The live index, reloaded when a new version has been published.

        The published version is read on every call (one readlink), so a change made through
        one worker is seen by every worker's next request, not after a polling interval.
        """
        version = current_version(self.index_path)
        loaded = self._loaded
        if loaded is not None and version in (loaded.version, self._failed_version):
            return loaded
        with self._lock:
            if self._loaded is not None and version in (self._loaded.version, self._failed_version):
                return self._loaded
            try:
                self._loaded = self._load()
            except PolicybotError as exc:
                if self._loaded is None:
                    raise
                self._failed_version = version  # not retried on every request
                log.error("keeping the index already loaded; the new one failed: %s", exc)
            return self._loaded

    def _load(self) -> LoadedIndex:
        if current_version(self.index_path) is None:
            raise IndexNotFound(f"no index at {self.index_path}: build one with `policybot index`")
        data = load_index(self.index_path)
        # The model and precision the index was embedded with, loaded now, not on the first question.
        self.encoder(data.model, data.encoder_backend)
        if data.manifest.get("lexical") != {"tokenizer": TOKENIZER_VERSION}:
            log.warning("the index's BM25 was tokenised by another version: run `policybot index` "
                        "to rebuild it (no re-embedding) for the best Chinese matches")
        current = data.manifest.get("answer_model") == answer_model.identity()
        if not current:
            log.warning("the index was built with another answer model or calibration than this policybot's: "
                        "answers use the similarity rules until `policybot index` renews it (no re-embedding)")
        key = calibration_key(data.model, data.encoder_backend)  # the answer model is fitted per precision too
        return LoadedIndex.of(data, Retriever(data, self.settings.dense_weight), current,
                              shipped(key) if current and self.settings.answer_model else None)

    def admit(self, presented_key: str | None, address: str | None) -> str:
        """The asker's identity once it may ask now (key and rate checks, as for the API)."""
        identity = asker_identity(self.settings, presented_key, address)
        if self.limiter is not None:
            self.limiter.check(identity)
        return identity

    def admit_admin(self, presented_key: str | None, address: str | None) -> None:
        """Admin actions from the chat UI: rate-limited per address like the API, then the key."""
        if self.limiter is not None:
            self.limiter.check(client_identity(known_key(self.settings, presented_key), address))
        check_admin(self.settings.admin_keys, presented_key)

    def warm_up(self) -> None:
        """Load model and index now (server start-up) so the first visitor does not wait."""
        try:
            self.ask("warm up", top_k=1, client=WARM_UP)
            if self.index().data.crosslingual is not None:  # its weights too (~1 s), not on a first question
                self._cross_encoder(self.index().data)
        except (IndexNotFound, IndexCorrupt) as exc:
            log.warning("%s", exc)

    # -- answering -----------------------------------------------------------------------------
    def ask(self, question: str, top_k: int | None = None, filters: Filters | None = None, mode: Mode = "hybrid",
            history: list[Turn] | None = None, client: str | None = None, lang: Lang | None = None) -> Answer:
        """Answer from the documents with cited sentences, or abstain; log it if analytics is on.

        ``lang``: the language to answer in (the abstention's); None: the question's.
        """
        started = time.perf_counter()
        question = validate_question(question)
        if lang is not None and lang not in LANGUAGES:
            raise InvalidQuestion(f"lang must be one of {', '.join(LANGUAGES)}")
        lang = lang or question_language(question)
        query = resolve(question, history or [])
        with self._slots:
            candidates, evidence = self.retrieve(query, top_k, filters, mode, asked=question)
            fresh = prefer_new(candidates, question, history or [], self.index().retriever.idf)
            if fresh is not candidates:  # a follow-up: the new passage's sentences are judged
                typed = answer_typed(question, fresh)
                candidates, evidence = fresh, replace(evidence, typed=typed, doubt=doubt(
                    self._doubt_model(self.index().data), query, fresh, evidence.top_dense, evidence.threshold,
                    typed))
            loaded = self.index()
            candidates = prefer_in_force(candidates, loaded.data.documents, as_of(filters))
            answer = respond(query, candidates, evidence, self._context(loaded, as_of(filters)), lang,
                             lambda text: _answer_id(question, text)).answer
        # Statuses on citations as of filters.as_of; an in-force-only abstention names what answered
        # before (asked again without the filter; WARM_UP keeps that second pass out of the log).
        answer = finish(answer, filters, self.index().data.documents,
                        lambda wider: self.ask(question, top_k, wider, mode, history, WARM_UP, lang))
        if self.analytics is not None and client != WARM_UP:
            self.analytics.record(question, answer, (time.perf_counter() - started) * 1000, client)
        return answer

    def retrieve(
        self,
        question: str,
        top_k: int | None = None,
        filters: Filters | None = None,
        mode: Mode = "hybrid",
        asked: str | None = None,
    ) -> tuple[list[Candidate], Evidence]:
        """The passages an answer would draw on, and the evidence abstention weighs. ``asked``: the
        question as asked when ``question`` was resolved from a follow-up (its answer type counts)."""
        top_k = self.settings.top_k if top_k is None else top_k
        if not 1 <= top_k <= MAX_TOP_K:
            raise InvalidQuestion(f"top_k must be between 1 and {MAX_TOP_K}")
        loaded = self.index()
        data = loaded.data
        mask = row_mask(data, filters) if filters else None
        qvec = self.encoder(data.model, data.encoder_backend).encode_queries([question])[0]
        cross = (self._cross_encoder(data).encode([question])[0]
                 if mode != "lexical" and loaded.retriever.wants_cross_vector(question) else None)
        # Retrieval compares languages by their pairs' offsets for English questions only, whose
        # Chinese answers e5's higher English cosines bury; for a Chinese question the shift put
        # English passages above a closer Chinese one (tests/ui/test_i18n_browser.py).
        qlang = question_language(question)
        offsets = loaded.calibration.offsets(qlang) if loaded.calibration and qlang == "en" else None
        hits = loaded.retriever.rank(qvec, question, max(top_k, self.settings.candidates), mask, mode, cross, offsets)
        candidates = [Candidate(data.chunks[h.row], h.dense, (block := data.sentence_block(h.row)) @ qvec, block)
                      for h in hits[:top_k]]
        coverage = loaded.retriever.coverage(question, [c.chunk for c in candidates[:1]])
        threshold = self.settings.abstain_threshold
        if threshold is None:
            key = calibration_key(data.model, data.encoder_backend)  # int8 vectors have their own
            threshold = abstain_threshold(key, question_language(question))
        other = other_notice(hits, loaded.retriever.english, data.chunks) if qlang == "en" else None
        quotable = [c.chunk.doc_id for c in candidates] + ([other] if other else [])
        evidence = Evidence.of(question, hits, candidates, coverage, threshold, asked,
                               abstain_threshold(data.crosslingual_model or CROSSLINGUAL_MODEL,
                                                 question_language(question)),
                               loaded.cross_cosines(quotable, loaded.retriever.other_language(question), cross))
        model = self._doubt_model(data)
        return candidates, replace(
            evidence, doubt=doubt(model, question, candidates, evidence.top_dense, evidence.threshold, evidence.typed),
            doubt_limit=model.limit if model is not None else 1.0, query_vector=qvec,
            other_notice=other)

    def _cross_encoder(self, data: IndexData) -> UseEncoder:
        """The cross-lingual runtime that made the index's vectors (never another: they differ)."""
        return get_use_encoder(runtime_of(data.crosslingual_model or CROSSLINGUAL_MODEL), self.settings.onnx_cache)

    def _context(self, loaded: LoadedIndex, day: dt.date) -> Context:
        """The index's parts, the picker and its calibration (None: off or stale; bot/answering/respond.py)."""
        on = self.settings.answer_model and loaded.answer_current
        picker = answer_model.get_picker(self.settings.torch_threads) if on else None
        return Context(loaded.data.documents, loaded.retriever.heads, loaded.retriever.idf, loaded.following,
                       picker, loaded.calibration, self.settings.max_answer_sentences, day,
                       loaded.document_candidates, loaded.by_position.get,
                       calibration_key(loaded.data.model, loaded.data.encoder_backend))

    def _doubt_model(self, data: IndexData) -> DoubtModel | None:
        """The index model's (int8 vectors have their own) fitted doubt model; None: uncalibrated or off."""
        return fitted_model(calibration_key(data.model, data.encoder_backend)) if self.settings.doubt else None

    def setup(self) -> dict[str, Any]:
        """What a deployer must set, counted (never the values): an empty CORS list keeps the widget
        off other sites, an empty webhook allow-list turns subscriptions off."""
        hosts = sum(1 for h in self.settings.webhook_allowed_hosts if h.strip())
        return {"cors_origins": sum(1 for o in self.settings.cors_origins if o.strip()),
                "webhook_allowed_hosts": hosts,
                "subscriptions": "on" if hosts and self.analytics is not None else "off"}

    def health(self) -> dict[str, Any]:
        """The index, and whether the log and the limit work as configured (``storage``, ``limiter``).

        A log or limiter that is degraded (database or Redis unreachable) leaves ``status`` "ok":
        questions are still answered, so the replica must stay in service.
        """
        shared = {"storage": self.analytics.health() if self.analytics is not None else {"backend": "off"},
                  "limiter": limiter_health(self.limiter), "setup": self.setup()}
        try:
            data = self.index().data
        except PolicybotError as exc:
            return {"status": "no_index", "documents": 0, "chunks": 0,
                    "model": self.settings.model, "detail": exc.public(), **shared}
        answer = "current" if self.index().answer_current else "stale: run `policybot index`"
        return {"status": "ok", "documents": len(data.documents), "chunks": len(data.chunks), "model": data.model,
                "encoder": self.encoder(data.model, data.encoder_backend).backend, "answer_model": answer, **shared}


def validate_question(question: str) -> str:
    if not isinstance(question, str):
        raise InvalidQuestion("question must be a string")
    question = question.strip()
    if not question:
        raise InvalidQuestion("question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(f"question is longer than {MAX_QUESTION_CHARS} characters")
    return question


def _answer_id(question: str, answer: str) -> str:
    """Unique per answer given (feedback refers to it), stable in form."""
    return Answer.make_id(question, answer, str(time.time_ns()))


def record_feedback(bot: PolicyBot, answer_id: str, helpful: bool, comment: str | None,
                    client: str | None = None) -> None:
    """One vote per answer and client (``client`` as ``bot.access.rules.client_identity`` gives it)."""
    if bot.analytics is None:
        raise Forbidden("feedback is disabled: no analytics database is configured")
    bot.analytics.feedback(answer_id, helpful, (comment or "").strip() or None, client)


def usage_stats(bot: PolicyBot, days: int = 30, limit: int = 10) -> dict[str, Any]:
    if bot.analytics is None:
        raise Forbidden("usage statistics are disabled: no analytics database is configured")
    return bot.analytics.stats(days, limit)
