"""The finder's verdict on a region that is a town: a firm of another county is outside it, one of its
city may or may not be in it, one in the town meets it."""

from __future__ import annotations

import pytest

from bot.finder.checks import Profile, verdict
from indexer.notice.regions import regions_in

TOWN_ZH = "凡在新塍镇范围内办理工商登记并在本镇缴纳税收的纺织企业，均可申报。"
TOWN_EN = "Firms registered in Xincheng Town of Xiuzhou District may apply."


@pytest.mark.parametrize("sentence", [TOWN_ZH, TOWN_EN])
@pytest.mark.parametrize(("region", "expected"), [
    ("柯桥区", "unmet"), ("Wuxi", "unmet"), ("王江泾镇", "unmet"),  # another county, another town
    ("嘉兴", "unknown"), ("秀洲区", "unknown"),  # wider than the town
    ("新塍镇", "met"), ("嘉兴市秀洲区新塍镇", "met")])
def test_a_town_region(sentence: str, region: str, expected: str) -> None:
    [cond] = regions_in(sentence, "新塍镇人民政府" if sentence == TOWN_ZH else None)
    assert verdict(cond, Profile(region=region)) == expected


def test_a_town_several_counties_share_decides_nothing_alone() -> None:
    [cond] = regions_in("注册地在黄桥镇的纺织企业")
    assert {verdict(cond, Profile(region=r)) for r in ("柯桥区", "Wuxi", "泰兴市")} == {"unknown"}
