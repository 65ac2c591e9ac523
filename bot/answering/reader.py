"""Read the retrieved passages: choose the quote, check its slots, decide answer, decline, direct.

1. The picker (bot/answering/pick.py) chooses the sentence that states the answer among the top
   passages; its passage leads the answer.
2. Slot checks (bot/answering/slots.py) read the question's years, places and batches against the
   quote and what it stands on (heading path, title, number, issuer, date, the document's opening).
   A slot the evidence lacks is a question about another year or place: declined.
3. The no-answer model (bot/answering/calibrated.py) weighs relevance, the picker's score, the
   asked type and the question's terms in the quote, with a limit per language pair; a Chinese
   question naming a rare item its lead notice never holds is declined (bot/answering/unheld.py).
4. ``direct`` only when the quote holds the asked type, passes the slot checks and reaches the
   picker's calibrated bar for the pair; otherwise the answer is "related".
Without a calibration for the index's embedding model the earlier rules decide
(bot/answering/abstain.py) and the picker only chooses the quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from bot.answering.abstain import Evidence, abstain_reasons, missing_terms, should_abstain, specific_terms
from bot.answering.calibrated import Calibration, pair_name
from bot.answering.compose import Candidate
from bot.answering.doubt import negated
from bot.answering.pick import Pick
from bot.answering.roles import unstated_role
from bot.answering.slots import SlotCheck, Slots, check, context_of, holds_kind, question_slots
from bot.answering.terms import term_share
from bot.answering.unheld import RARITY, rarest, unheld
from core.language import question_language, text_language
from indexer.language.bilingual import chinese_names
from indexer.language.lexical import simplified
from indexer.language.shortforms import short_name_held


@dataclass(frozen=True)
class Reading:
    order: list[Candidate]
    """The candidates with the lead passage first."""
    lead: int | None
    """The quoted sentence's index in ``order[0]``; None: by similarity (compose's choice)."""
    slots: Slots
    check: SlotCheck
    """The quoted sentence with its context against the question's slots (what ``direct`` needs)."""
    passage_missing: list[str]
    """The slots the whole lead passage with its context lacks (what a decline needs)."""
    pair: str
    features: dict[str, float] = field(default_factory=dict)
    no_answer: float = 0.0
    decline: str | None = None
    """Why the bot declines ("relevance", "slot", "earlier", "no-answer"; "item": a rare word the lead
    notice never holds, bot/answering/unheld.py; "kind": a notice's quote without the kind of figure
    asked), or None when it answers."""
    direct: bool = False


def reorder(candidates: list[Candidate], pick: Pick | None) -> tuple[list[Candidate], int | None]:
    """The picker's lead passage, then the passages by the picker's best score for one of their
    sentences, then the unscored rest in retrieval's order: a passage the picker found close to
    stating the answer (one the notice's title-like front and back matter kept out of retrieval's
    top) is cited before retrieval's next one. Taking turns with retrieval's order instead cited
    the right notice without the answering passage more often (twelve report parts: Chinese hit@3
    0.912 against 0.923, English over Chinese 0.849 against 0.874; bench/README.md)."""
    if pick is None:
        return candidates, None
    best: dict[int, float] = {}
    for (p, _), score in pick.scores.items():
        best[p] = max(best.get(p, score), score)
    order = [pick.passage] + [p for p in sorted(best, key=lambda p: (-best[p], p)) if p != pick.passage]
    placed = set(order)
    order += [i for i in range(len(candidates)) if i not in placed]
    return [candidates[i] for i in order], pick.sentence


def measure(question: str, order: list[Candidate], lead: int | None, evidence: Evidence, pick: Pick | None,
            heads: dict[str, str], idf: Callable[[str], float]) -> tuple[SlotCheck, list[str], dict[str, float]]:
    """The slot check of the quote, the slots the lead passage lacks, and the raw features the
    no-answer model reads (``Calibration.features`` turns cosines into margins over thresholds).
    A year or place the whole passage lacks declines; one only the quote lacks makes the answer
    related: in an encyclopaedia-like text the year is often a sentence away from the fact."""
    slots = question_slots(question)
    top = order[0].chunk
    _, sentence = _quoted(order, lead)
    quote = _window(order, lead)
    head = heads.get(top.doc_id, "")
    found = check(slots, sentence, context_of(top, head))
    passage_missing = check(slots, top.text, context_of(top, head)).missing if found.missing else []
    scores = sorted((pick.scores.values() if pick else []), reverse=True)
    notice = (c for c in order if c.chunk.doc_id == top.doc_id)  # the lead notice's passages the picker read
    cosines = sorted((float(x) for x in order[0].sentence_scores), reverse=True)
    raw = {
        "top_dense": evidence.top_dense,
        "cross_top": evidence.cross_top if evidence.cross_top is not None else float("nan"),
        "cross_lead": float("nan") if _anchored(question, top.passage)
        else evidence.cross_of.get((top.doc_id, top.position), float("nan")),
        "coverage": evidence.coverage,
        "pick": scores[0] if scores else 0.0,
        "pick_gap": scores[0] - scores[1] if len(scores) > 1 else 0.0,
        "typed": float(found.typed),
        "quote_terms": term_share(question, f"{quote}\n{context_of(top)}", idf),
        "passage_terms": term_share(question, f"{top.text}\n{context_of(top, head)}", idf),
        "names_missing": float(bool(evidence.missing)),
        "negated": float(negated(question)),
        # How far the top passage's best sentence stands above its next one, and the doubt model's
        # estimate (bot/answering/doubt.py, fitted on the same SQuAD articles): SQuAD's questions
        # written to mislead match several sentences loosely.
        "sentence_margin": float(cosines[0] - cosines[1]) if len(cosines) > 1 else 0.0,
        "doubt": evidence.doubt,
        "earlier": float(should_abstain(evidence)),
        # A notice's items (an issuer or a number in its metadata): an encyclopaedia-like article's
        # questions paraphrase it freely (CMRC 2018 dev lost 0.02 of hit@1 when articles were read too).
        "unheld": rarest(unheld(question, (f"{c.chunk.title}\n{c.chunk.section}\n{c.chunk.text}" for c in notice),
                                idf)) if top.issuer or top.doc_number else 0.0,
        **{f"earlier_{rule}": float(v) for rule, v in abstain_reasons(evidence).items()},
    }
    return found, passage_missing, raw


