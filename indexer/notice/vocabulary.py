"""The words notices use for an applicant's sector and size, in English and Chinese.

Sectors are named by trade ("纺织", "dyeing") or by product ("面料", "坯布", "童装", "bedding",
"fabrics"), never by a market's name ("常熟服装城", "纺织城") nor an association's ("纺织工业联合会", "the provincial
textile association"); ``PARENT`` is the stated hierarchy
(a dyeing firm is a textile firm, apparel is not textile). Sizes are the statistical classes
(中小微, 小型、微型, "small or medium-sized", 中型或大型,
"medium-sized or larger") and 规模以上 ("above designated size"). Every pattern is bounded.
"""

from __future__ import annotations

import re

MAX_TEXT = 400

SECTORS = {
    "textile": r"textiles?(?!\s+(?:dyeing|printing)|\s+(?:and\s+apparel\s+)?(?:industry\s+)?(?:association|federation"
               r"|council|chamber))|fabrics?|yarns?|spinning|纺织(?!品印染|品染整|城|(?:服装|工业|行业|品)?(?:协会|商会|联合会))"
               r"|面料|布料|坯布|纱线|纺纱|棉纺|毛纺",
    "apparel": r"apparel(?!\s+(?:industry\s+)?(?:association|federation|council|chamber))|garments?|clothing|fashion"
               r"|服装(?!城|(?:工业|行业)?(?:协会|商会|联合会))|服饰|成衣|童装|女装|男装|内衣|羊毛衫|鞋服|职业装|校服"
               r"|\b(?:uniforms|workwear|underwear|lingerie|bras|homewear|nightwear|sleepwear|pyjamas|pajamas)\b",
    "dyeing": r"(?:printing\s+and\s+)?dyeing|印染|染整",
    "chemical_fibre": r"(?:chemical|synthetic|man-made)[-\s]fib(?:re|er)s?|化纤|化学纤维|合成纤维",
    "home_textile": r"home\s+textiles?|home\s+furnishings?\s+(?:made\s+)?(?:of|from)\s+(?:fabrics?|textiles?)"
                    r"|bedding|bed\s+linen|towels?|curtains?|家纺|家用纺织品|床上用品|床品|毛巾|窗帘|布艺"
                    # made-ups: textile goods sewn ready for use ("home textiles or other made-up textile goods")
                    r"|made[-\s]up\s+textiles?(?:\s+(?:goods|articles|products|items))?|\bmade[-\s]ups\b|纺织(?:品)?制成品",
    "weaving": r"weaving|织造",
    "knitting": r"knitting|knitwear|knitted|针织|毛织",
    "silk": r"silk|丝绸|真丝",
}
"""The sector vocabulary, in the order a phrase is read ("home textiles" before "textile")."""
PARENT = {"dyeing": "textile", "weaving": "textile", "home_textile": "textile", "chemical_fibre": "textile",
          "knitting": "textile", "silk": "textile"}
"""The stated hierarchy: a dyeing company is a textile company; apparel is not textile."""
_ORDER = ("home_textile", "chemical_fibre", "dyeing", "weaving", "knitting", "silk", "textile", "apparel")
_SECTOR = re.compile("|".join(f"(?P<{k}>{SECTORS[k]})" for k in _ORDER), re.I)

SIZES = [
    (re.compile(r"中型(?:及|或|和|、)?(?:以上|大型)|大中型|大、中型|medium[-\s]sized\s+(?:or|and)\s+(?:larger|large|above)"
                r"|medium\s+(?:or|and)\s+large|large\s+(?:or|and)\s+medium", re.I), ["medium", "large"]),
    (re.compile(r"中小微|中型、小型(?:[、和及与或]|或者|以及)微型|micro,?\s+small\s+(?:and|or)\s+medium|MSMEs?\b"
                r"|small,\s+medium(?:[-\s]sized)?,?\s+(?:and|or)\s+micro", re.I), ["micro", "small", "medium"]),
    # "中型或小型企业", "small or medium-sized": small and medium, not micro
    (re.compile(r"中型(?:[、和及与或]|或者|以及)小型|小型(?:[、和及与或]|或者|以及)中型"), ["small", "medium"]),
    (re.compile(r"小微|小型(?:[、和及与或]|或者|以及)?微型|微型(?:[、和及与或]|或者|以及)?小型"
                r"|small(?:[-\s]sized)?\s+(?:and|or)\s+micro|micro(?:[-\s]sized)?\s+(?:and|or)\s+small",
                re.I), ["micro", "small"]),
    (re.compile(r"中小(?:型)?企业|中小|small\s*(?:-|and|or)\s*medium(?:[-\s]sized)?|SMEs?\b", re.I),
     ["micro", "small", "medium"]),
    # "尚未纳入规模以上工业统计", "not yet counted as above designated size": below it ("此前从未进入过规上企业名录"
    # beside "首次纳入规模以上工业统计": never before, a first time now)
    (re.compile(r"(?:尚未|(?<!从)未|没有|不属于|不是|非)(?:被)?(?:纳入|列入|进入|达到|计入)?[^，。；]{0,4}?(?:规模以上|规上)"
                r"|\bnot\s+(?:yet\s+)?(?:[a-z]+\s+){0,3}?above[-\s](?:the[-\s])?designated[-\s]size", re.I),
     ["below_designated_size"]),
    # "首次上规纳统", "小升规": a firm newly above designated size
    (re.compile(r"规模以上|规上|(?<!规)(?:上规|升规|入规)|above[-\s](?:the[-\s])?designated[-\s]size", re.I),
     ["above_designated_size"]),
    (re.compile(r"规模以下|规下|below[-\s](?:the[-\s])?designated[-\s]size", re.I), ["below_designated_size"]),
    (re.compile(r"(?<!中)(?<!非)大型企业|\blarge(?:[-\s]sized)?\s+(?:enterprises?|firms?|compan(?:y|ies))\b", re.I),
     ["large"]),
    # one class alone: "小型企业", "微型企业", "中型企业", "micro-enterprises" (combinations are read above)
    (re.compile(r"(?<![中大、和及与或])小型企业"), ["small"]),
    (re.compile(r"(?<![小、和及与或])微型企业|\bmicro[-\s]?(?:enterprises?|firms?|business(?:es)?|compan(?:y|ies))\b",
                re.I), ["micro"]),
    (re.compile(r"(?<![小大、和及与或])中型企业"), ["medium"])]
