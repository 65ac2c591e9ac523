"""Contrastive twins: one slot changed, and only to a value no related notice holds."""

from train.twins import Corpus, twins

DOCS = [
    {"doc": "js24", "title": "江苏省商务厅关于2024年第二批、第三批境外重点展会申报的通知", "series": "js",
     "text": "2024年第三批申报截止时间为2024年12月10日。2023年的展会不在此列。"},
    {"doc": "js25", "title": "江苏省商务厅关于2025年重点展会申报的通知", "series": "js", "text": "2025年申报。"},
    {"doc": "zj", "title": "浙江省商务厅通知", "series": None, "text": "浙江2022年政策。"},
]
QUESTION = {"id": "q1", "question": "江苏省2024年第三批境外重点展会申报什么时候截止？", "lang": "zh",
            "answerable": True, "doc": "js24", "split": "fit"}


def test_each_slot_changes_to_a_value_no_related_notice_holds() -> None:
    made = {t["slot"]: t for t in twins(QUESTION, Corpus(DOCS))}
    # 2023 and 2025 are held by the notice or its series: the nearest free year is 2022, which
    # only an unrelated (Zhejiang) notice names.
    assert made["year"]["question"] == "江苏省2022年第三批境外重点展会申报什么时候截止？"
    assert "江苏" not in made["place"]["question"] and "浙江" not in made["place"]["question"]
    assert made["batch"]["question"].count("第一批") == 1
    assert all(not t["answerable"] and t["of"] == "q1" and t["kind"] == "twin" for t in made.values())


def test_english_questions_get_english_place_twins() -> None:
    english = {**QUESTION, "id": "q2", "question": "When does Jiangsu's 2024 third-batch application close?"}
    place = next(t for t in twins(english, Corpus(DOCS)) if t["slot"] == "place")
    assert "Jiangsu" not in place["question"] and place["question"].startswith("When does ")
