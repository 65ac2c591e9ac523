"""What a condition unit asks beyond its types, and exemptions from a limit.

``untyped_requirement``: a clause no type covers (a count or share of something else, a holding, a
place on a list); ``exemption``: the measure a unit exempts its own kind of company from
("小型微型企业不受出口额限制").
"""

from __future__ import annotations

import re

from indexer.notice.amounts import bounds_in
from indexer.notice.benefits import BENEFIT
from indexer.notice.conditions import DOUBLE, GRADE, MAX_SENTENCE, OFFENCE, conditions_in, sectors_in
from indexer.notice.firsts import NONE_BEFORE
from indexer.notice.measures import MEASURE, plain
from indexer.notice.not_conditions import paid_twice

__all__ = ["exemption", "untyped_requirement"]

_EXEMPT = re.compile(r"不受(?P<zh>[^，。；]{1,12}?)(?:限制|约束)"
                     r"|未达到(?P<zh2>[^，。；]{1,12}?)(?:标准|要求|门槛)[^。；]{0,20}?"
                     r"(?:也可|仍可|可以)申报|(?:are|is)\s+exempt(?:ed)?\s+from\s+(?:the\s+)?(?P<en>[\w\s-]{1,40}?)\s+"
                     r"(?:limit|threshold|requirement|ceiling|cap)|(?:do|does)\s+not\s+meet\s+the\s+(?P<en2>[\w\s-]{1,30}?)"
                     r"\s+(?:threshold|requirement|limit|criterion)[^.;]{0,20}?\bmay\s+(?:still\s+)?apply", re.I)
_CLAUSE = re.compile(r"[，；;、]|,\s|\s(?:and|but)\s(?!\d)|且|并且|同时")
# A cap on how often the firm had the support for the same thing ("have not already exhibited at the same fair
# three times with public support", "同一展会享受区级补助未满三次"): asked of the firm, unlike the rule against
# paying one thing twice beside it
_TIMES = re.compile(r"(?:同一|\bsame\s)[^。；;]{0,40}?(?:[\d一二两三四五六七八九十]\s?次(?!性)"
                    r"|\b(?:twice|(?:three|four|five|\d{1,2})\s+times)\b)", re.I)
# Something else asked of the applicant, in a clause of its own: membership of an association, a stock
# listing, social insurance paid in full, where the project is carried out
_MORE = re.compile(r"(?:holds?|has|have)\s[\w\s-]{0,20}?membership"
                   r"|\b(?:is|are|be)\s+(?:a\s+)?(?:paid-up\s+|current\s+)?members?\s+of\b|会员(?:单位|企业)|(?:协会|商会)的?会员|non-listed|unlisted|未上市|非上市"
                   r"|足额缴纳|缴纳[^，。；]{0,12}?(?:社会保险|失业保险|社保)|\bpaid\s[\w\s]{0,40}?(?:social|unemployment)\s+insurance"
                   r"|(?:taxes|insurance)\s[\w\s]{0,20}?\bin\s+full\b"
                   r"|(?:项目|改造)(?:实施)?地点?(?:在|位于)|实施地点?(?:在|位于)"
                   # a trading history from a date ("have been operating in Cixi since before 1 January 2025",
                   # "2025年1月1日前在本市注册成立")
                   r"|\b(?:operating|trading|in\s+business|registered|established)\b[^.;]{0,30}?\bsince\s+(?:before\s+)?"
                   r"(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|\d{4})"
                   r"|\d{4}年\d{1,2}月\d{1,2}日(?:之|以)?前(?:在[^，。；]{1,12}?)?(?:注册|成立|登记|设立|开业)"
                   r"|\bproject\s+(?:is\s+|must\s+be\s+)?(?:located|carried\s+out|implemented|sited)\s+in\b"
                   # its own share of the cost ("it pays at least a quarter of the project cost itself in cash"),
                   # no support at all from a place's other programmes ("no support from the city's other … programmes")
                   r"|\bpays?\s+(?:at\s+least\s+)?(?:a\s+quarter|a\s+third|half|\d{1,3}\s?(?:%|per\s?cent))\s+of\s+(?:the\s+)?"
                   r"(?:project|total|eligible)\s+(?:cost|budget|investment)"
                   r"|\bno\s+(?:support|funding|money|grants?)\s+from\s+[^.;]{0,40}?\bother\b[^.;]{0,30}?"
                   r"\b(?:programmes?|programs?|schemes?)\b"
                   r"|\b(?:owner|holder)\s+of\s+(?:a|an|the)\s[\w\s-]{0,30}?(?:certificate|licen[cs]e|trademark|patent|permit)"
                   # every item of an industry's standard conditions met ("对照《印染行业规范条件》逐项自查，各项均须
                   # 符合", "meet every requirement of the Dyeing Industry Standard Conditions")
                   r"|(?:对照|符合|满足|达到)[^，。；]{0,4}?《[^《》]{2,40}?(?:规范条件|准入条件)[^《》]{0,12}》|逐项(?:自查|对照)"
                   r"|各项均(?:须|应|需)?(?:符合|达到|满足)|\b(?:meets?|compl(?:y|ies)\s+with|satisf(?:y|ies))\s+(?:every|each|all"
                   r"|all\s+the)\s+(?:items?|requirements?|conditions?|criteria|criterion)\s+(?:of|in|set\s+out\s+in)\s+(?:the\s+)?"
                   r"[\w\s()-]{0,60}?\b(?:standard\s+conditions|entry\s+conditions|industry\s+standards?)\b",
                   re.I)
