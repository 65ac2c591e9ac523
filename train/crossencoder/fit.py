"""Fine-tuning the picker: which candidate sentence states the answer.

Each group is a question and its candidates. The loss is listwise where the group has an answer
(cross-entropy of the positives' share of a softmax over the group) plus pointwise binary
cross-entropy on every pair at half weight, so groups with no answer (SQuAD's impossible
questions, twins) push every score of their group down. AdamW, linear warm-up over 6% of the
steps and linear decay; seeded, so a rebuild on the same machine gives the same model.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch

from train.crossencoder.data import Group
from train.crossencoder.model import Picker
from train.crossencoder.pairs import MAX_QUESTION, PairTokenizer, pad

POINTWISE = 0.5


@dataclass
class Encoded:
    ids: list[list[int]]
    types: list[list[int]]
    labels: list[int]
    has_answer: bool


def encode(tok: PairTokenizer, groups: Sequence[Group], lut: np.ndarray) -> list[Encoded]:
    out = []
    for g in groups:
        q = tok.ids(g.question, MAX_QUESTION)
        pairs = [tok.pair(q, *item) for item in g.items]
        out.append(Encoded([lut[np.asarray(i)].tolist() for i, _ in pairs], [t for _, t in pairs],
                           list(g.labels), any(g.labels)))
    return out


def _tensors(groups: Sequence[Encoded], pad_row: int) -> tuple[dict[str, torch.Tensor], list[int]]:
    pairs = [(i, t) for g in groups for i, t in zip(g.ids, g.types, strict=True)]
    arrays = pad(pairs, pad_row)
    sizes = [len(g.ids) for g in groups]
    return {k: torch.from_numpy(v) for k, v in arrays.items()}, sizes


def loss_of(logits: torch.Tensor, groups: Sequence[Encoded], sizes: list[int]) -> torch.Tensor:
    labels = torch.tensor([y for g in groups for y in g.labels], dtype=torch.float32)
    total = POINTWISE * torch.nn.functional.binary_cross_entropy_with_logits(logits, labels)
    listwise, n, at = torch.zeros(()), 0, 0
    for g, size in zip(groups, sizes, strict=True):
        part, y = logits[at:at + size], labels[at:at + size]
        at += size
        if g.has_answer:
            listwise = listwise - (torch.logsumexp(part[y > 0], 0) - torch.logsumexp(part, 0))
            n += 1
    return total + (listwise / n if n else 0.0)


def train(model: Picker, data: list[Encoded], pad_row: int, epochs: int = 2, groups_per_step: int = 8,
          lr: float = 5e-5, seed: int = 13, log: Callable[[str], None] = print) -> dict[str, float]:
    torch.manual_seed(seed)
    rng = random.Random(seed)
    # e5's word rows stay as they are: a dense gradient over 40,000 rows costs more than it teaches
    # on a few thousand questions, and the int8 rows then stay e5's.
    model.word.weight.requires_grad_(False)
    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if not n.startswith("head.") and p.requires_grad]
    opt = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head, "lr": lr * 20}], weight_decay=0.01)
    steps = epochs * ((len(data) + groups_per_step - 1) // groups_per_step)
    warm = max(1, int(0.06 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    model.train()
    started, step, seen = time.perf_counter(), 0, 0.0
    for epoch in range(epochs):
        # Similar lengths batched together (less padding), batches shuffled.
        order = sorted(range(len(data)), key=lambda i: (max(len(x) for x in data[i].ids), rng.random()))
        batches = [order[i:i + groups_per_step] for i in range(0, len(order), groups_per_step)]
        rng.shuffle(batches)
        for batch in batches:
            groups = [data[i] for i in batch]
            inputs, sizes = _tensors(groups, pad_row)
            logits = model(inputs["input_ids"], inputs["token_type_ids"], inputs["attention_mask"])
            loss = loss_of(logits, groups, sizes)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            value = float(loss.detach())
            seen = 0.98 * seen + 0.02 * value if step > 1 else value
            if step % 20 == 0 or step == steps:
                log(f"epoch {epoch + 1} step {step}/{steps} loss {seen:.3f} "
                    f"{time.perf_counter() - started:.0f} s")
    model.eval()
    return {"steps": steps, "seconds": round(time.perf_counter() - started, 1), "final_loss": round(seen, 4)}


@torch.no_grad()
def scores(model: Picker, data: Sequence[Encoded], pad_row: int, groups_per_batch: int = 16) -> list[np.ndarray]:
    """Each group's logits; groups of similar length batched together."""
    model.eval()
    out: list[np.ndarray | None] = [None] * len(data)
    order = sorted(range(len(data)), key=lambda i: max((len(x) for x in data[i].ids), default=0))
    for start in range(0, len(order), groups_per_batch):
        batch = order[start:start + groups_per_batch]
        inputs, sizes = _tensors([data[i] for i in batch], pad_row)
        logits = model(inputs["input_ids"], inputs["token_type_ids"], inputs["attention_mask"]).numpy()
        at = 0
        for i, size in zip(batch, sizes, strict=True):
            out[i] = logits[at:at + size]
            at += size
    return [x if x is not None else np.zeros(0, np.float32) for x in out]


def top1(per_group: Sequence[np.ndarray], data: Sequence[Encoded | Group]) -> float:
    """Share of answerable groups whose best-scored candidate is a positive."""
    hits = [g.labels[int(np.argmax(s))] > 0 for s, g in zip(per_group, data, strict=True) if any(g.labels)]
    return round(sum(hits) / len(hits), 4) if hits else 0.0