APART = ("contact", "docno", "issuer", "validity")
"""Kinds answered by a line looked up apart (bot/answering/respond.py), not by the picked quote."""
UNCOUNTED = ("self_apply",)
"""Kinds no figure states: whether a firm must apply is often said in other words than the picked ones."""


def _unstated(slots: Slots, found: SlotCheck, lead: Candidate, quote: str) -> bool:
    """A notice's quote (an issuer or a number in its metadata, not an article's) lacks the amount,
    count, date or duration asked: the notice states another figure. A contact, a document number,
    the issuer or the notice's own period is looked up apart (bot/answering/respond.py); 几个 counts
    anything (几个优秀奖: "10名")."""
    if slots.asks in (None, *APART, *UNCOUNTED) or found.typed or not (lead.chunk.issuer or lead.chunk.doc_number):
        return False
    return slots.unit != "个" or not holds_kind(replace(slots, unit=None), quote)


def _other_role(question: str, order: list[Candidate], lead: int | None) -> bool:
    """A notice's quote (with the sentences beside it) states a figure of the asked kind for another
    role than the asked one (bot/answering/roles.py): a cap per firm for the total asked."""
    top = order[0].chunk
    if not (top.issuer or top.doc_number) or not top.sentences:
        return False
    return unstated_role(simplified(question), _window(order, lead)) is not None


def _window(order: list[Candidate], lead: int | None) -> str:
    """The quoted sentence with the ones before and after it; a passage without sentences, its text."""
    top = order[0].chunk
    index, _ = _quoted(order, lead)
    return " ".join(top.sentences[max(0, index - 1):index + 2]) if top.sentences else top.text


def _quoted(order: list[Candidate], lead: int | None) -> tuple[int, str]:
    """The index of the sentence the answer leads with in the top passage, and that sentence."""
    top = order[0].chunk
    index = lead if lead is not None else int(order[0].sentence_scores.argmax()) if len(order[0].sentence_scores) else 0
    return index, top.sentences[index] if top.sentences else top.text


def _anchored(question: str, passage: str) -> bool:
    """The question names something (a name, a year, a Chinese proper noun) and the quoted passage
    holds every such name: its words, not its topic, tie the question to the passage ("Ruifeng Bank
    推出了什么贷款？"), so the cross-lingual model's topic score is not asked. A Chinese name held
    only in English counts when the passage writes its English name as a name, capitalised (世界杯's
    "World" is not the "world" of "world-class")."""
    chinese = chinese_names(question)
    if not (specific_terms(question) or chinese) or missing_terms(question, [passage]):
        return False
    return all(word in passage or short_name_held(word, passage)
               or (bool(english) and re.search(rf"\b{re.escape(english[0])}\b", passage) is not None)
               for word, english in chinese.items())


def read(question: str, candidates: list[Candidate], evidence: Evidence, pick: Pick | None,
         calibration: Calibration | None, heads: dict[str, str], idf: Callable[[str], float]) -> Reading:
    slots = question_slots(question)
    order, lead = reorder(candidates, pick)
    if not order:
        return Reading(order, lead, slots, SlotCheck(), [], "", decline="relevance")
    found, passage_missing, raw = measure(question, order, lead, evidence, pick, heads, idf)
    pair = pair_name(question_language(question), text_language(order[0].chunk.passage))
    if calibration is None:
        return Reading(order, lead, slots, found, passage_missing, pair, raw)
    decline, p = calibration.decide(pair, raw, bool(passage_missing))
    if decline is None and raw["unheld"] >= RARITY:
        decline = "item"  # an item the lead notice never names
    if decline is None and pair == "zh-zh" and _unstated(slots, found, order[0], _quoted(order, lead)[1]):
        decline = "kind"  # a notice's quote without the amount, count or date asked: another figure
    if decline is None and pair == "zh-zh" and _other_role(question, order, lead):
        decline = "kind"  # a notice's cap per firm for the total asked, its display days for the days to pay
    direct = (decline is None and pick is not None and found.typed and not found.missing
              and raw["pick"] >= calibration.pair(pair).direct)
    return Reading(order, lead, slots, found, passage_missing, pair, raw, p, decline, direct)
