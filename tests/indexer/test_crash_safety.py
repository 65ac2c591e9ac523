"""A real `policybot index` process killed with SIGKILL leaves the previous index loadable."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.settings import Settings
from indexer.build import build_index
from indexer.embed.factory import EncoderSpec, get_encoder
from indexer.store.index_dir import load_index
from tests.conftest import CORPUS
from tests.servers import EXE

pytestmark = pytest.mark.e2e  # the real model, a real index, real processes



# `policybot index` with each checksum of the new version's files slowed by 50 ms, so the kill
# lands while the half-written directory exists (with the ONNX encoder the whole run takes ~2 s).
SLOW_WRITE = """
import time
from indexer.store import index_dir
digest = index_dir._file_digest

def slow_digest(path):
    time.sleep(0.05)
    return digest(path)

index_dir._file_digest = slow_digest
from app.cli import main

main()
"""


def start_index(corpus: Path, index: Path, slow_write: bool = False) -> subprocess.Popen:
    program = [sys.executable, "-c", SLOW_WRITE] if slow_write else [EXE]
    return subprocess.Popen([*program, "index", "--corpus", str(corpus), "--index", str(index)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "POLICYBOT_INDEX_THREADS": "1"})


def kill_when(proc: subprocess.Popen, ready, timeout: float = 120) -> bool:
    """SIGKILL the process once ``ready()``; False if it finished first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            return True
        time.sleep(0.002)
    proc.kill()
    raise AssertionError("indexing did not reach the expected phase in time")


def test_sigkill_at_any_phase_keeps_previous_index(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    index = tmp_path / "index"
    settings = Settings(corpus=corpus, index=index)
    build_index(corpus, index, settings, lambda: get_encoder(EncoderSpec.of(settings)))
    before = load_index(index)
    for i, src in enumerate(sorted(CORPUS.glob("*.txt"))[:3]):
        text = src.read_text(encoding="utf-8").replace("the", f"the (revision {i})", 5)
        (corpus / f"revised_{i}.txt").write_text(text, encoding="utf-8")

    phases = {  # "3 s in" last: the run may finish first, and then nothing is left to write
        "start-up": lambda: True,
        "writing": lambda: any(".tmp-" in p.name for p in tmp_path.iterdir()),
        "3 s in": lambda: time.sleep(3) is None,
    }
    killed = []
    for name, ready in phases.items():
        proc = start_index(corpus, index, slow_write=name == "writing")
        if kill_when(proc, ready):
            killed.append(name)
        data = load_index(index)  # verifies every file against the manifest's checksums
        assert len(data.chunks) in (len(before.chunks), len(data.vectors))
        if data.version == before.version:
            assert [c.chunk_id for c in data.chunks] == [c.chunk_id for c in before.chunks]
    assert "start-up" in killed and "writing" in killed, killed

    finished = subprocess.run([EXE, "index", "--corpus", str(corpus), "--index", str(index)],
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    after = load_index(index)
    assert {"revised_0", "revised_1", "revised_2"} <= set(after.documents)
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
