"""China's administrative divisions (province -> city -> county/district, ~3,500 names), from the
adcodes table the ``cpca`` package ships (MIT), read with the csv module and cached.

The hand gazetteer (``places``) cannot list every county a notice may name (泰兴市, 蓬江区); this
table can. cpca itself is not imported (it loads pandas and a matcher at import time): only its
CSV is read. A division's key is its full Chinese name (泰兴市), or city + name when the name is
shared (南京市鼓楼区, 福州市鼓楼区): a shared name resolves only when the text names its city or
province too, else it stays unknown.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import metadata

_SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_SHORT = re.compile(r"(?:特别行政区|自治区|省|市)$")
_STEM = re.compile(r"(?:特别行政区|自治区|自治县|省|市|区|县|旗)$")
MAX_NAME = 12


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """adcode (6 digits) -> name; empty when cpca or its CSV is missing (the hand list still works)."""
    try:
        path = metadata.distribution("cpca").locate_file("cpca/resources/adcodes.csv")
        with open(str(path), encoding="utf-8", newline="") as f:
            rows = {r["adcode"][:6]: r["name"].strip() for r in csv.DictReader(f) if r.get("adcode")}
    except (metadata.PackageNotFoundError, OSError, KeyError, csv.Error):
        return {}
    return {code: name for code, name in rows.items() if name and name not in _SKIP and len(name) <= MAX_NAME}


def by_code() -> dict[str, str]:
    """adcode -> name, for every division (the cached table: do not change it)."""
    return _table()


@lru_cache(maxsize=1)
def _children() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for code in _table():
        if (parent := parent_code(code)) is not None:
            out.setdefault(parent, []).append(code)
    return {parent: tuple(sorted(codes)) for parent, codes in out.items()}


def children(code: str) -> tuple[str, ...]:
    """The divisions directly under ``code`` (a city's districts and counties), none when unknown."""
    return _children().get(code, ())


def parent_code(code: str) -> str | None:
    """The division ``code`` lies in: a county's city (or its province when the city is a 市辖区
    placeholder), a city's province, None for a province."""
    if code.endswith("0000"):
        return None
    table = _table()
    city = code[:4] + "00"
    if not code.endswith("00") and city in table:
        return city
    province = code[:2] + "0000"
    return province if province in table else None


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Full name -> codes, and short form (泰兴 of 泰兴市, 江苏 of 江苏省) -> codes."""
    full: dict[str, list[str]] = {}
    short: dict[str, list[str]] = {}
    stems: dict[str, int] = {}
    for code, name in _table().items():
        full.setdefault(name, []).append(code)
        stem = _STEM.sub("", name)
        stems[stem] = stems.get(stem, 0) + 1
        cut = _SHORT.sub("", name)
        if cut != name and len(cut) >= 2:
            short.setdefault(cut, []).append(code)
    # 朝阳 is 朝阳市, 朝阳县 or two 朝阳区: a short form shared with another division names none
    return full, {cut: found for cut, found in short.items() if stems.get(cut, 0) == 1}


def name(code: str) -> str:
    return _table().get(code, "")


def codes(word: str, short_forms: bool = True) -> list[str]:
    """Every division named ``word`` (full name, or a short form when ``short_forms``)."""
    full, short = _index()
    return full.get(word) or (short.get(word, []) if short_forms else [])


def ancestors(code: str) -> list[str]:
    """``code``'s containing divisions, innermost first."""
    out: list[str] = []
    while (up := parent_code(out[-1] if out else code)) and len(out) < 3:
        out.append(up)
    return out


def scan(text: str) -> list[tuple[int, str]]:
    """(position, full name) of every division named in full in ``text``, longest match first at
    each position, left to right, no overlaps; at most MAX_NAME dictionary look-ups per character."""
    full, _ = _index()
    found, i = [], 0
    while i < len(text):
        hit = next((text[i:i + n] for n in range(min(MAX_NAME, len(text) - i), 1, -1) if text[i:i + n] in full), None)
        if hit:
            found.append((i, hit))
            i += len(hit)
        else:
            i += 1
    return found


def names(text: str) -> list[str]:
    """The divisions ``text`` names in full, in order (one scan serves a text's context and its places)."""
    return [word for _, word in scan(text)]


def context_codes(found: list[str]) -> list[str]:
    """Every division code any of the names ``found`` may mean: the city or province beside a shared name."""
    return [code for word in found for code in codes(word, False)]


def resolve(word: str, context: list[str], short_forms: bool = True) -> str | None:
    """The one division ``word`` names, given the other division codes ``context`` names (its city or
    province written next to it); None when none or several remain."""
    candidates = codes(word, short_forms)
    if len(candidates) > 1:
        candidates = [c for c in candidates if set(ancestors(c)) & set(context)]
    return candidates[0] if len(candidates) == 1 else None


def key(code: str) -> str:
    """The place key of a division: its name, or city + name when the name is shared."""
    own = name(code)
    if len(codes(own, short_forms=False)) > 1 and (up := parent_code(code)):
        return name(up) + own
    return own


@lru_cache(maxsize=1)
def by_key() -> dict[str, str]:
    """Place key -> adcode, for every division."""
    return {key(code): code for code in _table()}
