"""A notice's quote without the kind of figure asked is another figure: the question is declined."""

import numpy as np

from bot.answering.compose import Candidate
from bot.answering.reader import _unstated
from bot.answering.slots import check, question_slots
from core.records import Chunk

SENTENCES = ("一、对参加重点展会的企业，按展位费的50%给予支持。", "二、优秀奖10名。",
             "三、联系人：王晓明，电话0571-88880000。")


def lead(issuer: str = "某市商务局", number: str = "") -> Candidate:
    chunk = Chunk(doc_id="n", text="".join(SENTENCES), position=0, title="某市关于展会支持的通知", source="n.txt",
                  sentences=SENTENCES, issuer=issuer, doc_number=number)
    return Candidate(chunk, 0.9, np.zeros(len(SENTENCES)))


def unstated(question: str, sentence: str, issuer: str = "某市商务局") -> bool:
    slots = question_slots(question)
    return _unstated(slots, check(slots, sentence, ""), lead(issuer), sentence)


def test_a_count_asked_of_a_notice_quoting_only_a_share_is_unstated() -> None:
    assert unstated("一共有多少家企业参展？", SENTENCES[0])
    assert not unstated("展位费按多少比例支持？", SENTENCES[0])


def test_an_article_a_contact_a_number_or_no_asked_kind_is_never_declined_so() -> None:
    assert not unstated("一共有多少家企业参展？", SENTENCES[0], issuer="")  # an article's paraphrase
    assert not unstated("联系电话是多少？", SENTENCES[0])  # the contact line is looked up apart
    assert not unstated("文号是什么？", SENTENCES[0])
    assert not unstated("这个通知是哪个单位发的？", SENTENCES[0])  # the 落款 is looked up apart
    assert not unstated("这个通知有效期到什么时候？", SENTENCES[0])  # so is the notice's own period
    assert not unstated("展会支持的对象是谁？", SENTENCES[0])


def test_ge_counts_anything() -> None:
    """几个优秀奖 is answered by "10名"; 几家 by a number of 家 only."""
    assert not unstated("设了几个优秀奖？", SENTENCES[1])
    assert unstated("有几家企业获得优秀奖？", SENTENCES[1])
