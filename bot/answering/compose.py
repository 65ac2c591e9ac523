"""Extractive answers: the retrieved sentences that best answer the question, each cited."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from bot.answering.answerable import answer_type, holds_type
from bot.answering.lists import (
    ARTICLE,
    INTRODUCES,
    asked_count,
    asks_article,
    asks_list,
    continuation,
    counted_list,
    is_heading,
    is_item,
    list_span,
)
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
    sentence_vectors: np.ndarray | None = None
    """The sentences' e5 vectors (the picker reads them, bot/answering/pick.py); None in tests."""


@dataclass(frozen=True)
class Composed:
    answer: str
    citations: list[Citation]
    spans: dict[int, str] = field(default_factory=dict)
    """Citation number -> the text quoted from that passage (what its confidence is judged on)."""
    cut: bool = False
    """A list was quoted only in part (it runs past ``bot.answering.lists`` bounds); the answer says so."""


# Sentences that lean on the one before ("This ...", "该...") are not quoted alone.
_LEANS = re.compile(r"^\s*(?:(?:this|these|that|those|it|its|they|their|such|he|she|his|her|the latter|"
                    r"the former|both|there)\b|该|这|此|其|上述|他|她|它|同时|因此|为此|对此)", re.I)
TYPE_BONUS = 0.01
# A news agency's credit after a sentence's last mark ("… remanufacturing. — China Daily/ANN",
# "— AFP") is the page's byline, not the document's words: an answer quotes the sentence without it.
_BYLINE = re.compile(r"(?<=[.!?。！？”\"’])\s*[—–]{1,2}\s*[A-Z][A-Za-z.&'’]*(?:[ /][A-Z][A-Za-z.&'’]*){0,4}\s*$")
MAX_SPAN_SENTENCES = 6
MAX_SPAN_CHARS = 900
CUT_NOTES: dict[Lang, str] = {
    "en": "The list goes on in the document; see the full text of [{n}].",
    "zh": "原文所列内容较多，以上仅为部分，详见[{n}]原文。",
}


def span(sentences: tuple[str, ...], best: int, wants_list: bool, article: bool = False,
         count: int | None = None) -> tuple[int, int, bool]:
    """The sentences ``[start, end)`` that answer around ``best``, and whether a list was cut: the
    whole enumeration it belongs to or introduces (bot/answering/lists.py), or, for a question
    asking for a list, the items after it; an outline heading standing alone with its section's
    body; its antecedent when it leans on the sentence before; for a question asking which
    ``article`` says it, from the article's first sentence, which alone holds its number. A question
    asking for ``count`` items ("哪三类人员") whose lead is in no list of that many gets the passage's
    list that has them (a definition after the list repeats the question's words more)."""
    found = list_span(sentences, best)
    if wants_list and count and (found is None or sum(is_item(x) for x in sentences[found[0]:found[1]]) < count):
        counted = counted_list(sentences, count)
        if counted is not None:
            found = (*counted, False)
    if found is None and wants_list and best + 1 < len(sentences) and is_item(sentences[best + 1]):
        found = list_span(sentences, best + 1)
        if found is not None:
            found = (min(found[0], best), found[1], found[2])
    start, end, cut = found if found is not None else (best, best + 1, False)
    if end - start == 1 and is_heading(sentences[start]):  # "（二）支持建设产业园区" then its conditions
        while end < len(sentences) and not is_item(sentences[end]) and _fits(sentences[start:end + 1]):
            end += 1
    if found is None and start > 0 and _LEANS.match(sentences[start]) and _fits(sentences[start - 1:end]):
        start -= 1
    if article and not ARTICLE.match(sentences[start]):
        first = next((i for i in range(start - 1, -1, -1) if ARTICLE.match(sentences[i])), None)
        if first is not None and _fits(sentences[first:end]):
            start = first
    return start, end, cut


def _fits(sentences: tuple[str, ...] | list[str]) -> bool:
    return len(sentences) <= MAX_SPAN_SENTENCES and sum(len(x) for x in sentences) <= MAX_SPAN_CHARS


