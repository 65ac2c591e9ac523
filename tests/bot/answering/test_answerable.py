import pytest

from bot.answering.answerable import DIRECT_COVERAGE, answer_type, confidence, content_terms, holds_type, support


@pytest.mark.parametrize("question, kind", [
    ("How many staff work at the customs supervision centre?", "number"),
    ("How much funding did the ministry give?", "number"),
    ("What percentage of firms are SMEs?", "number"),
    ("When did Yiwu start its pilot?", "date"),
    ("In what year was the plaque awarded?", "date"),
    ("Who chaired the symposium?", "person"),
    ("Which bank offers the loan?", "name"),
    ("What does the pilot allow exporters to do?", None),
    ("为推广试点举办了多少场培训？", "number"),
    ("绍兴市有几个国家级试点？", "number"),
    ("柯桥什么时候获批试点？", "date"),
    ("市场采购贷由哪家银行提供？", "name"),
    ("谁主持了座谈会？", "person"),
    ("试点政策有哪些内容？", None),
])
def test_answer_type_reads_english_and_chinese_questions(question, kind):
    assert answer_type(question) == kind


def test_a_type_the_question_already_names_does_not_count():
    question = "How many firms joined in 2021?"
    assert not holds_type("number", "The scheme started in 2021.", question)
    assert holds_type("number", "In 2021, 173 firms joined.", question)
    assert holds_type("number", "Eight suppliers joined.", question)
    assert holds_type("number", "全年共举办培训10余场。", "举办了多少场培训？")
    assert not holds_type("date", "The centre handles container trucks.", "When did the centre open?")
    assert holds_type("date", "The centre opened in March.", "When did the centre open?")
    assert holds_type("name", "The loan comes from Ruifeng Bank.", "Which bank gives the loan?")
    assert holds_type("name", "该贷款由瑞丰银行提供。", "哪家银行提供贷款？")


def test_question_words_are_not_content_terms():
    terms = content_terms("How many staff did the centre have?")
    assert "staff" in terms and "centr" in terms
    assert not {"how", "mani", "many", "did", "have"} & set(terms)


def test_coverage_counts_content_terms_and_chinese_through_translation():
    idf = {"staff": 2.0, "centr": 1.0}.get
    found = support("How many staff work at the centre?", "The centre opened in 2019.",
                    lambda t: idf(t) or 1.0)
    assert not found.typed and "staff" in found.missing
    assert found.coverage < DIRECT_COVERAGE
    zh = support("供应商有多少家？", "Eight suppliers joined the scheme.", lambda t: 1.0)
    assert zh.typed and zh.coverage > 0


def test_confidence_is_direct_only_for_a_quote_that_answers():
    flat = lambda t: 1.0  # noqa: E731
    question = "How many suppliers joined the Neta programme?"
    assert confidence(question, "Eight suppliers joined the Neta programme in May.", flat) == "direct"
    assert confidence(question, "The Neta programme supports suppliers.", flat) == "related"
    assert confidence(question, "Eight firms opened offices abroad.", flat) == "related"


def test_a_chinese_person_counts_without_capitals_but_an_english_one_needs_a_name():
    assert holds_type("person", "由王主任主持。", "谁主持了会议？")
    assert holds_type("person", "The meeting was chaired by Zhang Wei.", "Who chaired the meeting?")
    assert not holds_type("person", "the meeting was chaired by the director.", "Who chaired the meeting?")
