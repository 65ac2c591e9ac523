"""The typed conditions one unit of a notice states: a list item or a sentence about who may apply.

What a unit says of the applicant is read into types the finder checks against a company profile:

- ``region``: registration, tax or administrative-area phrasings ("工商注册地和税务征管关系均在柯桥区",
  "在浙江省行政区域内依法登记注册", "registered within the administrative area of Jiangsu Province",
  "place of registration and tax registration are both in Hangzhou"); "本区"/"我市" is the issuer's place;
- ``annual_exports_{usd,cny}_{min,max,range}``, ``annual_revenue_…``, ``employees_…``: a bound attributed
  to the measure it follows (``indexer.notice.amounts``); an amount about something else (investment,
  R&D spending, the subsidy itself) is no typed condition;
- ``sector`` (``SECTORS``, with the hierarchy in ``PARENT``), ``enterprise_size``, ``specialised``
  (专精特新), ``first_time``, ``no_violations`` (with the years when stated).

Book titles (《中小企业划型标准规定》) are blanked first: a standard's name is no condition. Every
pattern is bounded and runs on a unit cut to MAX_SENTENCE characters.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.notice.amounts import Bound, bounds_in
from indexer.notice.places import home, known, region_places

MAX_SENTENCE = 400

SECTORS = {
    "textile": r"textiles?(?!\s+(?:dyeing|printing))|纺织(?!品印染|品染整)",
    "apparel": r"apparel|garments?|clothing|fashion|服装|服饰|成衣",
    "dyeing": r"(?:printing\s+and\s+)?dyeing|印染|染整",
    "chemical_fibre": r"chemical\s+fib(?:re|er)s?|化纤|化学纤维",
    "home_textile": r"home\s+textiles?|家纺|家用纺织品",
    "weaving": r"weaving|织造",
    "knitting": r"knitting|knitwear|针织",
    "silk": r"silk|丝绸|真丝",
}
"""The sector vocabulary, in the order a phrase is read ("home textiles" before "textile")."""
PARENT = {"dyeing": "textile", "weaving": "textile", "home_textile": "textile", "chemical_fibre": "textile",
          "knitting": "textile", "silk": "textile"}
"""The stated hierarchy: a dyeing company is a textile company; apparel is not textile."""
_ORDER = ("home_textile", "chemical_fibre", "dyeing", "weaving", "knitting", "silk", "textile", "apparel")
_SECTOR = re.compile("|".join(f"(?P<{k}>{SECTORS[k]})" for k in _ORDER), re.I)

_SIZES = [
    (re.compile(r"中小微|micro,?\s+small\s+(?:and|or)\s+medium|MSMEs?\b", re.I), ["micro", "small", "medium"]),
    (re.compile(r"小微|小型微型|small\s+(?:and|or)\s+micro|micro\s+(?:and|or)\s+small", re.I), ["micro", "small"]),
    (re.compile(r"中小(?:型)?企业|中小|small\s*(?:-|and|or)\s*medium(?:[-\s]sized)?|SMEs?\b", re.I),
     ["micro", "small", "medium"]),
    (re.compile(r"规模以上|规上|above\s+(?:the\s+)?designated\s+size", re.I), ["above_designated_size"]),
    (re.compile(r"(?<!中)(?<!非)大型企业|large\s+enterprises", re.I), ["large"])]
_SPECIALISED = re.compile(r"专精特新|小巨人|speciali[sz]ed(?:,\s+refined,\s+distinctive)?\s+and\s+(?:new|innovative)"
                          r"|little\s+giants?", re.I)
_FIRST = re.compile(
    r"首次|第一次|初次|此前未|从未|未曾|尚未(?:获得|享受|参加|申报)|for\s+the\s+first\s+time|first[-\s]time"
    r"|never\s+(?:before\s+|previously\s+)?(?:exhibited|received|applied|participated|taken\s+part)"
    r"|(?:has|have)\s+not\s+(?:previously\s+|yet\s+)?(?:exhibited|received|applied|participated|benefited)", re.I)
_CLEAN = re.compile(
    r"(?:无|没有|不存在|未(?:发生|受到|被|因|有|出现)?)[^，。；,;]{0,30}?(?:违法|违规|处罚|事故|失信|黑名单|不良(?:信用)?记录"
    r"|偷漏税|欠税|骗税)|信用(?:记录)?良好|遵纪守法|不属于[^，。；]{0,12}失信"
    r"|\bno\s+(?:record\s+of\s+)?(?:any\s+)?(?:serious\s+|major\s+|significant\s+)?(?:violations?|illegal|dishonest|penalt"
    r"|breach|offen[cs]e|sanction)|\bnot\s+(?:have\s+)?(?:be(?:en)?\s+)?(?:subject\s+to|penali[sz]ed|punished|blacklisted"
    r"|fined|sanctioned|on\s+the\s+list\s+of|listed\s+as|included\s+in)[^.;]{0,60}?(?:penalt|dishonest|blacklist"
    r"|violation|sanction|list|offen[cs]e)|good\s+(?:credit|standing|compliance)|clean\s+(?:compliance\s+|credit\s+)?record"
    r"|free\s+(?:of|from)\s+(?:any\s+)?(?:serious\s+|major\s+)?(?:violations?|penalties)", re.I)
_EXCLUDED = re.compile(r"(?:列入|纳入|被列为|认定为)[^，。；]{0,20}(?:失信|黑名单|异常名录)"
                       r"[^。；]{0,40}?(?:不予|不得|不能|取消|不再)"
                       r"|(?:on|in)\s+the\s+list\s+of\s+(?:seriously\s+)?dishonest[^.;]{0,60}(?:not|excluded|ineligible)",
                       re.I)
_YEARS = re.compile(r"(?:近|最近|过去)(?P<zh>[一二两三四五六七八九十\d]{1,2})\s?年|(?:past|last|previous|preceding)\s+"
                    r"(?P<en>\d{1,2}|one|two|three|four|five|six|ten)\s+(?:\(\d\)\s+)?years?", re.I)
_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())} | \
    {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}

_EXPORTS = r"进出口|(?:出口|外贸出口)(?:额|总额|金额|规模|销售额|交货值|值|业绩)?|exports?(?:ing)?(?:\s+(?:sales\s+)?" \
    r"(?:value|volume|sales|revenue|turnover))?|export\s+(?:sales\s+)?(?:value|volume|revenue|turnover)"
_REVENUE = r"(?:营业|销售|主营业务|经营|年)收入|营收|销售额|营业额|(?:sales\s+)?revenues?|turnover|sales" \
    r"|(?:operating|business|annual)\s+income"
_OTHER_MONEY = r"投入|投资|研发|费用|注册资本|资产|纳税|税收|利润|贷款|保费|补助|补贴|奖励|资助|支持|展位|合同" \
    r"|invest|R&D|research|spend|cost|capital|assets|tax|profit|loan|premium|subsid|grant|reward|support|fee|booth"
_MEASURE = re.compile(rf"(?P<staff>employees|staff|workforce|headcount|从业人员|职工|员工|用工)"
                      rf"|(?P<trade>进出口(?:额|总额)?|imports?\s+and\s+exports?|trade\s+(?:volume|value))"
                      rf"|(?P<exports>{_EXPORTS})|(?P<revenue>{_REVENUE})|(?P<other>{_OTHER_MONEY})", re.I)
_NOT_STAFF = re.compile(r"参保|研发|技术|学历|insured|R&D|research|technical", re.I)
_BOOK = re.compile(r"《[^《》]{0,80}》")

_ZH_PLACE = r"[\u4e00-\u9fff、或和及（）()]{2,24}?"
_EN_PLACE = r"[A-Z][\w'-]{1,20}(?:(?:\s|,\s?)(?:[A-Z][\w'-]{1,20}|(?:or|and|of)\s[A-Z][\w'-]{1,20})){0,6}"
_REGION = re.compile(
    rf"(?:注册地址|注册地点|注册地|住所地|登记地|注册|登记)(?:和|及|、|与)?(?:税务征管关系|税收(?:征管|解缴)关系|纳税关系|税务登记地?|纳税地)?"
    rf"(?:均|都|须|必须|应|应当)?(?:在|位于|为|属于|设在)(?P<zh>{_ZH_PLACE})(?=[，。；,;的（(、]|且|并|内|范围|辖区|行政|$)"
    rf"|(?:在|于)(?P<zh2>{_ZH_PLACE})(?:行政区域|辖区|区域|范围|境)?内?(?:依法)?(?:注册|登记|设立|成立|参加|参保|纳税|注册登记)"
    rf"|(?:税务征管关系|税收(?:征管|解缴)关系|纳税关系)(?:均|都)?在(?P<zh3>{_ZH_PLACE})(?=[，。；,;的（(]|$)"
    rf"|(?:registered|incorporated|located|domiciled|based|established|situated|headquartered|operating)"
    rf"(?:\s+(?:address|office|seat))?(?:\s+and\s+(?:pay(?:s|ing)?\s+tax(?:es)?|tax[- ]registered))?\s+(?:with)?in"
    rf"\s+(?:the\s+administrative\s+(?:area|region|jurisdiction)\s+of\s+)?(?:the\s+)?(?P<en>{_EN_PLACE})"
    rf"|(?:place\s+of\s+registration|registered\s+(?:address|office|seat)|tax\s+registration|place\s+of\s+tax\s+registration)"
    rf"(?:\s+and\s+(?:the\s+)?(?:place\s+of\s+)?tax\s+registration)?\s+(?:are|is|must\s+be|shall\s+be|should\s+be)"
    rf"\s+(?:both\s+)?(?:with)?in\s+(?:the\s+administrative\s+area\s+of\s+)?(?P<en2>{_EN_PLACE})"
    rf"|\b(?:enterprises|companies|firms|SMEs|exporters|manufacturers|businesses|producers)\s+(?:in|from)\s+(?:the\s+)?"
    rf"(?P<loose>{_EN_PLACE})")
_HOME = re.compile(r"(?P<zh>本|我|全)(?P<level>省|市|区|县)(?:行政区域|辖区|范围|境)?内?(?:依法)?(?:注册|登记|设立)"
                   r"|(?:registered|located|based)\s+in\s+the\s+(?P<level_en>province|city|district|county)\b", re.I)
_LEVELS = {"省": "province", "市": "city", "区": "district", "县": "district", "province": "province", "city": "city",
           "district": "district", "county": "district"}


def sectors_in(text: str) -> list[str]:
    """The sectors ``text`` names ("纺织服装" -> textile, apparel; "纺织品印染" -> dyeing)."""
    return list(dict.fromkeys(k for m in _SECTOR.finditer(text[:MAX_SENTENCE]) for k, v in m.groupdict().items() if v))


def _count(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in _NUMBERS:
        return _NUMBERS[w]
    return None


def _measures(s: str) -> list[dict[str, Any]]:
    out = []
    for bound in bounds_in(s):
        at = s.find(bound.text)
        before = list(_MEASURE.finditer(s[max(0, at - 60):at]))
        measure = next((k for k, v in before[-1].groupdict().items() if v), None) if before else None
        if bound.people or (measure == "staff" and bound.currency is None):
            if not _NOT_STAFF.search(s[max(0, at - 8):at]):
                out.append(_typed("employees", bound))
            continue
        currency = bound.currency or ("CNY" if measure == "revenue" and re.search(r"[万亿]", bound.text) else None)
        if measure in ("exports", "revenue") and currency:
            out.append(_typed(f"annual_{measure}_{currency.lower()}", bound))
    return out


def _typed(base: str, bound: Bound) -> dict[str, Any]:
    if bound.op == "between":
        low, high = bound.value  # type: ignore[misc]
        return {"type": f"{base}_range", "op": "between", "value": [_plain(low), _plain(high)]}
    kind = "max" if bound.op.startswith("<") else "min"
    return {"type": f"{base}_{kind}", "op": bound.op, "value": _plain(bound.value)}  # type: ignore[arg-type]


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def regions_in(s: str, issuer: str | None = None) -> list[dict[str, Any]]:
    """Region conditions: the places named after registration, tax or area words."""
    out = []
    for m in _REGION.finditer(s):
        raw = m["zh"] or m["zh2"] or m["zh3"] or m["en"] or m["en2"] or m["loose"]
        places, parents = region_places(raw)
        if m["loose"] and not (places and all(known(p) for p in places)):
            continue
        if m["zh"] or m["zh2"] or m["zh3"]:  # "在本年度内注册": no place at all
            places = [p for p in places if p]
        if places:
            out.append({"type": "region", "value": places, "text": raw.strip(" ，,"),
                        **({"within": parents} if parents else {})})
    if not out and (m := _HOME.search(s)):
        place = home(issuer, _LEVELS[(m["level"] or m["level_en"] or "").lower()])
        if place:
            out.append({"type": "region", "value": [place], "text": m[0]})
    return out[:1] if len({str(c["value"]) for c in out}) == 1 else out


def conditions_in(unit: str, issuer: str | None = None) -> list[dict[str, Any]]:
    """The typed conditions ``unit`` states (no quote, no citation): a list item or a sentence
    already known to speak of who may apply (``indexer.notice.eligibility`` decides that)."""
    s = _BOOK.sub(lambda m: "《" + "　" * (len(m[0]) - 2) + "》", unit[:MAX_SENTENCE])
    out = _measures(s) + regions_in(s, issuer)
    if sectors := sectors_in(s):
        out.append({"type": "sector", "value": sectors})
    for pattern, sizes in _SIZES:
        if pattern.search(s):
            out.append({"type": "enterprise_size", "value": sizes})
            break
    if _SPECIALISED.search(s):
        out.append({"type": "specialised", "value": True})
    if _FIRST.search(s):
        out.append({"type": "first_time", "value": True})
    if _CLEAN.search(s) or _EXCLUDED.search(s):
        years = _YEARS.search(s)
        count = _count(years["zh"] or years["en"]) if years else None
        out.append({"type": "no_violations", "value": True, **({"years": count} if count else {})})
    return out


def is_exclusion(unit: str) -> bool:
    """"被列入严重失信主体名单的企业，不予返还": a sentence that shuts out violators, wherever it is."""
    return bool(_EXCLUDED.search(unit[:MAX_SENTENCE]))