# A specialised SMEs' title had for the first time ("2026年度首次列入浙江省专精特新中小企业名单的企业", "listed for
# the first time as a provincial specialised and innovative SME"): the title rewarded, no size asked (a title
# held, or newly recognised, still names SMEs)
_FIRST_TITLE = re.compile(r"首次(?:被)?(?:列入|纳入|认定为|评为|获评|入选)[^，。；]{0,20}?专精特新[^，。；]{0,6}?"
                          r"中小企业|\b(?:listed|recogni[sz]ed|named|certified)\s+for\s+the\s+first\s+time\s+as\s+"
                          r"[^.;,]{0,40}?\bspeciali[sz]ed\b[^.;,]{0,60}?\b(?:SMEs?|small\s+and\s+medium-sized"
                          r"\s+enterprises?)\b", re.I)
SPECIALISED = re.compile(r"专精特新|小巨人|speciali[sz]ed(?:,\s+refined,\s+distinctive)?\s+and\s+(?:new|innovative)"
                          r"|little\s+giants?", re.I)


# the trades as a run of verbs ("weaves, knits, dyes or sews"): each the sector it works in; a verb alone ("dyes"
# may be the goods) names none
_VERB = r"(?:weaves|knits|dyes|sews|spins)"
_VERBS = re.compile(rf"\b{_VERB}(?:,\s{_VERB}){{0,4}},?\s(?:or|and)\s{_VERB}\b")
_TRADE = {"weaves": "textiles", "spins": "spinning", "knits": "knitting", "dyes": "dyeing", "sews": "garments"}


def sectors_in(text: str) -> list[str]:
    """The sectors ``text`` names ("纺织服装" -> textile, apparel; "纺织品印染" -> dyeing; "weaves or sews" ->
    textile, apparel)."""
    text = _VERBS.sub(lambda m: re.sub(_VERB, lambda v: _TRADE[v[0]], m[0]), text[:MAX_TEXT])
    return list(dict.fromkeys(k for m in _SECTOR.finditer(text[:MAX_TEXT]) for k, v in m.groupdict().items() if v))


# an office's or a fund's name ("中小企业处", "中央财政中小企业发展专项资金", "the SME development fund")
_OFFICE = re.compile(r"中小(?:微)?(?:型)?企业(?=处|局|科|司|办公室|服务中心|发展促进中心|促进中心"
                     # a fund named for its purpose ("中小企业国际市场开拓资金", "the SME International Market
                     # Development Fund")
                     r"|(?:国际市场开拓|市场开拓|技术创新|创新|数字化转型|技术改造|融资担保|信用担保)?(?:发展)?(?:专项)?(?:资金|基金))"
                     r"|\b(?:SMEs?|small\s+and\s+medium[-\s]sized\s+enterprises?)\s+(?:office|bureau|division|department"
                     r"|service\s+cent(?:re|er)|(?:(?:international\s+)?market\s+(?:development|exploration|expansion)\s+"
                     r"|innovation\s+|technology\s+upgrading\s+)?(?:development\s+|special\s+)?funds?)\b", re.I)
_GLOSS = re.compile(r"[（(]\s?(?:即|i\.e\.|that\s+is)[^（）()]{0,60}[)）]", re.I)  # "（即2025年为规模以下企业）"
_SHUT = re.compile(r"(?:are|is|will\s+be)\s+not\s+(?:covered|eligible|supported)|(?:are|is)\s+(?:excluded|ineligible)"
                   r"|(?:are|is|fall)\s+outside\s+(?:the|this)\s+(?:scheme|programme|program|support|call)|不在[^，。；]{0,8}之列"
                   r"|cannot\s+apply|不予(?:支持|受理|补助)|不在此列|不属于[^，。；]{0,12}(?:范围|对象)|不在[^，。；]{0,12}范围(?:内|之内)?"
                   r"|不得申报|不享受|不(?:得|能|可)(?:参与|参加|申请)|\b(?:cannot|may\s+not)\s+(?:take\s+part|participate)"
                   r"|\b(?:do|does)\s+not\s+qualify", re.I)
