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
    # real rounds' forms
    "Each company may apply once per year.",
    "Earlier applicants, successful or not, may apply again.",
    "Projects were scored on how far they would change the business, the applicant's own commitment and whether "
    "they could be finished within one year.",
])
def test_how_applications_are_handled_is_no_condition(line: str) -> None:
    assert handling(line) and never(line)


@pytest.mark.parametrize("line", [
    "Each company may apply for up to RMB 1 million per year.",
    "Earlier applicants must not have received a grant in the last three years.",
    "Projects must be finished within one year.",
    "以往年度已获得区级补助的企业，本次不得申报。",
    "It must have been registered in Wuxi for at least a year.",
])
def test_conditions_and_caps_are_not_handling(line: str) -> None:
    assert not handling(line)
