"""A notice read as a notice: title, record lines, addressee, numbered sections, lists under their
lead-ins, contacts, the 附件 list, the 落款 (issuer and date) and the annexes themselves.

Every line of the text becomes exactly one ``Block`` (nothing is dropped here); each block knows the
heading path above it ("三、申报条件 › （二）"), which chunking gives to its passages and the
finder uses to tell a condition list from a procedure list. The reading is by shape only (marks,
colons, labels, dates, the position in the notice), so it holds for English notices too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from core.dates import parse_date_at
from core.records import SECTION_SEPARATOR
from indexer.documents.lines import capped, match_date_line, word_counts
from indexer.language.lexical import simplified
from indexer.notice.leads import negative
from indexer.notice.numbering import Outline, cells, heading_text, is_lead_in, is_sentence, label_of, mark_of, run_on
from indexer.notice.record import holds_contact, is_issuer_line, is_record_line, office_line

Kind = Literal["title", "record", "addressee", "heading", "lead_in", "item", "paragraph", "contact",
               "annex_list", "signature", "note", "annex"]

_CONTACT_LABEL = re.compile(
    r"^(?:联系人|联系电话|联系方式|联络人|联络电话|联络窗口|服务专线|服务时间|咨询电话|咨询热线|服务热线|监督电话|电话|手机|传真|邮箱|电子邮箱|电子邮件|邮件"
    r"|地址|通讯地址|办公地址|联系地址|邮编|邮政编码|服务窗口|受理窗口|办理窗口|窗口|网址|QQ群?|微信"
    r"|contact(?:s| person)?|tel(?:ephone)?|phone|hotline|fax|e-?mail|address|website)$", re.I)
_CONTACT_HEADING = re.compile(
    r"(?:联系方式|联系人及电话|咨询方式|联络窗口|联络方式|contact(?:s| information| details)?)$", re.I)
_ANNEX_LIST = re.compile(r"^(?:附件|附表|attachments?|annex(?:es)?|appendi(?:x|ces))\s*[:：]", re.I)
_ANNEX_START = re.compile(
    r"^(?:附件|附表)\s*[一二三四五六七八九十\d]{0,3}\s*(?:[:：]\s*\S.{0,60})?$"
    r"|^(?:annex|attachment|appendix)\s*[A-Z\d]{0,3}\s*(?:[:：].{0,60})?$", re.I)
# A lead-in right after the title that asks for conditions is no addressee ("Enterprises are eligible if they:")
_ASKS_LEAD = re.compile(r"条件|符合|满足|具备|下列|以下|如下|eligib|following|\bmust\b|\bshall\b|criteria|requirements?"
                        r"|\bif\s+(?:they|it)\b|qualif", re.I)
# A first line naming the eligibility section is its heading, not the title (the loader took that: "Eligibility")
_SECTION_FIRST = re.compile(r"^(?:eligibility(?:\s+(?:criteria|requirements|conditions))?|who\s+(?:may|can)\s+apply"
                            r"|who\s+(?:qualifies|is\s+eligible)|applicants?|requirements|conditions|criteria"
                            r"|申报条件|申请条件|支持对象|补助对象|申报对象|适用对象)[?？:：]?$", re.I)
_ADDRESSEE = re.compile(r"^(?:各|全市|全省|全区|有关|To (?:all|the)\b|Dear\b).{1,120}[:：]$", re.I)
# "2.2024年度推荐汇总表", "2-2.优秀企业名单": an annex list's entry whose title starts with a year (no mark by
# ``mark_of``, which wants no digit after the dot) or numbered under its annex is not a signer either.
_NUMBERED = re.compile(r"^\d{1,3}(?:\s?[-－–]\s?\d{1,3}\s?)?[.．、]")
_ITEMS = ("digit", "digit_paren", "digit_half", "circled", "letter", "letter_paren", "bullet")  # items, no section
_NOTE = re.compile(r"^[（(](?:此件|本件|此页)[^()（）]{0,20}[)）]$|^(?:抄送|印发|抄报|cc)\s*[:：]", re.I)


@dataclass(frozen=True)
class Block:
    """One line of the notice, what it is, and where it sits."""

    kind: Kind
    text: str
    line: int
    level: int = 0
    path: tuple[str, ...] = ()
    heading: str = ""
    """The name of the section this line opens ("三、申报条件"), "" when it opens none."""

    @property
    def section(self) -> str:
        return SECTION_SEPARATOR.join(self.path)

    @property
    def context(self) -> tuple[str, ...]:
        """The heading path of what this line says: its own section's name included."""
        return (*self.path, self.heading) if self.heading else self.path


