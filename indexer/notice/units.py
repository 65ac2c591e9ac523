"""Which lines and sentences of a notice can state who may apply, read from its structure.

- A lead-in that asks for conditions ("申报企业须同时具备以下条件：", "符合下列条件之一的企业可申报：",
  "Applicants shall meet all of the following conditions:") opens a list whose items are condition
  units, all required or any one of them (``group``, one ``option`` per item) as the lead-in says;
  the lead-in's own words ("注册在吴江区、符合以下任一条件的纺织企业") are read too.
- The items and sentences of an eligibility section ("二、申报条件", "一、返还对象", "I. Who may apply",
  "Article 2 Scope", a question such as "Who can apply?" standing as a heading) are condition units.
- Everything else but the preamble (a purpose or cover paragraph before the first heading: "为…，
  现将…通知如下", "To help …", "These guidelines explain …") is a candidate ``sentence``; in a materials, benefit or
  procedure section only for an ``exclusion`` ("…失信…的企业不予支持"). Lead-ins of other lists (材料、程序、
  分档标准, "the following documents") open nothing; items straight under a heading are its list.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.documents.chunking import split_sentences
from indexer.notice.alternatives import item_options, numeral
from indexer.notice.conditions import states_conditions
from indexer.notice.leads import ELIGIBLE_LEAD, OTHER_LEAD, SANCTION, kinds_of_applicant, negative, one_of
from indexer.notice.leads import NEGATIVE_HEAD as _NEGATIVE_HEAD
from indexer.notice.numbering import label_of, mark_of, with_mark
from indexer.notice.structure import Block, ListGroup, heading_text
from indexer.notice.sublists import nested
from indexer.notice.tables import condition_tables, header_row, headers, row_text

MAX_UNIT = 400
_TABLE_GROUPS = 100  # group numbers of tables of alternatives, apart from those of lists

_ELIGIBLE_HEAD = re.compile(
    r"(?:申报|申请|报名|基本|资格|支持|扶持|奖励|补助|享受|准入|参展|参加|遴选|评选|推荐|入选|认定)(?:条件|资格)|对象[和及与]条件"
    r"|(?:准入|入选|遴选|评选|认定|入围|参评)(?:标准|门槛|要求)|(?:申报|申请)门槛"  # not "申报要求": the steps
    r"|(?:企业|单位|对象|主体|客户|申请人)的?(?:基本)?(?:条件|要求|门槛|资格)|[\u4e00-\u9fff]{1,4}对象"
    r"|(?:行业|规模|信用|资质|经营|财务|纳税|注册|属地|产业|项目)(?:要求|条件|门槛)"  # "（三）规模要求" under 申报要求
    r"|(?:具备|符合|满足)的?(?:条件|要求)|(?:具备|符合|满足|达到)(?:以下|下列)|享受[\u4e00-\u9fff]{0,6}?的?(?:企业|单位|主体)|(?:适用|受益)(?:企业|单位|主体)"
    r"|\bwho\s+(?:benefits|gets|receives)|\bwho\b[\w\s-]{0,30}?\bis\s+for\b"
    r"|(?:^|[、．.）)]\s?)(?:申报|申请|支持|扶持|补助|奖励|资助)(?:企业|单位)(?:范围)?\s*$"  # "二、申报企业" alone
    r"|(?:申报|申请)主体|(?:适用|推荐|参评|遴选|评选)范围|资格要求|主体要求|不予(?:支持|受理)|不得申报|哪些(?:企业|单位|主体|经营主体|经营户|纳税人)|谁(?:可以|能|可|有资格)|exclusions?\b|^\W{0,3}(?:excluded|not\s+(?:funded|supported))\b"
    r"|负面清单|不(?:属于|在)[^，。；]{0,4}(?:支持|补助)(?:对象|范围)|disqualif"
    r"|eligib(?!le\s+(?:costs?|expenses?|expenditures?|spending|items?|activities|purchases|fairs?|events?))|who\s+(?:may|can|could|might|is|are|was|were"
    r"|qualif)|applicants?\b|qualif|conditions|criteria|(?<!application\s)(?<!applications\s)requirements?\b"
    r"|\bscope\b(?!\s+of\s+(?:the\s+)?(?:support|funding|subsid|coverage|projects?))|\bbeneficiar(?:y|ies)\b", re.I)

_OWN_HEAD = re.compile(r"(?:支持|扶持|补助|奖励|返还|资助|申报|申请|适用)(?:对象|条件|范围)(?:为|是|包括)")
_NOT_SECTION = re.compile(r"材料|联系|附件|标准|内容|方向|金额|程序|流程|目的|背景|purpose|background|objectives?\b"
                          r"|materials?|documents|contacts?|annex"
                          r"|\bsupport\b|subsid|rates?\b|amounts?\b|benefits?|procedure|how\s+to|deadline"
                          r"|what\s+is\s+covered|what\s+does|offer", re.I)
# Of those, the sections on how, when and where to apply, the papers and the contacts ("三、申报时间",
# "申报材料", "When and where to submit", "Contacts"): a ``procedure`` line, whose words name no applicant
_PROCEDURE = re.compile(r"材料|联系|附件|程序|流程|(?:申报|申请|受理|报名)(?:时间|期限|方式|途径|渠道|地点)"
                        r"|materials?|documents|contacts?|annex|procedure|how\s+to|deadline|\bwhen\s+(?:and\s+where\s+)?(?:to|can|should)\b"
                        r"|timetable|timeline|schedule|submission", re.I)
_QUESTION, _ENDS, _FULL_STOP = re.compile(r"[?？]\s*$"), re.compile(r"[。？?！!]"), re.compile(r"(?<=[。？！])")
# A reply's topic ("关于企业范围。") or a run-in heading ("（一）申报主体。", "2.3 Size."): it stays with what it heads
_TOPIC = re.compile(r"^(?:关于[\u4e00-\u9fff]{2,10}"
                    r"|(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s?"
                    r"(?:[\u4e00-\u9fff]{0,8}(?:主体|对象|条件|范围|资格|要求)|[\u4e00-\u9fff]{1,4}))。$"
                    r"|^(?:\(?[a-z\d]{1,3}[.)]|\d{1,2}(?:\.\d{1,2})+\.?)\s?(?!Yes\b|No\b)[A-Z][a-z]{2,15}\.$")

_YES_NO = re.compile(r"(?:yes|no)\b|(?:是的?|否|可以|不可以|能|不能|不是|不行|不)(?:[，。,.！!；;：:]|$)", re.I)
_PREAMBLE = re.compile(r"^(?:为了?|根据|按照|依据|经研究|现将|现就|To\s|In\s+order\s+to|Under\s|Pursuant"
                       r"|In\s+line\s+with|These\s+(?:guidelines|rules|measures)\s|The\s+(?:Implementation|Interim)\s)"
                       r"|(?:通知如下|如下)[。：:]?\s*$|as\s+follows[.:]?\s*$", re.I)


@dataclass(frozen=True)
class Unit:
    text: str  # what the conditions are read from (the item without its mark)
    quote: str  # the item or sentence as written
    kind: str  # lead, list, section, sentence, exclusion, procedure, excluded
    group: int | None = None
    option: int | None = None


def eligible(heading: str) -> bool:
    """Whether a heading (or a label, or a question) names who may apply."""
    label = label_of(heading) or heading
    if len(label) <= 2:  # "Q: Who can apply?", "问：哪些企业可以申请？": the question, not its marker
        label = heading[heading.find(label) + len(label) + 1:]
    return bool(_ELIGIBLE_HEAD.search(label[:60]))


def _headed(body: str) -> bool:
    """An item that names its own section: "一、申报条件：在…注册的企业", "二、支持对象为首次参展的企业",
    "（一）申报主体。申报主体为…" (a run-in heading)."""
    label = label_of(body)
    run_in, _, rest = body.partition("。")
    run_in = run_in if len(run_in) <= 8 and rest.strip() else ""
    return bool(label and eligible(label)) or bool(_OWN_HEAD.match(body)) or bool(run_in and eligible(run_in))


def _body(block: Block) -> str:
    marked = mark_of(block.text)
    return block.text[len(marked[1]):].strip() if marked else block.text


def _sentences(text: str, whole: bool = False) -> list[str]:
    """The sentences of a block; a topic label ("关于企业范围。本项补助面向…") stays with the sentence it heads."""
    said = with_mark(text, split_sentences(text) or [text])  # "A. Only …": the mark stays with its sentence
    if (whole and not text.isascii()) or (mark_of(text) or ("",))[0] == "article":  # "第五条 …；…。": to its 。
        said = [s.strip() for s in _FULL_STOP.split(text) if s.strip()]
    if len(said) > 1 and _TOPIC.match(said[0]):
        return [f"{said[0]}{' ' if said[0].isascii() else ''}{said[1]}", *said[2:]]
    return said


def _inline(sentence: str) -> Unit:
    """A sentence of an eligibility section; "申报条件：（1）在柯桥区注册的企业；" is the item "（1）…" under
    its label, so it quotes the item and reads like one."""
    label = label_of(sentence)
    rest = sentence[sentence.find(label) + len(label) + 1:].strip() if label else ""
    if label and rest and mark_of(rest):
        return Unit(rest[len(mark_of(rest)[1]):].strip(), rest, "list")  # type: ignore[index]
    marked = mark_of(sentence)
    if marked and sentence.rstrip().endswith(("；", ";")):
        return Unit(sentence[len(marked[1]):].strip(), sentence, "list")
    return Unit(sentence, sentence, "section")


def _from_lists(lists: Sequence[ListGroup], used: set[int], issuer: str | None) -> list[Unit]:
    units: list[Unit] = []
    groups = 0
    for group in lists:
        lead = group.lead_in
        heads = (lead.kind != "heading" or lead.level) and (eligible(lead.text) or _NEGATIVE_HEAD.search(lead.text)
            or negative(lead.text) or (ELIGIBLE_LEAD.search(lead.text) and _POINTS.search(lead.text)))  # 以下各项
        typed = lead.kind == "heading" and not heads and not (_NOT_SECTION.search(lead.text) or OTHER_LEAD.search(
            lead.text)) and states_conditions([_body(i) for i in group.items], issuer)  # "基本要求": 1．在金华市注册
        if lead.kind == "heading" and not (heads or typed):
            continue  # items straight under "三、申报程序": steps, read by their section as before
        in_section = any(eligible(h) for h in lead.path) or eligible(lead.text) or typed
        excluding = negative(lead.text) or (lead.kind == "heading" and bool(_NEGATIVE_HEAD.search(lead.text))) or (
            any(_NEGATIVE_HEAD.search(h) for h in lead.path) and not ELIGIBLE_LEAD.search(lead.text))
        if not excluding and (OTHER_LEAD.search(lead.text) or SANCTION.search(lead.text)
                              or not (ELIGIBLE_LEAD.search(lead.text) or in_section)):
            continue
        used.add(lead.line)
        units += [Unit(s, s, "lead") for s in _sentences(_body(lead))]
        by_number = None if excluding else item_options(lead.text)
        any_of = not excluding and not by_number and (one_of(lead.text) or kinds_of_applicant(
            lead.text, [_body(i) for i in group.items if i.kind != "lead_in"]))
        groups += any_of or bool(by_number)
        inner, groups = nested(([lead] if mark_of(lead.text) else []) + list(group.items), groups, excluding)
        for n, item in enumerate(group.items):
            if item.kind == "lead_in" or item.line in used or header_row(item.text):
                continue
            used.add(item.line)
            body, sub = _body(item), inner.get(item.line)
            if sub:
                units.append(Unit(sub.before + body, item.text, "list", sub.group, sub.option if sub.group else None))
            elif excluding:
                units.append(Unit(body, item.text, "excluded"))
            elif by_number:
                marked = mark_of(item.text)
                number = numeral(marked[1]) if marked else None
                options = [k for k, names in enumerate(by_number) if number in names]
                units += [Unit(body, item.text, "list", groups, k) for k in options] or [Unit(body, item.text, "list")]
            else:
                units.append(Unit(body, item.text, "list", groups if any_of else None, n if any_of else None))
    return units


_INLINE_LEAD = re.compile(r"(?P<lead>[^：:。；]{4,80})[：:]\s*")
_EN_ITEMS = re.compile(r"(?<=;)\s+(?:(?:and|or)\s+)?(?=\(?[a-z\d]{1,2}\)\s)")
_INLINE_GROUPS = 200  # group numbers of lists of alternatives written inside one paragraph
_POINTS = re.compile(r"下列|以下|如下|几点|the\s+following|as\s+follows", re.I)
_PIECES = re.compile(r"(?<=[；;])\s*")
_SHI = re.compile(r"[一二三四五六七八九十]{1,2}[是看要]")  # "一是…；二是…", "一看…": items marked by their ordinal


def _inline_list(block: Block) -> list[Unit] | None:
    """A paragraph holding a lead-in and its numbered items ("同时符合以下条件的纺织服装企业：①在…注册；②…；",
    "Applicants must meet all of the following: (a) …; (b) …", "…以下几点：一是…；二是…"), or its unmarked items
    filling it (``_unmarked``, the first run on from the lead-in and quoted with it): the lead-in and its items,
    read as a list would be; None for any other paragraph (a materials or steps lead-in opens nothing here)."""
    said = _sentences(block.text)
    m = _INLINE_LEAD.match(said[0])
    rest = said[0][m.end():] if m else ""
    marked = bool(mark_of(rest) or _SHI.match(rest))
    pieces = [p for part in [rest, *said[1:]] for p in _PIECES.split(part) if p.strip()] if m else []
    if block.kind != "paragraph" or not m or not (marked or _unmarked(m["lead"], pieces)):
        return None
    lead = m["lead"]
    excluding = negative(lead)
    if not excluding and (OTHER_LEAD.search(lead) or SANCTION.search(lead) or not ELIGIBLE_LEAD.search(lead)):
        return None
    items = [piece for part in [rest, *said[1:]] for piece in _EN_ITEMS.split(part) if piece.strip()] \
        if marked else pieces
    # an unmarked piece is no item of its own: the sentence holding it states it ("…only if all of the
    # following hold: it is registered in …; …; and it is not on any list of …")
    holding = [s for part, s in zip([rest, *said[1:]], said, strict=True) for p in _PIECES.split(part) if p.strip()]
    whole = _sentences(block.text, True) if excluding else []  # "有下列情形之一的，不予支持：…的；…的。": to its 。
    any_of = not excluding and (one_of(lead) or kinds_of_applicant(lead, [_strip(i) for i in items]))
    first = lead if marked else (said[0][:m.end()] + pieces[0]).strip()  # "…可申领本奖励：上年度出口额…；"
    units = [] if excluding else [Unit(lead, first, "lead")]
    for n, item in enumerate(items):
        body = _strip(item)
        group = _INLINE_GROUPS + block.line if any_of else None
        quote = item if marked else next((w for w in whole if holding[n] in w), holding[n])
        units.append(Unit(body, quote, "excluded" if excluding else "list", group, n if any_of else None))
    return units


def _strip(item: str) -> str:
    mark = mark_of(item)
    return item[len(mark[1]):].strip() if mark else item


def _unmarked(lead: str, pieces: list[str]) -> bool:
    """Items without marks, one to a semicolon, filling the paragraph after a lead-in that points to them
    ("同时具备以下情形的，可申领本奖励：上一年度出口额不低于500万美元；当年出口额较上年增长5%以上；属于中型企业。")."""
    return bool(_POINTS.search(lead)) and len(pieces) >= 2 \
        and all(p.rstrip().endswith(("；", ";")) for p in pieces[:-1])


def condition_units(blocks: Sequence[Block], lists: Sequence[ListGroup],
                    issuer: str | None = None) -> tuple[list[Unit], list[Unit]]:
    """(units from condition lists and eligibility sections, candidate sentences from elsewhere)."""
    used: set[int] = set()
    units = _from_lists(lists, used, issuer)
    rows, heads = headers(blocks)
    tables = condition_tables(blocks, rows, heads, lambda lead: not (OTHER_LEAD.search(lead) or negative(lead)))
    per_table = Counter(n for header, n in tables.values() if header)
    seen_rows: Counter[int] = Counter()
    first_structured = next((b.line for b in blocks if b.kind in ("heading", "item")), None)
    others: list[Unit] = []
    question: str | None = None  # "Who can apply?": a question line heads the answer below it
    # a heading worded as a lead-in of exclusions ("三、存在以下情况的，本次不予补助"), named as the path names it
    shut = {heading_text(b.text) for b in blocks if b.kind in ("heading", "item") and negative(b.text)}
    for block in blocks:
        if block.kind == "heading":
            question = None
        if block.line in used or block.kind not in ("paragraph", "item", "lead_in"):
            continue
        if block.kind == "paragraph" and _QUESTION.search(block.text) and len(block.text) <= 80 \
                and len(_ENDS.findall(block.text)) == 1:  # a letter's several questions head nothing
            question = block.text
            continue
        path = block.path + ((question,) if question else ())
        label = label_of(_body(block)) or ""
        shut_here = any(h in shut for h in path)
        excluding = any(_NEGATIVE_HEAD.search(h) for h in path) or bool(_NEGATIVE_HEAD.search(label)) or shut_here
        asked = question if question and _YES_NO.match(_answer(block.text)) else None
        question = None if asked else question  # a yes/no answer is read with its question, once
        if block.line in rows:  # a row reads as "name：value"; a rule or header row says nothing
            row = rows[block.line]
            if not row or block.line in heads:
                continue
            header, number = tables.get(block.line, (None, 0))
            text = row_text(row, header)
            if block.line in tables and per_table[number] > 1:  # one kind of applicant a row: any one
                seen_rows[number] += 1
                units.append(Unit(text, block.text, "list", _TABLE_GROUPS + number, seen_rows[number] - 1))
            elif eligible(row[0]) or any(eligible(h) for h in path) or block.line in tables:
                units.append(Unit(text, block.text, "excluded" if excluding else "list"))
            else:
                others.append(Unit(text, block.text, _aside(path)))
            continue
        if (inline := _inline_list(block)) is not None:
            units += [_excluding(u) if excluding and u.kind == "list" else u for u in inline]
            continue
        own = block.kind in ("item", "paragraph") and _headed(_body(block))
        if block.kind != "lead_in" and (own or shut_here or any(eligible(h) for h in path)):
            if block.kind == "item" and len(block.text) <= MAX_UNIT and not own:
                units.append(Unit(_body(block), block.text, "excluded" if excluding else "list"))
            else:
                said = _sentences(block.text, excluding or bool(question))  # exclusions, an answer: to its 。
                units += [_excluding(_inline(s)) if excluding else _inline(s) for s in said]
            continue
        preamble = first_structured is not None and block.line < first_structured and block.kind != "item" \
            and question is None and bool(_PREAMBLE.search(block.text))
        if not preamble:
            kind, said = _aside(path), _sentences(block.text)
            others += [Unit(f"{asked} {s}" if asked and n == 0 else s, s, kind) for n, s in enumerate(said)]
    return units, others


def _aside(path: Sequence[str]) -> str:
    """The kind of a line outside the eligibility sections: ``procedure`` under how, when and where to
    apply, the papers or the contacts; ``exclusion`` under another section that names no applicant
    (the support, the benefits); else ``sentence``. The first two are read only for exclusions."""
    if any(_PROCEDURE.search(h) for h in path):
        return "procedure"
    return "exclusion" if any(_NOT_SECTION.search(h) for h in path) else "sentence"


def _answer(text: str) -> str:
    """An answer without its label ("答：可以。" -> "可以。", "A: Yes, …" -> "Yes, …")."""
    label = label_of(text)
    return text[text.find(label) + len(label) + 1:].strip() if label and len(label) <= 4 else text


def _excluding(unit: Unit) -> Unit:
    return Unit(unit.text, unit.quote, "excluded", unit.group, unit.option)
