"""The e5 ONNX graph (fused onnxruntime operators) against BERT written out in numpy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.embed.e5_encoder import PASSAGE, SLOW_FUSIONS, E5Encoder
from indexer.embed.e5_export import ensure_e5_exported
from indexer.embed.e5_smoothing import smoothed
from indexer.embed.e5_weights import q4_rows
from indexer.embed.onnx_export import FP32_FILE, INT8_FILE, open_session

pytestmark = pytest.mark.e2e
TEXTS = ["纺织服装出口企业可申请展位费补助，每个展位最高补助1.5万元。", "Exporters apply before 30 June.",
         "短"]


def reference(e5: E5Encoder, embeds: np.ndarray) -> np.ndarray:
    """Post-norm BERT as the weight file describes it, for one text [s, H]: float64, plain numpy."""
    from math import erf, sqrt

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

    s = len(embeds)
    x = ln(embeds + t("emb.pos", (c["MAXP"], H))[:s] + t("emb.type", (c["TVS"], H))[0], "emb.ln")
    for layer in range(c["NL"]):
        p = f"l{layer}."
        q, k, v = (lin(x, p + n, H, H).reshape(s, NH, hd).transpose(1, 0, 2) for n in "qkv")
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(hd)
        probs = np.exp(scores - scores.max(-1, keepdims=True))
        probs /= probs.sum(-1, keepdims=True)
        ctx = (probs @ v).transpose(1, 0, 2).reshape(s, H)
        x = ln(x + lin(ctx, p + "ao", H, H), p + "aln")
        h = lin(x, p + "fi", FF, H)
        x = ln(x + lin(0.5 * h * (1 + np.vectorize(erf)(h / sqrt(2))), p + "fo", H, FF), p + "oln")
    return x


@pytest.fixture(scope="module")
def e5(tmp_path_factory: pytest.TempPathFactory) -> E5Encoder:
    return E5Encoder("onnx", cache=tmp_path_factory.mktemp("onnx"), threads=1)


def test_both_graphs_compute_the_weight_files_bert(e5: E5Encoder) -> None:
    directory = ensure_e5_exported(Path(e5.path).parent.parent, int8=True, calibration=e5._calibration)
    sessions = {name: open_session(directory / name, 1, without=SLOW_FUSIONS) for name in (FP32_FILE, INT8_FILE)}
    for text in TEXTS:
        ids, _ = e5._tokens(text, PASSAGE, e5.max_tokens)
        embeds = q4_rows(e5._words[np.asarray(ids)]).reshape(1, len(ids), e5.dimension)
        want = reference(e5, embeds[0].astype(np.float64))
        fp32 = sessions[FP32_FILE].run(None, {"inputs_embeds": embeds})[0][0]
        assert np.abs(fp32 - want).max() < 2e-3  # the same numbers
        a, b = sessions[INT8_FILE].run(None, {"inputs_embeds": embeds})[0][0].mean(0), want.mean(0)
        # the same direction; without smoothing these three were at 0.9975-0.9983
        assert float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)) > 0.999


def test_smoothing_moves_scale_between_inputs_and_weights_without_changing_the_result(e5: E5Encoder) -> None:
    import onnx

    fp32 = Path(e5.path)
    model = smoothed(fp32, e5._calibration()[:8])
    assert sum(n.op_type == "Mul" and n.output[0].endswith(".in") for n in model.graph.node) == 3 * 12
    path = fp32.with_name("smoothed-test.onnx")
    onnx.save(model, str(path))
    plain, smooth = open_session(fp32, 1, without=SLOW_FUSIONS), open_session(path, 1, without=SLOW_FUSIONS)
    path.unlink()
    for text in TEXTS:
        x = e5._embeds(e5._tokens(text, PASSAGE, e5.max_tokens)[0])
        got, want = smooth.run(None, {"inputs_embeds": x})[0], plain.run(None, {"inputs_embeds": x})[0]
        assert np.abs(got - want).max() < 1e-3
