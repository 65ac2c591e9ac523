"""Region conditions: where an applicant must be registered, as notices write it.

Registration, tax and administrative-area phrasings at province, city and district level
("工商注册地和税务征管关系均在柯桥区", "注册地和财政收入在绍兴市区范围内", "在浙江省行政区域内依法登记注册",
"registered within the administrative area of Jiangsu Province", "place of registration and tax
registration are both in Hangzhou", "registered with the market regulation authority of a city in
Zhejiang Province"); "本区企业", "在区内依法设立", "registered and pay tax in the city" are the
issuer's own place (``indexer.notice.places.home``). A place the gazetteer lacks keeps the place the
notice (or the issuer's name) puts it in, as ``within``. Every pattern is bounded.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.notice.places import ZH_NAMES as _ZH_NAMES
from indexer.notice.places import home, home_parent, known, region_places

_ZH_PLACE = r"[\u4e00-\u9fff、或和及（）()]{2,24}?"
_EN_PLACE = r"[A-Z][\w'-]{1,20}(?:(?:\s|,\s?)(?:[A-Z][\w'-]{1,20}|(?:or|and|of)\s[A-Z][\w'-]{1,20})){0,6}"
_REGION = re.compile(
    rf"(?:注册地址|注册地点|注册地|住所地|登记地|注册|登记)[^，。；在为]{{0,12}}?"
    rf"(?:均|都|须|必须|应|应当)?(?:在|位于|为|属于|设在)(?P<zh>{_ZH_PLACE})(?=[，。；,;的（(、]|且|并|内|范围|辖区|行政|$)"
    rf"|(?:在|于)(?P<zh2>{_ZH_PLACE})(?:行政区域|辖区|区域|范围|境)?内?(?:依法)?(?:注册|登记|设立|成立|参加|参保|纳税|注册登记)"
    rf"|(?:税务征管关系|税收(?:征管|解缴)关系|纳税关系)(?:均|都)?在(?P<zh3>{_ZH_PLACE})(?=[，。；,;的（(]|$)"
    rf"|(?i:registered|registration|incorporated|located|domiciled|based|established|situated|headquartered|operating)"
    rf"(?:\s+(?:address|office|seat))?(?:\s+and\s+(?:pay(?:s|ing)?\s+tax(?:es)?|tax[- ]registered))?"
    rf"(?:\s+with\s+[^,;.]{{1,60}}?)?\s+(?:with)?in"
    rf"\s+(?:the\s+administrative\s+(?:area|region|jurisdiction)\s+of\s+)?(?:the\s+)?(?P<en>{_EN_PLACE})"
    rf"|(?i:place\s+of\s+registration|registered\s+(?:address|office|seat)|tax\s+registration"
    rf"|place\s+of\s+tax\s+registration)"
    rf"(?:\s+and\s+(?:the\s+)?(?:place\s+of\s+)?tax\s+registration)?\s+(?:are|is|must\s+be|shall\s+be|should\s+be)"
    rf"\s+(?:both\s+)?(?:with)?in\s+(?:the\s+administrative\s+area\s+of\s+)?(?P<en2>{_EN_PLACE})"
    rf"|\b(?:enterprises|companies|firms|SMEs|exporters|manufacturers|businesses|producers)\s+(?:in|from)\s+(?:the\s+)?"
    rf"(?P<loose>{_EN_PLACE})"
    rf"|(?:为|是|属于?|位于)(?P<zh4>[\u4e00-\u9fff]{{1,12}}?(?:省|市|区|县|镇))(?:行政区域|辖区|区域|范围|境)内(?:的|注册|登记|依法|设立)"
    rf"|(?:为|于|是|属于?)(?P<zh5>{_ZH_NAMES.pattern})(?:省|市|区|县)?(?:行政区域内|辖区内|境内|内)?的"
    rf"[^，。；]{{0,30}}?(?:企业|单位|公司|经营主体)")
_HOME = re.compile(r"(?P<zh>本|我)(?P<level>省|市|区|县)(?:行政区域|辖区|范围|境)?内?(?:依法)?(?:注册|登记|设立)?的?"
                   r"(?:企业|单位|纳税人|外贸企业|工业企业|注册|登记|设立)"
                   r"|在(?P<level2>省|市|区|县)(?:域|行政区域|辖区|范围)?内(?:依法)?(?:注册|登记|设立)"
                   r"|(?:registered|located|based|incorporated)(?:\s+and\s+pay(?:s|ing)?\s+tax(?:es)?)?\s+(?:with)?in\s+"
                   r"(?:the|this)"
                   r"\s+(?P<level_en>province|city|municipality|district|county)\b", re.I)
_LEVELS = {"省": "province", "市": "city", "区": "district", "县": "district", "province": "province", "city": "city",
           "municipality": "city", "district": "district", "county": "district"}


def regions_in(s: str, issuer: str | None = None) -> list[dict[str, Any]]:
    """Region conditions: the places named after registration, tax or area words."""
    out = []
    for m in _REGION.finditer(s):
        raw = m["zh"] or m["zh2"] or m["zh3"] or m["zh4"] or m["zh5"] or m["en"] or m["en2"] or m["loose"]
        places, parents = region_places(raw)
        if m["loose"] and not (places and all(known(p) for p in places)):
            continue
        if m["zh"] or m["zh2"] or m["zh3"] or m["zh4"]:  # "在本年度内注册": no place at all
            places = [p for p in places if p]
        for place in places:  # "瓯海区" in a notice of "温州市瓯海区…局": the issuer's name places it
            if not known(place) and place not in parents and (parent := home_parent(place, issuer)):
                parents[place] = parent
        if places:
            out.append({"type": "region", "value": places, "text": raw.strip(" ，,"),
                        **({"within": parents} if parents else {})})
    if not out and (m := _HOME.search(s)):
        place = home(issuer, _LEVELS[(m["level"] or m["level2"] or m["level_en"] or "").lower()])
        parent = home_parent(place, issuer) if place else None
        if place:
            out.append({"type": "region", "value": [place], "text": m[0],
                        **({"within": {place: parent}} if parent else {})})
    return out[:1] if len({str(c["value"]) for c in out}) == 1 else out


