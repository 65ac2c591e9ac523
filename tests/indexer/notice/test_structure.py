"""A notice's structure: every line kept as one block, headings, lists, contacts, annexes, 落款."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench import notice_set
from indexer.documents.clean import normalise_text
from indexer.notice.structure import parse

FINDER = Path(__file__).resolve().parents[3] / "bench" / "data" / "finder"

NOTICE = """绍兴市柯桥区商务局文件
柯商发〔2025〕6号
关于支持中小微纺织企业首次参加境外展会的通知
各镇人民政府、街道办事处：
为鼓励纺织企业开拓国际市场，现就有关事项通知如下。
一、申报条件
申报企业须同时具备以下条件：
（一）在绍兴市柯桥区依法注册的纺织企业；
（二）上年度出口额不超过1000万美元；
（三）近三年无重大违法违规记录。
二、支持标准
（一）展位费补助。按展位费的60%给予补助，每家企业最高不超过20万元。
1. 单次参展补助不超过5万元；
2. 全年累计补助不超过20万元。
三、联系方式
联系人：王芳
联系电话：0575-84125678
附件：1. 申报表
2. 柯桥区重点境外展会目录
绍兴市柯桥区商务局
2025年4月20日
附件2
柯桥区重点境外展会目录
德国法兰克福国际家用及商用纺织品展览会
法国巴黎第一视觉面料展
"""


def test_every_line_is_one_block_in_order() -> None:
    s = parse(NOTICE)
    assert [b.text for b in s.blocks] == [ln for ln in NOTICE.split("\n") if ln]


def test_parts_of_a_notice() -> None:
    s = parse(NOTICE)
    kinds = {b.text: b.kind for b in s.blocks}
    assert kinds["绍兴市柯桥区商务局文件"] == "record"
    assert kinds["柯商发〔2025〕6号"] == "record"
    assert s.title == "绍兴市柯桥区商务局关于支持中小微纺织企业首次参加境外展会的通知"
    assert kinds["各镇人民政府、街道办事处："] == "addressee"
    assert kinds["一、申报条件"] == "heading"
    assert kinds["联系人：王芳"] == kinds["联系电话：0575-84125678"] == "contact"
    assert kinds["附件：1. 申报表"] == kinds["2. 柯桥区重点境外展会目录"] == "annex_list"
    assert kinds["法国巴黎第一视觉面料展"] == "annex"
    assert (s.issuer, s.date) == ("绍兴市柯桥区商务局", "2025-04-20")


def test_heading_paths() -> None:
    by_text = {b.text: b for b in parse(NOTICE).blocks}
    assert by_text["（二）上年度出口额不超过1000万美元；"].section == "一、申报条件"
    assert by_text["2. 全年累计补助不超过20万元。"].section == "二、支持标准 › （一）展位费补助"
    assert by_text["法国巴黎第一视觉面料展"].section == "附件2"


def test_a_lead_in_holds_its_items_and_stops_at_the_next_section() -> None:
    groups = parse(NOTICE).lists()
    assert [g.lead_in.kind for g in groups] == ["lead_in", "heading"]
    assert groups[0].lead_in.text == "申报企业须同时具备以下条件："
    assert [b.text[:3] for b in groups[0].items] == ["（一）", "（二）", "（三）"]
    # items numbered straight under a heading have it as their lead ("二、支持标准" over its （一）)
    assert groups[1].lead_in.text == "二、支持标准" and groups[1].items[0].text.startswith("（一）展位费补助")


def test_english_notice() -> None:
    text = ("Department of Commerce of Jiangsu Province\nNotice on Booth-Fee Support\n"
            "To the commerce bureaus of all cities:\nThe support is set out below.\n"
            "Applicants shall meet all of the following conditions:\n"
            "1. be registered within the administrative area of Jiangsu Province;\n"
            "2. have exported less than USD 10 million in 2025.\n"
            "Contact: Li Wei, tel. 025-57710000\nDepartment of Commerce of Jiangsu Province\n2 November 2026\n")
    s = parse(text)
    assert s.title == "Notice on Booth-Fee Support"
    assert [len(g.items) for g in s.lists()] == [2]
    assert (s.issuer, s.date) == ("Department of Commerce of Jiangsu Province", "2026-11-02")
    assert [b.kind for b in s.blocks if b.text.startswith("Contact")] == ["contact"]


def test_taiwan_notice_in_traditional_characters() -> None:
    text = "勞動部 公告\n主旨：公告延長辦理。\n一、聯絡窗口\n聯絡人：黃志明\n勞動部\n中華民國115年1月23日\n"
    s = parse(text)
    assert (s.issuer, s.date) == ("勞動部", "2026-01-23")
    assert [b.kind for b in s.blocks if b.text.startswith("聯絡人")] == ["contact"]


def _same_issuer(found: str | None, gold: str) -> bool:
    return found is not None and re.sub(r"[、；;\s]", "", found) == re.sub(r"[、；;\s]", "", gold)  # 　 joins too


# Notices whose 落款 is not read as their record gives it, and why.
_SIGNED_OTHERWISE = {
    "c12_tw_ditan_zhihuihua_buzhu_114": "signs with a person's title and dates the head",
    "o02_putian_xieye_gaozhiliang_2025": "its record sums up five signing bodies as 莆田市工业和信息化局等五部门",
    "q05_jingan_danbao_daikuan_tiexi_2025": "ends with the issuer and a telephone number on one line, undated",
}


def test_signature_on_the_development_notices() -> None:
    """The 落款 of every Chinese notice of the development set but the few signed otherwise (above)."""
    checked, missed = 0, []
    for doc, notice in notice_set.notices().items():
        if notice.meta["lang"] != "zh" or notice.meta["format"] != "txt" or doc in _SIGNED_OTHERWISE:
            continue
        s = parse(normalise_text(notice_set.raw_text(notice)))
        checked += 1
        if not (_same_issuer(s.issuer, notice.meta["issuer"]) and s.date == notice.meta["date"]):
            missed.append(doc)
    assert checked >= 20 and missed == []


def _quoted_items(skip: tuple[str, ...] = (), only: tuple[str, ...] = ()) -> tuple[set[str], set[str], set[str]]:
    in_lists, numbered, quoted = set(), set(), set()
    for row in map(json.loads, (FINDER / "notices.jsonl").read_text(encoding="utf-8").splitlines()):
        if row["doc"] in skip or (only and row["doc"] not in only):
            continue
        text = normalise_text((FINDER / row["file"]).read_text(encoding="utf-8"))
        s = parse(text)
        annex = parse("\n".join(b.text for b in s.blocks if b.kind == "annex"))  # a 申报指南 printed as 附件1
        for read in (s, annex):
            in_lists |= {b.text for g in read.lists() for b in g.items}
            numbered |= {b.text for b in read.blocks if b.level > 0}
        lines = {line.strip() for line in text.splitlines()}  # an item numbered inside a paragraph is no line
        quoted |= {c["quote"] for c in row["conditions"]
                   if re.match(r"[（(]|\d+\.", c["quote"]) and c["quote"] in lines}
    return in_lists, numbered, quoted


def test_finder_condition_items_are_list_items() -> None:
    """Every condition the finder set quotes from a numbered item is read as a numbered item, and
    most of them sit in a lead-in's list (an exclusion item may stand in a plain section, a list
    straight under its heading has no lead-in)."""
    _, numbered, quoted = _quoted_items()
    assert len(quoted) >= 20
    assert sorted(quoted - numbered) == []
    # Some notices number their conditions straight under a heading, with no lead-in (g01, h01).
    in_lists, _, quoted = _quoted_items(skip=_rounds_11_and_12())
    assert len(quoted - in_lists) <= len(quoted) // 5, sorted(quoted - in_lists)


def _rounds_11_and_12() -> tuple[str, ...]:
    rows = map(json.loads, (FINDER / "notices.jsonl").read_text(encoding="utf-8").splitlines())
    return tuple(r["doc"] for r in rows if r["split"] in ("heldout11", "heldout12"))


def test_round_11_and_12_items_in_lists_as_measured() -> None:
    """Every round included: items numbered straight under their heading ("一、申报条件" over （一）（二）,
    no lead-in) are a list led by the heading, so at most a fifth of the quoted items stand outside one."""
    in_lists, _, quoted = _quoted_items()
    assert len(quoted - in_lists) <= len(quoted) // 5


def test_blank_lines_between_paragraphs_change_nothing() -> None:
    """A cleaned text or a Word file separates every paragraph with a blank line."""
    s = parse("\n\n".join(NOTICE.split("\n")))
    assert (s.issuer, s.date) == ("绍兴市柯桥区商务局", "2025-04-20")
    assert [b.kind for b in s.blocks] == [b.kind for b in parse(NOTICE).blocks]


def test_an_annex_entry_starting_with_a_year_is_no_signer() -> None:
    text = ("关于推荐的通知\n各有关单位：\n现将有关事项通知如下，请认真执行。\n附件：1.申报表\n2.2024年度推荐汇总表\n"
            "工业和信息化部办公厅\n2024年4月8日\n")
    assert parse(text).issuer == "工业和信息化部办公厅"


def test_the_signature_fills_the_record_when_nothing_above_states_it() -> None:
    """Loading takes the 落款's issuer and date when neither the file's metadata nor a label gives
    them: the Chongqing single window signs a notice no header names; a Word file has no date."""
    from indexer.documents.limits import Limits
    from indexer.load import load_document

    for doc, issuer, date in [("a06_rcep_feilvbin_yuanchandi_2023", "中国（重庆）国际贸易单一窗口", "2023-05-31"),
                              ("c11_hunan_fangzhi_pinpai_peiyu_2024", "湖南省工业和信息化厅", "2024-08-26")]:
        notice = notice_set.notices()[doc]
        loaded = load_document(notice.path, doc, notice.path.name, Limits())
        assert (loaded.issuer, loaded.date) == (issuer, date)


def test_a_table_row_is_no_heading_and_keeps_the_section_it_sits_in() -> None:
    text = ("一、扶持对象\n| 类别 | 条件 |\n| --- | --- |\n| 行业 | 丝绸 |\n| 规模 | 规上 |\n"
            "二、扶持方式\n按设备投资额的5%奖励。\nTier | Rate\nSmall | 10%\n")
    s = parse(text)
    rows = [b for b in s.blocks if "|" in b.text]
    assert {b.kind for b in rows} == {"paragraph"}
    assert {b.path for b in rows[:4]} == {("一、扶持对象",)} and {b.path for b in rows[4:]} == {("二、扶持方式",)}
    assert next(b for b in s.blocks if b.text == "二、扶持方式").path == ()


def test_table_cells() -> None:
    from indexer.notice.numbering import cells

    assert cells("| 属地 | 在本区注册 |") == ["属地", "在本区注册"] and cells("Size | Above designated size") == \
        ["Size", "Above designated size"]
    assert cells("|:---:|----|") == [] and cells("联系人：王芳") is None and cells("| only |") is None


def test_a_paragraph_after_a_list_stands_beside_it_not_under_its_last_item() -> None:
    text = ("Fund\n\nEnterprises are eligible if they:\n- are registered in Suzhou;\n"
            "- have not received support from the fund in 2025.\n\nFirms on the dishonest list are excluded.\n")
    blocks = parse(text).blocks
    assert [b.kind for b in blocks] == ["title", "lead_in", "item", "item", "paragraph"]
    assert blocks[-1].path == ()


def test_a_short_bulleted_line_is_an_item_never_a_heading() -> None:
    """A bullet heads no section: "- textile companies" is an item however short (a numbered short line
    may still be a heading: "2. Support")."""
    blocks = parse("Grant 2027\n\nWho we fund\n- textile companies\n- registered in Shaoxing\n\n2. Support\n"
                   "Half the booth fee.\n").blocks
    assert [b.kind for b in blocks if b.text.startswith("- ")] == ["item", "item"]
    assert [b.kind for b in blocks if b.text.startswith("2.")] == ["heading"]


@pytest.mark.parametrize("first", ["Who may apply", "Eligibility", "申报条件"])
def test_a_first_line_naming_the_eligibility_section_is_its_heading(first: str) -> None:
    """The loader keeps a notice's title line as the record's title, so the text may open with the
    section: that line heads the list below it, it is no title."""
    s = parse(f"{first}\n\nApplicants must meet all of the following:\n\n1. registered in Wuxi;\n\n"
              "2. fewer than 300 employees.\n\nHow to apply\n\nApply online.\n")
    assert s.blocks[0].kind == "heading" and s.blocks[1].kind == "lead_in"
    assert s.blocks[2].path == (first,)


def test_a_bank_branch_signs_alone_and_a_sub_numbered_annex_entry_never_signs() -> None:
    """A cover notice whose 落款 stands above a long annex (so it is read at the notice's head), signed
    by one bank branch or one insurer's branch company alone; and an annex list numbered under its
    annex ("3-1.", "3－2、") above the 落款."""
    annex = "\n".join(f"（{n}）第{n}项措施。各银行机构按月报送进展。" for n in range(1, 16))
    for signer, date in [("中国人民银行长沙分行", "2022-03-09"), ("中国出口信用保险公司宁波分公司", "2022-03-09")]:
        cover = (f"关于印发首贷拓展方案的通知\n各银行机构：\n现将方案印发给你们，请认真执行。\n附件：首贷拓展方案\n"
                 f"{signer}\n2022年3月9日\n附件\n首贷拓展方案\n一、主要措施\n{annex}\n")
        assert (parse(cover).issuer, parse(cover).date) == (signer, date)
    listed = ("关于公布绿色工厂名单的通知\n各区工业和信息化局：\n现将名单公布如下。\n附件：3-1.绿色工厂名单\n"
              "3－2、绿色供应链管理企业名单\n珠海市工业和信息化局\n2024年11月2日\n")
    assert parse(listed).issuer == "珠海市工业和信息化局"


def test_a_heading_with_a_comma_keeps_its_whole_line_in_the_path() -> None:
    """A heading (or an exclusions lead-in) names its section whole, commas and all; a sentence's name stops
    at its first comma or stop, and a thousands comma stops nothing."""
    zh = parse("关于2027年度纺织企业技改补助的通知\n一、申报对象，须同时具备以下条件\n1．在嘉兴市登记注册；\n"
               "2．上年度营业收入2000万元以上。\n二、有下列情形之一的，不予支持\n（一）近三年受到环保处罚的；\n"
               "（二）同一项目已获得其他财政补助的。\n三、支持标准。按设备投资的10%给予补助。\n").blocks
    by_text = {b.text: b for b in zh}
    assert by_text["1．在嘉兴市登记注册；"].path == ("一、申报对象，须同时具备以下条件",)
    assert by_text["（一）近三年受到环保处罚的；"].path == ("二、有下列情形之一的，不予支持",)
    assert by_text["三、支持标准。按设备投资的10%给予补助。"].heading == "三、支持标准"
    en = parse("Yiwu Textile Grant 2027\n\nII. Applicants, size and place\n\n1. registered in Yiwu;\n\n"
               "2. revenue of RMB 20,000,000 or more.\n\n- RMB 50,000 for each new line\n").blocks
    assert next(b for b in en if b.text == "1. registered in Yiwu;").path == ("II. Applicants, size and place",)
    assert next(b for b in en if b.text.startswith("- RMB")).heading == "- RMB 50,000 for each new line"


def test_heading_text_is_bounded() -> None:
    from indexer.notice.numbering import heading_text

    assert heading_text("三、" + "纺织企业，" * 40) == ("三、" + "纺织企业，" * 40)[:60]
    assert heading_text("（一）在我市办理工商税务登记，具有独立法人资格；") == "（一）在我市办理工商税务登记"


@pytest.mark.parametrize("text", ["Target group\n\n1. SMEs\n\n2. registered in Ningbo\n\nDeadline\n\n31 March 2027.",
                                  "我们支持谁\n1．纺织企业\n2．在湖州市注册\n截止日期\n2027年3月31日前。",
                                  "Applicant profile\n\n(a) registered in Hangzhou;\n\n(b) 2026 revenue of RMB 200 "
                                  "million or less.\n\nDeadline\n\n31 March 2027."])
def test_a_first_line_of_a_few_words_over_marked_items_heads_them(text: str) -> None:
    """The loader keeps a notice's title line as the record's title, so the text may open with a section's
    name of a few words over its items ("Target group" / "1. SMEs"): that line heads them."""
    blocks = parse(text).blocks
    assert blocks[0].kind == "heading" and blocks[1].path == (blocks[0].text,)


@pytest.mark.parametrize("text", ["《湖州市纺织服装外贸企业开拓市场支持实施细则》政策解读\n一、编制背景\n"
                                  "为支持企业开拓市场，制定本细则。",
                                  "Huzhou Textile and Apparel Export Market Grant 2027 Guidance for Applicants\n"
                                  "1. Background\nThe grant helps exporters.",
                                  "Grant 2027\nThe bureau funds booths.\n1. SMEs"])
def test_a_title_over_a_numbered_section_stays_the_title(text: str) -> None:
    assert parse(text).blocks[0].kind == "title"


@pytest.mark.parametrize("text", ["Notice on Support\n\n1. Who may apply\nFirms registered in Wuxi.\n\n"
                                  "2. Other matters\nSend the form.\n", "支持通知\n1. 申报对象\n在无锡市注册的企业。"])
def test_a_short_title_over_a_numbered_section_stays_the_title(text: str) -> None:
    """A short title over "1. Who may apply" and its paragraph: one marked line is a section, not a list."""
    assert parse(text).blocks[0].kind == "title"


@pytest.mark.parametrize("text", [
    "申报企业须同时满足以下条件：\n\n一是在本区注册；\n\n二是近两年无违法记录；\n\n三是年营业收入不超过2亿元。\n\n二、补助标准",
    "A firm must meet the following:\n\nFirst, it is registered in Keqiao.\n\nSecond, it has had no penalty since 2024."
    "\n\nThird, it employs no more than 300 people.\n\nII. Support",
    # a real round's form, as loading spaces it
    "申请返还的企业应当同时具备以下条件：\n\n一是生产经营活动符合国家和我市产业结构调整及环境保护政策；\n\n"
    "二是依法参加失业保险并足额缴纳失业保险费满12个月；\n\n三是2025年度未裁员，或者裁员率不高于6%；参保职工30人（含）以下的，"
    "裁员率不高于参保职工总数的20%。\n\n三、不予返还的情形",
])
def test_items_opened_by_ordinal_words_stay_one_list_across_blank_lines(text: str) -> None:
    [group] = parse(text).lists()
    assert len(group.items) == 3


def test_a_blank_line_still_closes_an_unnumbered_list() -> None:
    text = "A firm must meet the following:\n\nit is registered in Keqiao.\n\nThe grant is half the cost."
    assert [len(g.items) for g in parse(text).lists()] == [1]


@pytest.mark.parametrize("tail", [
    "五、咨询电话\n\n区商务局外贸科　联系人：王敏　电话：0575-8888 1234\n\n绍兴市柯桥区商务局\n\n2026年3月2日",
    "Contacts\n\nExport Office, tel: 0575-8888 1234\n\nKeqiao District Commerce Bureau\n\n2 March 2026",
    # a real notice's form
    "五、咨询电话\n\n市失业保险经办机构　联系人：郭慧敏　咨询电话：0398-2816470\n\n"
    "三门峡市人力资源和社会保障局\n\n2025年6月18日",
])
def test_a_contact_line_above_the_signature_is_no_signer(tail: str) -> None:
    s = parse("关于申报补助的通知\n\n一、申报条件\n\n在本区注册的纺织企业。\n\n" + tail)
    signer = tail.split("\n\n")[-2]
    assert s.issuer == signer and s.date is not None


def test_an_office_with_its_number_on_one_line_is_a_contact() -> None:
    text = "第六条 本办法自2025年8月1日起施行。\n\n某区商务委员会（区企业服务中心）　联系电话：021-32170658"
    s = parse(text)
    line = "某区商务委员会（区企业服务中心）　联系电话：021-32170658"
    assert [b.text for b in s.blocks if b.kind == "contact"] == [line]
    assert not [b for b in parse("第六条 申报企业：在本区注册的企业。").blocks if b.kind == "contact"]
