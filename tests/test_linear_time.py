"""Every compiled pattern of core/, indexer/ and bot/ runs in linear time on hostile text.

The patterns are found by walking the packages (module-level ``re.Pattern`` objects, also inside
tuples, lists and dicts), so a new one is covered without being listed here. Each runs (search,
match and fullmatch) on 10,000-character runs of every whitespace character, of separators, and of
its own literals and character classes repeated (alone and with spaces), each followed by a
character that makes it fail; a run over 50 ms of CPU (the least of three tries) fails the test.
A backtracking pattern can take hours on such a string, so the runs happen in a child process
that is killed when one stalls: no string of the pattern finished within STALL_SECONDS (per
string, so a pattern with many strings on a loaded machine is slow, never taken for stalled).
"""

from __future__ import annotations

import importlib
import multiprocessing
import pkgutil
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

PACKAGES = ("core", "indexer", "bot")
RUN = 10_000
LIMIT_SECONDS = 0.05
SCREEN_SECONDS = 0.0005
STALL_SECONDS = 10.0
MAX_UNITS = 40  # of a pattern's own pieces (a gazetteer alternation has hundreds)
SEPARATORS = ":：,，、;；|｜/\\.-–—_>»›＞→*#=~+()（）[]【】〔〕《》<&\"'“”‘’!！?？。·•@%$^`{}0aA一"
WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


def patterns() -> dict[str, re.Pattern[str]]:
    """Every module-level compiled pattern of PACKAGES, by ``module.NAME[index]``."""
    found: dict[int, tuple[str, re.Pattern[str]]] = {}

    def walk(value: Any, where: str, depth: int = 0) -> None:
        if isinstance(value, re.Pattern):
            found.setdefault(id(value), (where, value))
        elif depth < 3 and isinstance(value, list | tuple | set | frozenset):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]", depth + 1)
        elif depth < 3 and isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}[{key!r}]", depth + 1)

    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            if info.name.endswith(".env") and ".migrations" in info.name:
                continue  # Alembic's env script runs only under Alembic
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                walk(value, f"{info.name}.{name}")
    return {where: p for where, p in found.values() if isinstance(p.pattern, str)}


