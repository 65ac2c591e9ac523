"""clean_text must drop web boilerplate yet keep every sentence of the article body."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.documents.clean import clean_text, is_boilerplate_line, is_tail_marker

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "data" / "clean"

BOILERPLATE = [
    "Next In Business News",
    "Others Also Read",
    "Related reading",
    "All rights reserved",
    "Tel:",
    "E-mail",
    "WhatsApp",
    "</p",
    "Read a total of",
    "Home >",
    "AirAsia",
    "Bo State Appropriation",
    "Relevant keywords",
    "Wenzhou , China , export , trade",
    "Focus On TextileClothing",
]

# Body paragraphs of each corpus file, as 1-based inclusive line ranges of the raw file,
# identified by reading the files (blank lines inside a range are ignored).
BODY_LINES = {
    "000": (3, 10),
    "001": (1, 8),
    "002": (4, 10),
    "003": (4, 26),
    "004": (9, 15),
}
# Headlines are metadata, not body: clean_text leaves them to extract_title.
HEADLINES = {
    "000": "Building a digital platform and improving overseas networks",
    "002": "[Promote the construction of a strong manufacturing country",
    "003": "Wenzhou bolsters efforts for trade, SMEs",
    "004": "The Ministry Of Industry And Commerce Convened A Symposium",
}


def squash(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """Split at Western sentence ends followed by a space and at every Chinese end mark."""
    parts = re.split(r"(?<=[.!?])\s+|(?<=[。！？；])", squash(text))
    return [p.strip() for p in parts if p.strip()]


def corpus_file(key: str) -> Path:
    (path,) = CORPUS.glob(f"{key}_*.txt")
    return path


def body_of(key: str) -> str:
    first, last = BODY_LINES[key]
    lines = corpus_file(key).read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[first - 1 : last])


def assert_keeps_sentences(body: str, cleaned: str) -> None:
    flat = squash(cleaned)
    missing = [s for s in sentences(body) if s not in flat]
    assert not missing, f"{len(missing)} body sentences lost, first: {missing[0]!r}"


@pytest.mark.parametrize("key", sorted(BODY_LINES))
def test_corpus_boilerplate_removed(key: str) -> None:
    cleaned = clean_text(corpus_file(key).read_text(encoding="utf-8"))
    found = [b for b in BOILERPLATE if b in cleaned]
    assert not found


@pytest.mark.parametrize("key", sorted(BODY_LINES))
def test_corpus_every_body_sentence_survives(key: str) -> None:
    body = body_of(key)
    assert len(sentences(body)) >= 5  # the line ranges really cover a body
    assert_keeps_sentences(body, clean_text(corpus_file(key).read_text(encoding="utf-8")))


@pytest.mark.parametrize("key", sorted(HEADLINES))
def test_corpus_headline_not_in_body(key: str) -> None:
    cleaned = clean_text(corpus_file(key).read_text(encoding="utf-8"))
    assert HEADLINES[key] not in cleaned


def test_corpus_body_boundaries() -> None:
    cleaned = clean_text(corpus_file("004").read_text(encoding="utf-8"))
    assert cleaned.startswith("In November 25th, the consumer goods division")
    assert cleaned.endswith("accelerate the development of textile and garment industry clusters.")
    assert "2019/11/29" not in cleaned
    assert "Departmental notices" not in cleaned


def test_normalisation() -> None:
    raw = (
        "\ufeffHeadline\r\n\r\nThe first\u200b  sentence\t\thas many   words in it.\r"
        "A second line also has plenty of words here.\r\n"
    )
    assert clean_text(raw) == (
        "The first sentence has many words in it.\n\nA second line also has plenty of words here."
    )


def test_chinese_page_with_related_tail_and_copyright_footer() -> None:
    raw = (FIXTURES / "zh_policy.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    junk_strings = ["相关阅读", "版权所有", "ICP备", "责任编辑", "首页", "当前位置", "浏览次数"]
    junk_strings += ["发布时间", "字号", "联系电话", "工信部发布纺织行业指导意见"]
    junk_strings += ["稳外贸政策持续发力"]
    for junk in junk_strings:
        assert junk not in cleaned, junk
    body = "\n".join(raw.splitlines()[6:13])
    assert_keeps_sentences(body, cleaned)
    # Headings between body paragraphs are part of the article.
    assert "一、加大减税降费力度" in cleaned
    assert "二、强化融资支持" in cleaned
    assert not cleaned.startswith("关于进一步支持")


def test_markup_inside_a_sentence_is_kept_verbatim() -> None:
    cleaned = clean_text((FIXTURES / "script_in_body.txt").read_text(encoding="utf-8"))
    assert (
        "The portal once displayed the string <script>alert(1)</script> in a form field, "
        "and the agency says such input is now escaped." in cleaned
    )
    assert '<div class="share">' not in cleaned
    assert "</p" not in cleaned
    assert "Declarations filed after the deadline" in cleaned
    for junk in ["Share this", "Copyright", "All rights reserved", "Published:"]:
        assert junk not in cleaned


def test_short_items_between_paragraphs_are_kept() -> None:
    cleaned = clean_text((FIXTURES / "short_list.txt").read_text(encoding="utf-8"))
    paragraphs = cleaned.split("\n\n")
    assert paragraphs[1:4] == [
        "1. Tax and fee reductions",
        "2. Faster export tax rebates",
        "3. Credit insurance subsidies",
    ]
    assert paragraphs[0].startswith("The ministry announced five measures")
    assert paragraphs[-1].startswith("Each local bureau will publish")
    for junk in ["Home >", "Tags:", "Follow us", "You may also like", "Textile exports rise"]:
        assert junk not in cleaned


def test_link_list_between_boilerplate_is_dropped() -> None:
    raw = (
        "The bureau published the new export rules on its website this week.\n"
        "Share this article\n"
        "Textile exports rise\nNew e-commerce rules\nCotton prices fall\n"
        "Copyright 2023 Example News\n"
        "Officials said the rules apply to all exporters from next month.\n"
    )
    cleaned = clean_text(raw)
    assert "Cotton prices fall" not in cleaned
    assert "Textile exports rise" not in cleaned
    assert cleaned.endswith("Officials said the rules apply to all exporters from next month.")


def test_tail_marker_needs_prose_first() -> None:
    raw = (
        "Recommended\nMenu item\n\n"
        "The ministry said exporters can apply for the subsidy until the end of June.\n"
        "Recommended\n"
        "Another article teaser sentence that is long enough to look like prose.\n"
    )
    cleaned = clean_text(raw)
    assert cleaned == (
        "The ministry said exporters can apply for the subsidy until the end of June."
    )


def test_hard_wrapped_paragraph_is_rejoined() -> None:
    raw = (
        "Exporters react\n"
        "The Ministry of Commerce said on Tuesday that exporters of textile goods\n"
        "must register with the new platform before the end of the year.\n"
    )
    assert clean_text(raw) == (
        "The Ministry of Commerce said on Tuesday that exporters of textile goods "
        "must register with the new platform before the end of the year."
    )


@pytest.mark.parametrize(
    "line",
    [
        "Tel:0086-0595-83993333 E-mail:admin@example.com",
        "Address: 12 Longshi Road, Jinjiang",
        "Copyright © 2022 Example Co. All rights reserved.",
        "版权所有：中华人民共和国工业和信息化部",
        "Technical support:China polypropylene network",
        "Follow us on our official WhatsApp channel for breaking news alerts and key updates!",
        "Subscribe to our newsletter",
        "Share on Facebook",
        "Home > News > Policy",
        "当前位置：首页 > 政策",
        "Read a total of [47] time",
        "阅读次数：120",
        "Post time: Jun-24-2022",
        "Release date:[2021/9/16] Read a total of [47] time",
        "发布时间：2021-09-16 来源：新华社",
        "2019/11/29 18:41:00 0",
        "June 24, 2022",
        "Source: China Daily",
        "</p",
        "<br>",
        '<div class="x">',
        "|",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The copyright law protects designers and the ministry will enforce it strictly.",
        "Copyright protection for designs is a priority, the ministry said today.",
        "网站访问量增长了百分之三十，企业反映良好。",
        "We provide technical support to SMEs in the region through local bureaus.",
        "The string <script>alert(1)</script> appeared in a comment on the ministry website.",
        "Exporters may call the hotline (Tel: 12345) for help with the new rules.",
        "1. Tax and fee reductions",
        "Wenzhou bolsters efforts for trade, SMEs",
    ],
)
def test_not_boilerplate_lines(line: str) -> None:
    assert not is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    ["Next In Business News", "Others Also Read", "  • Related reading", "Read the next article",
     "Relevant keywords:", "You may also like", "Previous article: Some headline", "相关阅读",
     "上一篇：关于印发纺织行业指导意见的通知", "（责任编辑：张三）", "扫一扫在手机打开当前页"],
)
def test_tail_markers(line: str) -> None:
    assert is_tail_marker(line)


def test_prose_is_not_a_tail_marker() -> None:
    assert not is_tail_marker("Next in importance is the textile sector, which employs millions.")
    assert not is_tail_marker("Recommended measures include faster tax rebates for all exporters.")
