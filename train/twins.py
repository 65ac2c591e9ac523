"""Contrastive twins: each answerable question with one slot changed so that no document answers it.

Near-domain questions members ask differ from answerable ones in one slot: another year, another
place, another batch. For every answerable question of the fit part, a twin is made per slot the
question has, with a value checked against the whole corpus:
- year: the nearest year (±1, ±2) that neither the question's notice, nor a notice of its series, nor
  a notice whose title names the question's place holds (in any form, ranges included);
- place: a place of the same rank in the gazetteer (province for province, city for city, in
  Chinese or English as the question writes it) that no document names;
- batch: 第N批 with an N no document gives.
A twin whose value some document holds is not made: it might be answerable. Twins are questions
with ``answerable: false`` and ``kind: "twin"``, the slot and the original's id.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from bot.answering.slots import question_places, years_in
from indexer.language.bilingual import load
from indexer.notice.places import chain, gazetteer

_GAZETTEER = gazetteer()

_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?![0-9])")
_BATCH = re.compile(r"第([一二三四五六七八九十])批")
_NUMERALS = "一二三四五六七八九十"
_NOT_PROVINCES = frozenset("北京 上海 天津 重庆 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split())  # no "…省"


class Corpus:
    """What the documents hold, for checking twins: per document its title, text and series."""

    def __init__(self, docs: Iterable[dict[str, Any]]) -> None:
        self.docs = {d["doc"]: d for d in docs}
        self.text = "\n".join(d["text"] for d in self.docs.values())
        self.lower = self.text.lower()

    def related(self, question: dict[str, Any], places: list[str]) -> list[dict[str, Any]]:
        """The question's notice, its series, and the notices whose title names its place."""
        gold = self.docs.get(question.get("doc") or "")
        series = gold.get("series") if gold else None
        names = [_GAZETTEER[p][0] for p in places] + places
        return [d for d in self.docs.values()
                if d is gold or (series and d.get("series") == series) or any(n in d["title"] for n in names)]

    def names(self, place: str) -> bool:
        zh = _GAZETTEER[place][0]
        return zh in self.text or place.lower() in self.lower


def _siblings(place: str, key: str) -> list[str]:
    """Places of the same rank, in an order of their own per question (``key``), so twins spread
    over many places rather than all naming the first."""
    parent = _GAZETTEER[place][1]
    found = sorted(p for p, (_, up) in _GAZETTEER.items() if up == parent and p != place)
    start = zlib.crc32(key.encode()) % len(found) if found else 0
    return found[start:] + found[:start]


@lru_cache(maxsize=1)
def _cities() -> list[tuple[str, str]]:
    """(Chinese, English) of the dictionary's prefecture-level cities: other cities for twins of
    places the gazetteer lacks (太原 -> 另一个地级市)."""
    d = load()
    out = []
    for word, english in sorted(d.names.items()):
        gloss = d.glosses.get(word, "")
        if len(word) == 2 and "prefecture-level city" in gloss and english.split()[0] in gloss.split(",")[0]:
            out.append((word, english.split()[0]))
    return out


def _other_city(written: str, key: str, corpus: Corpus) -> str | None:
    cities = _cities()
    start = zlib.crc32(key.encode()) % len(cities)
    english = written[:1].isascii()
    for zh, en in cities[start:] + cities[:start]:
        if zh not in corpus.text and en.lower() not in corpus.lower:
            return en if english else zh
    return None


def _places_in(question: str) -> list[tuple[str, str]]:
    """(as written, canonical) for the gazetteer places the question names."""
    found = []
    for place, (zh, _) in _GAZETTEER.items():
        if place == "China":
            continue
        if zh in question:
            found.append((zh, place))
        elif re.search(rf"(?<![A-Za-z]){re.escape(place)}(?![a-z])", question):
            found.append((place, place))
    # The most specific first; drop a place another found one lies in (绍兴 of 绍兴市柯桥区).
    inner = [f for f in found if not any(f[1] != g[1] and f[1] in chain(g[1]) for g in found)]
    return inner


def twins(question: dict[str, Any], corpus: Corpus) -> list[dict[str, Any]]:
    text = question["question"]
    out: list[dict[str, Any]] = []

    def add(slot: str, changed: str, note: str) -> None:
        out.append({"id": f"{question['id']}~{slot}", "question": changed, "lang": question.get("lang"),
                    "answerable": False, "expect": [], "kind": "twin", "slot": slot, "of": question["id"],
                    "doc": question.get("doc"), "split": question.get("split", "fit"), "why": note})

    places = _places_in(text)
    years = _YEAR.findall(text)
    if years:
        y = int(years[0])
        held = set().union(*(years_in(f"{d['title']}\n{d['text']}") for d in
                             corpus.related(question, [p for _, p in places])))
        for other in (y - 1, y + 1, y - 2, y + 2):
            if str(other) not in held:
                add("year", text.replace(str(y), str(other), 1), f"{y} -> {other}: no related notice holds {other}")
                break
    for written, place in places[:1]:
        english = written == place
        for other in _siblings(place, question["id"]):
            if corpus.names(other) or (f"{written}省" in text and _GAZETTEER[other][0] in _NOT_PROVINCES):
                continue
            replacement = other if english else _GAZETTEER[other][0]
            add("place", text.replace(written, replacement), f"{place} -> {other}: no document names {other}")
            break
    if not places:  # a place the dictionary knows (太原, Taiyuan): another city no document names
        found = question_places(text)
        if found:
            written = found[0][0]
            other = _other_city(written, question["id"], corpus)
            if other is not None and written in text:
                add("place", text.replace(written, other), f"{written} -> {other}: no document names {other}")
    batch = _BATCH.search(text)
    if batch:
        held = {b for d in corpus.related(question, [p for _, p in places]) for b in _BATCH.findall(d["text"])}
        for n in _NUMERALS:
            if n != batch.group(1) and n not in held:
                add("batch", text.replace(batch.group(0), f"第{n}批", 1), f"batch {batch.group(1)} -> {n}")
                break
    return out
