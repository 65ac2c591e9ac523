"""Lines on how applications are handled ask nothing of who may apply: how often, applying again, scoring."""

from __future__ import annotations

import pytest

from indexer.notice.handling import handling
from indexer.notice.not_conditions import never


@pytest.mark.parametrize("line", [
    "Every firm may submit one application per round.",
    "A company can apply twice a year.",
    "Firms turned down in the spring may reapply in the autumn.",
    "Companies that applied in an earlier round may reapply.",
    "Proposals are ranked against the published criteria.",
    "每家企业每年度限申报一次。",
    "以往申报未获支持的企业可以重新申报。",
    "申报项目按创新性、可行性和带动作用进行评分。",
    "Firms that won funding last year can apply again with a different project.",
    "往年已获得补助的企业可就新项目再次申报。",
    # real rounds' forms
    "Businesses that received a grant in an earlier round may apply again for a new project.",
    "Each company may apply once per year.",
    "Earlier applicants, successful or not, may apply again.",
    "Projects were scored on how far they would change the business, the applicant's own commitment and whether "
    "they could be finished within one year.",
    # the project's schedule, not who may apply (labelled so in two rounds: ad09, an10)
    "Projects must be finished within one year.",
    "新建、扩建项目的建设期原则上不超过两年，应于2028年年底前建成投产。",
    # an award tier by size: how much, not who (an12)
    "Businesses with 1 to 5 employees receive RMB 20,000, those with 6 to 15 receive RMB 40,000.",
])
def test_how_applications_are_handled_is_no_condition(line: str) -> None:
    assert handling(line) and never(line)


@pytest.mark.parametrize("line", [
    "Each company may apply for up to RMB 1 million per year.",
    "Earlier applicants must not have received a grant in the last three years.",
    "以往年度已获得区级补助的企业，本次不得申报。",
    "Firms that received a grant in earlier years cannot apply.",
    "It must have been registered in Wuxi for at least a year.",
])
def test_conditions_and_caps_are_not_handling(line: str) -> None:
    assert not handling(line)


@pytest.mark.parametrize("line", [
    "首次参展的企业和多次参展的企业都可以报名。",
    "First-time exhibitors, occasional exhibitors and firms that show every year may all apply.",
    # a real round's form
    "Businesses that have never exported, businesses that have exported only now and then, and experienced "
    "exporters going into new markets are all welcome.",
])
def test_first_timers_and_others_all_welcome_is_no_condition(line: str) -> None:
    assert handling(line) and never(line)


@pytest.mark.parametrize("line", [
    "First-time exhibitors and returning exhibitors registered in Keqiao are all welcome.",
    "首次参展和多次参展的企业均可申报，但须在柯桥区注册。",
])
def test_all_welcome_with_a_place_still_asks_the_place(line: str) -> None:
    assert not handling(line)


@pytest.mark.parametrize("line", [
    "企业规模按照国家中小企业划型标准确定；大型企业的补贴另行发文。",
    "大型企业的稳岗返还另行通知。",
    "Firm size is determined under the national SME classification rules. Large enterprises will be covered by a "
    "separate notice.",
    "The size of a firm is judged according to the SME classification rules.",
    # a real round's form
    "企业规模依照《中小企业划型标准规定》认定，大型企业的稳岗返还另行通知。",
])
def test_how_size_is_judged_and_who_is_handled_elsewhere_is_no_condition(line: str) -> None:
    assert handling(line) and never(line)


@pytest.mark.parametrize("line", [
    "企业规模依照《中小企业划型标准规定》认定为中小微企业，且注册在本区。",
    "Applicants must be SMEs; large enterprises will be covered by a separate notice.",
    "大型企业不予支持。",
    "纺织、服装、家纺行业的中小微企业。",
])
def test_a_size_asked_beside_them_stays_a_condition(line: str) -> None:
    assert not handling(line)


@pytest.mark.parametrize("line", [
    "今后再被评为国家级绿色工厂的，补齐差额部分。",
    "A firm later recognised as a national green factory is paid the difference.",
    "If the mill is later named a national model factory, the difference will be paid.",
    # a real round's form
    "此后再被认定为省级、国家级绿色工厂的，按差额补足。",
])
def test_a_later_award_topped_up_is_no_condition(line: str) -> None:
    assert handling(line) and never(line)


@pytest.mark.parametrize("line", [
    "按差额补足的企业须在本区注册。",
    "Applicants must pay the difference between the grant and the project cost themselves before work starts.",
])
def test_a_difference_asked_of_the_firm_is_not_a_top_up(line: str) -> None:
    assert not handling(line)


@pytest.mark.parametrize("line", [
    "企业有多个项目纳入上述类别的，合并计算投资额、合并申报。",
    "同一企业参加多个展会的，合并计算补贴金额。",
    "A firm with more than one project in these categories adds their investment together in one application.",
    "Where a company runs two or more projects, they are combined into a single claim.",
])
def test_how_several_projects_are_counted_is_no_condition(line: str) -> None:
    assert handling(line)
    assert never(line)


@pytest.mark.parametrize("line", [
    "Training not directly related to the trainee's job will not be approved.",
    "Costs of equipment and staff wages are not covered.",
    "与岗位无关的培训费用不予补贴。",
    "设备购置支出一律不予列支。",
])
def test_what_the_money_does_not_pay_for_is_no_condition(line: str) -> None:
    assert handling(line)


@pytest.mark.parametrize("line", [
    "首次申请的企业，须先在中小企业国际市场开拓资金申报系统完成注册。",
    "初次申报的单位，应当先在区商务局办理企业信息备案。",
    "First-time applicants, before anything else, must register on the online portal.",
])
def test_a_step_first_timers_take_is_no_condition(line: str) -> None:
    assert handling(line)


@pytest.mark.parametrize("line", [
    "Applicants must run two or more projects.",
    "未通过验收的项目不予支持。",  # a project's own state, not a cost left out
    "首次申请的企业须为在本区注册的纺织企业。",  # a first-timer asked, with a place
])
def test_projects_asked_and_first_timers_with_a_condition_stay(line: str) -> None:
    assert not handling(line)


@pytest.mark.parametrize("line", [
    "专项减免以企业提交的划型声明和历届展商名录为准，核实不符的按原价补收。",
    "企业规模以申报时提交的统计报表为准，经核查不实的，追回已拨付资金。",
    "Eligibility for the special reduction is judged on the size declaration the firm submits and past exhibitor "
    "lists; where a check finds otherwise, the full price is charged.",
])
def test_the_record_that_decides_and_what_follows_a_wrong_claim_is_no_condition(line: str) -> None:
    assert handling(line)
    assert never(line)


@pytest.mark.parametrize("line", [
    "申报企业须具有独立法人资格，核实不符的取消资格。",  # a requirement beside the sanction
    "Applicants must have fewer than 50 staff; if a check finds otherwise, the grant is recovered.",
    "以上各项减免可以累加，但累计减免比例不超过50%。",
])
def test_a_requirement_beside_a_check_stays(line: str) -> None:
    assert not handling(line)