def compose(candidates: list[Candidate], max_sentences: int = 3, margin: float = 0.25,
            question: str = "", following: Callable[[Chunk], Chunk | None] | None = None,
            lead: int | None = None, keep: Callable[[Candidate], bool] | None = None,
            lang: Lang = "en", lead_span: tuple[int, int] | None = None) -> Composed:
    """Quote the span that answers from the top passage, then the best sentence of the next
    passages, in retrieval order, each cited.

    The top passage gives ``lead`` (the sentence the picker chose, bot/answering/pick.py), else its
    best sentence by similarity, with what it needs to be read (``span``). Each further passage adds
    its best sentence unless it repeats one already quoted (chunks overlap), falls more than
    ``margin`` below the best sentence of all (noise, not support), or fails ``keep`` (another
    notice's year or place: its cap is not this one's), up to ``max_sentences`` passages.
    ``following`` gives the next passage of a chunk's document: a list cut by the chunk's end goes
    on there, cited as that passage; a list cut at its bounds gets a note (``Composed.cut``).
    ``lead_span``: the sentences ``[start, end)`` to quote around ``lead`` when the caller knows them
    (a notice's contact block, bot/answering/contact.py).
    """
    best_overall = max((float(c.sentence_scores.max()) for c in candidates
                        if len(c.sentence_scores)), default=None)
    if best_overall is None:
        return Composed("", [])
    wants_list, article, count = asks_list(question), asks_article(question), asked_count(question)
    kind = answer_type(question) if question else None
    chosen: list[tuple[Candidate, list[int]]] = []  # (passage, sentence indexes quoted)
    seen: set[str] = set()
    cut = False
    for number, cand in enumerate(candidates):
        if len(chosen) >= max_sentences:
            break
        if chosen and keep is not None and not keep(cand):
            continue
        scores = cand.sentence_scores
        if kind is not None:  # a sentence holding what the question asks for comes first among near ties
            scores = scores + TYPE_BONUS * np.array([holds_type(kind, x, question) for x in cand.chunk.sentences])
        order = [int(i) for i in np.argsort(-scores, kind="stable")]
        if number == 0 and lead is not None and 0 <= lead < len(cand.chunk.sentences):
            order = [lead] + [i for i in order if i != lead]
        for si in order:
            if cand.sentence_scores[si] < best_overall - margin and not (number == 0 and si == lead):
                break
            if _norm(cand.chunk.sentences[si]) in seen:
                continue
            if chosen:
                a, b, cut_here = si, si + 1, False
            elif number == 0 and si == lead and lead_span is not None and lead_span[0] <= si < lead_span[1]:
                a, b, cut_here = lead_span[0], lead_span[1], False
            else:
                a, b, cut_here = span(cand.chunk.sentences, si, wants_list, article, count)
            if b - a == 1 and INTRODUCES.search(cand.chunk.sentences[si]):
                continue
            picked = [i for i in range(a, b) if _norm(cand.chunk.sentences[i]) not in seen]
            seen.update(_norm(cand.chunk.sentences[i]) for i in picked)
            chosen.append((cand, picked))
            cut = cut or cut_here
            nxt = following(cand.chunk) if following is not None and len(chosen) == 1 and not cut_here else None
            if nxt is not None and picked and picked[-1] == len(cand.chunk.sentences) - 1:
                more, cut_there = continuation([cand.chunk.sentences[i] for i in picked], nxt.sentences, seen)
                if more:
                    seen.update(_norm(nxt.sentences[i]) for i in more)
                    chosen.append((Candidate(nxt, cand.score, np.zeros(len(nxt.sentences))), more))
                cut = cut or cut_there
            break
    parts, spans, citations = [], {}, []
    for n, (cand, picked) in enumerate(chosen, start=1):
        quoted = [without_byline(cand.chunk.sentences[i]) for i in picked]
        parts += [f"{sentence} [{n}]" for sentence in quoted]
        spans[n] = " ".join(quoted)
        citations.append(Citation.from_chunk(n, cand.chunk, cand.score))
    answer = " ".join(parts)
    if cut and chosen:
        last = 2 if len(chosen) > 1 and chosen[1][0].score == chosen[0][0].score else 1
        answer += "\n\n" + CUT_NOTES[lang].format(n=last)
    return Composed(answer, citations, spans, cut)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def without_byline(sentence: str) -> str:
    """The sentence as quoted: a trailing agency credit ("— China Daily/ANN") left out."""
    return _BYLINE.sub("", sentence)
