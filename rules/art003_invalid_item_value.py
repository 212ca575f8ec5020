"""表二的某个数值不是数字、单位与表头不符、件数不是整数，或在不允许的列中为负数。

## 要求

表二每个单元格应填写一个数，并符合该列表头的要求：

- 金额列按表头的单位填写（2021 版“本年收费金额（单位：万元）”、2019 版“采购总金额”均为万元），
  单元格中写了别的单位（如“251000元”）时报告该单元格、所填内容和应使用的单位；
- 件数、项目数等计数列应为整数，不能带金额单位（元、万元）；
- 只有 2019 版的“本年增/减”列可以为负数，其他列不能为负。

空白单元格不在本规则之列。

## 依据

年度报告格式表二表头（国办公开办函〔2019〕60号、〔2021〕30号）。

## 示例

2019 年度报告表二“政府集中采购 / 采购总金额”填写为“251000元”，而该列的单位是万元。

```
ART003 [错误] 表二“政府集中采购 / 采购总金额”填写为“251000元”，该列的单位是万元
```

## 修改

按表头的单位换算后填写数字本身（251000 元即 25.1 万元），不要在单元格中写单位；计数填整数；
除“本年增/减”外不填负数。

## Requirement

Each cell of 表二 (Table 2) holds one number that meets its column heading:

- amount columns are in the heading's unit (the 2021 "本年收费金额（单位：万元）" and the 2019 "采购总金额"
  are both in 万元, units of 10,000 yuan); a cell written in another unit (such as "251000元") is reported
  with the cell, its text and the unit to use;
- count columns (documents, items) must be whole numbers and carry no money unit (元, 万元);
- only the 2019 edition's 本年增/减 (change this year) column may be negative.

Blank cells are not this rule's concern.

## Source

The headings of the annual report format's Table 2 (国办公开办函〔2019〕60号, 〔2021〕30号).

## Example

A 2019 report's Table 2 cell 政府集中采购 / 采购总金额 (government procurement / total amount) reads
"251000元", but the column's unit is 万元.

## Fix

Convert to the heading's unit and write the number alone (251000 元 is 25.1 万元), with no unit in the
cell; counts are whole numbers; no negative figures except in 本年增/减.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks.blocks import block_tables
from nianbao.checks.cells import cell_args
from nianbao.checks.cells import cell_finding_parts
from nianbao.checks.cells import is_whole
from nianbao.checks.cells import show
from nianbao.model.document import Document
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

# Units of money: a count column (件数、项目数量) holding one was filled with the wrong figure.
MONEY = frozenset({"元", "万元"})

RULE = Rule(
    id="ART003",
    name="invalid-item-value",
    title="表二数值不是数字、单位不符或为负数",
    title_en="An active-disclosure table value is not a number, is in the wrong unit, or is negative",
    severity="error",
    source="年度报告格式表二表头（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "{table_no}“{cell}”填写为“{raw}”，不是数字",
        "en": "{table_no} “{cell}” reads “{raw}”, which is not a number",
    },
    variants={
        "unit": {
            "zh": "{table_no}“{cell}”填写为“{raw}”，该列的单位是{unit}",
            "en": "{table_no} “{cell}” reads “{raw}”; the column's unit is {unit}",
        },
        "money_in_count": {
            "zh": "{table_no}“{cell}”填写为“{raw}”，该列是计数，不是金额",
            "en": "{table_no} “{cell}” reads “{raw}”; the column is a count, not an amount of money",
        },
        "negative": {
            "zh": "{table_no}“{cell}”为 {value}，该列不能为负数",
            "en": "{table_no} “{cell}” is {value}; this column cannot be negative",
        },
        "fraction": {
            "zh": "{table_no}“{cell}”为 {value}，该列是计数，应为整数",
            "en": "{table_no} “{cell}” is {value}; this column is a count and must be a whole number",
        },
    },
    editions=("2019", "2021"),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    for spec in block_tables(context):
        table = document.tables.get(spec.key)
        if table is None:
            continue
        for key, cell in table.values.items():
            if cell.blank:
                continue
            row_key, column_key = key.split(".", 1)
            column = spec.column(row_key, column_key)
            if cell.value is None:
                location, evidence = cell_finding_parts(spec, table, key, "单元格应为数字", None, cell.raw)
                yield Violation(location, cell_args(spec, key, cell), evidence)
            elif not column.unit and cell.unit in MONEY:
                location, evidence = cell_finding_parts(spec, table, key, "该列是计数", None, cell.raw)
                yield Violation(location, cell_args(spec, key, cell), evidence, variant="money_in_count")
            elif column.unit and cell.unit and cell.unit != column.unit:
                what = f"该列单位为{column.unit}"
                location, evidence = cell_finding_parts(spec, table, key, what, column.unit, cell.raw)
                args = {**cell_args(spec, key, cell), "unit": column.unit}
                yield Violation(location, args, evidence, variant="unit")
            elif cell.value < 0 and not column.signed:
                location, evidence = cell_finding_parts(spec, table, key, "该列不能为负数", None, cell.value)
                args = {**cell_args(spec, key, cell), "value": show(cell.value)}
                yield Violation(location, args, evidence, variant="negative")
            elif not column.unit and not is_whole(cell.value):
                location, evidence = cell_finding_parts(spec, table, key, "计数应为整数", None, cell.value)
                args = {**cell_args(spec, key, cell), "value": show(cell.value)}
                yield Violation(location, args, evidence, variant="fraction")
