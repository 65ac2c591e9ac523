"""When a notice takes applications: the window it states (申报时间, 截止, deadline, "applications are
accepted from … to …"), read at index time; whether it is open is decided on the day asked
(``core.validity.window_state``), so an index never holds a state that goes stale.

Only what the applicant must do counts: a date by which a district bureau reports to the city
("各区…于2027年1月20日前报市经信局", "County-level bureaus complete their review by …"), by which a project must be
finished, or until which the notice is valid ("本办法…执行，至2027年12月31日止", even under "受理方式"), is no
application window; but a notice that states no window of the applicant's own and has the authorities pass the
applications on by a date closes then at the latest (the applicant's window cannot outlast it); a firm's request for a
review by a date ("可于…前提出复核") is its window only where nothing else is. Of several deadlines the latest closes
the window (a second batch, a final date repeated); a date without a year takes the year of the date before it in the
sentence, else the notice's own year (the next one when that day would fall before the notice was issued);
"即日起至…", "from the date of issue until …" open on the notice's own date. "常年受理", "applications are handled on
a rolling basis" mean open all year; "另行通知", "to be announced" leave it unknown.

A range's bare first day takes the month of the date beside it ("1 to 30 September 2026",
"9月1日至30日"); a weekday or a time of day after a date is passed over ("（星期五）下班前", "24时前",
"by 5 p.m. on …"); "每年3月1日至3月31日" is a ``yearly`` window, judged by this (or the next) year's days on
the day asked
(``core.validity.this_year``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.dates import DATE_PATTERNS, MONTH, MONTHS, match_to_iso
from indexer.notice.validity_text import states_validity
from indexer.notice.window_words import FIRST_OF, HELD, HELD_BEFORE
from indexer.notice.window_words import LATER as _LATER
from indexer.notice.window_words import RECURRING as _RECURRING
from indexer.notice.window_words import ROLLING as _ROLLING
from indexer.notice.window_words import WORD as _WORD
from indexer.notice.yearly import recurring_days, yearly_deadline

MAX_SENTENCE = 400

_ENTERPRISE = re.compile(r"企业|申报单位|申请单位|申请人|申报人|申报主体|enterprises?|applicants?|applications?"
                         r"|enrolment|exporters?|companies|firms", re.I)
_AUTHORITY = re.compile(r"各(?:地|市|县|区|镇|级|有关)|设区市|地级以上市|县级|开发区|园区|局|部门|厅|委员会|管委会|政府"
                        r"|\bbureaus?\b|\bdepartments?\b|\bcommissions?\b|\bgovernments?\b|\bauthorit", re.I)
_EN_TIME = (r"(?:\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.?m\.?|noon|midnight)?|midnight|noon)"
            r"(?:\s(?:Beijing|China|local)\stime)?")  # "5 p.m.", "17:00 Beijing time"
# a time of day before the date it falls on: "from 9:00 on 23 November 2026 to 23:59 on 30 November 2026"
_AT = rf"(?:(?:at\s+)?{_EN_TIME},?\s+on\s+)?"
_RANGE = re.compile(rf"^\s?(?:日)?\s?(?:至|到|—|–|-|~|～|to|until|till|through|and)\s?{_AT}$", re.I)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"  # "is Friday 26 February 2027"
_CLOSE_BEFORE = re.compile(r"(?:截止(?:时间|日期)?|截至|期限)(?:为|是|至|到|于|在|日为)?\s?[:：]?\s?$|不(?:晚|迟)于\s?$"
                           r"|(?:最迟|最晚)(?:于|在|到)?\s?$"
                           r"|(?:截止|最后)(?:受理|申报|申请|提交|报送|报名)(?:日|日期|时间|期限)?(?:为|是)?\s?[:：]?\s?$"
                           r"|(?:开放|受理|申报|申请|报名|填报)(?:期|窗口)?(?:至|到)\s?$"
                           rf"|(?:(?:close[sd]?|shuts?)\s+at\s+{_EN_TIME}\s+on|before|by|due(?:\s+(?:on|by))?"
                           r"|(?:until|by|before)\s+(?:the\s+)?(?:close|end)\s+of\s+(?:business|office\s+hours"
                           r"|(?:the\s+)?(?:working\s+)?day)(?:\s+on)?"
                           r"|no\s+later\s+than|up\s+to(?:\s+and\s+including)?|(?:until|through)\s+and\s+including"
                           r"|close[sd]?(?:\s+on|\s+at\s+the\s+end\s+of)?|end(?:s|ed)(?:\s+on)?|expire[sd]?(?:\s+on)?|until"
                           r"|(?:runs?|ran|running|continue[sd]?)\s+(?:through|till|to)|through"
                           r"|shut(?:s)?(?:\s+on)?|last\s+day(?:\s+for\s+(?:applications|submissions|claims|entries|filing))?"
                           r"(?:\s+is)?"
                           r"|(?:deadline|cut-?off(?:\s+date)?|closing\s+date|last\s+date)[^.;]{0,40}?(?:is|:)|after"
                           r"|(?:stop(?:s|ped)?|ceased?)\s+(?:taking|accepting|receiving)\s+(?:applications|claims|forms)"
                           r"(?:\s+(?:on|after))?)"
                           rf"\s+(?:{_EN_TIME},?\s+(?:on\s+)?)?(?:{_WEEKDAY},?\s+)?$",
                           re.I)
# What may stand between a date and the word after it: a weekday, the day itself counted in, a time of
# day ("（星期五）下班前", "（含当日）之前", "24时前", "下午5点前", "9:00至", ", 5 pm").
_TIME_AFTER = re.compile(r"(?:日)?\s?(?:[（(](?:星期|周)[一二三四五六日天][)）])?\s?"
                         r"(?:[（(]含(?:当日|当天|本日)?[)）])?\s?"
                         r"(?:(?:上午|下午|晚上)?\s?\d{1,2}\s?(?:[:：]\d{2}|[时点](?:\s?\d{1,2}\s?分|半)?)"
                         r"|下班|工作时间结束)?")
_CLOSE_AFTER = re.compile(r"^\s?(?:之前|以前|前|止|关闭|截止|结束|收口|停止(?:受理|申报|接收)"
                          r"|为[^，。；,;]{0,12}?(?:最后(?:一个)?(?:受理|申报|申请|提交|报送)?(?:日|一天|期限)|截止(?:日|日期|时间)))")
_FROM_ISSUE = re.compile(r"(?:即日|(?:印发|发布|公布|下发|发文)之日)起?\s?(?:至|到|—|–|-|~|～)\s?$"
                         r"|from\s+(?:the\s+date\s+of\s+(?:issue|issuance|publication|this\s+notice)|today)"
                         r"\s+(?:until|to|till|through)\s+$", re.I)
_OPEN_AFTER = re.compile(r"^\s?(?:日)?\s?(?:起|开始|开放|启动|开通)")
_OPEN_BEFORE = re.compile(r"(?:from|starting(?:\s+on)?|as\s+of"
                          rf"|open(?:s|ing|ed)?(?:\s+the\s+call)?(?:\s+(?:on|from))?)\s+{_AT}$", re.I)
_AFTER_DATE_AUTHORITY = re.compile(r"\s?,\s+(?:the\s+)?[\w\s-]{0,30}?\b(?:bureaus?|departments?|commissions?)\b", re.I)
_CLAUSE_END = re.compile(r"[，；,;。]|\s(?:while|whereupon|after\s+which|then)\s", re.I)
# What the authorities do after the applicant is done, in the clause of its date: a review, a
# publicity period, payment ("于12月10日前完成初审", "the list is published by …", "funds are paid by …").
_NOT_APPLICANTS = re.compile(r"竣工|完工|建成|投产|验收|开展日期|举办日期|展期|开幕"
                             r"|\b(?:held|takes?\s+place|taking\s+place)\b"
                             r"|初审|复审|审核|审查|评审|审定|核查|核实|公示|公布|公告|拨付|兑现|下达|发放|汇总|推荐"
                             r"|上报|报送"
                             r"|review|assess|examin|verif|publicity|publish|announce|disburs|paid|payment|transferr"
                             r"|forward|report(?:ed|s)?\s+to", re.I)
_PARTIAL = re.compile(rf"(?<!\d)(?<!\d年)(?P<m>\d{{1,2}})\s?月\s?(?P<d>\d{{1,2}})\s?日"
                      rf"|\b(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<em>{MONTH})(?![\w,]*\s*\d{{4}})"
                      rf"|\b(?P<em2>{MONTH})\s+(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})", re.I)
_DAY_BEFORE = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s?(?:to|and|until|till|through|–|-|—)\s?"
                         rf"(?=\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH})", re.I)  # "from 1 to 30 September 2026"
_DAY_AFTER = re.compile(r"(?<=[至到—–~～-])\s?(?P<d>\d{1,2})\s?日")  # "9月1日至30日"
# The authorities pass the applications on by a date ("请各区镇于12月15日前将推荐文件…报区工信局"): the
# applicant's own window, unstated, closes no later.
_REPORTED = re.compile(r"报送|上报|汇总|推荐|报(?:区|市|县|省)|forward|report(?:s|ed)?\s+to|submit", re.I)
# ("Files go through the district commerce bureau; the platform opens on …": the bureau takes the papers)
_RECIPIENT = re.compile(r"(?:向|至|报送|报|交|送达?|经由|\bto\b|\bwith\b|\breach\b|\bat\b|\bthrough\b|\bvia\b)"
                        r"\s?(?:the\s)?[^，。；,;]{0,50}?"
                        r"(?=[局部厅委管窗科处bdoc])"  # a cheap first-character test before the alternation
                        r"(?:局|部门|厅|委员会|管委会|窗口|科|处|\bbureaus?\b|\bdepartments?\b|\boffices?\b|\bcommissions?\b)",
                        re.I)

# An authority taking the applicants' papers states the applicants' window.
_RECEIVES = re.compile(r"受理(?:企业)?(?:申报|申请)?(?:材料)?(?:时间|期)?(?:至|到|截止|为)"
                       r"|\b(?:open(?:s|ed)?\s+the\s+call|(?:accept|tak|receiv)(?:e[sd]?|ing|s)?"
                       r"\s+(?:applications|claims)|stop(?:s|ped)?\s+(?:taking|accepting|receiving)\s+"
                       r"(?:applications|claims))", re.I)


# A firm's own request about a benefit it did not get ("未收到资金的企业可于…前提出复核", "may ask for a review by
# …"): its window only where the notice states no other (no application needed), never beside one.
_REQUEST = re.compile(r"(?:提出|申请|要求)(?:复核|复查|核查|异议|申诉)|(?:复核|异议|申诉)申请"
                      r"|\b(?:(?:ask|apply)(?:s|ed|ing)?\b[^.;,]{0,50}?\bfor|request(?:s|ed|ing)?)\s+(?:an?\s+|the\s+)?"
                      r"(?:review|recheck|reconsideration|re-?assessment)\b"
                      r"|\b(?:raise|lodge|file)s?\s+(?:an?\s+)?(?:objection|appeal)", re.I)


_WHO_HEAD = re.compile(r"(?:申报|申请)(?:主体|条件|对象|资格|企业|单位)|who\s+(?:may|can)\s+(?:apply|claim)"
                       r"|eligib\w*|applicants?\b", re.I)


@dataclass(frozen=True)
class Sentence:
    """A sentence with where it sits: ``section`` its heading path, ``quote`` the text to cite."""

    text: str
    section: str = ""


def _dates(sentence: str, year_of: dt.date | None) -> list[tuple[str, int, int]]:
    """Every date in ``sentence``: (ISO, start, end), with partial "6月30日" given a year."""
    found: list[tuple[str, int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(sentence):
            iso = match_to_iso(m)
            if iso and not any(s < m.end() and m.start() < e for _, s, e in found):
                found.append((iso, m.start(), m.end()))
    full = list(found)
    for m in _PARTIAL.finditer(sentence):
        if any(s <= m.start() < e for _, s, e in found):
            continue
        before = [iso for iso, s, _ in full if s < m.start()]
        after = [iso for iso, s, _ in full if s > m.start()]  # "from 1 September to 15 October 2026"
        known = before[-1] if before else after[0] if after and not m["m"] else None
        year = int(known[:4]) if known else (year_of.year if year_of else None)
        if year is None:
            continue
        month = int(m["m"]) if m["m"] else MONTHS[(m["em"] or m["em2"]).rstrip(".")[:3].lower()]
        try:
            day = dt.date(year, month, int(m["d"] or m["ed"] or m["ed2"]))
        except (ValueError, KeyError):
            continue
        if not known and year_of and day < year_of:
            day = day.replace(year=year + 1) if not (day.month == 2 and day.day == 29) else day
        found.append((day.isoformat(), m.start(), m.end()))
    return _bare_days(sentence, sorted(found, key=lambda d: d[1]))


def _bare_days(sentence: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A range's bare day takes its month and year from the date beside it: "1 to 30 September
    2026" (the one after), "9月1日至30日" (the one before)."""
    more = []
    for pattern, after in ((_DAY_BEFORE, True), (_DAY_AFTER, False)):
        for m in pattern.finditer(sentence):
            if any(s <= m.start("d") < e for _, s, e in found):
                continue
            near = [d for d in found if d[1] >= m.end()][:1] if after else [d for d in found if d[2] <= m.start()][-1:]
            if not near:
                continue
            try:
                day = dt.date.fromisoformat(near[0][0]).replace(day=int(m["d"]))
            except ValueError:
                continue
            more.append((day.isoformat(), m.start("d"), m.end() if not after else m.end("d")))
    return sorted(found + more, key=lambda d: d[1])


