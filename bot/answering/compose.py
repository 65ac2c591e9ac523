"""Extractive answers: the retrieved sentences that best answer the question, each cited."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from bot.answering.answerable import answer_type, holds_type
from bot.answering.records import Citation
from core.language import Lang
from core.records import Chunk

ABSTAIN_TEXT = (
    "No policy document in the collection covers this question, so I cannot answer it. "
    "Try rephrasing it, or ask about the federation's trade, support and cluster policies."
)
# The abstention in the asker's language (``Answer.lang``); English stays ABSTAIN_TEXT.
ABSTAIN_TEXTS: dict[Lang, str] = {
    "en": ABSTAIN_TEXT,
    "zh": "我们的政策文件中没有涉及这个问题的内容，因此无法回答。"
          "请换一种问法，或询问联合会有关贸易、扶持和产业集群的政策。",
}


@dataclass
class Candidate:
    """A retrieved passage with its retrieval score and its sentences' similarity to the question."""

    chunk: Chunk
    score: float
    sentence_scores: np.ndarray


@dataclass(frozen=True)
class Composed:
    answer: str
    citations: list[Citation]
    spans: dict[int, str] = field(default_factory=dict)
    """Citation number -> the text quoted from that passage (what its confidence is judged on)."""


# Sentences that continue an enumeration ("Second, ...", "二是", "(3)", "- ") and sentences that
# lean on the one before ("This ...", "该...") are not quoted alone.
_ITEM = re.compile(
    r"^\s*(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|firstly|secondly|"
    r"thirdly|finally|lastly|next|then|also|in addition|additionally|moreover|furthermore)\b|"
    r"(?:the )?(?:one|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final) "
    r"(?:is|was|are|were)\b|"
    r"[(（]?\d{1,2}[)）.、]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|"
    r"第[一二三四五六七八九十]+[，,、是条项]|其[一二三四五六七八九十][，,、是]|[•·▪\-–*]\s)", re.I)
_LEANS = re.compile(r"^\s*(?:(?:this|these|that|those|it|its|they|their|such|he|she|his|her|the latter|"
                    r"the former|both|there)\b|该|这|此|其|上述|他|她|它|同时|因此|为此|对此)", re.I)
_ASKS_LIST = re.compile(r"\b(?:what (?:are|were)|which|list|steps?|measures|ways|how (?:can|do|does|to|should))\b|"
                        r"哪些|有什么|措施|步骤|如何|怎样|怎么", re.I)
TYPE_BONUS = 0.01
# A line that only introduces what follows ("To all district bureaus:", "通知如下：") answers nothing
# alone; it is quoted only as the head of the list it introduces.
_INTRODUCES = re.compile(r"[:：]\s*$")
# A news agency's credit after a sentence's last mark ("… remanufacturing. — China Daily/ANN",
# "— AFP") is the page's byline, not the document's words: an answer quotes the sentence without it.
_BYLINE = re.compile(r"(?<=[.!?。！？”\"’])\s*[—–]{1,2}\s*[A-Z][A-Za-z.&'’]*(?:[ /][A-Z][A-Za-z.&'’]*){0,4}\s*$")
MAX_SPAN_SENTENCES = 6
MAX_SPAN_CHARS = 900


def span(sentences: tuple[str, ...], best: int, wants_list: bool) -> tuple[int, int]:
    """The sentences ``[start, end)`` that answer around ``best``: its antecedent when it leans on
    the sentence before, the whole enumeration it belongs to (with the sentence introducing it)
    when it is an item or the question asks for a list; bounded by ``MAX_SPAN_*``."""
    start, end = best, best + 1
    is_item = bool(_ITEM.match(sentences[best]))
    if is_item or (wants_list and best + 1 < len(sentences) and _ITEM.match(sentences[best + 1])):
        while start > 0 and _ITEM.match(sentences[start]) and _fits(sentences[start - 1:end]):
            start -= 1  # back to the first item, then the sentence that introduces the list
        while end < len(sentences) and _ITEM.match(sentences[end]) and _fits(sentences[start:end + 1]):
            end += 1
    if start > 0 and _LEANS.match(sentences[start]) and _fits(sentences[start - 1:end]):
        start -= 1
    return start, end


