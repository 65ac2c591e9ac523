"""The documentation's fenced blocks, and running the ones marked runnable against a served demo.

A block fenced as ```sh runnable is a command a reader may paste: the tests run it, in page order,
with the demo's addresses replaced by the test's (``Substitutions``), and it must exit 0.
```sh runnable background starts a command that runs until the page's blocks are done (a webhook
receiver). docs/README.md states the convention for the writers of the pages.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```$", re.M | re.S)
TIMEOUT = 180  # seconds per block: a CLI block loads the model


@dataclass(frozen=True)
class Block:
    page: Path
    start: int  # character offset in the page
    info: str  # the fence's info string: "sh runnable", "json", ...
    body: str

    @property
    def runnable(self) -> bool:
        words = self.info.split()
        return len(words) >= 2 and words[0] == "sh" and words[1] == "runnable"

    @property
    def background(self) -> bool:
        return self.runnable and "background" in self.info.split()[2:]

    @property
    def where(self) -> str:
        line = self.page.read_text(encoding="utf-8")[: self.start].count("\n") + 1
        return f"{self.page.relative_to(ROOT)}:{line}"


def pages() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    return [Block(page, m.start(), m.group(1).strip(), m.group(2)) for m in FENCE.finditer(text)]


@dataclass
class Substitutions:
    """The demo's addresses (``make demo``) and the test's."""

    server: str  # http://127.0.0.1:PORT of the served demo index
    receiver_port: int  # a free port for a webhook receiver
    demo_dir: Path  # the test's copy of .policybot/demo/
    pairs: list[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.pairs = [
            ("http://127.0.0.1:8000", self.server),
            ("127.0.0.1:9000", f"127.0.0.1:{self.receiver_port}"),
            ("--port 9000", f"--port {self.receiver_port}"),
            (".policybot/demo/", f"{self.demo_dir}/"),
            (".venv/bin/", f"{Path(sys.executable).parent}/"),
        ]

    def apply(self, command: str) -> str:
        for demo, test in self.pairs:
            command = command.replace(demo, test)
        return command


@contextlib.contextmanager
def background(command: str) -> Iterator[Path]:
    """Run ``command`` until the block exits; yields the file its output goes to."""
    with tempfile.TemporaryDirectory() as tmp, (out := Path(tmp) / "output.txt").open("wb") as sink:
        proc = subprocess.Popen(["bash", "-c", command], cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
                                start_new_session=True, env=os.environ.copy())
        try:
            yield out
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)


def run(block: Block, subs: Substitutions) -> subprocess.CompletedProcess[str]:
    """Run a runnable block as bash would (-e: the first failing command fails it)."""
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", subs.apply(block.body)], cwd=ROOT,
                          capture_output=True, text=True, timeout=TIMEOUT, env=os.environ.copy())


def run_page(page: Path, subs: Substitutions, stack: contextlib.ExitStack) -> dict[str, str]:
    """Run every runnable block of ``page`` in order; background ones stay up until ``stack`` closes.

    Returns each background block's output file by its command, for the caller's checks."""
    outputs: dict[str, str] = {}
    for block in blocks(page):
        if not block.runnable:
            continue
        if block.background:
            import time

            outputs[block.body.strip()] = str(stack.enter_context(background(subs.apply(block.body))))
            time.sleep(1.0)  # a server's socket is open before the next block uses it
            continue
        done = run(block, subs)
        assert done.returncode == 0, (
            f"{block.where} exited {done.returncode}:\n{subs.apply(block.body)}\n"
            f"--- stdout\n{done.stdout[-2000:]}\n--- stderr\n{done.stderr[-2000:]}")
    return outputs
