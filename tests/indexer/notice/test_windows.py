"""Application windows: the applicant's dates, not a bureau's; open, closed or unknown on the day asked."""

from __future__ import annotations

import datetime as dt

import pytest

from core.validity import window_state
from indexer.documents.chunking import split_sentences
from indexer.notice.windows import Sentence, read_window


def _window(text: str, issued: str | None = "2026-04-15") -> dict | None:
    return read_window([Sentence(s) for line in text.splitlines() for s in split_sentences(line)], issued)


@pytest.mark.parametrize(("text", "opens", "closes"), [
    ("申报时间为2026年11月20日至2027年1月15日，逾期不予受理。", "2026-11-20", "2027-01-15"),
    ("企业于2026年5月10日至6月30日登录平台填报，申报截止时间为2026年6月30日。", "2026-05-10", "2026-06-30"),
    ("Applications are open from 10 November 2026 to 31 January 2027.", "2026-11-10", "2027-01-31"),
    ("Applications are accepted from 20 January 2026 to 31 March 2026. Applications received after 31 March 2026 "
     "will not be considered.", "2026-01-20", "2026-03-31"),
    ("2024年度设备投入奖励于2025年1月2日起集中受理，申报截止时间为2025年3月31日。", "2025-01-02", "2025-03-31"),
    ("The deadline for enterprise applications is 20 March 2027.", None, "2027-03-20"),
    ("Enrolment closes on 31 May 2027.", None, "2027-05-31"),
    ("企业于2027年1月8日前将申报材料报送区商务局。", None, "2027-01-08"),
    ("Enterprises send two paper copies to the bureau of their district by 17:00 on 26 February 2027.", None,
     "2027-02-26"),
    ("企业应于9月30日前提交申请。", None, "2026-09-30"),  # the notice's own year
    ("企业应于3月31日前提交申请。", None, "2027-03-31"),  # before the notice was issued: next year
    ("The call for applications ends on 14 August 2026.", None, "2026-08-14"),
    ("Applications for the scheme expired on 3 July 2026; late forms are returned.", None, "2026-07-03"),
])
def test_windows(text: str, opens: str | None, closes: str | None) -> None:
    found = _window(text)
    assert found is not None and (found["opens"], found["closes"]) == (opens, closes)


def test_a_bureaus_date_is_no_window_but_bounds_one_left_unstated() -> None:
    """The bureaus' dates are not the applicant's window; but where the notice states none, the
    latest date by which they pass the applications on closes it at the latest (a review, a
    project's completion or the notice's validity do not)."""
    text = ("（二）各镇（街道）、经济开发区对材料进行初审，于2027年1月25日前将初审意见报区商务局；\n"
            "County-level bureaus complete their review by 20 April 2027.\n"
            "District and county bureaus compile the Summary Table and submit it by 17:00 on 5 March 2027.\n"
            "Projects must be completed by 31 August 2027.\n本通知自2025年1月1日起执行，有效期至2025年12月31日。")
    assert (_window(text)["opens"], _window(text)["closes"]) == (None, "2027-03-05")
    assert _window(text.split("\n", 1)[1].replace("and submit it ", "")) is None
    both = text + "\n申报截止时间为2027年1月15日。"
    assert _window(both)["closes"] == "2027-01-15"


def test_all_year_and_later() -> None:
    rolling = _window("Applications are accepted throughout the year.")
    assert rolling["rolling"] is True and rolling["closes"] is None
    later = _window("第六条 奖励资金每年集中受理一次，具体受理时间由区经信局另行通知。")
    assert later["later"] is True and later["closes"] is None
    # a deadline each year is a yearly window with no first day (judged by its next day, or its last round once the
    # notice expired: bot.finder.match), as round 22's labels read "企业于每年3月底前…申报上一年度"
    yearly = _window("每年3月31日前提交上年度申请。")
    assert yearly["yearly"] is True and (yearly["opens"], yearly["closes"]) == (None, "2000-03-31")


def test_state_on_the_day_asked() -> None:
    window = {"opens": "2026-11-20", "closes": "2027-01-15"}
    assert window_state(window, dt.date(2026, 11, 19)) == "not_yet_open"
    assert window_state(window, dt.date(2026, 11, 20)) == window_state(window, dt.date(2027, 1, 15)) == "open"
    assert window_state(window, dt.date(2027, 1, 16)) == "closed"
    assert window_state({"rolling": True}, dt.date(2030, 1, 1)) == "open"
    assert window_state({"later": True}, dt.date(2030, 1, 1)) == window_state(None, dt.date(2030, 1, 1)) == "unknown"
    assert window_state({"closes": "garbage"}, dt.date(2030, 1, 1)) == "unknown"


