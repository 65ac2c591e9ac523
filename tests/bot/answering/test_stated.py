"""Who issued a notice and its own period asked: the 落款 and the sentence stating the period."""

from bot.answering.stated import issuer_line, repeal_line, validity_line
from core.records import Chunk

ISSUERS = "商务部 国家发展改革委 工业和信息化部"


def chunk(doc_id: str, position: int, text: str, *sentences: str) -> Chunk:
    return Chunk(doc_id=doc_id, text=text, position=position, title="T", source="t.txt", sentences=sentences,
                 issuer=ISSUERS)


# The 落款 is in the passage's text but not among its quotable sentences (indexer/notice/sections.py).
JOINT = {
    ("j", 0): chunk("j", 0, "四、组织实施\n商务部会同有关部门加强跟踪评估。",
                    "四、组织实施", "商务部会同有关部门加强跟踪评估。"),
    ("j", 1): chunk("j", 1, "附件：任务分工表\n\n商务部　国家发展改革委　工业和信息化部\n2022年1月24日",
                    "附件：任务分工表", "2022年1月24日"),
}
# One issuer a line, as some 落款 print a joint notice.
STACKED = {("s", 0): chunk("s", 0, "请认真贯彻执行。\n商务部\n国家发展改革委\n工业和信息化部\n2022年1月24日",
                           "请认真贯彻执行。", "2022年1月24日")}


def test_the_signature_names_the_issuers_and_becomes_quotable_in_text_order() -> None:
    found = issuer_line("j", ISSUERS, JOINT.get)
    assert found is not None
    passage, i = found
    assert passage.position == 1 and passage.sentences[i] == "商务部　国家发展改革委　工业和信息化部"
    assert passage.sentences == ("附件：任务分工表", "商务部　国家发展改革委　工业和信息化部", "2022年1月24日")
    stacked, j = issuer_line("s", ISSUERS, STACKED.get)
    assert stacked.sentences[j] == "商务部 国家发展改革委 工业和信息化部" and j == 1
    assert issuer_line("j", None, JOINT.get) is None
    assert issuer_line("j", "浙江省商务厅", JOINT.get) is None  # no line names it


def test_a_quotable_line_naming_the_issuer_is_quoted_as_it_is() -> None:
    plain = {("p", 0): chunk("p", 0, "请按时申报。\n中国（重庆）国际贸易单一窗口\n2023年5月31日",
                             "请按时申报。", "中国（重庆）国际贸易单一窗口", "2023年5月31日")}
    assert issuer_line("p", "中国（重庆）国际贸易单一窗口", plain.get) == (plain[("p", 0)], 1)


def test_the_notices_own_period_not_a_certificates() -> None:
    passages = {
        ("v", 0): chunk("v", 0, "", "3. RCEP原产地证书自签发之日起一年内有效；", "请合理安排申领时间。"),
        ("v", 1): chunk("v", 1, "", "（三）本通知自2019年1月1日起执行，有效期至2020年12月31日。",
                        "青商贸字〔2019〕6号"),
    }
    assert validity_line("v", "2019-01-01", passages.get) == (passages[("v", 1)], 0)
    repealed = {("r", 0): chunk("r", 0, "", "对参展企业给予补贴。", "本办法自2026年8月1日起废止。")}
    assert validity_line("r", "2024-01-01", repealed.get) == (repealed[("r", 0)], 1)
    assert validity_line("v", "2019-01-01", {("v", 0): passages[("v", 0)]}.get) is None


def test_the_successors_sentence_repealing_the_notice_by_number_or_title() -> None:
    successor = {("n", 0): chunk("n", 0, "", "现印发给你们，请认真贯彻执行。",
                                 "2022年印发的《某省外贸若干措施》（某政办规〔2022〕6号）同时废止。")}
    assert repeal_line("n", "某政办规〔2022〕6号", "某省外贸若干措施", successor.get) == (successor[("n", 0)], 1)
    assert repeal_line("n", None, "某省外贸若干措施", successor.get) == (successor[("n", 0)], 1)  # by title
    assert repeal_line("n", "某政办规〔2021〕3号", "另一份通知", successor.get) is None  # names another
    english = {("e", 0): chunk("e", 0, "", "Notice No. 4 of 2023 is repealed on the same day.")}
    assert repeal_line("e", "Notice No. 4 of 2023", "Trade Fair Rules", english.get) == (english[("e", 0)], 0)


def test_who_issued_is_not_declined_for_doubt_when_the_notice_states_it() -> None:
    from types import SimpleNamespace

    from bot.answering.respond import _stated_apart
    from bot.answering.slots import question_slots

    slots = question_slots("那个公告是哪个单位发的？")
    ctx = SimpleNamespace(chunk_at=JOINT.get)
    doubted = SimpleNamespace(decline="no-answer", passage_missing=[], order=[SimpleNamespace(chunk=JOINT[("j", 0)])])
    assert _stated_apart(slots, doubted, ctx)  # type: ignore[arg-type]
    assert not _stated_apart(slots, SimpleNamespace(**{**vars(doubted), "decline": "slot"}), ctx)  # type: ignore[arg-type]
    assert not _stated_apart(slots, SimpleNamespace(**{**vars(doubted), "passage_missing": ["2024"]}), ctx)  # type: ignore[arg-type]
    asked_else = question_slots("补贴多少？")
    assert not _stated_apart(asked_else, doubted, ctx)  # type: ignore[arg-type]
