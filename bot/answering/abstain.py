"""When to say the documents do not answer. Thresholds come from measurements (bench/README.md).

Two signals, both on the fused result:
- relevance: the best cosine similarity between the question and a retrieved passage. Questions
  far from every document (consumer tech, sport, health) fall below the threshold.
- specificity: a question that names a specific thing (a proper name or a year) that none of the
  retrieved passages mentions is about something the documents do not cover, however close
  its topic ("the pilot's export value for 2023" when the documents stop in 2021). Chinese names
  are the words the dictionary marks as proper nouns (新加坡); one counts as mentioned when a
  passage holds it or its English name (Singapore), since Chinese questions ask about English
  documents too.
- answer type (bot/answering/answerable.py): a question asking how many, when or who is answered only when
  the sentences the answer would quote hold a number, a date or a name the question does not
  already hold ("How many staff work at the centre?" over a passage on the centre's opening).
- doubt (bot/answering/doubt.py): a fitted estimate that the top passage, though on topic, does not answer.
- cross-lingual relevance: when the top passage is in the other language than the question's, the
  cross-lingual model's best cosine must reach its own calibrated threshold too. e5 scores a Chinese
  question about ibuprofen and an English textile notice as highly as an answerable one; USE, trained
  on translation pairs, does not (bench/README.md, "Abstention calibration").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from bot.answering.answerable import answer_type, holds_type
from bot.answering.compose import Candidate
from bot.answering.retrieve import Hit
from bot.answering.terms import chinese_of
from indexer.language.bilingual import chinese_names
from indexer.language.lexical import tokenize
from indexer.language.shortforms import short_name_held

# A passage holding this share of the question's (IDF-weighted) terms counts as relevant even
# when the embedding model cannot read the language (Chinese with the English default model).
COVERAGE_THRESHOLD = 0.75

# Capitalised words after the first word, and years. All-capital acronyms are left out:
# documents often spell them out ("CCPIT" for "China Council for the Promotion of ...").
# Not after a Latin letter or digit; after a Chinese character it is a name ("去Singapore的").
# Pinyin an apostrophe joins is one name (Tai'an, Xi'an), not "Tai".
_NAME = re.compile(r"(?<![A-Za-z0-9_'’])([A-Z][a-z]+(?:['’](?!s\b)[a-z]+)?(?:-[A-Z]?[a-z]+)*)(?:['’]s)?"
                   r"(?![A-Za-z0-9_])")
_YEAR = re.compile(r"(?<![0-9])(?:19|20)\d{2}(?![0-9])")  # "2023" and "2023年" alike
_NOT_NAMES = frozenset(
    "What Which Who Whom Whose When Where Why How Is Are Was Were Do Does Did Can Could Should "
    "Would Will Has Have Had The A An In On At Of For To By From And Or Under Over After Before "
    "Since During About Tell Give List Please If".split()
)
_WORD = re.compile(r"\w+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def specific_terms(question: str) -> list[str]:
    names = [m.group(1) for m in _NAME.finditer(question) if m.start() > 0]
    names = [n for n in names if n not in _NOT_NAMES]
    return list(dict.fromkeys(names + _YEAR.findall(question)))


def missing_terms(question: str, texts: list[str]) -> list[str]:
    """Specific terms of the question that no retrieved text mentions (prefix match on words)."""
    words = {w.lower() for t in texts for w in _WORD.findall(t)}
    years = set(_YEAR.findall(" ".join(texts)))  # "于2023年" holds 2023 though no word starts with it

    def mentioned(term: str) -> bool:
        stem = term.lower()[: max(4, len(term) - 3)]  # "Chinese" matches "China"
        return any(w.startswith(stem) for w in words)

    joined = "\n".join(texts)
    chinese = chinese_of(question) if _HAN.search(joined) else {}

    def translated(term: str) -> bool:
        """An English name a Chinese passage writes in Chinese (Shishi: 石狮, Finance Bureau: 财政局)."""
        return any(w in joined for t in tokenize(term) for w in chinese.get(t, ()))

    out = [t for t in specific_terms(question) if t not in years and not mentioned(t) and not translated(t)]
    for word, english in chinese_names(question).items():
        # The dictionary's first name is the word's own ("Wenzhou", not "Zhejiang" it lies in).
        # A body's short name is held by its full one (工信部: 工业和信息化部; shortforms.py).
        if word not in joined and not (english and mentioned(english[0])) and not short_name_held(word, joined):
            out.append(word)
    return out


@dataclass(frozen=True)
class Evidence:
    top_dense: float
    best_sentence: float
    threshold: float
    missing: list[str] = field(default_factory=list)
    coverage: float = 0.0
    typed: bool = True
    """The sentences an answer would quote hold what the question asks for (``answer_windows``)."""
    doubt: float = 0.0
    """p(the top passage does not answer) by the model's doubt model (bot/answering/doubt.py); 0 without one."""
    doubt_limit: float = 1.0
    cross_top: float | None = None
    """When the top passage is in the other language than the question's: the best cross-lingual
    cosine among such passages (bot/answering/retrieve.py); None otherwise."""
    cross_threshold: float = -1.0
    cross_of: dict[tuple[str, int], float] = field(default_factory=dict)
    """(doc_id, position) -> the cross-lingual cosine of each passage in the other language than the
    question's that the answer may quote: the answer model checks the passage it quotes, which need
    not be retrieval's top one, unless that passage holds the names the question asks about
    (bot/answering/reader.py)."""
    query_vector: np.ndarray | None = None
    """The question's e5 vector (the picker reads it); None in tests."""
    other_notice: str | None = None
    """An English question whose top passages are all English: the best-ranked Chinese notice among
    retrieval's candidates, which the picker reads too (bot/answering/respond.py)."""

    @classmethod
    def of(cls, question: str, hits: list[Hit], candidates: list[Candidate], coverage: float,
           threshold: float | None, asked: str | None = None, cross_threshold: float | None = None,
           cross_of: dict[tuple[str, int], float] | None = None) -> Evidence:
        """``threshold``: the model's calibrated one for the question's language (None: uncalibrated,
        relevance is then not checked; names and years still are). ``asked``: the question as asked
        when ``question`` is a follow-up resolved with earlier turns; its answer type counts.
        ``cross_threshold``: the cross-lingual model's, for the question's language (None: not checked).
        ``cross_of``: the cross-lingual cosines of the passages in the other language the answer may
        quote (by default the retrieved ones')."""
        top = max((h.dense for h in hits), default=0.0)
        best = max((float(c.sentence_scores.max()) for c in candidates
                    if len(c.sentence_scores)), default=0.0)
        # A notice's year may stand only in its number or date (黑政办规〔2022〕6号): they are its words too.
        texts = ["\n".join(x for x in (c.chunk.passage, c.chunk.title, c.chunk.doc_number, c.chunk.date) if x)
                 for c in candidates]
        missing = missing_terms(question, texts)
        # A question naming something the passages mention (Ruifeng Bank, 新加坡) is anchored to them
        # by its words; the cross-lingual check is for questions with no such anchor.
        anchored = not missing and bool(specific_terms(question) or chinese_names(question))
        cross = max((h.cross for h in hits if h.cross is not None), default=None) \
            if hits and hits[0].cross is not None and not anchored else None
        if cross_of is None:
            cross_of = {(c.chunk.doc_id, c.chunk.position): h.cross
                        for h, c in zip(hits, candidates, strict=False) if h.cross is not None}
        return cls(top, best, -1.0 if threshold is None else threshold,
                   missing, coverage, answer_typed(asked or question, candidates),
                   cross_top=cross, cross_threshold=-1.0 if cross_threshold is None else cross_threshold,
                   cross_of=cross_of)


