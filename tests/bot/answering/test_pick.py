"""What the picker reads and how its choice orders the passages (bot/answering/pick.py, reader.py)."""

import numpy as np

from bot.answering.compose import Candidate
from bot.answering.pick import PASSAGES, Pick, echo, widen
from bot.answering.reader import reorder
from core.records import Chunk
from indexer.language.lexical import tokenize

TITLE = "工业和信息化部办公厅关于组织推荐2024年度中小企业特色产业集群的通知"


def candidate(doc: str, position: int, *sentences: str) -> Candidate:
    chunk = Chunk(doc_id=doc, text="".join(sentences), position=position, title=TITLE, source=f"{doc}.txt",
                  sentences=tuple(sentences))
    return Candidate(chunk, 0.9, np.zeros(len(sentences)))


def test_an_annex_line_restating_the_title_echoes_it_and_the_sentence_stating_the_fact_does_not() -> None:
    title = frozenset(tokenize(TITLE))
    annex = echo("2.2024年度中小企业特色产业集群推荐汇总表", title, lambda t: 1.0)
    fact = echo("三、各省、自治区、直辖市推荐数量不超过8个，计划单列市推荐数量不超过2个。", title, lambda t: 1.0)
    assert annex > 0.6 > 0.3 > fact
    assert echo("", title, lambda t: 1.0) == 0.0


def test_the_picker_reads_the_top_passages_then_the_rest_of_the_top_notice_then_the_others() -> None:
    top = [candidate("a", 5, "附件"), candidate("a", 0, "文号"), candidate("b", 1, "其他"),
           candidate("a", 1, "一"), candidate("c", 0, "再其他")]
    notice = {"a": [candidate("a", i, f"第{i}段") for i in range(7)]}
    wide = widen(top, lambda doc_id: notice[doc_id])
    keys = [(c.chunk.doc_id, c.chunk.position) for c in wide]
    assert keys[:PASSAGES] == [(c.chunk.doc_id, c.chunk.position) for c in top[:PASSAGES]]
    assert keys[PASSAGES:-1] == [("a", 2), ("a", 3), ("a", 4), ("a", 6)]  # the notice's passages not yet there
    assert keys[-1] == ("c", 0)
    assert len(set(keys)) == len(keys)
    assert widen([], lambda doc_id: notice["a"]) == []


def test_after_the_lead_the_passages_follow_the_pickers_scores_then_retrievals_order() -> None:
    cands = [candidate("a", i, f"句{i}。", f"又{i}。") for i in range(6)]
    scores = {(2, 0): 1.0, (2, 1): 4.0, (0, 0): 1.0, (3, 0): 3.0, (3, 1): 5.0, (4, 0): 2.0}
    order, lead = reorder(cands, Pick(3, 1, 5.0, scores))
    # lead 3; then by the picker's best sentence: 2 (4.0), 4 (2.0), 0 (1.0); the unscored 1, 5 by retrieval
    assert [c.chunk.position for c in order] == [3, 2, 4, 0, 1, 5]
    assert lead == 1
    assert reorder(cands, None) == (cands, None)


def test_an_english_questions_best_chinese_notice_is_read_after_the_top_notice_as_training_reads_it() -> None:
    import datetime as dt

    from bot.answering.abstain import Evidence
    from bot.answering.respond import read_set

    top = [candidate("en", 0, "news"), candidate("zh", 1, "第1段")]
    notices = {"en": [candidate("en", i, f"n{i}") for i in range(2)],
               "zh": [candidate("zh", i, f"第{i}段") for i in range(3)]}
    evidence = Evidence(0.8, 0.8, 0.7, query_vector=np.zeros(4, np.float32), other_notice="zh")
    read = read_set(top, evidence, lambda doc_id, vector: notices[doc_id], {}, dt.date(2026, 1, 1))
    assert [(c.chunk.doc_id, c.chunk.position) for c in read] == [("en", 0), ("zh", 1), ("en", 1), ("zh", 0), ("zh", 2)]
    alone = Evidence(0.8, 0.8, 0.7, query_vector=np.zeros(4, np.float32))
    assert len(read_set(top, alone, lambda doc_id, vector: notices[doc_id], {}, dt.date(2026, 1, 1))) == 3


def test_the_terms_a_notices_title_holds_count_for_each_of_its_sentences_alike() -> None:
    """Within a notice the question's terms beyond its title decide: a line repeating the title's
    words does not outscore, on ``terms``, the sentence holding the asked fact."""
    from bot.answering.pick import FEATURES, features
    from bot.answering.slots import question_slots

    title = "晋中市社会保险中心关于开展失业保险稳岗返还申领工作的通知"
    sentences = ("附件：晋中市失业保险稳岗返还申请表", "大型企业按上年度实际缴纳失业保险费的30%返还。")
    chunk = Chunk(doc_id="j", text="".join(sentences), position=0, title=title, source="j.txt", sentences=sentences)
    cand = Candidate(chunk, 0.9, np.zeros(2))
    question = "晋中稳岗返还，大型企业返还多少？"
    rows = features(question, question_slots(question), [cand], [(0, 0), (0, 1)], {}, lambda t: 1.0)
    terms = rows[:, FEATURES.index("terms")]
    assert terms[1] > terms[0]
