"""Titles and dates come from the raw page; wrong ones would be shown in every citation."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.dates import parse_date_at
from indexer.documents.clean import clean_text
from indexer.notice.metadata import extract_date, extract_title, fallback_title

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "data" / "clean"

EXPECTED = {
    "000": (
        "Building a digital platform and improving overseas networks, China Textile Federation "
        "helps small and medium-sized textile enterprises to stabilize foreign trade",
        "2022-06-24",
    ),
    "001": (None, None),
    "002": (
        "Promote the construction of a strong manufacturing country and a network power, "
        "and help build a well-off society in an all-round way",
        "2021-09-16",
    ),
    "003": ("Wenzhou bolsters efforts for trade, SMEs", None),
    "004": (
        "The Ministry Of Industry And Commerce Convened A Symposium On Key Textile And Garment "
        "Industry Cluster Work",
        "2019-11-29",
    ),
}


def raw(key: str) -> str:
    (path,) = CORPUS.glob(f"{key}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_corpus_title(key: str) -> None:
    assert extract_title(raw(key)) == EXPECTED[key][0]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_corpus_date(key: str) -> None:
    assert extract_date(raw(key)) == EXPECTED[key][1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Post time: Jun-24-2022", "2022-06-24"),
        ("Release date:[2021/9/16] Read a total of [47] time", "2021-09-16"),
        ("Published: June 24, 2022", "2022-06-24"),
        ("Published on 3 March 2023 by staff", "2023-03-03"),
        ("Date: 24 June 2022", "2022-06-24"),
        ("Posted on Sep. 5th, 2021", "2021-09-05"),
        ("发布时间：2021年9月16日", "2021-09-16"),
        ("发布日期：2021-09-16 来源：新华社", "2021-09-16"),
        ("成文日期：二〇二一年九月十六日", "2021-09-16"),
        ("日期：2021.9.16", "2021-09-16"),
        ("发布日期：20210916", "2021-09-16"),
        ("2021/9/16", "2021-09-16"),
        ("2021-09-16", "2021-09-16"),
        ("2021.9.16", "2021-09-16"),
        ("Jun-24-2022", "2022-06-24"),
        ("June 24, 2022", "2022-06-24"),
        ("24 June 2022", "2022-06-24"),
        ("Friday, June 24, 2022", "2022-06-24"),
        ("[2021-09-16]", "2021-09-16"),
        ("2021年09月16日 10:30", "2021-09-16"),
        ("2019/11/29 18:41:00 0", "2019-11-29"),
        ("２０２１－０９－１６", "2021-09-16"),
        ("20210916", None),  # compact form only when labelled
        ("2021-02-30", None),  # not a calendar day
        ("Date: 1975-01-01", None),  # out of range
        ("Date: 2101-01-01", None),
        ("Updated 2022-01-01 after review", None),
        ("The law passed on 2021-09-16 and took effect after a long debate in parliament.", None),
    ],
)
def test_date_formats(text: str, expected: str | None) -> None:
    assert extract_date(text) == expected


def test_parse_date_at_position() -> None:
    assert parse_date_at("on 2021/9/16", 3) == "2021-09-16"
    assert parse_date_at("20210916") is None
    assert parse_date_at("20210916", compact=True) == "2021-09-16"


def test_date_never_taken_from_prose() -> None:
    text = (
        "Keqiao District now has more than 30,000 textile business households. In order to "
        "speed up the cultivation of new trade models, in November 2020 On the 25th, Keqiao "
        "District was awarded the plaque.\n"
    )
    assert extract_date(text) is None


def test_labelled_date_beats_date_only_line() -> None:
    text = "2020-01-01\nSome headline\nBody sentence with enough words to be prose here.\n"
    assert extract_date(text + "Post time: 2021-05-06\n") == "2021-05-06"
    assert extract_date(text) == "2020-01-01"


def test_dates_after_tail_marker_are_other_articles() -> None:
    text = (
        "Headline of the page\n"
        "The bureau announced new support measures for textile exporters today.\n"
        "Related reading\n"
        "Other article title\n"
        "2019/11/29 14:27:00\n"
    )
    assert extract_date(text) is None


def test_chinese_fixture_metadata() -> None:
    text = (FIXTURES / "zh_policy.txt").read_text(encoding="utf-8")
    assert extract_title(text) == "关于进一步支持中小微企业纾困发展的通知"
    assert extract_date(text) == "2021-09-16"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Home >\n\nChina cuts tariffs on textile machinery\n2022-01-01\nBody.",
         "China cuts tariffs on textile machinery"),
        ("Menu\nChina cuts tariffs on textile machinery\nThe State Council said it would cut "
         "tariffs on imported textile machinery.", "China cuts tariffs on textile machinery"),
        ("【关于进一步支持中小微企业纾困发展的通知】\n正文内容在这里，这是一个很长的句子。",
         "关于进一步支持中小微企业纾困发展的通知"),
        ("Title: Export rules for 2023\nBody text follows here with many words in it.",
         "Export rules for 2023"),
        ("The ministry said exporters can apply for the subsidy until the end of June.", None),
        ("", None),
    ],
)
def test_extract_title(text: str, expected: str | None) -> None:
    assert extract_title(text) == expected


def test_fallback_title_english() -> None:
    body = clean_text(raw("001"))
    # Cut at the phrase boundary before "that", not in the middle of "as of November".
    assert fallback_title(body) == "It was learned from the Textile City Construction Management Committee…"
    assert fallback_title("Short one. Second sentence here.") == "Short one"
    assert fallback_title("one two three four five", max_words=3) == "one two three…"
    assert fallback_title("") == ""
    # A cut never leaves a dangling word; a clause's comma is a boundary.
    assert fallback_title("The bureau raised the subsidy for the exhibitors of the fair in May",
                          max_words=8) == "The bureau raised the subsidy for the exhibitors…"
    assert fallback_title("In its first year the pilot exported goods worth 12.1 billion yuan, and it plans "
                          "more services for small traders next year") == (
        "In its first year the pilot exported goods worth 12.1 billion yuan…")


def test_fallback_title_chinese() -> None:
    body = "关于进一步支持中小微企业纾困发展的通知要求各地加大减税降费力度并强化融资支持。"
    body += "后续句子。"
    title = fallback_title(body)
    assert title.endswith("…")
    assert len(title) <= 31
    assert body.startswith(title[:-1])
    assert fallback_title("支持中小企业发展。第二句。") == "支持中小企业发展"
    # The cut falls at the last comma within 30 characters.
    assert fallback_title("今年柯桥区共有120家纺织企业首次参加境外展会，其中80家为中小微企业，"
                          "展位费补助已全部发放到位。") == "今年柯桥区共有120家纺织企业首次参加境外展会…"
