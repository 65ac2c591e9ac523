"""multilingual-e5-small in onnxruntime: Chinese, English and Chinese<->English in one vector space.

Tokens come from the ``tokenizers`` library (a Unigram model over the file's XLM-R vocabulary,
after the file's own per-character normalisation), with character offsets mapped back to the
caller's text, so sentence vectors are pooled from the passage's forward pass like every other
backend (``indexer.embed.base``). e5 expects "query: " and "passage: " prefixes and mean pooling
over all tokens including <s> and </s>; the prefix and the special tokens get empty spans, so
sentence vectors pool only the sentence's own tokens. Texts are cut at 512 tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import PolicybotError
from indexer.embed import e5_tokenizer
from indexer.embed.base import Forward, PassageVectors, Spans, encode_in_batches, encode_queries_in_batches, mean_pool
from indexer.embed.e5_export import ensure_e5_exported
from indexer.embed.e5_weights import E5_MODEL, E5File, q4_rows, weights_path
from indexer.embed.onnx_export import FP32_FILE, INT8_FILE, open_session

QUERY, PASSAGE = "query: ", "passage: "


class E5Encoder:
    """The ``Encoder`` contract for multilingual-e5-small; ``backend`` "onnx" (fp32) or "onnx-int8"."""

    def __init__(self, backend: str = "onnx", batch_size: int = 16, cache: Path = Path(".policybot/onnx"),
                 threads: int = 0) -> None:
        if backend not in ("onnx", "onnx-int8"):
            raise PolicybotError(f"{E5_MODEL} runs in onnxruntime only (backend onnx or onnx-int8), not {backend!r}")
        self.name, self.backend, self.batch_size, self.threads = E5_MODEL, backend, batch_size, threads
        self.file = E5File(weights_path())
        self.dimension, self.max_tokens = int(self.file.cfg["H"]), int(self.file.cfg["MAXP"])
        self._words = self.file.word_blocks()
        self._tokenizer = e5_tokenizer.build(self.file.pieces, self.file.scores.tolist(), self.file.unk)
        directory = ensure_e5_exported(cache, int8=backend == "onnx-int8")
        self.path = directory / (INT8_FILE if backend == "onnx-int8" else FP32_FILE)
        self.session: Any = open_session(self.path, threads)

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

    def _tokens(self, text: str, prefix: str, limit: int | None) -> tuple[list[int], list[tuple[int, int]]]:
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

    def _forward(self, texts: list[str], prefix: str) -> Forward:
        tokens = [self._tokens(t, prefix, self.max_tokens) for t in texts]
        length = max(len(ids) for ids, _ in tokens)
        embeds = np.zeros((len(texts), length, self.dimension), np.float32)
        mask = np.zeros((len(texts), length), np.int64)
        offsets = np.zeros((len(texts), length, 2), np.int64)
        for row, (ids, spans) in enumerate(tokens):
            embeds[row, :len(ids)] = q4_rows(self._words[np.asarray(ids)]).reshape(len(ids), self.dimension)
            mask[row, :len(ids)] = 1
            offsets[row, :len(ids)] = spans
        hidden = self.session.run(None, {"inputs_embeds": embeds, "attention_mask": mask})[0]
        return hidden, offsets, mask.astype(bool), mean_pool(hidden, mask)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return encode_queries_in_batches(list(texts), self.batch_size, self.dimension,
                                         lambda batch: self._forward(batch, QUERY)[3])

    def encode_passages(self, texts: Sequence[str], spans: Spans,
                        progress: Callable[[int], None] | None = None) -> PassageVectors:
        return encode_in_batches(texts, spans, self.batch_size, self.dimension,
                                 lambda batch: self._forward(batch, PASSAGE), progress)
