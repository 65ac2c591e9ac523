"""The cleaner removes web chrome only, names the rule for each removed line, and keeps every line
of the document: contacts, 附件 lists and the 落款 included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.documents.clean import chrome_rule, clean, clean_text
from indexer.documents.lines import is_tail_marker
from indexer.notice.metadata import extract_title

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


def page(text: str) -> str:
    """The page's text as loading cleans it: with the title read from it."""
    return clean_text(text, extract_title(text))


@pytest.mark.parametrize("key", sorted(HEADLINES))
def test_corpus_headline_not_in_body(key: str) -> None:
    """The headline is the document's title, which every passage shows: removed as "title"."""
    raw = corpus_file(key).read_text(encoding="utf-8")
    cleaned = clean(raw, extract_title(raw))
    assert HEADLINES[key] not in cleaned.text
    assert [line for rule, line in cleaned.removed if rule == "title"][0].startswith(HEADLINES[key])


def test_corpus_body_boundaries() -> None:
    cleaned = page(corpus_file("004").read_text(encoding="utf-8"))
    # A tag line under the date has no chrome shape and no chrome around it: it stays.
    assert cleaned.startswith("Focus On TextileClothingIndustryClusterWorkSymposium\n\n"
                              "In November 25th, the consumer goods division")
    assert cleaned.endswith("accelerate the development of textile and garment industry clusters.")
    assert "2019/11/29" not in cleaned
    assert "Departmental notices" not in cleaned


def test_normalisation() -> None:
    raw = (
        "\ufeffHeadline\r\n\r\nThe first\u200b  sentence\t\thas many   words in it.\r"
        "A second line also has plenty of words here.\r\n"
    )
    assert clean_text(raw, "Headline") == (
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
    for junk in ["Share this", "Copyright", "All rights reserved"]:
        assert junk not in cleaned


def test_short_items_between_paragraphs_are_kept() -> None:
    cleaned = page((FIXTURES / "short_list.txt").read_text(encoding="utf-8"))
    paragraphs = cleaned.split("\n\n")
    assert paragraphs[0] == "Release date: 2023-03-01"  # the page's own date is the document's
    paragraphs = paragraphs[1:]
    assert paragraphs[1:4] == [
        "1. Tax and fee reductions",
        "2. Faster export tax rebates",
        "3. Credit insurance subsidies",
    ]
    assert paragraphs[0].startswith("The ministry announced five measures")
    assert paragraphs[-1].startswith("Each local bureau will publish")
    for junk in ["Home >", "Tags:", "Follow us", "You may also like", "Textile exports rise",
                 "Support measures for small exporters"]:  # the headline: the title field shows it
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
    cleaned = clean(raw)
    # A lone line without a chrome shape stays: only structure or shape removes a line.
    assert cleaned.text == (
        "Menu item\n\nThe ministry said exporters can apply for the subsidy until the end of June."
    )
    assert [rule for rule, _ in cleaned.removed] == ["related_marker", "related_marker", "after_related_marker"]


def test_hard_wrapped_paragraph_is_rejoined() -> None:
    raw = (
        "Exporters react\n"
        "The Ministry of Commerce said on Tuesday that exporters of textile goods\n"
        "must register with the new platform before the end of the year.\n"
    )
    assert clean_text(raw, "Exporters react") == (
        "The Ministry of Commerce said on Tuesday that exporters of textile goods "
        "must register with the new platform before the end of the year."
    )


def test_lettered_items_are_not_rejoined_as_wrapped_lines() -> None:
    raw = ("Knitwear grant\nEach applicant shall, at the date of application,\nbe registered in Changzhou;\n"
           "b) employ fewer than 150 people;\n(c) have no customs penalty since 2024.\n")
    assert [line for line in clean_text(raw, "Knitwear grant").split("\n") if line] == [
        "Each applicant shall, at the date of application, be registered in Changzhou;",
        "b) employ fewer than 150 people;", "(c) have no customs penalty since 2024."]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Copyright © 2022 Example Co. All rights reserved.", "copyright"),
        ("版权所有：中华人民共和国工业和信息化部", "copyright"),
        ("网站标识码：4420000049 粤ICP备05021317号", "copyright"),
        ("Follow us on our official WhatsApp channel for breaking news alerts and key updates!", "share"),
        ("Subscribe to our newsletter", "share"),
        ("Share on Facebook", "share"),
        ("分享到：", "share"),
        ("Home > News > Policy", "breadcrumb"),
        ("当前位置：首页 > 政策", "breadcrumb"),
        ("Read a total of [47] time", "view_counter"),
        ("阅读次数：120", "view_counter"),
        ("Release date:[2021/9/16] Read a total of [47] time", "view_counter"),
        ("发布时间：2021-09-16 来源：新华社 浏览次数：1836", "view_counter"),
        ("2023-02-14 09:30:12 Source: City Daily Views: 312", "view_counter"),
        ("2019/11/29 18:41:00 0", "view_counter"),
        ("【字号：大 中 小】", "page_tools"),
        ("打印本页", "page_tools"),
        ("【关闭】", "page_tools"),
        ("Tags: tax, export, SMEs", "tags"),
        ("</p", "markup"),
        ("<br>", "markup"),
        ('<div class="x">', "markup"),
        ("|", "no_content"),
    ],
)
def test_chrome_lines(line: str, rule: str) -> None:
    assert chrome_rule(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        # A notice's own fields: contacts, service windows and hotlines are what members ask about.
        "Tel:0086-0595-83993333 E-mail:admin@example.com",
        "Address: 12 Longshi Road, Jinjiang",
        "联系人：王芳",
        "联系电话：0575-84125678",
        "地址：石狮市宝盖大道188号",
        "申报系统技术支持：025-57717405",
        "服务窗口：区政务服务中心二楼",
        "联系我们：0595-88712345",
        # A page's date and source are the document's own statements.
        "Post time: Jun-24-2022",
        "发布时间：2021-09-16 来源：新华社",
        "June 24, 2022",
        "2024年11月7日",
        "Source: China Daily",
        "The copyright law protects designers and the ministry will enforce it strictly.",
        "Copyright protection for designs is a priority, the ministry said today.",
        "网站访问量增长了百分之三十，企业反映良好。",
        "We provide technical support to SMEs in the region through local bureaus.",
        "The string <script>alert(1)</script> appeared in a comment on the ministry website.",
        "Exporters may call the hotline (Tel: 12345) for help with the new rules.",
        "1. Tax and fee reductions",
        "Wenzhou bolsters efforts for trade, SMEs",
        "企业申报→区级审核→市级复核",
    ],
)
def test_not_chrome_lines(line: str) -> None:
    assert chrome_rule(line) is None


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


