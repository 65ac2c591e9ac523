"""bench/align.py reads e5's real word-piece table: a question with one content word changed is
less supported by the quote than the question the quote answers."""

from __future__ import annotations

import numpy as np
import pytest

from bench.align import split, support, word_vectors


@pytest.fixture(scope="module")
def words():
    return word_vectors()


def test_words_are_segmented_and_unit_length(words) -> None:
    names = split("Normandy's 2024年度中小企业")
    assert names[:2] == ["normandy", "s"]  # a word of several pieces is one word
    assert "2024" in names and "中小企业" in "".join(names)
    vectors = words.vectors(names)
    assert vectors.shape == (len(names), words.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_every_word_held_is_full_support(words) -> None:
    weakest, mean = support("When did the Normans conquer England?", "The Normans conquer England in 1066.", words)
    assert weakest == pytest.approx(1.0, abs=1e-5) and mean == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize(("answered", "changed", "quote"), [
    ("When did the Normans conquer England?", "When did the Normans conquer Portugal?",
     "The Normans conquer England in 1066."),
    ("每个省最多推荐几个集群？", "每个市最多推荐几个集群？", "每个省推荐集群数量不超过8个。"),
    ("What is the cap on the booth subsidy?", "What is the cap on the travel subsidy?",
     "The booth subsidy has a cap of 50,000 yuan."),
])
def test_a_changed_word_lowers_support(words, answered: str, changed: str, quote: str) -> None:
    held, swapped = support(answered, quote, words), support(changed, quote, words)
    assert swapped[0] < held[0] - 0.2  # the weakest word is the changed one
    assert swapped[1] < held[1]


def test_function_words_are_not_asked(words) -> None:
    # "what", "is", "the" are stop words; 是 and 什么 function words: only the content words count.
    assert support("What is the Loire?", "the Loire", words)[0] == pytest.approx(1.0, abs=1e-5)
    assert support("卢瓦尔河是什么？", "卢瓦尔河", words)[0] == pytest.approx(1.0, abs=1e-5)


def test_edges(words) -> None:
    assert support("what is it?", "anything", words) == (1.0, 1.0)  # nothing asked
    assert support("Normans?", "", words) == (0.0, 0.0)  # nothing quoted
    assert support("Normans?", "Normans " * 5000, words)[0] == pytest.approx(1.0, abs=1e-5)  # read to a bound


def test_a_chinese_word_has_one_vector_wherever_it_stands(words) -> None:
    # jieba's words, each tokenised alone: the same vector in a question and in a quote.
    alone, inside = split("卢瓦尔河"), split("卢瓦尔河是什么")
    assert alone[0] == inside[0]
    assert np.allclose(words.vectors(alone[:1]), words.vectors(inside[:1]))


def test_a_one_piece_word_is_its_table_row(words) -> None:
    from indexer.embed.e5_weights import q4_rows

    piece = words.file.pieces.index("\u2581river")
    row = q4_rows(words.file.word_blocks()[[piece]]).reshape(-1)
    assert np.allclose(words.vectors(["river"])[0], row / np.linalg.norm(row), atol=1e-6)
    near, far = words.vectors(["conquer", "conquered", "省"])[[1, 2]] @ words.vectors(["conquer"])[0]
    assert near > far + 0.2
