"""A notice's own validity read from its sentences: effective date and expiry date, in English and
Chinese ("本通知自2025年1月1日起施行，有效期3年", "This notice takes effect on 1 March 2022").

A statement counts only when it is about the document itself (``read_validity``); a period is
counted only from an exact effective day; anything else is None, never a guess.

A status line or banner that says the document is repealed ("【效力状态：已废止】", "本文件自2026年8月1日
起废止", "本通知已被…替代", "Status: repealed", "This notice was repealed on 1 August 2026", "These
measures are no longer in force") beats what the body says of its period, wherever it stands: the
document's last day is the day before the repeal, or, when the line gives no day, its issue (or
effective) date, the only day the text gives; a scheduled end ("期满自动失效") is no repeal.
"""

from __future__ import annotations

import datetime as dt
import re

from core.dates import DATE_PATTERNS, add_period, match_to_iso

_CJK = "\u4e00-\u9fff"
# Sentences: Chinese marks anywhere, Western ones before a capital (so "No. 15" stays whole).
_SENTENCE = re.compile(r"[^\n。！？!?]*?(?:[。！？!?]|\.(?=\s+[A-Z“\"(])|\n|$)")
_ZH_SUBJECT = re.compile(
    rf"本[{_CJK}]{{0,8}}?(?:通知|办法|政策|意见|规定|细则|方案|措施|文件|决定|公告|通告|条例|规则|规划|标准|意见)")
_EN_SUBJECT = re.compile(
    r"\b(?:this|the\s+present|these)\s+(?:notice|circular|policy|policies|measures?|regulations?|rules?"
    r"|document|announcement|provisions?|scheme|programme|program|order|decision|guidelines?|opinions?"
    r"|plan|notification|directive|interim\s+measures)\b", re.I)
_ENUM_PREFIX = re.compile(
    r"^\s*(?:(?:第[一二三四五六七八九十百零〇\d]{1,6}条|[一二三四五六七八九十]{1,4}、|[(（][一二三四五六七八九十\d]{1,4}[)）]"
    r"|\d{1,2}[.、])\s*)?$")
_ZH_START_BEFORE = re.compile(r"(?:自|从|于)\s*$")
_ZH_START_AFTER = re.compile(r"\A\s*(?:(?:起|开始)\s*)*(?:正式\s*)?(?P<verb>施行|生效|实施|执行|试行)")
_ZH_START_LABEL = re.compile(r"(?:施行|生效|实施|执行|启用)(?:日期|时间)(?:\s*[:：])?\s*$")
_LABEL_LINE = re.compile(r"^[^:：。.!?]{1,40}[:：]")
_ZH_FROM_ISSUE = re.compile(r"自(?:印发|发布|公布|下发|颁布|签发|发文|公告)之日起(?:正式)?(?:施行|实施|执行|生效)")
_EN_START_BEFORE = re.compile(
    r"(?:effective(?:\s+date)?|effective\s+(?:from|on|as\s+of)|date\s+of\s+effect|commencement(?:\s+date)?"
    r"|(?:take|takes|took|taking)\s+effect\s+(?:on|from|as\s+of)|(?:come|comes|came|enter|enters|entered)"
    r"\s+into\s+(?:force|effect|operation)\s+(?:on|from|as\s+of)|in\s+(?:force|effect)\s+(?:from|as\s+of|on)"
    r"|(?:years?|months?)\s+(?:from|starting(?:\s+on)?|as\s+of)"
    r"|(?:valid|applies|apply)\s+from|implemented\s+(?:from|on|as\s+of)|with\s+effect\s+(?:from|on))"
    r"(?:\s*[:：])?\s*$", re.I)
_EN_FROM_ISSUE = re.compile(
    r"(?:(?:effect|effective|force)\s+(?:from|on|as\s+of|upon)|(?:years?|months?)\s+from)\s+(?:the\s+date\s+of\s+)?"
    r"(?:its\s+)?(?:issue|issuance|publication|promulgation|signature|release)\b", re.I)
_ZH_END_BEFORE = re.compile(
    r"(?:有效期(?:限)?|执行期(?:限)?|实施期(?:限)?|施行期(?:限)?|有效|执行|实施|施行)\s*(?:[，,]\s*)?(?:(?:为|是)\s*)?"
    r"(?:至|到|截至|截止(?:到|至)?)(?:\s*[:：])?\s*$|(?:失效|废止)(?:日期|时间)(?:\s*[:：])?\s*$")
_EN_END_BEFORE = re.compile(
    r"(?:valid\s+(?:until|till|through|thru|to)|expir(?:es|y|ation)(?:\s+date)?(?:\s+on)?|expire\s+on"
    r"|(?:in|remains?\s+in|remain\s+in)\s+(?:force|effect)\s+(?:until|till|through)|valid\s+thru"
    r"|cease[sd]?\s+to\s+have\s+effect\s+on|end\s+date|effective\s+(?:until|through)|lapses?\s+on)"
    r"(?:\s*[:：])?\s*$", re.I)
