"""Which lines and sentences of a notice can state who may apply, read from its structure.

- A lead-in that asks for conditions ("申报企业须同时具备以下条件：", "符合下列条件之一的企业可申报：",
  "Applicants shall meet all of the following conditions:") opens a list whose items are condition
  units, all required or any one of them (``group``, one ``option`` per item) as the lead-in says;
  the lead-in's own words ("注册在吴江区、符合以下任一条件的纺织企业") are read too.
- The items and sentences of an eligibility section ("二、申报条件", "一、返还对象", "I. Who may apply",
  "Article 2 Scope", a question such as "Who can apply?" standing as a heading) are condition units.
- Everything else but the preamble (a purpose or cover paragraph before the first heading: "为…，
  现将…通知如下", "To help …", "These guidelines explain …") is a candidate ``sentence``; in a materials, benefit or
  procedure section only for an ``exclusion`` ("…失信…的企业不予支持").

Lead-ins of other lists (材料、程序、分档标准, "the following documents") open nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.documents.chunking import split_sentences
from indexer.notice.alternatives import item_options, numeral
from indexer.notice.numbering import label_of, mark_of
from indexer.notice.structure import Block, ListGroup
from indexer.notice.tables import condition_tables, header_row, headers, row_text

MAX_UNIT = 400
_TABLE_GROUPS = 100  # group numbers of tables of alternatives, apart from those of lists

_ELIGIBLE_HEAD = re.compile(
    r"(?:申报|申请|基本|资格|支持|扶持|奖励|补助|享受|准入|参展|参加|遴选|评选|推荐|入选|认定)(?:条件|资格)|对象[和及与]条件"
    r"|(?:准入|入选|遴选|评选|认定|入围|参评)(?:标准|门槛|要求)|(?:申报|申请)门槛"  # not "申报要求": the steps
    r"|(?:企业|单位|对象|主体|客户|申请人)的?(?:基本)?(?:条件|要求|门槛|资格)|[\u4e00-\u9fff]{1,4}对象"
    r"|(?:具备|符合|满足)的?(?:条件|要求)|享受[\u4e00-\u9fff]{0,6}?的?(?:企业|单位|主体)|(?:适用|受益)(?:企业|单位|主体)"
    r"|\bwho\s+(?:benefits|gets|receives)|\bwho\b[\w\s-]{0,30}?\bis\s+for\b"
    r"|(?:申报|申请)主体|适用范围|资格要求|主体要求|不予支持|不得申报|哪些(?:企业|单位|主体|经营主体|经营户|纳税人)|谁(?:可以|能|可|有资格)|exclusions?\b"
    r"|eligib(?!le\s+(?:costs?|expenses?|expenditures?|spending|items?|activities|purchases|fairs?|events?))|who\s+(?:may|can|is|are"
    r"|qualif)|applicants?\b|qualif|conditions|criteria|(?<!application\s)(?<!applications\s)requirements?\b"
    r"|\bscope\b(?!\s+of\s+(?:the\s+)?(?:support|funding|subsid|coverage|projects?))|\bbeneficiar(?:y|ies)\b", re.I)

_ELIGIBLE_LEAD = re.compile(r"条件|具备|符合|满足|资格|适用于|eligib|conditions?|criteria|requirements?"
                            r"|\bmust\b|\bshall\b|\bshould\b|qualif|open\s+to|\bapply\b|\bmeet", re.I)
_OTHER_LEAD = re.compile(r"材料|资料|程序|流程|步骤|方式|标准|分档|计算|费用|优先|documents?|materials?|procedure|steps"
                         r"|priority|preference|precedence"
                         r"|attach|submit|costs?|projects?\s+(?:cover|include)|support\s+(?:covers|includes)", re.I)
# "Every one of these must hold", "each one of the following": all of them, not any one
_ANY = re.compile(r"之一|其中一|任一|任意一|任何一|一项即可|any\s+(?:one\s+)?of|either|at\s+least\s+one"
                  r"|(?<!every\s)(?<!each\s)one\s+of\s+(?:the|these|those)\b", re.I)
_OWN_HEAD = re.compile(r"(?:支持|扶持|补助|奖励|返还|资助|申报|申请|适用)(?:对象|条件|范围)(?:为|是|包括)")
_NOT_SECTION = re.compile(r"材料|联系|附件|标准|内容|方向|金额|程序|流程|目的|背景|purpose|background|objectives?\b"
                          r"|materials?|documents|contacts?|annex"
                          r"|\bsupport\b|subsid|rates?\b|amounts?\b|benefits?|procedure|how\s+to|deadline"
                          r"|what\s+is\s+covered|what\s+does|offer", re.I)
# Of those, the sections on how, when and where to apply, the papers and the contacts ("三、申报时间",
# "申报材料", "When and where to submit", "Contacts"): a ``procedure`` line, whose words name no applicant
_PROCEDURE = re.compile(r"材料|联系|附件|程序|流程|(?:申报|申请|受理)(?:时间|期限|方式|途径|渠道|地点)"
                        r"|materials?|documents|contacts?|annex|procedure|how\s+to|deadline|\bwhen\s+(?:and\s+where\s+)?(?:to|can|should)\b"
                        r"|timetable|timeline|schedule|submission", re.I)
_QUESTION = re.compile(r"[?？]\s*$")
_ENDS = re.compile(r"[。？?！!]")
_TOPIC = re.compile(r"关于[\u4e00-\u9fff]{2,10}。$")
_NEGATIVE_LEAD = re.compile(
    r"(?:下列|以下|如下)(?:情形|情况|行为|企业|单位|事项|项目)?(?:之一|中的任何一[种项个])?[^。；]{0,30}?"
    r"(?:不予|不得|不能|不再|不享受|不列入|不纳入|不属于|不在)"
    r"|(?:不予|不得|不能)(?:支持|申报|受理|补助|奖励|资助|享受|申请)[^。]{0,6}[:：]\s*$"
    r"|none\s+of\s+the\s+following|(?:the\s+following|applicants?|enterprises?|companies|firms)[^.:]{0,60}?"
    r"\b(?:are|is|shall\s+be|will\s+be)\s+(?:not\s+eligible|ineligible|excluded|not\s+supported|not\s+covered)"
    r"|\b(?:cannot|may\s+not|shall\s+not)\s+apply\s+if|\bexcluded\s+if|not\s+be\s+accepted\s+from"
    r"|\b(?:does|do|will|shall)\s+not\s+(?:fund|cover|support|subsidi[sz]e|pay\s+for)\b"
    r"|\b(?:support|funding|grants?|subsid\w{0,4}|aid)\s+(?:will|shall|is|are)\s+not\s+(?:be\s+)?(?:given|granted"
    r"|paid|provided|available)"
    r"|\bnot\s+(?:be\s+)?(?:funded|covered)\b[^.:]{0,20}?(?:following|below)", re.I)
_NOT_NEGATIVE = re.compile(r"(?:不|未)(?:符合|满足|具备|达到)|追回|收回|追缴|弄虚作假|骗取"
                           r"|not\s+meet|fraud|recover|repay", re.I)
_SANCTION = re.compile(r"追回|收回|追缴|取消[^，。；]{0,6}资格|弄虚作假|骗取|fraud|recover|repay|claw\s?back", re.I)
_NEGATIVE_HEAD = re.compile(r"不予(?:支持|受理|补助|申报)|不得申报|不能申报|负面清单"
                            r"|exclusions?\b|ineligib|not\s+eligible|not\s+covered|不(?:能|得|可)申请"
                            r"|\b(?:cannot|can\s+not|may\s+not)\s+apply", re.I)
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
    return bool(_ELIGIBLE_HEAD.search(label[:60]))


def _headed(body: str) -> bool:
    """An item that names its own section: "一、申报条件：在…注册的企业", "二、支持对象为首次参展的企业"."""
    label = label_of(body)
    return bool(label and eligible(label)) or bool(_OWN_HEAD.match(body))


def _body(block: Block) -> str:
    marked = mark_of(block.text)
    return block.text[len(marked[1]):].strip() if marked else block.text


def _sentences(text: str) -> list[str]:
    """The sentences of a block; a reply's topic label ("关于企业范围。本项补助面向…") stays with the
    sentence it heads."""
    said = split_sentences(text) or [text]
    if len(said) > 1 and _TOPIC.match(said[0]):
        return [said[0] + said[1], *said[2:]]
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


def negative(lead: str) -> bool:
    """A lead-in of exclusions: "企业有下列情形之一的，不予支持：", "provided that none of the following
    applies to them:". Its items are what an applicant must not be, all of them (之一 there makes
    any one enough to be shut out); "不符合下列条件的…不予受理" and fraud sanctions are not."""
    return bool(_NEGATIVE_LEAD.search(lead)) and not _NOT_NEGATIVE.search(lead)


def _from_lists(lists: Sequence[ListGroup], used: set[int]) -> list[Unit]:
    units: list[Unit] = []
    groups = 0
    for group in lists:
        lead = group.lead_in
        in_section = any(eligible(h) for h in lead.path) or eligible(lead.text)
        excluding = negative(lead.text) or (any(_NEGATIVE_HEAD.search(h) for h in lead.path)
                                            and not _ELIGIBLE_LEAD.search(lead.text))
        if not excluding and (_OTHER_LEAD.search(lead.text) or _SANCTION.search(lead.text)
                              or not (_ELIGIBLE_LEAD.search(lead.text) or in_section)):
            continue
        used.add(lead.line)
        units += [Unit(s, s, "lead") for s in _sentences(_body(lead))]
        by_number = None if excluding else item_options(lead.text)
        any_of = not excluding and not by_number and bool(_ANY.search(lead.text))
        groups += any_of or bool(by_number)
        for n, item in enumerate(group.items):
            if item.kind == "lead_in" or item.line in used or header_row(item.text):
                continue
            used.add(item.line)
            body = _body(item)
            if excluding:
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


def _inline_list(block: Block) -> list[Unit] | None:
    """A paragraph holding a lead-in and its numbered items ("同时符合以下条件的纺织服装企业：①在…注册；②…；",
    "Applicants must meet all of the following: (a) …; (b) …"): the lead-in and its items, read as a list
    would be; None for any other paragraph (a materials or steps lead-in opens nothing here either)."""
    said = _sentences(block.text)
    m = _INLINE_LEAD.match(said[0])
    if block.kind != "paragraph" or not m or not mark_of(said[0][m.end():]):
        return None
    lead = m["lead"]
    excluding = negative(lead)
    if not excluding and (_OTHER_LEAD.search(lead) or _SANCTION.search(lead) or not _ELIGIBLE_LEAD.search(lead)):
        return None
    any_of = not excluding and bool(_ANY.search(lead))
    units = [] if excluding else [Unit(lead, lead, "lead")]
    items = [piece for part in [said[0][m.end():], *said[1:]] for piece in _EN_ITEMS.split(part) if piece.strip()]
    for n, item in enumerate(items):
        marked = mark_of(item)
        body = item[len(marked[1]):].strip() if marked else item
        group = _INLINE_GROUPS + block.line if any_of else None
        units.append(Unit(body, item, "excluded" if excluding else "list", group, n if any_of else None))
    return units


def condition_units(blocks: Sequence[Block], lists: Sequence[ListGroup]) -> tuple[list[Unit], list[Unit]]:
    """(units from condition lists and eligibility sections, candidate sentences from elsewhere)."""
    used: set[int] = set()
    units = _from_lists(lists, used)
    rows, heads = headers(blocks)
    tables = condition_tables(blocks, rows, heads, lambda lead: not (_OTHER_LEAD.search(lead) or negative(lead)))
    per_table = Counter(n for header, n in tables.values() if header)
    seen_rows: Counter[int] = Counter()
    first_structured = next((b.line for b in blocks if b.kind in ("heading", "lead_in", "item")), None)
    others: list[Unit] = []
    question: str | None = None  # "Who can apply?": a question line heads the answer below it
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
        excluding = any(_NEGATIVE_HEAD.search(h) for h in path) or bool(_NEGATIVE_HEAD.search(label))
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
        if block.kind != "lead_in" and (own or any(eligible(h) for h in path)):
            if block.kind == "item" and len(block.text) <= MAX_UNIT and not own:
                units.append(Unit(_body(block), block.text, "excluded" if excluding else "list"))
            else:
                units += [_excluding(_inline(s)) if excluding else _inline(s) for s in _sentences(block.text)]
            continue
        preamble = first_structured is not None and block.line < first_structured and block.kind == "paragraph" \
            and question is None and bool(_PREAMBLE.search(block.text))
        if not preamble:
            kind = _aside(path)
            said = _sentences(block.text)
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
