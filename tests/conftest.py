"""Shared fixtures. The real model is loaded once per session; fakes serve unit tests."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from core.settings import Settings
from indexer.embed.base import PassageVectors

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"

pytest_plugins = ("tests.dbservers",)  # private PostgreSQL and Redis servers


def pytest_configure(config: pytest.Config) -> None:
    """Tests ask far more than a visitor would, and must not write into the working tree."""
    import atexit
    import os
    import shutil
    import tempfile

    scratch = Path(tempfile.mkdtemp(prefix="policybot-tests-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    os.environ["POLICYBOT_RATE_LIMIT_PER_MINUTE"] = "0"
    os.environ["POLICYBOT_ANALYTICS_DB"] = str(scratch / "analytics.sqlite3")
    os.environ["POLICYBOT_ONNX_CACHE"] = str(scratch / "onnx")


REAL_MODEL_FIXTURES = {"real_settings", "real_bot", "client", "demo_site", "two_workers"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the real model through a shared fixture is end-to-end, marked or not."""
    for item in items:
        if REAL_MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)


class FakeEncoder:
    """Bag-of-words hashing vectors: deterministic, instant, enough to test plumbing."""

    name = "fake"
    backend = "torch"
    dimension = 64
    max_tokens = 256

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dimension, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            v[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])

    def encode_passages(self, texts, spans, progress: Callable[[int], None] | None = None, also=None):
        self.encoded.extend(texts)
        passages = np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, 64))
        sentences = [np.stack([self._vec(t[s:e]) for s, e in sp]) for t, sp in zip(texts, spans, strict=True)]
        if progress:
            progress(len(texts))
        return PassageVectors(passages.astype(np.float32), sentences, also(list(texts)) if also else None)


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(DATA / "small_corpus", corpus)
    return corpus


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The real corpus indexed once with the real packaged model."""
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder

    base = tmp_path_factory.mktemp("real")
    settings = Settings(corpus=CORPUS, index=base / "index", rate_limit_per_minute=0,
                        analytics_db=base / "analytics.sqlite3")
    report = build_index(settings.corpus, settings.index, settings,
                         lambda: get_encoder(EncoderSpec.of(settings)))
    assert report.ok and report.documents == 5, report
    return settings


@dataclass
class WorkerServer:
    """A running `policybot serve --workers 2`: its process, origin, port and question-log file."""

    proc: subprocess.Popen
    base: str
    port: int
    db: Path


@pytest.fixture(scope="session")
def two_workers(real_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerServer]:
    """One 2-worker server over the real index for the worker tests of app/ and ui/: a start is two
    model loads, so the process tests (a worker killed and replaced) and the browser sessions share it."""
    from tests.servers import serving

    db = tmp_path_factory.mktemp("workers") / "log.sqlite3"
    with serving(["--index", str(real_settings.index)], {**os.environ, "POLICYBOT_ANALYTICS_DB": str(db)}) as running:
        proc, base, port = running
        yield WorkerServer(proc, base, port, db)


@pytest.fixture(scope="session")
def real_bot(real_settings: Settings):
    from bot.service import PolicyBot

    return PolicyBot(real_settings)


@pytest.fixture(scope="session")
def client(real_settings: Settings) -> Iterator:
    from fastapi.testclient import TestClient

    from app.server import create_app

    with TestClient(create_app(real_settings)) as c:
        yield c


def load_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


ADMIN_KEY = "admin-test-key"


@pytest.fixture
def fake_app(small_corpus: Path, tmp_path: Path, fake_encoder: FakeEncoder) -> Callable[..., object]:
    """The whole app over small_corpus with the fake encoder (no model load: fast); ``make(**settings)``."""
    from fastapi.testclient import TestClient

    from app.server import create_app
    from indexer.build import build_index

    def make(**update: object) -> TestClient:
        values = {"corpus": small_corpus, "index": tmp_path / "index", "model": "fake", "admin_keys": [ADMIN_KEY],
                  "analytics_db": tmp_path / "log.sqlite3", "rate_limit_per_minute": 0, **update}
        settings = Settings(**values)
        if not settings.index.exists():
            build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
        app = create_app(settings)
        app.state.bot._encoders["fake"] = fake_encoder  # what the real factory would load
        return TestClient(app)

    return make


@pytest.fixture
def policy_bot(tmp_path: Path, fake_encoder: FakeEncoder):
    """A PolicyBot over the policy fixtures (tests/data/policy_corpus) with the fake encoder."""
    from bot.service import PolicyBot
    from indexer.build import build_index

    shutil.copytree(DATA / "policy_corpus", tmp_path / "corpus")
    settings = Settings(corpus=tmp_path / "corpus", index=tmp_path / "index", model="fake",
                        rate_limit_per_minute=0, analytics_db=tmp_path / "log.sqlite3")
    build_index(settings.corpus, settings.index, settings, lambda: fake_encoder)
    bot = PolicyBot(settings)
    bot._encoders["fake"] = fake_encoder
    return bot


@dataclass
class DemoSite:
    """``make demo`` for the tests: the demo collection indexed once, served on a free port, and a
    host page origin (demo/*.html with the demo's server address replaced) that CORS allows."""

    server: str
    host: str
    settings: Settings
    base: Path


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    """One served demo index for the runnable documentation and the README's browser tour."""
    from indexer.build import build_index
    from indexer.embed.factory import EncoderSpec, get_encoder
    from tests.ui.conftest import serve_app, serve_pages

    base = tmp_path_factory.mktemp("demo")
    shutil.copytree(ROOT / "demo" / "corpus", base / "corpus")
    with serve_pages(ROOT / "demo") as host:
        settings = Settings(_env_file=ROOT / "demo" / "demo.env").model_copy(update={
            "corpus": base / "corpus", "index": base / "index", "analytics_db": base / "analytics.sqlite3",
            "rate_limit_per_minute": 0, "cors_origins": [host.origin]})
        report = build_index(settings.corpus, settings.index, settings, lambda: get_encoder(EncoderSpec.of(settings)))
        assert report.ok, report
        with serve_app(settings) as server:
            host.replace = {"http://127.0.0.1:8000": server}
            yield DemoSite(server, host.origin, settings, base)
