"""Line shapes: one normalisation before every classifier, and every text pass in linear time."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from indexer.documents.clean import clean
from indexer.documents.formats.text import markdown_to_text
from indexer.documents.lines import (
    INVISIBLE,
    LINE_BREAKS,
    SPACES,
    is_tail_marker,
    match_date_line,
    normalise_line,
    normalise_text,
)
from indexer.notice.metadata import extract_date
from indexer.notice.structure import parse

WHITESPACE = [chr(c) for c in range(0x110000) if chr(c).isspace()]


def test_every_whitespace_character_is_listed() -> None:
    assert sorted(WHITESPACE) == sorted(SPACES + LINE_BREAKS)


@pytest.mark.parametrize("space", [ch for ch in WHITESPACE if ch not in LINE_BREAKS])
def test_every_whitespace_character_becomes_one_space(space: str) -> None:
    assert normalise_line(f" a{space * 3}b{space}") == "a b"


def test_line_breaks_and_invisible_characters() -> None:
    text = "a\r\nb\rc\u2028d\u2029e"
    assert normalise_text(text).split("\n") == ["a", "b", "c", "d", "e"]
    assert normalise_line("\u202e通知\ufeff\u200b标题\x00\x07") == "通知标题"
    assert all(normalise_line(f"x{ch}y") == "xy" for ch in INVISIBLE)


def _seconds(fn: Callable[[], object]) -> float:
    started = time.thread_time()
    fn()
    return time.thread_time() - started


# The inputs that stalled a worker: each took seconds to hours before.
@pytest.mark.parametrize(("name", "run"), [
    ("date line with U+205F", lambda n: match_date_line("2025-01-01" + "\u205f" * n + "x")),
    ("date line with spaces", lambda n: match_date_line("2025-01-01" + " " * n + "x")),
    ("tail marker of colons", lambda n: is_tail_marker(":" * n + "x")),
    ("table rule of spaces", lambda n: markdown_to_text(" " * n + "x")),
    ("quote markers", lambda n: markdown_to_text("> " * n + "x")),
    ("clean a run of U+2000", lambda n: clean("标题\n" + "\u2000" * n + "x\n正文内容，说明如下。")),
    ("date of a run of spaces", lambda n: extract_date("Posted on:" + " " * n + "x")),
    ("structure of one long line", lambda n: parse("一、" + "申报" * n + "\n附件：" + ":" * n)),
])
def test_hostile_lines_take_linear_time(name: str, run: Callable[[int], object]) -> None:
    assert _seconds(lambda: run(100_000)) < 1.0, name


def test_the_news_date_line_is_the_date() -> None:
    text = "Exporters get new help\n2023-02-14 09:30:12   Source: City Daily   Views: 312\n\n" \
           "The city announced new support for exporters on Tuesday, officials said."
    assert extract_date(text) == "2023-02-14"
    assert match_date_line("2023-02-14 09:30:12 Source: City Daily Views: 312") is not None
    cleaned = clean(text)
    assert cleaned.removed == (("view_counter", "2023-02-14 09:30:12 Source: City Daily Views: 312"),)