def test_whose_date_it_is_and_where_the_words_are() -> None:
    applicant = _window("项目申报受理期为2026年9月1日至2026年10月31日，由各地级以上市主管部门统一推荐。")
    assert applicant["closes"] == "2026-10-31"
    assert _window("By 20 April 2027, county-level bureaus complete their review and apply to the Department.") is None
    assert _window("Applications close at 17:00 on 30 November 2026.")["closes"] == "2026-11-30"
    assert _window("The application period for 2026 runs from 1 September to 15 October 2026.")["opens"] == "2026-09-01"
    bare = read_window([Sentence("1 December 2026 – 15 January 2027.", "4. Application period")], "2026-11-20")
    assert bare is not None and (bare["opens"], bare["closes"]) == ("2026-12-01", "2027-01-15")
    assert read_window([Sentence("1 December 2026 – 15 January 2027.", "5. Grant")], "2026-11-20") is None


@pytest.mark.parametrize("text", ["申报时间：自即日起至2026年8月15日。",
                                  "Applications are accepted from the date of issue until 15 August 2026."])
def test_a_window_from_the_day_of_issue(text: str) -> None:
    found = _window(text)
    assert found is not None and (found["opens"], found["closes"]) == ("2026-04-15", "2026-08-15")


@pytest.mark.parametrize(("text", "closes"), [
    ("Applications close at midnight on 12 March 2027.", "2027-03-12"),
    ("The submission period runs until 4pm, 30 April 2027.", "2027-04-30"),
    ("企业应于2027年2月10日前提出申领。", "2027-02-10"),
])
def test_deadlines_with_a_time_of_day_or_a_claim(text: str, closes: str) -> None:
    found = _window(text)
    assert found is not None and found["closes"] == closes


@pytest.mark.parametrize(("text", "opens", "closes"), [
    ("Companies file their claims from 4 to 22 November 2026 on the provincial portal.", "2026-11-04", "2026-11-22"),
    ("Applications are taken between 2 and 27 March 2027.", "2027-03-02", "2027-03-27"),
    ("Application period: 9–28 February 2027.", "2027-02-09", "2027-02-28"),
    ("申报企业请于2026年10月8日至31日登录系统填报。", "2026-10-08", "2026-10-31"),
    ("受理时间：2027年2月1日—20日（节假日除外）。", "2027-02-01", "2027-02-20"),
])
def test_a_range_whose_first_day_borrows_the_month(text: str, opens: str, closes: str) -> None:
    found = _window(text)
    assert found is not None and (found["opens"], found["closes"]) == (opens, closes)


def test_a_yearly_window_is_judged_by_this_years_days() -> None:
    found = _window("符合条件的企业可于每年4月1日至4月30日向区商务局提出申请。", "2023-03-01")
    assert found is not None and found["yearly"] is True
    assert window_state(found, dt.date(2026, 4, 15)) == "open"
    assert window_state(found, dt.date(2026, 12, 6)) == "not_yet_open"  # past this year's days: next year's ahead
    assert window_state(found, dt.date(2027, 2, 1)) == "not_yet_open"
    english = _window("Each year, applications are received from 1 to 31 August.", "2024-01-10")
    assert english is not None and window_state(english, dt.date(2026, 8, 20)) == "open"


def test_a_bureaus_yearly_date_is_no_window() -> None:
    assert _window("各区县商务局每年3月1日至3月15日将汇总材料报送市商务局。", "2024-01-10") is None


@pytest.mark.parametrize(("text", "opens", "closes"), [
    ("请于2027年2月26日24时前通过平台提交申请。", None, "2027-02-26"),
    ("申报材料须于2027年2月26日（星期五）下班前送达区商务局服务窗口。", None, "2027-02-26"),
    ("企业请于2027年2月26日下午4点半前完成网上填报。", None, "2027-02-26"),
    ("Claims must be lodged by 4 p.m. on 26 February 2027.", None, "2027-02-26"),
    ("The call closes at 16:30 Beijing time on 26 February 2027.", None, "2027-02-26"),
    ("Enrolment opens 2 February 2027 and closes 26 February 2027.", "2027-02-02", "2027-02-26"),
    ("Completed forms are due by 26 February 2027.", None, "2027-02-26"),
    ("网上填报时间为2027年2月2日8:30至2027年2月26日17:30。", "2027-02-02", "2027-02-26"),
])
def test_times_of_day_and_weekdays_beside_the_date(text: str, opens: str | None, closes: str) -> None:
    found = _window(text, "2027-01-20")
    assert found is not None and (found["opens"], found["closes"]) == (opens, closes)


