"""Policy record fields read from notices in English and Chinese (indexer.notice.record, through the loader)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from indexer.load import load_document
from indexer.notice.metadata import extract_title
from indexer.notice.record import extract_policy
from tests.conftest import DATA

CORPUS = DATA / "policy_corpus"
FIELDS = ("title", "issuer", "doc_number", "date", "effective_date", "expiry_date")
EXPECTED = {
    "exhibition_2021.md": ("Notice on Support for Exhibiting at Overseas Textile Trade Fairs",
                           "Keqiao District Bureau of Commerce", "Ke Shang [2021] No. 7",
                           "2021-03-10", "2021-04-01", "2022-12-31"),
    "subsidy_2022.txt": ("Notice on Subsidies for Export Credit Insurance Premiums of Textile SMEs",
                         "Shaoxing Municipal Bureau of Commerce", "Shao Shang [2022] No. 15",
                         "2022-02-15", "2022-03-01", None),
    "subsidy_2024.txt": ("Notice on Raising the Export Credit Insurance Subsidy for Textile SMEs",
                         "Shaoxing Municipal Bureau of Commerce", "Shao Shang [2024] No. 3",
                         "2023-12-20", "2024-01-01", None),
    "keqiao_2025.txt": ("绍兴市柯桥区人民政府关于印发《柯桥区纺织企业数字化改造扶持办法》的通知",
                        "绍兴市柯桥区人民政府", "柯政发〔2025〕8号", "2025-01-10", "2025-02-01", "2028-01-31"),
    "zj_2023.txt": ("浙江省商务厅关于支持纺织服装企业参加境外展会的通知", "浙江省商务厅",
                    "浙商务发［2023］12号", "2023-03-01", "2023-03-01", None),
    "zj_2025.txt": ("关于进一步支持纺织服装企业开拓境外市场的通知", "浙江省商务厅 浙江省财政厅",
                    "浙商务发〔2025〕3号", "2025-02-10", "2025-03-01", "2027-12-31"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_notices_yield_every_field(name: str) -> None:
    doc = load_document(CORPUS / name, Path(name).stem, name, 10**7)
    assert tuple(getattr(doc, f) for f in FIELDS) == EXPECTED[name]


def test_replacing_notices_name_what_they_replace_by_number_and_title() -> None:
    new = load_document(CORPUS / "subsidy_2024.txt", "subsidy_2024", "subsidy_2024.txt", 10**7)
    assert "Shao Shang [2022] No. 15" in new.replaces
    assert "Notice on Subsidies for Export Credit Insurance Premiums of Textile SMEs" in new.replaces
    zh = load_document(CORPUS / "zj_2025.txt", "zj_2025", "zj_2025.txt", 10**7)
    assert "浙商务发［2023］12号" in zh.replaces and zh.doc_number not in zh.replaces
    old = load_document(CORPUS / "zj_2023.txt", "zj_2023", "zj_2023.txt", 10**7)
    assert old.replaces == ()


def test_sidecar_overrides_what_the_text_says(tmp_path: Path) -> None:
    doc = tmp_path / "n.txt"
    doc.write_text((CORPUS / "subsidy_2022.txt").read_text(), encoding="utf-8")
    (tmp_path / "n.meta.json").write_text(
        '{"doc_number": "SS-15", "valid_until": "2023年6月30日", "effective": "not a date", "文号": "x"}',
        encoding="utf-8")
    loaded = load_document(doc, "n", "n.txt", 10**7)
    # The exact key wins over its alias; an unreadable sidecar date leaves the text's reading.
    assert (loaded.doc_number, loaded.expiry_date, loaded.effective_date) == ("SS-15", "2023-06-30", "2022-03-01")


def test_front_matter_states_the_record(tmp_path: Path) -> None:
    doc = tmp_path / "fm.md"
    doc.write_text("---\ntitle: Rebates\ndoc_number: Guo Shui [2023] No. 9\neffective: 1 July 2023\n"
                   "expires: 2025/06/30\n---\n\nExporters of yarn get a 13% VAT rebate on exports.\n",
                   encoding="utf-8")
    loaded = load_document(doc, "fm", "fm.md", 10**7)
    assert (loaded.doc_number, loaded.effective_date, loaded.expiry_date) == (
        "Guo Shui [2023] No. 9", "2023-07-01", "2025-06-30")


ZH_HEAD = "浙江省经济和信息化厅\n浙经信［2024］第021号\n关于开展2024年度\n纺织行业“专精特新”企业认定工作的通知\n\n"


def test_chinese_head_layouts_title_broken_over_two_lines_and_number_with_square_brackets() -> None:
    text = ZH_HEAD + "各市经信局：\n为培育专精特新企业，现就认定工作通知如下。\n"
    assert extract_title(text) == "关于开展2024年度纺织行业“专精特新”企业认定工作的通知"
    found = extract_policy(text)
    assert found.doc_number == "浙经信［2024］第021号"
    assert found.issuer is None  # an issuer line with no date under it is not a signature


@pytest.mark.parametrize(("text", "issue", "effective", "expiry"), [
    ("本通知自印发之日起施行，有效期两年。", "2024-03-15", "2024-03-15", "2026-03-14"),
    ("本通知自印发之日起施行，有效期两年。", None, None, None),  # no issue date: no guess
    ("本办法自2025年1月起施行，有效期2年。", None, None, None),  # a month is not an exact day
    ("第十条 自二〇二四年七月一日起施行，有效期至二〇二六年六月三十日。", None, "2024-07-01", "2026-06-30"),
    ("有效期自2025年1月1日至2027年12月31日。", None, "2025-01-01", "2027-12-31"),
    ("有效期至：2027年12月31日", None, None, "2027-12-31"),
    ("经认定的企业资质有效期至2027年12月31日，证书有效期3年。", None, None, None),
    ("申报截止日期：2025年3月31日。企业自2025年1月1日起执行新标准。", None, None, None),
    ("This notice comes into force on 1 July 2023 and remains in force until 30 June 2025.", None,
     "2023-07-01", "2025-06-30"),
    ("The tariff cut takes effect on 1 March 2022. Applications close on 30 April 2022.", None, None, None),
    ("Effective date: 2022-02-30\nExpiry date: 31 December 2024", None, None, "2024-12-31"),
    ("These measures shall take effect from the date of issuance and are valid for three years.",
     "2023-05-04", "2023-05-04", "2026-05-03"),
    ("生效日期：2025-02-01\n失效日期：2027年1月31日", None, "2025-02-01", "2027-01-31"),
    ("Period of validity: 1 January 2024 to 31 December 2025", None, "2024-01-01", "2025-12-31"),
    ("This Circular shall be effective as of January 1, 2024 and shall expire on December 31, 2026.", None,
     "2024-01-01", "2026-12-31"),
    ("本办法自发布之日起30日后施行。", "2024-05-05", None, None),  # not the issue date itself: no guess
    ("This notice applies with effect from 1 March 2022 and lapses on 28 February 2023.", None,
     "2022-03-01", "2023-02-28"),
    ("本通知自2025年1月1日起至2027年12月31日止执行。", None, "2025-01-01", "2027-12-31"),
    ("本办法自2025年1月1日起试行，试行期两年。", None, "2025-01-01", "2026-12-31"),
    ("本通知有效期至2027年底。", None, None, None),  # not a day
    ("This circular is in effect for three months from the date of publication.", "2026-02-10", "2026-02-10",
     "2026-05-09"),
    ("These rules are valid for three years from 1 June 2023.", None, "2023-06-01", "2026-05-31"),
    ("This scheme applies from 1 July 2023 to 30 June 2025.", None, "2023-07-01", "2025-06-30"),
    ("This programme runs from 1 July 2023 to 30 June 2025.", None, "2023-07-01", "2025-06-30"),
    ("This notice is in effect from 1 July 2023.", None, "2023-07-01", None),
])
def test_validity_statements_about_the_document_itself(text, issue, effective, expiry) -> None:
    found = extract_policy(text, issue)
    assert (found.effective_date, found.expiry_date) == (effective, expiry)


@pytest.mark.parametrize(("text", "issuer"), [
    ("发文机关：中国纺织工业联合会\n正文。", "中国纺织工业联合会"),
    ("中国纺织工业联合会文件\n中纺联〔2024〕5号\n关于X的通知\n", "中国纺织工业联合会"),
    ("关于X的通知\n各会员单位：\n请认真贯彻落实本通知的各项要求，按时报送材料。\n浙江省商务厅\n浙江省财政厅\n2021年9月16日\n",
     "浙江省商务厅、浙江省财政厅"),
    ("Notice on X\nAll members shall report their export data by the end of each quarter as required.\n"
     "China National Textile and Apparel Council\nSeptember 16, 2021\n", "China National Textile and Apparel Council"),
    ("Notice on X\nMembers should read this notice with care before applying for support.\n", None),
])
def test_issuer_from_a_label_a_letterhead_or_the_signature(text: str, issuer: str | None) -> None:
    assert extract_policy(text).issuer == issuer


def test_issuer_and_date_on_one_line_and_a_portal_metadata_block() -> None:
    assert extract_policy("请各单位认真贯彻落实执行本通知。\n浙江省商务厅 2025年1月10日").issuer == "浙江省商务厅"
    portal = extract_policy("索引号：001008003021001/2025-00012\n发布机构：浙江省商务厅\n成文日期：2025-01-10\n"
                            "文号：浙商务发〔2025〕1号\n")
    assert (portal.issuer, portal.doc_number) == ("浙江省商务厅", "浙商务发〔2025〕1号")


def test_a_sentence_starting_with_a_number_is_not_the_documents_number() -> None:
    found = extract_policy("本通知施行后原浙商务发〔2023〕12号文件同时废止。")
    assert found.doc_number is None and found.replaces == ("浙商务发〔2023〕12号",)


def test_a_chinese_word_notice_without_properties(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in ("中国纺织工业联合会文件", "中纺联［2024］12号", "关于印发《纺织行业绿色工厂评价办法》的通知",
                 "各会员单位：", "现将《纺织行业绿色工厂评价办法》印发给你们，请遵照执行。",
                 "本办法自二〇二四年七月一日起施行，有效期至2026年6月30日。", "中国纺织工业联合会", "2024年6月20日"):
        document.add_paragraph(line)
    document.core_properties.title = ""
    document.save(tmp_path / "green.docx")
    doc = load_document(tmp_path / "green.docx", "green", "green.docx", 10**7)
    assert doc.title == "关于印发《纺织行业绿色工厂评价办法》的通知"
    assert (doc.issuer, doc.doc_number, doc.effective_date, doc.expiry_date) == (
        "中国纺织工业联合会", "中纺联［2024］12号", "2024-07-01", "2026-06-30")


def test_an_english_announcement_with_an_upper_case_letterhead() -> None:
    text = ("MINISTRY OF COMMERCE OF THE PEOPLE'S REPUBLIC OF CHINA\nAnnouncement No. 12 of 2023\n"
            "Announcement on Adjusting Export Tax Rebates for Textile Products\n"
            "In order to support textile exporters, the following is hereby announced:\n"
            "1. The export tax rebate rate for cotton yarn is raised to 13%.\n"
            "2. This Announcement shall come into force on 1 July 2023.\n"
            "3. Announcement No. 5 of 2021 shall be repealed at the same time.\nMinistry of Commerce\nJune 20, 2023\n")
    assert extract_title(text) == "Announcement on Adjusting Export Tax Rebates for Textile Products"
    found = extract_policy(text)
    assert (found.issuer, found.doc_number, found.effective_date) == (
        "Ministry of Commerce", "Announcement No. 12 of 2023", "2023-07-01")
    assert found.replaces == ("Announcement No. 5 of 2021",)


def test_a_portal_page_keeps_its_metadata_block_out_of_the_title() -> None:
    text = ("首页 > 政务公开 > 政策文件\n索引号： 11330000002482870M/2025-123456\n"
            "发布机构： 浙江省经济和信息化厅\n文号： 浙经信技术〔2025〕45号\n"
            "浙江省经济和信息化厅关于组织开展纺织服装产业集群培育工作的通知\n各市经信局：\n"
            "为加快培育先进纺织服装产业集群，现将有关事项通知如下。\n本通知自印发之日起施行，有效期至2026年12月31日。\n")
    assert extract_title(text) == "浙江省经济和信息化厅关于组织开展纺织服装产业集群培育工作的通知"
    found = extract_policy(text, "2025-03-10")
    assert (found.issuer, found.doc_number, found.effective_date, found.expiry_date) == (
        "浙江省经济和信息化厅", "浙经信技术〔2025〕45号", "2025-03-10", "2026-12-31")


def test_a_headline_naming_an_office_is_still_a_title() -> None:
    assert extract_title("Keqiao Textile Office Opens a New Service Hall\nThe office opened on Monday, "
                         "serving exporters in the district with customs and tax questions.\n") == \
        "Keqiao Textile Office Opens a New Service Hall"


def test_a_number_quoted_in_the_body_is_not_the_documents_own() -> None:
    text = ("关于转发省厅通知的通知\n各镇街：\n根据《浙江省商务厅关于支持外贸的通知》（浙商务发〔2023〕12号）精神，"
            "现转发给你们，请认真贯彻执行。\n")
    found = extract_policy(text)
    assert found.doc_number is None and found.replaces == ()


def test_replacement_references_in_both_languages() -> None:
    zh = extract_policy("本通知自2025年3月1日起施行。《关于促进纺织业发展的若干意见》（柯政发［2021］15号）同时废止。")
    assert zh.replaces == ("柯政发［2021］15号", "关于促进纺织业发展的若干意见")
    en = extract_policy('The "Interim Measures on Cluster Support" (Ke Shang [2020] No. 4) are hereby repealed.')
    assert en.replaces == ("Ke Shang [2020] No. 4", "Interim Measures on Cluster Support")
    # "replaced by" another document is not this one replacing it.
    assert extract_policy("Shao Shang [2022] No. 15 was replaced by Shao Shang [2024] No. 3.").replaces == ()


@pytest.mark.parametrize("text", [
    "〔" * 200_000, "关于" * 100_000, "Effective " * 50_000, "2021年" * 50_000, "自" + "1" * 200_000,
    ("本通知" + "《" * 500 + "废止。") * 200, "A [2021] No. " * 30_000,
])
def test_hostile_text_is_read_in_linear_time(text: str) -> None:
    started = time.perf_counter()
    extract_policy(text, "2024-01-01")
    extract_title(text)
    assert time.perf_counter() - started < 5


def test_a_title_line_in_book_title_marks() -> None:
    text = "《柯桥区纺织产业扶持政策（2025年修订）》\n为推动纺织产业高质量发展，制定本政策，请各单位认真执行。\n"
    assert extract_title(text) == "柯桥区纺织产业扶持政策（2025年修订）"


def test_a_number_labelled_ref_is_the_document_number() -> None:
    from indexer.notice.record import extract_policy
    text = "Overseas Fair Grant 2027\n\nRef: Jin Shang [2026] No. 77\n\nFirms may apply.\n"
    assert extract_policy(text).doc_number == "Jin Shang [2026] No. 77"
    assert extract_policy("Fair Grant\n\nReferences: see the annex\n").doc_number is None