@dataclass(frozen=True)
class ListGroup:
    """A lead-in and the items it introduces ("须同时具备以下条件：" and its 1. 2. 3.)."""

    lead_in: Block
    items: tuple[Block, ...]


@dataclass(frozen=True)
class NoticeStructure:
    blocks: tuple[Block, ...]

    def of(self, *kinds: Kind) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]

    @property
    def title(self) -> str | None:
        """The title line; a Chinese "关于…" title takes the letterhead above it as its issuer, as the
        notice's full title reads ("绍兴市商务局关于…的通知")."""
        if not (found := self.of("title")):
            return None
        title = found[0].text
        if title.startswith("关于"):
            heads = [b.text.removesuffix("文件").strip() for b in self.blocks[: self.blocks.index(found[0])]
                     if b.kind == "record" and _letterhead(b.text.removesuffix("文件").strip())]
            title = " ".join(heads) + title if heads else title
        return title

    @property
    def issuer(self) -> str | None:
        """The body signed in the 落款: the signature lines above its date, joint issuers joined."""
        names = [part for b in self.of("signature") if match_date_line(b.text) is None
                 for part in (b.text.split() if all(is_issuer_line(p) for p in b.text.split()) else [b.text])]
        return "、".join(names) if names else None

    @property
    def date(self) -> str | None:
        """The 落款 date, ISO."""
        for b in self.of("signature"):
            if (m := match_date_line(b.text)) and (value := parse_date_at(b.text, m.start())):
                return value
        return None

    def lists(self) -> list[ListGroup]:
        """Each lead-in with the items it introduces: the marked blocks one level below it, up to the
        next block at its level or above; or, when no mark follows, the unnumbered lines right after it."""
        groups = []
        for i, lead in enumerate(self.blocks):
            if lead.kind == "lead_in" and (items := _items_after(self.blocks, i)):
                groups.append(ListGroup(lead, items))
            elif lead.kind == "heading" and _numbered_under(self.blocks, i) and (items := _items_after(self.blocks, i)):
                groups.append(ListGroup(lead, items))  # "一、申报条件" with its （一）（二） straight under it
        return groups


_ENDS_LIST = ("signature", "annex", "annex_list", "contact", "note", "title", "record", "addressee")


def _numbered_under(blocks: Sequence[Block], i: int) -> bool:
    """Marked lines straight under a heading lead by it as a list; an unnumbered one's only if short, with no stop."""
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return nxt is not None and (nxt.kind == "item" and nxt.level > blocks[i].level > 0 or not blocks[i].level
                                and nxt.level > 0 and nxt.kind in ("item", "heading") and not is_sentence(nxt.text))


def _items_after(blocks: Sequence[Block], i: int) -> tuple[Block, ...]:
    lead, items, child, previous = blocks[i], [], None, blocks[i].line
    for b in blocks[i + 1:]:
        if b.kind in _ENDS_LIST:
            break
        if b.level and b.kind in ("item", "heading", "lead_in"):
            if b.level <= lead.level or (child is not None and b.level < child) or (child is None and items):
                break
            child = child or b.level
            if b.level == child:
                items.append(b)
        elif child is not None or b.kind == "heading" or (items and b.line > previous + 1 and not run_on(items[-1], b)):
            break  # prose after the list, or a blank line closing an unnumbered one (but "一是…" before "二是…")
        elif b.kind == "paragraph":
            items.append(b)
        previous = b.line
    return tuple(items)