@pytest.mark.parametrize(("text", "closes"), [
    ("申报截止于2027年3月15日，各县（市、区）经信局于3月25日前完成审核并汇总上报。", "2027-03-15"),
    ("企业须在2027年3月15日前提交材料，区财政局于4月30日前拨付资金。", "2027-03-15"),
    ("Applications close on 15 March 2027; the bureau publishes the list of recipients by 10 April 2027.",
     "2027-03-15"),
    ("报名时间为2027年3月1日至3月15日，公示期为3月20日至3月26日。", "2027-03-15"),
    ("Forms are accepted until the close of business on 15 March 2027.", "2027-03-15"),
    ("Claims for premiums paid in 2026 are accepted until 15 March 2027.", "2027-03-15"),
    ("Firms apply between 1 and 15 March 2027 and the city bureaus send their recommendations by 30 March 2027.",
     "2027-03-15"),
])
def test_a_review_publicity_or_payment_date_does_not_close_the_window(text: str, closes: str) -> None:
    """The authorities' later steps in the applicant's sentence are not the applicant's deadline."""
    found = _window(text, "2027-01-20")
    assert found is not None and found["closes"] == closes


@pytest.mark.parametrize(("text", "opens", "closes"), [
    # the day named as the last one, after the date
    ("2027年3月5日为项目材料的最后受理日，逾期系统关闭。", None, "2027-03-05"),
    ("2026年10月9日为本批次申报截止日。", None, "2026-10-09"),
    # the window said open until a day, or a batch that closes (收口) on it
    ("网上填报通道开放至2027年4月2日（遇节假日不顺延）。", None, "2027-04-02"),
    ("第一批申报于2027年2月10日收口，未赶上的企业转入第二批。", None, "2027-02-10"),
    ("截止受理日为2027年5月18日。", None, "2027-05-18"),
    # an authority taking the applications states the applicants' window
    ("县政务服务中心受理企业申请至2027年6月12日。", None, "2027-06-12"),
    ("The district service hall opened the call on 2 March 2027 and stopped taking applications on 9 April 2027.",
     "2027-03-02", "2027-04-09"),
    ("Claims may be lodged online; the cut-off is 14 May 2027.", None, "2027-05-14"),
    ("The closing date for applications is 21 June 2027.", None, "2027-06-21"),
])
def test_more_ways_to_say_the_window(text: str, opens: str | None, closes: str | None) -> None:
    found = _window(text, "2026-09-01")
    assert found is not None and (found["opens"], found["closes"]) == (opens, closes)


def test_an_authoritys_own_step_after_taking_applications_stays_no_window() -> None:
    # the bureau's review date is not the applicants' window
    assert _window("各区商务局受理申报后，于2027年1月10日前完成初审。", "2026-11-01") is None


@pytest.mark.parametrize(("text", "opens", "closes"), [
    # files or plans an office accepts or receives until a day, that day included
    ("The Park office will accept files up to and including 9 February 2027.", None, "2027-02-09"),
    ("Proposals are received until 3 March 2027.", None, "2027-03-03"),
    ("申报材料最迟不晚于2027年2月26日报送至所在县（市）商务部门。", None, "2027-02-26"),
    ("企业须于2027年3月12日（含当日）之前在线提交申请。", None, "2027-03-12"),
    # the dates a fair is held on are the fair's, not the applicant's window
    ("申报系统于2027年4月6日开放；展期在2027年2月1日至5月31日的展会，申报于2027年6月20日截止。", "2027-04-06",
     "2027-06-20"),
    ("The portal opens on 6 April 2027; for fairs held from 1 February to 31 May 2027, applications close on "
     "20 June 2027.", "2027-04-06", "2027-06-20"),
])
def test_files_received_until_a_day_and_fair_dates_beside_the_window(text: str, opens: str | None,
                                                                    closes: str | None) -> None:
    found = _window(text, "2026-12-01")
    assert found is not None and (found["opens"], found["closes"]) == (opens, closes)
    assert window_state(found, dt.date(2027, 1, 15)) == ("not_yet_open" if opens else "open")