# Members and non-members alike ("会员单位和非会员单位均可报名", "open to members and non-members alike"): no
# membership asked
_ALIKE = re.compile(r"非会员|\bnon-?members?\b|(?:无论|不论|不管)是否(?:为|是)?[^，。；]{0,6}?会员"
                    r"|\b(?:whether|regardless\s+of\s+whether)\s+(?:or\s+not\s+)?(?:they\s+are\s+|it\s+is\s+)?"
                    r"(?:a\s+)?members?\b|regardless\s+of\s+membership", re.I)
_GENERIC = re.compile(r"独立法人|法人资格|合法经营|依法经营|依法纳税|财务(?:管理)?制度|会计核算|诚信经营|规范经营"
                      r"|经营状况良好"
                      r"|legal\s+(?:person|entity)|independent\s+legal|lawful(?:ly)?\s+operat|tax[- ]compliant", re.I)
_HOLDS = re.compile(r"(?:持有|拥有|取得|获得|具有|具备|需有|须有|办理|完成)[^，。；]{0,20}?"
                    r"(?:证书|认证|资质|商标|专利|许可|备案|资格|称号)"
                    r"|已在[^，。；]{0,24}?(?:平台|系统)(?:上)?(?:备案|登记|注册)"  # on a platform's register
                    r"|(?:registered|enrolled|filed)\s(?:on|with|in)\s(?:the\s)?[\w\s-]{0,40}?\b(?:platform|system)\b"
                    r"|(?:holds?|owns?|needs?|has|have|possess(?:es)?)\s[\w\s-]{0,34}?"
                    r"(?=[cltpqf])(?:certificate|certification|(?<!business\s)licen[cs]e|trademark|patent|permit|qualification"
                    r"|filing)",
                    re.I)  # one class, not adjacent optional spaces; the lookahead skips most positions
# Membership of a list: not a type, even beside a sector.
_MEMBER = re.compile(r"(?:列入|入选|纳入|评为|认定为|进入|录入)[^，。；]{0,24}?"
                     r"(?:名单|名录|目录|品牌|名牌|(?:信息|数据|企业|培育|项目)库)"
                     r"|评价入库|(?:驰名|著名)商标|名牌产品"
                     r"|\b(?:is|are|been)\s+(?:on|in|among)\s+(?:the|a|an)\s[\w\s-]{0,40}?"
                     r"\b(?:list|register|catalogue|directory|database)\b|\blisted\s+(?:as|among|on|in)\b"
                     r"|\b(?:entered|included|enrolled|recorded|admitted)\s+(?:in|on|into)\s+(?:the|a|an)\s[\w\s-]{0,40}?"
                     r"\b(?:list|register|catalogue|directory|database|pool)\b", re.I)
# The register of firms above designated size ("此前从未进入过规上企业名录", "entered the register of
# above-designated-size firms"): the size, read as such, no list of its own
_SIZE_LIST = re.compile(r"(?:规上|规模以上|规模以下|规下)(?:工业)?(?:企业)?(?:名录|名单|库)"
                        r"|designated[-\s]size\s+(?:firms?\s+|enterprises?\s+|companies\s+)?(?:list|register|directory)",
                        re.I)
