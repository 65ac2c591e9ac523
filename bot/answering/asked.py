"""The kind of answer a question asks (an amount, a count, a date, a contact…) and what holds each kind.

A quote answers "how much" only if it holds a sum of money or a share, "how many" a number with a
counting word, "when" a date, "whom to call" a telephone number or a name, "which document number" a
number in its issuer's form, "who issued it" a body's name, "is it still in force" a statement of a
period (the issuer's and the period's lines are looked up apart: bot/answering/stated.py). The slot
checks (bot/answering/slots.py) ask ``holds_kind`` of the quote.
"""

from __future__ import annotations

import re

_TIME_UNITS = "天|日|年|月|周|工作日|小时|分钟"
_CLASSIFIERS = "家|个|名|项|人|户|批|次|条|种|所|位|款|台|件|类|份|套|张"
_EN_SPANS = r"\s+(?:(?:working|business|calendar|full)\s+)?(?:days|months|years|weeks)\b"
_QUERIES = r"(?:(?:en|in)quir(?:y|ies)|queries|questions)"

_ITSELF = r"(?:通知|办法|政策|措施|文件|细则|意见|指引|指南|方案|规定|条例|公告|通告|规划|这份|那份)"
_EN_ITSELF = (r"(?:the|this|that) (?:notice|circular|polic(?:y|ies)|measures?|rules?|regulations?|document|scheme|"
              r"programme|guidelines?|opinions?|plan|announcement)\b[^?]{0,60}?")
_BODIES = (r"(?:departments?|ministr(?:y|ies)|agenc(?:y|ies)|authorit(?:y|ies)|bod(?:y|ies)|offices?|bureaus?|"
           r"governments?|organi[sz]ations?)")
# Who issued the notice (哪个单位发的, 哪几个部门联合印发): its 落款 or letterhead, not a body it names.
_ISSUER_ASKED = re.compile(
    r"(?:哪个|哪些|哪几个|哪一?家|什么|哪级)(?:单位|部门|机关|机构|政府|部委|厅局)[^，,。？?]{0,6}?"
    r"(?:联合)?(?:印发|发布|出台|下发|制定|发文|颁布|发(?=的|[？?]|$))|"
    r"(?:谁|哪里)(?:联合)?(?:印发|发布|出台|下发|制定|颁布|发)的|发文(?:单位|机关|部门)|印发(?:单位|机关|部门)|落款(?:单位|是)|"
    r"(?:几|多少)个(?:单位|部门|机关)[^，,。？?]{0,4}?(?:联合)?(?:印发|发布|出台|下发|制定|发文|颁布|发(?=的|[？?]|$))|"
    r"\bwho (?:issued|published|released|signed)\b|"
    r"\bwhich (?:[\w'’-]+ ){0,2}" + _BODIES + r" (?:jointly )?(?:issued|published|released|signed)\b|"
    r"\b(?:issuing|issued by) (?:which|what|whom)\b|\bissuing (?:authority|body|department)\b", re.I)
# Whether or until when the notice itself is in force (这个政策管到哪年, 通知有效期到什么时候, 还作数吗): the
# line stating its own period. 证书有效期 or 认定有效期 is another period, asked as a date or a duration.
_VALIDITY_ASKED = re.compile(
    _ITSELF + r"[^，,。？?证资认称贷]{0,12}?(?:有效期|执行期|实施期|施行期|管到|作数|算数|还有效|还能用|还适用|"
    r"是否有效|失效|废止|过期|到期|"
    r"(?:什么时候|何时|哪天|哪一天)(?:起|开始)?(?:施行|实施|执行|生效|实行|试行))|"
    r"(?:文件|政策|通知|办法)(?:的)?(?:有效期|施行日期|实施日期|生效日期)|"
    r"\b" + _EN_ITSELF + r"\b(?:still (?:valid|in force|in effect|effective|applies|apply)|"
    r"valid (?:until|till|through)|in (?:force|effect) (?:until|till)|expire|lapse|take effect|"
    r"come into (?:force|effect)|repealed)\b|"
    r"\bwhen (?:does|did|will) " + _EN_ITSELF + r"\b(?:expire|lapse|end|take effect|come into (?:force|effect))\b|"
    r"\bis " + _EN_ITSELF + r"\bstill\b|"
    r"\b(?:still|remains?) (?:valid|in force|in effect)\b|\bno longer (?:valid|in force|in effect)\b|"
    r"\bperiod of validity\b|\b(?:expiry|expiration) date of " + _EN_ITSELF, re.I)

