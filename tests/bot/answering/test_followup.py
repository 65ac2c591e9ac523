import pytest

from bot.answering.followup import Turn, is_elliptical, resolve
from core.errors import InvalidQuestion


def test_elliptical_questions_are_recognised():
    assert is_elliptical("and how many suppliers joined?")
    assert is_elliptical("Who chaired it?")
    assert is_elliptical("那么出口额是多少？")
    assert not is_elliptical("Which bank gives market-procurement loans to exporters?")


def test_resolve_prefixes_the_topic_only_when_needed():
    history = [Turn("How many foreign trade companies joined the Keqiao pilot?", "173")]
    assert resolve("and how many suppliers joined?", history).startswith("How many foreign trade")
    standalone = "Which customs office supports the China Textile City pilot?"
    assert resolve(standalone, history) == standalone
    assert resolve("and who chaired it?", []) == "and who chaired it?"


def test_chained_follow_ups_keep_the_topic():
    history = [Turn("Tell me about the Wenzhou industrial chain chief scheme"), Turn("and how many officials?")]
    assert "Wenzhou" in resolve("and what did they sign?", history)


def test_history_is_bounded():
    with pytest.raises(InvalidQuestion):
        resolve("and?", [Turn("q")] * 11)
    with pytest.raises(InvalidQuestion):
        resolve("and?", [Turn("q", "a" * 5000)])


def test_a_follow_up_prefers_the_passage_with_the_new_figure_over_the_last_answer():
    import numpy as np

    from bot.answering.compose import Candidate
    from bot.answering.followup import prefer_new
    from core.records import Chunk

    def cand(doc: str, *sentences: str) -> Candidate:
        chunk = Chunk(doc_id=doc, text=" ".join(sentences), position=0, title=doc, source=doc,
                      sentences=sentences)
        return Candidate(chunk, 0.8, np.array([0.9] + [0.1] * (len(sentences) - 1)))

    old = cand("a", "173 trading companies joined the Keqiao pilot.")
    new = cand("b", "The pilot has 2,000 suppliers registered.")
    history = [Turn("How many trading companies joined the Keqiao pilot?",
                    "173 trading companies joined the Keqiao pilot. [1]")]
    assert prefer_new([old, new], "and how many suppliers?", history)[0] is new
    assert prefer_new([old, new], "How many trading companies joined?", history)[0] is old  # not a follow-up
    assert prefer_new([old, new], "and how many suppliers?", [])[0] is old
    wordless = cand("c", "The pilot is in Keqiao.")
    assert prefer_new([old, wordless], "and how many suppliers?", history)[0] is old  # holds no figure


def test_a_follow_up_keeps_the_last_passage_when_it_also_holds_the_new_figure():
    import numpy as np

    from bot.answering.compose import Candidate
    from bot.answering.followup import prefer_new
    from core.records import Chunk

    def cand(doc: str, text: str) -> Candidate:
        return Candidate(Chunk(doc_id=doc, text=text, position=0, title=doc, source=doc, sentences=(text,)),
                         0.8, np.array([0.9]))

    both = cand("a", "173 companies and 1,422 suppliers joined, with exports to 147 countries.")
    other = cand("b", "Exports passed 100 million yuan in the first month.")
    history = [Turn("How many companies joined?", both.chunk.text + " [1]")]
    assert prefer_new([both, other], "and to how many countries were goods exported?", history)[0] is both
