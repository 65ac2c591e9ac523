"""e5's XLM-R Unigram vocabulary as a sentencepiece model built in memory from the weight file.

Why not the ``tokenizers`` Unigram model (what this replaced): it held ~250 MB per process for the
250,000 pieces, against ~75 MB here (sentencepiece's double-array trie). Both give the same ids and
character offsets: checked over CMRC 2018 trial and dev, SQuAD 2.0 dev-a and every test document,
each with the "query: ", "passage: " and no prefix (25,380 texts; tests/indexer/embed/test_e5.py
repeats the check on a sample). Two differences at the start of a text are smoothed here: a leading
space is the first piece's "▁" in ``tokenizers`` (sentencepiece adds a separate "▁"), and an added
"▁" piece of its own spans the first character there (nothing in sentencepiece).
"""

from __future__ import annotations

from typing import Any

CONTROL = ("<s>", "</s>", "<pad>")


def build(pieces: list[str], scores: list[float], unk: int) -> Any:
    """A ``SentencePieceProcessor``: Unigram, identity normalisation (the caller normalises, with
    the weight file's own character map), a "▁" prefix, spaces kept as they are."""
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2 as pb

    model = pb.ModelProto()
    model.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    model.trainer_spec.vocab_size = len(pieces)
    model.trainer_spec.unk_id = unk
    model.trainer_spec.bos_id = model.trainer_spec.eos_id = model.trainer_spec.pad_id = -1
    model.normalizer_spec.name = "identity"
    model.normalizer_spec.add_dummy_prefix = True
    model.normalizer_spec.remove_extra_whitespaces = False
    model.normalizer_spec.escape_whitespaces = True
    kinds = pb.ModelProto.SentencePiece
    for i, (piece, score) in enumerate(zip(pieces, scores, strict=True)):
        entry = model.pieces.add()
        entry.piece, entry.score = piece, score
        entry.type = kinds.UNKNOWN if i == unk else kinds.CONTROL if piece in CONTROL else kinds.NORMAL
    return spm.SentencePieceProcessor(model_proto=model.SerializeToString())


def encode(processor: Any, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Ids and each piece's character span in ``text``."""
    if text.startswith(" "):  # the leading space becomes the first piece's "▁", as in tokenizers
        if not text[1:]:
            return [processor.piece_to_id("\u2581")], [(0, 1)]
        out = processor.encode(text[1:], return_type="offset_mapping")
        spans = [(s + 1, e + 1) for s, e in out["offsets"]]
        if spans and out["pieces"][0].startswith("\u2581"):
            spans[0] = (0, spans[0][1])
        return list(out["ids"]), spans
    out = processor.encode(text, return_type="offset_mapping")
    spans = [tuple(span) for span in out["offsets"]]
    if text and spans and out["pieces"][0] == "\u2581" and spans[0] == (0, 0):
        spans[0] = (0, 1)  # tokenizers gives the added "▁" the first character's span
    return list(out["ids"]), spans