def _timeless(text: str) -> str:
    """``text`` (what follows a date) without the weekday and time of day at its start."""
    return text[_TIME_AFTER.match(text).end():]  # type: ignore[union-attr]  # it matches "" at worst


def _by_applicant(sentence: str) -> bool:
    """Whether a sentence's words before its first date make it the applicant's: no authority named
    before the applicant, an authority receiving the papers ("报送区商务局", "to the bureau of their
    district") aside; "项目申报受理期为…，由各市…推荐" is the applicant's."""
    sentence = _RECIPIENT.sub(" ", sentence)
    authority, applicant = _AUTHORITY.search(sentence), _ENTERPRISE.search(sentence)
    if authority is None or _RECEIVES.search(sentence):
        return True
    return applicant is not None and applicant.start() < authority.start()


def _others(sentence: str, start: int, end: int, since: int = 0) -> bool:
    """Whether the date at ``start``..``end`` is in a clause of the authorities' own steps, not
    the applicant's: "申报截止于11月30日，各区商务局于12月10日前完成初审" (the second date is a review,
    not the window's close); a date of publicity or payment likewise. The clause starts after the
    date before it (``since``) when no punctuation comes between."""
    cuts = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)]
    begin = max(cuts[-1] if cuts else 0, since)
    stop = _CLAUSE_END.search(sentence, end)
    clause_before, clause_after = sentence[begin:start], sentence[end:stop.start() if stop else len(sentence)]
    if begin and not _by_applicant(clause_before):
        return True
    clause = clause_before + clause_after
    return bool(_NOT_APPLICANTS.search(clause)) and not _WORD.search(clause)


