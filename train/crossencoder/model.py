"""The picker in torch: multilingual-e5-small's lower layers with a scoring head, for fine-tuning.

The layers are e5's, read from the packaged weight file (``indexer.embed.e5_weights``), with the
same arithmetic as the served graph (``indexer.embed.e5_export``: post-norm BERT, erf GELU,
attention bias -1e4), so the ONNX export (train/export.py) reproduces it. Only the word rows the
vocabulary keeps (train/vocab.py) are loaded; the head reads the <s> state and the mean of all.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from indexer.embed.e5_weights import E5File, q4_rows, weights_path


class Layer(nn.Module):
    def __init__(self, h: int, heads: int, ff: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.ao = (nn.Linear(h, h) for _ in range(4))
        self.aln = nn.LayerNorm(h, eps=eps)
        self.fi, self.fo = nn.Linear(h, ff), nn.Linear(ff, h)
        self.oln = nn.LayerNorm(h, eps=eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, s, h = x.shape
        d = h // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, s, self.heads, d).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, dim=-1)
        ctx = (att @ v).transpose(1, 2).reshape(b, s, h)
        x = self.aln(x + self.ao(ctx))
        return self.oln(x + self.fo(nn.functional.gelu(self.fi(x))))


class Picker(nn.Module):
    def __init__(self, rows: int, layers: int, h: int = 384, heads: int = 12, ff: int = 1536,
                 positions: int = 512, eps: float = 1e-12) -> None:
        super().__init__()
        self.word = nn.Embedding(rows, h)
        self.pos = nn.Embedding(positions, h)
        self.types = nn.Embedding(2, h)
        self.ln = nn.LayerNorm(h, eps=eps)
        self.layers = nn.ModuleList(Layer(h, heads, ff, eps) for _ in range(layers))
        self.head = nn.Linear(2 * h, 1)

    def forward(self, ids: torch.Tensor, types: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """``ids`` are rows of the kept vocabulary; one logit per pair."""
        s = ids.shape[1]
        x = self.ln(self.word(ids) + self.pos.weight[:s] + self.types(types))
        m = mask.to(x.dtype)
        bias = ((1.0 - m) * -1e4)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        mean = (x * m[..., None]).sum(1) / m.sum(1, keepdim=True)
        return self.head(torch.cat([x[:, 0], mean], dim=-1)).squeeze(-1)


def from_e5(kept: np.ndarray, layers: int) -> Picker:
    """A picker with e5's embeddings (the ``kept`` word rows) and its first ``layers`` layers."""
    f = E5File(weights_path())
    c = f.cfg
    h = c["H"]
    model = Picker(len(kept), layers, h, c["NH"], c["FF"], c["MAXP"], c["eps"])
    words = q4_rows(f.word_blocks()[kept]).reshape(len(kept), h)

    def put(param: torch.Tensor, value: np.ndarray) -> None:
        with torch.no_grad():
            param.copy_(torch.from_numpy(np.ascontiguousarray(value, dtype=np.float32)))

    put(model.word.weight, words)
    put(model.pos.weight, f.tensor("emb.pos", (c["MAXP"], h)))
    put(model.types.weight, f.tensor("emb.type", (c["TVS"], h))[:2])
    put(model.ln.weight, f.tensor("emb.ln.w", (h,)))
    put(model.ln.bias, f.tensor("emb.ln.b", (h,)))
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (c["FF"], h), "fo": (h, c["FF"])}
    for n, layer in enumerate(model.layers):
        for name, shape in shapes.items():
            lin = getattr(layer, name)
            put(lin.weight, f.tensor(f"l{n}.{name}.w", shape))
            put(lin.bias, f.tensor(f"l{n}.{name}.b", (shape[0],)))
        for name in ("aln", "oln"):
            put(getattr(layer, name).weight, f.tensor(f"l{n}.{name}.w", (h,)))
            put(getattr(layer, name).bias, f.tensor(f"l{n}.{name}.b", (h,)))
    with torch.no_grad():
        model.head.weight.normal_(0, 0.02)
        model.head.bias.zero_()
    return model


def with_all_rows(model: Picker) -> Picker:
    """A copy of ``model`` reading every one of e5's word rows (ids are then XLM-R's own): what the
    kept vocabulary costs is the difference between the two on report texts. The kept rows are
    e5's as they are (training leaves them), so the copy's rows are e5's table."""
    import copy

    f = E5File(weights_path())
    full = copy.deepcopy(model)
    words = q4_rows(f.word_blocks()).reshape(-1, f.cfg["H"])
    full.word = nn.Embedding(len(words), f.cfg["H"])
    with torch.no_grad():
        full.word.weight.copy_(torch.from_numpy(np.ascontiguousarray(words, dtype=np.float32)))
    return full
