"""Who may apply, what they get and how to apply, read from a notice's sentences at index time.

Each condition is typed when its wording is recognised ("annual exports below 50 million US
dollars" -> ``annual_exports_usd_max`` < 50000000; "从业人员300人以下" -> ``employees_max`` <= 300;
"在绍兴市柯桥区注册" -> ``region`` Keqiao) and always keeps the sentence it came from and its chunk, so
the finder quotes and cites it; an eligibility sentence with nothing typable stays as ``text``.
Chinese 以上/以下/不超过 include the number, 超过/低于/不足 do not (Civil Code art. 1259).
Every pattern is bounded (no nested unbounded repeats) and sentences are cut to MAX_SENTENCE.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from core.records import Chunk
from indexer.notice.places import known, places_in

MAX_SENTENCE = 400
MAX_ITEMS = 30

_NUM = r"(?P<num>\d{1,3}(?:,\d{3}){1,4}|\d{1,13})(?:\.(?P<frac>\d{1,4}))?"
_SCALE = r"(?P<scale>million|mn|m(?![a-z])|billion|bn|thousand|k(?![a-z])|千万|百万|万|亿)?"
_CUR_BEFORE = r"(?P<cur1>US\$|USD|US\s?dollars?|\$|RMB|CNY|¥|￥)?"
_CUR_AFTER = r"(?P<cur2>US\s?dollars?|USD|dollars?|美元|元人民币|元|yuan|RMB|CNY)?"
AMOUNT = re.compile(rf"{_CUR_BEFORE}\s?{_NUM}\s?{_SCALE}\s?{_CUR_AFTER}", re.I)
_SCALES = {"million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3, "k": 1e3,
           "千万": 1e7, "百万": 1e6, "万": 1e4, "亿": 1e8}
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "〇": 0}

# Comparators: (pattern, op). Longest first so "not more than" is not read as "more than".
_EN_OPS = [(r"not\s+(?:exceeding|more\s+than|above|over)|(?:did|does|do|shall|must)\s+not\s+exceed|not\s+to\s+exceed"
            r"|no\s+more\s+than|up\s+to|at\s+most|or\s+less", "<="),
           (r"no\s+(?:less|fewer)\s+than|not\s+(?:less|fewer)\s+than|at\s+least|or\s+more|minimum\s+of", ">="),
           (r"below|under|less\s+than|fewer\s+than|lower\s+than|of\s+less\s+than", "<"),
           (r"above|over|more\s+than|greater\s+than|exceeding|in\s+excess\s+of", ">")]
_ZH_BEFORE = [(r"不超过|不高于|未超过|不多于", "<="), (r"不低于|不少于|达到", ">="), (r"低于|少于|不足|不到|小于", "<"),
              (r"超过|高于|多于|大于", ">")]
_ZH_AFTER = [(r"以下|以内|及以下", "<="), (r"以上|及以上", ">=")]
_EN_OP = "|".join(f"(?:{p})" for p, _ in _EN_OPS)
_ZH_OP = "|".join(p for p, _ in _ZH_BEFORE)


def _measure(en: str, zh: str) -> re.Pattern[str]:
    """"<measure> below <amount>" in English, "<measure>不超过<amount>" / "<measure><amount>以下" in Chinese."""
    return re.compile(
        rf"(?:annual\s+)?{en}(?:\s+(?:in|of)\s+(?:the\s+)?(?:previous|last|prior)\s+year)?\s*(?:of\s+)?(?:is\s+|was\s+)?"
        rf"(?P<op>{_EN_OP})\s+(?P<amount>[^,.;()]{{1,40}})"
        rf"|(?:年|年度|上年度?|上一年度)?{zh}(?:在|为)?\s?(?P<zop>{_ZH_OP})?\s?(?P<zamount>[^，。；,;]{{1,20}}?)"
        r"\s?(?P<zafter>以下|以内|以上)?(?=[，。；,;的、且]|$)", re.I)


_MEASURES = {
    "annual_exports": _measure(r"(?:exports?|export\s+(?:value|volume|sales|revenue))(?:\s+(?:value|volume|revenue))?",
                               r"出口(?:额|总额|金额|规模|销售额)"),
    "annual_revenue": _measure(r"(?<!export\s)(?<!export\ssales\s)(?:(?:sales\s+)?revenues?|turnover"
                               r"|(?:operating|business)\s+income|sales)",
                               r"(?<!出口)(?:(?:营业|销售|主营业务)收入|营收|销售额)"),
}
_EMPLOYEES = re.compile(
    rf"(?P<op>{_EN_OP})\s+(?P<n>\d{{1,3}}(?:,\d{{3}})?|\d{{1,7}})\s+(?:full-time\s+)?(?:employees|staff|workers)"
    rf"|(?:employees|staff|workforce|headcount)(?:\s+of)?\s+(?P<op2>{_EN_OP})\s+(?P<n2>\d{{1,3}}(?:,\d{{3}})?|\d{{1,7}})"
    rf"|employ(?:s|ing)?\s+(?P<op3>{_EN_OP})\s+(?P<n3>\d{{1,3}}(?:,\d{{3}})?|\d{{1,7}})\s+(?:people|persons|staff|workers)"
    rf"|(?:从业人员|职工|员工|用工)(?:人数|总数)?(?:在|为)?\s?(?P<zop>{_ZH_OP})?\s?(?P<zn>\d{{1,7}})\s?(?:人|名)"
    r"\s?(?P<zafter>以下|以内|以上)?", re.I)
_REGION = re.compile(
    r"(?:registered|incorporated|located|domiciled|based)(?:\s+(?:address|office|seat))?(?:\s+and\s+\w{1,12})?"
    r"\s+in\s+(?:the\s+)?(?P<en>[A-Z][\w'-]{1,20}(?:[ ,]{1,2}(?:[A-Z][\w'-]{1,20}|or|and)){0,5})"
    # "SMEs in Zhejiang province": only a place the gazetteer knows (see conditions_in)
    r"|\b(?:enterprises|companies|firms|SMEs|exporters|manufacturers)\s+in\s+(?:the\s+)?"
    r"(?P<loose>[A-Z][\w'-]{1,20}(?:\s[A-Z][\w'-]{1,20}){0,2})"
    r"|(?:在|于)(?P<zh>[\u4e00-\u9fff、或和]{2,20}?)(?:内)?(?:依法)?(?:注册|登记|设立)"
    r"|注册(?:地|地址|地点)?(?:在|位于|为)(?P<zh2>[\u4e00-\u9fff、或和]{2,20}?)(?=[的，。；,、]|范围|辖区|境内|行政)"
    r"|(?P<zh3>[\u4e00-\u9fff]{2,12}?)(?:辖区内|行政区域内|范围内|境内)(?:依法)?(?:注册|登记)")
_SECTORS = {
    "textile": r"textiles?|纺织", "apparel": r"apparel|garments?|clothing|服装|服饰",
    "dyeing": r"(?:printing\s+and\s+)?dyeing|印染", "chemical_fibre": r"chemical\s+fib(?:re|er)s?|化纤|化学纤维",
    "home_textile": r"home\s+textiles?|家纺", "weaving": r"weaving|织造",
}
_SECTOR = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _SECTORS.items()), re.I)
_SIZES = [(re.compile(r"中小微|micro,?\s+small\s+and\s+medium|MSMEs?", re.I), ["micro", "small", "medium"]),
          (re.compile(r"小微|small\s+and\s+micro|micro\s+and\s+small", re.I), ["micro", "small"]),
          (re.compile(r"中小(?:型)?企业|中小|small\s+and\s+medium(?:-sized)?|SMEs?\b", re.I),
           ["micro", "small", "medium"]),
          (re.compile(r"规模以上|规上|above\s+(?:the\s+)?designated\s+size", re.I), ["above_designated_size"])]
_FIRST = re.compile(r"首次|第一次|for\s+the\s+first\s+time|first[-\s]time", re.I)
_CLEAN = re.compile(
    r"无(?:重大)?(?:违法|违规|不良)|未(?:发生|受到|被列入).{0,12}(?:事故|处罚|失信|黑名单)|信用良好|no\s+(?:record\s+of\s+)?"
    r"(?:serious\s+|major\s+)?(?:violations?|illegal|dishonest|penalt)|not\s+(?:been\s+)?(?:penali[sz]ed|blacklisted)"
    r"|good\s+(?:credit|standing)", re.I)
_TRIGGER = re.compile(
    r"eligib|may\s+apply|can\s+apply|qualif|applicants?\s+(?:must|shall|should)|open\s+to|applies\s+to|must\s+be"
    r"|申请条件|申报条件|支持对象|扶持对象|补助对象|奖励对象|适用于|适用范围|应当具备|须具备"
    r"|符合.{0,10}条件|申报主体", re.I)
_CONTEXT = re.compile(r"eligib|appl(?:y|ies|icants?|ications?)|open\s+to|\b(?:must|shall|should|required?)\b"
                      r"|须|应当|需|申请|申报|条件|对象|subsid|grant|reward|receive|补助|补贴|奖励|资助|给予", re.I)
_BENEFIT = re.compile(r"subsid|grant|reward|rebate|refund|bonus|receive|award"
                      r"|补助|补贴|奖励|资助|给予|贴息|减免|返还|扶持资金", re.I)
_RATE = re.compile(r"(?P<rate>\d{1,3}(?:\.\d{1,2})?)\s?(?:%|％|per\s?cent)", re.I)
_CAP = re.compile(r"(?:up\s+to|capped\s+at|(?:a\s+)?maximum\s+of|最高(?:不超过|为)?|最多|上限为?)"
                  r"\s?(?P<amount>(?:[^,.;，。；()（）]|[,.](?=\d)){1,30})", re.I)
_APPLY = re.compile(r"appl(?:y|ies|ication|icants?)|submit|申请|申报|提出|受理|提交", re.I)
_DEADLINE = re.compile(
    r"within\s+(?:\d{1,3}|one|two|three|four|five|six|ten|fifteen|thirty|sixty|ninety)\s+(?:working\s+)?"
    r"(?:days?|weeks?|months?)(?:\s+(?:after|of|from)\s+[^,.;]{1,50})?|(?:before|by|no\s+later\s+than)\s+"
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?|[A-Z][a-z]{2,8}\s+\d{1,2}(?:,\s+\d{4})?)"
    r"|[^，。；、]{0,12}?(?:\d{1,3}|[一二三四五六七八九十两]{1,3})个?(?:月|日|天|工作日)内"
    r"|\d{4}年\d{1,2}月\d{1,2}日(?:之?前)|每年\d{1,2}月\d{1,2}日(?:之?前)", re.I)
# Up to nine words before the channel's kind ("the Jiangsu Commerce Online Business System").
_CHANNEL = re.compile(r"\b(?:through|via|on|to|at)\s+(?:the\s+)?(?P<en>[\w'-]+(?: [\w'-]+){0,8}? ?"
                      r"(?:platform|system|portal|bureau|office|website|department|centre|center|commission|window))|(?:向|通过|登录)(?P<zh>[\u4e00-\u9fff]{2,24}?"
                      r"(?:平台|系统|网站|局|厅|委员会|中心|窗口|部门|办公室))", re.I)


_LEAD = re.compile(r"^[^在于]{0,12}(?:在|于)(?=.)")


def amount(text: str) -> tuple[float, str] | None:
    """(value, "USD"|"CNY") of the first amount with a currency in ``text``: "USD 10 million",
    "$5m", "1000万美元", "5亿元", "300,000 yuan"; None without a currency (a count, a percentage)."""
    m = AMOUNT.search(text[:MAX_SENTENCE])  # the first number is the amount: "30 million" alone has none
    currency = (m["cur1"] or m["cur2"] or "").lower().replace(" ", "") if m else ""
    if m and currency:
        value = float(m["num"].replace(",", "") + ("." + m["frac"] if m["frac"] else ""))
        value *= _SCALES.get((m["scale"] or "").lower(), 1.0)
        usd = currency in ("us$", "usd", "usdollar", "usdollars", "$", "dollar", "dollars", "美元")
        return value, "USD" if usd else "CNY"
    return None


def sectors_in(text: str) -> list[str]:
    """The sectors ``text`` names, in the vocabulary conditions use ("纺织服装" -> textile, apparel)."""
    return list(dict.fromkeys(k for m in _SECTOR.finditer(text[:MAX_SENTENCE]) for k, v in m.groupdict().items() if v))


def _op(words: str | None, table: list[tuple[str, str]]) -> str | None:
    for pattern, op in table:
        if words and re.fullmatch(pattern, words.strip(), re.I):
            return op
    return None


def conditions_in(sentence: str) -> list[dict[str, Any]]:
    """The typed conditions one sentence states (without citation)."""
    s = sentence[:MAX_SENTENCE]
    out: list[dict[str, Any]] = []
    for measure, pattern in _MEASURES.items():
        for m in pattern.finditer(s):
            op = _op(m["op"], _EN_OPS) or _op(m["zop"], _ZH_BEFORE) or _op(m["zafter"], _ZH_AFTER)
            found = amount(m["amount"] or m["zamount"] or "")
            if op and found:
                kind = "max" if op.startswith("<") else "min"
                out.append({"type": f"{measure}_{found[1].lower()}_{kind}", "op": op, "value": found[0]})
    if not (out or _CONTEXT.search(s)):  # "more than 1,300 staff attended": news, not a condition
        return out
    for m in _EMPLOYEES.finditer(s):
        op = _op(m["op"] or m["op2"] or m["op3"], _EN_OPS) or _op(m["zop"], _ZH_BEFORE) or _op(m["zafter"], _ZH_AFTER)
        number = m["n"] or m["n2"] or m["n3"] or m["zn"]
        if op:
            out.append({"type": "employees_" + ("max" if op.startswith("<") else "min"), "op": op,
                        "value": int(number.replace(",", ""))})
    for m in _REGION.finditer(s):
        raw = m["en"] or m["loose"] or m["zh"] or m["zh2"] or m["zh3"]
        places = places_in(raw)
        if m["loose"] and not all(map(known, places)):
            continue
        if places:
            out.append({"type": "region", "value": places, "text": raw.strip()})
    if out or _TRIGGER.search(s) or _BENEFIT.search(s):  # who a benefit goes to, or who may apply
        if sectors := sectors_in(s):
            out.append({"type": "sector", "value": sectors})
        for pattern, sizes in _SIZES:
            if pattern.search(s):
                out.append({"type": "enterprise_size", "value": sizes})
                break
        if _FIRST.search(s):
            out.append({"type": "first_time", "value": True})
        if _CLEAN.search(s):
            out.append({"type": "no_violations", "value": True})
    return out


def _benefit(s: str) -> dict[str, Any] | None:
    rate, cap = _RATE.search(s), _CAP.search(s)
    cap_amount = amount(cap["amount"]) if cap else None
    if not _BENEFIT.search(s) or not (rate or cap_amount):
        return None
    said = AMOUNT.search(cap["amount"]) if cap else None  # "RMB 500,000", not "… per enterprise per"
    capped = {"amount": cap_amount[0], "currency": cap_amount[1], "text": said[0].strip()} \
        if said and cap_amount else None
    return {"rate": rate["rate"] + "%" if rate else None, "cap": capped}


def _application(s: str) -> dict[str, Any] | None:
    deadline, channel = _DEADLINE.search(s), _CHANNEL.search(s)
    if not _APPLY.search(s) or not (deadline or channel):
        return None
    when = _LEAD.sub("", deadline[0]).strip() if deadline else None  # "企业应在项目验收后三个月内" -> "项目验收后…"
    return {"deadline": when,
            "channel": (channel["en"] or channel["zh"]).strip() if channel else None}


def _cite(chunk: Chunk) -> dict[str, Any]:
    return {"doc_id": chunk.doc_id, "chunk_id": chunk.chunk_id, "position": chunk.position, "page": chunk.page}


def extract_eligibility(chunks: Iterable[Chunk]) -> dict[str, list[dict[str, Any]]]:
    """A document's conditions, benefits and application steps, each with its quote and chunk; a
    condition stated in two passages (chunk overlap, a repeated sentence) is kept once."""
    conditions: list[dict[str, Any]] = []
    benefits: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    seen: set[str] = set()
    for chunk in chunks:
        for sentence in chunk.sentences or (chunk.text,):
            quote = " ".join(sentence.split())[:MAX_SENTENCE]
            if quote.lstrip("# ") == " ".join(chunk.title.split()):  # the headline names a topic, not a condition
                continue
            typed = conditions_in(quote)
            for cond in typed:
                key = f"{cond['type']}:{cond['value']}"
                if key not in seen and len(conditions) < MAX_ITEMS:
                    seen.add(key)
                    conditions.append({**cond, "quote": quote, "citation": _cite(chunk)})
            benefit, step = _benefit(quote), _application(quote)
            only_text = not (typed or benefit or step) and _TRIGGER.search(quote) is not None
            if only_text and f"text:{quote}" not in seen and len(conditions) < MAX_ITEMS:
                seen.add(f"text:{quote}")
                conditions.append({"type": "text", "value": None, "quote": quote, "citation": _cite(chunk)})
            if (b := benefit) and quote not in seen and len(benefits) < MAX_ITEMS:
                seen.add(quote)
                benefits.append({**b, "quote": quote, "citation": _cite(chunk)})
            if (a := step) and f"apply:{quote}" not in seen and len(steps) < MAX_ITEMS:
                seen.add(f"apply:{quote}")
                steps.append({**a, "quote": quote, "citation": _cite(chunk)})
    return {"conditions": conditions, "benefits": benefits, "application": steps}
