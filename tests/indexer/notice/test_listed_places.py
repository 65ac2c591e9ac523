"""A condition pointing to places the notice lists elsewhere ("registered in one of the target cities
above", "在上述地区注册"): the places of the section or line it points to are the region asked."""

from __future__ import annotations

import pytest

from bot.finder.match import Profile, checklist
from indexer.notice.eligibility import extract_eligibility
from indexer.notice.listed_places import pointed_region
from indexer.notice.structure import parse

EN = """Yangtze Delta Knitwear Sampling Grants, 2027

Participating cities
Suzhou, Wuxi, Nantong and Changzhou.

Who may apply
An applicant must meet all of the conditions below:
1. it is registered in one of the participating cities above and pays its taxes there;
2. it makes knitwear or garments;
3. it employs no more than 200 people.
"""

ZH = """关于开展2027年纺织企业数字化改造补助申报的通知

一、实施地区
越城区、柯桥区、上虞区。

二、申报条件
申报企业须同时满足以下条件：
（一）在上述地区依法注册并纳税；
（二）主营纺织、印染产品生产。
"""

# a form of a real round: the nine cities in a section of their own
BAY = """Garment Machinery Grants, 2027

Target cities
Guangzhou, Shenzhen, Zhuhai, Foshan, Huizhou, Dongguan, Zhongshan, Jiangmen and Zhaoqing.

Who is eligible
A company is eligible when it meets each of the points below:
(a) it is registered in one of the target cities above and files its taxes there;
(b) it makes clothing, knitwear or home textiles.
"""


@pytest.mark.parametrize(("text", "unit", "places"), [
    (EN, "it is registered in one of the participating cities above and pays its taxes there;",
     ["Suzhou", "Wuxi", "Nantong", "Changzhou"]),
    (ZH, "在上述地区依法注册并纳税；", ["Yuecheng", "Keqiao", "Shangyu"]),
    ("本次试点城市为：苏州、无锡、南通。\n", "企业须在上述城市登记注册。", ["Suzhou", "Wuxi", "Nantong"]),
])
def test_the_pointed_places(text: str, unit: str, places: list[str]) -> None:
    [region] = pointed_region(unit, parse(text).blocks)
    assert region["type"] == "region" and region["value"] == places


@pytest.mark.parametrize("unit", ["it is registered in Suzhou;", "it makes knitwear;", "在本区注册"])
def test_no_pointer_no_region(unit: str) -> None:
    assert pointed_region(unit, parse(EN).blocks) == []


def test_a_pointer_to_nothing_listed_reads_nothing() -> None:
    assert pointed_region("it is registered in one of the target cities above;", parse("Who may apply\n").blocks) == []


def _region_status(text: str, region: str | None) -> str:
    found = extract_eligibility([], text)
    regions = [c for c in found["conditions"] if c["type"] == "region"]
    assert len(regions) == 1 and not any(c["type"] == "text" for c in found["conditions"])
    [item] = [i for i in checklist({"conditions": regions}, Profile(region=region), "en")]
    return str(item["status"])


@pytest.mark.parametrize(("text", "region", "expected"), [
    (EN, "无锡市", "met"), (EN, "绍兴市柯桥区", "unmet"), (EN, None, "unknown"),
    (ZH, "柯桥", "met"), (ZH, "绍兴", "unknown"), (ZH, "苏州市吴江区", "unmet"),
    (BAY, "东莞", "met"), (BAY, "绍兴市柯桥区", "unmet"), (BAY, "Wuxi", "unmet"),
])
def test_the_finder_checks_the_pointed_places(text: str, region: str | None, expected: str) -> None:
    assert _region_status(text, region) == expected
