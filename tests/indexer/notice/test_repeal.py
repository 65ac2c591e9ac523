"""A status banner or a repeal of the document itself beats what its body says of its period."""

from __future__ import annotations

import datetime as dt

import pytest

from core.validity import status_of
from indexer.notice.record import extract_policy

BODY = "第八条　本细则自2023年3月1日起施行，有效期至2028年2月29日。"


@pytest.mark.parametrize(("text", "issue", "expiry"), [
    # a dated banner above the body: the day before the repeal is the last day in force
    ("【时效性：失效】经市政府同意，本细则自2025年10月1日起废止。\n" + BODY, "2023-02-10", "2025-09-30"),
    # a banner without a day: the issue date, the only day the text gives
    ("效力状态：已废止\n" + BODY, "2023-02-10", "2023-02-10"),
    ("【状态：已被《常州市外贸稳岗补助细则（2025年修订）》替代】\n" + BODY, "2023-02-10", "2023-02-10"),
    # the banner at the end wins as well
    (BODY + "\n注：本细则已于2026年1月15日废止。", "2023-02-10", "2026-01-14"),
    ("Status: Repealed\nThese rules take effect on 1 May 2023 and remain in force until 30 April 2028.",
     "2023-04-20", "2023-04-20"),
    ("These rules take effect on 1 May 2023 and remain in force until 30 April 2028.\n"
     "Editor's note: these rules were revoked with effect from 1 July 2025.", "2023-04-20", "2025-06-30"),
    ("This circular is no longer in force.\nThis circular takes effect on 1 May 2023.", "2023-04-20", "2023-04-20"),
])
def test_a_repeal_beats_the_period(text: str, issue: str, expiry: str) -> None:
    assert extract_policy(text, issue).expiry_date == expiry


@pytest.mark.parametrize("text", [
    "效力状态：有效\n" + BODY,
    "Status: in force\n" + BODY,
    BODY + "\n原《常州市外贸稳岗补助办法》（常商发〔2020〕9号）同时废止。",  # another document's repeal
    "本细则自2023年3月1日起施行，有效期五年，期满自动失效。",  # a scheduled end, not a repeal
    "This notice replaces the Interim Rules on Fair Subsidies of 2019 and takes effect on 1 May 2023.",
])
def test_what_is_no_repeal_of_the_document_leaves_its_period(text: str) -> None:
    found = extract_policy(text, "2023-02-10")
    assert found.expiry_date in (None, "2028-02-29", "2028-02-28")


def test_repealed_notice_is_expired_on_the_day_asked() -> None:
    found = extract_policy("【效力状态：已废止】本细则自2025年10月1日起废止。\n" + BODY, "2023-02-10")
    meta = {"date": "2023-02-10", "effective_date": found.effective_date, "expiry_date": found.expiry_date}
    assert status_of(meta, dt.date(2025, 9, 30)) == "in_force"
    assert status_of(meta, dt.date(2025, 10, 1)) == "expired"
