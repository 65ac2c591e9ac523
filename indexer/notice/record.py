"""Policy record fields read from a notice's text, in English and Chinese: issuer, document number,
effective and expiry dates, and the documents it says it replaces.

Each field comes from what the text states in a recognised shape (a label, a numbered line at the
head, a signature above the date, a sentence about the document itself: "本通知自…起施行",
"This notice takes effect on …"); anything else stays None, never a guess. Every pattern is
linear-time, and the caller caps the values (``max_metadata_chars``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.dates import FULLWIDTH
from indexer.documents.lines import is_prose, match_date_line, normalise_text, word_counts
from indexer.notice.validity_text import read_validity, sentences

# Bumped when what this module (or the title and date readers) extracts changes: an index built
# before is re-read for metadata on the next build, reusing its vectors when the passages match.
METADATA_VERSION = "11"  # 6: eligibility conditions; 7: readable fallback titles; 8: eligibility read from the
# structure, with the application window; 9: tables, lists of exclusions, alternatives, annexes, validity periods;
# 10: repeal banners, yearly and day-range windows, the applicant's place in any wording; 11: "Ref:" numbers

_CJK = "\u4e00-\u9fff"
_OPEN, _CLOSE = "〔［\\[【(（", "〕］\\]】)）"
ZH_NUMBER = re.compile(rf"[{_CJK}]{{1,15}}\s*[{_OPEN}]\s*(?:19|20)\d\d\s*[{_CLOSE}]\s*第?\s*\d{{1,6}}\s*号")
EN_NUMBER = re.compile(
    rf"(?<![A-Za-z])[A-Z][A-Za-z]*(?:[ \-][A-Z][A-Za-z]*){{0,5}}\s*[{_OPEN}]\s*(?:19|20)\d\d\s*[{_CLOSE}]"
    r"\s*(?:No|NO|no)\.?\s*\d{1,6}(?!\d)"
    # "Announcement No. 12 of 2023", "MOFCOM Order No. 3 [2021]"
    r"|(?<![A-Za-z])(?:[A-Z]{2,10}\s+)?(?:Announcement|Notice|Circular|Order|Decree|Document|Decision)\s+"
    rf"(?:No|NO)\.?\s*\d{{1,6}}\s*(?:of\s+(?:19|20)\d\d|[{_OPEN}]\s*(?:19|20)\d\d\s*[{_CLOSE}])(?!\d)"
)
_NUMBER_LABEL = re.compile(
    r"^(?:(?:document|doc\.?|file|reference|ref\.?|notice|circular)\s*(?:no\.?|number|#)|(?:our\s+)?ref(?:erence)?\.?|文号|发文字号"
    r"|发文文号|文件编号|发文编号)\s*[:：]\s*(?P<v>.+)$", re.I)
_ISSUER_LABEL = re.compile(
    r"^(?:issuer|issued\s+by|issuing\s+(?:authority|body|organi[sz]ation|department|agency)"
    r"|发文机关|发文单位|发文部门|发布机关|发布机构|发布单位|印发机关|制定机关)\s*[:：]\s*(?P<v>.+)$", re.I)
_ZH_ORG = re.compile(
    rf"^[{_CJK}、（）()\s]{{2,60}}?(?:厅|局|委员会|委|部|办公室|办公厅|人民政府|政府|办|中心|协会|联合会|商会"
    r"|海关|银行|分行|支行|公司|署|院|研究所|事务所|管委会|研究会|促进会|学会|基金会|联盟)$")
_EN_ORG = re.compile(
    r"\b(?:Ministry|Bureau|Department|Commission|Council|Committee|Office|Administration|Government"
    r"|Federation|Association|Chamber|Agency|Authority|Customs|Secretariat|Board|Bank|Branch|Corporation"
    r"|Institute)\b")
_ORG_AND_DATE = re.compile(rf"^(?P<org>[{_CJK}、]{{3,40}})\s+(?P<date>[\d〇零○一二三四五六七八九]{{4}}\s*年.{{2,12}})$")
# A body's name: capitalised words and the small words between them ("Ministry of Industry and
# Information Technology"); a headline has a verb or an article ("Office Opens a New Hall").
_PLACED = re.compile(r"(?<=[a-z])(?:,\s[A-Z][a-z'-]{2,20}(?:\s(?:City|Province|County|District))?){1,2}$")
_NAME_WORDS = re.compile(r"[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|and|the|for|in|on|&))*")
_RED_HEAD = re.compile(rf"^(?P<v>[{_CJK}、\s]{{3,60}}?)\s*文件$")
_EN_DOC_TYPE = re.compile(
    r"\b(?:notice|circular|measures|announcement|opinions?|regulations?|rules|guidelines?|plan|decision"
    r"|provisions|polic(?:y|ies)|scheme|programme|program|notification|directive|on|for)\b", re.I)
_RECORD_LABEL = re.compile(
    r"^(?:effective(?:\s+date)?|valid\s+(?:until|from|to|through)|expir(?:y|es|ation)(?:\s+date)?|date\s+of"
    r"\s+(?:issue|effect)|issue\s+date|施行日期|生效日期|实施日期|有效期(?:至|限)?|失效日期|签发人|索引号|主题分类"
    r"|生成日期|成文日期|发布日期|有效性|公开方式|体裁分类|组配分类|发布机构)\s*[:：]", re.I)

_CLAUSE = re.compile(r"[，；,;]")
_SENTENCE_MARK = re.compile(r"[。！？!?；;，,]|[\u4e00-\u9fff]{4}")
_REF_LEAD = re.compile(r"^(?:原|根据|按照|依据|参照|及|和|与|将|把|对)")
_REPLACE_VERB = re.compile(
    r"废止|失效|停止执行|不再执行|取代|代替|替代|作废|废除|\b(?:replac(?:es|ed|ing)|supersed(?:es|ed|ing)"
    r"|repeal(?:s|ed)?|abolish(?:es|ed)?|revok(?:es|ed)|rescind(?:s|ed)?|annul(?:s|led)?"
    r"|withdrawn|ceases?\s+to\s+(?:have\s+effect|be\s+in\s+force)|no\s+longer\s+(?:in\s+force|valid))\b"
    r"(?!\s+by\s+(?!this|the\s+present))", re.I)
_ZH_TITLE_REF = re.compile(r"《([^《》\n]{2,100})》")
_EN_QUOTED_REF = re.compile(r"[“\"]([^”\"\n]{10,150})[”\"]")
_EN_NAMED_REF = re.compile(
    r"\b(?:replaces|supersedes|repeals|revokes|abolishes)\s+the\s+((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*"
    r"|of|on|for|and|the|in|to|a|an)){2,20})")
_CONNECTORS = frozenset({"of", "on", "for", "and", "the", "in", "to", "a", "an"})


@dataclass(frozen=True)
class PolicyFields:
    issuer: str | None = None
    issuer_labelled: bool = False
    """True when a label ("发文机关：") or a letterhead named the issuer: it then beats the file's
    properties (often "Administrator"); a signature does not."""
    doc_number: str | None = None
    effective_date: str | None = None
    expiry_date: str | None = None
    replaces: tuple[str, ...] = ()


def extract_policy(raw_text: str, issue_date: str | None = None) -> PolicyFields:
    """The policy record fields of a document's raw text; ``issue_date`` (ISO) dates
    "自印发之日起施行" and starts a validity period stated in years."""
    lines = [ln for ln in normalise_text(raw_text.translate(FULLWIDTH)).split("\n") if ln]
    labelled = _labelled(lines, _ISSUER_LABEL) or _red_head(lines)
    number = _doc_number(lines)
    effective, expiry = read_validity(lines, issue_date)
    return PolicyFields(
        issuer=labelled or _signature(lines), issuer_labelled=labelled is not None,
        doc_number=number, effective_date=effective, expiry_date=expiry,
        replaces=_replaced(lines, number),
    )


def _labelled(lines: list[str], label: re.Pattern[str]) -> str | None:
    for line in lines:
        if (m := label.match(line)) and (value := m["v"].strip(" ;；,，")):
            return value
    return None


def _head(lines: list[str], limit: int = 12) -> list[str]:
    """The lines before the body's first sentence: where a notice prints its number and issuer."""
    head: list[str] = []
    for line in lines[:limit]:
        if is_prose(line) and not is_record_line(line):
            break
        head.append(line)
    return head


