import re

import numpy as np

from bot.answering.compose import Candidate, compose
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


def test_a_trailing_agency_byline_is_not_quoted():
    s = "It will also develop emerging markets and cross-border eCommerce."
    out = compose([Candidate(chunk("a", f"{s} — China Daily/ANN"), 0.7, np.array([0.8]))])
    assert out.answer == f"{s} [1]" and out.spans[1] == s
    assert "China Daily/ANN" in out.citations[0].text  # the passage shown as the source is the page's
    for kept in ("Exports rose — Keqiao led the district.", "The fund — RMB 2 million — is open.",
                 "Ask the bureau. — then wait for the review"):
        assert compose([Candidate(chunk("a", kept), 0.7, np.array([0.8]))]).answer == f"{kept} [1]"
    assert compose([Candidate(chunk("a", "Trade grew. — AFP"), 0.7, np.array([0.8]))]).answer == "Trade grew. [1]"


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


def test_an_enumeration_is_quoted_whole_with_its_introduction():
    sentences = ("The ministry took four measures to help SMEs.", "First, it cut taxes.",
                 "Second, it eased credit.", "Third, it cut fees.", "Fourth, it trained managers.",
                 "Separately, exports grew.")
    scores = np.array([0.6, 0.5, 0.55, 0.7, 0.5, 0.4])
    out = compose([Candidate(chunk("a", *sentences), 0.9, scores)],
                  question="What are the four measures the ministry took?")
    for s in sentences[:5]:
        assert f"{s} [1]" in out.answer
    assert "Separately" not in out.answer
    assert out.spans[1].startswith("The ministry took four measures")


def test_chinese_enumeration_items_are_kept_together():
    sentences = ("工信部出台四项措施。", "一是减税降费。", "二是加大信贷支持。", "三是优化服务。", "另外，出口增长。")
    out = compose([Candidate(chunk("a", *sentences), 0.9, np.array([0.3, 0.5, 0.8, 0.5, 0.2]))],
                  question="工信部有哪些措施？")
    assert all(s in out.answer for s in sentences[:4]) and "另外" not in out.answer


def test_a_sentence_leaning_on_the_one_before_brings_it():
    sentences = ("Shaoxing set up a loan for exporters.", "Filler in between.",
                 "Ruifeng Bank launched the procurement loan.", "It lends up to 5 million yuan.")
    out = compose([Candidate(chunk("a", *sentences), 0.9, np.array([0.2, 0.1, 0.5, 0.8]))])
    assert out.answer == "Ruifeng Bank launched the procurement loan. [1] It lends up to 5 million yuan. [1]"


def test_a_list_stays_within_its_bound_and_says_it_was_cut():
    from bot.answering.lists import MAX_LIST_ITEMS

    items = tuple(f"({i}) Item number {i} of the long list." for i in range(1, 2 + MAX_LIST_ITEMS))
    out = compose([Candidate(chunk("a", *items), 0.9, np.linspace(0.5, 0.6, len(items)))])
    assert out.answer.count("[1]") == MAX_LIST_ITEMS + 1  # the items, and the note naming [1]
    assert out.cut and "The list goes on in the document" in out.answer
    short = compose([Candidate(chunk("a", *items[:4]), 0.9, np.linspace(0.5, 0.6, 4))])
    assert short.answer.count("[1]") == 4 and not short.cut and "goes on" not in short.answer


def test_a_sentence_holding_the_asked_type_wins_a_near_tie():
    sentences = ("The centre handles container trucks for the pilot.", "The centre clears 500 trucks a day.")
    out = compose([Candidate(chunk("a", *sentences), 0.9, np.array([0.805, 0.8]))], max_sentences=1,
                  question="How many trucks does the centre clear?")
    assert out.answer.startswith("The centre clears 500 trucks")


def test_an_enumeration_cut_by_the_chunk_end_goes_on_in_the_next_passage():
    first = Chunk(doc_id="a", text="", position=3, title="A", source="a.txt",
                  sentences=("The ministry took three measures.", "One is to cut taxes.",
                             "The second is to ease credit."))
    second = Chunk(doc_id="a", text="", position=4, title="A", source="a.txt",
                   sentences=("The second is to ease credit.", "The third is to cut fees.", "Exports grew."))
    following = {("a", 3): second}.get
    out = compose([Candidate(first, 0.9, np.array([0.8, 0.5, 0.5]))], question="What measures were taken?",
                  following=lambda c: following((c.doc_id, c.position)))
    assert out.answer.count("The second is to ease credit.") == 1
    assert "The third is to cut fees. [2]" in out.answer and "Exports" not in out.answer
    assert [c.n for c in out.citations] == [1, 2] and out.spans[2] == "The third is to cut fees."
    alone = compose([Candidate(first, 0.9, np.array([0.8, 0.5, 0.5]))], question="What measures were taken?")
    assert "third" not in alone.answer


def test_a_line_that_only_introduces_what_follows_is_not_quoted_alone() -> None:
    intro = chunk("d", "To all district commerce bureaus and textile enterprises:",
                  "Exhibitors receive a subsidy of 50% of the booth fee.")
    composed = compose([Candidate(intro, 0.9, np.array([0.95, 0.90]))])
    assert composed.answer.startswith("Exhibitors receive a subsidy")
    assert "To all district" not in composed.answer
    listed = chunk("e", "The notice sets out two measures:", "First, a booth subsidy.", "Second, a travel grant.")
    whole = compose([Candidate(listed, 0.9, np.array([0.95, 0.5, 0.5]))], question="What are the measures?")
    assert whole.answer.startswith("The notice sets out two measures:")  # the head of its list