def _deadline(s: str, start: int, end: int) -> bool:
    """Whether the date at ``start``..``end`` is one by which something is due ("于…前", "by …", "or …,
    whichever came first")."""
    after = _timeless(s[end:end + 40])
    return bool(_CLOSE_BEFORE.search(s[max(0, start - 45):start]) or _CLOSE_AFTER.match(after) or FIRST_OF.match(after))


def read_window(units: Iterable[Sentence], issued: str | None) -> dict[str, Any] | None:
    """The application window the units state: opens, closes (ISO or None), rolling, later (to be
    announced), and the sentence that says so; None when the notice says nothing of it."""
    try:
        year_of = dt.date.fromisoformat(issued) if issued else None
    except ValueError:
        year_of = None
    opens: list[tuple[str, str]] = []
    closes: list[tuple[str, str]] = []
    rolling = later = None
    reported: list[tuple[str, str]] = []  # the date the authorities pass the applications on by
    requests: list[tuple[str, str]] = []  # the date a firm asks for a review by
    yearly: tuple[str | None, str, str] | None = None
    period = ""  # a window of days each month or quarter
    for unit in units:
        s = unit.text[:MAX_SENTENCE]
        # "4. Application period" above a bare date; a heading of who may apply ("二、申报主体") is no such word
        request = _REQUEST.search(s)
        if not (_WORD.search(s) or request or _WORD.search(_WHO_HEAD.sub(" ", unit.section[-80:]))):
            continue
        if _ROLLING.search(s):
            rolling = rolling or s
        if _LATER.search(s):
            later = later or s
        dates = _dates(s, year_of) if not (states_validity(s) and not _WORD.search(s)) else []
        days = recurring_days(s)  # "每年第一季度申报", "during the first seven days of each month"
        if _RECURRING.search(s) or days:  # "每年3月1日至3月31日": the same days each year
            pairs = [(a[0], b[0]) for a, b in zip(dates, dates[1:], strict=False)
                     if _RANGE.match(_timeless(s[a[2]:b[1]]))]
            if pairs and yearly is None and _by_applicant(s[:dates[0][1]]):
                yearly = (*pairs[0], s)
            elif yearly is None and (by := yearly_deadline(s)):  # "企业于每年3月底前申报": a deadline each year
                yearly = (None, by, s)
            elif yearly is None and days:
                yearly, period = (days[0], days[1], s), days[2]
            continue
        if dates and not (_by_applicant(s[:dates[0][1]]) and not _AFTER_DATE_AUTHORITY.match(s, dates[0][2])):
            reported += [(iso, s) for iso, start, end in dates if _REPORTED.search(s) and _deadline(s, start, end)]
            continue
        if not dates:
            continue
        if request:
            requests += [(iso, s) for iso, start, end in dates if _deadline(s, start, end)]
            continue
        held = -1  # the second date of a range of days an event is held
        for i, (iso, start, end) in enumerate(dates):
            if i == held or _others(s, start, end, dates[i - 1][2] if i else 0):
                continue
            before, after = s[max(0, start - 45):start], _timeless(s[end:end + 24])
            nxt = dates[i + 1] if i + 1 < len(dates) else None
            if nxt and _RANGE.match(_timeless(s[end:nxt[1]])):
                if HELD.match(s, nxt[2]) or HELD_BEFORE.search(s[max(0, start - 30):start]):  # the fair's own days
                    held = i + 1
                    continue
                opens.append((iso, s))
                closes.append((nxt[0], s))
            elif _FROM_ISSUE.search(before):  # "即日起至2027年1月31日": open since the notice was issued
                closes.append((iso, s))
                if year_of:
                    opens.append((year_of.isoformat(), s))
            elif _deadline(s, start, end):
                closes.append((iso, s))
            elif _OPEN_BEFORE.search(before) or _OPEN_AFTER.match(after):
                opens.append((iso, s))
    if not (closes or rolling or yearly or later):  # a firm's request, else the applicant's window closes no later
        closes = requests or reported
    if not (opens or closes or rolling) and yearly:
        return {"opens": yearly[0], "closes": yearly[1], "rolling": False, "later": False, "yearly": True,
                **({period: True} if period else {}), "quote": " ".join(yearly[2].split())}
    if not (opens or closes or rolling or later):
        return None
    close = max(closes) if closes else None
    start = min(opens) if opens else None
    if start and close and start[0] > close[0]:  # "the fair opens on 9 March, so the last day is 8 March"
        start = None
    quote = close[1] if close else start[1] if start else rolling or later
    return {"opens": start[0] if start else None, "closes": close[0] if close else None,
            "rolling": bool(rolling) and close is None, "later": bool(later) and not (close or start or rolling),
            "quote": " ".join(str(quote).split())}