def _doc_number(lines: list[str]) -> str | None:
    if value := _labelled(lines, _NUMBER_LABEL):
        m = ZH_NUMBER.search(value) or EN_NUMBER.search(value)
        return _tidy(m[0]) if m else (value if len(value) <= 60 else None)
    for line in _head(lines):
        if number := bare_number(line):
            return number
    return None


def bare_number(line: str) -> str | None:
    """The document number when ``line`` is one ("柯政发〔2025〕8号", maybe "签发人：…" after it),
    not a sentence that starts with one ("原浙商务发〔2023〕12号文件同时废止。")."""
    m = ZH_NUMBER.match(line) or EN_NUMBER.match(line)
    if m is None:
        return None
    rest = line[m.end():].strip()
    if rest and not (rest.startswith(("签发人", "签发", "Signed", "Issuer")) or (len(rest) <= 12 and not is_prose(rest)
                                                                             and not _SENTENCE_MARK.search(rest))):
        return None
    return _tidy(m[0])


def _tidy(value: str) -> str:
    return " ".join(value.split())


def _is_org(line: str) -> bool:
    """A line that is only an issuing body's name ("浙江省商务厅", "Shaoxing Municipal Bureau of
    Commerce"): no sentence, no document type ("Notice on …" is a title that names its issuer)."""
    words, cjk = word_counts(line)
    if cjk:
        return cjk <= 40 and words <= 2 and bool(_ZH_ORG.match(line.replace(" ", "")))
    line = _PLACED.sub("", line)  # "Shaxi Town People's Government, Zhongshan": the body, its place after it
    return 2 <= words <= 14 and not re.search(r"[.!?;:,]$", line) and bool(_NAME_WORDS.fullmatch(line)) \
        and bool(_EN_ORG.search(line.title() if line.isupper() else line)) \
        and not _EN_DOC_TYPE.search(line) and not is_prose(line)


