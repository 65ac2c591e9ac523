"""Which of e5's 250,002 word rows the picker keeps, so the int8 model fits in 30 MB.

96 M of e5-small's 118 M parameters are word rows, most of them for scripts members never write.
Kept: the special pieces; every piece of the CC-CEDICT dictionary (its headwords, simplified and
traditional, written as running text, so both the word-initial "▁" form and the inner form of a
piece occur, and its English glosses), which covers the two languages at large; and every piece
of the training texts.
For each kept piece its twin with or without "▁" is kept too. A piece outside the kept set becomes
<unk>; how much that costs is measured on the report texts (train/answer.py, the manifest).
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable

import numpy as np

from indexer.language.bilingual import dictionary_path
from train.crossencoder.pairs import PairTokenizer

RUN = 12
"""Dictionary headwords per line of running text."""


def dictionary_texts() -> list[str]:
    heads, glosses = [], []
    with gzip.open(dictionary_path(), "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            parts = line.split(" ", 2)
            if len(parts) < 3:
                continue
            heads.append(parts[1])
            if parts[0] != parts[1]:  # traditional characters too (Big5 notices from Taiwan, Hong Kong)
                heads.append(parts[0])
            if "/" in parts[2]:
                glosses.append(parts[2].split("/", 1)[1].replace("/", "; "))
    runs = ["".join(heads[i:i + RUN]) for i in range(0, len(heads), RUN)]
    return runs + heads + glosses


def count(tok: PairTokenizer, texts: Iterable[str]) -> Counter[int]:
    found: Counter[int] = Counter()
    for text in texts:
        found.update(tok.ids(text, 1 << 20))
    return found


def kept_ids(tok: PairTokenizer, texts: Iterable[str], pieces: list[str]) -> np.ndarray:
    """Sorted XLM-R ids to keep: specials, the dictionary's and ``texts``' pieces, and twins."""
    seen = set(count(tok, dictionary_texts())) | set(count(tok, texts))
    index = {p: i for i, p in enumerate(pieces)}
    twins = set()
    for i in seen:
        p = pieces[i]
        other = p[1:] if p.startswith("\u2581") else "\u2581" + p
        if other in index:
            twins.add(index[other])
    keep = seen | twins | {tok.bos, tok.eos, tok.pad, tok.unk}
    return np.array(sorted(keep), dtype=np.int64)


def lookup(kept: np.ndarray, vocabulary: int, unk_row: int) -> np.ndarray:
    """XLM-R id -> kept row; ids not kept -> the <unk> row."""
    table = np.full(vocabulary, unk_row, dtype=np.int64)
    table[kept] = np.arange(len(kept))
    return table


def coverage(tok: PairTokenizer, kept: np.ndarray, texts: Iterable[str]) -> float:
    """Share of the pieces of ``texts`` that are kept (the rest read as <unk>)."""
    found = count(tok, texts)
    total = sum(found.values())
    keep = set(kept.tolist())
    inside = sum(v for k, v in found.items() if k in keep)
    return round(inside / total, 5) if total else 1.0
