"""Notices written fresh in wording the reading rules were not written beside: questions as
headings, articles without lists, inline exclusions, a definition of whom the notice serves."""

from __future__ import annotations

from indexer.notice.eligibility import extract_eligibility
from indexer.notice.record import extract_policy
from tests.indexer.notice.test_eligibility import _chunk

QA = """Taizhou Municipal Commerce Bureau

Call for Applications: Support for Knitwear Exporters Entering New Markets, 2027

Tai Shang [2026] No. 41

Who can apply?
You can apply if your company is a knitwear maker whose business licence was issued in Taizhou.
Your exports in 2026 must not have exceeded USD 25 million.

Who cannot apply?
Companies that were fined by customs in 2025 or 2026, and companies that have received this support before.

When do I apply?
Send the form to the bureau between 11 January and 5 March 2027, 5 pm.

Taizhou Municipal Commerce Bureau
20 December 2026
"""

ARTICLES = """湖州市经济和信息化局
关于开展2027年度丝绸企业数字化诊断服务的通知

湖经信〔2026〕77号

各区县经信局：

为推动丝绸行业数字化改造，现组织开展诊断服务，有关事项通知如下。

第一条　服务对象。本通知所称服务对象，是指生产经营场所位于湖州市域、上年度主营业务收入3000万元至8亿元的丝绸、服装企业。

第二条　有下列情形的企业不纳入服务范围：（一）近两年发生较大以上环境污染事故的；（二）被列入经营异常名录的。

第三条　诊断费用由市财政承担。已享受过省级诊断服务的企业不再重复安排。

第四条　报名截止时间为2027年1月29日（星期五）17:00，逾期不再受理。

湖州市经济和信息化局
2026年12月2日
"""


def _read(text: str, issuer: str, date: str) -> dict:
    return extract_eligibility([_chunk(text)], text, issuer, date)


def test_questions_as_headings() -> None:
    found = _read(QA, "Taizhou Municipal Commerce Bureau", "2026-12-20")
    kinds = {c["type"]: c for c in found["conditions"]}
    assert kinds["region"]["value"] == ["Taizhou"] and kinds["sector"]["value"] == ["knitting"]
    assert kinds["annual_exports_usd_max"]["value"] == 25_000_000
    assert kinds["no_violations"]["quote"].startswith("Companies that were fined")
    assert kinds["first_time"]["quote"] == kinds["no_violations"]["quote"]  # "who cannot apply": turned round
    assert (found["window"]["opens"], found["window"]["closes"]) == ("2027-01-11", "2027-03-05")


def test_articles_with_a_definition_and_an_inline_exclusion() -> None:
    found = _read(ARTICLES, "湖州市经济和信息化局", "2026-12-02")
    kinds = {c["type"]: c for c in found["conditions"]}
    assert kinds["region"]["value"] == ["Huzhou"] and kinds["sector"]["value"] == ["silk", "apparel"]
    assert kinds["annual_revenue_cny_range"]["value"] == [30_000_000, 800_000_000]
    assert kinds["no_violations"]["quote"].startswith("第二条")
    assert not any("不再重复" in c["quote"] for c in found["conditions"])  # no double service: no condition
    assert found["window"]["closes"] == "2027-01-29"


def test_a_notice_marked_as_lapsed_at_its_head_is_out_of_force() -> None:
    text = "【本文件已失效】\n" + QA.replace("20 December 2026", "20 December 2023")
    assert extract_policy(text, "2023-12-20").expiry_date == "2023-12-20"
