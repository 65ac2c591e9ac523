"""The asked figure's role against the figure a quote states for another (a cap per firm for a total)."""

from bot.answering.roles import unstated_role


def test_a_total_asked_wants_a_total_stated() -> None:
    asked = "这项外贸专项资金全市一共安排了多少钱？"
    assert unstated_role(asked, "对参展企业按展位费的50%给予补助，每家最高20万元。") == "total"
    assert unstated_role(asked, "市财政安排专项资金3000万元，用于支持企业开拓市场。") is None
    assert unstated_role(asked, "两批资金共计1200万元已拨付到位。") is None
    assert unstated_role("每年安排几个园区开展改造？", "每年选择1至2个园区开展改造。") is None  # a count


def test_a_rate_per_unit_wants_that_unit() -> None:
    assert unstated_role("招用脱贫人口，每人每月补多少？", "按规定给予社会保险补贴，单户最高5万元。") == "per unit"
    assert unstated_role("每招一个人补多少？", "按每招用1人不超过1500元的标准发放。") is None
    assert unstated_role("运输补贴每吨补多少？", "运费补贴按200元/吨核定。") is None
    assert unstated_role("用电补贴每度电补几分钱？", "企业生产用电补贴另行制定细则。") == "per unit"
    assert unstated_role("展会每平方米补多少？", "展览面积每平方米补助20元。") is None


def test_the_days_on_public_display_are_not_the_days_to_pay() -> None:
    asked = "审核通过以后多少个工作日钱能到账？"
    assert unstated_role(asked, "审核通过的名单公示5个工作日，无异议的拨付到企业账户。") == "period"
    assert unstated_role(asked, "公示期满后10个工作日内拨付到企业账户。") is None
    assert unstated_role("名单要公示几天？", "审核通过的名单公示5个工作日。") is None  # the display asked
    assert unstated_role("多久评选一次？", "省商务厅每两年组织一次评选。") is None
    assert unstated_role("认定后有效期多长？", "结果公示5个工作日，无异议的认定，有效期两年。") is None
