"""表三或表四缺少格式规定的行，或整张表缺失。

## 要求

表三、表四应包括格式规定的全部行：表三从“一、本年新收政府信息公开申请数量”到“四、结转下年度继续办理”，
表四的案件数一行。没有发生的情形填 0，不能删去该行：删去的行无法与“填了 0”区分，勾稽关系也无法核对，
少报的件数不会被发现。每缺一行报告一次，并说明该行属于哪一项；整张表缺失时报告一次。读到了行名、但数值
无法确定的行不算缺失（由 DOC002 说明）。

2021 版表三的“（六）其他处理”分为三行；按 2019 版写成一行时，不报告三行缺失，而是提示一次（警告），
该行的数值按三行之和参与勾稽关系的核对。

## 依据

年度报告格式表三、表四（国办公开办函〔2019〕60号、〔2021〕30号）。

## 示例

2022 年度报告的表三删去了“（二）部分公开”一行（该行有 9 件）。

```
REC006 [错误] 表三“三、本年度办理结果”缺少“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行
```

## 修改

按格式补上缺少的行，没有发生的情形填 0；行名使用格式规定的措辞，否则检查器可能认不出该行。

## Requirement

Tables 3 and 4 must contain every row the format prescribes: Table 3 from "一、本年新收政府信息公开申请数量"
(received this year) to "四、结转下年度继续办理" (carried forward), and Table 4's case-count row. What did
not happen is filled with 0, and the row is not deleted: a deleted row cannot be told from a 0, its
identities cannot be checked, and under-reported counts go unnoticed. Each missing row is reported once,
naming the item it belongs to; a wholly missing table is reported once. A row whose name was read but whose
values could not be determined is not missing (DOC002 explains it).

In the 2021 edition Table 3's "（六）其他处理" (other handling) has three rows; written as one row in the
2019 style, it is not reported as three missing rows but gets one warning, and its value takes part in the
identities as the sum of the three.

## Source

The annual report format's Tables 3 and 4 (国办公开办函〔2019〕60号, 〔2021〕30号).

## Example

A 2022 report's Table 3 has dropped the row "（二）部分公开" (partly disclosed), which held 9 applications.

## Fix

Add the missing rows as the format has them, with 0 for what did not happen; use the format's wording for
row names, or the checker may not recognise the row.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.format.editions import RowSpec
from nianbao.format.editions import TableSpec
from nianbao.model.document import Document
from nianbao.model.document import Table
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="REC006",
    name="missing-table-row",
    title="表三、表四缺少规定的行或整张表",
    title_en="The application or case table lacks a row, or is missing",
    severity="error",
    source="年度报告格式表三、表四（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "{table_no}“{group}”缺少“{row_label}”行",
        "en": "{table_no}, under “{group}”: row “{row_label}” is missing",
    },
    variants={
        "row": {
            "zh": "{table_no}缺少“{row_label}”行",
            "en": "{table_no}: row “{row_label}” is missing",
        },
        "table": {
            "zh": "报告中没有{table_no}“{title}”，其件数无法检查",
            "en": "the report has no {table_no} “{title}”; its counts cannot be checked",
        },
        "merged": {
            "zh": ("{table_no}把“{row_label}”写成一行（{edition}版格式分为{parts}），"
                   "该行数值按这几行之和参与勾稽关系的核对，各分项无法核对"),
            "en": ("{table_no} prints “{row_label}” as one row (the {edition} edition divides it into "
                   "{parts}); its values count as their sum in the reconciliation identities, the parts "
                   "cannot be checked"),
        },
    },
    lowered={"merged": {
        "severity": "warning",
        "zh": "各分项的件数合在一行中，并未缺失，只是无法逐项核对",
        "en": "the parts' counts are in the one row, not missing; they only cannot be checked one by one",
    }},
    editions=("2019", "2021"),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    if context.edition is None:
        return
    for spec in context.edition.tables:
        if spec.blocks:
            continue  # 表二's blocks and rows: ART001, ART002
        table = document.tables.get(spec.key)
        if table is None:
            yield Violation(Location(section=spec.section, table=spec.key),
                            {"table_no": spec.number, "title": spec.title},
                            variant="table")
            continue
        yield from _missing_rows(document, spec, table)


def _missing_rows(document: Document, spec: TableSpec, table: Table) -> Iterator[Violation]:
    noted = {n.row for n in document.notes if n.table == spec.key and n.row}
    merged = [m for m in spec.merged_rows if table.merged_row(m.key)]
    covered = {part for m in merged for part in m.parts}
    present = {row.key for row in table.rows}  # the rows read (table.row looks through them all)
    for index, row in enumerate(spec.all_rows()):
        if row.key in present or row.key in noted or row.key in covered:
            continue
        # Point at the row read just before the missing one: the missing row belongs after it.
        read = [r for r in spec.all_rows() if r.key in present]
        before = [r for r in read if spec.all_rows().index(r) < index]
        anchor = table.row(before[-1].key) if before else None
        ref = anchor.ref if anchor else table.ref
        yield Violation(
            Location(line=ref.line, page=ref.page, locator=ref.locator, section=spec.section, table=spec.key,
                     row=row.key),
            _row_args(spec, row), variant="default" if row.group else "row",
        )
    for row in merged:
        found = table.merged_row(row.key)
        parts = "、".join(_short(spec.row(p).label) for p in row.parts)
        yield Violation(
            Location(line=found.ref.line if found else None, page=found.ref.page if found else None,
                     section=spec.section, table=spec.key, row=row.key),
            {"table_no": spec.number, "row_label": row.label, "edition": table.edition, "parts": parts},
            variant="merged", severity="warning",
        )


def _short(label: str) -> str:
    return f"“{label}”" if len(label) <= 12 else f"“{label[:10]}…”"


def _row_args(spec: TableSpec, row: RowSpec) -> dict[str, object]:
    return {"table_no": spec.number, "group": row.group or "", "row_label": row.label}
