"""Place names for eligibility regions, in Chinese and English, with what contains what.

A notice says "registered in Keqiao District" or "在绍兴市柯桥区注册"; a member says "Shaoxing" or
"柯桥". Both are read to one canonical name, and the hand gazetteer (``indexer.notice.gazetteer``)
knows which place lies inside which (Keqiao in Shaoxing in Zhejiang in China), so a Keqiao company
meets a Zhejiang condition and a Hangzhou company does not meet a Shaoxing one. Behind it, every
division of the table (``indexer.notice.divisions``), by its Chinese name or its pinyin
(``indexer.notice.pinyin_names``: "Taixing City" is 泰兴市). A place neither knows is translated with
CC-CEDICT's proper nouns (``indexer.language.bilingual``) and compared by name only: containment is
then unknown, never guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.notice import divisions, pinyin_names, towns
from indexer.notice.gazetteer import BY_EN as _BY_EN
from indexer.notice.gazetteer import BY_ZH as _BY_ZH
from indexer.notice.gazetteer import GAZETTEER as _GAZETTEER

_EN_SUFFIX = re.compile(r"(?<!\s)\s+(?:district|city|county|province|municipality|prefecture|town|new\s+area)$", re.I)
_ZH_SUFFIX = re.compile(r"(?:特别行政区|自治区|新区|省|市|区|县|镇|街道)$")
_EN_NAMES = re.compile("|".join(sorted((re.escape(n) for n in _BY_EN), key=len, reverse=True)), re.I)
_ZH_NAMES = re.compile("|".join(sorted(_BY_ZH, key=len, reverse=True)))
ZH_NAMES = _ZH_NAMES
"""The Chinese names the gazetteer knows, longest first."""
MAX_PLACE_CHARS = 100


def canonical(place: str, context: tuple[str, ...] = ()) -> str | None:
    """The most specific place ``place`` names, as one English name ("绍兴市柯桥区" -> "Keqiao",
    "Keqiao District, Shaoxing" -> "Keqiao", "Taixing City" -> 泰兴市, a table division); a name the
    gazetteer lacks is translated (CEDICT) or kept tidied; None for nothing. ``context``: division codes
    (the places written beside it, the issuer's) that tell which of several same-named divisions is meant."""
    text = " ".join(place[:MAX_PLACE_CHARS].split()).strip(" ,，、.;；")
    if not text:
        return None
    table_en = _english_places(text, context)
    found = [_BY_ZH[m[0]] for m in _ZH_NAMES.finditer(text)] + [
        _BY_EN[m[0].lower()] for m in _EN_NAMES.finditer(text)
        if _word_bounded(text, m) and not any(start <= m.start() < end for start, end, _ in table_en)]
    found += _table_places(text, context) + [p for _, _, p in table_en]
    found += [name for name, _ in towns.placed(text, context) if towns.is_place(name)]  # 王江泾镇: a town
    if found:
        return max(found, key=lambda p: len(chain(p)))
    if re.search(r"[\u4e00-\u9fff]", text) and (code := divisions.resolve(text, list(context))):
        return as_place(code)  # a short form the table gives: 泰兴
    if re.search(r"[\u4e00-\u9fff]", text):
        return _cedict(_ZH_SUFFIX.sub("", text) or text) or _cedict(text)  # not a known name: no place
    return _EN_SUFFIX.sub("", text).title() or None


def places_in(text: str) -> list[str]:
    """Every place a phrase names, most specific kept ("绍兴市柯桥区" -> Keqiao; "杭州或宁波" -> Hangzhou,
    Ningbo; "Keqiao District, Shaoxing" -> Keqiao). Chinese is not split on 和 (中华人民共和国)."""
    text = text[:MAX_PLACE_CHARS]
    if re.search(r"[\u4e00-\u9fff]", text):
        named = [_BY_ZH[m[0]] for m in _ZH_NAMES.finditer(text)] + _table_places(text) or \
            [p for p in (canonical(part) for part in re.split(r"、|或者|或|及", text)) if p]
    else:
        named = [p for p in (canonical(part) for part in re.split(r"\s*(?:,|\bor\b|\band\b)\s*", text)) if p]
    return [p for p in dict.fromkeys(named) if not any(q != p and p in chain(q) for q in named)]


_ZH_UNIT = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?:自治县|县|区|市|镇|乡|旗)")
_ZH_SEPARATORS = re.compile(r"[、和或及，,\s]+")
_ZH_PART = re.compile(r"[^、和或及，,\s]+")
_ZH_ZONE = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:经济技术开发区|经济开发区|高新技术产业开发区|开发区|高新区"
                      r"|工业园区|产业园区|物流园区|工业园|产业园|集聚区)")