_CLASSES = ("micro", "small", "medium", "large")


def sizes_in(text: str) -> list[str]:
    """The size classes ``text`` asks for ("中小微企业" -> micro, small, medium); the other classes when
    the words right after the size shut it out ("Large enterprises are not covered", "大型企业不予支持").
    An office's name ("市经信局中小企业处"), a gloss in brackets ("（即2025年为规模以下企业）") and a specialised
    SMEs' title had for the first time (``_FIRST_TITLE``) name none."""
    named = _FIRST_TITLE.sub(" ", _GLOSS.sub(" ", _OFFICE.sub(" ", text[:MAX_TEXT])))
    named, shut_out = _shut_out(named)
    for pattern, sizes in SIZES:
        if m := pattern.search(named):
            after = re.split(r"[，,；;。:：(（]", named[m.end():m.end() + 40], maxsplit=1)[0]  # in its own clause
            shut = _SHUT.search(after)
            if not shut or re.search(r"\d", after[:shut.start()]) or not set(sizes) <= set(_CLASSES):
                return [c for c in sizes if c not in shut_out] or sizes
            return [c for c in _CLASSES if c not in sizes]
    return [c for c in _CLASSES if c not in shut_out] if shut_out else []


def _shut_out(text: str) -> tuple[str, set[str]]:
    """``text`` without a size shut out in brackets, and the classes it shuts out: "small or medium-sized
    (micro firms are not covered)" and "中型或小型企业（微型企业不在本次范围）" ask for small and medium."""
    out: set[str] = set()
    for m in _BRACKET.finditer(text):
        inside = m[0][1:-1]
        for pattern, sizes in SIZES:
            if (found := pattern.search(inside)) and set(sizes) <= set(_CLASSES) and (
                    _SHUT.search(inside[found.end():]) or _LEFT_OUT.search(inside[found.end():])
                    or _LEFT_OUT_BEFORE.search(inside[:found.start()])):
                out |= set(sizes)
                text = text[:m.start()] + " " * len(m[0]) + text[m.end():]
                break
    # a clause of its own after the one asking: "中小企业；大型企业和微型企业不在支持之列", "…; large enterprises and
    # micro enterprises are outside the scheme"
    for m in _LATER_CLAUSE.finditer(text):
        shut = _SHUT.search(m[0])
        named = {c for c, word in _CLASS_WORDS.items() if shut and word.search(m[0][:shut.start()])}
        if named and not re.search(r"\d", m[0]):
            out |= named
            text = text[:m.start()] + " " * len(m[0]) + text[m.end():]
    return text, out


_LATER_CLAUSE = re.compile(r"(?<=[；;])[^；;。]{4,80}")
_CLASS_WORDS = {c: re.compile(rf"{zh}型(?:企业|公司)|\b{c}(?:[-\s]sized)?\s+(?:enterprises?|firms?|compan(?:y|ies)"
                              r"|businesses)", re.I)
                for c, zh in (("micro", "微"), ("small", "小"), ("medium", "中"), ("large", "大"))}


_BRACKET = re.compile(r"[（(][^（）()]{1,60}[)）]")
_LEFT_OUT = re.compile(r"除外|不在内|\bexcluded\b|\bnot\s+included\b|\bleft\s+out\b", re.I)
_LEFT_OUT_BEFORE = re.compile(r"不含|不包括|不包含|\bexcluding\b|\bexcept\b|\bnot\s+including\b|\bother\s+than\b", re.I)


_DESIGNATED = [(p, s) for p, s in SIZES if not set(s) <= set(_CLASSES)]


def designated_in(text: str) -> list[str]:
    """Above or below designated size asked beside the classes ("统计上属于规模以下工业企业的…小型、微型企业",
    "above designated size and a small or medium-sized enterprise"): a second size condition; [] when none."""
    named = _GLOSS.sub(" ", text[:MAX_TEXT])
    return next((sizes for pattern, sizes in _DESIGNATED if pattern.search(named)), [])


_DESIGNATED_SIDES = {"above_designated_size": "below_designated_size", "below_designated_size": "above_designated_size"}


def other_sizes(shut: list[str]) -> list[str]:
    """The sizes left when ``shut`` is shut out: the other statistical classes (large shut out: micro, small,
    medium), or the other side of the designated size; [] when nothing or every class is shut out."""
    if shut and set(shut) <= set(_CLASSES) and len(shut) < len(_CLASSES):
        return [c for c in _CLASSES if c not in shut]
    return [_DESIGNATED_SIDES[shut[0]]] if len(shut) == 1 and shut[0] in _DESIGNATED_SIDES else []