@pytest.mark.parametrize("heading", ["二、申报主体", "Who can claim"])
def test_a_date_in_a_condition_under_a_who_may_apply_heading_opens_no_window(heading: str) -> None:
    line = "自2025年1月1日起未被海关认定为失信企业。" if heading[0] == "二" else \
        "Starting 1 January 2025 the firm has had no customs penalty."
    assert read_window([Sentence(line, heading)], "2026-12-01") is None


@pytest.mark.parametrize(("text", "closes"), [
    ("The last day for submissions is Thursday 18 March 2027.", "2027-03-18"),
    ("The last day for claims is Monday, 5 April 2027.", "2027-04-05"),
    ("申报单位须于2027年3月18日前将申请表及附件报所在区商务部门。", "2027-03-18"),
    ("企业应在2027年4月5日前将项目材料交至市经信局。", "2027-04-05")])
def test_a_last_day_with_its_weekday_and_papers_sent_by_a_date(text: str, closes: str) -> None:
    """"The last day for submissions is <weekday> <date>"; "企业于…前将材料报…": the applicant's deadline,
    under a heading that names no application ("三、时间安排", "4. Dates")."""
    found = read_window([Sentence(s, "4. Dates") for s in split_sentences(text)], "2026-12-01")
    assert found is not None and found["closes"] == closes


@pytest.mark.parametrize(("text", "closes"), [
    # no application needed: the firm's request for a review by a date is its only window
    ("本次补贴无需企业申报，由系统比对后直接发放。对比对结果有异议的企业，可在2026年3月15日前向区人社局提出复核。",
     "2026-03-15"),
    ("No application is needed: the agency pays qualifying firms directly. Firms that received nothing may ask the "
     "agency for a review by 31 December 2025.", "2025-12-31"),
    # beside an application deadline the review date is not the window (nor is it later than the deadline)
    ("申报截止时间为2026年11月30日。对评审结果有异议的，可于2026年12月20日前申请复核。", "2026-11-30"),
    ("Applications close on 30 November 2026. Firms may request a reconsideration of the result by 20 December "
     "2026.", "2026-11-30"),
    ("企业于2027年2月28日前登录平台填报。对公示名单有异议的，于2027年4月10日前提出异议申请。", "2027-02-28"),
])
def test_a_firms_request_for_review_is_its_window_only_where_there_is_no_other(text: str, closes: str) -> None:
    assert _window(text, "2025-03-01")["closes"] == closes


def test_the_authorities_review_is_no_request() -> None:
    assert _window("各区人社局于2026年1月10日前完成复核并公示。", "2025-03-01") is None
    assert _window("District bureaus complete the review of the files by 10 January 2026.", "2025-03-01") is None


@pytest.mark.parametrize(("section", "lines"), [
    ("三、受理方式", ["本细则全年受理，企业可随时向区经信局提交申请。", "本细则自发布之日起施行，至2028年6月30日止。"]),
    ("How to apply", ["Claims are accepted all year round through the district portal.",
                      "These rules remain in force until 30 June 2028."]),
    # a real round's form
    ("四、受理方式", ["本办法常年受理，企业可随时向镇社会事业局提交申请，按季度集中审核拨付。",
                  "本办法自发布之日起执行，至2027年12月31日止。"]),
])
def test_the_notices_own_period_in_a_section_on_applying_is_no_deadline(section: str, lines: list[str]) -> None:
    found = read_window([Sentence(line, section) for line in lines], "2026-11-18")
    assert found is not None and found["closes"] is None and found["rolling"] is True


def test_a_period_sentence_that_asks_the_applicant_keeps_its_date() -> None:
    found = _window("申报截止时间为2027年3月31日，本通知自发布之日起施行。", "2026-11-18")
    assert found is not None and found["closes"] == "2027-03-31"


