"""A question's terms in a text of either language: an English question over a Chinese notice."""

from __future__ import annotations

from bot.answering.terms import chinese_of, chinese_weights, term_share


def one(term: str) -> float:
    return 1.0


def test_an_english_questions_terms_are_held_by_the_chinese_words_of_their_phrase() -> None:
    question = "What booth fee cap per square metre does the Keqiao commerce bureau set?"
    read = chinese_of(question)
    assert "展位费" in read["booth"] and "展位费" in read["fee"]  # one phrase: both its terms
    assert read["keqiao"] == frozenset({"柯桥"}) and "商务局" in read["bureau"]
    notice = "柯桥区商务局：展位费按每平方米不超过4000元的标准核定支持。"
    assert term_share(question, notice, one) >= 0.7
    assert term_share(question, "江苏省人力资源和社会保障厅关于失业保险稳岗返还的通知。", one) <= 0.2


def test_the_weights_spread_one_over_each_phrases_words() -> None:
    weights = chinese_weights("export credit insurance in Shaoxing")
    assert weights["绍兴"] == weights["绍兴市"] == 0.5 and weights["出口信用保险"] == 0.5 and weights["出口信保"] == 0.5
    assert "保险" not in weights  # the longer phrase holds "insurance"


def test_pinyin_an_apostrophe_joins_is_read_as_one_place() -> None:
    question = "What grant does Ji'an pay exporters?"
    assert {"吉安", "吉安市"} & chinese_of(question)["ji"]
    assert {"吉安", "吉安市"} & set(chinese_weights(question))
    assert "吉安" not in chinese_of("What grant does Ji pay exporters?").get("ji", frozenset())


def test_the_general_notice_vocabulary_decides_which_terms_a_chinese_sentence_holds() -> None:
    question = "What is the yearly limit per trainee at technician level?"
    read = chinese_of(question)
    assert "技师" in read["technician"] and "不超过" in read["limit"]
    sentence = "达到技师水平的，每名学徒补贴不超过6000元。"
    assert term_share(question, sentence, one) >= 0.6
    assert term_share(question, "达到中级工水平的学员按规定结业。", one) < term_share(question, sentence, one)
