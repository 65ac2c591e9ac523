"""Parties and programme types a question names, against the siblings a quote names instead.

A near-domain question often keeps every word of a notice but one: the medium-sized firm where the
notice pays small and micro ones (中型企业 / 小微企业), medium- and long-term export credit
insurance where it pays short-term cover, a listing on the Beijing Stock Exchange where it rewards
the main board, an FX option where it rewards forwards and swaps, a green park where it rewards
green factories. Such words come in closed sets of siblings. A quote that names a sibling of the
asked one, and nothing that includes it, is about another party: the slot is missing
(bot/answering/slots.py). A quote that names none of the set says nothing either way.

Each alias stands for a set of members, so that an including word holds the asked one: 中小微企业
holds 小微企业 and 中型企业; 小微 holds 微型 but not 中型.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.language.lexical import simplified

# Enterprise size: L large, M medium, S small, X micro. A size word counts before a word naming
# a firm or employer (大型展会 is a large fair, not a large firm).
# 中小企业划型标准 is a standard and 中小企业服务中心 an office, not the party a figure is for.
_FIRM = (r"(?=[\u4e00-\u9fff]{0,4}?(?:企业|公司|工厂|厂|用人单位|单位|商户|户)"
         r"(?!划型|划分|发展|公共服务|服务|促进|局|处|司|工作|运行|梯度|名录|库))")
# A fair, an exhibition or a booth within a few characters (发展 and 拓展 are no fair).
_FAIR = r"(?=[\u4e00-\u9fff]{0,6}?(?:展会|展览|参展|展位|布展|博览|交易会|展销|展团))"
GROUPS: dict[str, list[tuple[str, str]]] = {
    "size": [
        (r"大中型" + _FIRM, "LM"), (r"中小微" + _FIRM, "MSX"), (r"中小" + _FIRM, "MSX"),
        (r"小微" + _FIRM, "SX"), (r"小型微型", "SX"), (r"大型" + _FIRM, "L"), (r"中型" + _FIRM, "M"),
        (r"小型" + _FIRM, "S"), (r"微型" + _FIRM, "X"), (r"大企业", "L"),
        (r"\blarge and medium[- ]sized\b", "LM"), (r"\bsmall,? medium(?:[- ]sized)? and micro\b", "MSX"),
        (r"\bsmall and medium[- ]sized (?:enterprises?|firms?|companies|businesses|exporters?)\b|\bM?SMEs\b", "MSX"),
        (r"\bsmall and micro\b", "SX"),
        (r"\blarge(?:[- ]sized)? (?:enterprises?|firms?|companies|employers?)\b", "L"),
        (r"\bmedium[- ]sized (?:enterprises?|firms?|companies|employers?)\b", "M"),
        (r"\bmicro(?:[- ]sized)? (?:enterprises?|firms?|companies)\b", "X"),
    ],
    # Export credit insurance by term.
    "insurance term": [
        (r"短期(?:出口)?信用保险|短期险", "T"), (r"中长期(?:出口)?信用保险|中长期险", "G"),
        (r"\bshort[- ]term (?:export )?credit insurance\b", "T"),
        (r"\bmedium[- ] and long[- ]term (?:export )?credit insurance\b|\bmedium[- ]to[- ]long[- ]term\b", "G"),
    ],
    # Where a firm lists.
    "board": [
        (r"中小板", "B"), (r"创业板", "C"), (r"科创板", "D"), (r"北交所|北京证券交易所", "E"), (r"新三板", "F"),
        (r"主板", "A"), (r"\bmain board\b", "A"), (r"\bChiNext\b", "C"), (r"\bSTAR Market\b", "D"),
        (r"\bBeijing Stock Exchange\b|\bBSE\b", "E"), (r"\bNEEQ\b|\bNew Third Board\b", "F"),
    ],
    # FX hedging products.
    "hedge": [
        (r"远期结售汇|远期外汇", "F"), (r"掉期", "S"), (r"期权", "O"), (r"外汇期货", "U"),
        (r"\bforward (?:(?:foreign exchange|FX|currency) )?(?:contracts?|settlements?|sales?)\b", "F"),
        (r"\b(?:currency|FX|foreign exchange) swaps?\b", "S"),
        (r"\b(?:currency|FX|foreign exchange) options?\b|\boptions? contracts?\b", "O"),
    ],
    # Where a fair is held: 境内外 holds both.
    "fair abroad": [
        (r"(?:境内外|国内外)" + _FAIR, "DO"), (r"(?:境外|国外|海外|出国)" + _FAIR, "O"),
        (r"(?:境内|国内)" + _FAIR, "D"),
        (r"\b(?:overseas|foreign|abroad)\b(?= (?:\w+ ){0,3}(?:fairs?|exhibitions?|shows?|expos?))", "O"),
        (r"\bdomestic\b(?= (?:\w+ ){0,3}(?:fairs?|exhibitions?|shows?|expos?))", "D"),
    ],
    # Innovation platforms a firm is recognised as.
    "platform": [
        (r"工业设计中心", "I"), (r"企业技术中心", "T"), (r"工程技术研究中心", "E"), (r"重点实验室", "L"),
        (r"制造业创新中心", "M"), (r"技术创新中心", "N"),
        (r"\bindustrial design cent(?:er|re)s?\b", "I"), (r"\benterprise technology cent(?:er|re)s?\b", "T"),
        (r"\bengineering (?:technology )?research cent(?:er|re)s?\b", "E"), (r"\bkey laborator(?:y|ies)\b", "L"),
    ],
    # Titles of the SME ladder: 专精特新 alone holds both its tiers.
    "sme title": [
        (r"专精特新(?:“|\")?小巨人|小巨人", "G"), (r"专精特新中小企业", "Z"), (r"专精特新", "GZ"),
        (r"创新型中小企业", "C"), (r"单项冠军", "D"), (r"\blittle giants?\b", "G"),
        (r"\bsingle[- ]item champions?\b", "D"),
    ],
    # What a fair costs a firm: the booth, a special build, travel, lodging, freight of exhibits.
    "fair cost": [
        (r"展位费|摊位费|标准展位", "B"), (r"特装|搭建费|特殊装修", "S"), (r"机票|交通费|差旅费|旅费", "T"),
        (r"住宿费|住宿", "H"), (r"(?:展品)?(?:运输费|运费)|展品(?:运输|回运)", "F"), (r"公共布展", "P"),
        (r"\bbooth (?:fees?|rent(?:al)?|costs?)\b|\bstand (?:fees?|rent(?:al)?)\b", "B"),
        (r"\b(?:air ?fares?|(?:plane|air) tickets?|travel (?:costs?|expenses))\b", "T"),
        (r"\b(?:hotel|lodging|accommodation)(?: costs?| expenses)?\b", "H"),
        (r"\b(?:freight|shipping|transport) (?:of|for) exhibits\b|\bexhibit (?:freight|shipping)\b", "F"),
    ],
    # Green manufacturing titles.
    "green title": [
        (r"绿色设计产品|绿色产品", "D"), (r"绿色工厂", "F"), (r"绿色(?:工业)?园区", "P"), (r"绿色供应链", "S"),
        (r"\bgreen (?:design )?products?\b", "D"), (r"\bgreen factor(?:y|ies)\b", "F"),
        (r"\bgreen (?:industrial )?parks?\b", "P"), (r"\bgreen supply chains?\b", "S"),
    ],
}
_PATTERNS = {group: [(re.compile(p, re.I), members) for p, members in aliases] for group, aliases in GROUPS.items()}


def _named(group: str, text: str) -> tuple[str, frozenset[str]]:
    """The first alias ``text`` names in ``group`` and the members of every alias it names. Longer
    aliases are listed first; a span matched once is not matched again (中小微 is not also 小微)."""
    taken: list[tuple[int, int]] = []
    members: set[str] = set()
    first: tuple[int, str] | None = None
    for pattern, who in _PATTERNS[group]:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            members.update(who)
            if first is None or m.start() < first[0]:
                first = (m.start(), m[0])
    return (first[1] if first else ""), frozenset(members)


@lru_cache(maxsize=1024)
def question_parties(question: str) -> tuple[tuple[str, str, str], ...]:
    """(group, the question's first word in it, the members of every word it names there) for each
    group the question names: a question naming two siblings asks about both ("大型和中小微企业分别返还
    多少", 机票和住宿), and evidence naming either holds the slot."""
    found = []
    for group in _PATTERNS:
        word, members = _named(group, question)
        if word:
            found.append((group, word, "".join(sorted(members))))
    return tuple(found)


def sibling_only(group: str, members: str, evidence: str) -> bool:
    """``evidence`` names a sibling of ``members`` in ``group`` and nothing that includes one of them."""
    _, held = _named(group, evidence)
    return bool(held) and not (held & set(members))


def party_named(parties: tuple[tuple[str, str, str], ...], quote: str, context: str = "") -> bool | None:
    """Whether the quote with its context names the ``parties`` a question names (``question_parties``):
    False when it names only a sibling of one (小微企业 for 中型企业 asked: another party's figure),
    True when it names each one (or a word including it), None when it names none of some."""
    if not parties:
        return None
    evidence = simplified(f"{quote}\n{context}")
    held = [(_named(group, evidence)[1], set(members)) for group, _, members in parties]  # each group read once
    if any(named and not (named & asked) for named, asked in held):
        return False
    return True if all(named & asked for named, asked in held) else None
