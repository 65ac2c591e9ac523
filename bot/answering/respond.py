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
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bot.answering.abstain import Evidence, should_abstain
from bot.answering.answerable import confidence
from bot.answering.calibrated import Calibration, pair_name
from bot.answering.compose import ABSTAIN_TEXTS, Candidate, compose
from bot.answering.contact import contact_block, contact_line
from bot.answering.numbered import number_line
from bot.answering.pick import PASSAGES, applies, pick, widen
from bot.answering.reader import Reading, read
from bot.answering.records import Answer, Citation
from bot.answering.series import choose, note
from bot.answering.slots import Slots, passage_holds, question_slots
from bot.answering.stated import issuer_line, repeal_line, validity_line
from bot.answering.validity import status
from core.language import Lang, question_language, text_language
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
    document: Callable[[str, np.ndarray], list[Candidate]] | None = None
    """doc_id, query vector -> that document's passages as candidates (``LoadedIndex.document_candidates``)."""
    chunk_at: Callable[[tuple[str, int]], Chunk | None] | None = None
    """(doc_id, position) -> that passage: where a contact question's contact line is looked for."""
    model: str = ""
    """The index's embedding model and precision (``indexer.embed.calibration.calibration_key``,
    "<model>@int8"): the picker and its calibration apply to such vectors only."""


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
    reading = _read(question, slots, kept, evidence, ctx)
    if reading.decline == "slot" and evidence.other_notice is not None:
        reading = _other_notice_first(question, slots, kept, evidence, ctx, reading)
    if ctx.calibration is None:
        declined = should_abstain(evidence) or bool(reading.passage_missing)
    else:
        declined = reading.decline is not None and not _stated_apart(slots, reading, ctx)
    if declined:
        return Response(abstain(), reading)

    day = ctx.day or dt.date.today()
    current = status(reading.order[0].chunk.doc_id, ctx.documents, day) == "in_force"

    def keep(cand: Candidate) -> bool:
        """A further passage joins when its notice holds the question's slots, and, under a lead in
        force, when its own notice has not expired or been replaced (its figures are not this one's)."""
        if current and status(cand.chunk.doc_id, ctx.documents, day) in ("superseded", "expired"):
            return False
        return passage_holds(slots, cand.chunk, ctx.heads.get(cand.chunk.doc_id, ""))

    # A contact, a notice's number, issuer or period is a line the notice states apart: that line is the quote.
    order, lead, line, block = reading.order, reading.lead, None, None
    if slots.asks == "contact" and ctx.chunk_at is not None:  # the notice's contact block
        line = contact_line(question, order[0].chunk.doc_id, order[0].chunk.position, ctx.chunk_at, ctx.idf)
        block = contact_block(line[0].sentences, line[1]) if line is not None else None
    elif slots.asks == "docno" and ctx.chunk_at is not None:  # the line stating its own number
        top = order[0].chunk
        line = number_line(top.doc_id, top.doc_number, top.position, ctx.chunk_at)
    elif slots.asks == "issuer" and ctx.chunk_at is not None:  # the 落款 naming who issued it
        line = issuer_line(order[0].chunk.doc_id, order[0].chunk.issuer, ctx.chunk_at)
    elif slots.asks == "validity" and ctx.chunk_at is not None:  # the sentence stating its own period
        line = _validity(order[0].chunk, ctx, day, bool(_STILL.search(question)))
    if line is not None:
        chunk, lead = line
        order = [Candidate(chunk, order[0].score, np.zeros(len(chunk.sentences)))] + [
            c for c in order if (c.chunk.doc_id, c.chunk.position) != (chunk.doc_id, chunk.position)]
    composed = compose(order, ctx.max_sentences, question=question, following=ctx.following,
                       lead=lead, keep=keep, lang=lang, lead_span=block)
    text = composed.answer
    if other is not None:
        text += "\n\n" + note(other, ctx.documents, why, lang)
    lead: Citation | None = composed.citations[0] if composed.citations else None
    if ctx.calibration is None:
        direct = lead is not None and confidence(question, composed.spans[lead.n], ctx.idf) == "direct"
    else:
        direct = reading.direct or (line is not None and not reading.check.missing)
    citations = [replace(c, confidence="direct" if direct and c.n == 1 else "related") for c in composed.citations]
    return Response(Answer(text, False, citations, make_id(text), lang,
                           citations[0].confidence if citations else None), reading)


