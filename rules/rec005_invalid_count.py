"""表三或表四的件数为负数、小数或不是数字，或单元格留空。

## 要求

表三、表四的每个单元格都是件数：应填写不小于 0 的整数。负数、小数和非数字的内容是错误，逐格报告。
没有发生的情形应填 0，不应留空：空白单元格无法与“未填写”区分，勾稽关系也无法可靠核对。
一张表的空白单元格是同一个习惯，合为一条提示：按列列出（在相同各行留空的列写在一起，整列留空的写“整列
空白”），`-v` 逐格列出。带“件”字的数（如“9件”）按件数读取，不报告。

## 依据

年度报告格式表三、表四（国办公开办函〔2019〕60号、〔2021〕30号）：各栏均为申请或案件的件数。

## 示例

表三“一、本年新收”行的“科研机构、社会公益组织”两列留空，“（一）予以公开”和“（七）总计”两行的“总计”列也
留空：都是没有写 0，报告为一条。

```
REC005 [警告] 表三有 4 格空白：“科研机构、社会公益组织”在“一、本年新收政府信息公开申请数量”行，“总计”在 2 行中；没有发生的应填 0
```

## 修改

填写件数本身（整数，不带单位）；没有发生的填 0。

## Requirement

Every cell of Tables 3 and 4 is a count and must be a whole number not below 0. Negative numbers, decimals
and non-numbers are errors, reported cell by cell. What did not happen is filled with 0, not left blank: a
blank cell cannot be told from "not filled in", and the identities cannot be checked reliably. A table's
blank cells are one habit and get one warning, naming them by column (columns blank in the same rows
together; a column blank in every row as such); `-v` lists every cell. A count written with 件 (such as
"9件") is read as a count and not reported.

## Source

The annual report format's Tables 3 and 4 (国办公开办函〔2019〕60号, 〔2021〕30号): every cell is a number
of applications or cases.

## Example

Two columns of the 一、本年新收 row of Table 3 are blank, and so is the 总计 (total) column of the
"（一）予以公开" and "（七）总计" rows: every one is a 0 not written, reported as one finding.

## Fix

Write the count itself (a whole number, no unit); fill 0 for what did not happen.
"""  # noqa: E501 - the 示例 output line is quoted whole

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nianbao.checks.cells import blank_columns
from nianbao.checks.cells import cell_args
from nianbao.checks.cells import cell_finding_parts
from nianbao.checks.cells import column_name
from nianbao.checks.cells import is_whole
from nianbao.checks.cells import show
from nianbao.format.editions import TableSpec
from nianbao.model.document import CellValue
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
            "zh": "{table_no}有 {count} 格空白：{columns}；没有发生的应填 0",
            "en": ("{table_no}: {count} cells left blank: {columns_en}; "
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
        values = table.values
        if _all_counts(values):
            continue  # the usual table: no cell to report, and no cell by cell walk through its rows
        blanks: list[tuple[Any, list[CellEvidence]]] = []
        read: dict[str, int] = {}  # how many rows have a cell of each column that was read
        for row in spec.all_rows():
            for column in spec.columns_for(row.key):
                key = f"{row.key}.{column.key}"
                cell = values.get(key)
                if cell is None:
                    continue
                read[column.key] = read.get(column.key, 0) + 1
                if cell.blank:
                    continue
                value = cell.value
                if value is not None and value >= 0 and is_whole(value):
                    continue  # a count as it should be (most cells): no message to prepare
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
            row_blanks = blank_columns(spec, table, row.key)
            if row_blanks:
                blanks.append((row, row_blanks))
        if blanks:
            yield _blank_cells(spec, blanks, read)


def _all_counts(values: dict[str, CellValue]) -> bool:
    """Every cell read holds a whole count of at least 0 (an int; below 1e308, so that is_whole,
    which the rule asks of other values, could not overflow on it): none is blank or invalid."""
    for cell in values.values():
        value = cell.value
        if type(value) is not int or value < 0 or value >= 1e308 or cell.blank:
            return False
    return True


def _blank_cells(spec: TableSpec, blanks: list[tuple[Any, list[CellEvidence]]],
                 read: dict[str, int]) -> Violation:
    """One finding for a table's blank cells: leaving 0 unwritten is one habit, whatever rows and
    columns it touched. Its logical place is the table, so that another blank cell does not make it
    a new finding; it points at the first blank cell, and lists every one as evidence."""
    cells = tuple(cell for _, row_blanks in blanks for cell in row_blanks)
    first_row = blanks[0][0]
    args: dict[str, Any] = {"table_no": spec.number, "count": len(cells)}
    if len(blanks) == 1:
        names = [column_name(spec, first_row.key, c.key.split(".", 1)[1]) for c in cells]
        args.update({"row_label": first_row.label, "columns": "、".join(names),
                     "columns_en": "”, “".join(names)})
        variant = "blank"
    else:
        args.update(_column_groups(spec, blanks, read))
        variant = "blank_rows"
    first = cells[0]
    location = Location(line=first.line, page=first.page, locator=first.locator, section=spec.section,
                        table=spec.key)
    return Violation(location, args, Derivation(identity="", cells=cells), variant=variant, key=("blank",))


def _column_groups(spec: TableSpec, blanks: list[tuple[Any, list[CellEvidence]]],
                   read: dict[str, int]) -> dict[str, str]:
    """The blank cells by column, columns left blank in the same rows named together: “科研机构、
    社会公益组织”整列空白，“商业企业”在 16 行中，“总计”在“（一）予以公开”行."""
    rows_of: dict[str, list[Any]] = {}
    names: dict[str, str] = {}
    for row, row_blanks in blanks:
        for cell in row_blanks:
            column = cell.key.split(".", 1)[1]
            rows_of.setdefault(column, []).append(row)
            if column not in names:
                names[column] = column_name(spec, row.key, column)
    groups: dict[tuple[str, ...], list[str]] = {}
    for column, rows in rows_of.items():
        groups.setdefault(tuple(row.key for row in rows), []).append(column)
    zh, en = [], []
    for row_keys, columns in groups.items():
        rows = rows_of[columns[0]]
        shown_zh, shown_en = "、".join(names[c] for c in columns), "”, “".join(names[c] for c in columns)
        if len(rows) > 1 and all(len(rows_of[c]) == read.get(c) for c in columns):
            zh.append(f"“{shown_zh}”整列空白")
            en.append(f"“{shown_en}” in every row")
        elif len(rows) == 1:
            zh.append(f"“{shown_zh}”在“{rows[0].label}”行")
            en.append(f"“{shown_en}” in row “{rows[0].label}”")
        else:
            zh.append(f"“{shown_zh}”在 {len(row_keys)} 行中")
            en.append(f"“{shown_en}” in {len(row_keys)} rows")
    return {"columns": "，".join(zh), "columns_en": "; ".join(en)}
