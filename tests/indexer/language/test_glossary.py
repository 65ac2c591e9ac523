"""Names the documents translate themselves, found in both directions and bounded."""

from __future__ import annotations

import time

from indexer.language.glossary import MAX_PAIRS_PER_TEXT, Glossary, pairs

NOTICE = ("中国纺织工业联合会（China National Textile and Apparel Council，CNTAC）于5月发布指南。"
          "我们和绍兴海关（Shaoxing Customs）合作。签署《区域全面经济伙伴关系协定》（RCEP）后，"
          "Keqiao District Commerce Bureau（柯桥区商务局）表示支持。")


def test_pairs_in_both_orders_with_the_name_cut_from_its_clause() -> None:
    found = pairs(NOTICE)
    assert ("中国纺织工业联合会", "China National Textile and Apparel Council") in found
    assert ("中国纺织工业联合会", "CNTAC") in found  # the acronym after the comma is a name too
    assert ("区域全面经济伙伴关系协定", "RCEP") in found  # from inside 《》
    assert ("柯桥区商务局", "Keqiao District Commerce Bureau") in found
    assert any(zh.endswith("绍兴海关") and en == "Shaoxing Customs" for zh, en in found)


def test_brackets_that_translate_nothing_are_not_pairs() -> None:
    assert pairs("补贴标准（2023年修订）按（一）执行，详见附件（略）。") == []
    assert pairs("The rate (see below) applies (as of 2024).") == []
    assert pairs("增值税（VAT）") == [("增值税", "VAT")]


def test_a_chinese_question_gets_the_english_name() -> None:
    glossary = Glossary.from_texts([NOTICE])
    terms = glossary.english_terms("中国纺织工业联合会5月份开展了哪些工作？")
    assert {"council", "apparel", "cntac"} <= set(terms)
    # A longer name in the notice is found by its distinctive end: 绍兴海关 for 我们和绍兴海关
    assert {"shaox", "custom"} <= set(glossary.english_terms("绍兴海关支持哪些试点？"))
    assert glossary.english_terms("哪个海关支持试点？") == {}  # 海关 alone names no one


def test_an_english_question_gets_the_chinese_name() -> None:
    glossary = Glossary.from_texts([NOTICE])
    terms = glossary.chinese_terms("What did the Keqiao District Commerce Bureau say about RCEP?")
    assert {"柯桥区", "商务局", "协定"} <= set(terms)
    assert glossary.chinese_terms("What did the bureau say?") == {}
    assert glossary.chinese_terms("Is RCEPX in force?") == {}  # whole words only


def test_no_pairs_no_glossary() -> None:
    assert not Glossary.from_texts(["The cotton subsidy is paid per tonne.", "棉花补贴政策说明。"])


def test_hostile_text_is_bounded() -> None:
    many = "其他机构（Agency）。" * 10_000
    started = time.perf_counter()
    assert len(pairs(many)) == MAX_PAIRS_PER_TEXT
    capitals = " ".join(["Word"] * 20_000) + "（名称）"
    assert len(pairs(capitals)) <= 1
    assert pairs("（" * 50_000 + "中文" * 50_000) == []
    assert time.perf_counter() - started < 5.0
