"""Who may apply, what they get, how and until when: read from a notice's structure at index time.

The units that can state conditions come from the structure (``indexer.notice.units``): the items
of a condition list (all required, or alternatives as the lead-in says), the items and sentences of
an eligibility section, and elsewhere only a sentence naming who may apply or who benefits ("…的企业
可以申报", "Enterprises … are eligible", "The support … goes to …", "Recipients … are …"), which adds
the types the sections did not state, or one shutting out violators ("被列入严重失信主体名单的企业…不予
返还"). Each unit's typed conditions are read by ``indexer.notice.conditions``; a list item with
nothing typed, or a unit that also asks something no type covers ("满12个月", "needs a registered
trademark"), adds a ``text`` condition, always unknown to the finder. An exemption ("小型微型企业不受
出口额限制") makes the limit and the exempted kind of company alternatives.

Headings, lead-ins, the preamble, procedures, materials, benefit tiers, contacts, priority lines ("同等条件下
优先支持"), definitions, fraud sanctions and firms shut out for only trading (``trade_only``) are never conditions.
Each condition quotes the item or sentence stating it and cites its chunk; a notice without headings or lists is
read sentence by sentence. The application window is read by ``indexer.notice.windows``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from core.records import Chunk
from indexer.documents.chunking import split_sentences
from indexer.notice.alternatives import split_or
from indexer.notice.annex import annex_units
from indexer.notice.applicant_places import applicant_places, step_places
from indexer.notice.benefits import NO_APPLICATION, application, benefit
from indexer.notice.conditions import GRADE, conditions_in, excluded_conditions, is_exclusion, shuts_out
from indexer.notice.fitted import Judge, may_state, model_conditions
from indexer.notice.listed_places import pointed_region
from indexer.notice.not_conditions import SPEND_RATE, TIER, defines_beneficiary, never, tier_place, without_priority
from indexer.notice.purpose import without_purpose
from indexer.notice.structure import parse
from indexer.notice.trade_only import only_trades
from indexer.notice.units import Unit, condition_units
from indexer.notice.untyped import exemption, untyped_requirement
from indexer.notice.who import ASKS, BOUND, POINTER, RECORD, REQUIRE, SCOPE, TO_ANNEX, WHO, WHO_IN_NOTICE, sectioned
from indexer.notice.windows import Sentence, read_window

MAX_SENTENCE = 400
MAX_QUOTE = 1000  # a condition quotes its whole sentence or item (a packed sentence runs past what is read)
MAX_ITEMS = 30
MAX_BLOCKS = 2000
HEAD = 300  # the title and opening lines: a term they name, defined below, is whom the notice benefits

Pointed = Callable[[str], list[dict[str, Any]]]  # a unit's text -> the region it points to elsewhere
_MEASURES = {"exports": "annual_exports_", "revenue": "annual_revenue_", "staff": "employees_"}


# What the money pays for ("专项资金支持中小企业在…环节开展数字化改造", "The fund helps SMEs to digitalise
# …"): its "who" is a condition only when no other line of the notice states one of that type.
_FUND_PAYS = re.compile(r"(?:资金|补助|奖补|本(?:项目|政策|措施|细则|办法))(?:主要|重点)?(?:支持|用于|鼓励)"
                        r"[^。；]{0,60}?(?:开展|实施|进行)"
                        r"|\b(?:fund|grant|programme|program|scheme|money)\s+(?:supports|helps|pays\s+for|is\s+used\s+to"
                        r"\s+help)\b[^.;]{0,60}?\bto\s"
                        # "The subsidy covers new … dyeing machines": what it pays for
                        r"|\b(?:subsidy|grant|fund|support)\s+(?:covers|pays\s+for)\b", re.I)


class _Found:
    """The conditions read so far, each kept once (type, value, group and option)."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.seen: dict[str, dict[str, Any]] = {}

    def add(self, cond: dict[str, Any], unit: Unit) -> None:
        said = unit.quote if cond["type"] == "text" else cond.get("value")
        # each offence a list names is a condition of its own ("（二）被列入失信名单的；（三）有骗取…的。")
        item = unit.quote if unit.kind in ("list", "excluded") and cond["type"] == "no_violations" else ""
        key = f"{cond['type']}:{said}:{unit.group}:{unit.option}:{item}"
        quote = " ".join(unit.quote.split())[:MAX_QUOTE]
        if key in self.seen:  # said again: quote the line that asks it rather than what the money pays for
            if _FUND_PAYS.search(self.seen[key]["quote"]) and not _FUND_PAYS.search(quote):
                self.seen[key]["quote"] = quote
            return
        if len(self.items) >= MAX_ITEMS:
            return
        extra = {"group": unit.group, "option": unit.option} if unit.group is not None else {}
        self.items.append({**cond, "quote": quote, **extra})
        self.seen[key] = self.items[-1]


