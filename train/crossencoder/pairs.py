"""What the sentence picker reads: (question, where the sentence stands, the sentence) as token ids.

The picker is fine-tuned from multilingual-e5-small, so it reads e5's XLM-R pieces, normalised with
the weight file's own character map (``indexer.embed.e5_weights``). A pair is
``<s> question </s> title › section ｜ sentence </s>``: token type 0 for the question, 1 for the
rest. The title and the heading path (``Chunk.section``) tell two notices' identical sentences apart
(the 2024 and the 2025 cap); each part is cut to its own budget so a long title never pushes the
sentence out. Ids are XLM-R's: the ONNX graph maps them to the rows it kept (train/vocab.py).
Training (train/) and serving use this one module, so they cannot tokenise differently.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from core.records import SECTION_SEPARATOR
from indexer.embed import e5_tokenizer
from indexer.embed.e5_weights import E5File, weights_path

MAX_QUESTION = 32
MAX_TITLE = 12
MAX_SECTION = 8
MAX_TOKENS = 80
"""Tokens per pair, specials included; the sentence gets what the question and its place leave."""
SENTENCE_MARK = " ｜ "


class PairTokenizer:
    """e5's tokenizer for pairs; thread-safe (sentencepiece's encode is)."""

    def __init__(self) -> None:
        f = E5File(weights_path())
        self.norm = f.norm
        self.bos, self.eos, self.pad, self.unk = f.bos, f.eos, f.pad, f.unk
        self.vocabulary = len(f.pieces)
        self._sp = e5_tokenizer.build(f.pieces, f.scores.tolist(), f.unk)

    def ids(self, text: str, limit: int) -> list[int]:
        """The pieces of ``text`` (no specials), at most ``limit``; text past what ``limit`` can
        hold is not even tokenised (a hostile 2,000-character question costs no more)."""
        if limit <= 0 or not text.strip():
            return []
        normal = "".join(self.norm.get(ord(ch), ch) for ch in text[: limit * 12])
        normal = " ".join(normal.split())
        return list(self._sp.encode(normal))[:limit] if normal else []

    def pair(self, question: str | list[int], title: str, section: str, sentence: str) -> tuple[list[int], list[int]]:
        """Ids and token types of one pair (``question`` may be given as its ids already)."""
        q = question if isinstance(question, list) else self.ids(question, MAX_QUESTION)
        head = [self.bos, *q, self.eos]
        place = self.ids(title, MAX_TITLE)
        if section:
            place += self.ids(SECTION_SEPARATOR + section.split(SECTION_SEPARATOR)[-1], MAX_SECTION)
        rest = self.ids(SENTENCE_MARK + sentence if place else sentence, MAX_TOKENS - len(head) - len(place) - 1)
        tail = [*place, *rest, self.eos]
        return head + tail, [0] * len(head) + [1] * len(tail)

    def batch(self, question: str, items: Sequence[tuple[str, str, str]]) -> dict[str, np.ndarray]:
        """The model's inputs for one question against (title, section, sentence) items, padded."""
        q = self.ids(question, MAX_QUESTION)
        pairs = [self.pair(q, *item) for item in items]
        return pad(pairs, self.pad)


def pad(pairs: Sequence[tuple[list[int], list[int]]], pad_id: int) -> dict[str, np.ndarray]:
    length = max((len(ids) for ids, _ in pairs), default=1)
    ids = np.full((len(pairs), length), pad_id, np.int64)
    types = np.zeros((len(pairs), length), np.int64)
    mask = np.zeros((len(pairs), length), np.int64)
    for row, (i, t) in enumerate(pairs):
        ids[row, :len(i)], types[row, :len(t)], mask[row, :len(i)] = i, t, 1
    return {"input_ids": ids, "token_type_ids": types, "attention_mask": mask}


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _shared() -> PairTokenizer:
    return PairTokenizer()


def tokenizer() -> PairTokenizer:
    """One per process (~75 MB: sentencepiece's trie of 250,000 pieces), built on first use."""
    with _LOCK:
        return _shared()


def describe() -> dict[str, Any]:
    """The pair recipe, recorded in the model's manifest: a change means retraining."""
    return {"max_question": MAX_QUESTION, "max_title": MAX_TITLE, "max_section": MAX_SECTION,
            "max_tokens": MAX_TOKENS, "layout": "<s> question </s> title › section ｜ sentence </s>"}
