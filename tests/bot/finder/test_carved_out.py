"""A province with a city carved out in brackets, checked against companies (fresh sentences in both
languages): a firm of the carved-out city is unmet, one elsewhere in the province met, one outside it unmet,
one naming only the province unknown."""

from __future__ import annotations

import pytest

from bot.finder.match import Profile, checklist
from indexer.notice.regions import regions_in


def _overall(sentence: str, region: str | None) -> str:
    statuses = [i["status"] for i in checklist({"conditions": regions_in(sentence)}, Profile(region=region), "zh")]
    return "unmet" if "unmet" in statuses else "unknown" if "unknown" in statuses else "met"


@pytest.mark.parametrize("sentence", ["税收缴纳地在江苏省（苏州市另行组织，不在本通知范围）；",
                                      "registered in Jiangsu Province (Suzhou firms apply under a separate scheme);"])
@pytest.mark.parametrize(("region", "expected"), [("苏州市吴江区", "unmet"), ("无锡市", "met"),
                                                  ("绍兴市柯桥区", "unmet"), ("江苏省", "unknown")])
def test_a_carved_out_city(sentence: str, region: str, expected: str) -> None:
    assert _overall(sentence, region) == expected