@pytest.mark.parametrize(("section", "lines", "opens", "closes"), [
    ("Closing date", ["The spring intake closed on 14 November 2026. The next intake will be announced in April 2027."],
     None, "2026-11-14"),
    ("", ["Round 2 of the Denim Finishing Vouchers opens on 8 February 2027.",
          "Applications close at noon on 30 April 2027."], "2027-02-08", "2027-04-30"),
    ("How to take part", ["Seats on the 2027 buyer mission can be requested until 20 January 2027 by email."],
     None, "2027-01-20"),
    ("截止日期", ["本轮申报已于2026年11月14日结束，下一轮时间另行通知。"], None, "2026-11-14"),
    # a real round's form
    ("Closing date", ["The 2026 round closed on 30 November 2026. The 2027 round will be announced in March 2027."],
     None, "2026-11-30"),
])
def test_a_rounds_own_state_and_the_headings_of_its_dates(section: str, lines: list[str], opens: str | None,
                                                          closes: str) -> None:
    found = read_window([Sentence(line, section) for line in lines], "2026-11-25")
    assert found is not None and (found["opens"], found["closes"]) == (opens, closes)


def test_a_round_closed_before_the_day_asked_is_closed() -> None:
    found = read_window([Sentence("The 2026 round closed on 30 November 2026.", "Closing date")], "2026-09-02")
    assert window_state(found, dt.date(2026, 12, 6)) == "closed"


@pytest.mark.parametrize(("lines", "opens", "closes"), [
    (["（二）参展项目须于2026年9月1日至12月31日在境外举办；", "申报时间为2027年1月5日至1月29日。"],
     "2027-01-05", "2027-01-29"),
    (["The fair applied for must be held from 1 September to 31 December 2026.",
      "Applications are accepted from 5 January to 29 January 2027."], "2027-01-05", "2027-01-29"),
    # a real round's form
    (["（3）所申报展会于2026年7月1日至12月31日在境外（含港澳台地区）举办，且企业以自身名义独立租用展位；",
      "受理时间为2026年12月10日至2027年1月8日，请企业通过属地经济发展办公室报送，逾期不予受理。"],
     "2026-12-10", "2027-01-08"),
])
def test_the_days_a_fair_is_held_are_no_window(lines: list[str], opens: str, closes: str) -> None:
    found = read_window([Sentence(line, "") for line in lines], "2026-11-30")
    assert found is not None and (found["opens"], found["closes"]) == (opens, closes)


@pytest.mark.parametrize("line", [
    "Top-up cover may be claimed via the insurer from 1 February 2027 to 31 July 2027.",
    # a real round's form
    "Cover under this arrangement can be requested through the exporter's bank from 1 December 2026 to 30 June 2027.",
])
def test_a_period_something_can_be_requested_through_someone_is_the_window(line: str) -> None:
    found = read_window([Sentence(line, "When")], "2026-11-26")
    assert found is not None and found["opens"] is not None and found["closes"] is not None


@pytest.mark.parametrize(("text", "on", "state"), [
    ("Applications are accepted during the first seven days of each month, as long as funding remains.",
     "2026-12-06", "open"),
    ("Applications are accepted during the first seven days of each month.", "2026-12-12", "closed"),
    ("Claims are received from the 1st to the 10th of each month.", "2026-12-06", "open"),
    ("每月1日至10日受理上月完成的培训项目申请。", "2026-12-06", "open"),
    ("企业每月前十天提交申请。", "2026-12-15", "closed"),
    # a quarter each year: this year's quarter, next year's once it is past
    ("企业在每年第一季度申报上一年度已竣工的项目，由区工业和信息化局会同区财政局审核。", "2026-12-06", "not_yet_open"),
    ("第五条 企业于每年第四季度申请当年的贴息。", "2026-12-06", "open"),
    ("Claims are made in the fourth quarter of each year.", "2026-12-06", "open"),
    ("Applications are made during the second quarter of every year.", "2026-12-06", "not_yet_open"),
])
def test_the_first_days_of_each_month_and_a_quarter_each_year(text: str, on: str, state: str) -> None:
    window = _window(text, "2026-10-20")
    assert window is not None and window["yearly"]
    assert window_state(window, dt.date.fromisoformat(on)) == state


@pytest.mark.parametrize("text", [
    "每月前5个工作日受理申请。",  # working days: the calendar decides them
    "Applications are accepted in the first five working days of each month.",
])
def test_working_days_of_each_month_give_no_window(text: str) -> None:
    assert _window(text, "2026-10-20") is None


