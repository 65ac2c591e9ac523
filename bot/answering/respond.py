"""From retrieved passages to the answer: versions, the picked quote, the decision, the text.

``respond`` is the answer step of ``PolicyBot.ask`` once passages are retrieved: one notice of a
series kept (bot/answering/series.py), the quote chosen by the picker (bot/answering/pick.py), the
decision and the confidence read (bot/answering/reader.py), the answer composed with lists whole
(bot/answering/compose.py) and further passages only where their slots hold. With ``picker`` None
(answer model off, or another embedding model than the calibration's) the earlier rules decide
(bot/answering/abstain.py, bot/answering/answerable.py) and similarity picks the quote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from bot.answering.abstain import Evidence, should_abstain
from bot.answering.answerable import confidence
from bot.answering.calibrated import Calibration
from bot.answering.compose import ABSTAIN_TEXTS, Candidate, compose
from bot.answering.pick import applies, pick
from bot.answering.reader import Reading, read
from bot.answering.records import Answer, Citation
from bot.answering.series import choose, note
from bot.answering.slots import passage_holds, question_slots
from core.language import Lang, question_language
from core.records import Chunk
from indexer.picker.model import Picker


@dataclass(frozen=True)
class Context:
    """What answering reads besides the passages: the loaded index's parts and the models."""

    documents: Mapping[str, Mapping[str, Any]]
    heads: dict[str, str]
    idf: Callable[[str], float]
    following: Callable[[Chunk], Chunk | None]
    picker: Picker | None
    calibration: Calibration | None
    max_sentences: int = 3
    day: dt.date | None = None
    model: str = ""
    """The index's embedding model: the picker and its calibration apply to its vectors only."""


@dataclass(frozen=True)
class Response:
    answer: Answer
    reading: Reading | None = None


def respond(question: str, candidates: list[Candidate], evidence: Evidence, ctx: Context, lang: Lang,
            make_id: Callable[[str], str]) -> Response:
    """The answer, or the abstention in ``lang``; ``make_id`` gives an answer's id from its text."""
    def abstain() -> Answer:
        text = ABSTAIN_TEXTS[lang]
        return Answer(text, True, [], make_id(text), lang)

    if not candidates:
        return Response(abstain())
    if not applies(ctx.picker, ctx.model, candidates, evidence.query_vector):  # the earlier rules
        if should_abstain(evidence):
            return Response(abstain())
        composed = compose(candidates, ctx.max_sentences, question=question, following=ctx.following, lang=lang)
        citations = [replace(c, confidence=confidence(question, composed.spans[c.n], ctx.idf))
                     for c in composed.citations]
        return Response(Answer(composed.answer, False, citations, make_id(composed.answer), lang,
                               citations[0].confidence if citations else None))
    assert ctx.picker is not None
    slots = question_slots(question)
    kept, other, why = choose(candidates, ctx.documents, ctx.day or dt.date.today(), slots)
    offsets = ctx.calibration.offsets(question_language(question)) if ctx.calibration is not None else None
    chosen = pick(ctx.picker, question, slots, kept, evidence.query_vector, ctx.heads, ctx.idf, offsets)
    reading = read(question, kept, evidence, chosen, ctx.calibration, ctx.heads, ctx.idf)
    if ctx.calibration is None:
        declined = should_abstain(evidence) or bool(reading.passage_missing)
    else:
        declined = reading.decline is not None
    if declined:
        return Response(abstain(), reading)

    def keep(cand: Candidate) -> bool:
        return passage_holds(slots, cand.chunk, ctx.heads.get(cand.chunk.doc_id, ""))

    composed = compose(reading.order, ctx.max_sentences, question=question, following=ctx.following,
                       lead=reading.lead, keep=keep, lang=lang)
    text = composed.answer
    if other is not None:
        text += "\n\n" + note(other, ctx.documents, why, lang)
    lead: Citation | None = composed.citations[0] if composed.citations else None
    if ctx.calibration is None:
        direct = lead is not None and confidence(question, composed.spans[lead.n], ctx.idf) == "direct"
    else:
        direct = reading.direct
    citations = [replace(c, confidence="direct" if direct and c.n == 1 else "related") for c in composed.citations]
    return Response(Answer(text, False, citations, make_id(text), lang,
                           citations[0].confidence if citations else None), reading)
