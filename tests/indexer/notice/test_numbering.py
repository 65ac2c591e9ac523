"""List marks and the sentences they mark."""

from __future__ import annotations

import pytest

from indexer.documents.chunking import split_sentences
from indexer.notice.numbering import with_mark


@pytest.mark.parametrize(("text", "first"), [
    ("A. Only employers with fewer than 100 employees across all of their sites may qualify.",
     "A. Only employers with fewer than 100 employees across all of their sites may qualify."),  # a round's form
    ("C. The firm must be registered in Keqiao. It must also pay its taxes there.",
     "C. The firm must be registered in Keqiao."),
    ("1. Firms must be registered in Keqiao.", "1. Firms must be registered in Keqiao."),
    ("B、在柯桥区注册的纺织企业。", "B、在柯桥区注册的纺织企业。"),
])
def test_a_list_mark_stays_with_the_sentence_it_marks(text: str, first: str) -> None:
    assert with_mark(text, split_sentences(text))[0] == first


def test_sentences_without_a_mark_are_left_as_they_are() -> None:
    said = split_sentences("Firms must be registered in Keqiao. They must pay tax there.")
    assert with_mark("Firms must be registered in Keqiao. They must pay tax there.", said) == said
