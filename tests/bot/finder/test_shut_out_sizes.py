"""A size an exclusion list shuts out, checked against companies (fresh notices in both languages): a firm of
that size is unmet, one of another size met, one that does not say its size unknown."""

from __future__ import annotations

import pytest

from bot.finder.match import Profile, checklist
from indexer.notice.eligibility import extract_eligibility

ZH = """关于企业稳岗奖励的实施办法

一、奖励对象
本区登记注册的纺织企业。

二、不予奖励的情形
有下列情形之一的企业不予奖励：
（1）被列入严重失信主体名单的；
（2）按国家划型标准属于大型企业的。
"""

EN = """Retention Awards for Textile Firms

Who cannot apply
An application is refused where the company:
(a) is on the list of seriously dishonest entities;
(b) is a large enterprise under the 2011 size classification.
"""


@pytest.mark.parametrize("text", [ZH, EN])
@pytest.mark.parametrize(("size", "expected"), [("large", "unmet"), ("small", "met"), ("medium", "met"),
                                                (None, "unknown")])
def test_a_size_shut_out(text: str, size: str | None, expected: str) -> None:
    found = extract_eligibility([], text, "某区人民政府")
    sizes = [c for c in found["conditions"] if c["type"] == "enterprise_size"]
    assert len(sizes) == 1
    [item] = checklist({"conditions": sizes}, Profile(enterprise_size=size), "zh")
    assert item["status"] == expected