def is_record_line(line: str) -> bool:
    """A head line that states the record (letterhead, number, a label), which a title reader must
    pass over: "柯政发〔2025〕8号" and "Issuer: …" are not headlines."""
    line = line.translate(FULLWIDTH).strip()
    return bool(_RED_HEAD.match(line) or _NUMBER_LABEL.match(line) or _ISSUER_LABEL.match(line)
                or _RECORD_LABEL.match(line) or bare_number(line))


def names_issuer(line: str) -> bool:
    """A line that only names the issuing bodies (a letterhead, "发文机关：…", the names in a 落款):
    what a citation's record shows."""
    line = line.translate(FULLWIDTH).strip()
    parts = line.split()
    return bool(_RED_HEAD.match(line) or _ISSUER_LABEL.match(line)) or _is_org(line) or (
        len(parts) > 1 and all(_is_org(p) for p in parts))


def is_issuer_line(line: str) -> bool:
    """A line that is only an issuing body's name: a title only when no headline follows it."""
    return _is_org(line.translate(FULLWIDTH).strip())


def _red_head(lines: list[str]) -> str | None:
    """"浙江省商务厅文件": the issuer's letterhead above a Chinese notice."""
    for line in lines[:3]:
        if (m := _RED_HEAD.match(line)) and _is_org(m["v"].strip()):
            return m["v"].strip()
    return None


