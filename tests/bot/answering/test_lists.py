"""Lists answered whole: introduced by a colon, items across a chunk end, cut with a note."""

import numpy as np

from bot.answering.compose import Candidate, compose
from bot.answering.lists import asked_count, list_span
from core.records import Chunk


def chunk(position: int, *sentences: str) -> Chunk:
    return Chunk(doc_id="n", text=" ".join(sentences), position=position, title="N", source="n.txt",
                 sentences=sentences)


def test_a_sentence_introducing_a_list_brings_its_items() -> None:
    sentences = ("为支持外贸企业，现将有关措施通知如下：", "（一）展位费补贴50%。", "（二）运费补贴30%。",
                 "（三）保费补贴70%。", "五、其他事项")
    assert list_span(sentences, 0) == (0, 4, False)
    out = compose([Candidate(chunk(0, *sentences), 0.9, np.array([0.9, 0.5, 0.5, 0.5, 0.1]))],
                  question="有哪些支持措施？", lang="zh")
    assert all(s in out.answer for s in sentences[:4]) and "其他事项" not in out.answer and not out.cut


def test_an_outline_heading_brings_its_sections_items_nested_ones_included() -> None:
    sentences = ("二、“六税两费”减半征收", "（一）适用主体：增值税小规模纳税人。", "（二）减征范围：减半征收以下税费：",
                 "1. 资源税；", "2. 城市维护建设税；", "（三）可叠加享受。", "三、小型微利企业所得税优惠",
                 "（一）减按25%计算。")
    assert list_span(sentences, 0) == (0, 6, False)  # up to the next heading of its own style
    assert list_span(sentences, 6) == (6, 8, False)
    assert list_span(sentences, 3)[:2] == (2, 5)  # an item still brings its own list, not the section
    assert list_span(("二、申报条件", "请按时申报。"), 0) == (0, 1, False)  # a heading without items is itself


def test_the_lead_the_picker_chose_is_quoted_first() -> None:
    sentences = ("江苏省商务厅关于境外展会申报的通知。", "货物贸易类展会每平方米最高支持4000元。", "请各地认真组织。")
    out = compose([Candidate(chunk(0, *sentences), 0.9, np.array([0.9, 0.6, 0.5]))], max_sentences=1, lead=1)
    assert out.answer.startswith("货物贸易类展会每平方米最高支持4000元。")


def test_another_notices_passage_that_fails_keep_is_not_quoted() -> None:
    a = Candidate(Chunk(doc_id="bj", text="", position=0, title="北京", source="bj.txt",
                        sentences=("北京单次参展补贴上限5万元。",)), 0.9, np.array([0.9]))
    b = Candidate(Chunk(doc_id="js", text="", position=0, title="江苏", source="js.txt",
                        sentences=("江苏全年累计补贴上限50万元。",)), 0.8, np.array([0.88]))
    both = compose([a, b])
    assert "江苏" in both.answer
    kept = compose([a, b], keep=lambda c: c.chunk.doc_id == "bj")
    assert "江苏" not in kept.answer and len(kept.citations) == 1


def test_a_list_cut_by_the_chunk_end_goes_on_and_a_long_one_says_it_was_cut() -> None:
    first = chunk(0, "工信部采取了四项措施：", "一是减税降费。", "二是加大信贷支持。")
    second = chunk(1, "二是加大信贷支持。", "三是优化服务。", "四是培训企业管理人员。", "另外，出口增长。")
    out = compose([Candidate(first, 0.9, np.array([0.9, 0.5, 0.5]))], question="工信部采取了哪四项措施？",
                  following=lambda c: second if c.position == 0 else None, lang="zh")
    assert "四是培训企业管理人员。 [2]" in out.answer and "另外" not in out.answer
    assert out.answer.count("二是加大信贷支持。") == 1
    assert asked_count("What are the four measures MIIT took?") == 4 and asked_count("哪三个条件") == 3
