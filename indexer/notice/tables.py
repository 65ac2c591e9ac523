"""Tables in a notice that state who may apply, wherever they stand.

A table copied out of a web page or a Word file keeps its rows as lines of cells
(``indexer.notice.numbering.cells``). Two shapes state conditions:

- one condition a row, its name in the first cell ("项目 | 报名要求" over "企业主体 | 在越城区办理营业执照"):
  a table whose header names requirements, or which the line just before points to ("现将报名要求列表
  如下。", "Applicants must meet the requirements in the table below:");
- one condition a column ("注册地 | 所属行业 | 上年度出口额" over "柯桥区 | 纺织、服装 | 500万美元以下"): a
  header naming two or more things an applicant is measured by and no benefit column; each row reads
  as "注册地：柯桥区；所属行业：…", and several rows are alternatives (one kind of applicant each).

Tables of materials, benefit tiers ("出口额 | 补助比例") or exclusions are none of these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from indexer.notice.numbering import cells
from indexer.notice.structure import Block

HEADER = re.compile(r"事项|项目|条件|要求|内容|指标|标准|说明|类别|序号|名称|备注|维度|门槛|方面"
                    r"|item|requirement|criteri|condition|detail|description|category|field|value|notes?\b|no\."
                    r"|dimensions?|thresholds?", re.I)
_COND_COLUMN = re.compile(r"条件|要求|资格|门槛|eligib|requirements?|criteri|conditions?|qualif", re.I)
_POINTER = re.compile(r"如下|下表|列表|列明|以下|below|following|as\s+follows|\btable\b", re.I)
_MEASURE_COLUMN = re.compile(r"注册地|所在地|住所|属地|区域|地区|行业|产业|规模|人数|员工|从业|职工|出口|营业收入|营收"
                             r"|销售|信用"
                             r"|region|location|registered|registration|place|sector|industry|size|employees|staff"
                             r"|headcount|workforce|exports?|revenue|turnover|sales|credit|record", re.I)
_BENEFIT_COLUMN = re.compile(r"补助|奖励|资助|补贴|比例|金额|额度|标准|上限|subsid|grant|reward|award|rate|amount|cap\b"
                             r"|ceiling|support", re.I)

Rows = dict[int, list[str]]


def headers(blocks: Sequence[Block]) -> tuple[Rows, set[int]]:
    """The table rows among ``blocks`` (line -> cells, ``[]`` for a rule row) and which rows are a
    table's header: its first row when a rule row follows, or when every cell is a short column
    name ("| 事项 | 要求 |", "Item | Requirement", "注册地 | 所属行业"). A header row taken for the title (the
    loader kept the notice's title apart, so the table's first row opens the text) is a row too."""
    rows = {b.line: found for b in blocks if b.kind in ("paragraph", "title") and (found := cells(b.text)) is not None}
    heads: set[int] = set()
    for i, b in enumerate(blocks):
        if not rows.get(b.line) or (i and blocks[i - 1].line in rows):
            continue
        ruled = i + 1 < len(blocks) and rows.get(blocks[i + 1].line) == []
        short = all(len(c) <= 16 and not any(ch.isdigit() for ch in c) for c in rows[b.line])
        if ruled or (short and (any(HEADER.search(c) for c in rows[b.line]) or by_column(rows[b.line]))):
            heads.add(b.line)
    return rows, heads


def header_row(line: str) -> bool:
    """A rule row or a row of short column names ("| 条件类别 | 具体要求 |"), standing as an item of a
    list (a lead-in such as "符合下表全部条件的企业：" takes the rows below it as its items)."""
    row = cells(line)
    if row is None:
        return False
    return not row or all(len(c) <= 16 and not any(ch.isdigit() for ch in c) for c in row) \
        and all(HEADER.search(c) for c in row)


def by_column(header: list[str]) -> bool:
    """A header of one condition a column: two or more measures, no benefit column."""
    return sum(bool(_MEASURE_COLUMN.search(c)) for c in header) >= 2 \
        and not any(_BENEFIT_COLUMN.search(c) for c in header)


def condition_tables(blocks: Sequence[Block], rows: Rows, heads: set[int],
                     lead_ok: Callable[[str], bool]) -> dict[int, tuple[list[str] | None, int]]:
    """The rows of tables stating conditions: line -> (the header to read the row by (one
    condition a column) or None (one a row), the table's number). ``lead_ok`` says whether the line
    before may announce conditions (not materials, tiers or exclusions)."""
    out: dict[int, tuple[list[str] | None, int]] = {}
    number = 0
    current: bool | None = None
    header: list[str] = []
    before = ""
    for block in blocks:
        if block.line not in rows:
            current, before = None, block.text
            continue
        if current is None:
            number += 1
            header = rows[block.line] if block.line in heads else []
            lead = re.split(r"(?<=[。.!！?？])\s*", before.strip())
            lead_line = next((s for s in reversed(lead) if s), "")
            current = by_column(header) or any(_COND_COLUMN.search(c) and lead_ok(c) for c in header) or (
                bool(_COND_COLUMN.search(lead_line)) and bool(_POINTER.search(lead_line)) and lead_ok(lead_line))
        if current and block.line not in heads and rows[block.line]:
            out[block.line] = (header if by_column(header) else None, number)
    return out


def row_text(row: list[str], header: list[str] | None) -> str:
    """What a row says: "name：value" (one condition a row) or "column：cell；…" (one a column)."""
    if header and len(header) == len(row):
        joiner = "：" if re.search(r"[\u4e00-\u9fff]", "".join(header)) else ": "
        return "；".join(f"{h}{joiner}{c}" for h, c in zip(header, row, strict=True))
    joiner = "：" if re.search(r"[\u4e00-\u9fff]", row[0]) else ": "
    return row[0] + joiner + "；".join(row[1:])