# "These rules apply to applications received between 1 March 2025 and 28 February 2026, and they lapse at the
# end of that period", "本细则适用于…期间受理的申请，期满自动失效": the document ends with the period it names
_LAPSES_WITH = re.compile(r"\b(?:lapse|expire|cease\s+to\s+have\s+effect)s?\s+(?:at|with)\s+the\s+end\s+of\s+"
                          r"(?:that|this|the\s+same)\s+period\b|期满(?:后)?(?:自动)?(?:失效|废止)", re.I)
_RANGE_BEFORE = re.compile(r"(?:至|到|—|–|~|～|-|\bto|\buntil|\btill|\bthrough)\s*$", re.I)
_RANGE_CONTEXT = re.compile(r"有效期|执行期|实施期|施行期|试行期|期限|施行|执行|实施|\bvalid|\bin\s+(?:force|effect)"
                            r"|\beffective|\bappl(?:y|ies)\s+from|\bruns?\s+from", re.I)
_NUM = r"[0-9]{1,2}|[一二两三四五六七八九十]{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
_ZH_PERIOD = re.compile(
    rf"(?:有效期|试行期|执行期|实施期)(?:限)?\s*(?:(?:为|是)\s*)?(?P<n>{_NUM})\s*(?P<unit>年|个月|个月份)")
_EN_PERIOD = re.compile(
    rf"\b(?:valid(?:ity)?|effective|in\s+(?:force|effect))\s+(?:period\s+)?(?:(?:is|of|for)\s+)?(?:a\s+period\s+of\s+)?"
    rf"(?P<n>{_NUM})\s+"
    r"(?P<unit>years?|months?)\b", re.I)
_STATUS_LABEL = re.compile(
    r"(?:^|[【\[［(（])\s*(?:效力状态|效力|时效性|时效|有效性|文件状态|状态|(?:legal\s+|validity\s+|document\s+)?status"
    r"|validity)\s*[:：]\s*(?P<v>(?:《[^》\n]{0,60}》|[^\n。；;】\]］)）《]){1,40})", re.I)
_REPEALED = re.compile(
    r"废止|失效|作废|废除|停止执行|不再执行|(?:替代|取代|代替)|\b(?:repealed|revoked|rescinded|annulled|withdrawn"
    r"|abolished|superseded|replaced|expired|invalid|no\s+longer\s+(?:in\s+force|valid|in\s+effect|effective|applies)"
    r"|not\s+in\s+force|ceased)\b", re.I)
_NOT_REPEALED = re.compile(r"(?<!已)(?<!已经)(?:现行)?有效$|^(?:in\s+force|valid|current|effective)$", re.I)
_ZH_REPEAL = re.compile(
    rf"本[{_CJK}]{{0,8}}?(?:通知|办法|政策|意见|规定|细则|方案|措施|文件|决定|公告|通告|条例|规则)"
    r"[^，。；,;《》〈〉原期满到届]{0,40}?(?:已经?|即)?(?:被[^，。；,;]{0,60}?)?"
    r"(?:废止|作废|废除|停止执行|不再执行|(?<!自动)失效|替代|取代|代替)")
_EN_REPEAL = re.compile(
    r"\b(?:this|the\s+present|these)\s+(?:notice|circular|polic(?:y|ies)|measures?|regulations?|rules?|document"
    r"|announcement|provisions?|scheme|programme|program|guidelines?|opinions?|plan)\b[^.;]{0,40}?"
    r"\b(?:(?:was|were|has\s+been|have\s+been|is|are|stands?)\s+(?:hereby\s+)?(?:repealed|revoked|rescinded|annulled"
    r"|withdrawn|abolished|superseded|replaced)|(?:is|are|was|were)\s+no\s+longer\s+(?:in\s+force|valid|in\s+effect"
    r"|effective))\b[^.;]{0,40}", re.I)
_SCHEDULED = re.compile(r"期满|到期|届满|自动失效|upon\s+expiry|automatically", re.I)
_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def sentences(lines: list[str]) -> list[str]:
    """The sentences of normalised lines: validity and replacement statements are read per sentence."""
    return [s.strip() for line in lines for s in _SENTENCE.findall(line) if s.strip()]


