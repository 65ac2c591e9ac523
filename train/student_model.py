"""The passage student in torch: e5's embeddings and a subset of its BERT layers, trained here.

The layers are written as indexer/embed/e5_export.py's graph computes them (post-norm BERT, one
attention scale 1/sqrt(head size), exact GELU), so the trained weights drop into that graph
(``StudentWeights``) and the int8 export path (SmoothQuant, fused operators) makes the shipped file.
The embedding part (word table, positions, type row, LayerNorm) stays e5's and is not trained: the
shipped graph reads it from the packaged e5 weights like e5's own graph, so the student's input is
e5's ``inputs_embeds``. Only training imports torch.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch
from torch import nn

from indexer.embed.e5_weights import E5File

PARTS = ("q", "k", "v", "ao", "fi", "fo")
NORMS = ("aln", "oln")


class Layer(nn.Module):
    def __init__(self, f: E5File, source: int) -> None:
        super().__init__()
        c = f.cfg
        H, FF = c["H"], c["FF"]
        self.heads, self.eps = c["NH"], c["eps"]
        shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
        p = f"l{source}."
        self.lin = nn.ModuleDict()
        for name, (nout, nin) in shapes.items():
            lin = nn.Linear(nin, nout)
            lin.weight.data = torch.from_numpy(f.tensor(p + name + ".w", (nout, nin)))
            lin.bias.data = torch.from_numpy(f.tensor(p + name + ".b", (nout,)))
            self.lin[name] = lin
        self.norm = nn.ModuleDict()
        for name in NORMS:
            ln = nn.LayerNorm(H, eps=self.eps)
            ln.weight.data = torch.from_numpy(f.tensor(p + name + ".w", (H,)))
            ln.bias.data = torch.from_numpy(f.tensor(p + name + ".b", (H,)))
            self.norm[name] = ln

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, s, h = x.shape
        d = h // self.heads

        def heads(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, s, self.heads, d).transpose(1, 2)

        q, k, v = (heads(self.lin[n](x)) for n in "qkv")
        scores = q @ k.transpose(-1, -2) / math.sqrt(d) + bias
        ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, s, h)
        x = self.norm["aln"](x + self.lin["ao"](ctx))
        return self.norm["oln"](x + self.lin["fo"](nn.functional.gelu(self.lin["fi"](x))))


class Student(nn.Module):
    """e5's frozen embedding step, then e5's layers ``sources`` (trainable)."""

    def __init__(self, f: E5File, sources: tuple[int, ...]) -> None:
        super().__init__()
        c = f.cfg
        self.sources = sources
        self.register_buffer("pos", torch.from_numpy(f.tensor("emb.pos", (c["MAXP"], c["H"]))))
        self.register_buffer("type0", torch.from_numpy(f.tensor("emb.type", (c["TVS"], c["H"]))[0]))
        self.emb_ln = nn.LayerNorm(c["H"], eps=c["eps"])
        self.emb_ln.weight.data = torch.from_numpy(f.tensor("emb.ln.w", (c["H"],)))
        self.emb_ln.bias.data = torch.from_numpy(f.tensor("emb.ln.b", (c["H"],)))
        self.emb_ln.requires_grad_(False)
        self.layers = nn.ModuleList(Layer(f, i) for i in sources)

    def forward(self, embeds: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Token states [b, s, H] of padded ``embeds`` [b, s, H]; ``mask`` [b, s] true on tokens."""
        x = self.emb_ln(embeds + self.pos[: embeds.shape[1]] + self.type0)
        bias = torch.where(mask, 0.0, -1e4)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        return x


class StudentWeights:
    """The trained student as an ``E5File`` look-alike for ``e5_export.e5_graph``: layer tensors
    from the student (renumbered 0..n-1), everything else from e5's file."""

    def __init__(self, f: E5File, student: Student) -> None:
        self.file = f
        self.cfg: dict[str, Any] = {**f.cfg, "NL": len(student.layers)}
        self.own: dict[str, np.ndarray] = {}
        for i, layer in enumerate(student.layers):
            for name in PARTS:
                self.own[f"l{i}.{name}.w"] = layer.lin[name].weight.detach().numpy().copy()
                self.own[f"l{i}.{name}.b"] = layer.lin[name].bias.detach().numpy().copy()
            for name in NORMS:
                self.own[f"l{i}.{name}.w"] = layer.norm[name].weight.detach().numpy().copy()
                self.own[f"l{i}.{name}.b"] = layer.norm[name].bias.detach().numpy().copy()

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        if name in self.own:
            return self.own[name].reshape(shape).astype(np.float32)
        return self.file.tensor(name, shape)