_SELF_APPLY_ASKED = re.compile(
    r"(?:需要|要不要|用不用|是否需要|需不需要|还要|必须|得)(?:企业|我们|单位|公司)?(?:自己|主动|另行|再|单独)?(?:去)?"
    r"(?:申请|申报|提交|报)(?:吗|么|[？?]|$)|免申即享吗|是不是免申即享|是否免申即享|(?:自己|主动)(?:去)?(?:申请|申报|报)|"
    # English as a yes-no question ("Does a firm have to apply…?"); "Which employers have to apply" asks names.
    r"^\s*(?:does|do|is|are|must|should|will|can)\b[^?]*?(?:\b(?:have|has|need|needs) to apply\b|"
    r"\bapply (?:on (?:its|their|our) own|separately|themselves)\b|\bwithout (?:applying|an application)\b|"
    r"\bautomatic(?:ally)?\b)", re.I)

ASKS: list[tuple[str, re.Pattern[str]]] = [
    ("issuer", _ISSUER_ASKED),
    ("validity", _VALIDITY_ASKED),
    # The document a notice rests on (根据《…》（国办发〔2021〕57号）): a title in 《》 or a number.
    ("basis", re.compile(r"(?:根据|依据|依照|按照|落实|贯彻)(?:的是)?(?:什么|哪个|哪份|哪一?部|哪些)|"
                         r"(?:based on|implement(?:s|ed|ing)?|pursuant to|under) which\b|"
                         r"\bwhich (?:[\w'’-]+ ){0,6}(?:document|notice|plan|rules?|regulations?|law|measures|"
                         r"circular|policy|opinions?|decision|guidelines?)\b[^?]{0,120}?"
                         r"\b(?:based on|implement(?:s|ed)?|pursuant to|follow(?:s|ed)?|use[sd]?)\b", re.I)),
    ("docno", re.compile(r"文号|发文字号|发文号|文件编号|document number|reference number|"
                         r"what is the number of (?:the|this) (?:notice|circular|document)", re.I)),
    # 找谁, and 找省商务厅谁 / 找市商务局哪位: whom at a body to ask.
    ("contact", re.compile(r"找谁|找[^，,。？?\s谁]{1,12}?(?:哪位|谁)|联系谁|联系人|"
                           r"联系方式|电话|電話|专线|專線|热线|熱線|传真|傳真|fax\b|"
                           r"whom? (?:should|can|could|do|shall) (?:i|we) (?:contact|call|ask|phone)|"
                           # "Who at the finance department handles…", "who handles enquiries", "who can
                           # answer questions about…": the person a notice names for queries.
                           r"\bwho (?:at|in) (?:the )?[\w'’ -]{2,60}? (?:handles?|deals? with|is in charge)\b|"
                           r"\bwho (?:handles?|deals? with|answers?|takes?) (?:the )?" + _QUERIES + r"\b|"
                           r"\bwho can (?:answer|help with) (?:my |our |the )?" + _QUERIES + r"\b|"
                           r"\bwhat(?:'s|’s| is) (?:the|their|its) (?:phone |telephone |contact )?number\b(?! of)|"
                           r"contact|phone|telephone|hotline", re.I)),
    ("docno", re.compile(r"第几号")),
    ("day", re.compile(r"哪天|哪一天|几月几[日号]|(?<!第)几号|截止日期|截止时间|截止到|日期是|哪几天|"
                       r"\bwhat date|\bwhich date|\bwhich day|\bdeadline|\bby what date", re.I)),
    # 期限最长几年, 几个月内: a length of time, though 期限 or 月 would read as a date below.
    ("duration", re.compile(r"(?:几|多少)(?:个月|年(?![度级份])|周)|最长(?:几|多少)|多少年")),
    ("date", re.compile(r"什么时候|什么时间|何时|哪一?年(?!级)|(?<![个多少])几月|哪个月|截止|截至日期|日期|期限|时间是|"
                        r"哪段时间|什么期间|起止时间|"
                        r"\bwhen\b|\bwhat (?:time )?period\b|\bwhich period\b|\bwhich dates\b|"
                        r"\b(?:start|end|expiry|expiration|closing|effective) dates?\b|"
                        r"\bdeadline|\bwhat date|\bwhich date|\bby what date|\bdue\b|"
                        r"\bclos(?:e|es|ing)\b", re.I)),
    # 几个平方 / 多少平米: a member's area, not a count of 个.
    ("area", re.compile(r"(?:多少|几)个?平(?:方|米)|面积(?:多大|上限|是多少)|最大申报面积|how many square met", re.I)),
    # 裁员率不能超过多少, 返还比例: any rate (X率) asked with 多少 wants a share.
    # 补几个点, 按几个点算: percentage points, not a count of 个.
    ("rate", re.compile(r"比例|费率|利率|百分之|多少%|几成|份额|几个(?:百分)?点(?!钟)|多少个(?:百分)?点(?!钟)|"
                        r"[\u4e00-\u9fff]率(?:要求|标准)?(?:不能超过|不得超过|不超过|不高于|不低于|最高|最低|能到|可达|要|需)?"
                        r"(?:是|为)?多少|percentage|\brate\b|\bshare\b|how many percent", re.I)),
    # "how many months" asks a duration ("满12个月"), not any number ("附件：1."): read as one below.
    # 哪几个部门 asks which ones (names), not how many; 多少份额 a share, not a count of 份.
    ("count", re.compile(rf"多少(?:{_CLASSIFIERS})(?!额)|(?<!哪)几(?:{_CLASSIFIERS})(?!额)|"
                         rf"\bhow many\b(?!{_EN_SPANS})|\bnumber of\b", re.I)),
    ("amount", re.compile(r"多少钱|多少元|多少万|多少亿|多少美元|多少港元|金额|上限|最高|最多|额度|"
                          r"标准是多少|补贴多少|补助多少|奖励多少|资助多少|支持多少|多少补贴|"
                          # Colloquial: a verb of paying or reaching, then 多少 with no counting word
                          # or time unit after it (大企业按多少返, 投资要到多少才能报, 一年能拿多少).
                          rf"[补奖返给拿拨发退贴到按领]多少(?!\s*(?:{_CLASSIFIERS}|{_TIME_UNITS}))|"
                          r"多少(?:才|以内|以上|以下|封顶)|"
                          r"\bhow much\b|\bwhat is the total\b|"
                          r"\bwhat (?:[\w-]+ ){0,2}(?:subsid(?:y|ies)|awards?|rewards?|refunds?|grants?|bonus)\b|"
                          r"\bcap\b|\bceiling\b|\bmaximum\b|\bamount\b|"
                          r"\bup to what\b|\blimit\b", re.I)),
    ("duration", re.compile(r"多少天|多久|几天|多长时间|多少个?工作日|how long|"
                            rf"how many{_EN_SPANS}", re.I)),
    # Whether a firm must apply or gets it without applying (免申即享): read last, after any figure asked.
    ("self_apply", _SELF_APPLY_ASKED),
]
_MONEY = re.compile(r"(?<![\d,.])\d[\d,.]*\s*(?:(?:万|亿|千)\s*)?(?:元|美元|港元|块|人民币)|"
                    r"(?:HK\$|US\$|\$|RMB|¥|￥)\s*\d|"
                    r"(?<![\d,.])\d[\d,.]*\s*(?:(?:million|billion|thousand)\s*)?(?:yuan|dollars|usd|hkd|rmb)\b|"
                    r"(?<![\d.])[\d.]+\s*[%％]|"
                    r"百分之|(?<![一二三四五六七八九十百千两])[一二三四五六七八九十百千两]+(?:万|亿)?元", re.I)
