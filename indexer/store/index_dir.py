"""The index directory: readable files, written beside the live one and swapped in atomically.

``PATH`` is a symlink to a sibling ``PATH@VERSION`` directory. A build writes a new version
directory completely, fsyncs it, then replaces the symlink with ``os.replace``, so a reader sees
either the old index or the new one, never half of either, and a crash leaves the old one live.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from core.errors import IndexCorrupt, IndexNotFound
from core.records import Chunk
from indexer.language.lexical import LEXICAL_DIR, LexicalIndex
from indexer.store.faiss_index import VectorIndex

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FAISS_FILE = "index.faiss"
CHUNKS_FILE = "chunks.jsonl"
VECTORS_FILE = "vectors.npy"
SENTENCES_FILE = "sentence_vectors.npy"
SENTENCE_OFFSETS_FILE = "sentence_offsets.npy"
CROSSLINGUAL_FILE = "crosslingual_vectors.npy"


@dataclass
class IndexData:
    """Everything a loaded index holds in memory."""

    model: str
    chunks: list[Chunk]
    vectors: np.ndarray
    sentence_vectors: np.ndarray
    sentence_offsets: np.ndarray
    documents: dict[str, dict[str, Any]]
    vector_index: VectorIndex | None = None
    lexical: LexicalIndex | None = None
    """BM25 over the same chunk rows; saved in ``bm25/``."""
    manifest: dict[str, Any] = field(default_factory=dict)
    """The manifest the index was loaded with (empty for one not yet saved)."""
    version: str = ""
    crosslingual: np.ndarray | None = None
    """Per chunk, the cross-lingual model's vector (indexer/embed/crosslingual.py); None without one."""
    crosslingual_model: str | None = None

    @property
    def dimension(self) -> int:
        return int(self.vectors.shape[1])

    @property
    def encoder_backend(self) -> str:
        """The runtime that embedded the vectors; indexes from before it was recorded used torch."""
        return str(self.manifest.get("encoder", {}).get("backend", "torch"))

    def sentence_block(self, row: int) -> np.ndarray:
        return self.sentence_vectors[self.sentence_offsets[row] : self.sentence_offsets[row + 1]]


