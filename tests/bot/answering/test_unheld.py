"""An item the lead notice never names (fresh sentences)."""

from bot.answering.calibrated import FEATURES, Calibration
from bot.answering.unheld import RARITY, abbreviated, item_words, rarest, unheld

NOTICE = ["某市关于开展2026年度纺织企业技能提升补贴申报工作的通知",
          "一、补贴标准：取得中级工证书的，每人补贴1500元；取得高级工证书的，每人补贴2500元。",
          "二、单家企业年度补贴总额不超过30万元。",
          "三、联系人：王晓明，电话0571-88880000。"]
OTHER = ["另一市关于组织退役军人就业见习的通知", "见习期间每人每月补贴2000元。"]


def idf_of(collection: list[str]):
    """A BM25-like IDF over ``collection`` (one passage per string), as the index gives one."""
    import math

    def idf(term: str) -> float:
        df = sum(1 for p in collection if term in p)
        n = len(collection)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))
    return idf


COLLECTION = NOTICE + OTHER + [f"无关段落{i}：申报材料一式两份，报送至窗口。" for i in range(40)]


def test_a_skill_level_the_notice_never_names_is_unheld_and_rare() -> None:
    found = unheld("技能提升补贴，考到初级工的每人补多少？", NOTICE, idf_of(COLLECTION))
    assert [w for w, _ in found] == ["初级工"] and rarest(found) >= RARITY


def test_the_levels_the_notice_names_are_held() -> None:
    assert unheld("技能提升补贴，拿到高级工证书的每人补多少？", NOTICE, idf_of(COLLECTION)) == []


def test_a_word_another_notice_holds_is_less_rare_than_one_none_holds() -> None:
    idf = idf_of(COLLECTION)
    hire = rarest(unheld("企业招退役军人能拿多少技能提升补贴？", NOTICE, idf))
    grade = rarest(unheld("考到初级工能拿多少技能提升补贴？", NOTICE, idf))
    assert 0 < hire < grade == 1.0


def test_question_words_the_asked_kind_and_two_character_words_are_no_items() -> None:
    words = [w for w, _, _ in item_words("这个补贴找谁咨询？联系电话多少？文号是什么？")]
    assert not set(words) & {"电话", "文号", "多少", "什么"}
    # A two-character word is too often a member's own paraphrase (展品, 报税) to decline on.
    words = [w for w, _, _ in item_words("展品运输费能补多少？退役军人呢？")]
    assert "退役军人" in words and "展品" not in words


def test_an_english_question_or_an_english_notice_has_no_unheld_items() -> None:
    idf = idf_of(COLLECTION)
    assert unheld("How much is the technician subsidy?", NOTICE, idf) == []
    assert unheld("初级工补贴多少？", ["The subsidy is 1,500 yuan per person."], idf) == []


def test_a_short_name_written_out_is_held() -> None:
    assert abbreviated("报税", "按期申报纳税", 2)
    assert not abbreviated("特等", "一等奖、二等奖", 2)


def test_a_model_fitted_without_the_item_feature_gives_it_no_weight() -> None:
    raw = {"embedding_model": "m", "pairs": {"zh-zh": {"relevance": 0.8, "direct": 1.0, "limit": 0.5, "bias": 0.0}},
           "weights": {"zh": {k: 0.0 for k in FEATURES if k != "unheld"}}}
    assert Calibration.from_dict(raw).weights["zh"]["unheld"] == 0.0



def test_the_reader_reads_items_of_a_notice_not_of_an_article() -> None:
    """``measure`` gives the rarest unheld item for a notice (an issuer in its metadata), 0 for an
    encyclopaedia-like article, whose questions paraphrase it freely."""
    import numpy as np

    from bot.answering.abstain import Evidence
    from bot.answering.compose import Candidate
    from bot.answering.reader import measure
    from core.records import Chunk

    def order(issuer: str) -> list[Candidate]:
        chunk = Chunk(doc_id="n", text="".join(NOTICE[1:]), position=0, title=NOTICE[0], source="n.txt",
                      sentences=tuple(NOTICE[1:]), issuer=issuer)
        return [Candidate(chunk, 0.9, np.zeros(len(NOTICE) - 1))]

    question = "技能提升补贴，考到初级工的每人补多少？"
    evidence = Evidence(0.9, 0.9, 0.7)
    idf = idf_of(COLLECTION)
    assert measure(question, order("某市人力资源和社会保障局"), 0, evidence, None, {}, idf)[2]["unheld"] >= RARITY
    assert measure(question, order(""), 0, evidence, None, {}, idf)[2]["unheld"] == 0.0


def test_a_compound_of_the_notices_own_words_is_a_paraphrase() -> None:
    """服装厂 over a notice on 服装 projects and 本地人 over 本地 hires are the member's own compounds;
    初级工 stays unheld: its part 初级 is never said."""
    notice = ["某区关于支持服装产业发展的通知", "一、新建服装项目总投资3000万元以上的，按设备投资的10%补助。",
              "二、企业招用本地劳动力的，按每人1000元给予培训补贴。"] + NOTICE
    idf = idf_of(notice + OTHER)
    assert unheld("在这里投服装厂，设备补助最高多少？", notice, idf) == []
    assert unheld("招本地人做培训，每人补多少？", notice, idf) == []
    assert [w for w, _ in unheld("考到初级工的每人补多少？", notice, idf)] == ["初级工"]


def test_a_question_word_jieba_keeps_whole_is_no_item() -> None:
    assert [w for w, _, _ in item_words("工作任务包括哪几个方面？")] == []


def test_quantity_phrases_and_verbs_with_their_direction_are_no_items() -> None:
    """同一个 (the same one) and 退回来 (sent back) are grammar, not something the notice lacks."""
    assert [w for w, _, _ in item_words("对同一个买家最多赔多少钱？")] == []
    assert [w for w, _, _ in item_words("钱被退回来了，去哪里重新办？")] == []
    assert [w for w, _, _ in item_words("企业招退役军人能拿多少技能提升补贴？")] == ["退役军人"]