_RATE = re.compile(r"(?<![\d.])[\d.]+\s*[%％]|百分之|(?<![\d.])[\d.]+\s*(?:倍|成)|"
                   r"\bpercent|\bbasis points?|\bBP\b|个基点", re.I)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_DATE = re.compile(r"(?:19|20)\d{2}\s*[年./-]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|"
                   r"\d{1,2}\s*月(?:底|初|中旬|下旬|上旬)|(?:19|20)\d{2}年|"
                   rf"\b{_MONTHS}\.?\s+\d{{1,2}}|\b\d{{1,2}}\s+{_MONTHS}|\b(?:19|20)\d{{2}}\b|"
                   r"工作日|个月内|日内|天内|之日起|当月|次月|每年|每月|年底|年初|长期有效", re.I)
_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?:19|20|1[01])\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|"
                  rf"\b{_MONTHS}\.?\s+\d{{1,2}}|\b\d{{1,2}}\s+{_MONTHS}|"
                  r"(?<![一二三四五六七八九十])[一二三四五六七八九十]+月[一二三四五六七八九十]+日|"
                  r"(?<!\d)\d+\s*个?(?:工作日|日|天)(?:内|前|以内)|within \d+ (?:working )?days", re.I)
_AREA = re.compile(r"平方米|㎡|m²|m2\b|square met", re.I)
_PHONE = re.compile(r"\d{3,4}[-－ ]?\d{7,8}|\b\d{5}\b|\d{3}-\d{4}-\d{4}|(?<!\d)\d{4}[-－ ]\d{4}(?!\d)|"
                    r"电话|联系人|contact|tel\b", re.I)