_ZH_TOWN = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道)")
_ZH_KNOWN_UNIT = re.compile("(?:" + _ZH_NAMES.pattern + ")(?:特别行政区|自治区|省|市|区|县)?")
_EN_OF = re.compile(r"(?<!\s)\s+of\s+", re.I)  # one start per run of spaces: linear
# "the Guangqing Textile and Garment Industry Orderly Transfer Park": one park, its "and" no list
_EN_AREA = re.compile(r"\b[A-Z][\w'-]{1,20}(?:\s(?:and\s|&\s)?[A-Z][\w'-]{1,20}){1,8}"
                      r"\s(?:Park|Zone|Estate|Cluster|Base|Town|Township)\b")


def _joined(m: re.Match[str]) -> str:
    """A park's or zone's name with its "and" marked, so the name is not split into two places."""
    return m[0].replace(" and ", " \x00and ")


def region_places(text: str, issuer: str | None = None, beside: str = "") -> tuple[list[str], dict[str, str]]:
    """``places_in``, and for a place the gazetteer lacks, the known place the phrase puts it in:
    "丽水市松阳县" and "Songyang County of Lishui City" -> ["Songyang"], {"Songyang": "Lishui"}; so a
    company in Shaoxing is known not to be in Songyang, and one in Lishui may or may not be. A name
    several divisions share (鼓楼区, "Gulou District") is read beside its city or province (also in
    ``beside``: "Taizhou (Jiangsu)"), else through the ``issuer``'s place (福州市商务局), else it names
    no known place."""
    text = text[:MAX_PLACE_CHARS]
    parents: dict[str, str] = {}
    around = (pinyin_names.place_codes(issuer[:MAX_PLACE_CHARS]) if issuer else ()) + (
        pinyin_names.place_codes(beside[:MAX_PLACE_CHARS]) if beside else ())
    if re.search(r"[\u4e00-\u9fff]", text):
        named: list[str] = []
        cursor, previous = 0, None
        context = divisions.context_codes(divisions.names(text)) + list(around)
        for m in _ZH_KNOWN_UNIT.finditer(text):
            named += _zh_unknown(text[cursor:m.start()], previous, parents, context)
            previous = _BY_ZH[_ZH_NAMES.match(m[0])[0]]  # type: ignore[index]
            named.append(previous)
            cursor = m.end()
        named += _zh_unknown(text[cursor:], previous, parents, context)
    else:
        named = []
        for alternative in re.split(r"\s*(?:\bor\b|(?<!\x00)\band\b|;)\s*", _EN_AREA.sub(_joined, text)):
            alternative = alternative.replace("\x00and", "and")
            parts = [part for piece in alternative.split(",") for part in _EN_OF.split(piece) if part.strip()]
            context = tuple(pinyin_names.codes_in(text)) + around
            places = [canonical(part, context) for part in parts]
            for i, place in enumerate(places):
                outer = next((q for q in places[i + 1:] if q and known(q)), None)
                if place and not known(place) and outer:
                    parents[place] = outer
                    named.append(place)
                    break
                if place:
                    named.append(place)
    named = list(dict.fromkeys(named))
    kept = [p for p in named if not any(q != p and p in chain(q) for q in named)
            and not any(p in chain(v) for v in parents.values())]
    return kept, {p: parents[p] for p in kept if p in parents}