def _exempt(found: _Found, unit: Unit, measure: str, issuer: str | None) -> None:
    """The limit on ``measure`` and the exempted kind of company become alternatives of a new group."""
    limits = [c for c in found.items if str(c["type"]).startswith(_MEASURES[measure]) and "group" not in c]
    exempted = [c for c in conditions_in(unit.text, issuer) if not str(c["type"]).startswith(_MEASURES[measure])]
    if not (limits and exempted):
        return
    group = max((int(c["group"]) for c in found.items if "group" in c), default=0) + 1
    for cond in limits:
        cond.update(group=group, option=0)
    for cond in exempted:
        found.add(cond, Unit(unit.text, unit.quote, unit.kind, group, 1))


def _asked(text: str, issuer: str | None) -> set[str]:
    """What a piece of a unit asks: its condition types, or "bound" for a bound of something untyped."""
    typed = {str(c["type"]) for c in conditions_in(text, issuer)}
    return typed or ({"bound"} if BOUND.search(text) else set())


def _alternatives(found: _Found, unit: Unit, issuer: str | None, skip: set[str] | frozenset[str] = frozenset()) -> bool:
    """A unit holding its own either/or: the rest read as usual, each side one option of a new group
    (a side asking nothing typed is a text condition of its option). False when there is none."""
    split = split_or(unit.text, lambda piece: _asked(piece, issuer)) if unit.group is None else None
    if split is None:
        return False
    rest, sides = split
    for cond in conditions_in(rest, issuer):
        if cond["type"] not in skip:
            found.add(cond, unit)
    group = max((int(c["group"]) for c in found.items if "group" in c), default=0) + 1
    for k, side in enumerate(sides):
        option = Unit(side, unit.quote, unit.kind, group, k)
        typed = conditions_in(side, issuer)
        for cond in typed:
            found.add(cond, option)
        if not typed or untyped_requirement(side, issuer):
            found.add({"type": "text", "value": None}, option)
    return True


def _excluded(found: _Found, unit: Unit, issuer: str | None) -> bool:
    """An item of a list of exclusions read as what it shuts out ("近三年内受到行政处罚的" -> no
    violations); an item that says its own "cannot apply" is read as it stands (False)."""
    if unit.kind == "excluded" and SCOPE.search(unit.text) and not conditions_in(unit.text):
        return True  # "Showrooms in Hong Kong, Macao or Taiwan are not covered.": the support's scope
    if unit.kind != "excluded" or shuts_out(unit.text) or is_exclusion(unit.text):
        return False
    typed = excluded_conditions(unit.text, issuer)
    for cond in typed:
        found.add(cond, unit)
    if not typed and not SCOPE.search(unit.text) and not never(unit.text):  # "弄虚作假的，…不再受理": a sanction
        found.add({"type": "text", "value": None}, unit)
    return True


def _tier(text: str) -> bool:
    return bool(TIER.search(text) or SPEND_RATE.search(text))


