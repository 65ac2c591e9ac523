"""The issuer's own place: "本市", "我区", "in the city" of a notice are its issuer's place at that level,
and a place the gazetteer lacks lies in the place the issuer's name puts it in, or in the issuer's
own place when the issuer is county-level or the place is a town, zone or park.
"""

from __future__ import annotations

import re

from indexer.documents.lines import match_date_line
from indexer.notice import divisions, pinyin_names
from indexer.notice.places import MAX_PLACE_CHARS, as_place, canonical, chain, chinese, known, region_places
from indexer.notice.record import names_issuer

# a town, zone or park: below every division, so within the issuer's place whatever the issuer's level
_BELOW = re.compile(r"(?:镇|乡|街道|开发区|高新区|园区|工业园|集聚区"
                    r"|\s(?:Zone|Park|Estate|Cluster|Town|Township))$")


def home(issuer: str | None, level: str) -> str | None:
    """The issuer's own place at ``level`` ("province", "city", "district", "any": the most
    specific), for "本市", "我区", "in the province"; None when the gazetteer cannot tell."""
    place = canonical(issuer, pinyin_names.place_codes(issuer[:MAX_PLACE_CHARS])) if issuer else None
    if not place or not known(place):
        return None
    below_country = list(reversed(chain(place)))[1:]  # province, city, district
    depth = {"province": 0, "city": 1, "district": 2}.get(level)
    if depth is None or (level == "city" and _county_level(place, "市")):
        return place  # "我市" of "石狮市…局" or of "Cixi Municipal Bureau" is that county-level city
    if depth >= len(below_country) and issuer:  # "无锡市惠山区…局": a district the gazetteer lacks
        named, parents = region_places(issuer[:MAX_PLACE_CHARS])
        inner = next((p for p in named if parents.get(p) == place), None)
        return inner if inner and depth == len(below_country) else None
    return below_country[depth] if depth < len(below_country) else None


def home_parent(place: str, issuer: str | None) -> str | None:
    """The known place a place outside the gazetteer lies in: the one the issuer's name puts it in
    ("惠山" of "无锡市惠山区…局" -> Wuxi), else a county-level issuer's own place (a place a notice of
    "泰兴市商务局" names lies in Taixing), or any issuer's for a town, zone or park (黄桥经济开发区), or for the
    town the issuer's name writes it as ("Tangxia" of "Tangxia Town … Bureau, Dongguan")."""
    if not issuer or known(place):
        return None
    if found := region_places(issuer[:MAX_PLACE_CHARS])[1].get(place):
        return found
    own = home(issuer, "any")
    return own if own and (_county_level(own, "市区县旗") or _BELOW.search(place) or _town_of(place, issuer)) else None


def _town_of(place: str, issuer: str) -> bool:
    """Whether the issuer's name writes ``place`` as its town ("Tangxia Town Economic Development Bureau, Dongguan"
    for "registered in Tangxia"; "塘厦镇经济发展局" for "在塘厦注册")."""
    town = rf"(?<![\w'-]){re.escape(place)}\s?(?:Town(?:ship)?|Subdistrict|镇|乡|街道)(?![a-z])"
    return bool(re.search(town, issuer))


def _code(place: str) -> str | None:
    """The division code of a known place (柯桥区 of Keqiao)."""
    if code := divisions.by_key().get(place):
        return code
    zh = chinese(place)
    found = [c for word in (zh, zh + "市", zh + "区", zh + "县") for c in divisions.codes(word, word == zh)
             if as_place(c) == place]
    return found[0] if found else None


def _county_level(place: str, suffixes: str) -> bool:
    """Whether ``place`` is a county-level division whose name ends with one of ``suffixes``."""
    code = _code(place)
    return bool(code) and not str(code).endswith("00") and divisions.name(str(code))[-1:] in suffixes


HEAD_LINES = 3
_DATED = re.compile(r"\s[-–—|]\s(?P<date>[^-–—|]{6,30})$")  # the issuing body and its date on one line


def head_issuer(text: str) -> str | None:
    """The issuing body a notice's first lines name ("Commerce Bureau of Yiwu City" above the title),
    for a notice whose record names none (no label, no 落款): where "the city" or 本市 is; a date after it on the
    same line, beyond a dash, is no part of the name."""
    for line in text[:400].split("\n")[:HEAD_LINES]:
        line = line.strip()
        if (m := _DATED.search(line)) and match_date_line(m["date"]):
            line = line[:m.start()]  # "Tangxia Town Economic Development Bureau, Dongguan - 30 November 2026"
        if line and names_issuer(line):
            return line
    return None