_COUNT = re.compile(rf"(?<![\d,])\d[\d,]*\s*(?:{_CLASSIFIERS}|余|多)|"
                    rf"(?<![一二两三四五六七八九十百千万])[一二两三四五六七八九十百千万]+(?:{_CLASSIFIERS})|"
                    r"(?<![\d,])\b\d[\d,]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
                    r"dozens?|hundreds?)\b", re.I)
_UNITS = "(?:个)?(?:工作日|历日|自然日|日|天|个月|月|年|周)"
_DURATION = re.compile(rf"(?<!\d)\d+\s*{_UNITS}|(?<![一二三四五六七八九十])[一二三四五六七八九十]+{_UNITS}|"
                       r"每(?:个)?(?:月|季度?|年度?|周|半年)|"  # 多久一次: how often
                       r"(?<!\d)\b\d+\s*(?:working )?(?:days?|months?|years?|weeks?)\b", re.I)
_DOCNO = re.compile(r"[〔［\[【(（]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*(?:第\s*)?\d+\s*号|"
                    r"(?<![\d.])(?:19|20)\d{2}\s*年\s*第\s*\d+\s*号|令\s*第\s*\d+\s*号|\bNo\.\s*\d+", re.I)
_BASIS = re.compile(r"《[^《》\n]{2,80}》|[〔［\[]\s*(?:19|20)\d{2}\s*[〕］\]]\s*(?:第\s*)?\d+\s*号|"
                    r"\b(?:No\.|Circular|Notice|Decision|Measures|Opinions)\b", re.I)
_ISSUER = re.compile(r"[\u4e00-\u9fff](?:部|厅|局|委|委员会|办公室|办公厅|政府|海关|银行|中心|协会|商会|联合会|窗口|"
                     r"公司|管委会)|"
                     r"\b(?:Ministry|Department|Bureau|Commission|Office|Government|Customs|Administration|Council|"
                     r"Association|Federation|Chamber)\b")
_VALIDITY = re.compile(r"有效|施行|实施|执行|生效|废止|失效|期满|"
                       r"\b(?:valid|in force|in effect|effect|expire[sd]?|lapses?|repealed)\b", re.I)
_SELF_APPLY = re.compile(
    r"免申|无需(?:另行|单独|企业)?(?:提出|提交|办理)?(?:申请|申报)|不(?:需|需要|用)(?:企业)?(?:另行|单独)?(?:提出|提交)?(?:申请|申报)|"
    r"直接(?:拨付|兑现|发放|返还)|主动(?:申请|申报|提出|向)|自行(?:申请|申报|提出)|须(?:自行|主动|单独|另行)|"
    r"(?:应|须|需)(?:当)?(?:于|在)?[^。；;]{0,20}?(?:提出|提交)(?:申请|申报)|"
    r"\bwithout (?:an )?application\b|\bautomatic(?:ally)?\b|\b(?:must|shall|should|need to) apply\b|"
    r"\bapply on (?:its|their) own\b|\bno (?:need|application)\b", re.I)
HOLDS = {"self_apply": _SELF_APPLY, "issuer": _ISSUER, "validity": _VALIDITY, "basis": _BASIS, "docno": _DOCNO,
         "contact": _PHONE, "day": _DAY, "date": _DATE, "area": _AREA, "rate": _RATE, "count": _COUNT, "amount": _MONEY,
         "duration": _DURATION}


_UNIT = re.compile(rf"(?:多少|几)({_CLASSIFIERS})")


def asked_kind(question: str) -> str | None:
    """The kind of answer asked. An English question puts its question words first, so the kind
    matched earliest wins ("how much is awarded when … is listed" asks an amount, not a date);
    a Chinese one is read in ``ASKS`` order (每个省最多推荐几个 asks a count, not an amount)."""
    if re.search(r"[\u4e00-\u9fff]", question):
        return next((kind for kind, pattern in ASKS if pattern.search(question)), None)
    found = [(m.start(), i, kind) for i, (kind, pattern) in enumerate(ASKS) if (m := pattern.search(question))]
    return min(found)[2] if found else None


_PERSONS = "人名位"
"""Counting words of people: 几个人 is answered by "2名", "3位" or "5人"."""


def counting_word(question: str) -> str | None:
    """The counting word a count question names (多少家企业 -> 家): the quote's number must carry it.
    People are counted by any of 人, 名, 位 (几个人, 多少名): the word is then ``_PERSONS``."""
    found = _UNIT.search(question)
    if not found:
        return None
    word = found.group(1)
    if word in _PERSONS or (word == "个" and question[found.end():found.end() + 1] == "人"):
        return _PERSONS
    return word
