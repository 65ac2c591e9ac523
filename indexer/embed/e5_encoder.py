"""multilingual-e5-small in onnxruntime: Chinese, English and Chinese<->English in one vector space.

Tokens come from sentencepiece (``indexer.embed.e5_tokenizer``: the file's XLM-R Unigram model,
after the file's own per-character normalisation), with character offsets mapped back to the
caller's text, so sentence vectors are pooled from the passage's forward pass like every other
backend (``indexer.embed.base``). e5 expects "query: " and "passage: " prefixes and mean pooling
over all tokens including <s> and </s>; the prefix and the special tokens get empty spans, so
sentence vectors pool only the sentence's own tokens. Texts are cut at 512 tokens.

Each text runs alone: no padding, no mask, and with int8 a vector that depends on its text only
(the activations are quantised per run), at the speed of padded batches (bench/README.md).
Passages are tokenised first, then grouped longest first into work units of similar length, which
one thread per core takes in turn (``indexer.embed.batching``); the cross-lingual vectors
(``also``) are computed by the same threads, a unit at a time. Each stage's CPU time is kept in
``times`` (bench/indexing.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import PolicybotError
from core.progress import StageTimes
from indexer.embed import e5_tokenizer
from indexer.embed.base import Also, PassageVectors, Spans, gather, normalize, span_vectors
from indexer.embed.batching import available_cores, length_batches, run_batches
from indexer.embed.e5_export import ensure_e5_exported
from indexer.embed.e5_smoothing import passages as smoothing_passages
from indexer.embed.e5_student import student_path
from indexer.embed.e5_weights import E5_MODEL, E5File, q4_rows, weights_path
from indexer.embed.onnx_export import FP32_FILE, INT8_FILE, open_session

QUERY, PASSAGE = "query: ", "passage: "
_SPACES = re.compile(" {2,}")
BACKENDS = ("onnx", "onnx-int8", "onnx-student")
UNIT_TOKENS = 2048  # tokens per work unit (16 passages of 128): the cross-lingual model's batch
# onnxruntime's fused Add + LayerNormalization kernel was slower than the two operators on this
# graph (int8: 27 against 17 passages per CPU-second; bench/README.md).
SLOW_FUSIONS = ("SkipLayerNormFusion",)

Tokens = tuple[list[int], list[tuple[int, int]]]


class E5Encoder:
    """The ``Encoder`` contract for multilingual-e5-small; ``backend`` "onnx-int8" (the default),
    "onnx" (fp32) or "onnx-student" (questions by the int8 graph, passages by the distilled student,
    ``indexer.embed.e5_student``). ``threads``: cores to use, one text at a time each (0: every
    core this process may use)."""

    def __init__(self, backend: str = "onnx-int8", batch_size: int = 32, cache: Path = Path(".policybot/onnx"),
                 threads: int = 0) -> None:
        if backend not in BACKENDS:
            raise PolicybotError(f"{E5_MODEL} runs in onnxruntime only (backend {', '.join(BACKENDS)}), "
                                 f"not {backend!r}")
        self.name, self.backend, self.batch_size = E5_MODEL, backend, batch_size
        self.workers = threads if threads > 0 else available_cores()
        self.file = E5File(weights_path())
        self.dimension, self.max_tokens = int(self.file.cfg["H"]), int(self.file.cfg["MAXP"])
        self._words = self.file.word_blocks()
        self._tokenizer = e5_tokenizer.build(self.file.pieces, self.file.scores.tolist(), self.file.unk)
        # The character map for str.translate, and the characters it does not map one to one.
        self._table = {cp: r for cp, r in self.file.norm.items()}
        uneven = "".join(re.escape(chr(cp)) for cp, r in self.file.norm.items() if len(r) != 1)
        self._uneven = re.compile(f"[{uneven}]" if uneven else "(?!)")
        int8 = backend != "onnx"
        directory = ensure_e5_exported(cache, int8=int8, calibration=self._calibration)
        self.path = directory / (INT8_FILE if int8 else FP32_FILE)
        # One intra-op thread: parallel work comes from running texts side by side (concurrent
        # runs of one session are safe in onnxruntime).
        self.session: Any = open_session(self.path, 1, without=SLOW_FUSIONS)
        self.passage_session: Any = self.session
        if backend == "onnx-student":
            self.passage_session = open_session(student_path(), 1, without=SLOW_FUSIONS)
        self.times = StageTimes()

    def _normalise(self, text: str) -> tuple[str, list[int]]:
        """The file's per-character map, runs of spaces collapsed; each output character's source index."""
        mapped = text.translate(self._table)
        if "  " not in mapped and not self._uneven.search(text):  # one character for one: no bookkeeping
            return mapped, list(range(len(text)))
        out: list[str] = []
        source: list[int] = []
        norm = self.file.norm
        for i, ch in enumerate(text):
            for r in norm.get(ord(ch), ch):
                if r == " " and out and out[-1] == " ":
                    continue
                out.append(r)
                source.append(i)
        return "".join(out), source

    def _tokens(self, text: str, prefix: str, limit: int | None) -> Tokens:
        """Ids with <s> and </s> (at most ``limit`` in all) and each token's span in ``text``."""
        normal, source = self._normalise(prefix + text)
        ids, offsets = e5_tokenizer.encode(self._tokenizer, normal)
        keep = len(ids) if limit is None else limit - 2
        spans = []
        for s, e in offsets[:keep]:
            start, end = (source[s] - len(prefix), source[e - 1] + 1 - len(prefix)) if e > s else (-1, -1)
            spans.append((start, end) if start >= 0 else (0, 0))
        return [self.file.bos, *ids[:keep], self.file.eos], [(0, 0), *spans, (0, 0)]

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` alone (no prefix, no specials), as the chunker measures passages: the
        ids ``_tokens`` gives, without the offsets (the chunker asks this thousands of times)."""
        normal = _SPACES.sub(" ", text.translate(self._table))
        if normal.startswith(" "):  # as e5_tokenizer.encode: the leading space is the first piece's
            return len(self._tokenizer.encode(normal[1:])) if normal[1:] else 1
        return len(self._tokenizer.encode(normal))

    def _embeds(self, ids: list[int]) -> np.ndarray:
        """The graph's input for one text: its ids' word vectors [1, s, H]."""
        return q4_rows(self._words[np.asarray(ids)]).reshape(1, len(ids), self.dimension)

    def _calibration(self) -> list[np.ndarray]:
        """The inputs the int8 graph is smoothed with (``indexer.embed.e5_smoothing``)."""
        return [self._embeds(self._tokens(t, PASSAGE, self.max_tokens)[0]) for t in smoothing_passages()]

    def _run(self, ids: list[int], session: Any = None) -> np.ndarray:
        """Token embeddings [s, H] of one text's ids (by ``session``, else the question graph)."""
        embeds = self._embeds(ids)
        with self.times.timed("e5 forward"):
            return (session or self.session).run(None, {"inputs_embeds": embeds})[0][0]

    def _tokenised(self, texts: Sequence[str], prefix: str) -> list[Tokens]:
        with self.times.timed("e5 tokenise"):
            return [self._tokens(t, prefix, self.max_tokens) for t in texts]

    def _units(self, tokens: Sequence[Tokens]) -> list[list[int]]:
        return length_batches([len(ids) for ids, _ in tokens], UNIT_TOKENS, self.batch_size)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        tokens = self._tokenised(texts, QUERY)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)

        def pooled(unit: list[int]) -> np.ndarray:
            return normalize(np.stack([self._run(tokens[i][0]).mean(axis=0) for i in unit]))

        for unit, vectors in run_batches(self._units(tokens), pooled, self.workers):
            out[unit] = vectors
        return out

    def encode_passages(self, texts: Sequence[str], spans: Spans,
                        progress: Callable[[int], None] | None = None, also: Also | None = None) -> PassageVectors:
        tokens = self._tokenised(texts, PASSAGE)
        passages = np.zeros((len(texts), self.dimension), dtype=np.float32)
        sentences: list[np.ndarray] = [np.zeros((0, self.dimension), np.float32)] * len(texts)
        extra: list[tuple[list[int], np.ndarray]] = []

        def work(unit: list[int]) -> tuple[np.ndarray, list[np.ndarray], np.ndarray | None]:
            vectors = np.zeros((len(unit), self.dimension), dtype=np.float32)
            blocks = []
            for row, i in enumerate(unit):
                ids, offsets = tokens[i]
                hidden = self._run(ids, self.passage_session)
                with self.times.timed("pooling"):
                    vectors[row] = hidden.mean(axis=0)
                    blocks.append(span_vectors(hidden, np.asarray(offsets), np.ones(len(ids), bool), spans[i]))
            if also is None:
                return normalize(vectors), blocks, None
            with self.times.timed("cross-lingual"):
                return normalize(vectors), blocks, also([texts[i] for i in unit])

        for batch, (vectors, blocks, rows) in run_batches(self._units(tokens), work, self.workers):
            passages[batch] = vectors
            for i, block in zip(batch, blocks, strict=True):
                sentences[i] = block
            if rows is not None:
                extra.append((batch, rows))
            if progress:
                progress(len(batch))
        return PassageVectors(passages, sentences, gather(extra, len(texts)) if also is not None else None)
