import re

import numpy as np

from bot.compose import Candidate, compose
from core.records import Chunk


def chunk(doc: str, *sentences: str) -> Chunk:
    return Chunk(doc_id=doc, text=" ".join(sentences), position=0, title=doc.upper(),
                 source=f"{doc}.txt", sentences=tuple(sentences))


def test_markers_point_at_existing_citations_and_every_citation_is_used():
    cands = [
        Candidate(chunk("a", "Alpha one is the answer.", "Filler text here."), 0.8,
                  np.array([0.9, 0.1])),
        Candidate(chunk("b", "Unrelated sentence entirely.", "Bravo supports alpha too."), 0.6,
                  np.array([0.2, 0.85])),
        Candidate(chunk("c", "Charlie is far away from this."), 0.5, np.array([0.3])),
    ]
    out = compose(cands, max_sentences=3, margin=0.1)
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", out.answer)}
    assert markers == {c.n for c in out.citations}
    assert [c.n for c in out.citations] == list(range(1, len(out.citations) + 1))
    assert {c.doc_id for c in out.citations} == {"a", "b"}
    assert out.answer.startswith("Alpha one is the answer. [1]")
    assert "Bravo supports alpha too. [2]" in out.answer
    assert "Charlie" not in out.answer


def test_sentences_are_quoted_verbatim_never_invented():
    s = "The pilot exported 12.1 billion yuan in its first year."
    out = compose([Candidate(chunk("a", s, "Other words follow."), 0.7, np.array([0.8, 0.2]))])
    assert out.answer == f"{s} [1]"
    assert s in out.citations[0].text


def test_repeated_sentences_from_overlapping_chunks_appear_once():
    s = "Shaoxing Customs supports the procurement pilot."
    cands = [Candidate(chunk("a", s), 0.9, np.array([0.9])),
             Candidate(chunk("a", s, "More."), 0.8, np.array([0.9, 0.1]))]
    out = compose(cands)
    assert out.answer.count(s) == 1
    assert len(out.citations) == 1


def test_top_passage_leads_even_when_a_lower_one_scores_higher():
    cands = [Candidate(chunk("a", "First ranked passage sentence."), 0.9, np.array([0.5])),
             Candidate(chunk("b", "Second ranked passage sentence."), 0.7, np.array([0.7]))]
    out = compose(cands, margin=0.5)
    assert out.citations[0].doc_id == "a"
    assert out.answer.startswith("First ranked")


def test_no_candidates_gives_empty_answer():
    out = compose([])
    assert out.answer == "" and out.citations == []