@pytest.mark.parametrize(("text", "opens", "closes"), [
    # a time of day before the date it falls on, in a period now past
    ("The application period ran from 16 November 2026 to 23:59 on 23 November 2026. Now that it has closed, "
     "awards will be drawn by lottery among eligible applicants.", "2026-11-16", "2026-11-23"),
    ("Applications were open from 2 November 2026 until 5 p.m. on 13 November 2026; that round is over.",
     "2026-11-02", "2026-11-13"),
    ("Claims were accepted between 9:00 on 3 November 2026 and 12:00 noon on 20 November 2026.",
     "2026-11-03", "2026-11-20"),
    ("The call window ran until 30 November 2026.", None, "2026-11-30"),
    ("申报时间为2026年11月2日9:00至11月13日17:00（已结束）。", "2026-11-02", "2026-11-13"),
    ("本批申报已于2026年11月20日17时截止。", None, "2026-11-20"),
])
def test_a_past_period_with_times_of_day_is_the_window(text: str, opens: str | None, closes: str) -> None:
    window = _window(text, "2026-11-01")
    assert window is not None and (window["opens"], window["closes"]) == (opens, closes)
    assert window_state(window, dt.date(2026, 12, 6)) == "closed"


@pytest.mark.parametrize(("text", "on", "state"), [
    ("第六条 企业按季度提出申请，每季度首月的1日至15日受理，由区工业和信息化局会同区财政局审核。", "2026-12-06",
     "closed"),
    ("企业于每季度前10日提交上一季度的申请。", "2027-01-08", "open"),
    ("Claims are received from the 1st to the 15th of the first month of each quarter.", "2026-10-12", "open"),
    ("Applications are taken during the first ten days of each quarter.", "2026-11-05", "closed"),
])
def test_the_first_days_of_each_quarter_are_a_quarterly_window(text: str, on: str, state: str) -> None:
    window = _window(text, "2023-06-12")
    assert window is not None and window["quarterly"]
    assert window_state(window, dt.date.fromisoformat(on)) == state


def test_a_range_with_times_of_day_still_open_is_open() -> None:
    window = _window("Applications are taken only from 9:00 on 23 November 2026 to 23:45 on 11 December 2026.",
                     "2026-11-20")
    assert window is not None and (window["opens"], window["closes"]) == ("2026-11-23", "2026-12-11")
    assert window_state(window, dt.date(2026, 12, 6)) == "open"


@pytest.mark.parametrize(("text", "closes"), [
    # a date given as one of two ends, whichever comes first: the date closes the window at the latest
    ("Applications were accepted until the money was fully committed or 20 November 2026, whichever came first. "
     "The call is now closed; projects already submitted are being assessed.", "2026-11-20"),
    ("Applications are taken until the budget runs out or 15 March 2027, whichever is earlier.", "2027-03-15"),
    ("Claims can be lodged until the fund is spent or 31 January 2027, whichever happens sooner.", "2027-01-31"),
    ("申请受理到资金用完或2027年3月15日，以先到者为准。", "2027-03-15"),
    ("企业可在专项资金额度用完或2027年2月28日（以较早者为准）申请。", "2027-02-28"),
])
def test_a_date_or_the_money_running_out_whichever_first_closes_the_window(text: str, closes: str) -> None:
    window = _window(text, "2026-09-01")
    assert window is not None and (window["opens"], window["closes"]) == (None, closes)


def test_a_closed_call_whose_date_came_first_is_closed() -> None:
    window = _window("Applications were accepted until the money was fully committed or 20 November 2026, whichever "
                     "came first.", "2026-09-01")
    assert window is not None and window_state(window, dt.date(2026, 12, 6)) == "closed"


@pytest.mark.parametrize(("text", "opens", "closes"), [
    # the firm's requests for the money are its applications; the days the people claimed for were hired are no window
    ("Requests can be sent from 4 January 2027 to 26 February 2027 for people hired between 1 July and "
     "31 December 2026.", "2027-01-04", "2027-02-26"),
    ("Requests for the refund may be made from 1 March 2027 to 31 March 2027.", "2027-03-01", "2027-03-31"),
    ("Requests for the match can be put in until 26 February 2027.", None, "2027-02-26"),
    ("企业于2027年1月4日至2月26日提出申请，补贴对象为2026年7月1日至12月31日期间招用的人员。",
     "2027-01-04", "2027-02-26"),
    ("2027年3月1日至3月31日受理申请，限于2026年10月1日至12月31日新录用的员工。", "2027-03-01", "2027-03-31"),
])
def test_requests_sent_are_the_window_and_the_days_of_hiring_are_not(text: str, opens: str | None,
                                                                      closes: str) -> None:
    window = _window(text, "2026-11-28")
    assert window is not None and (window["opens"], window["closes"]) == (opens, closes)
