"""The CC-CEDICT reader: parsing, translation weights, proper nouns, the pinned file."""

from __future__ import annotations

import pytest

from indexer.language import bilingual
from indexer.language.bilingual import Dictionary, chinese_names, english_terms, parse
from indexer.language.lexical import tokenize

LINES = [
    "# CC-CEDICT comment",
    "海關 海关 [hai3 guan1] /customs (i.e. border crossing inspection)/CL:個|个[ge4]/",
    "試點 试点 [shi4 dian3] /test point/to carry out trial/pilot scheme/",
    "新加坡 新加坡 [Xin1 jia1 po1] /Singapore/",
    "蘋果 苹果 [ping2 guo3] /apple/",
    "蘋果 苹果 [Ping2 guo3] /Apple (company)/",
    "溫州 温州 [Wen1 zhou1] /Wenzhou, prefecture-level city in Zhejiang/",
    "多 多 [duo1] /many/much/a lot of/numerous/more/",
    "broken line without brackets",
]


@pytest.fixture
def small() -> Dictionary:
    return parse(LINES)


def test_parse_keeps_the_first_senses_and_drops_cross_references(small: Dictionary) -> None:
    assert small.glosses["海关"] == "customs (i.e. border crossing inspection)"  # CL: dropped
    assert small.glosses["多"].count("/") == bilingual.SENSES - 1
    assert "broken" not in " ".join(small.glosses)


def test_names_are_the_entries_with_capitalised_pinyin_only(small: Dictionary) -> None:
    assert small.names["新加坡"] == "Singapore"
    assert small.names["温州"].split()[0] == "Wenzhou"
    assert "苹果" not in small.names  # a common noun first (apple), a brand second
    assert "海关" not in small.names


def test_english_terms_translate_each_chinese_word_with_weight_one(small: Dictionary) -> None:
    terms = english_terms("哪个海关支持试点？", small)
    assert terms[tokenize("customs")[0]] == pytest.approx(1.0)
    assert {"pilot", "trial"} <= set(terms)
    # Two dictionary words (海关, 试点), each spread over its terms, not multiplied by its senses.
    assert sum(terms.values()) == pytest.approx(2.0)
    assert english_terms("no Chinese here", small) == {}


def test_chinese_names_finds_proper_nouns_in_a_question(small: Dictionary) -> None:
    assert chinese_names("新加坡的企业所得税税率是多少？", small) == {"新加坡": ("Singapore",)}
    assert chinese_names("苹果多少钱一斤？", small) == {}


def test_the_real_dictionary_is_the_pinned_file() -> None:
    real = bilingual.load()
    assert len(real.glosses) > 100_000
    assert real.names["新加坡"].startswith("Singapore")
    assert "custom" in english_terms("海关")


