"""表三或表四的件数为负数、小数或不是数字，或单元格留空。

## 要求

表三、表四的每个单元格都是件数：应填写不小于 0 的整数。负数、小数和非数字的内容是错误，逐格报告。
没有发生的情形应填 0，不应留空：空白单元格无法与“未填写”区分，勾稽关系也无法可靠核对。
空白单元格按行提示，每行一条，列出该行留空的各列。带“件”字的数（如“9件”）按件数读取，不报告。

## 依据

年度报告格式表三、表四（国办公开办函〔2019〕60号、〔2021〕30号）：各栏均为申请或案件的件数。

## 示例

表三“（一）予以公开”和“（七）总计”两行的“总计”列都留空：同一列在多行中留空是一个习惯，报告为一条。

```
REC005 [警告] 表三“总计”在 2 行中为空白（“（一）予以公开”、“（七）总计”）；没有发生的应填 0
```

## 修改

填写件数本身（整数，不带单位）；没有发生的填 0。

## Requirement

Every cell of Tables 3 and 4 is a count and must be a whole number not below 0. Negative numbers, decimals
and non-numbers are errors, reported cell by cell. What did not happen is filled with 0, not left blank: a
blank cell cannot be told from "not filled in", and the identities cannot be checked reliably. Blank cells
get a warning per row, listing the row's blank columns. A count written with 件 (such as "9件") is read as
a count and not reported.

## Source

The annual report format's Tables 3 and 4 (国办公开办函〔2019〕60号, 〔2021〕30号): every cell is a number
of applications or cases.

## Example

The 总计 (total) column is blank in both the "（一）予以公开" and "（七）总计" rows of Table 3: the same
column left blank in several rows is one habit, reported as one finding.

## Fix

Write the count itself (a whole number, no unit); fill 0 for what did not happen.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nianbao.checks.cells import blank_columns
from nianbao.checks.cells import cell_args
from nianbao.checks.cells import cell_finding_parts
from nianbao.checks.cells import column_name
from nianbao.checks.cells import is_whole
from nianbao.checks.cells import show
from nianbao.model.document import Document
from nianbao.model.findings import CellEvidence
from nianbao.model.findings import Derivation
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="REC005",
    name="invalid-count",
    title="表三、表四件数无效或留空",
    title_en="A count in the application or review table is invalid or blank",
    severity="error",
    source="年度报告格式表三、表四（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "{table_no}“{cell}”填写为“{raw}”，不是数字",
        "en": "{table_no} “{cell}” reads “{raw}”, which is not a number",
    },
    variants={
        "negative": {
            "zh": "{table_no}“{cell}”为 {value}，件数不能为负数",
            "en": "{table_no} “{cell}” is {value}; a count cannot be negative",
        },
        "fraction": {
            "zh": "{table_no}“{cell}”为 {value}，件数应为整数",
            "en": "{table_no} “{cell}” is {value}; a count must be a whole number",
        },
        "blank": {
            "zh": "{table_no}“{row_label}”行的“{columns}”为空白；没有发生的应填 0",
            "en": ("{table_no} row “{row_label}”: “{columns_en}” left blank; "
                   "write 0 where there is nothing to count"),
        },
        "blank_rows": {
            "zh": "{table_no}“{columns}”在 {count} 行中为空白（{rows}）；没有发生的应填 0",
            "en": ("{table_no}: “{columns_en}” left blank in {count} rows ({rows_en}); "
                   "write 0 where there is nothing to count"),
        },
    },
    lowered={variant: {
        "severity": "warning",
        "zh": "空白多半是未填 0，并非数据缺失",
        "en": "a blank cell is most often a 0 left unwritten, not missing data",
    } for variant in ("blank", "blank_rows")},
    editions=("2019", "2021"),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    if context.edition is None:
        return
    for spec in context.edition.tables:
        table = document.tables.get(spec.key)
        if spec.blocks or table is None:
            continue
        blank_rows: dict[tuple[str, ...], list[tuple[Any, list[CellEvidence]]]] = {}
        for row in spec.all_rows():
            for column in spec.columns_for(row.key):
                key = f"{row.key}.{column.key}"
                cell = table.values.get(key)
                if cell is None or cell.blank:
                    continue
                args = cell_args(spec, key, cell)
                if cell.value is None:
                    location, evidence = cell_finding_parts(spec, table, key, "件数应为数字", None, cell.raw)
                    yield Violation(location, args, evidence)
                    continue
                args["value"] = show(cell.value)
                if cell.value < 0:
                    where, evidence = cell_finding_parts(spec, table, key, "件数不能为负数", None, cell.value)
                    yield Violation(where, args, evidence, variant="negative")
                elif not is_whole(cell.value):
                    where, evidence = cell_finding_parts(spec, table, key, "件数应为整数", None, cell.value)
                    yield Violation(where, args, evidence, variant="fraction")
            blanks = blank_columns(spec, table, row.key)
            if blanks:
                names = tuple(column_name(spec, row.key, c.key.split(".", 1)[1]) for c in blanks)
                blank_rows.setdefault(names, []).append((row, blanks))
        # One habit (the same columns left blank row after row) is one finding, not one per row.
        for names, rows in blank_rows.items():
            first = rows[0][0]
            read_row = table.row(first.key)
            line = read_row.ref.line if read_row else None
            args = {"table_no": spec.number, "row_label": first.label, "columns": "、".join(names),
                    "columns_en": "”, “".join(names)}
            cells = tuple(cell for _, blanks in rows for cell in blanks)
            variant = "blank"
            if len(rows) > 1:
                labels = [row.label for row, _ in rows]
                shown = "、".join(f"“{label}”" for label in labels[:4])
                args.update({"count": len(rows),
                             "rows": shown + (f"等 {len(rows)} 行" if len(rows) > 4 else ""),
                             "rows_en": shown + (f" and {len(rows) - 4} more" if len(rows) > 4 else "")})
                variant = "blank_rows"
            yield Violation(
                Location(line=line, section=spec.section, table=spec.key, row=first.key),
                args, Derivation(identity="空白单元格", cells=cells), variant=variant,
                key=("blank", "、".join(names)),
            )