def _is_heading_line(text: str, nxt: str | None) -> bool:
    """A short unnumbered line that names what follows ("联系方式", "Eligible applicants")."""
    words, cjk = word_counts(text)
    return (nxt is not None and not is_sentence(text) and label_of(text) is None and cjk <= 16 and words <= 8
            and not is_lead_in(text) and match_date_line(text) is None and not is_issuer_line(text))


def _letterhead(line: str) -> bool:
    """Issuing bodies printed above the title ("绍兴市柯桥区商务局 绍兴市柯桥区财政局")."""
    if is_issuer_line(line):
        return True
    parts = line.split()
    return len(parts) > 1 and word_counts(line)[1] > 0 and all(is_issuer_line(part) for part in parts)


def _signer(line: str, at_end: bool) -> bool:
    """A line that can sign a notice: an issuing body's name (joint bodies may share the line), or,
    right above the closing date, any short line that is no sentence, field or numbered item
    ("中国（重庆）国际贸易单一窗口", "2027“常熟服装城杯”…组委会"), but no line naming a contact."""
    if not line or mark_of(line) or _NUMBERED.match(line) or label_of(line) or match_date_line(line):
        return False
    if _letterhead(line):
        return True
    words, cjk = word_counts(line)
    return at_end and not is_sentence(line) and cjk <= 40 and words <= 10 and not holds_contact(line)


def _signature_span(lines: Sequence[str], start: int, end: int, at_end: bool) -> tuple[int, int] | None:
    """(first, last) line of a 落款 in ``lines[start:end]``: signer lines directly above a date line.
    At the end of a notice the last date wins; at its head (rules issued with a cover notice print
    their issuer and date under the title) the first. Blank lines between them do not count (a
    cleaned text or a Word file separates every paragraph with one)."""
    content = [k for k in range(start, end) if lines[k]]
    order = range(len(content) - 1, -1, -1) if at_end else range(len(content))
    for n in order:
        if match_date_line(lines[content[n]]) is None:
            continue
        m = n
        while m > 0 and n - m < 4 and _signer(lines[content[m - 1]], at_end):
            m -= 1
        if m < n:
            return content[m], content[n]
    return None


