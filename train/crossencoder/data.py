"""Training groups for the sentence picker: a question and candidate sentences, each labelled.

Sources, each split by article or notice (fit here, report elsewhere; docs/answering.md):
- SQuAD 2.0 dev-a, fit articles 0, 2, 4, 6: the sentence holding the answer's offset is positive,
  the paragraph's other sentences negative; an impossible question has no positive;
- CMRC 2018 trial (the dev file is the report part): likewise;
- the policy-notice set's fit notices (bench/data/notices/): the notice's sentences as the index
  cut them (title and heading path with each), positive when it holds an expected phrase.
Sentences are cut by the indexer's own splitter, so training sees the units answers quote.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.records import Chunk
from indexer.documents.chunking import split_sentences

SQUAD_FIT = (0, 2, 4, 6)
SQUAD_REPORT = (1, 3, 5, 7)
NEGATIVES = 4
"""Negatives per group: the ones sharing most words with the question first (the hard ones)."""


@dataclass
class Group:
    question: str
    items: list[tuple[str, str, str]]
    """(title, section, sentence) candidates."""
    labels: list[int]
    source: str
    answerable: bool
    lang: str
    meta: dict[str, Any] = field(default_factory=dict)


def _lang(text: str) -> str:
    return "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"


def sentences_with_offsets(text: str) -> list[tuple[int, int, str]]:
    out, cursor = [], 0
    for s in split_sentences(text):
        start = text.find(s, cursor)
        start = cursor if start < 0 else start
        out.append((start, start + len(s), s))
        cursor = start + len(s)
    return out


def _grams(text: str) -> set[str]:
    """Words and Chinese character pairs: overlap that needs no segmenter."""
    low = text.lower()
    words = set(re.findall(r"[a-z0-9]+", low))
    han = re.findall(r"[\u4e00-\u9fff]", low)
    return words | {a + b for a, b in zip(han, han[1:], strict=False)}


def hardest(question: str, candidates: list[int], texts: list[str], n: int, rng: random.Random) -> list[int]:
    """``n`` of ``candidates``: most overlap with the question first, ties broken at random."""
    q = _grams(question)
    scored = sorted(candidates, key=lambda i: (-len(q & _grams(texts[i])), rng.random()))
    return scored[:n]


def _group(question: str, title: str, sents: list[tuple[int, int, str]], positive: set[int], source: str,
           answerable: bool, rng: random.Random, meta: dict[str, Any] | None = None,
           negatives: int = NEGATIVES) -> Group | None:
    texts = [s for _, _, s in sents]
    chosen_negatives = hardest(question, [i for i in range(len(sents)) if i not in positive], texts, negatives, rng)
    chosen = sorted(positive) + chosen_negatives
    if len(chosen) < 2:
        return None
    return Group(question, [(title, "", texts[i]) for i in chosen], [int(i in positive) for i in chosen],
                 source, answerable, _lang(question), meta or {})


def squad_groups(path: Path, articles: tuple[int, ...] | None, source: str, rng: random.Random,
                 impossible: bool = True, negatives: int = NEGATIVES) -> list[Group]:
    """Groups from a SQuAD-format file (SQuAD 2.0 or CMRC 2018), for the given article numbers
    (all for None). ``negatives``: per group (a large number: the whole paragraph, to measure)."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    out = []
    for n, article in enumerate(data):
        if articles is not None and n not in articles:
            continue
        title = str(article.get("title") or "").replace("_", " ")
        for paragraph in article["paragraphs"]:
            sents = sentences_with_offsets(paragraph["context"])
            for qa in paragraph["qas"]:
                if qa.get("is_impossible"):
                    if impossible:
                        g = _group(qa["question"], title, sents, set(), source, False, rng, {"id": qa["id"]},
                                   negatives)
                        out += [g] if g else []
                    continue
                positive = set()
                for answer in qa["answers"]:
                    start = int(answer["answer_start"])
                    end = start + len(answer["text"])
                    positive |= {i for i, (a, b, _) in enumerate(sents) if a < end and start < b}
                if positive:
                    g = _group(qa["question"], title, sents, positive, source, True, rng, {"id": qa["id"]},
                               negatives)
                    out += [g] if g else []
    return out


def holds(sentence: str, phrase: str) -> bool:
    """A sentence states an expected phrase: holds it, or is a long enough part of it (a phrase
    that runs over two sentences, as an annex line)."""
    s, p = " ".join(sentence.split()), " ".join(phrase.split())
    return p in s or (len(s) >= 12 and s in p)


def notice_groups(questions: list[dict[str, Any]], chunks: dict[str, list[Chunk]], rng: random.Random,
                  source: str = "notices") -> list[Group]:
    """Groups for answerable notice questions over their notice's sentences (as indexed)."""
    out = []
    for q in questions:
        doc = chunks.get(q["doc"])
        if not doc or not q["answerable"]:
            continue
        seen: dict[str, tuple[str, str, str]] = {}
        for c in doc:
            for s in c.sentences:
                seen.setdefault(" ".join(s.split()), (c.title, c.section, s))
        items = list(seen.values())
        texts = [s for _, _, s in items]
        positive = {i for i, s in enumerate(texts) if any(holds(s, p) for p in q["expect"])}
        if not positive:
            continue
        negatives = hardest(q["question"], [i for i in range(len(items)) if i not in positive], texts,
                            NEGATIVES, rng)
        chosen = sorted(positive)[:3] + negatives
        out.append(Group(q["question"], [items[i] for i in chosen], [int(i in positive) for i in chosen],
                         source, True, _lang(q["question"]), {"id": q["id"], "doc": q["doc"]}))
    return out


def describe(groups: list[Group]) -> dict[str, Any]:
    by: dict[str, dict[str, int]] = {}
    for g in groups:
        row = by.setdefault(g.source, {"groups": 0, "answerable": 0, "pairs": 0})
        row["groups"] += 1
        row["answerable"] += int(g.answerable)
        row["pairs"] += len(g.items)
    return by
