"""Towns, townships and subdistricts (镇, 乡, 街道) and the county each lies in, so a notice that names
only its town ("凡在王江泾镇范围内办理工商登记", "Wangjiangjing Town") has a place: 王江泾镇 lies in 秀洲区,
in 嘉兴市, in 浙江省, and a Keqiao company is not there.

The names come from the division tree the ``cnregion`` package ships (MIT; its 2016 data; its JSON is
read, cnregion itself is never imported). That tree also holds delivery areas that are no places (城区,
三环以内, 全境, 其它地区), state farms (农场, 牧场) and a few 地区 (Beijing's area offices, beside 其它地区):
only names ending in 镇, 乡 or 街道 are kept. Each town's county is cpca's division of the same code
(``indexer.notice.divisions``), else, for a county renamed since (满城县 -> 满城区), the division of the
same stem in the same city, else the one county of its name (简阳市, moved to 成都市); a town whose county
none of these finds is dropped and counted (``dropped``: 180 of 34,584: counties renamed with another
stem, 开县 -> 开州区, districts merged since, 戚墅堰区, and autonomous counties whose long names the
divisions table leaves out).

A bare name is a place only when one town in China bears it, or when the text names its county, city
or province (城关镇 is in hundreds of counties). A name of two characters (城镇, 乡镇, 古镇, 下乡 are words)
is never read bare. Look-ups are by dict, at most a few per character: linear in the text.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import metadata

from indexer.notice import divisions
from indexer.notice.gazetteer import BY_ZH

_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:镇|乡|街道)")
_STEM = re.compile(r"(?:自治县|市|区|县|旗)$")
_TOWN_END = re.compile(r"镇|乡|街道")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BOUNDARY = frozenset("在于和及与或、的之省市区县旗至到位为属凡对各全由从向是含即")
_ENGLISH = re.compile(r"\b([A-Z][a-z]{1,30}(?:['’-][a-z]{1,20})?)\s(Town|Township|Subdistrict)\b")
_LEVEL_EN = {"Town": "镇", "Township": "乡", "Subdistrict": "街道"}
# a town named with a common word (小城镇, 城区街道, 城东街道, 中心镇, 文化街道): never read without its county
_GENERIC = re.compile(r"(?:小城|城区|新区|城关|中心|新城|老城|[东西南北中]城|城[东西南北中郊]|文化|开发区|园区|工业区)"
                      r"(?:镇|乡|街道)")
MIN_BARE = 3
"""The shortest town name read without its county: two characters are too often a word."""
MAX_NAME = 10
MAX_TEXT = 4000


def _walk(node: list, depth: int, out: list[tuple[str, str, str]], county: str) -> None:
    """(town code, town name, county name) of every node four levels below the country."""
    code, name = node[0], node[1][0] if isinstance(node[1], list) else node[1]
    if depth == 3:
        county = str(name)
    if depth == 4:
        out.append((str(code), str(name), county))
        return
    for child in node[2] if len(node) > 2 else []:
        _walk(child, depth + 1, out, county)


def _county(code: str, county_name: str) -> str | None:
    """cpca's code for a town's county: the same code, else the same-stemmed division of its city, else
    the one county-level division of its name."""
    table = divisions.by_code()
    if code in table:
        return code
    stem = _STEM.sub("", county_name)
    for parent in (code[:4] + "00", code[:2] + "0000"):
        found = [c for c in divisions.children(parent) if _STEM.sub("", table[c]) == stem]
        if len(found) == 1:
            return found[0]
    same = divisions.codes(county_name, short_forms=False)  # moved to another city: 简阳市 to 成都市
    return same[0] if len(same) == 1 and not same[0].endswith("00") else None


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, ...]], int]:
    """Town name -> the county codes that hold a town of that name, and how many towns were dropped;
    empty when cnregion or its file is missing (towns are then unknown, as before)."""
    try:
        path = metadata.distribution("cnregion").locate_file("cnregion/data/division.json")
        with open(str(path), encoding="utf-8") as f:
            tree = json.load(f)
    except (metadata.PackageNotFoundError, OSError, ValueError):
        return {}, 0
    rows: list[tuple[str, str, str]] = []
    for node in tree if isinstance(tree, list) else []:
        _walk(node, 0, rows, "")
    out: dict[str, set[str]] = {}
    dropped = 0
    for code, name, county_name in rows:
        if not _NAME.fullmatch(name) or len(name) > MAX_NAME:
            continue
        county = _county(code[3:9], county_name)
        if county is None:
            dropped += 1
            continue
        out.setdefault(name, set()).add(county)
    return {name: tuple(sorted(codes)) for name, codes in out.items()}, dropped


def dropped() -> int:
    """How many towns of the tree were dropped: their county is in neither table."""
    return _table()[1]


def counties(name: str) -> tuple[str, ...]:
    """The county codes holding a town named ``name`` (none when no town bears it)."""
    return _table()[0].get(name, ())


def county_of(name: str, context: list[str] | tuple[str, ...] = ()) -> str | None:
    """The county code of the one town ``name`` means: the one whose county, city or province is among
    the division codes ``context`` (the places named beside it, the issuer's), else with no context the
    only town of the name (three characters or more)."""
    found = counties(name)
    if _GENERIC.fullmatch(name) or name.endswith("街道"):  # "小城镇建设", "城区街道": words; 光明街道: many
        found = tuple(c for c in found if c in context)
    elif context or len(found) > 1 or len(name) < MIN_BARE:  # "Longgong Town of Lishui" is no town of Guizhou
        found = tuple(c for c in found if c in context or set(divisions.ancestors(c)) & set(context))
    return found[0] if len(found) == 1 else None


def is_place(name: str) -> bool:
    """Whether ``name`` is a place of its own: a town (镇, 乡) one county alone holds, of three characters or
    more. Never a subdistrict: the tree lists few (425 of some 8,000; city districts by delivery ring), so
    one it holds once may be one of many (光明街道)."""
    return len(name) >= MIN_BARE and len(counties(name)) == 1 and not _GENERIC.fullmatch(name) \
        and not name.endswith("街道")


def _starts_name(text: str, i: int) -> bool:
    """Whether a name may start at ``i``: after no Chinese character, a word that ends a phrase (在, 的,
    、), a level word (省, 市, 区, 县) or a place's short name (秀洲王江泾镇); "官湖东镇" holds no 湖东镇."""
    if i == 0 or not _CJK.match(text[i - 1]) or text[i - 1] in _BOUNDARY:
        return True
    return any(text[i - n:i] in BY_ZH or divisions.codes(text[i - n:i]) for n in (2, 3, 4) if n <= i)


def scan(text: str) -> list[tuple[int, str]]:
    """(position, name) of the town names in ``text``: at each 镇, 乡 or 街道 the longest name ending
    there, no overlaps; at most MAX_NAME look-ups per level word."""
    table = _table()[0]
    found: list[tuple[int, str]] = []
    for m in _TOWN_END.finditer(text[:MAX_TEXT]):
        floor = found[-1][0] + len(found[-1][1]) if found else 0
        hit = next(((i, name) for i in range(max(floor, m.end() - MAX_NAME), m.start())
                    if (name := _in_table(text[i:m.end()], table)) and _starts_name(text, i)), None)
        if hit:
            found.append(hit)
    return found


def _in_table(name: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """``name`` as the table holds it: itself, or for a subdistrict it lacks the town of that stem (杨汛桥街道 ->
    杨汛桥镇: towns made subdistricts since the tree's data)."""
    if name in table:
        return name
    town = name.removesuffix("街道") + "镇"
    return town if name.endswith("街道") and town in table else None


@lru_cache(maxsize=1)
def _english() -> dict[str, tuple[str, ...]]:
    """"wangjiangjing镇" -> the town names read so (pypinyin, MIT), built once on first English use."""
    from pypinyin import lazy_pinyin

    out: dict[str, list[str]] = {}
    for name in _table()[0]:
        level = _TOWN_END.search(name)
        stem = name[:level.start()] if level else name
        out.setdefault("".join(lazy_pinyin(stem)).lower() + name[len(stem):], []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def english_names(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, Chinese names) of each "<Pinyin> Town / Township / Subdistrict" in ``text``: the
    towns spelled so ("Wangjiangjing Town" -> 王江泾镇; "Xincheng Town" -> 新城镇, 新塍镇)."""
    out = []
    for m in _ENGLISH.finditer(text[:MAX_TEXT]):
        stem = re.sub(r"['’-]", "", m[1]).lower()  # a subdistrict the tree lacks: the town of its stem, made one since
        if names := _english().get(stem + _LEVEL_EN[m[2]]) or (_english().get(stem + "镇", ()) if m[2] == "Subdistrict"
                                                                else ()):
            out.append((m.start(), m.end(), names))
    return out


def placed(text: str, context: list[str] | tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(name, county code) of the towns ``text`` names, Chinese or English, each read as one town: its
    only one, or the one ``context`` (division codes) places. A spelling several Chinese names share
    ("Xincheng Town") counts only when ``context`` leaves one."""
    if re.search(r"[\u4e00-\u9fff]", text):
        spelt = [(n,) for _, n in scan(text)]
    else:
        spelt = [names for *_, names in english_names(text) if len(names) == 1 or context]
    out = []
    for names in spelt:
        found = [(n, county) for n in names if (county := county_of(n, context))]
        out += found if len(found) == 1 else []
    return list(dict.fromkeys(out))
