"""multilingual-e5-small in onnxruntime: Chinese, English and Chinese<->English in one vector space.

Tokens come from sentencepiece (``indexer.embed.e5_tokenizer``: the file's XLM-R Unigram model,
after the file's own per-character normalisation), with character offsets mapped back to the
caller's text, so sentence vectors are pooled from the passage's forward pass like every other
backend (``indexer.embed.base``). e5 expects "query: " and "passage: " prefixes and mean pooling
over all tokens including <s> and </s>; the prefix and the special tokens get empty spans, so
sentence vectors pool only the sentence's own tokens. Texts are cut at 512 tokens.

Passages are tokenised first, then encoded in batches of similar token counts by one thread per
core (``indexer.embed.batching``); the cross-lingual vectors (``also``) are computed by the same
threads, batch by batch. Each stage's CPU time is kept in ``times`` (bench/indexing.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import PolicybotError
from core.progress import StageTimes
from indexer.embed import e5_tokenizer
from indexer.embed.base import Also, PassageVectors, Spans, gather, mean_pool, normalize, span_vectors
from indexer.embed.batching import available_cores, length_batches, run_batches
from indexer.embed.e5_export import ensure_e5_exported
from indexer.embed.e5_weights import E5_MODEL, E5File, q4_rows, weights_path
from indexer.embed.onnx_export import FP32_FILE, INT8_FILE, open_session

QUERY, PASSAGE = "query: ", "passage: "
BACKENDS = ("onnx", "onnx-int8")
TOKEN_BUDGET = 2048  # padded tokens per batch: 16 passages of 128 tokens; measured in bench/README.md
# onnxruntime's fused Add + LayerNormalization kernel was slower than the two operators on this
# graph (int8: 27 against 17 passages per CPU-second; bench/README.md).
SLOW_FUSIONS = ("SkipLayerNormFusion",)

Tokens = tuple[list[int], list[tuple[int, int]]]


class E5Encoder:
    """The ``Encoder`` contract for multilingual-e5-small; ``backend`` "onnx-int8" (the default) or
    "onnx" (fp32). ``threads``: cores to use, one batch each (0: every core this process may use)."""

    def __init__(self, backend: str = "onnx-int8", batch_size: int = 32, cache: Path = Path(".policybot/onnx"),
                 threads: int = 0) -> None:
        if backend not in BACKENDS:
            raise PolicybotError(f"{E5_MODEL} runs in onnxruntime only (backend onnx or onnx-int8), not {backend!r}")
        self.name, self.backend, self.batch_size = E5_MODEL, backend, batch_size
        self.workers = threads if threads > 0 else available_cores()
        self.file = E5File(weights_path())
        self.dimension, self.max_tokens = int(self.file.cfg["H"]), int(self.file.cfg["MAXP"])
        self._words = self.file.word_blocks()
        self._tokenizer = e5_tokenizer.build(self.file.pieces, self.file.scores.tolist(), self.file.unk)
        directory = ensure_e5_exported(cache, int8=backend == "onnx-int8")
        self.path = directory / (INT8_FILE if backend == "onnx-int8" else FP32_FILE)
        # One intra-op thread: parallel work comes from running batches side by side (concurrent
        # runs of one session are safe in onnxruntime).
        self.session: Any = open_session(self.path, 1, without=SLOW_FUSIONS)
        self.times = StageTimes()

    def _normalise(self, text: str) -> tuple[str, list[int]]:
        """The file's per-character map, runs of spaces collapsed; each output character's source index."""
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
        """Tokens of ``text`` alone (no prefix, no specials), as the chunker measures passages."""
        return len(self._tokens(text, "", None)[0]) - 2

    def _run(self, tokens: Sequence[Tokens]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Token embeddings [b, s, H] of a batch padded to its longest member, offsets and mask."""
        length = max(len(ids) for ids, _ in tokens)
        embeds = np.zeros((len(tokens), length, self.dimension), np.float32)
        mask = np.zeros((len(tokens), length), np.int64)
        offsets = np.zeros((len(tokens), length, 2), np.int64)
        for row, (ids, spans) in enumerate(tokens):
            embeds[row, :len(ids)] = q4_rows(self._words[np.asarray(ids)]).reshape(len(ids), self.dimension)
            mask[row, :len(ids)] = 1
            offsets[row, :len(ids)] = spans
        with self.times.timed("e5 forward"):
            hidden = self.session.run(None, {"inputs_embeds": embeds, "attention_mask": mask})[0]
        return hidden, offsets, mask

    def _tokenised(self, texts: Sequence[str], prefix: str) -> list[Tokens]:
        with self.times.timed("e5 tokenise"):
            return [self._tokens(t, prefix, self.max_tokens) for t in texts]

    def _batches(self, tokens: Sequence[Tokens]) -> list[list[int]]:
        return length_batches([len(ids) for ids, _ in tokens], TOKEN_BUDGET, self.batch_size)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        tokens = self._tokenised(texts, QUERY)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)

        def pooled(batch: list[int]) -> np.ndarray:
            hidden, _, mask = self._run([tokens[i] for i in batch])
            return normalize(mean_pool(hidden, mask))

        for batch, vectors in run_batches(self._batches(tokens), pooled, self.workers):
            out[batch] = vectors
        return out

    def encode_passages(self, texts: Sequence[str], spans: Spans,
                        progress: Callable[[int], None] | None = None, also: Also | None = None) -> PassageVectors:
        tokens = self._tokenised(texts, PASSAGE)
        passages = np.zeros((len(texts), self.dimension), dtype=np.float32)
        sentences: list[np.ndarray] = [np.zeros((0, self.dimension), np.float32)] * len(texts)
        extra: list[tuple[list[int], np.ndarray]] = []

        def work(batch: list[int]) -> tuple[np.ndarray, list[np.ndarray], np.ndarray | None]:
            hidden, offsets, mask = self._run([tokens[i] for i in batch])
            with self.times.timed("pooling"):
                vectors = normalize(mean_pool(hidden, mask))
                blocks = [span_vectors(hidden[r], offsets[r], mask[r].astype(bool), spans[i])
                          for r, i in enumerate(batch)]
            if also is None:
                return vectors, blocks, None
            with self.times.timed("cross-lingual"):
                return vectors, blocks, also([texts[i] for i in batch])

        for batch, (vectors, blocks, rows) in run_batches(self._batches(tokens), work, self.workers):
            passages[batch] = vectors
            for i, block in zip(batch, blocks, strict=True):
                sentences[i] = block
            if rows is not None:
                extra.append((batch, rows))
            if progress:
                progress(len(batch))
        return PassageVectors(passages, sentences, gather(extra, len(texts)) if also is not None else None)