def _zh_unknown(gap: str, previous: str | None, parents: dict[str, str], context: list[str]) -> list[str]:
    """Places in ``gap`` (between known names) the divisions table names ("泰兴市", a town after it: "泰兴市黄桥镇"),
    else that CC-CEDICT names: "松阳县" after "丽水市"; a town CC-CEDICT lacks keeps its Chinese name ("黄桥镇")."""
    table = divisions.scan(gap)
    found = _resolved([word for _, word in table], context)
    if not found and (town_list := towns.placed(gap, context)):  # "王江泾镇", "江苏省黄桥镇": the town table
        parents.update({t: as_place(county) for t, county in town_list if not towns.is_place(t)})  # shared: placed
        return [town for town, _ in town_list]
    if found:
        last = _resolved([table[-1][1]], context)
        if last and (town := _ZH_TOWN.match(gap, table[-1][0] + len(table[-1][1]))):
            parents[town[0]] = last[0]
            found.append(town[0])
        # "滨江区、西湖区或钱塘区": a listed name the table cannot place (shared, or newer than the
        # table) stays a place of its own, unknown, rather than dropped from the list
        named = [word for _, word in table if _resolved([word], context)]
        for part in _ZH_PART.finditer(gap):
            if not any(word in part[0] for word in named):
                found += [n for _, n in _cedict_units(part[0]) if n not in found]
        return found
    for part in _ZH_SEPARATORS.split(gap):  # a short form: "江苏泰兴", "在邳州注册"
        if 2 <= len(part) <= 4 and (code := divisions.resolve(part, context)):
            found.append(as_place(code))
    if found:
        return found
    if not previous and (zone := _ZH_ZONE.search(gap)):  # "在黄桥经济开发区注册": the zone, alone
        # "蚌埠中恒商贸城市场集聚区": a zone named after its city's short form lies in that city
        head = next((code for n in (3, 2) if (code := divisions.resolve(gap[:n], context))), None)
        if head and _ZH_ZONE.fullmatch(gap.strip(), len(gap[:2])):
            parents[gap.strip()] = as_place(head)
            return [gap.strip()]
        return [zone[0]]
    for part in _ZH_PART.finditer(gap):  # "…、余杭区或钱塘区": each listed name apart from its 或
        for start, name in _cedict_units(part[0], bool(previous) and part.start() == 0):
            name = chinese(previous) + name if previous and previous not in chain(name)[1:] and known(name) else name
            found.append(name)
            if previous and part.start() + start == 0:
                parents[name] = previous
    return found


def _cedict_units(part: str, after_city: bool = False) -> list[tuple[int, str]]:
    """The names with a level word in ``part`` that CC-CEDICT names and the gazetteer lacks (a town, or a district
    right after its city, "深圳市坪山区", that CC-CEDICT lacks keeps its Chinese name), each with where it starts."""
    out = []
    for m in _ZH_UNIT.finditer(part):
        kept = m[0][-1] in "镇乡" or (after_city and m.start() == 0 and m[0][-1] in "区县" and m["name"] != "行政")
        if (name := _cedict(m["name"]) or _cedict(m[0]) or (m[0] if kept else None)) and (
                not known(name) or towns.is_place(name)):
            out.append((m.start(), name))
    return out


def _resolved(names: list[str], context: list[str]) -> list[str]:
    """``names`` that resolve to one division given ``context``, as places."""
    return [as_place(code) for word in names if (code := divisions.resolve(word, context, False))]


def _table_places(text: str, context: tuple[str, ...] = ()) -> list[str]:
    """Divisions ``text`` names in full that resolve to one place (a shared name only beside its city
    or one of ``context``)."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return []
    names = divisions.names(text)
    return _resolved(names, divisions.context_codes(names) + list(context))


def _english_places(text: str, context: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, place) of the divisions ``text`` names by their pinyin that resolve to one."""
    if not re.search(r"[A-Za-z]", text):
        return []
    return [(hit.start, hit.end, as_place(code))
            for hit, code in pinyin_names.resolve(pinyin_names.scan(text), context) if code]


@lru_cache(maxsize=8192)
def as_place(code: str) -> str:
    """A division as a place: the hand gazetteer's name when it lists it (江苏省 -> Jiangsu, 柯桥区 ->
    Keqiao), else its table key (泰兴市)."""
    own = divisions.name(code)
    tries = [_ZH_SUFFIX.sub("", own)] + ([own[:2], own[:3]] if code.endswith("0000") else [])
    return next((_BY_ZH[t] for t in tries if t in _BY_ZH and _GAZETTEER.get(_BY_ZH[t])), divisions.key(code))


