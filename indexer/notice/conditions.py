"""The typed conditions one unit of a notice states: a list item or a sentence about who may apply.

What a unit says of the applicant is read into types the finder checks against a company profile:

- ``region``: registration, tax or administrative-area phrasings ("工商注册地和税务征管关系均在柯桥区",
  "在浙江省行政区域内依法登记注册", "registered within the administrative area of Jiangsu Province",
  "place of registration and tax registration are both in Hangzhou"); "本区"/"我市" is the issuer's place;
- ``annual_exports_{usd,cny}_{min,max,range}``, ``annual_revenue_…``, ``employees_…``: a bound attributed
  to the measure it follows (``indexer.notice.measures``); an amount about something else (investment,
  R&D spending, the subsidy itself) is no typed condition;
- ``sector`` and ``enterprise_size`` (``indexer.notice.vocabulary``), ``specialised``
  (专精特新), ``first_time``, ``no_violations`` (with the years when stated).

Book titles (《中小企业划型标准规定》) are blanked first: a standard's name is no condition. Every
pattern is bounded and runs on a unit cut to MAX_SENTENCE characters.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from indexer.notice.amounts import ZH_NUMERALS
from indexer.notice.benefits import BENEFIT
from indexer.notice.excluded_sectors import excluded_sectors
from indexer.notice.firsts import EARLIER_AWARD, NONE_BEFORE, asks_no_first
from indexer.notice.measures import EXCEPT, NOT_COVERED, measures
from indexer.notice.refused import affirmed, refused_affirmed
from indexer.notice.regions import regions_in
from indexer.notice.vocabulary import PARENT, SECTORS, SPECIALISED, designated_in, other_sizes, sectors_in, sizes_in

__all__ = ["AWARD_ELSEWHERE", "DOUBLE", "GRADE", "MAX_SENTENCE", "OFFENCE", "PARENT", "SECTORS", "conditions_in",
           "excluded_conditions", "is_exclusion", "sectors_in", "shuts_out", "states_conditions"]

MAX_SENTENCE = 400

_FIRST = re.compile(
    r"首次|第一次|初次|此前未|从未|未曾|尚未(?:获得|享受|参加|申报)"
    # "此前没有作为参展企业到境外参加过展会", "以前没有出过展": never done before
    r"|(?:此前|以前|之前|从前|过去|从来)没有[^，。；]{0,20}?(?:参加|参展|出展|展出|参与|申报|申请|获得|享受|投保|出口|出)过|for\s+the\s+first\s+time|first[-\s]time"
    r"|(?:its|their|(?:firm|company|enterprise|applicant|exporter)(?:'s|’s))\s+(?:very\s+)?first\s+"
    r"(?!year|half|quarter|month|time)"
    r"|\ba\s+first\s+(?:participation|appearance|exhibition|showing|entry)\b"
    r"|never\s+(?:have\s+|has\s+|had\s+)?(?:before\s+|previously\s+)?(?:exhibited|received|applied|participated"
    r"|taken\s+part|benefited)"
    r"|(?:has|have)\s+not\s+(?:previously\s+|yet\s+)?(?:exhibited|received|applied|participated|benefited)"
    r"|(?:has|have)\s+not\s+(?:previously\s+|yet\s+)?(?:taken\s+part|attended|shown)\b[^.;]{0,60}?\b(?:before|previously)\b"
    r"|not\s+(?:have\s+|has\s+)?(?:been\s+)?(?:previously\s+|yet\s+|already\s+)?(?:received|obtained|benefited|exhibited"
    r"|applied|participated|funded|supported|granted)[^.;]{0,60}?\b(?:before|previously|in\s+(?:any\s+)?(?:previous|"
    r"earlier|past|prior)\s+(?:years?|rounds?|calls?|editions?))\b|未(?:曾)?(?:获得|享受|申报|参加|获)过|"
    + NONE_BEFORE.pattern, re.I)
_CLEAN = re.compile(
    r"(?:无|没有|不存在|不得(?:有|存在|发生|出现)|不能有|未(?:发生|受到|被|因|有|出现)?)[^，。；,;]{0,30}?(?:违法|违规|处罚|事故|失信|黑名单|不良(?:信用)?记录|污染事件|安全事件"
    r"|偷漏税|欠税|骗税|(?:欠缴|拖欠)(?![^，。；]{0,4}?(?:应缴还|应退还|应返还|应归还)?的?财政)|异常名录)|不在[^，。；]{0,20}?(?:失信|黑名单|异常名录)|非失信|信用(?:记录)?良好|遵纪守法|不属于[^，。；]{0,12}失信"
    r"|\bno\s+(?:record\s+of\s+)?(?:any\s+)?(?:[a-z-]{3,24},?\s+(?:(?:or|and)\s+)?){0,4}?(?:violations?|illegal"
    r"|dishonest|penalt|breach|offen[cs]e|sanction|accidents?|incidents?|fraud|evasion)|\b(?:not|never)\s+(?:have\s+)?(?:be(?:en)?\s+)?(?:subject\s+to|penali[sz]ed|punished|blacklisted"
    r"|fined|sanctioned|on\s+(?:the|any|a)\s+(?:[a-z-]{3,12}\s+){0,2}?list\s+of|listed\s+as|included\s+in|named|placed|put)[^.;]{0,60}?(?:penalt|dishonest|blacklist"
    r"|violation|sanction|list|offen[cs]e|abnormal)|\b(?:not|never)\s+(?:ha(?:ve|s)\s+)?(?:been\s+)?(?:fined|penali[sz]ed|punished"
    r"|sanctioned|blacklisted|prosecuted)\b|good\s+(?:credit|standing(?!\s+with\s+(?:its|their)\s[^.;]{0,60}?(?:contributions|premiums))|compliance)|clean\s+(?:[a-z-]{3,12}\s+){0,3}?record"
    r"|free\s+(?:of|from)\s+(?:any\s+)?(?:serious\s+|major\s+)?(?:[a-z-]{3,24}\s+){0,2}?(?:violations?"
    r"|penalt(?:y|ies)|fines?|sanctions?)"
    # "has not been involved in any serious safety or environmental accident", "customs has not rated it a
    # 'dishonest enterprise'": a clean record in a verb of its own
    r"|\b(?:not|never)\s+(?:ha(?:ve|s)\s+)?(?:been\s+)?(?:involved\s+in|responsible\s+for|rated|classed|classified"
    r"|graded|designated|labell?ed|deemed)\b[^.;]{0,60}?(?:accident|incident|dishonest|untrustworthy|blacklist)"
    # the list named first, then no entry of the firm on it ("失信主体名单中，申报年度及上一年度均无本企业记录",
    # "the list of dishonest entities shows no record of the company for 2025 or 2026")
    r"|(?:失信|黑名单|异常名录)[^。；]{0,30}?(?:均|都)?(?:无|没有|查无)(?:本|该)(?:企业|单位|公司)(?:的)?(?:任何)?(?:记录|信息)"
    r"|(?:dishonest|blacklist)[^.;]{0,60}?\b(?:shows?|has|holds?|contains?|lists?)\s+no\s+(?:record|entry|mention)s?\s+of"
    r"\s+(?:the|this|your)\s+(?:firm|company|enterprise|applicant|business)", re.I)
# a law broken ("found to have broken environmental law", "breached labour regulations"): an offence
_BROKE = (r"\b(?:(?:broken|broke|breached|violated)\s+(?:(?:the|any|an?)\s+)?(?:[a-z-]{3,16}\s+){0,2}?"
          r"|(?:do(?:es)?\s+not|fail(?:s|ed)?\s+to)\s+comply\s+with\s+(?:[a-z-]{3,16}\s+){0,4}?)(?:laws?|regulations?)\b|不遵守[^，。；]{0,10}?法")
_EXCLUDED = re.compile(r"(?:列入|纳入|被列为|认定为)[^，。；]{0,20}(?:失信|黑名单|异常名录)"
                       r"[^。；]{0,40}?(?:不予|不得|不能|取消|不再|除外)"
                       r"|(?:违法|违规|失信|黑名单|行政处罚|处罚|事故)[^。；]{0,40}?(?:的|者)[^。；]{0,12}?"
                       r"(?:(?:不予|不得|不能|不再|不享受|不纳入|不列入|取消)[^。；]{0,4}?(?:支持|受理|申报|申请|资格|享受|补助|奖励|返还|资助|范围|推荐"
                       r"|入选|拨付|兑付|兑现|发放|报名|参评|参展|参加)"
                       r"|(?:一律|均|予以)?(?:退回|拒收)|除外)"
                       # one scan after the offence word for the three English endings (one pass, not three)
                       r"|(?:violations?|penalt\w{0,5}|dishonest\w{0,4}|blacklist\w{0,3}|offen[cs]es?|\bfined\b|sanctioned|penali[sz]ed"
                       r"|punished|convicted|" + _BROKE + r")[^.;]{0,120}?"
                       r"\b(?:(?:cannot|can\s+not|may\s+not|shall\s+not|must\s+not|is\s+not\s+allowed\s+to"
                       r"|are\s+not\s+allowed\s+to)\s+(?:apply|claim|benefit|be\s+supported|receive|take\s+part|participate"
                       r"|join|qualify|sign\s+up|register|enrol{1,2}|be\s+(?:paid|funded|considered))"
                       r"|(?:are|is|will\s+be|shall\s+be)\s+(?:excluded|ineligible|not\s+eligible|disqualified"
                       r"|refused|rejected|left\s+out|shut\s+out|turned\s+(?:away|down)|sent\s+away"
                       r"|not\s+(?:be\s+)?supported)"
                       r"|(?:are|is|will|shall)\s+not\s+(?:be\s+)?(?:paid|granted|recommended|considered|accepted|covered|funded|admitted|included"
                       r"|selected|eligible)|lose(?:s)?\s+(?:their|its|the)\s+(?:eligibility|right\s+to\s+apply))"
                       r"|\bno\s+(?:support|funding|grant|subsidy|award)\s+(?:is|will\s+be|shall\s+be)\s+(?:given|granted"
                       r"|paid|provided)\s+to\b[^.;]{0,200}?(?:violation|penalt|dishonest|blacklist|offen[cs]e)"
                       r"|(?:on|in)\s+the\s+list\s+of\s+(?:seriously\s+)?dishonest[^.;]{0,60}(?:not|excluded|ineligible"
                       r"|refused|rejected|denied|turned\s+down|disqualified)"
                       # "有下列情形的企业不纳入服务范围：（一）近三年发生较大以上安全事故的": the lead-in inline
                       r"|(?:下列|以下)(?:情形|情况)[^。]{0,30}?(?:不予|不得|不能|不纳入|不列入|不享受)[^。]{0,20}?[:：][^。]{0,80}?"
                       r"(?:违法|违规|处罚|失信|黑名单|事故|异常名录)",
                       re.I)
_ALREADY = re.compile(r"已(?:经)?(?:获得|享受|取得)[^，。；]{0,16}?(?:本(?!年|度|届)|此|该|同类)"
                      r"[^，。；]{0,10}?(?:支持|补助|奖励|资助|资金|政策|补贴)"
                      # "本项目已获补助的", "该项政策已享受过的": the support named first
                      r"|(?:本|此|该)(?:项目|项|专项|政策|计划)[^，。；]{0,6}?已(?:经)?(?:获得?|享受|取得)过?"
                      r"[^，。；]{0,6}?(?:支持|补助|奖励|资助|资金|补贴|的)"
                      r"|already\s+(?:received|obtained|been\s+granted)[^.;]{0,40}?\b(?:this|the\s+same)\s+(?:programme|"
                      r"program|scheme|fund|grant|support)|already\s+received\s+(?:a|the)\s+(?:grant|subsidy|support)\s+"
                      r"(?:under|from)\s+this|already\s+(?:been\s+)?(?:funded|supported|subsidi[sz]ed)\s+(?:under|by|from)\s+"
                      r"(?:this|the\s+same)\b"
                      r"|(?:have|has)\s+(?:already\s+)?(?:received|obtained|been\s+granted)\s+"
                      r"(?:this|the\s+same|such)\s+(?:support|grant|subsidy|funding)|" + EARLIER_AWARD.pattern, re.I)
# Support from elsewhere for the same thing ("同一项目未享受其他市级财政资金支持", "has not received other
# municipal funding for the same fair"): a rule against double funding, no first-time condition ("同一展会此前
#未获得过区级补助", this support never had for that fair, is one).
# An award of some level for the same thing, in English ("already received a municipal design award for the
# same collection"): support from elsewhere, no first-time condition and no condition. Not in Chinese: an
# exclusions item "同一展位已享受省级境外参展补贴的" is labelled a requirement of its own.
AWARD_ELSEWHERE = re.compile(
    r"\b(?:received|obtained|won|been\s+(?:given|granted|awarded))\s+an?\s+(?:municipal|provincial|district"
    r"|county|national|city|state)\b[^.;]{0,60}?\bfor\s+the\s+same\b", re.I)
DOUBLE = re.compile(r"其他[^，。；]{0,12}?(?:资金|补助|补贴|奖励|支持|资助|政策)|重复(?:申报|享受|支持|补助|资助)"
                    r"|\b(?:other|another)\s+(?:[\w-]+\s+){0,3}?(?:support|funding|grants?|subsid\w{0,4}|money|aid)\b"
                    r"|\bany\s+other\s+(?:public\s+)?source|double\s+fund|" + AWARD_ELSEWHERE.pattern, re.I)

_OUTSIDE = re.compile(r"(?<=registered)\s+outside(?:\s+of)?\s+|(?<=located)\s+outside(?:\s+of)?\s+"
                      r"|(?P<zh>不在)(?=[^，。；]{2,16}注册)|(?<=注册地)(?P<zh2>不在)", re.I)
_CLAUSES = re.compile(r"[，；;,、]")
# A credit grade ("纳税信用等级为B级及以上", "纳税信用等级为D级的企业不得申报", "a tax-credit rating of C or D",
# "rated D for customs credit"): a grade is no record of offences (new firms are graded M, late filings lower
# it), and no profile field says it, so it is a requirement no type covers (``text``), never no_violations
GRADE = re.compile(r"信用(?:等级|评级|评价|级别)[^，。；]{0,10}?[ABCDM]\s?级?"
                   r"|\b(?:credit|tax)[\s-]+(?:credit\s+)?(?:rating|grade|level)s?\s+(?:of\s+|is\s+|at\s+)?[ABCDM]\b"
                   r"|\brated\s+[ABCDM]\b", re.I)
OFFENCE = re.compile(r"违法|违规|处罚|失信|黑名单|事故|骗取|套取|偷税|逃税|骗税|欠税|行贿|犯罪|刑事|异常名录|罚款"
                      r"|不良(?:信用)?记录|\b(?:bad|adverse|negative|poor)\s+credit\s+records?"
                      r"|责令|停产整顿|吊销|violat|penal|\bfined\b|dishonest|blacklist|offen[cs]e|sanction|fraud|accident|criminal"
                      r"|convicted|abnormal\s+operations|suspend(?:ed)?\s+(?:production|operations|business)|" + _BROKE
                      + r"|拖欠[^，。；]{0,6}?(?:工资|薪酬|劳动报酬)|作出行政处理|wage\s+arrears|\bunpaid\s+wages"
                      r"|failed\s+to\s+pay\s+(?:its\s+|their\s+)?(?:workers|staff|employees|wages)"
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
_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())} | ZH_NUMERALS

# A clause that shuts kinds of firm out beside the kind asked for ("It makes garments; spinning, weaving and
# dyeing mills are outside this scheme", "生产服装；纺纱、织造、印染企业不在本次支持范围"): no sector of the scheme's
_SHUT_KINDS = re.compile(r"\b(?:are|is)\s+(?:outside|not\s+(?:eligible|covered|included)|excluded|ineligible)\b"
                         r"|不在[^，。；]{0,12}?范围|不属于[^，。；]{0,12}?范围|除外", re.I)
# Kinds of a sector listed in brackets after it ("garments (knitwear, woven clothing or clothing accessories)",
# "服装（针织服装、梭织服装）"): examples of that sector, no sectors of their own
_KINDS_OF = re.compile(r"[（(][^（）()]{1,80}?(?:,|、|，|\sor\s|或)[^（）()]{0,80}[)）]")
_BOOK = re.compile(r"《[^《》]{0,80}》")
# a programme or fund named by a sector ("the city's other textile programmes", "其他纺织产业扶持资金"), beside the
# sector the firm must be in: that one is asked, not the programme's
_PROGRAMME = re.compile(r"\b(?:textiles?|garments?|apparel|clothing|knitwear|fashion)\s+(?:[a-z-]{3,12}\s+)?"
                        r"(?:programmes?|programs?|schemes?|funds?|grants?|subsid(?:y|ies))\b"
                        r"|(?:纺织|服装|印染|家纺|针织)(?:产业|行业)?[\u4e00-\u9fff]{0,4}?(?:资金|基金|专项|政策|项目)",
                        re.I)
_NEGATABLE = ("region", "sector", "enterprise_size", "specialised")  # what a refused negation asks


def _count(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in _NUMBERS:
        return _NUMBERS[w]
    return None


_AREA_NAME = re.compile(r"(?:\s(?:Park|Zone|Estate|Base)|产业园|工业园|园区|开发区|集聚区)$")


def _shut_blanked(s: str) -> str:
    """``s`` without the clauses that shut kinds out (``_SHUT_KINDS``): from the clause's start, at most 80
    characters back, to the words that shut them out."""
    for m in reversed(list(_SHUT_KINDS.finditer(s))):
        ends = ";；。." + ("，" if m[0][0] >= "\u4e00" else "")
        cut = max([m.start() - 80] + [s.rfind(c, max(0, m.start() - 80), m.start()) for c in ends]) + 1
        s = s[:max(0, cut)] + " " + s[m.end():]
    return s


def _blanked(unit: str) -> str:
    return _BOOK.sub(lambda m: "《" + "　" * (len(m[0]) - 2) + "》", unit[:MAX_SENTENCE])


def _clean_record(s: str) -> dict[str, Any]:
    years = _YEARS.search(s)
    count = _count(years["zh"] or years["en"]) if years else None
    return {"type": "no_violations", "value": True, **({"years": count} if count else {})}


def excluded_conditions(unit: str, issuer: str | None = None) -> list[dict[str, Any]]:
    """What an item of a list of exclusions asks ("有下列情形之一的，不予支持：（一）近三年内受到行政处罚的",
    "none of the following applies: (1) their exports were more than USD 30 million"): the opposite
    of what it says. A bound is turned round (at most USD 30 million), a record of offences makes
    a no-violations condition, having had this support already a first-time one, a place of
    registration a place the applicant must not be in (``op`` not_in), a size class the others ("属于大型企业的":
    micro, small or medium; "规模以上的": below designated size); nothing else is typed (an excluded sector
    is no list of the allowed ones) but one the item negates ("主营业务不属于纺织行业的",
    "未纳入规模以上工业企业统计的", "not registered in Wuxi": ``indexer.notice.refused``)."""
    s = _blanked(unit)
    out = measures(s, shut=True)
    if not OFFENCE.search(s) and (said := affirmed(s)) and (typed := [
            c for c in _read(said, issuer) if c["type"] in _NEGATABLE]):
        return out + typed
    if not OFFENCE.search(s) and (others := other_sizes(sizes_in(s))):  # "属于大型企业的": the other classes
        out.append({"type": "enterprise_size", "value": others})
    if _OUTSIDE.search(s):  # "registered outside Gaoyang County", "注册地在本市以外": must be in that place
        out += regions_in(_OUTSIDE.sub(lambda m: "在" if m["zh"] or m["zh2"] else " in ", s))
    elif not OFFENCE.search(s):  # "注册地在慈溪市的", "Firms registered in Xiaoshan District.": any place but that one
        out += [{**r, "op": "not_in"} for r in regions_in(s) if r.get("op") != "not_in"]
    if OFFENCE.search(s):
        out.append(_clean_record(s))
    if _ALREADY.search(s) and not DOUBLE.search(s):
        out.append({"type": "first_time", "value": True})
    return out + excluded_sectors(s, out)  # "• makers of synthetic fibres;": any sector but that one (not_in)


def conditions_in(unit: str, issuer: str | None = None) -> list[dict[str, Any]]:
    """The typed conditions ``unit`` states (no quote, no citation): a list item or a sentence
    already known to speak of who may apply (``indexer.notice.eligibility`` decides that). Read once
    per unit and issuer (a list's items are read to tell a condition list, then for their conditions;
    a sentence by several rules); each caller gets its own copies."""
    return [dict(c) for c in _read(unit, issuer)]


@functools.lru_cache(maxsize=4096)
def _read(unit: str, issuer: str | None) -> tuple[dict[str, Any], ...]:
    s = _blanked(unit)
    out = measures(s) + regions_in(s, issuer)
    # a park's or zone's own name ("the Guangqing Textile and Garment Industry Park", "纺织服装产业园") names no sector
    named = [str(c.get("text", "")) for c in out if c["type"] == "region" and _AREA_NAME.search(str(c.get("text", "")))]
    kinds = functools.reduce(lambda t, n: t.replace(n, " "), named, s) if named else s
    kinds = _KINDS_OF.sub(lambda m: " " if sectors_in(kinds[max(0, m.start() - 12):m.start()]) else m[0], kinds)
    if (kept := _shut_blanked(kinds)) != kinds and sectors_in(kept):
        kinds = kept  # the kinds shut out are no sector asked; "outside the textile sector …" alone still is
    if (kept := _PROGRAMME.sub(" ", kinds)) != kinds and sectors_in(kept):
        kinds = kept  # "make knitwear, and have had no support from other textile programmes": knitwear
    if sectors := sectors_in(kinds):
        out.append({"type": "sector", "value": sectors})
    if sizes := sizes_in(s):
        out.append({"type": "enterprise_size", "value": sizes})
        if set(sizes) <= {"micro", "small", "medium", "large"} and (scale := designated_in(s)):  # 规下 … 小微企业
            out.append({"type": "enterprise_size", "value": scale})
    if SPECIALISED.search(s):
        out.append({"type": "specialised", "value": True})
    if _first(s) or ((_EXCLUDED.search(s) or NOT_COVERED.search(s)) and _ALREADY.search(s)):
        out.append({"type": "first_time", "value": True})  # "…that has already received a grant…, cannot apply"
    if _CLEAN.search(s) or _EXCLUDED.search(s) or ((NOT_COVERED.search(s) or EXCEPT.search(s)) and OFFENCE.search(s)):
        out.append(_clean_record(s))  # "信用等级为C级、D级的企业不得申报", "firms ordered to suspend … are excluded"
    if not OFFENCE.search(s) and (said := refused_affirmed(s)) and (flipped := [  # "注册地不在本市的企业不得申报"
            {k: v for k, v in c.items() if k != "op"} for c in _read(said, issuer) if c["type"] in _NEGATABLE]):
        out = [c for c in out if c["type"] not in {f["type"] for f in flipped}] + flipped
    return tuple(_lift(out, s))


def _first(s: str) -> bool:
    """A first time asked in a clause that is not about support from elsewhere ("2026年首次参展，且同一展会
    未享受其他财政资金支持": the first clause; "has not received other funding for the same project": none)
    nor about a title had for the first time, nor one saying first-timers and the others are alike."""
    s = asks_no_first(s)
    return bool(_FIRST.search(s)) and any(_FIRST.search(c) and not DOUBLE.search(c) for c in _CLAUSES.split(s))


def _lift(out: list[dict[str, Any]], s: str) -> list[dict[str, Any]]:
    """Without the conditions a unit says it does not set: "没有规模限制，大型企业同样可以申请" is
    no size condition, "regardless of turnover" no revenue one."""
    lifted: set[str] = set()
    for m in _NO_LIMIT.finditer(s):
        named = "size" if m["any"] else (m["zh"] or m["zh2"] or m["en"] or m["en2"] or "")
        lifted.update(k for pattern, kinds in _LIFTED if pattern.search(named) for k in kinds)
    return [c for c in out if not str(c["type"]).startswith(tuple(lifted))] if lifted else out


def shuts_out(unit: str) -> bool:
    """"Enterprises whose exports exceeded USD 50 million are not covered", "…的企业不予支持"."""
    return bool(NOT_COVERED.search(unit[:MAX_SENTENCE]))


def is_exclusion(unit: str) -> bool:
    """"被列入严重失信主体名单的企业，不予返还": a sentence that shuts out violators, wherever it is."""
    return bool(_EXCLUDED.search(unit[:MAX_SENTENCE]))


def states_conditions(items: list[str], issuer: str | None = None) -> bool:
    """Items that all state typed conditions of the applicant ("1. SMEs", "2. registered in Ningbo" under
    "Target group"; "1．在金华市注册登记" under "一、基本要求"), none of them a benefit: a list of conditions
    whatever its heading is called. Read with the notice's ``issuer``, as the conditions are read after."""
    return len(items) >= 2 and all(
        any(c["type"] != "text" for c in _read(i, issuer)) and not BENEFIT.search(i) for i in items)
