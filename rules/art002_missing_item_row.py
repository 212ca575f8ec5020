"""表二某一项第二十条统计栏缺少格式规定的行。

## 要求

表二中出现的每一栏（第二十条第某项）都应包括格式规定的全部行。例如 2019 版第（五）项应有“行政许可”和
“其他对外管理服务事项”两行，第（六）项应有“行政处罚”和“行政强制”两行。整栏缺失由 ART001 报告。

## 依据

《条例》第二十条；年度报告格式表二（国办公开办函〔2019〕60号、〔2021〕30号）。

## 示例

2021 年度报告表二第二十条第（六）项只有“行政处罚”一行。

```
ART002 [错误] 表二“第二十条第（六）项”缺少“行政强制”行
```

该栏中有数字、但行名不是格式规定的行名时（如 2021 版写成“规范性文件”），提示中会列出这个行名。

## 修改

补上缺少的行；没有发生的事项填 0。行名请使用格式规定的措辞，否则检查器可能认不出该行。

## Requirement

Every block of 表二 (Table 2) that is present (one Article 20 item) must contain all the rows the format
prescribes. In the 2019 edition, for example, item (5) has the rows 行政许可 (administrative licensing) and
其他对外管理服务事项 (other external management services), and item (6) has 行政处罚 (administrative
penalties) and 行政强制 (administrative coercion). A wholly missing block is reported by ART001.

## Source

Regulation Article 20; the annual report format's Table 2 (国办公开办函〔2019〕60号, 〔2021〕30号).

## Example

In a 2021 report, the Table 2 block for Article 20 item (6) has only the 行政处罚 row; the 行政强制 row is
missing. When the block has figures under a row name the format does not use (such as 规范性文件 in the
2021 edition), the finding names that row.

## Fix

Add the missing row, with 0 for what did not happen. Use the format's wording for row names, or the
checker may not recognise the row.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks.blocks import block_present
from nianbao.checks.blocks import block_tables
from nianbao.checks.blocks import unrecognised_rows
from nianbao.model.document import Document
from nianbao.model.document import TableRow
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="ART002",
    name="missing-item-row",
    title="表二某项统计栏缺少规定的行",
    title_en="An Article 20 block of the active-disclosure table lacks a row",
    severity="error",
    source="《条例》第二十条；年度报告格式表二（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "{table_no}“{block}”缺少“{row_label}”行",
        "en": "{table_no}, block “{block}”: row “{row_label}” is missing",
    },
    variants={
        "renamed": {
            "zh": ("{table_no}“{block}”缺少“{row_label}”行；该栏有格式以外的行“{written}”，"
                   "如为同一行，请改用格式的行名"),
            "en": ("{table_no}, block “{block}”: row “{row_label}” is missing; the block has a row "
                   "“{written}” the format does not name: if it is the same row, use the format's label"),
        },
    },
    articles=("art20",),
    editions=("2019", "2021"),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    for spec in block_tables(context):
        table = document.tables.get(spec.key)
        if table is None:
            continue
        read: dict[str, TableRow] = {}
        for table_row in table.rows:
            read.setdefault(table_row.key, table_row)  # the first, as table.row finds it
        strangers: dict[str, list[str]] | None = None  # worked out only when a row is missing
        for block in spec.blocks:
            if all(r.key in read for r in block.rows) or not block_present(table, block):
                continue
            if strangers is None:
                strangers = unrecognised_rows(table, spec)
            written = "、".join(strangers.get(block.key, ()))
            present = [read[r.key] for r in block.rows if r.key in read]
            # Point at the block's first row that was read: the missing one belongs beside it.
            ref = present[0].ref if present else table.ref
            for row in block.rows:
                if row.key not in read:
                    yield Violation(
                        Location(line=ref.line, page=ref.page, locator=ref.locator, section=spec.section,
                                 table=spec.key, row=row.key),
                        {"table_no": spec.number, "block": block.label, "row_label": row.label,
                         "written": written},
                        variant="renamed" if written else "default",
                    )
