"""The notices' own vocabulary, English -> Chinese, kept in two text files beside this module.

CC-CEDICT read backwards (``bilingual.reverse_table``) gives a word's first senses, often not the
words notices use; these files say what the notices mean, and ``bilingual.reverse`` lays them
over the dictionary's table. Kept apart from bilingual.py so that editing the vocabulary does not
change the key of the tables derived from the dictionary (indexer/language/derived.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from indexer.language.lexical import is_chinese, tokenize

GLOSSARY_FILE = Path(__file__).with_name("policy_glossary.txt")
GENERAL_FILE = Path(__file__).with_name("general_glossary.txt")


@lru_cache(maxsize=2)
def policy_glossary(general: bool = False) -> dict[str, tuple[str, ...]]:
    """The notices' own vocabulary (policy_glossary.txt): English term or phrase, read as a question
    is tokenised -> its Chinese words. CC-CEDICT read backwards gives a word's first senses, often
    not the notices' words ("bureau" -> 民政局, "booth" -> 电话亭, "job" -> 约伯). ``general``: with
    general_glossary.txt, for an English question anchored in a Chinese notice (bot/answering/terms.py)."""
    files = (GLOSSARY_FILE, GENERAL_FILE) if general else (GLOSSARY_FILE,)
    return parse_glossary(line for f in files for line in f.read_text(encoding="utf-8").splitlines())


def parse_glossary(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        english, chinese = line.split("=", 1)
        key = " ".join(t for t in tokenize(english) if not is_chinese(t))
        words = tuple(w.strip() for w in chinese.split(",") if w.strip())
        if key and words:
            out[key] = tuple(dict.fromkeys((*out.get(key, ()), *words)))
    return out
