"""Policy cards in the Documents tab and the card's header on chat citations (fake encoder)."""

from __future__ import annotations

import pytest

from bot.answering.filters import Filters
from bot.answering.records import Answer, Citation
from bot.service import PolicyBot
from ui.chat import format_answer
from ui.documents_tab import COLUMNS, table
from ui.policy_card import card


@pytest.fixture
def bot(policy_bot: PolicyBot) -> PolicyBot:
    return policy_bot


def test_the_card_shows_the_record_what_replaced_it_and_the_passages(bot: PolicyBot) -> None:
    text = card(bot, "subsidy_2022", "2026-11-30", "en")
    assert text.startswith("### Notice on Subsidies for Export Credit Insurance Premiums of Textile SMEs")
    for row in ("| Status on 2026-11-30 | `Replaced` |", "| Issuer | Shaoxing Municipal Bureau of Commerce |",
                r"| Document No. | Shao Shang \[2022\] No\. 15 |", r"| Effective | 2022\-03\-01 |",
                r"| Replaced by | subsidy\_2024 |", "**Passages**"):
        assert row in text, row
    assert "subsidises export credit insurance" in text
    then = card(bot, "subsidy_2022", "2023-01-01", "en")
    assert "| Status on 2023-01-01 | `In force` |" in then


def test_a_chinese_card_and_what_the_successor_replaced(bot: PolicyBot) -> None:
    text = card(bot, "zj_2025", "", "zh")
    for row in ("| 发文机关 | 浙江省商务厅 浙江省财政厅 |", "| 有效期至 | 2027\\-12\\-31 |", "| 取代了 | zj\\_2023 |",
                "`现行有效`"):
        assert row in text, row
    assert card(bot, "nope", None, "zh") == "没有文件 nope。"
    assert "as\\_of must be an ISO date" in card(bot, "zj_2025", "2025/01/01", "en")


def test_the_documents_table_shows_number_issuer_dates_and_status_in_the_pages_language(bot: PolicyBot) -> None:
    rows = {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in table(bot, "zh")}
    assert rows["exhibition_2021"]["status"] == "已失效"
    assert rows["zj_2023"]["superseded_by"] == "zj_2025"
    assert rows["keqiao_2025"]["doc_number"] == "柯政发〔2025〕8号"
    assert rows["keqiao_2025"]["expiry_date"] == "2028-01-31"


def test_a_citation_shows_the_cards_header_and_a_status_badge(bot: PolicyBot) -> None:
    answer = bot.ask("What subsidy do textile SMEs get for export credit insurance premiums?", 5,
                     Filters(doc_ids=("subsidy_2022",)))
    text = format_answer(answer)
    assert r"Shao Shang \[2022\] No\. 15 · Shaoxing Municipal Bureau of Commerce · 2022\-02\-15 · `Replaced`" in text
    zh = format_answer(Answer(answer.answer, False, answer.citations, "id", "zh"))
    assert "`已被取代`" in zh


def test_unknown_status_shows_no_badge_and_markup_in_metadata_stays_text() -> None:
    citation = Citation(n=1, doc_id="d", chunk_id="c", text="Body.", score=0.5, title="T",
                        source="s.txt", issuer="**Bold** <b>x</b>", doc_number="[A](javascript:1)")
    text = format_answer(Answer("Body. [1]", False, [citation], "id", "en"))
    assert r"\[A\]\(javascript:1\) · \*\*Bold\*\* &lt;b&gt;x&lt;/b&gt;" in text
    source_line = text.split("**[\\[1\\]")[1]
    assert "`" not in source_line.split("_s\\.txt_")[0]  # no status badge before the file name