def _dates(sentence: str) -> list[tuple[str, int, int]]:
    """Every readable date in ``sentence``: (ISO, start, end), left to right, not overlapping."""
    found: list[tuple[str, int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(sentence):
            iso = match_to_iso(m)
            if iso and not any(s < m.end() and m.start() < e for _, s, e in found):
                found.append((iso, m.start(), m.end()))
    return sorted(found, key=lambda d: d[1])


def read_validity(lines: list[str], issue_date: str | None) -> tuple[str | None, str | None]:
    """(effective date, expiry date): the last statement of each about the document itself: its
    sentence names the document ("本通知", "this notice") or opens with it (after an article
    number), as a label does. "证书有效期至…" is about something else."""
    effective = expiry = None
    period: tuple[int, int] | None = None
    for sentence in sentences(lines):
        if repeal(sentence):  # "repealed with effect from …" starts nothing (``_repealed``)
            continue
        # A sentence that starts the document's validity also speaks of it for the rest
        # ("自2025年1月1日起施行，有效期至2027年12月31日").
        # A labelled line ("Period of validity: …", "有效期限：…") is the document's own record too.
        own = bool(_ZH_SUBJECT.search(sentence) or _EN_SUBJECT.search(sentence)) or \
            (len(sentence) <= 120 and bool(_LABEL_LINE.match(sentence)))
        if (_ZH_FROM_ISSUE.search(sentence) or (own and _EN_FROM_ISSUE.search(sentence))) and issue_date:
            effective, own = issue_date, True
        previous: str | None = None
        for iso, start, end in _dates(sentence):
            before, after = sentence[max(0, start - 40):start], sentence[end:end + 12]
            if _ZH_START_LABEL.search(before) and \
                    (own or _ENUM_PREFIX.match(_ZH_START_LABEL.sub("", sentence[:start]))):
                effective, own = iso, True
            elif _ZH_START_BEFORE.search(before) and (m := _ZH_START_AFTER.match(after)):
                if m["verb"] in ("施行", "生效") or own or _ENUM_PREFIX.match(sentence[:start].rstrip()[:-1]):
                    effective, own = iso, True
            elif _EN_START_BEFORE.search(before) and \
                    (own or _ENUM_PREFIX.match(_EN_START_BEFORE.sub("", sentence[:start]))):
                effective, own = iso, True
            elif (m := _ZH_END_BEFORE.search(before) or _EN_END_BEFORE.search(before)) and \
                    (own or _ENUM_PREFIX.match(sentence[:start - len(m[0])])):
                expiry = iso
            elif previous and _RANGE_BEFORE.search(before) and _RANGE_CONTEXT.search(sentence) and \
                    (own or _ENUM_PREFIX.match(_RANGE_CONTEXT.split(sentence, 1)[0])):
                effective, expiry = previous, iso
            previous = iso
        if own and (lapse := _LAPSES_WITH.search(sentence)) and len(ends := [d for d in _dates(sentence)
                                                                           if d[2] <= lapse.start()]) >= 2:
            expiry = ends[-1][0]  # the period's last day, named before the words that end the document with it
        m = _ZH_PERIOD.search(sentence) or _EN_PERIOD.search(sentence)
        if m and (own or _ENUM_PREFIX.match(sentence[:m.start()])):
            n = _count(m["n"])
            if n:
                period = (n, 0) if m["unit"].lower().startswith(("年", "year")) else (0, n)
    if expiry is None and period is not None and effective is not None:
        expiry = add_period(effective, *period)  # only from an exact effective day
    repealed = _repealed(lines, issue_date or effective)
    if repealed is not None and (expiry is None or repealed < expiry):
        expiry = repealed  # the banner beats the body
    return effective, expiry


def states_validity(sentence: str) -> bool:
    """Whether ``sentence`` states the document's own period ("本办法自发布之日起执行，至2027年12月31日止",
    "This notice remains in force until 31 December 2027")."""
    s = sentence[:400]
    return bool((_ZH_SUBJECT.search(s) or _EN_SUBJECT.search(s)) and _RANGE_CONTEXT.search(s))


def _day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def _repealed(lines: list[str], fallback: str | None) -> str | None:
    """The last day in force that a status line or a repeal of the document itself gives: the day
    before the repeal's day, else ``fallback`` (the issue date) when the line gives none; None when
    nothing says the document is repealed. The earliest such day wins."""
    days: list[str] = []
    said = False
    for sentence in sentences(lines):
        label = _STATUS_LABEL.search(sentence)
        if label and _REPEALED.search(label["v"]) and not _NOT_REPEALED.search(label["v"].strip()):
            said = True
            days += [_day_before(iso) for iso, _, _ in _dates(label["v"])[:1]]
        if m := repeal(sentence):
            said = True
            days += [_day_before(iso) for iso, s, _ in _dates(sentence) if m.start() <= s < m.end()][:1]
    if days:
        return min(days)
    return fallback if said else None


def repeal(sentence: str) -> re.Match[str] | None:
    """The words of ``sentence`` repealing the document itself, not a scheduled end."""
    for m in (_ZH_REPEAL.search(sentence), _EN_REPEAL.search(sentence)):
        if m is not None and not _SCHEDULED.search(m[0]):
            return m
    return None


def _count(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    if text in _WORD_NUMBERS:
        return _WORD_NUMBERS[text]
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_ZH_DIGITS.get(tens, 0) if tens else 1) * 10 + (_ZH_DIGITS.get(ones, 0) if ones else 0)
    return _ZH_DIGITS.get(text) if len(text) == 1 else None
