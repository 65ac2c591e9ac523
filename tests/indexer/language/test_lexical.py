"""BM25 tokenisation for Chinese: traditional folded to simplified, policy terms kept whole."""

from __future__ import annotations

import json

from core.settings import Settings
from indexer.build import build_index
from indexer.language.lexical import TOKENIZER_VERSION, LexicalIndex, segment, tokenize
from indexer.store.index_dir import load_index


def test_traditional_characters_find_simplified_text_and_back() -> None:
    assert tokenize("紡織產業集群") == tokenize("纺织产业集群")
    index = LexicalIndex.build(["纺织产业集群共有216个", "银行提供市场采购贷款", "海关监管"])
    scores = index.scores("市場採購貸款由哪家銀行提供？")
    assert int(scores.argmax()) == 1 and scores[1] > 0


def test_policy_terms_stay_whole_beside_their_parts() -> None:
    terms = tokenize("专精特新企业享受留抵退税")
    assert "专精特新" in terms and "留抵退税" in terms
    assert "企业" in terms
    # A department's short name is no ministry's name and no broken word (工信部 + 门, 市工 + 信局).
    assert segment("省级工信部门和市工信局", search=False) == ["省级", "工信部门", "市", "工信局"]


def test_english_and_numbers_are_unchanged() -> None:
    assert tokenize("RCEP rules of origin in 2022") == ["rcep", "rule", "origin", "2022"]


def test_a_bm25_index_of_another_tokenizer_version_is_rebuilt_without_embedding(
        small_corpus, tmp_path, fake_encoder) -> None:
    settings = Settings(corpus=small_corpus, index=tmp_path / "index", model="fake")
    build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
    assert load_index(settings.index).manifest["lexical"] == {"tokenizer": TOKENIZER_VERSION}
    again = build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
    assert not again.written  # nothing changed: nothing written
    manifest = settings.index / "manifest.json"
    data = json.loads(manifest.read_text())
    data["lexical"] = {"tokenizer": TOKENIZER_VERSION - 1}
    manifest.write_text(json.dumps(data))
    stale = build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
    assert stale.written and stale.embedded_chunks == 0 and stale.unchanged == 3
    assert load_index(settings.index).manifest["lexical"] == {"tokenizer": TOKENIZER_VERSION}


def test_digits_and_latin_letters_do_not_swallow_the_chinese_after_them() -> None:
    terms = tokenize("全国共有216个纺织服装产业集群")
    assert "216" in terms and "产业集群" in terms
    assert tokenize("RCEP协定") == ["rcep", "协定"]