def current_version(path: Path) -> str | None:
    """The version directory the index path points at, or None; a cheap syscall."""
    try:
        return os.readlink(path)
    except FileNotFoundError:
        return None
    except OSError:  # a plain directory (not written by us): use its manifest's mtime
        manifest = path / MANIFEST
        return f"dir:{manifest.stat().st_mtime_ns}" if manifest.exists() else None


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """One writer at a time per index path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / f".{path.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def save_index(path: Path, data: IndexData, manifest_extra: dict[str, Any] | None = None) -> Path:
    """Write ``data`` as a new version and publish it at ``path``. Caller holds ``write_lock``."""
    path = Path(path)
    version = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    tmp = path.parent / f".{path.name}.tmp-{version}"
    final = path.parent / f"{path.name}@{version}"
    tmp.mkdir(parents=True)
    try:
        vector_index = data.vector_index or VectorIndex.build(data.vectors)
        vector_index.save(tmp / FAISS_FILE)
        np.save(tmp / VECTORS_FILE, np.ascontiguousarray(data.vectors, dtype=np.float32))
        np.save(tmp / SENTENCES_FILE, data.sentence_vectors.astype(np.float16))
        np.save(tmp / SENTENCE_OFFSETS_FILE, data.sentence_offsets.astype(np.int64))
        with open(tmp / CHUNKS_FILE, "w", encoding="utf-8") as out:
            for chunk in data.chunks:
                out.write(json.dumps(chunk.to_dict(), ensure_ascii=False) + "\n")
        if data.lexical is not None:
            data.lexical.save(tmp)
        extra = dict(manifest_extra or {})
        if data.crosslingual is not None and len(data.crosslingual) == len(data.chunks):
            np.save(tmp / CROSSLINGUAL_FILE, data.crosslingual.astype(np.float16))
            extra["crosslingual"] = {"model": data.crosslingual_model, "file": CROSSLINGUAL_FILE,
                                     "dimension": int(data.crosslingual.shape[1])}
        manifest = {
            "format_version": FORMAT_VERSION,
            "model": data.model,
            "dimension": data.dimension,
            "index_type": vector_index.kind,
            "chunk_count": len(data.chunks),
            "document_count": len(data.documents),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "documents": data.documents,
            "files": {
                str(p.relative_to(tmp)): _file_digest(p)
                for p in sorted(tmp.rglob("*")) if p.is_file()
            },
            **extra,
        }
        _write_json(tmp / MANIFEST, manifest)
        _fsync_tree(tmp)
        os.rename(tmp, final)
        _publish(path, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _collect_garbage(path, keep={final.name})
    return final


def read_manifest(path: Path) -> dict[str, Any]:
    manifest_path = Path(path) / MANIFEST
    if not manifest_path.exists():
        raise IndexNotFound(f"no index at {path}: run `policybot index` first")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"{manifest_path}: unreadable manifest ({exc})") from exc
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexCorrupt(
            f"{manifest_path}: format version {manifest.get('format_version')!r}, "
            f"expected {FORMAT_VERSION}; rebuild with `policybot index`"
        )
    return manifest


def load_index(path: Path, verify: bool = True) -> IndexData:
    """Load a published index; a damaged file raises IndexCorrupt naming the file."""
    path = Path(path)
    version = current_version(path) or ""
    root = path.resolve()
    manifest = read_manifest(root)
    if verify:
        for name, expected in manifest.get("files", {}).items():
            file = root / name
            if not file.exists():
                raise IndexCorrupt(f"{file}: missing from the index directory")
            try:
                actual = _file_digest(file)
            except OSError as exc:
                raise IndexCorrupt(f"{file}: unreadable ({exc})") from exc
            if actual != expected:
                raise IndexCorrupt(f"{file}: size or checksum differs from the manifest")
    try:
        chunks = [Chunk.from_dict(json.loads(line)) for line in
                  (root / CHUNKS_FILE).read_text(encoding="utf-8").splitlines() if line]
        vectors = np.load(root / VECTORS_FILE, mmap_mode="r")
        sentence_vectors = np.load(root / SENTENCES_FILE, mmap_mode="r")
        offsets = np.load(root / SENTENCE_OFFSETS_FILE)
        cross = manifest.get("crosslingual") or {}
        crosslingual = np.load(root / CROSSLINGUAL_FILE, mmap_mode="r") if cross else None
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise IndexCorrupt(f"{root}: cannot read index files ({exc})") from exc
    vector_index = VectorIndex.load(root / FAISS_FILE, manifest.get("index_type", "flat-ip"))
    lexical = LexicalIndex.load(root) if (root / LEXICAL_DIR).exists() else None
    counts = {len(vectors), len(vector_index), len(offsets) - 1}
    if crosslingual is not None:
        counts.add(len(crosslingual))
    if counts != {len(chunks)}:
        raise IndexCorrupt(f"{root}: chunk, vector and FAISS counts disagree")
    return IndexData(
        model=manifest["model"], chunks=chunks, vectors=vectors,
        sentence_vectors=sentence_vectors, sentence_offsets=offsets,
        documents=manifest.get("documents", {}), vector_index=vector_index,
        lexical=lexical, manifest=manifest, version=version,
        crosslingual=crosslingual, crosslingual_model=cross.get("model"),
    )


def _publish(path: Path, final: Path) -> None:
    if path.exists() and not path.is_symlink():  # a plain directory from elsewhere: move aside
        os.rename(path, path.parent / f"{path.name}@legacy-{uuid.uuid4().hex[:8]}")
    link = path.parent / f".{path.name}.link-{uuid.uuid4().hex[:8]}"
    os.symlink(final.name, link)
    os.replace(link, path)
    _fsync_dir(path.parent)


def _collect_garbage(path: Path, keep: set[str]) -> None:
    """Keep the live version and the one before it (a reader may still be opening it)."""
    versions = sorted(path.parent.glob(f"{path.name}@*"), key=lambda p: p.stat().st_mtime)
    stale = [p for p in versions if p.name not in keep][:-1]
    stale += list(path.parent.glob(f".{path.name}.tmp-*"))
    for p in stale:
        shutil.rmtree(p, ignore_errors=True)


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return f"{path.stat().st_size}:{h.hexdigest()}"


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _fsync_tree(root: Path) -> None:
    for p in root.rglob("*"):
        if p.is_file():
            with open(p, "rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(root)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