def _up(place: str) -> str | None:
    """The parent of a place: the hand gazetteer's, else the divisions table's."""
    if place in _GAZETTEER:
        return _GAZETTEER[place][1]
    code = divisions.by_key().get(place)
    if not code and towns.is_place(place):  # a town: its county
        return as_place(towns.counties(place)[0])
    parent = divisions.parent_code(code) if code else None
    return as_place(parent) if parent else ("China" if code else None)


def _word_bounded(text: str, m: re.Match[str]) -> bool:
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return not before.isalpha() and not after.isalpha()


def _cedict(word: str) -> str | None:
    try:
        from indexer.language.bilingual import load
        names = load().names.get(word)
    except (OSError, ValueError):  # the dictionary file is missing or unreadable: keep the name
        return None
    return names.split()[0] if names else None


@lru_cache(maxsize=4096)
def chain(place: str) -> tuple[str, ...]:
    """The place and every place containing it, innermost first; just the place when unknown."""
    out = [place]
    while (parent := _up(out[-1])) and len(out) < 10:
        out.append(parent)
    return tuple(out)


def known(place: str) -> bool:
    return place in _GAZETTEER or place in divisions.by_key() or towns.is_place(place)


def chinese(place: str) -> str:
    """The Chinese name of a gazetteer place (for Chinese checklists), else the name itself."""
    return _GAZETTEER.get(place, (place, None))[0]


def english(place: str) -> str:
    """The English name of a place, for English checklists: a table division's pinyin and level
    (泰兴市 -> "Taixing City", 福州市鼓楼区 -> "Gulou District, Fuzhou"), else the name itself."""
    code = divisions.by_key().get(place)
    if not code and (m := re.fullmatch(r"([\u4e00-\u9fff]{1,6})(镇|乡|街道)", place)):  # 黄桥镇 -> "Huangqiao Town"
        return pinyin_names.spell(m[1]) + {"镇": " Town", "乡": " Township", "街道": " Subdistrict"}[m[2]]
    if not code or place in _GAZETTEER:
        return place
    level = {"市": " City", "区": " District", "县": " County", "旗": " Banner"}.get(divisions.name(code)[-1:], "")
    up = divisions.parent_code(code) if divisions.key(code) != divisions.name(code) else None
    return pinyin_names.english(code) + level + (f", {english(as_place(up))}" if up else "")


def every_part(place: str, named: list[str]) -> bool:
    """Whether ``named`` lists every division directly under ``place`` ("Liangxi, Xishan, Huishan,
    Binhu or Xinwu District, or Jiangyin or Yixing" is all of Wuxi): a company there is in one of them."""
    codes = divisions.codes(chinese(place))
    code = divisions.by_key().get(place) or (codes[0] if len(codes) == 1 else None)
    parts = {as_place(c) for c in divisions.children(code)} if code else set()
    return len(parts) > 1 and parts <= set(named)


def within(inner: str, outer: str) -> bool | None:
    """Whether a company in ``inner`` is in ``outer``: True, False, or None when it cannot be told
    (``inner`` is wider than ``outer``, or a place the gazetteer lacks). A table division matches the
    English name CC-CEDICT gives it (庆元县 is "Qingyuan" in an English notice)."""
    if inner.lower() == outer.lower() or outer in chain(inner) or not known(outer) and any(
            p not in _GAZETTEER and _cedict(_ZH_SUFFIX.sub("", p[-4:]) or p) == outer for p in chain(inner)):
        return True
    if known(inner) and known(outer):
        return None if inner in chain(outer) else False
    return None


def gazetteer() -> dict[str, tuple[str, str | None]]:
    """The gazetteer (a copy): canonical English name -> (Chinese name, parent)."""
    return dict(_GAZETTEER)


def named_places(text: str, limit: int = 4000) -> list[str]:
    """The gazetteer places ``text`` names anywhere, in Chinese or English (English names whole
    words only: "Jiangsu", not "Jiangsuese"), canonical, in order of first mention."""
    text = text[:limit]
    found = [(m.start(), _BY_ZH[m[0]]) for m in _ZH_NAMES.finditer(text)]
    found += [(m.start(), _BY_EN[m[0].lower()]) for m in _EN_NAMES.finditer(text) if _word_bounded(text, m)]
    return list(dict.fromkeys(p for _, p in sorted(found)))