def _read(units: list[Unit], others: list[Unit], issuer: str | None, judge: Judge | None = None, head: str = "",
          in_sections: bool = False, pointed: Pointed | None = None) -> list[dict[str, Any]]:
    found = _Found()
    exemptions: list[tuple[Unit, str]] = []
    spent = [u for u in units + others if SPEND_RATE.search(u.text)]  # a rate on spending: only its place asks
    units = [u for u in map(without_priority, map(without_purpose, units)) if u.text and not _tier(u.text)]
    others = [u for u in map(without_priority, map(without_purpose, others)) if u.text and not _tier(u.text)]
    for unit in units:
        if _excluded(found, unit, issuer) or never(unit.text, head) or only_trades(unit.text):
            continue
        if measure := exemption(unit.text):
            exemptions.append((unit, measure))
            continue
        if unit.kind != "lead" and _alternatives(found, unit, issuer):
            continue
        typed = conditions_in(unit.text, issuer)
        for cond in typed:
            found.add(cond, unit)
        asks = unit.kind in ("list", "excluded") or (unit.kind == "section" and REQUIRE.search(unit.text)
                                                     and not POINTER.search(unit.text))
        if (not typed and asks) or (typed and unit.kind != "lead" and untyped_requirement(unit.text, issuer)):
            found.add({"type": "text", "value": None}, unit)
    stated = {c["type"] for c in found.items if (c["type"], c.get("op")) != ("sector", "not_in")}  # not what is allowed
    structured = bool(units)
    for unit in others:
        if never(unit.text, head) or only_trades(unit.text):
            continue
        shut = is_exclusion(unit.text) or RECORD.search(unit.text[:MAX_SENTENCE])  # "三、企业…不得有…环境违法等情况"
        if shut and "no_violations" not in stated and not WHO.search(unit.text):
            for cond in conditions_in(unit.text, issuer):
                if cond["type"] == "no_violations":
                    found.add(cond, unit)
            continue
        if unit.kind in ("exclusion", "procedure") or not (WHO.search(unit.text) or shuts_out(unit.text)
                                            or (in_sections and WHO_IN_NOTICE.search(unit.text))
                                            or defines_beneficiary(unit.text, head)):
            continue
        if measure := exemption(unit.text):
            exemptions.append((unit, measure))
            continue
        if _alternatives(found, unit, issuer, stated if structured else frozenset()):
            continue
        typed = [c for c in conditions_in(unit.text, issuer) if not structured or c["type"] not in stated]
        for cond in typed:
            found.add(cond, unit)
        if (typed or GRADE.search(unit.text)) and untyped_requirement(unit.text, issuer):  # a grade asks alone
            found.add({"type": "text", "value": None}, unit)
        if not structured and not typed and ASKS.search(unit.text) and not POINTER.search(unit.text):
            found.add({"type": "text", "value": None}, unit)
    for unit in spent:
        for cond in tier_place(unit.text, issuer) if "region" not in {c["type"] for c in found.items} else []:
            found.add(cond, unit)
    _place(found, units + others, issuer, pointed)
    # What the fitted model finds where the rules read nothing (indexer.notice.fitted), in a text the
    # rules found to speak of who may apply (a condition list or section, or a condition) or in a
    # notice in numbered sections whose wording the rules missed altogether (read as "applicable to
    # every company" otherwise; the model's units make it "needs information" at least): news that
    # mentions SMEs or textiles in passing, without sections, is no notice with conditions.
    if judge is not None and (structured or found.items or in_sections):
        for cond, unit in model_conditions(found.items, [u for u in units + others if may_state(u)], judge, issuer):
            found.add(cond, unit)
    for unit, measure in exemptions:
        _exempt(found, unit, measure, issuer)
    return _stated_elsewhere(found.items)