def _fits(sentences: tuple[str, ...] | list[str]) -> bool:
    return len(sentences) <= MAX_SPAN_SENTENCES and sum(len(x) for x in sentences) <= MAX_SPAN_CHARS


def _continued(chunk: Chunk, picked: list[int], following: Callable[[Chunk], Chunk | None] | None,
               seen: set[str]) -> list[int]:
    """The items of an enumeration that runs past the end of ``chunk`` into the next passage of its
    document (chunks end mid-list), as sentence indexes of that passage."""
    nxt = following(chunk) if following is not None and picked else None
    last = chunk.sentences[picked[-1]] if picked else ""
    if nxt is None or picked[-1] != len(chunk.sentences) - 1 or not _ITEM.match(last):
        return []
    quoted = [chunk.sentences[i] for i in picked]
    out: list[int] = []
    for i, sentence in enumerate(nxt.sentences):
        if _norm(sentence) in seen:
            continue  # the overlap the two chunks share
        if not _ITEM.match(sentence) or not _fits(quoted + [nxt.sentences[j] for j in out] + [sentence]):
            break
        out.append(i)
    return out


def compose(candidates: list[Candidate], max_sentences: int = 3, margin: float = 0.25,
            question: str = "", following: Callable[[Chunk], Chunk | None] | None = None) -> Composed:
    """Quote the span that answers from the top passage, then the best sentence of the next
    passages, in retrieval order, each cited.

    The top passage gives its best sentence with what it needs to be read (``span``). Each further
    passage adds its best sentence unless it repeats one already quoted (chunks overlap) or falls
    more than ``margin`` below the best sentence of all (it would add noise, not support), up to
    ``max_sentences`` passages. ``following`` gives the next passage of a chunk's document: an
    enumeration cut by the chunk's end goes on there, cited as that passage.
    """
    best_overall = max((float(c.sentence_scores.max()) for c in candidates
                        if len(c.sentence_scores)), default=None)
    if best_overall is None:
        return Composed("", [])
    wants_list = bool(_ASKS_LIST.search(question))
    kind = answer_type(question) if question else None
    chosen: list[tuple[Candidate, list[int]]] = []  # (passage, sentence indexes quoted)
    seen: set[str] = set()
    for cand in candidates:
        if len(chosen) >= max_sentences:
            break
        scores = cand.sentence_scores
        if kind is not None:  # a sentence holding what the question asks for comes first among near ties
            scores = scores + TYPE_BONUS * np.array([holds_type(kind, x, question) for x in cand.chunk.sentences])
        for si in [int(i) for i in np.argsort(-scores, kind="stable")]:
            if cand.sentence_scores[si] < best_overall - margin:
                break
            if _norm(cand.chunk.sentences[si]) in seen:
                continue
            a, b = span(cand.chunk.sentences, si, wants_list) if not chosen else (si, si + 1)
            if b - a == 1 and _INTRODUCES.search(cand.chunk.sentences[si]):
                continue
            picked = [i for i in range(a, b) if _norm(cand.chunk.sentences[i]) not in seen]
            seen.update(_norm(cand.chunk.sentences[i]) for i in picked)
            chosen.append((cand, picked))
            more = _continued(cand.chunk, picked, following, seen) if len(chosen) == 1 else []
            if more and following is not None:
                nxt = following(cand.chunk)
                assert nxt is not None
                seen.update(_norm(nxt.sentences[i]) for i in more)
                chosen.append((Candidate(nxt, cand.score, np.zeros(len(nxt.sentences))), more))
            break
    parts, spans, citations = [], {}, []
    for n, (cand, picked) in enumerate(chosen, start=1):
        quoted = [without_byline(cand.chunk.sentences[i]) for i in picked]
        parts += [f"{sentence} [{n}]" for sentence in quoted]
        spans[n] = " ".join(quoted)
        citations.append(Citation.from_chunk(n, cand.chunk, cand.score))
    return Composed(" ".join(parts), citations, spans)


def without_byline(sentence: str) -> str:
    """The sentence as quoted: a trailing agency credit ("— China Daily/ANN") left out."""
    return _BYLINE.sub("", sentence)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())
