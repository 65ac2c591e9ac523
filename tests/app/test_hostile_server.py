"""Hostile uploads against a real server started as the README says: 2 workers, admin and API keys,
a CORS origin. Memory is each worker's peak RSS (VmHWM), read from /proc after every attack."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import CORPUS
from tests.servers import serving, workers_of

pytestmark = pytest.mark.e2e  # the real model, a real index, real processes

ADMIN = "hostile-admin-key"
AUTH = {"Authorization": f"Bearer {ADMIN}"}
PEAK_RSS_LIMIT = 1_200_000_000  # a worker idles at ~350 MB; the bombs took 2.1-3.7 GB before


class Server:
    def __init__(self, proc: subprocess.Popen, base: str, corpus: Path, tmp: Path) -> None:
        self.proc, self.base, self.corpus, self.tmp = proc, base, corpus, tmp

    def peak_rss(self) -> int:
        """The largest peak resident size among the workers, in bytes."""
        peaks = []
        for pid in workers_of(self.proc.pid):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) * 1024)
        return max(peaks)

    def upload(self, name: str, content: bytes, timeout: float = 120, **params: str) -> httpx.Response:
        return httpx.post(f"{self.base}/api/documents", headers=AUTH, params=params, timeout=timeout,
                          files={"file": (name, content, "application/octet-stream")})


@pytest.fixture(scope="module")
def server(real_settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base_dir = tmp_path_factory.mktemp("hostile")
    corpus, index, tmp = base_dir / "corpus", base_dir / "index", base_dir / "tmp"
    shutil.copytree(CORPUS, corpus)
    tmp.mkdir()
    env = {**os.environ, "POLICYBOT_CORPUS": str(corpus), "POLICYBOT_INDEX": str(index),
           "POLICYBOT_ADMIN_KEYS": f'["{ADMIN}"]', "POLICYBOT_API_KEYS": '["member-key"]',
           "POLICYBOT_CORS_ORIGINS": '["https://www.example.org"]', "POLICYBOT_RATE_LIMIT_PER_MINUTE": "600",
           "POLICYBOT_ANALYTICS_DB": str(base_dir / "log.sqlite3"), "TMPDIR": str(tmp)}
    shutil.copytree(real_settings.index, index)  # the session's index of the same corpus: what `index` builds
    with serving([], env) as (proc, base, _):
        yield Server(proc, base, corpus, tmp)


def _disk_use(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_an_unauthenticated_upload_is_refused_before_it_reaches_the_disk(server: Server) -> None:
    def body() -> Iterator[bytes]:  # chunked: 200 MB that the server must not wait for
        chunk = b"x" * (1 << 20)
        for _ in range(200):
            yield chunk

    started = time.monotonic()
    try:
        r = httpx.post(f"{server.base}/api/documents", content=body(), timeout=60,
                       headers={"content-type": "multipart/form-data; boundary=x"})
        status = r.status_code
    except httpx.HTTPError:  # the server answered and closed while we were still sending
        status = 401
    assert status == 401
    assert time.monotonic() - started < 10
    assert _disk_use(server.tmp) < 1_000_000
    assert sorted(p.name for p in server.corpus.iterdir() if not p.name.startswith(".")) == sorted(
        p.name for p in CORPUS.iterdir())


def _docx_bomb(inflated: int) -> bytes:
    """A .docx whose word/document.xml inflates to ``inflated`` bytes (a run of one letter)."""
    import docx

    plain = io.BytesIO()
    docx.Document().save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                dst.writestr(item, src.read(item))
        with dst.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         b"<w:body><w:p><w:r><w:t>")
            block = b"a" * (1 << 20)
            for _ in range(inflated >> 20):
                handle.write(block)
            handle.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


YAML_BOMB = "\n".join([
    "---",
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    *[f"{n}: &{n} [{','.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)],
    "title: *i",
    "---",
    "Body text of a policy notice about textile exports.",
]).encode()


@pytest.mark.parametrize(("name", "make", "limit"), [
    ("bomb.docx", lambda: _docx_bomb(400 << 20), "bytes"),
    ("bomb.md", lambda: YAML_BOMB, "alias"),
    ("long.txt", lambda: b"The federation supports exporters. " * 560_000, "characters"),
])
def test_bombs_are_refused_naming_the_limit_with_bounded_memory_and_time(server: Server, name, make, limit) -> None:
    content = make()
    started = time.monotonic()
    r = server.upload(name, content)
    assert r.status_code == 422, r.text
    assert limit in r.json()["detail"].lower(), r.text
    assert time.monotonic() - started < 60
    assert server.peak_rss() < PEAK_RSS_LIMIT
    assert not (server.corpus / name).exists()
    assert httpx.get(f"{server.base}/api/documents/{Path(name).stem}", timeout=30).status_code == 404


def test_a_pdf_of_many_pages_is_refused(server: Server) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(2000):
        writer.add_blank_page(72, 72)
    out = io.BytesIO()
    writer.write(out)
    r = server.upload("pages.pdf", out.getvalue())
    assert r.status_code == 422 and "pages" in r.json()["detail"], r.text


def test_every_worker_sees_a_change_at_its_next_request(server: Server) -> None:
    text = b"Silk certification\n\nThe Hangzhou Silk Inspection Bureau certifies organic silk exports.\n"
    assert server.upload("silk.txt", text).status_code == 201
    # New connections each time, so the kernel spreads them over both workers.
    codes = [httpx.get(f"{server.base}/api/documents/silk", timeout=30).status_code for _ in range(12)]
    assert codes == [200] * 12
    assert httpx.delete(f"{server.base}/api/documents/silk", headers=AUTH, timeout=60).status_code == 200
    codes = [httpx.get(f"{server.base}/api/documents/silk", timeout=30).status_code for _ in range(12)]
    assert codes == [404] * 12


def test_concurrent_valid_and_broken_uploads_across_workers(server: Server) -> None:
    valid = b"Dyeing subsidy\n\nThe Keqiao dyeing subsidy covers wastewater upgrades for small mills.\n"
    for round_ in range(4):
        results: dict[str, int] = {}

        def send(kind: str, name: str, content: bytes, results: dict[str, int] = results) -> None:
            results[kind] = server.upload(name, content, replace="true").status_code

        threads = [threading.Thread(target=send, args=("valid", "dye.txt", valid)),
                   threading.Thread(target=send, args=("broken", "dye.pdf", b"%PDF-1.4 not a pdf %%EOF"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert results == {"valid": 201, "broken": 422}, (round_, results)
        doc = httpx.get(f"{server.base}/api/documents/dye", timeout=30)
        assert doc.status_code == 200 and doc.json()["source"] == "dye.txt", round_
        assert httpx.delete(f"{server.base}/api/documents/dye", headers=AUTH, timeout=60).status_code == 200


def test_same_stem_and_long_names(server: Server) -> None:
    stem = next(p.stem for p in CORPUS.iterdir() if p.suffix == ".txt")
    r = server.upload(f"{stem}.md", b"# Other\n\nA different document with the same id.\n")
    assert r.status_code == 409 and f"{stem}.txt" in r.json()["detail"]
    assert httpx.get(f"{server.base}/api/documents/{stem}", timeout=30).json()["source"] == f"{stem}.txt"
    for length in (255, 300):
        r = server.upload("n" * (length - 4) + ".txt", b"Name\n\nA document with a long name.\n")
        assert r.status_code == 422 and str(server.corpus) not in r.text
