"""Bounds attributed to what they measure: staff, exports, revenue (or something untyped).

"从业人员300人以下", "annual exports below USD 10 million", "RMB 20 million in operating revenue": a
bound (``indexer.notice.amounts``) is typed by the measure named before it (within 60 characters) or
right after it; an amount about something else (investment, R&D spending, the subsidy itself) and a
share ("R&D staff no less than 10% of all employees") are no typed condition, nor the turnover of one channel
("以9610、9710或9810方式申报出口的跨境电商交易额达到500万元", "cross-border e-commerce sales of at least RMB 5
million": not the firm's exports, which no profile splits by channel), nor exports to one market ("a country
where its export sales in 2025 were below RMB 500,000", "对该国家出口额低于50万元"). In a sentence that
shuts some out ("Enterprises whose exports exceeded USD 50 million are not covered") the bound is
turned round: what the others must meet.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.notice.amounts import ZH_NUMERALS, Bound, bounds_in

__all__ = ["EXCEPT", "MEASURE", "NOT_COVERED", "measures", "plain"]

# a bank line that finances exports ("a bank export-finance line of RMB 20 million or less", "出口信贷额度"): a loan
_FINANCE = r"(?![-\s]?(?:financ|credit\s+line|loan|信贷|融资))"
_EXPORTS = rf"进出口|(?:出口|外贸出口){_FINANCE}(?:额|总额|金额|规模|销售额|交货值|值|业绩)?|外销(?:额|收入)?" \
    rf"|exports?(?:ing)?{_FINANCE}(?:\s+(?:sales\s+)?(?:value|volume|sales|revenue|turnover))?|shipped|shipments?" \
    r"|export\s+(?:sales\s+)?(?:value|volume|revenue|turnover)|(?:overseas|foreign)\s+sales"
_REVENUE = r"(?:营业|销售|主营业务|经营|年)收入|营收|销售额|营业额|(?:sales\s+)?revenues?|turnover|sales" \
    r"|(?:operating|business|annual)\s+income"
_OTHER_MONEY = r"投入|投资|研发|费用|注册资本|资产|纳税|税收|利润|贷款|信贷|融资|授信|保费|补助|补贴|奖励|资助|支持" \
    r"|展位|合同|financ(?:e|ing)\b|credit\s+line" \
    r"|跨境电(?:商|子商务)(?:零售)?(?:进出口|出口|零售)?(?:交易|销售|贸易)?(?:额|总额|金额)?" \
    r"|cross[-\s]border\s+e-?commerce(?:\s+(?:exports?|sales|turnover|trade|transactions?))?" \
    r"|invest|R&D|research|spend|cost|capital|assets|tax|profit|loan|premium|subsid|grant|reward|support|fee|booth"
# exports to one market ("a country where its export sales in 2025 were below RMB 500,000", "对该国家（地区）出口额低于
# 50万元"): no bound on the firm's exports, which no profile splits by market
_MARKET = r"(?:对|向|在)(?:该|此|这个|单一|同一)(?:国家|市场|地区)(?:[（(]地区[)）])?的?(?:出口|外销)" \
    r"(?:额|总额|金额|销售额)?" \
    r"|(?:country|market|destination)\s+(?:where|in\s+which)\s+(?:its|their|the\s+(?:firm|company)(?:'s|’s))\s+" \
    r"(?:export\s+)?(?:sales|exports)|exports?\s+(?:sales\s+)?(?:to|in|into)\s+" \
    r"(?:that|this|the\s+new|a\s+single|each)\s+(?:country|market|destination)"
MEASURE = re.compile(rf"(?P<market>{_MARKET})"
                      r"|(?P<staff>employees|staff|workforce|headcount|从业人员|职工|员工|用工|参保人数)"
                      rf"|(?P<trade>进出口(?:额|总额)?|imports?\s+and\s+exports?|trade\s+(?:volume|value))"
                      rf"|(?P<exports>{_EXPORTS})|(?P<revenue>{_REVENUE})|(?P<other>{_OTHER_MONEY})", re.I)
_STAFF_AFTER = re.compile(r"\s?(?:(?:full-time|insured|permanent|contracted)\s+)?(?:employees|staff|workers|people"
                          r"|persons|人|名)"
                          # "more than 20 but fewer than 500 employees": the count the next bound names
                          r"|\s(?:but|and)\s(?:fewer|less|no\s+more|not\s+more|at\s+most|under|below)\b[^,;.]{0,12}?\d[\d,]{0,9}\s"
                          r"(?:full-time\s+)?(?:employees|staff|workers|people|persons)", re.I)
# 参保: _not_staff; a team's size is no headcount of the firm ("a design team of at least five people",
# "设计团队不少于5人")
_NOT_STAFF = re.compile(r"研发|技术|学历|insured|R&D|research|technical", re.I)
_TEAM = re.compile(r"团队|\bteams?\b(?![^,;.，。；]{0,30}?\b(?:of|in)\s+the\s+(?:firm|company))", re.I)
# "employers with 30 insured staff or fewer may have a layoff rate of up to 20%": a rate's tier, no headcount
_LAYOFF = re.compile(r"layoffs?|lay-offs?|redundanc|job\s+cuts|裁员", re.I)
_SHARE = re.compile(
r"\s?(?:[%％‰]|percent|per\s?cent|个百分点|成(?![员本立]))", re.I)
NOT_COVERED = re.compile(r"(?:are|is|will\s+be)\s+not\s+(?:covered|eligible|supported)"
                          r"|(?:are|is)\s+(?:excluded|ineligible)|\bcannot[.;]?\s{0,3}$|\b(?:do|does)\s+not\s+qualify\b"
                          r"|^no\s+(?:firm|company|enterprise|applicant|exporter|business|employer)\b[^.;]{0,80}?"
                          r"\b(?:may|can|shall|will)\s+(?:apply|take\s+part|participate|qualify|be\s+(?:paid|funded|supported))"
                          r"|\b(?:cannot|can\s+not|may\s+not|shall\s+not|must\s+not|will\s+not)\s+(?:apply|take\s+part|participate"
                          r"|join|claim|qualify|be\s+(?:paid|funded|considered|accepted))\b"
                          r"|不予(?:支持|受理|补助|奖励|资助|补贴)|不属于[^，。；]{0,12}(?:范围|对象)|不在[^，。；]{0,12}范围(?:内|之内)?"
                          r"|不(?:得|能|可)(?:再次)?(?:申报|申请|参加|参与)|不享受"
                          # "年营业收入不足500万元的企业，不适用本措施", "These measures do not apply to firms …"
                          r"|不适用(?:于)?(?:本|此|该)(?:措施|办法|政策|细则|规定)|(?:本|此|该)(?:措施|办法|政策|细则|规定)不适用"
                          r"|\b(?:measures|rules|scheme|programme|program|policy)\s+(?:do|does|shall|will)\s+not\s+apply\s+to\b",
                          re.I)

_FLIP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}


# A headcount spelled out ("at least three full-time employees", "从业人员不少于五人"): read as its digits
_EN_COUNTS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_EN_COUNTS |= {"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}
_SPELLED = re.compile(r"\b(?P<en>" + "|".join(_EN_COUNTS) + r")(?=\s+(?:or\s+(?:more|fewer|less)\s+)?"
                      r"(?:full-time\s+|permanent\s+|insured\s+)?(?:employees|staff|workers|people|persons)\b)"
                      r"|(?:(?<=不少于|不低于|不超过|不多于)|(?<=不足|少于|多于|超过|至少|最少))(?P<zh>[一二三四五六七八九十两]{1,3})"
                      r"(?=\s?(?:名|人))", re.I)


def _digits(m: re.Match[str]) -> str:
    if m["en"]:
        return str(_EN_COUNTS[m["en"].lower()])
    tens, _, ones = m["zh"].rpartition("十")
    if "十" not in m["zh"]:
        return str(ZH_NUMERALS[m["zh"]]) if len(m["zh"]) == 1 else m["zh"]
    return str((ZH_NUMERALS.get(tens, 0) if tens else 1) * 10 + (ZH_NUMERALS.get(ones, 0) if ones else 0))


def measures(s: str, shut: bool | None = None) -> list[dict[str, Any]]:
    """Bounds with their measure; in a sentence that shuts some out ("Enterprises whose exports
    exceeded USD 50 million are not covered"), or an item of a list of exclusions (``shut``), the
    bound is what the others must meet (<= 50 million). A headcount spelled out is read as digits."""
    out = []
    s = _SPELLED.sub(_digits, s)
    shut = bool(NOT_COVERED.search(s)) if shut is None else shut
    for bound in bounds_in(s, bare=True):
        at = s.find(bound.text)
        turned = shut or _excepted(s, at, at + len(bound.text))
        if _SHARE.match(s, at + len(bound.text)):  # "R&D staff no less than 10% of all employees": a share
            continue
        before = list(MEASURE.finditer(s[max(0, at - 60):at]))
        after = MEASURE.match(s, at + len(bound.text)) or re.compile(r"\s(?:in|of)\s(?:the\s)?(?:annual\s)?") \
            .match(s, at + len(bound.text)) and MEASURE.search(s[:at + len(bound.text) + 40], at + len(bound.text))
        found = before[-1] if before else after or None  # "RMB 20 million in operating revenue"
        measure = next((k for k, v in found.groupdict().items() if v), None) if found else None
        staff_after = bound.currency is None and _STAFF_AFTER.match(s, at + len(bound.text))  # "100 or more employees"
        # "a headcount of 50–1,000", "employs at least 20 and at most 300 people": a count of staff
        if bound.bare and not (before and measure == "staff") and not (staff_after and staff_after[0][:1].isspace()
                                                                       and " " in staff_after[0].strip()):
            continue
        if bound.people or staff_after or (measure == "staff" and bound.currency is None):
            insured_tier = staff_after and "insured" in staff_after[0].lower() and _LAYOFF.search(s)
            if not (_not_staff(s, at, at + len(bound.text)) or insured_tier):
                out.append(_typed("employees", bound, turned))
            continue
        currency = bound.currency or ("CNY" if measure == "revenue" and re.search(r"[万亿]", bound.text) else None)
        if measure in ("exports", "revenue") and currency:
            out.append(_typed(f"annual_{measure}_{currency.lower()}", bound, turned))
    return out


def _not_staff(s: str, at: int, end: int) -> bool:
    """Whether the count at ``s[at:end]`` is of someone other than the staff: R&D or technical staff, or
    insured staff naming a tier of firms ("参保职工30人（含）以下的企业，裁员率…"); an insured headcount a firm
    must have is its staff ("2025年末参保职工不超过100人"), also where the firm it qualifies ends the
    sentence ("本镇注册、年末参保职工不少于30人的企业。": the applicant itself, no tier given anything)."""
    before = s[max(0, at - 8):at]
    if "参保" in before:
        return bool(_LAYOFF.search(s) or re.match(r"\s?的?(?:企业|单位|用人单位)(?!\s?(?:[。；;]|$))", s[end:end + 8]))
    return _NOT_STAFF.search(before) is not None or _TEAM.search(s[max(0, at - 30):at]) is not None


# "may apply, except firms with annual exports above USD 50 million", "但年出口额超过5000万美元的企业除外",
# "除年出口额超过5000万美元的企业外": the bound of those excepted, turned round for the others
EXCEPT = re.compile(r"\b(?:except(?:\s+for)?|other\s+than|excluding|with\s+the\s+exception\s+of)\b|除外", re.I)
_CLAUSE_CUT = re.compile(r"[,，.;。；]")


def _excepted(s: str, at: int, end: int) -> bool:
    """Whether the bound at ``s[at:end]`` describes firms its sentence excepts, in the same clause ("Applicants,
    other than SMEs, must have exports of at least …" excepts SMEs, not the exporters)."""
    before = _CLAUSE_CUT.split(s[max(0, at - 80):at])[-1]
    after = s[end:end + 40]
    if EXCEPT.search(before) and "除外" not in before or re.match(r"[^，,。；;]{0,40}?除外", after):
        return True
    return "除" in before and bool(re.match(r"[^，,。；;]{0,40}?外[，,、]", after))


def _typed(base: str, bound: Bound, shut: bool = False) -> dict[str, Any]:
    if bound.op == "between":
        low, high = bound.value  # type: ignore[misc]
        return {"type": f"{base}_range", "op": "between", "value": [plain(low), plain(high)]}
    op = _FLIP[bound.op] if shut else bound.op
    kind = "max" if op.startswith("<") else "min"
    return {"type": f"{base}_{kind}", "op": op, "value": plain(bound.value)}  # type: ignore[arg-type]


def plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