# A place's statistics register ("列入江苏省统计调查单位名录", "on the statistical survey register of Jiangsu"): where
# the firm's statistics lie, read as its region, not a list of its own
_STATS = re.compile(r"统计[^，。；]{0,8}?(?:名录|名单|库)"
                    r"|\bstatistic(?:s|al)\s[\w\s-]{0,30}?\b(?:register|directory|list|database)\b", re.I)

# A kind of company shut out that no type covers: "流通型企业本届不参与分配", "trading companies are not eligible";
# a brand's agents or dealers ("品牌代理商除外", "but brand agents cannot apply")
_KIND_SHUT = re.compile(r"(?:[\u4e00-\u9fff]{1,6}[型类](?:企业|公司)|(?:代理|经销|分销)商)[^，。；]{0,10}?"
                        r"(?:不参与|不予|不得|不在|除外|不属于)"
                        r"|\b(?:(?:trading|distribution|service)\s+(?:companies|firms|enterprises|businesses)"
                        r"|agents|distributors|dealers|resellers)\b[^.;]{0,30}?"
                        r"\b(?:are\s+not|cannot|may\s+not|(?:are|is)\s+excluded)", re.I)
# Trading firms shut out after a sector of makers ("…均在本街道的纺织、化纤、家纺生产企业，贸易型企业不在奖励范围",
# "textile manufacturers in the town; trading companies are not eligible"): the makers asked say it already
_TRADERS_SHUT = re.compile(r"(?:贸易|流通|商贸|外贸代理)[型类](?:企业|公司)[^，。；]{0,10}?"
                           r"(?:不参与|不予|不得|不在|除外|不属于)"
                           r"|\b(?:trading|distribution)\s+(?:companies|firms|enterprises|businesses)\b[^.;]{0,30}?"
                           r"\b(?:are\s+not|cannot|may\s+not|(?:are|is)\s+excluded)", re.I)
_MAKERS = re.compile(r"(?:生产|制造|加工)(?:型|类)?(?:企业|单位)|\b(?:manufacturers|makers|producers|mills)\b"
                     r"|\bmanufacturing\s+(?:companies|firms|enterprises|businesses)\b", re.I)


def _makers_only(unit: str, clause: str) -> bool:
    """A clause shutting trading firms out after the sector of makers it follows in the unit."""
    if not _TRADERS_SHUT.search(clause) or (at := unit.find(clause)) < 0:
        return False
    before = unit[max(0, at - 80):at]
    return bool(_MAKERS.search(before) and sectors_in(before))


# A rate asked of the firm's own figures ("裁员率不高于5.5%", "a layoff rate of no more than 5%"): a condition even in
# a sentence that grants something, unlike the grant's own rate ("按缴费的60%返还")
_BRACKET = re.compile(r"[（(][^（）()]{1,80}[)）]")
# A bracket naming the record that decides ("（以统计部门名录库为准）", "(as shown in the statistics register)"):
# where the thing asked is checked, nothing asked of its own
_DECIDES = re.compile(r"[（(]\s?(?:以|按|依)[^（）()]{1,40}?为准\s?[)）]"
                      r"|[（(]\s?(?:as\s+(?:shown|recorded|listed)\s+(?:in|on|by)|according\s+to)\s[^（）()]{1,60}[)）]",
                      re.I)
_RATE_ASKED = re.compile(r"(?:裁员|减员|失业|流失|离职|资产负债)率\s?(?:不高于|不超过|低于|未超过|控制在)\s?"
                         r"\d{1,3}(?:\.\d{1,2})?\s?[%％]"
                         r"|\b(?:layoff|lay-off|redundancy|job[-\s]loss|staff\s+turnover|attrition|debt(?:-to-asset)?|gearing)"
                         r"\s+(?:ratio|rate)\b[^.;,%]{0,30}?\b(?:no\s+(?:more|higher)\s+than|not\s+(?:above|over|exceeding"
                         r"|more\s+than)|below|under|at\s+most|(?:did|does)\s+not\s+exceed)\s+\d{1,3}(?:\.\d{1,2})?\s?(?:%|per\s?cent)",
                         re.I)
_COUNTED = re.compile(r"满\s?\d{1,3}\s?(?:个月|年)|\d{1,3}\s?(?:个月|年)以上|\d{1,3}(?:\.\d{1,2})?\s?[%％]"
                      r"|(?:at\s+least|more\s+than|no\s+less\s+than|over)\s+(?:\d{1,3}|one|two|three|four|five|six|ten)"
                      r"\s+(?:full\s+)?(?:years?|months?)", re.I)