def _stated_elsewhere(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a condition quoting what the money pays for when another line states one of its type."""
    pays = [bool(_FUND_PAYS.search(str(c["quote"])[:MAX_SENTENCE])) for c in items]
    said = [(c["type"], c["quote"]) for c, p in zip(items, pays, strict=True) if not p]
    return [c for c, p in zip(items, pays, strict=True)
            if not (p and any(t == c["type"] and q != c["quote"] for t, q in said))]


def _place(found: _Found, units: list[Unit], issuer: str | None, pointed: Pointed | None = None) -> None:
    """No region read: the places listed elsewhere a unit stating a condition points to ("in one of the target
    cities above": ``indexer.notice.listed_places``), else the first place such a unit names as the applicant's
    (``indexer.notice.applicant_places``); else the place the lead-in of a condition list names ("Only
    enterprises on the Wuxi register … that meet the following … may apply"); else the place a step of how to
    apply asks in its first clause ("（一）申请。企业登记注册地在本街道的，向…提出申请": ``step_places``)."""
    if any(c["type"] == "region" for c in found.items):
        return
    stating = {str(c["quote"]) for c in found.items}
    candidates = [u for u in units if u.kind not in ("excluded", "exclusion", "procedure")
                  and " ".join(u.quote.split())[:MAX_QUOTE] in stating]
    for unit in candidates + [u for u in units if u.kind == "lead" and u not in candidates]:
        if read := (pointed(unit.text) if pointed else []) or applicant_places(unit.text, issuer):
            found.add(read[0], unit)
            if not untyped_requirement(unit.text, issuer):  # the place was what the item asked, not something else
                quote = " ".join(unit.quote.split())[:MAX_QUOTE]
                found.items = [c for c in found.items if not (c["type"] == "text" and c["quote"] == quote)]
            return
    if step := next(((r[0], u) for u in units if u.kind == "procedure" and (r := step_places(u.text, issuer))), None):
        found.add(*step)


def _cite(quote: str, chunks: list[Chunk], squeezed: list[str]) -> dict[str, Any] | None:
    """The chunk holding ``quote`` (or its opening, when a chunk boundary cuts it)."""
    want = " ".join(quote.split())
    for probe in (want, want[:40], want[:15]):
        for chunk, text in zip(chunks, squeezed, strict=True):
            if probe and probe in text:
                return {"doc_id": chunk.doc_id, "chunk_id": chunk.chunk_id, "position": chunk.position,
                        "page": chunk.page}
    return None


def extract_eligibility(chunks: Iterable[Chunk], text: str | None = None, issuer: str | None = None,
                        date: str | None = None, judge: Judge | None = None) -> dict[str, Any]:
    """A document's conditions, benefits, application steps and window, each with its quote and
    chunk. ``text``: the document's cleaned text (else its passages, joined); ``issuer`` places
    "本市"/"我区"/"in the city"; ``date`` gives a year to "6月30日"; ``judge``: the fitted condition
    model over this document's units (``indexer.notice.fitted``), None for the rules alone."""
    chunks = list(chunks)
    if text is None:
        text = "\n".join(c.text for c in chunks)
    structure = parse(text)
    blocks = structure.blocks[:MAX_BLOCKS]
    last = blocks[-1].line if blocks else -1
    units, others = condition_units(blocks, [g for g in structure.lists() if g.lead_in.line <= last], issuer)
    if all(TO_ANNEX.search(u.text) for u in units):  # "申报条件详见附件1": the conditions are in the annex
        in_annex, more = annex_units(blocks)
        if in_annex or not units:  # a line that only points there states nothing itself
            units, others = in_annex, others + more
    squeezed = [" ".join(c.text.split()) for c in chunks]
    conditions = _read(units, others, issuer, judge, text[:HEAD], sectioned(blocks),
                       lambda unit: pointed_region(unit, blocks, issuer))
    for cond in conditions:
        cond["citation"] = _cite(cond["quote"], chunks, squeezed)
    benefits: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    sentences: list[Sentence] = []
    seen: set[str] = set()
    question = ""  # "Q5. When can I apply?" heads its answer as a heading would
    for block in blocks:
        question = "" if block.kind == "heading" else question
        if block.kind not in ("paragraph", "item", "lead_in", "annex"):
            continue
        if block.text.rstrip().endswith(("?", "？")):
            question = block.text[:MAX_SENTENCE]
        for sentence in split_sentences(block.text) or [block.text]:
            quote = " ".join(sentence.split())[:MAX_SENTENCE]
            sentences.append(Sentence(quote, f"{block.section} {question}".strip()))
            if quote in seen:
                continue
            seen.add(quote)
            if (b := benefit(quote)) and len(benefits) < MAX_ITEMS:
                benefits.append({**b, "quote": quote, "citation": _cite(quote, chunks, squeezed)})
            if (a := application(quote)) and len(steps) < MAX_ITEMS:
                steps.append({**a, "quote": quote, "citation": _cite(quote, chunks, squeezed)})
    window = read_window(sentences, date)
    if window is None and (paid := next((u.text for u in sentences if NO_APPLICATION.search(u.text)), None)):
        window = {"opens": None, "closes": None, "rolling": False, "later": False, "until_expiry": True, "quote": paid}
    if window:
        window["citation"] = _cite(window["quote"], chunks, squeezed)
    return {"conditions": conditions, "benefits": benefits, "application": steps, "window": window}
