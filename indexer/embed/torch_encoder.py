"""The sentence-transformers backend: the model run by torch, as its authors publish it.

The reference every other backend is checked against (tests/indexer/embed). Torch's thread count
is process-wide, so it is set before each call to what this encoder was made with.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from core.errors import PolicybotError
from core.offline import stay_offline
from indexer.embed.base import Also, Forward, PassageVectors, Spans, encode_in_batches
from indexer.embed.models import resolve_model

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


class TorchEncoder:
    """Loads a sentence-transformers model once; encodes queries and passages with torch."""

    backend = "torch"

    def __init__(self, model: str, device: str = "cpu", batch_size: int = 32, threads: int = 0):
        stay_offline()
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.set_verbosity_error()  # token-count calls warn about long passages
        transformers.utils.logging.disable_progress_bar()

        self.name = model
        self.threads = threads
        self._use_threads()
        try:
            self.model: SentenceTransformer = SentenceTransformer(
                resolve_model(model), device=device, local_files_only=True
            )
        except Exception as exc:  # any loader failure means the deployment is misconfigured
            raise PolicybotError(f"cannot load embedding model {model!r}: {exc}") from exc
        self.batch_size = batch_size
        self.dimension = int(self.model.get_embedding_dimension())
        self.max_tokens = int(self.model.max_seq_length)
        self._tokenizer = self.model.tokenizer

    def _use_threads(self) -> None:
        """0 keeps torch's default (all cores)."""
        import torch

        if self.threads > 0 and torch.get_num_threads() != self.threads:
            torch.set_num_threads(self.threads)

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer(text, add_special_tokens=False)["input_ids"])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        self._use_threads()
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_passages(self, texts: Sequence[str], spans: Spans,
                        progress: Callable[[int], None] | None = None, also: Also | None = None) -> PassageVectors:
        self._use_threads()
        return encode_in_batches(texts, spans, self.batch_size, self.dimension, self._forward, progress, also)

    def _forward(self, texts: list[str]) -> Forward:
        import torch

        enc = self._tokenizer(texts, padding=True, truncation=True, max_length=self.max_tokens,
                              return_offsets_mapping=True, return_tensors="pt")
        offsets = enc.pop("offset_mapping").numpy()
        features = {k: v.to(self.model.device) for k, v in enc.items()}
        with torch.inference_mode():
            out = self.model.forward(features)
        return (out["token_embeddings"].float().cpu().numpy(), offsets,
                enc["attention_mask"].numpy().astype(bool),
                out["sentence_embedding"].float().cpu().numpy())
