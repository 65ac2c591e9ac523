"""Write the passages e5's int8 graph is smoothed with (indexer/embed/e5_smoothing.jsonl).

Usage: python -m bench.smoothing_passages [--docs 48] [--per-doc 2] [--seed 7]

SmoothQuant (indexer/embed/e5_smoothing.py) needs the largest activation of each channel on text
like the text that gets embedded. These are generated policy pages (``bench.generate_corpus``,
70% Chinese, seed 7: no page of any benchmark or test), read, cleaned and chunked by the product
pipeline; the first ``--per-doc`` passages of each page, as the model sees them (title and text).
Nothing measured in bench/README.md is drawn from them: they are the fit part, every evaluation
set is the report part.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench.common import arg_parser
from bench.generate_corpus import doc_path, generate
from core.settings import Settings
from indexer.build import chunk_tokens
from indexer.documents.chunking import Chunker, chunk_document, embed_text
from indexer.documents.limits import Limits
from indexer.embed.e5_smoothing import PASSAGES_FILE
from indexer.embed.factory import EncoderSpec, get_encoder
from indexer.load import load_document


def passages(docs: int, per_doc: int, seed: int) -> list[str]:
    settings = Settings(encoder_backend="onnx")
    encoder = get_encoder(EncoderSpec.of(settings, threads=1))
    chunker = Chunker(chunk_tokens(settings, encoder), settings.chunk_overlap, encoder.count_tokens)
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), docs, seed=seed, zh_share=0.7)
        for i in range(docs):
            path = doc_path(Path(tmp), i)
            doc = load_document(path, path.stem, path.name, Limits.of(settings))
            out.extend(embed_text(c)[0] for c in chunk_document(doc, chunker)[:per_doc])
    return out


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument("--docs", type=int, default=48)
    parser.add_argument("--per-doc", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    texts = passages(args.docs, args.per_doc, args.seed)
    PASSAGES_FILE.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts),
                             encoding="utf-8")
    print(json.dumps({"file": str(PASSAGES_FILE), "passages": len(texts)}))


if __name__ == "__main__":
    main()
