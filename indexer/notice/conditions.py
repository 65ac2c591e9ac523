"""The typed conditions one unit of a notice states: a list item or a sentence about who may apply.

What a unit says of the applicant is read into types the finder checks against a company profile:

- ``region``: registration, tax or administrative-area phrasings ("工商注册地和税务征管关系均在柯桥区",
  "在浙江省行政区域内依法登记注册", "registered within the administrative area of Jiangsu Province",
  "place of registration and tax registration are both in Hangzhou"); "本区"/"我市" is the issuer's place;
- ``annual_exports_{usd,cny}_{min,max,range}``, ``annual_revenue_…``, ``employees_…``: a bound attributed
  to the measure it follows (``indexer.notice.amounts``); an amount about something else (investment,
  R&D spending, the subsidy itself) is no typed condition;
- ``sector`` and ``enterprise_size`` (``indexer.notice.vocabulary``), ``specialised``
  (专精特新), ``first_time``, ``no_violations`` (with the years when stated).

Book titles (《中小企业划型标准规定》) are blanked first: a standard's name is no condition. Every
pattern is bounded and runs on a unit cut to MAX_SENTENCE characters.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.notice.amounts import Bound, bounds_in
from indexer.notice.benefits import BENEFIT
from indexer.notice.regions import regions_in
from indexer.notice.vocabulary import PARENT, SECTORS, SPECIALISED, sectors_in, sizes_in

__all__ = ["PARENT", "SECTORS", "conditions_in", "excluded_conditions", "exemption", "is_exclusion", "sectors_in",
           "shuts_out", "untyped_requirement"]

MAX_SENTENCE = 400

_FIRST = re.compile(
    r"首次|第一次|初次|此前未|从未|未曾|尚未(?:获得|享受|参加|申报)|for\s+the\s+first\s+time|first[-\s]time"
    r"|(?:its|their)\s+(?:very\s+)?first\s+(?!year|half|quarter|month|time)"
    r"|\ba\s+first\s+(?:participation|appearance|exhibition|showing|entry)\b"
    r"|never\s+(?:have\s+|has\s+|had\s+)?(?:before\s+|previously\s+)?(?:exhibited|received|applied|participated"
    r"|taken\s+part|benefited)"
    r"|(?:has|have)\s+not\s+(?:previously\s+|yet\s+)?(?:exhibited|received|applied|participated|benefited)"
    r"|not\s+(?:have\s+|has\s+)?(?:previously\s+|yet\s+|already\s+)?(?:received|obtained|benefited|exhibited|applied"
    r"|participated)[^.;]{0,60}?\b(?:before|previously)\b|未(?:曾)?(?:获得|享受|申报|参加|获)过", re.I)
_CLEAN = re.compile(
    r"(?:无|没有|不存在|不得(?:有|存在|发生|出现)|不能有|未(?:发生|受到|被|因|有|出现)?)[^，。；,;]{0,30}?(?:违法|违规|处罚|事故|失信|黑名单|不良(?:信用)?记录"
    r"|偷漏税|欠税|骗税|欠缴|拖欠)|不在[^，。；]{0,20}?(?:失信|黑名单|异常名录)|非失信|信用(?:记录)?良好|遵纪守法|不属于[^，。；]{0,12}失信"
    r"|信用(?:等级|评级|评价)[^，。；]{0,8}?[AB]\s?级?(?:及|或)?以上|credit\s+rating\s+of\s+[AB]\b"
    r"|\bno\s+(?:record\s+of\s+)?(?:any\s+)?(?:[a-z-]{3,24},?\s+(?:(?:or|and)\s+)?){0,4}?(?:violations?|illegal"
    r"|dishonest|penalt|breach|offen[cs]e|sanction|accidents?|incidents?)|\b(?:not|never)\s+(?:have\s+)?(?:be(?:en)?\s+)?(?:subject\s+to|penali[sz]ed|punished|blacklisted"
    r"|fined|sanctioned|on\s+the\s+list\s+of|listed\s+as|included\s+in|named|placed|put)[^.;]{0,60}?(?:penalt|dishonest|blacklist"
    r"|violation|sanction|list|offen[cs]e)|\b(?:not|never)\s+(?:ha(?:ve|s)\s+)?(?:been\s+)?(?:fined|penali[sz]ed|punished"
    r"|sanctioned|blacklisted|prosecuted)\b|good\s+(?:credit|standing|compliance)|clean\s+(?:compliance\s+|credit\s+)?record"
    r"|free\s+(?:of|from)\s+(?:any\s+)?(?:serious\s+|major\s+)?(?:violations?|penalties)", re.I)
_EXCLUDED = re.compile(r"(?:列入|纳入|被列为|认定为)[^，。；]{0,20}(?:失信|黑名单|异常名录)"
                       r"[^。；]{0,40}?(?:不予|不得|不能|取消|不再|除外)"
                       r"|(?:违法|违规|失信|黑名单|行政处罚|处罚|事故)[^。；]{0,40}?(?:的|者)[^。；]{0,12}?"
                       r"(?:(?:不予|不得|不能|不再|不享受|不纳入|取消)[^。；]{0,4}?(?:支持|受理|申报|享受|补助|奖励|返还|资助|范围|推荐|入选|拨付|兑付|兑现|发放)"
                       r"|除外)"
                       # one scan after the offence word for the three English endings (one pass, not three)
                       r"|(?:violations?|penalt\w{0,5}|dishonest\w{0,4}|blacklist\w{0,3}|offen[cs]es?|\bfined\b|sanctioned|penali[sz]ed"
                       r"|punished|convicted)[^.;]{0,120}?"
                       r"\b(?:(?:cannot|can\s+not|may\s+not|shall\s+not|must\s+not|is\s+not\s+allowed\s+to"
                       r"|are\s+not\s+allowed\s+to)\s+(?:apply|claim|benefit|be\s+supported|receive)"
                       r"|(?:are|is|will\s+be|shall\s+be)\s+(?:excluded|ineligible|not\s+eligible|disqualified"
                       r"|refused|rejected"
                       r"|not\s+(?:be\s+)?supported)"
                       r"|(?:are|is|will|shall)\s+not\s+(?:be\s+)?(?:paid|granted|recommended|considered|accepted|covered|funded"
                       r"|selected|eligible))"
                       r"|\bno\s+(?:support|funding|grant|subsidy|award)\s+(?:is|will\s+be|shall\s+be)\s+(?:given|granted"
                       r"|paid|provided)\s+to\b[^.;]{0,200}?(?:violation|penalt|dishonest|blacklist|offen[cs]e)"
                       r"|(?:on|in)\s+the\s+list\s+of\s+(?:seriously\s+)?dishonest[^.;]{0,60}(?:not|excluded|ineligible"
                       r"|refused|rejected|denied|turned\s+down|disqualified)"
                       # "有下列情形的企业不纳入服务范围：（一）近三年发生较大以上安全事故的": the lead-in inline
                       r"|(?:下列|以下)(?:情形|情况)[^。]{0,30}?(?:不予|不得|不能|不纳入|不列入|不享受)[^。]{0,20}?[:：][^。]{0,80}?"
                       r"(?:违法|违规|处罚|失信|黑名单|事故|异常名录)",
                       re.I)
_ALREADY = re.compile(r"已(?:经)?(?:获得|享受|取得)[^，。；]{0,16}?(?:本|此|该|同类)"
                      r"[^，。；]{0,10}?(?:支持|补助|奖励|资助|资金|政策|补贴)"
                      r"|already\s+(?:received|obtained|been\s+granted)[^.;]{0,40}?\b(?:this|the\s+same)\s+(?:programme|"
                      r"program|scheme|fund|grant|support)|already\s+received\s+(?:a|the)\s+(?:grant|subsidy|support)\s+"
                      r"(?:under|from)\s+this|(?:have|has)\s+(?:already\s+)?(?:received|obtained|been\s+granted)\s+"
                      r"(?:this|the\s+same|such)\s+(?:support|grant|subsidy|funding)", re.I)
_OFFENCE = re.compile(r"信用(?:等级|评级|评价)[^，。；]{0,8}?[CD]\s?级|\brated\s+[CD]\b"
                      r"|违法|违规|处罚|失信|黑名单|事故|骗取|套取|偷税|逃税|骗税|欠税|行贿|犯罪|刑事|异常名录|罚款"
                      r"|责令|停产整顿|吊销|violat|penal|\bfined\b|dishonest|blacklist|offen[cs]e|sanction|fraud|accident|criminal"
                      r"|convicted|abnormal\s+operations|suspend(?:ed)?\s+(?:production|operations|business)"
                      r"|ordered\s+to\s+(?:suspend|stop|close|cease|rectify)|revoked", re.I)
_NO_LIMIT = re.compile(r"(?:没有|无|不设|不作|不)(?P<zh>[^，。；]{0,8}?)(?:限制|门槛)|不限(?P<zh2>[^，。；]{0,6})"
                       r"|\bno\s{1,3}(?P<en>[\w -]{0,24}?)\s?(?:limits?|restrictions?|thresholds?)\b"
                       r"|regardless\s{1,3}of\s{1,3}(?:their\s|its\s)?(?P<en2>[\w -]{1,24})"
                       r"|(?P<any>of\s+any\s+size|规模不限)", re.I)
_LIFTED = ((re.compile(r"规模|大小|size|large|small|micro|medium", re.I), ("enterprise_size", "employees_")),
           (re.compile(r"出口|export", re.I), ("annual_exports_",)),
           (re.compile(r"营业收入|营收|销售|收入|revenue|turnover|sales|income", re.I), ("annual_revenue_",)),
           (re.compile(r"人数|员工|职工|从业|staff|employee|headcount|workforce", re.I), ("employees_",)),
           (re.compile(r"行业|产业|sector|industr", re.I), ("sector",)))
_YEARS = re.compile(r"(?:近|最近|过去)(?P<zh>[一二两三四五六七八九十\d]{1,2})\s?年|(?:past|last|previous|preceding)\s+"
                    r"(?P<en>\d{1,2}|one|two|three|four|five|six|ten)\s+(?:\(\d\)\s+)?years?", re.I)
_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())} | \
    {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}

_EXPORTS = r"进出口|(?:出口|外贸出口)(?:额|总额|金额|规模|销售额|交货值|值|业绩)?|外销(?:额|收入)?" \
    r"|exports?(?:ing)?(?:\s+(?:sales\s+)?(?:value|volume|sales|revenue|turnover))?|shipped|shipments?" \
    r"|export\s+(?:sales\s+)?(?:value|volume|revenue|turnover)|(?:overseas|foreign)\s+sales"
_REVENUE = r"(?:营业|销售|主营业务|经营|年)收入|营收|销售额|营业额|(?:sales\s+)?revenues?|turnover|sales" \
    r"|(?:operating|business|annual)\s+income"
_OTHER_MONEY = r"投入|投资|研发|费用|注册资本|资产|纳税|税收|利润|贷款|保费|补助|补贴|奖励|资助|支持|展位|合同" \
    r"|invest|R&D|research|spend|cost|capital|assets|tax|profit|loan|premium|subsid|grant|reward|support|fee|booth"
_MEASURE = re.compile(rf"(?P<staff>employees|staff|workforce|headcount|从业人员|职工|员工|用工)"
                      rf"|(?P<trade>进出口(?:额|总额)?|imports?\s+and\s+exports?|trade\s+(?:volume|value))"
                      rf"|(?P<exports>{_EXPORTS})|(?P<revenue>{_REVENUE})|(?P<other>{_OTHER_MONEY})", re.I)
_STAFF_AFTER = re.compile(r"\s?(?:full-time\s+)?(?:employees|staff|workers|people|persons|人|名)"
                          # "more than 20 but fewer than 500 employees": the count the next bound names
                          r"|\s(?:but|and)\s(?:fewer|less|no\s+more|not\s+more|under|below)\b[^,;.]{0,12}?\d[\d,]{0,9}\s"
                          r"(?:full-time\s+)?(?:employees|staff|workers|people|persons)", re.I)
_NOT_STAFF = re.compile(r"参保(?!职工人数|员工人数)|研发|技术|学历|insured|R&D|research|technical", re.I)
_SHARE = re.compile(r"\s?(?:[%％‰]|percent|per\s?cent|个百分点|成(?![员本立]))", re.I)
_BOOK = re.compile(r"《[^《》]{0,80}》")


def _count(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in _NUMBERS:
        return _NUMBERS[w]
    return None


def _measures(s: str, shut: bool | None = None) -> list[dict[str, Any]]:
    """Bounds with their measure; in a sentence that shuts some out ("Enterprises whose exports
    exceeded USD 50 million are not covered"), or an item of a list of exclusions (``shut``), the
    bound is what the others must meet (<= 50 million)."""
    out = []
    shut = bool(_NOT_COVERED.search(s)) if shut is None else shut
    for bound in bounds_in(s):
        at = s.find(bound.text)
        if _SHARE.match(s, at + len(bound.text)):  # "R&D staff no less than 10% of all employees": a share
            continue
        before = list(_MEASURE.finditer(s[max(0, at - 60):at]))
        after = _MEASURE.match(s, at + len(bound.text)) or re.compile(r"\s(?:in|of)\s(?:the\s)?(?:annual\s)?") \
            .match(s, at + len(bound.text)) and _MEASURE.search(s[:at + len(bound.text) + 40], at + len(bound.text))
        found = before[-1] if before else after or None  # "RMB 20 million in operating revenue"
        measure = next((k for k, v in found.groupdict().items() if v), None) if found else None
        staff_after = bound.currency is None and _STAFF_AFTER.match(s, at + len(bound.text))  # "100 or more employees"
        if bound.people or staff_after or (measure == "staff" and bound.currency is None):
            if not _NOT_STAFF.search(s[max(0, at - 8):at]):
                out.append(_typed("employees", bound, shut))
            continue
        currency = bound.currency or ("CNY" if measure == "revenue" and re.search(r"[万亿]", bound.text) else None)
        if measure in ("exports", "revenue") and currency:
            out.append(_typed(f"annual_{measure}_{currency.lower()}", bound, shut))
    return out


def _typed(base: str, bound: Bound, shut: bool = False) -> dict[str, Any]:
    if bound.op == "between":
        low, high = bound.value  # type: ignore[misc]
        return {"type": f"{base}_range", "op": "between", "value": [_plain(low), _plain(high)]}
    op = _FLIP[bound.op] if shut else bound.op
    kind = "max" if op.startswith("<") else "min"
    return {"type": f"{base}_{kind}", "op": op, "value": _plain(bound.value)}  # type: ignore[arg-type]


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _blanked(unit: str) -> str:
    return _BOOK.sub(lambda m: "《" + "　" * (len(m[0]) - 2) + "》", unit[:MAX_SENTENCE])


def _clean_record(s: str) -> dict[str, Any]:
    years = _YEARS.search(s)
    count = _count(years["zh"] or years["en"]) if years else None
    return {"type": "no_violations", "value": True, **({"years": count} if count else {})}


def excluded_conditions(unit: str) -> list[dict[str, Any]]:
    """What an item of a list of exclusions asks ("有下列情形之一的，不予支持：（一）近三年内受到行政处罚的",
    "none of the following applies: (1) their exports were more than USD 30 million"): the opposite
    of what it says. A bound is turned round (at most USD 30 million), a record of offences makes
    a no-violations condition, having had this support already a first-time one; nothing else is
    typed (an excluded sector or size is no list of the allowed ones)."""
    s = _blanked(unit)
    out = _measures(s, shut=True)
    if _OFFENCE.search(s):
        out.append(_clean_record(s))
    if _ALREADY.search(s):
        out.append({"type": "first_time", "value": True})
    return out


def conditions_in(unit: str, issuer: str | None = None) -> list[dict[str, Any]]:
    """The typed conditions ``unit`` states (no quote, no citation): a list item or a sentence
    already known to speak of who may apply (``indexer.notice.eligibility`` decides that)."""
    s = _blanked(unit)
    out = _measures(s) + regions_in(s, issuer)
    if sectors := sectors_in(s):
        out.append({"type": "sector", "value": sectors})
    if sizes := sizes_in(s):
        out.append({"type": "enterprise_size", "value": sizes})
    if SPECIALISED.search(s):
        out.append({"type": "specialised", "value": True})
    if _FIRST.search(s):
        out.append({"type": "first_time", "value": True})
    if _EXCLUDED.search(s) and _ALREADY.search(s):  # "…or that has already received a grant…, cannot apply"
        out.append({"type": "first_time", "value": True})
    if _CLEAN.search(s) or _EXCLUDED.search(s):
        out.append(_clean_record(s))
    return _lift(out, s)


def _lift(out: list[dict[str, Any]], s: str) -> list[dict[str, Any]]:
    """Without the conditions a unit says it does not set: "没有规模限制，大型企业同样可以申请" is
    no size condition, "regardless of turnover" no revenue one."""
    lifted: set[str] = set()
    for m in _NO_LIMIT.finditer(s):
        named = "size" if m["any"] else (m["zh"] or m["zh2"] or m["en"] or m["en2"] or "")
        lifted.update(k for pattern, kinds in _LIFTED if pattern.search(named) for k in kinds)
    return [c for c in out if not str(c["type"]).startswith(tuple(lifted))] if lifted else out


_EXEMPT = re.compile(r"不受(?P<zh>[^，。；]{1,12}?)(?:限制|约束)"
                     r"|未达到(?P<zh2>[^，。；]{1,12}?)(?:标准|要求|门槛)[^。；]{0,20}?"
                     r"(?:也可|仍可|可以)申报|(?:are|is)\s+exempt(?:ed)?\s+from\s+(?:the\s+)?(?P<en>[\w\s-]{1,40}?)\s+"
                     r"(?:limit|threshold|requirement|ceiling|cap)|(?:do|does)\s+not\s+meet\s+the\s+(?P<en2>[\w\s-]{1,30}?)"
                     r"\s+(?:threshold|requirement|limit|criterion)[^.;]{0,20}?\bmay\s+(?:still\s+)?apply", re.I)
_CLAUSE = re.compile(r"[，；;、]|,\s|\s(?:and|but)\s(?!\d)|且|并且|同时")
_GENERIC = re.compile(r"独立法人|法人资格|合法经营|依法经营|依法纳税|财务(?:管理)?制度|会计核算|诚信经营|规范经营"
                      r"|经营状况良好"
                      r"|legal\s+(?:person|entity)|independent\s+legal|lawful(?:ly)?\s+operat|tax[- ]compliant", re.I)
_HOLDS = re.compile(r"(?:持有|拥有|取得|获得|具有|具备|需有|须有|办理|完成)[^，。；]{0,20}?"
                    r"(?:证书|认证|资质|商标|专利|许可|备案|资格|称号)"
                    r"|已在[^，。；]{0,24}?(?:平台|系统)(?:上)?(?:备案|登记|注册)"  # on a platform's register
                    r"|(?:registered|enrolled|filed)\s(?:on|with|in)\s(?:the\s)?[\w\s-]{0,40}?\b(?:platform|system)\b"
                    r"|(?:holds?|owns?|needs?|has|have|possess(?:es)?)\s[\w\s-]{0,34}?"
                    r"(?=[cltpqf])(?:certificate|certification|licen[cs]e|trademark|patent|permit|qualification|filing)",
                    re.I)  # one class, not adjacent optional spaces; the lookahead skips most positions
# Membership of a list: not a type, even beside a sector.
_MEMBER = re.compile(r"(?:列入|入选|纳入|评为|认定为)[^，。；]{0,24}?(?:名单|名录|目录|品牌|名牌)|(?:驰名|著名)商标"
                     r"|名牌产品|\b(?:is|are)\s+(?:on|in|among)\s+(?:the|a|an)\s[\w\s-]{0,40}?"
                     r"\b(?:list|register|catalogue|directory)\b|\blisted\s+(?:as|among|on|in)\b", re.I)
# A kind of company shut out that no type covers: "流通型企业本届不参与分配", "trading companies are not eligible".
_KIND_SHUT = re.compile(r"[\u4e00-\u9fff]{1,6}[型类](?:企业|公司)[^，。；]{0,10}?(?:不参与|不予|不得|不在|除外|不属于)"
                        r"|\b(?:trading|distribution|service)\s+(?:companies|firms|enterprises|businesses)\b[^.;]{0,30}?"
                        r"\b(?:are\s+not|cannot|may\s+not|(?:are|is)\s+excluded)", re.I)
_COUNTED = re.compile(r"满\s?\d{1,3}\s?(?:个月|年)|\d{1,3}\s?(?:个月|年)以上|\d{1,3}(?:\.\d{1,2})?\s?[%％]"
                      r"|(?:at\s+least|more\s+than|no\s+less\s+than|over)\s+(?:\d{1,3}|one|two|three|four|five|six|ten)"
                      r"\s+(?:full\s+)?(?:years?|months?)", re.I)
_NOT_COVERED = re.compile(r"(?:are|is|will\s+be)\s+not\s+(?:covered|eligible|supported)"
                          r"|(?:are|is)\s+(?:excluded|ineligible)|cannot\s+apply|\bcannot[.;]?\s{0,3}$|不予(?:支持|受理|补助)"
                          r"|不属于[^，。；]{0,12}(?:范围|对象)|不在[^，。；]{0,12}范围(?:内|之内)?|不得申报"
                          r"|不享受", re.I)
_FLIP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}


def exemption(unit: str) -> str | None:
    """"小型微型企业不受出口额限制", "Small firms are exempt from the export threshold": the measure a
    unit exempts its own kind of company from (exports, revenue, staff), else None."""
    m = _EXEMPT.search(unit[:MAX_SENTENCE])
    if not m:
        return None
    named = _MEASURE.search(m["zh"] or m["zh2"] or m["en"] or m["en2"] or "")
    return next((k for k, v in named.groupdict().items() if v), None) if named else None


def untyped_requirement(unit: str, issuer: str | None = None) -> bool:
    """Whether a unit also asks something no type covers, in a clause of its own: a count or share
    of something else ("足额缴纳失业保险费满12个月", "裁员率不高于5.5%", "设备投资额不低于500万元") or a holding
    ("持有有效的认证证书", "needs a registered trademark") or a place on a list ("列入…名单", "one of
    its brands is on the national list of key textile brands"), even beside a sector; legal-person
    and lawful-operation clauses are not counted, nor, in a sentence that grants something, its rate
    and cap ("receive a subsidy of 40% …, up to RMB 500,000 per enterprise")."""
    typed = {str(c.get("value")) for c in conditions_in(unit, issuer)}
    grants = bool(BENEFIT.search(unit[:MAX_SENTENCE]))
    for clause in _CLAUSE.split(unit[:MAX_SENTENCE]):
        if (_MEMBER.search(clause) and not _OFFENCE.search(clause)) or (_KIND_SHUT.search(clause)
                                                                        and not conditions_in(clause, issuer)):
            return True
        if len(clause.strip()) < 4 or _GENERIC.search(clause) or BENEFIT.search(clause) \
                or conditions_in(clause, issuer):
            continue
        if (bounds := bounds_in(clause)) and all(str(_plain(b.value)) in typed for b in bounds  # type: ignore[arg-type]
                                                 if not isinstance(b.value, tuple)):
            continue  # "3000万美元以下" after "出口额在500万美元以上、": the exports range already read
        counted = _COUNTED.search(clause)
        if _HOLDS.search(clause) or (counted and not (grants and counted[0].rstrip().endswith(("%", "％")))):
            return True
        if bounds_in(clause) and not grants:
            return True
    return False


def shuts_out(unit: str) -> bool:
    """"Enterprises whose exports exceeded USD 50 million are not covered", "…的企业不予支持"."""
    return bool(_NOT_COVERED.search(unit[:MAX_SENTENCE]))


def is_exclusion(unit: str) -> bool:
    """"被列入严重失信主体名单的企业，不予返还": a sentence that shuts out violators, wherever it is."""
    return bool(_EXCLUDED.search(unit[:MAX_SENTENCE]))
