"""Who may apply, what they get, how and until when: read from a notice's structure at index time.

Conditions come from the structure first (``indexer.notice.structure``):

- a lead-in that asks for conditions ("申报企业须同时具备以下条件：", "符合下列条件之一的企业可申报：",
  "Applicants shall meet all of the following conditions:") opens a list whose items are conditions,
  all required or any one of them (``group``, one ``option`` per item) as the lead-in says;
- the items and sentences of an eligibility section ("二、申报条件", "一、返还对象", "I. Who may apply",
  "Article 2 Scope") are condition units; a unit's typed conditions are read by
  ``indexer.notice.conditions``; a list item with nothing typed stays a ``text`` condition;
- elsewhere, a sentence naming who may apply or who benefits ("…的企业可以申报", "Enterprises …
  are eligible", "The support … goes to …") adds the types the sections did not state, and a
  sentence shutting out violators ("被列入严重失信主体名单的企业…不予返还") is a no-violations condition.

Headings, lead-ins, the preamble, procedures, materials, benefit tiers, contacts, priority lines
("同等条件下优先支持") and fraud sanctions are never conditions. Each condition quotes the item or the
sentence that states it and cites its chunk. A notice without headings or lists is read sentence
by sentence the same way. The application window is read by ``indexer.notice.windows``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.records import Chunk
from indexer.documents.chunking import split_sentences
from indexer.notice.benefits import application, benefit
from indexer.notice.conditions import conditions_in, is_exclusion, sectors_in
from indexer.notice.numbering import label_of, mark_of
from indexer.notice.structure import Block, parse
from indexer.notice.windows import Unit, read_window

__all__ = ["extract_eligibility", "conditions_in", "sectors_in", "MAX_SENTENCE"]

MAX_SENTENCE = 400
MAX_ITEMS = 30
MAX_BLOCKS = 2000

_ELIGIBLE_HEAD = re.compile(
    r"(?:申报|申请|基本|资格|支持|扶持|奖励|补助|享受|准入)条件|对象[和及与]条件|(?:支持|扶持|补助|奖励|返还|资助|申报|申请|适用|服务"
    r"|实施|补贴)(?:对象|主体)|适用范围|申报资格|资格要求|申报主体|eligib|who\s+(?:may|can|is|are|qualif)|applicants?\b"
    r"|qualif|conditions|criteria|\bscope\b(?!\s+of\s+(?:the\s+)?(?:support|funding|subsid|coverage|projects?))", re.I)
_ELIGIBLE_LEAD = re.compile(r"条件|具备|符合|满足|资格|适用于|eligib|conditions?|criteria|requirements?"
                            r"|\bmust\b|\bshall\b|\bshould\b|qualif|open\s+to|\bapply\b|\bmeet", re.I)
_OTHER_LEAD = re.compile(r"材料|资料|程序|流程|步骤|方式|标准|分档|计算|费用|documents?|materials?|procedure|steps"
                         r"|attach|submit|costs?|projects?\s+(?:cover|include)|support\s+(?:covers|includes)", re.I)
_ANY = re.compile(r"之一|其中一|任一|任意一|任何一|一项即可|any\s+(?:one\s+)?of|one\s+of\s+the|either"
                  r"|at\s+least\s+one", re.I)
_WHO = re.compile(
    r"可以?(?:申报|申请|享受)|均可|予以(?:支持|补助|奖励)|给予[^，。；]{0,12}(?:支持|补助|奖励|资助|补贴)|申报条件|申请条件|支持对象|扶持对象"
    r"|补助对象|奖励对象|适用于|须|应当?具备|必须|申请企业|申报企业|申报单位|申请单位|申请人"
    r"|may\s+apply|can\s+apply|eligib|(?:is|are)\s+open\s+to|appl(?:y|ies)\s+to|go(?:es)?\s+to|(?:is|are)\s+available\s+to"
    r"|entitled|qualif|applicants?\s+(?:must|shall|should)|\bmust\s+be\b|\bshall\s+be\b|\breceive", re.I)
_REQUIRE = re.compile(r"须|应|需|必须|要求|具有|具备|符合|满足|取得|持有|获得|已|未|不得|可以?申|"
                      r"must|shall|should|required|need|hold|have|has|be\s+recogni[sz]ed|may\s+apply|eligib", re.I)
_NEVER = re.compile(r"优先|同等条件下|弄虚作假|骗取|虚报|冒领|追回|priority|preference|precedence|fraud"
                    r"|obtains?\s+funds\s+by|false\s+(?:information|materials)|barred|所称|是指|系指|means\b"
                    r"|refers\s+to", re.I)
_OWN_HEAD = re.compile(r"(?:支持|扶持|补助|奖励|返还|资助|申报|申请|适用)(?:对象|条件|范围)(?:为|是|包括)")
_NOT_SECTION = re.compile(r"材料|联系|附件|标准|内容|方向|金额|程序|流程|materials?|documents|contacts?|annex"
                          r"|\bsupport\b|subsid|rates?\b|amounts?\b|benefits?|procedure|how\s+to"
                          r"|what\s+is\s+covered", re.I)
_ASKS = re.compile(r"申请条件|申报条件|须|应当?具备|必须|eligib|may\s+apply|can\s+apply|qualif|\bmust\b"
                   r"|\bshall\b", re.I)


@dataclass(frozen=True)
class _Unit:
    text: str  # what the conditions are read from (the item without its mark)
    quote: str  # the item or sentence as written
    kind: str  # list, section, sentence
    group: int | None = None
    option: int | None = None


def _eligible(heading: str) -> bool:
    label = label_of(heading) or heading
    return bool(_ELIGIBLE_HEAD.search(label[:60]))


def _headed(body: str) -> bool:
    """An item that names its own section: "一、申报条件：在…注册的企业", "二、支持对象为首次参展的企业"."""
    label = label_of(body)
    return bool(label and _eligible(label)) or bool(_OWN_HEAD.match(body))


def _body(block: Block) -> str:
    marked = mark_of(block.text)
    return block.text[len(marked[1]):].strip() if marked else block.text


def _sentences(block: Block) -> list[str]:
    return split_sentences(block.text) or [block.text]


def _units(blocks: tuple[Block, ...], lists: list[Any]) -> tuple[list[_Unit], list[_Unit]]:
    """(condition units from lists and eligibility sections, sentences from elsewhere)."""
    used: set[int] = set()
    units: list[_Unit] = []
    groups = 0
    for group in lists:
        lead = group.lead_in
        in_section = any(_eligible(h) for h in lead.path) or _eligible(lead.text)
        if _OTHER_LEAD.search(lead.text) or not (_ELIGIBLE_LEAD.search(lead.text) or in_section):
            continue
        used.add(lead.line)
        for sentence in split_sentences(_body(lead)) or [_body(lead)]:
            units.append(_Unit(sentence, sentence, "lead"))
        any_of = bool(_ANY.search(lead.text))
        groups += any_of
        for n, item in enumerate(group.items):
            if item.kind == "lead_in" or item.line in used:
                continue
            used.add(item.line)
            units.append(_Unit(_body(item), item.text, "list", groups if any_of else None, n if any_of else None))
    first_structured = next((b.line for b in blocks if b.kind in ("heading", "lead_in", "item")), None)
    others: list[_Unit] = []
    for block in blocks:
        if block.line in used or block.kind not in ("paragraph", "item", "lead_in"):
            continue
        own = block.kind == "item" and _headed(_body(block))
        if block.kind != "lead_in" and (own or any(_eligible(h) for h in block.path)):
            if block.kind == "item" and len(block.text) <= MAX_SENTENCE and not own:
                units.append(_Unit(_body(block), block.text, "list"))
            else:
                units += [_Unit(s, s, "section") for s in _sentences(block)]
            continue
        preamble = first_structured is not None and block.line < first_structured and block.kind == "paragraph"
        if not preamble:
            kind = "exclusion" if any(_NOT_SECTION.search(h) for h in block.path) else "sentence"
            others += [_Unit(s, s, kind) for s in _sentences(block)]
    return units, others


def _read(units: list[_Unit], others: list[_Unit], issuer: str | None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(cond: dict[str, Any], unit: _Unit) -> None:
        said = unit.quote if cond["type"] == "text" else cond.get("value")
        key = f"{cond['type']}:{said}:{unit.group}:{unit.option}"
        if key in seen or len(found) >= MAX_ITEMS:
            return
        seen.add(key)
        extra = {"group": unit.group, "option": unit.option} if unit.group is not None else {}
        found.append({**cond, "quote": " ".join(unit.quote.split())[:MAX_SENTENCE], **extra})

    for unit in units:
        if _NEVER.search(unit.text):
            continue
        typed = conditions_in(unit.text, issuer)
        for cond in typed:
            add(cond, unit)
        wants = unit.kind == "list" or (unit.kind == "section" and _REQUIRE.search(unit.text))
        if not typed and wants:
            add({"type": "text", "value": None}, unit)
    stated = {c["type"] for c in found}
    structured = bool(units)
    for unit in others:
        if _NEVER.search(unit.text):
            continue
        if is_exclusion(unit.text) and "no_violations" not in stated:
            for cond in conditions_in(unit.text, issuer):
                if cond["type"] == "no_violations":
                    add(cond, unit)
            continue
        if unit.kind == "exclusion" or not _WHO.search(unit.text):
            continue
        typed = [c for c in conditions_in(unit.text, issuer) if not structured or c["type"] not in stated]
        for cond in typed:
            add(cond, unit)
        if not structured and not typed and _ASKS.search(unit.text):
            add({"type": "text", "value": None}, unit)
    return found


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
                        date: str | None = None) -> dict[str, Any]:
    """A document's conditions, benefits, application steps and window, each with its quote and
    chunk. ``text``: the document's cleaned text (else its passages, joined); ``issuer`` places
    "本市"/"我区"; ``date`` gives a year to "6月30日"."""
    chunks = list(chunks)
    if text is None:
        text = "\n".join(c.text for c in chunks)
    structure = parse(text)
    blocks = structure.blocks[:MAX_BLOCKS]
    units, others = _units(blocks, [g for g in structure.lists() if g.lead_in.line <= blocks[-1].line]
                           if blocks else [])
    squeezed = [" ".join(c.text.split()) for c in chunks]
    conditions = _read(units, others, issuer)
    for cond in conditions:
        cond["citation"] = _cite(cond["quote"], chunks, squeezed)
    benefits: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    sentences: list[Unit] = []
    seen: set[str] = set()
    for block in blocks:
        if block.kind not in ("paragraph", "item", "lead_in", "annex"):
            continue
        for sentence in _sentences(block):
            quote = " ".join(sentence.split())[:MAX_SENTENCE]
            sentences.append(Unit(quote, block.section))
            if quote in seen:
                continue
            seen.add(quote)
            if (b := benefit(quote)) and len(benefits) < MAX_ITEMS:
                benefits.append({**b, "quote": quote, "citation": _cite(quote, chunks, squeezed)})
            if (a := application(quote)) and len(steps) < MAX_ITEMS:
                steps.append({**a, "quote": quote, "citation": _cite(quote, chunks, squeezed)})
    window = read_window(sentences, date)
    if window:
        window["citation"] = _cite(window["quote"], chunks, squeezed)
    return {"conditions": conditions, "benefits": benefits, "application": steps, "window": window}