def parse(text: str) -> NoticeStructure:
    """Read the structure of a cleaned notice text (one line per paragraph; blank lines allowed)."""
    # Read in simplified characters (a Taiwan or Hong Kong notice writes 聯絡人, 附件 the same), kept as written.
    written = [ln.strip() for ln in text.split("\n")]
    lines = [simplified(capped(ln)) for ln in written]  # classified by its head: every pattern sees at most that
    content = [i for i, ln in enumerate(lines) if ln]
    annex_at = next((i for i in content[3:] if _ANNEX_START.match(lines[i]) and not _ANNEX_LIST.match(lines[i])
                     and i > len(lines) // 3), len(lines))
    content_before = [i for i in content if i < annex_at]
    tail_from = content_before[-12] if len(content_before) > 12 else 0
    signature = _signature_span(lines, tail_from, annex_at, at_end=True) or _signature_span(
        lines, 0, content[min(14, len(content) - 1)] + 1 if content else 0, at_end=False)
    outline, stack = Outline(), []  # stack: (level, heading text) of the open sections
    blocks: list[Block] = []
    in_annex_list = in_contacts = title_done = False
    for n, i in enumerate(content):
        line = lines[i]
        nxt = lines[content[n + 1]] if n + 1 < len(content) else None
        path = tuple(t for _, t in stack)
        if i >= annex_at:
            if _ANNEX_START.match(line):
                outline.reset()
                stack = [(0, heading_text(written[i]))]
                blocks.append(Block("annex", written[i], i, 0, (), stack[0][1]))
            else:
                blocks.append(Block("annex", written[i], i, 0, path))
            continue
        if signature and signature[0] <= i <= signature[1]:
            blocks.append(Block("signature", written[i], i, 0, ()))
            continue
        head = all(b.kind in ("title", "record") for b in blocks)
        if head and len(blocks) < 6 and (is_record_line(line) or _letterhead(line)):
            blocks.append(Block("record", written[i], i))  # letterhead, number, labelled record lines
            continue
        if not title_done and not _ADDRESSEE.match(line) and not is_lead_in(line):
            title_done = True
            if not (is_sentence(line) or mark_of(line) or _SECTION_FIRST.match(line) or sum(word_counts(line)) <= 6
                    and [(mark_of(lines[j]) or "-")[0] in _ITEMS for j in content[n + 1:n + 3]] == [True, True]):
                blocks.append(Block("title", written[i], i))
                continue
        if head and (_ADDRESSEE.match(line) or (is_lead_in(line) and not _ASKS_LEAD.search(line))):
            blocks.append(Block("addressee", written[i], i))
            continue
        if _NOTE.match(line):
            blocks.append(Block("note", written[i], i, 0, path))
            continue
        if _ANNEX_LIST.match(line):
            in_annex_list = True
            blocks.append(Block("annex_list", written[i], i, 0, ()))
            continue
        marked = mark_of(line)
        if in_annex_list and (marked or not is_sentence(line)) and not label_of(line):
            blocks.append(Block("annex_list", written[i], i, 0, ()))
            continue
        in_annex_list = False
        label = label_of(line)
        if label and _CONTACT_LABEL.match(label.replace(" ", "")) or (in_contacts and not marked) or office_line(line):
            blocks.append(Block("contact", written[i], i, len(stack), path))
            continue
        if cells(line) is not None:  # a table row stays in its section, however short
            blocks.append(Block("paragraph", written[i], i, 0, path))
            continue
        if marked:
            level = outline.level(marked[0])
            while stack and stack[-1][0] >= level:
                stack.pop()
            path = tuple(t for _, t in stack)
            rest = line[len(marked[1]):].strip()
            # a numbered line that shuts firms out, with no colon ("2. Firms in the following situations will not
            # be supported", "三、存在以下情况的，本次不予补助"): a lead-in of the lines after it
            shuts = negative(rest) and not rest.endswith(("。", ".", "；", ";"))
            kind: Kind = "lead_in" if is_lead_in(line) or shuts else "heading" \
                if not is_sentence(rest) and len(rest) <= 40 and not label_of(rest) and marked[0] != "bullet" \
                else "item"  # a bullet heads no section: "- textile companies" is an item
            if _CONTACT_HEADING.search(heading_text(rest, 60)):
                in_contacts, kind = True, "heading"
            else:
                in_contacts = False
            stack.append((level, heading_text(written[i])))
            blocks.append(Block(kind, written[i], i, level, path, stack[-1][1]))
            continue
        if stack and blocks and blocks[-1].kind == "item" and stack[-1][1] == blocks[-1].heading:
            stack.pop()  # a paragraph after a list item stands beside the list, not under its last item
            path = tuple(t for _, t in stack)
        if is_lead_in(line, nxt):
            blocks.append(Block("lead_in", written[i], i, len(stack) and stack[-1][0], path))
            continue
        if _is_heading_line(line, nxt) and (not blocks or blocks[-1].kind != "lead_in"):
            outline.reset()
            stack = [(0, heading_text(written[i]))]
            in_contacts = bool(_CONTACT_HEADING.search(line))
            blocks.append(Block("heading", written[i], i, 0, (), stack[0][1]))
            continue
        blocks.append(Block("paragraph", written[i], i, 0, path))
    return NoticeStructure(tuple(blocks))


