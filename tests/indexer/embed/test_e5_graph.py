"""The e5 ONNX graph (fused onnxruntime operators) against BERT written out in numpy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.embed.e5_encoder import PASSAGE, SLOW_FUSIONS, E5Encoder
from indexer.embed.e5_export import ensure_e5_exported
from indexer.embed.e5_weights import q4_rows
from indexer.embed.onnx_export import FP32_FILE, INT8_FILE, open_session

pytestmark = pytest.mark.e2e
TEXTS = ["纺织服装出口企业可申请展位费补助，每个展位最高补助1.5万元。", "Exporters apply before 30 June.",
         "短"]


def reference(e5: E5Encoder, embeds: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Post-norm BERT as the weight file describes it: float64, plain loops over the layers."""
    f, c = e5.file, e5.file.cfg
    H, FF, NH = c["H"], c["FF"], c["NH"]
    hd = H // NH

    def t(name: str, shape: tuple[int, ...]) -> np.ndarray:
        return f.tensor(name, shape).astype(np.float64)

    def ln(x: np.ndarray, w: str) -> np.ndarray:
        mu, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + c["eps"]) * t(w + ".w", (H,)) + t(w + ".b", (H,))

    def lin(x: np.ndarray, w: str, nout: int, nin: int) -> np.ndarray:
        return x @ t(w + ".w", (nout, nin)).T + t(w + ".b", (nout,))

    b, s, _ = embeds.shape
    x = ln(embeds + t("emb.pos", (c["MAXP"], H))[:s] + t("emb.type", (c["TVS"], H))[0], "emb.ln")
    bias = (1.0 - mask[:, None, None, :]) * -1e4
    for layer in range(c["NL"]):
        p = f"l{layer}."
        q, k, v = (lin(x, p + n, H, H).reshape(b, s, NH, hd).transpose(0, 2, 1, 3) for n in "qkv")
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd) + bias
        probs = np.exp(scores - scores.max(-1, keepdims=True))
        probs /= probs.sum(-1, keepdims=True)
        ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(b, s, H)
        x = ln(x + lin(ctx, p + "ao", H, H), p + "aln")
        h = lin(x, p + "fi", FF, H)
        from math import erf, sqrt

        gelu = 0.5 * h * (1 + np.vectorize(erf)(h / sqrt(2)))
        x = ln(x + lin(gelu, p + "fo", H, FF), p + "oln")
    return x


@pytest.fixture(scope="module")
def e5(tmp_path_factory: pytest.TempPathFactory) -> E5Encoder:
    return E5Encoder("onnx", cache=tmp_path_factory.mktemp("onnx"), threads=1)


def test_both_graphs_compute_the_weight_files_bert(e5: E5Encoder) -> None:
    tokens = [e5._tokens(t, PASSAGE, e5.max_tokens) for t in TEXTS]
    length = max(len(ids) for ids, _ in tokens)
    embeds = np.zeros((len(TEXTS), length, e5.dimension), np.float32)
    mask = np.zeros((len(TEXTS), length), np.int64)
    for row, (ids, _) in enumerate(tokens):
        embeds[row, :len(ids)] = q4_rows(e5._words[np.asarray(ids)]).reshape(len(ids), e5.dimension)
        mask[row, :len(ids)] = 1
    want = reference(e5, embeds.astype(np.float64), mask.astype(np.float64))
    real = mask.astype(bool)
    directory = ensure_e5_exported(Path(e5.path).parent.parent, int8=True)
    for name, floor in ((FP32_FILE, None), (INT8_FILE, 0.99)):
        session = open_session(directory / name, 1, without=SLOW_FUSIONS)
        got = session.run(None, {"inputs_embeds": embeds, "attention_mask": mask})[0]
        if floor is None:  # fp32: the same numbers; padding rows do not leak into real ones
            assert np.abs(got[real] - want[real]).max() < 2e-3
        else:  # int8: the same directions
            pooled = [(got[r][real[r]].mean(0), want[r][real[r]].mean(0)) for r in range(len(TEXTS))]
            cos = [float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)) for a, b in pooled]
            assert min(cos) > floor, cos
