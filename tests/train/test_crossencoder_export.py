"""The ONNX export computes what the torch picker computes, from XLM-R ids, through the kept rows."""

from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch

from train.crossencoder import export, fit, vocab
from train.crossencoder.data import Group
from train.crossencoder.model import from_e5
from train.crossencoder.pairs import tokenizer

ITEMS = [("江苏省商务厅关于展会申报的通知", "三、支持标准", "货物贸易类展会每平方米最高支持4000元。"),
         ("江苏省商务厅关于展会申报的通知", "", "请各地认真组织申报。"),
         ("Nine measures", "", "Insurers are asked to expand underwriting support for little giants.")]


def test_the_int8_graph_scores_pairs_as_torch_does(tmp_path: Path) -> None:
    tok = tokenizer()
    texts = ["江苏展位费每平方米最多支持多少钱？"] + [x for item in ITEMS for x in item]
    kept = np.array(sorted(
        {tok.bos, tok.eos, tok.pad, tok.unk} | {i for t in texts for i in tok.ids(t, 200)}))
    unk, pad = int(np.searchsorted(kept, tok.unk)), int(np.searchsorted(kept, tok.pad))
    lut = vocab.lookup(kept, tok.vocabulary, unk)
    torch.manual_seed(0)
    model = from_e5(kept, layers=1)
    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    export.export(state, lut, 1, 12, 1e-12, tmp_path / "p.onnx", tmp_path / "p8.onnx")
    group = Group(texts[0], ITEMS, [1, 0, 0], "test", True, "zh")
    expected = fit.scores(model, fit.encode(tok, [group], lut), pad)[0]
    inputs = tok.batch(group.question, group.items)
    fp32 = ort.InferenceSession(str(tmp_path / "p.onnx")).run(None, inputs)[0]
    int8 = ort.InferenceSession(str(tmp_path / "p8.onnx")).run(None, inputs)[0]
    assert np.allclose(fp32, expected, atol=2e-3), (fp32, expected)  # only the int8 word rows differ
    assert np.abs(int8 - expected).max() < 0.1
    assert (tmp_path / "p8.onnx").stat().st_size < (tmp_path / "p.onnx").stat().st_size
    # A piece the vocabulary did not keep reads as <unk>, in the graph as in training.
    assert lut[max(set(range(tok.vocabulary)) - set(kept.tolist()))] == unk
