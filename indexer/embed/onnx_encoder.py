"""The ONNX Runtime backend: the same vectors as the torch backend, without torch in the process.

The model files come from ``indexer.embed.onnx_export`` (exported locally on first use). Mean
pooling over the attention mask, L2 normalisation and the per-sentence span vectors are done in
numpy exactly as sentence-transformers does them (``indexer.embed.base``); tokenisation uses the
``tokenizers`` library directly. A process that only answers questions therefore never imports
torch or transformers (half the memory per worker, a faster start; bench/README.md).

Backends: ``onnx`` (fp32) and ``onnx-int8``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import PolicybotError
from indexer.embed.base import (
    Also,
    Forward,
    PassageVectors,
    Spans,
    encode_in_batches,
    encode_queries_in_batches,
    mean_pool,
)
from indexer.embed.onnx_export import FP32_FILE, INT8_FILE, META_FILE, TOKENIZER_DIR, ensure_exported, open_session

BACKENDS = ("onnx", "onnx-int8")


class OnnxEncoder:
    """The ``Encoder`` contract in onnxruntime; ``threads`` 0 is onnxruntime's default."""

    def __init__(self, model: str, backend: str = "onnx", batch_size: int = 32,
                 cache: Path = Path(".policybot/onnx"), threads: int = 0):
        if backend not in BACKENDS:
            raise PolicybotError(f"unknown ONNX backend {backend!r}; expected one of {BACKENDS}")
        self.name = model
        self.backend = backend
        self.batch_size = batch_size
        self.threads = threads
        self.directory = ensure_exported(model, Path(cache), int8=backend == "onnx-int8")
        self.path = self.directory / (INT8_FILE if backend == "onnx-int8" else FP32_FILE)
        meta = json.loads((self.directory / META_FILE).read_text())
        self.dimension = int(meta["dimension"])
        self.max_tokens = int(meta["max_tokens"])
        self._inputs: list[str] = list(meta["inputs"])
        self._counter, self._batcher = _tokenizers(self.directory / TOKENIZER_DIR, self.max_tokens)
        # Loaded now, so a broken file fails at start-up, not on the first question.
        self.session = open_session(self.path, threads)

    def count_tokens(self, text: str) -> int:
        return len(self._counter.encode(text, add_special_tokens=False).ids)

    def _run(self, texts: list[str], offsets: bool = False) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        encodings = self._batcher.encode_batch(texts)
        enc = {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
               "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
               "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}
        if offsets:
            enc["offset_mapping"] = np.array([e.offsets for e in encodings], dtype=np.int64)
        tokens = self.session.run(None, {n: enc[n] for n in self._inputs})[0]
        return tokens, enc

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        def pooled(batch: list[str]) -> np.ndarray:
            tokens, enc = self._run(batch)
            return mean_pool(tokens, enc["attention_mask"])

        return encode_queries_in_batches(list(texts), self.batch_size, self.dimension, pooled)

    def encode_passages(self, texts: Sequence[str], spans: Spans,
                        progress: Callable[[int], None] | None = None, also: Also | None = None) -> PassageVectors:
        def forward(batch: list[str]) -> Forward:
            tokens, enc = self._run(batch, offsets=True)
            return (tokens, enc["offset_mapping"], enc["attention_mask"].astype(bool),
                    mean_pool(tokens, enc["attention_mask"]))

        return encode_in_batches(texts, spans, self.batch_size, self.dimension, forward, progress, also)


def _tokenizers(directory: Path, max_tokens: int) -> tuple[Any, Any]:
    """The exported fast tokenizer, run by the ``tokenizers`` library itself.

    ``transformers`` imports torch whenever torch is installed (~250 MB per worker); the
    ``tokenizers`` library gives the same ids and offsets without it. One copy counts tokens
    (no truncation), the other pads and truncates batches like ``tokenizer(padding=True,
    truncation=True, max_length=...)``.
    """
    from tokenizers import Tokenizer

    path = str(directory / "tokenizer.json")
    config_path = directory / "tokenizer_config.json"
    config = json.loads(config_path.read_text()) if config_path.exists() else {}
    counter = Tokenizer.from_file(path)
    counter.no_truncation()
    counter.no_padding()
    batcher = Tokenizer.from_file(path)
    batcher.enable_truncation(max_tokens, direction=config.get("truncation_side", "right"))
    pad_token = config.get("pad_token") or "[PAD]"
    if isinstance(pad_token, dict):  # some configs store the AddedToken's fields
        pad_token = pad_token.get("content", "[PAD]")
    pad_id = batcher.token_to_id(pad_token)
    if pad_id is None:
        raise PolicybotError(f"the exported tokenizer in {directory} has no pad token {pad_token!r}")
    batcher.enable_padding(direction=config.get("padding_side", "right"), pad_id=pad_id, pad_token=pad_token,
                           pad_type_id=int(config.get("pad_token_type_id", 0)))
    return counter, batcher
