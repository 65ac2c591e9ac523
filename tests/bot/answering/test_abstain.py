import math

import numpy as np

from bot.answering.abstain import Evidence, missing_terms, should_abstain, specific_terms
from bot.answering.compose import Candidate
from bot.answering.retrieve import Hit
from core.records import Chunk


def test_specific_terms_are_names_and_years_not_question_words():
    assert specific_terms("What is the corporate income tax rate in Singapore?") == ["Singapore"]
    assert specific_terms("What was Wenzhou's total export value in 2022?") == ["Wenzhou", "2022"]
    assert specific_terms("Which trade deal does the Wenzhou CCPIT branch help with?") == ["Wenzhou"]
    assert specific_terms("How many training sessions were held?") == []


def test_missing_terms_match_word_forms():
    texts = ["Orders moved to Southeast Asia and China in 2021."]
    assert missing_terms("Which Southeast Asian country took Chinese orders?", texts) == []
    assert missing_terms("What did Yiwu export in 2023?", texts) == ["Yiwu", "2023"]


def test_pinyin_an_apostrophe_joins_is_one_name_a_chinese_passage_writes_in_chinese():
    assert specific_terms("Which firms in Ji'an got the grant? What about Ningbo's?") == ["Ji'an", "Ningbo"]
    assert missing_terms("Which firms in Ji'an got the grant?", ["吉安市商务局关于外贸补助的通知"]) == []
    assert missing_terms("Which firms in Ji'an got the grant?", ["赣州市商务局关于外贸补助的通知"]) == ["Ji'an"]


def test_rule_abstains_on_low_relevance_or_missing_names():
    assert should_abstain(Evidence(0.1, 0.1, 0.25, []))
    assert should_abstain(Evidence(0.7, 0.7, 0.25, ["Yiwu"]))
    assert not should_abstain(Evidence(0.7, 0.7, 0.25, []))


def test_a_year_in_a_chinese_question_is_specific() -> None:
    from bot.answering.abstain import specific_terms

    assert "2023" in specific_terms("2023年市场采购出口额是多少？")
    assert specific_terms("In 2023, what was exported?") == ["2023"]
    assert specific_terms("编号12023456的文件") == []


def test_a_year_inside_chinese_text_is_found() -> None:
    from bot.answering.abstain import missing_terms

    assert missing_terms("2021年共有多少个集群？", ["据统计，于2021年全国共有216个集群。"]) == []
    assert missing_terms("2023年共有多少个集群？", ["据统计，于2021年全国共有216个集群。"]) == ["2023"]


def test_an_english_name_written_straight_after_chinese_is_specific() -> None:
    from bot.answering.abstain import specific_terms

    assert specific_terms("怎样申请去Singapore的签证？") == ["Singapore"]
    assert specific_terms("What is the tariff in Singapore?") == ["Singapore"]
    assert specific_terms("最近2022年Ruifeng Bank的贷款") == ["Ruifeng", "Bank", "2022"]


def test_a_chinese_name_counts_as_mentioned_in_either_script() -> None:
    question = "新加坡的企业所得税税率是多少？"
    assert missing_terms(question, ["Corporate tax in China is 25%."]) == ["新加坡"]
    assert missing_terms(question, ["Singapore taxes companies at 17%."]) == []
    assert missing_terms(question, ["新加坡企业所得税为17%。"]) == []
    assert missing_terms("温州有多少家企业？", ["Wenzhou has 300 firms."]) == []


def test_an_answer_from_the_other_language_needs_the_cross_lingual_model_to_agree() -> None:
    relevant = Evidence(0.85, 0.85, 0.8)
    assert not should_abstain(relevant)
    assert should_abstain(Evidence(0.85, 0.85, 0.8, cross_top=0.09, cross_threshold=0.115))
    assert not should_abstain(Evidence(0.85, 0.85, 0.8, cross_top=0.2, cross_threshold=0.115))
    # the top hit decides: a Chinese passage first (no cross score) leaves the rule out
    own_first = [Hit(0, 0.85, 1.0, 1.0, None), Hit(1, 0.8, 0.0, 0.5, 0.05)]
    assert Evidence.of("问题", own_first, [], 0.0, 0.8, cross_threshold=0.115).cross_top is None
    other_first = [Hit(1, 0.85, 1.0, 1.0, 0.05), Hit(2, 0.8, 0.0, 0.5, 0.3)]
    found = Evidence.of("问题", other_first, [], 0.0, 0.8, cross_threshold=0.115)
    assert found.cross_top == 0.3 and not should_abstain(found)  # the best of the other-language passages


def test_a_question_naming_what_the_passages_mention_skips_the_cross_lingual_check() -> None:
    chunk = Chunk(doc_id="d", text="Ruifeng Bank launched a market procurement loan.", position=0,
                  title="Loans", source="d.txt", sentences=("Ruifeng Bank launched a market procurement loan.",))
    hits = [Hit(0, 0.82, 1.0, 1.0, 0.05)]
    cands = [Candidate(chunk, 0.82, np.array([0.82]))]
    named = Evidence.of("Ruifeng Bank 推出了什么贷款？", hits, cands, 0.0, 0.77, cross_threshold=0.115)
    assert named.cross_top is None and not should_abstain(named)
    unnamed = Evidence.of("银行推出了什么贷款？", hits, cands, 0.0, 0.77, cross_threshold=0.115)
    assert unnamed.cross_top == 0.05 and should_abstain(unnamed)