NOTICE_PAGE = """首页
机构概况
政务服务
互动交流
当前位置：首页 > 政务公开 > 通知公告
关于开展2024年度展会补贴申报的通知
发布时间：2024-04-02 10:15 来源：石狮市商务局 浏览次数：1836
【字号：大 中 小】
各有关企业：
为支持企业开拓国际市场，现就展会补贴申报有关事项通知如下。
一、补贴标准
按展位费的50%给予补贴，每家企业最高不超过5万元。
二、联系方式
联系人：蔡雅婷
咨询电话：0595-88702461
地址：石狮市宝盖大道188号
附件：1. 申报表
2. 参展企业名单
石狮市商务局
2024年4月2日
分享到：
微信
微博
【打印】【关闭】
相关文件
石狮市2024年就业见习补贴申领公告
版权所有：石狮市商务局 网站标识码：3505810012
"""


def test_a_notice_keeps_its_contacts_annex_list_and_signature() -> None:
    cleaned = clean(NOTICE_PAGE, title="关于开展2024年度展会补贴申报的通知")
    kept = cleaned.text.split("\n\n")
    assert kept[0] == "各有关企业："
    assert kept[-8:] == ["二、联系方式", "联系人：蔡雅婷", "咨询电话：0595-88702461", "地址：石狮市宝盖大道188号",
                         "附件：1. 申报表", "2. 参展企业名单", "石狮市商务局", "2024年4月2日"]
    rules = dict((line, rule) for rule, line in cleaned.removed)
    assert rules["首页"] == "breadcrumb"
    assert rules["机构概况"] == rules["政务服务"] == "between_chrome"  # a menu at the page's edge
    assert rules["当前位置：首页 > 政务公开 > 通知公告"] == "breadcrumb"
    assert rules["关于开展2024年度展会补贴申报的通知"] == "title"
    assert rules["微信"] == rules["微博"] == "between_chrome"  # the share bar's entries
    assert rules["相关文件"] == "related_marker"
    assert rules["石狮市2024年就业见习补贴申领公告"] == "after_related_marker"
    # Every line is kept or named.
    lines = [ln for ln in NOTICE_PAGE.split("\n") if ln]
    assert sorted(kept + list(rules)) == sorted(lines)


def test_a_menu_word_alone_before_a_letterhead_is_not_a_menu() -> None:
    """A letterhead and number above the page's chrome are the notice's, not a menu."""
    text = "江苏省商务厅\n苏商贸函〔2024〕187号\n分享到：\n各设区市商务局：\n现将有关事项通知如下，请认真执行。"
    assert clean_text(text).startswith("江苏省商务厅\n\n苏商贸函〔2024〕187号")