def exemption(unit: str) -> str | None:
    """"小型微型企业不受出口额限制", "Small firms are exempt from the export threshold": the measure a
    unit exempts its own kind of company from (exports, revenue, staff), else None."""
    m = _EXEMPT.search(unit[:MAX_SENTENCE])
    if not m:
        return None
    named = MEASURE.search(m["zh"] or m["zh2"] or m["en"] or m["en2"] or "")
    return next((k for k, v in named.groupdict().items() if v), None) if named else None


def untyped_requirement(unit: str, issuer: str | None = None) -> bool:
    """Whether a unit also asks something no type covers, in a clause of its own: a count or share
    of something else ("足额缴纳失业保险费满12个月", "裁员率不高于5.5%", "设备投资额不低于500万元") or a holding
    ("持有有效的认证证书", "needs a registered trademark") or a credit grade ("纳税信用等级为B级及以上")
    or a place on a list or database ("列入…名单",
    "one of its brands is on the national list of key textile brands", "纳入…科技型中小企业信息库") or other
    support had at all ("已享受本年度其他区级补助的") or a cap on times for the same fair (``_TIMES``), not the rule
    against paying one thing twice (``paid_twice``: "同一项目未享受其他市级资金支持"), or something else of the
    applicant's (``_MORE``: "hold current membership of the Association", "按时足额缴纳失业保险费", "技术改造实施地点在
    柯桥区"), even beside a sector; legal-person
    and lawful-operation clauses are not counted, nor, in a sentence that grants something, its rate
    and cap ("receive a subsidy of 40% …, up to RMB 500,000 per enterprise")."""
    typed = {str(c.get("value")) for c in conditions_in(unit, issuer)}
    # "make garments or textiles (merchant exporters and trading companies are excluded)": part of the sector
    unit = _BRACKET.sub(lambda m: " " if _DECIDES.fullmatch(m[0]) or (
        _KIND_SHUT.search(m[0]) and sectors_in(unit[max(0, m.start() - 40):m.start()])) else m[0], unit[:MAX_SENTENCE])
    grants = bool(BENEFIT.search(unit[:MAX_SENTENCE]))
    for clause in _CLAUSE.split(unit[:MAX_SENTENCE]):
        if _makers_only(unit, clause):  # "…家纺生产企业，贸易型企业不在奖励范围": the makers asked say it
            continue
        stats = _STATS.search(clause) and any(c["type"] == "region" for c in conditions_in(clause, issuer))
        if (_MEMBER.search(clause) and not OFFENCE.search(clause) and not stats and not _SIZE_LIST.search(clause)
                and not NONE_BEFORE.search(clause)) or (  # "尚未列入…名单": a first time, no list held
                _KIND_SHUT.search(clause)
                                                                        and not conditions_in(clause, issuer)):
            return True
        if paid_twice(clause) or _ALIKE.search(clause):  # "同一项目未获得其他市级资金支持", "会员和非会员均可"
            continue
        if DOUBLE.search(clause) or _MORE.search(clause) or GRADE.search(clause) or _TIMES.search(clause):
            # "已享受本年度其他区级补助", "实施地点在柯桥区", "纳税信用等级为B级及以上", "three times at the same fair"
            return True
        if _RATE_ASKED.search(clause):  # "裁员率不高于5.5%" in a sentence of 稳岗返还: the firm's rate, not the grant's
            return True
        if len(clause.strip()) < 4 or _GENERIC.search(clause) or BENEFIT.search(clause):
            continue
        bounds = bounds_in(clause)
        if conditions_in(clause, issuer):  # an untyped bound beside a type: "设备投资在50万元至500万元之间的纺织企业"
            if not grants and any(not _read(b.value, typed) for b in bounds):
                return True
            continue
        if bounds and all(_read(b.value, typed) for b in bounds):
            continue  # "3000万美元以下" after "出口额在500万美元以上、": the exports range already read
        counted = _COUNTED.search(clause)
        if _HOLDS.search(clause) or (counted and not (grants and counted[0].rstrip().endswith(("%", "％")))):
            return True
        if bounds_in(clause) and not grants:
            return True
    return False


def _read(value: float | tuple[float, float], typed: set[str]) -> bool:
    """Whether a bound's value is among the typed conditions' values: 300; [100, 500] for a range, or both
    its ends (a range read as a minimum and a maximum)."""
    if isinstance(value, tuple):
        return str([plain(v) for v in value]) in typed or all(str(plain(v)) in typed for v in value)
    return str(plain(value)) in typed