def answer_typed(question: str, candidates: list[Candidate]) -> bool:
    """The answer windows hold what the question asks for (True when it asks for no type)."""
    kind = answer_type(question)
    return kind is None or any(holds_type(kind, w, question) for w in answer_windows(candidates))


def answer_windows(candidates: list[Candidate]) -> list[str]:
    """The text an answer would lead with: the best sentence, with one sentence either side, of each
    of the top two passages. Looking further finds a number or a date in almost any passage of a
    topic: on SQuAD 2.0's fit articles (bench/README.md, "Answerability") the top window caught 13%
    of the unanswerable questions, the windows of the top five passages 7%, no more than similarity
    alone. The second window keeps a close second passage holding the answer from being declined
    (two Chinese calibration questions once the cross-lingual model reordered their passages); the
    doubt model, refitted with it, gives the same SQuAD figures (bench/README.md, "Doubt")."""
    out = []
    for top in [c for c in candidates if len(c.sentence_scores)][:2]:
        best = int(top.sentence_scores.argmax())
        out.append(" ".join(top.chunk.sentences[max(0, best - 1):best + 2]))
    return out


def should_abstain(evidence: Evidence) -> bool:
    return any(abstain_reasons(evidence).values())


def abstain_reasons(evidence: Evidence) -> dict[str, bool]:
    """Each earlier rule's verdict: off topic, a name or year the passages lack, the asked type
    missing, the doubt model over its limit (the answer model weighs them per language pair)."""
    relevant = evidence.top_dense >= evidence.threshold or evidence.coverage >= COVERAGE_THRESHOLD
    if evidence.cross_top is not None:  # answered from the other language: the second model agrees
        relevant = relevant and evidence.cross_top >= evidence.cross_threshold
    return {"relevance": not relevant, "names": bool(evidence.missing), "typed": not evidence.typed,
            "doubt": evidence.doubt > evidence.doubt_limit}