def _signature(lines: list[str]) -> str | None:
    """The issuing body signed above the date (at the end of a notice, or at its head); joint
    issuers on consecutive lines are joined. The last signature wins: the end one is the notice's."""
    found = None
    for i, line in enumerate(lines):
        if (m := _ORG_AND_DATE.match(line)) and _is_org(m["org"]) and match_date_line(m["date"]):
            found = m["org"]  # "浙江省商务厅 2025年1月10日" on one line
            continue
        if match_date_line(line) is None:
            continue
        names: list[str] = []
        j = i - 1
        while j >= 0 and len(names) < 4 and _is_org(lines[j]):
            names.insert(0, lines[j])
            j -= 1
        if names:
            found = ("、" if word_counts(names[0])[1] else "; ").join(names)
    return found


def _references(text: str) -> list[str]:
    # A Chinese number's issuer prefix is a few characters; running text before it is not part of it.
    refs = [_REF_LEAD.sub("", _zh_tail(m[0])) for m in ZH_NUMBER.finditer(text)]
    refs += [m[0] for m in EN_NUMBER.finditer(text)]
    refs += [m[1] for m in _ZH_TITLE_REF.finditer(text)] + [m[1] for m in _EN_QUOTED_REF.finditer(text)]
    refs += [_without_connectors(m[1]) for m in _EN_NAMED_REF.finditer(text)]
    return [_tidy(r) for r in refs]


def _without_connectors(name: str) -> str:
    """"the Measures on Booth Fees of" -> "the Measures on Booth Fees": no small word at the end."""
    words = name.split()
    while len(words) > 1 and words[-1] in _CONNECTORS:
        words.pop()
    return " ".join(words)


def _zh_tail(number: str) -> str:
    """"本通知施行后原浙商务发〔2023〕12号" -> "原浙商务发〔2023〕12号": at most 6 characters before
    the bracket, the longest issuer prefixes in use ("浙政办发", "浙商务发", "国办函")."""
    head = re.match(rf"[{_CJK}\s]*", number)
    cut = head.end() if head else 0
    number = number[max(0, cut - 6):] if cut > 6 else number
    former = number.find("原", 0, min(cut, 6))  # "…后原浙商务发": the former document's number follows
    return number[former + 1:] if former >= 0 else number


def _replaced(lines: list[str], own_number: str | None) -> tuple[str, ...]:
    """Numbers and titles of the documents this one says it replaces or repeals: those named in
    the clause with the verb ("原《…》（…〔2022〕15号）同时废止"), else in its sentence."""
    refs: list[str] = []
    for sentence in sentences(lines):
        if not _REPLACE_VERB.search(sentence):
            continue
        clauses = [c for c in _CLAUSE.split(sentence) if _REPLACE_VERB.search(c)]
        found = [r for c in clauses for r in _references(c)] or _references(sentence)
        refs += [r for r in found if r != own_number and r not in refs]
    return tuple(refs[:20])


# A contact's label inside a line ("市失业保险经办机构　联系人：郭慧敏　咨询电话：…", "Export Office, tel: …")
_CONTACT_INSIDE = re.compile(r"(?:联系人|联系电话|咨询电话|电话|手机|传真|邮箱"
                             r"|\b(?:contact|tel|phone|fax|e-?mail))\s?[:：]", re.I)


_OFFICE_LINE = re.compile(r"^[^。；;:：]{2,40}?[ \u3000]+(?:联系电话|咨询电话|联系人|电话)\s?[:：]\s?\S")


def office_line(line: str) -> bool:
    """An office with its contact on one line ("静安区商务委员会（区中小企业服务中心）　联系电话：021-…"): a contact."""
    return bool(_OFFICE_LINE.match(line.strip()))


def holds_contact(line: str) -> bool:
    """A line naming whom to call, with a contact's label inside it: the office to ask, never the signer."""
    return bool(_CONTACT_INSIDE.search(line))