def test_a_different_dictionary_file_is_refused(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "cedict.txt.gz"
    fake.write_bytes(b"not the dictionary")
    monkeypatch.setattr(bilingual, "dictionary_path", lambda: fake)
    bilingual.load.cache_clear()
    try:
        with pytest.raises(bilingual.PolicybotError, match="pinned"):
            bilingual.load()
    finally:
        bilingual.load.cache_clear()


def test_the_dictionary_read_backwards_translates_english_questions_for_chinese_notices() -> None:
    from indexer.language.bilingual import chinese_terms, parse, place_table, reverse_table

    d = parse([
        "補貼 补贴 [bu3 tie1] /to subsidize/subsidy/allowance/",
        "展位 展位 [zhan3 wei4] /exhibition booth/",
        "江蘇 江苏 [Jiang1 su1] /Jiangsu province (Kiangsu) in southeast China/",
        "蘇 苏 [Su1] /abbr. for Jiangsu/Jiangsu/",
        "太原 太原 [Tai4 yuan2] /Taiyuan, prefecture-level city and capital of Shanxi province/",
        "新 新 [xin1] /new/",
    ])
    table = reverse_table(d)
    terms = chinese_terms("What booth subsidy does Jiangsu give?", table)
    assert terms["补贴"] == 1.0 and terms["展位"] == 1.0
    assert "江苏" in terms and "新" not in terms
    places = place_table(d)
    assert places["taiyuan"] == ("太原",) and "jiangsu" in places


def test_english_words_are_no_names_and_function_words_stay_untranslated() -> None:
    from indexer.language.bilingual import chinese_terms, parse, reverse_table

    d = parse([
        "哥倫比亞特區 哥伦比亚特区 [Ge1 lun2 bi3 ya4 Te4 qu1] /District of Columbia/",
        "區 区 [qu1] /area/district/",
        "約伯 约伯 [Yue1 bo2] /Job (name)/",
        "北京 北京 [Bei3 jing1] /Beijing, capital of the People's Republic of China/",
        "之下 之下 [zhi1 xia4] /under/beneath/",
        "石獅 石狮 [Shi2 shi1] /Shishi, county-level city in Quanzhou, Fujian/",
    ])
    table = reverse_table(d)
    assert "哥伦比亚特区" not in table.get("district", ()) and table["beij"] == ("北京",)
    terms = chinese_terms("Under the Shishi district rules, which firm in Beijing?", table)
    assert "之下" not in terms and {"石狮", "北京"} <= set(terms)


def test_the_policy_glossary_wins_and_its_longest_phrase_first() -> None:
    from indexer.language.bilingual import chinese_terms, translation
    from indexer.language.vocabulary import parse_glossary, policy_glossary

    glossary = parse_glossary(["# a comment", "insurance = 保险", "export credit insurance = 出口信用保险, 出口信保",
                               "bureau = 局", "finance bureau = 财政局", "not an entry"])
    assert glossary == {"insur": ("保险",), "export credit insur": ("出口信用保险", "出口信保"), "bureau": ("局",),
                        "financ bureau": ("财政局",)}
    read = translation("Which insurers give export credit insurance, asks the Finance Bureau?",
                       {"insur": ("保险",), **glossary})
    assert read == [(("insur",), ("保险",)), (("export", "credit", "insur"), ("出口信用保险", "出口信保")),
                    (("financ", "bureau"), ("财政局",))]
    # The shipped glossary over the real dictionary: the notices' words, not CC-CEDICT's first senses.
    assert policy_glossary()["booth"] == ("展位",)
    terms = chinese_terms("What booth subsidy does the district commerce bureau give for overseas trade fairs?")
    assert {"展位", "补贴", "商务局", "境外", "展会"} <= set(terms) and "电话亭" not in terms and "民政局" not in terms


def test_a_letter_or_a_number_alone_stays_untranslated_when_strict() -> None:
    """The "s" of a possessive and a bare number are no words to translate: CC-CEDICT read backwards
    has abbreviations and ordinals for them (S -> 三不, 3 -> 三级) that no notice means. Only when
    ``strict`` (an English question anchored in a Chinese notice): other readings stay as they were."""
    from indexer.language.bilingual import chinese_terms, parse, reverse_table

    d = parse([
        "三級 三级 [san1 ji2] /grade 3/third class/",
        "又及 又及 [you4 ji2] /P.S./postscript/",
        "乐事 乐事 [le4 shi4] /S/pleasure/",
        "補貼 补贴 [bu3 tie1] /to subsidize/subsidy/allowance/",
    ])
    table = reverse_table(d)
    assert table.get("s") and table.get("3")  # the dictionary has them
    terms = chinese_terms("Is Ningbo's subsidy 3 percent?", table, strict=True)
    assert "补贴" in terms and not {"三级", "又及", "乐事"} & set(terms)
    assert {"三级", "补贴"} <= set(chinese_terms("Is Ningbo's subsidy 3 percent?", table))


def test_the_general_vocabulary_reads_notice_words_as_the_notices_write_them() -> None:
    """Ordinals, time and procedure words of any notice genre (general_glossary.txt), not CC-CEDICT's
    first senses ("second" -> 二世, "month" -> 单月, "project" -> 专案, "meet" -> 会晤); the policy
    glossary alone (what other readings use) keeps the dictionary's senses for them."""
    from indexer.language.bilingual import chinese_terms, reverse

    question = "When does the second phase of the project open, and what conditions must a firm meet?"
    terms = chinese_terms(question, reverse(True), strict=True)
    assert {"第二", "阶段", "项目", "开放", "符合"} <= set(terms)
    assert not {"二世", "专案", "会晤", "会合"} & set(terms)
    assert "第二" not in chinese_terms(question, reverse())
    question = "Until when is the monthly rent subsidy for warehouses of more than 500 square metres paid?"
    terms = chinese_terms(question, reverse(True), strict=True)
    assert {"至", "月", "租金", "仓储", "以上", "平方米"} <= set(terms)
    assert reverse(True)["booth"] == reverse()["booth"] == ("展位",)  # the policy glossary kept


def test_an_exporters_words_read_as_the_notices_write_them() -> None:
    """Deferring contributions, consolidating shipments, a fabric mill's emissions: CC-CEDICT read
    backwards gives 冲挹, 巩固, 杜撰 and 射出 for them."""
    from indexer.language.bilingual import chinese_terms, reverse

    question = "Can a fabric mill defer its work injury insurance and get a consolidation service's emission subsidy?"
    terms = chinese_terms(question, reverse(True), strict=True)
    assert {"面料", "缓缴", "工伤保险", "拼箱", "排放"} <= set(terms)
    assert not {"冲挹", "巩固", "杜撰", "射出"} & set(terms)