def test_an_english_name_counts_as_mentioned_by_its_chinese_form() -> None:
    notice = ["石狮市人力资源和社会保障局关于一次性扩岗补助的通知：同一人员只能享受1次。福州市财政局联系人：郑晓彤。"]
    assert missing_terms("In Shishi, can one graduate be claimed twice?", notice) == []
    assert missing_terms("Who at the Fuzhou Finance Bureau handles it?", notice) == []
    assert missing_terms("In Quanzhou, can one graduate be claimed twice?", notice) == ["Quanzhou"]
    assert missing_terms("In Shishi, can one graduate be claimed twice?", ["A notice in English."]) == ["Shishi"]


def test_the_quoted_passage_is_checked_across_languages_unless_it_holds_the_named_thing() -> None:
    from bot.answering.reader import measure

    seed = Chunk(doc_id="seed", text="Quality improvement actions raise the industry's overall quality.", position=3,
                 title="Seed", source="seed.txt", sentences=("Quality improvement actions raise the industry's "
                                                             "overall quality.",))
    named = Chunk(doc_id="bank", text="Ruifeng Bank launched a market procurement loan.", position=0, title="Loans",
                  source="bank.txt", sentences=("Ruifeng Bank launched a market procurement loan.",))
    # Retrieval's top passage was Chinese (no cross_top); the cosines of the English passages are kept.
    evidence = Evidence(0.85, 0.85, 0.8, cross_of={("seed", 3): 0.16, ("bank", 0): 0.05})
    raw = measure("如何提高睡眠质量？", [Candidate(seed, 0.85, np.array([0.85]))], 0, evidence, None, {},
                  lambda t: 1.0)[2]
    assert raw["cross_lead"] == 0.16 and math.isnan(raw["cross_top"])
    raw = measure("Ruifeng Bank 推出了什么贷款？", [Candidate(named, 0.85, np.array([0.85]))], 0, evidence, None, {},
                  lambda t: 1.0)[2]
    assert math.isnan(raw["cross_lead"])  # the quote holds the bank the question names
    # 世界杯 is "World Cup": a passage's "world-class" does not name it, "the World Cup final" does.
    for text, anchored in (("Build world-class textile clusters.", False), ("The World Cup final was held.", True)):
        chunk = Chunk(doc_id="seed", text=text, position=3, title="Seed", source="seed.txt", sentences=(text,))
        raw = measure("世界杯决赛是哪天举行的？", [Candidate(chunk, 0.85, np.array([0.85]))], 0, evidence, None, {},
                      lambda t: 1.0)[2]
        assert math.isnan(raw["cross_lead"]) == anchored
    hits = [Hit(0, 0.85, 1.0, 1.0, None), Hit(1, 0.8, 0.0, 0.5, 0.16)]
    found = Evidence.of("问题", hits, [Candidate(named, 0.85, np.array([0.85])), Candidate(seed, 0.8, np.array([0.8]))],
                        0.0, 0.8, cross_threshold=0.115)
    assert found.cross_of == {("seed", 3): 0.16}  # by default: the retrieved passages across languages


def test_a_bodys_short_name_and_a_currency_are_not_missing():
    """工信部 is held by 工业和信息化部, and 美元 ("US dollar") is a currency, not a name to find."""
    from bot.answering.abstain import missing_terms

    notice = ["请于11月28日前报送工业和信息化部节能与综合利用司。传真：010-68201234"]
    assert missing_terms("工信部绿色工厂推荐的传真是多少？", notice) == []
    assert missing_terms("商务部绿色工厂推荐的传真是多少？", notice) == ["商务部"]
    paid = ["以外币支付的，按当月人民币汇率中间价折算。"]
    assert missing_terms("用美元付的展位费怎么折算？", paid) == []
    assert missing_terms("新加坡的展位费怎么折算？", paid) == ["新加坡"]


def test_a_year_only_the_notices_number_or_date_states_is_mentioned() -> None:
    """黑政办规〔2022〕6号's measures never write "2022" in their items: the number and date are the
    notice's words too, so a 2022 question is not declined for a year the passages lack."""
    text = "五、对中小微外贸企业以出口信用保险保单融资的，按LPR的50%给予贴息。"
    chunk = Chunk(doc_id="d", text=text, position=5, title="某省支持对外贸易发展的若干措施", source="d.txt",
                  sentences=(text,), doc_number="某政办规〔2022〕6号", date="2022-03-02")
    cands = [Candidate(chunk, 0.9, np.array([0.9]))]
    hits = [Hit(0, 0.9, 1.0, 1.0, None)]
    assert Evidence.of("2022年保单融资贴息怎么给？", hits, cands, 0.5, 0.8).missing == []
    assert Evidence.of("2021年保单融资贴息怎么给？", hits, cands, 0.5, 0.8).missing == ["2021"]