def _units(pattern: re.Pattern[str]) -> set[str]:
    """The pattern's own pieces: each literal run, and one member of each character class."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    units: set[str] = set()
    samples = {c.CATEGORY_DIGIT: "1", c.CATEGORY_SPACE: " ", c.CATEGORY_WORD: "a",
               c.CATEGORY_NOT_DIGIT: "a", c.CATEGORY_NOT_SPACE: "a", c.CATEGORY_NOT_WORD: " "}

    def member(items: list[tuple[Any, Any]]) -> Iterator[str]:
        for op, arg in items:
            if op is c.LITERAL:
                yield chr(arg)
            elif op is c.RANGE:
                yield chr(arg[0])
                yield chr(arg[1])
            elif op is c.CATEGORY and arg in samples:
                yield samples[arg]

    def visit(seq: Any) -> None:
        run = ""
        for op, arg in seq:
            if op is c.LITERAL:
                run += chr(arg)
                continue
            if run:
                units.add(run)
                run = ""
            if op is c.IN:
                units.update(member(arg))
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                visit(arg[2])
            elif op is c.SUBPATTERN:
                visit(arg[-1])
            elif op is c.BRANCH:
                for branch in arg[1]:
                    visit(branch)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                visit(arg[1])
            elif op is c.ATOMIC_GROUP:
                visit(arg)
            elif op is c.GROUPREF_EXISTS:
                visit(arg[1])
                if arg[2] is not None:
                    visit(arg[2])
        if run:
            units.add(run)

    visit(_parser.parse(pattern.pattern, pattern.flags))
    return {u for u in units if u}


def hostile_strings(pattern: re.Pattern[str], size: int = RUN) -> list[str]:
    """Runs of whitespace, separators and the pattern's own pieces (alone, each followed by a
    space, and after one of them), each ending in a character that makes the pattern fail."""
    found = [ch * size + "x" for ch in WHITESPACE + SEPARATORS]
    units = sorted(_units(pattern), key=lambda u: (len(u), u))
    for unit in units[:: max(1, len(units) // MAX_UNITS)][:MAX_UNITS]:
        found += [unit * (size // len(unit) + 1) + "x", (unit + " ") * (size // (len(unit) + 1) + 1) + "x",
                  unit + " " * size + "x"]
    return found


def _time(op: Any, text: str) -> float:
    """CPU seconds of the least of three runs: the pattern's own cost, whatever else the shared
    machine runs at the time."""
    seconds = float("inf")
    for _ in range(3):
        started = time.thread_time()
        op(text)
        seconds = min(seconds, time.thread_time() - started)
        if seconds <= LIMIT_SECONDS:
            break
    return seconds


def _slowest(pattern: re.Pattern[str], beat: Any = None) -> tuple[float, str, str]:
    """The slowest run of ``pattern`` on its hostile strings. Each string is tried at a tenth of
    its length first: a linear pattern takes microseconds there, and only the strings that took
    over SCREEN_SECONDS are run at full length. That saves most of the test's time and loses
    nothing: a quadratic run over 50 ms at 10,000 characters takes over 0.5 ms at 1,000."""
    worst = (0.0, "", "")
    short, full = hostile_strings(pattern, RUN // 10), hostile_strings(pattern)
    for small, text in zip(short, full, strict=True):
        if beat is not None:
            beat()  # the stall limit is per string: a pattern with many strings is slow, not stalled
        for name in ("search", "match", "fullmatch"):
            op = getattr(pattern, name)
            if _time(op, small) <= SCREEN_SECONDS:
                continue
            seconds = _time(op, text)
            if seconds > worst[0]:
                worst = (seconds, name, repr(text[:12]) + f"…({len(text)} chars)")
            if seconds > LIMIT_SECONDS:
                return worst  # one slow run fails the pattern: no need to time the others
    return worst


def _child(names: list[str], conn: Any) -> None:
    found = patterns()
    for name in names:
        conn.send(("start", name, None))
        conn.send(("done", name, _slowest(found[name], lambda n=name: conn.send(("beat", n, None)))))
    conn.close()


def measure(names: list[str]) -> dict[str, tuple[float, str, str] | None]:
    """{name: (slowest seconds, operation, string) or None when it stalled}, run in child processes."""
    ctx = multiprocessing.get_context("fork")
    results: dict[str, tuple[float, str, str] | None] = {}
    todo = list(names)
    while todo:
        parent, child = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_child, args=(todo, child), daemon=True)
        process.start()
        child.close()
        current = None
        while True:
            if not parent.poll(STALL_SECONDS):
                break
            try:
                kind, name, value = parent.recv()
            except EOFError:
                break
            if kind == "start":
                current = name
            elif kind == "done":
                results[name] = value
                current = None
        process.kill()
        process.join()
        if current is not None:
            results[current] = None  # stalled: a backtracking pattern
        todo = [n for n in todo if n not in results]
        if current is None and todo:  # the child died without a stall: report what is left
            results.update({n: None for n in todo})
            todo = []
    return results


@pytest.fixture(scope="module")
def found() -> dict[str, re.Pattern[str]]:
    return patterns()


def test_the_walk_finds_the_patterns(found: dict[str, re.Pattern[str]]) -> None:
    """Patterns of every package, including ones kept in tuples (the numbering marks)."""
    assert len(found) > 150
    assert "core.dates.DATE_PATTERNS[0]" in found
    assert any(k.startswith("indexer.notice.numbering.MARKS[") for k in found)
    assert {k.split(".")[0] for k in found} == set(PACKAGES)


def test_a_backtracking_pattern_is_caught() -> None:
    """The harness itself: a pattern with adjacent quantifiers over one class stalls or is slow."""
    assert _units(re.compile(r"\s*:?\s*\d?\s*$")) >= {":", " ", "1"}
    slow = _slowest(re.compile(r"[\s:]+$"))
    assert slow[0] > LIMIT_SECONDS, slow
    assert measure(["indexer.notice.numbering.MARKS[0][1]"])["indexer.notice.numbering.MARKS[0][1]"] is not None


def test_every_pattern_is_linear(found: dict[str, re.Pattern[str]]) -> None:
    """Two children side by side, each half the patterns (the machine has two cores; each run is
    timed in its own thread's CPU seconds, so sharing the machine changes no verdict)."""
    from concurrent.futures import ThreadPoolExecutor

    names = sorted(found)
    results: dict[str, tuple[float, str, str] | None] = {}
    with ThreadPoolExecutor(2) as pool:
        for part in pool.map(measure, (names[0::2], names[1::2])):
            results.update(part)
    assert set(results) == set(names)
    slow = {name: r for name, r in results.items() if r is None or r[0] > LIMIT_SECONDS}
    assert not slow, "\n".join(
        f"{name}: {'stalled' if r is None else f'{r[0] * 1000:.0f} ms on {r[1]}({r[2]})'}"
        for name, r in sorted(slow.items()))