def _stated_apart(slots: Slots, reading: Reading, ctx: Context) -> bool:
    """Who issued the lead notice, or its own number, is asked and the notice states it: the models'
    doubt (``earlier``, ``no-answer``) read the picked quote, which never holds the 落款 or the number
    line, so it does not decline; a year or place the notice lacks (``slot``), an item it never
    names or a kind unstated still does."""
    if reading.decline not in ("earlier", "no-answer") or reading.passage_missing or ctx.chunk_at is None:
        return False
    top = reading.order[0].chunk
    if slots.asks == "issuer":
        return issuer_line(top.doc_id, top.issuer, ctx.chunk_at) is not None
    if slots.asks == "docno":
        return number_line(top.doc_id, top.doc_number, top.position, ctx.chunk_at) is not None
    return False


_STILL = re.compile(r"作数|算数|还有效|还能用|还适用|是否有效|失效|废止|过期|"
                    r"\bstill\b|\bno longer\b|\brepealed\b", re.I)
"""Whether the notice is still in force is asked (还作数吗), not until when (有效期到什么时候)."""


def _validity(top: Chunk, ctx: Context, day: dt.date, still: bool) -> tuple[Chunk, int] | None:
    """The lead notice's own period's sentence; asked whether it is ``still`` in force, the sentence of
    the notice that replaced it repealing it first (黑政办规〔2023〕9号's "原…同时废止" for
    "那份2022年的措施还作数吗")."""
    assert ctx.chunk_at is not None
    successor = ctx.documents.get(top.doc_id, {}).get("superseded_by")
    if still and successor and status(top.doc_id, ctx.documents, day) in ("superseded", "expired"):
        line = repeal_line(successor, top.doc_number, top.title, ctx.chunk_at)
        if line is not None:
            return line
    return validity_line(top.doc_id, top.date, ctx.chunk_at)


def _read(question: str, slots: Slots, kept: list[Candidate], evidence: Evidence, ctx: Context) -> Reading:
    """The picker's choice among ``kept`` and its reading (bot/answering/reader.py)."""
    offsets, switch = None, 0.0
    qlang = question_language(question)
    if ctx.calibration is not None and kept:
        offsets = ctx.calibration.offsets(qlang)
        switch = ctx.calibration.pair(pair_name(qlang, text_language(kept[0].chunk.passage))).switch
    passages, asked = PASSAGES, len(kept)
    if ctx.document is not None and evidence.query_vector is not None and kept:
        kept = read_set(kept, evidence, ctx.document, ctx.documents, ctx.day or dt.date.today())
        passages = len(kept)
    chosen = pick(ctx.picker, question, slots, kept, evidence.query_vector, ctx.heads, ctx.idf, offsets, switch,
                  passages)
    reading = read(question, kept, evidence, chosen, ctx.calibration, ctx.heads, ctx.idf)
    # As many passages as were asked for (``top_k``) may be cited, the lead among them.
    return replace(reading, order=reading.order[:asked])


def _other_notice_first(question: str, slots: Slots, kept: list[Candidate], evidence: Evidence, ctx: Context,
                        reading: Reading) -> Reading:
    """An English question whose English lead passage lacks a year or place it names: read again with
    the best Chinese notice's passages first when that notice holds every slot ("GACC Announcement No.
    75 of 2020" over the 2020 Chinese announcement, a seed news item on top); else the decline stands."""
    first = [c for c in kept if c.chunk.doc_id == evidence.other_notice]
    if not first or not any(passage_holds(slots, c.chunk, ctx.heads.get(c.chunk.doc_id, "")) for c in first):
        return reading
    again = _read(question, slots, first + [c for c in kept if c.chunk.doc_id != evidence.other_notice], evidence, ctx)
    return again if again.decline is None else reading


def read_set(kept: list[Candidate], evidence: Evidence, document: Callable[[str, np.ndarray], list[Candidate]],
             documents: Mapping[str, Mapping[str, Any]], day: dt.date) -> list[Candidate]:
    """The passages the picker reads: the top ones, then every other passage of the top notice, and
    for an English question (``Evidence.other_notice``) every passage of the best Chinese notice
    (not one a newer version replaced). Training (train/collect.py) reads the same."""
    vector = evidence.query_vector
    if vector is None or not kept:
        return kept
    kept = widen(kept, lambda doc_id: document(doc_id, vector))
    other = evidence.other_notice
    if other is not None and status(other, documents, day) != "superseded":
        seen = {(c.chunk.doc_id, c.chunk.position) for c in kept}
        kept += [c for c in document(other, vector) if (c.chunk.doc_id, c.chunk.position) not in seen]
    return kept
