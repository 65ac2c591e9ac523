"""Places a notice states without naming them (bot/answering/slots.py reads them as held)."""

from __future__ import annotations

import re
from functools import lru_cache

# Places a notice states without naming them. Taiwan's notices date by the Republic's calendar and
# price in NT$ (中華民國115年, 新臺幣); a run of provinces' one-character names names each (粤港澳, 京津冀,
# 沪苏浙皖). Characters common in other words (新, 青, 宁, 吉, 黑, 甘, 川, 云, 藏) are left out.
_MARKS = {"Taiwan": ("中华民国", "新台币")}
_SHORT_NAMES = {
    "粤": "Guangdong", "港": "Hong Kong", "澳": "Macau", "沪": "Shanghai", "苏": "Jiangsu", "浙": "Zhejiang",
    "皖": "Anhui", "闽": "Fujian", "鲁": "Shandong", "豫": "Henan", "鄂": "Hubei", "湘": "Hunan", "赣": "Jiangxi",
    "冀": "Hebei", "津": "Tianjin", "京": "Beijing", "渝": "Chongqing", "黔": "Guizhou", "滇": "Yunnan",
    "琼": "Hainan", "陕": "Shaanxi", "晋": "Shanxi", "桂": "Guangxi", "辽": "Liaoning", "台": "Taiwan"}
_SHORT_RUN = re.compile(f"[{''.join(_SHORT_NAMES)}]{{2,8}}")


@lru_cache(maxsize=8192)
def implied(text: str) -> frozenset[str]:
    """The places ``text`` (simplified) states by marks or by a run of provinces' short names. Cached:
    the same passages and contexts come back question after question."""
    found = {place for place, marks in _MARKS.items() if any(m in text for m in marks)}
    found |= {_SHORT_NAMES[c] for run in _SHORT_RUN.findall(text[:8000]) for c in run}
    return frozenset(found)
