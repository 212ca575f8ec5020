"""统计表使用的格式版本与报告年度不符。

## 要求

2019、2020 年度的报告使用 2019 版格式（国办公开办函〔2019〕60号）的统计表；2021 年度起使用 2021 版格式
（国办公开办函〔2021〕30号）的统计表。统计表的版本由表格本身判断（例如表三“（六）其他处理”是一行还是三行，
表二有没有第二十条第（九）项），报告年度取自标题、统计期限或文件名。

用 `--edition` 指定的版本与统计表本身的版本不同时，统计表仍按其本身的版本读取和检查（勾稽关系等照常报告），
同时报告指定的版本与表格不符。

## 依据

国办公开办函〔2021〕30号印发修订后的年度报告格式，自 2021 年度报告起执行；此前的 2019、2020 年度报告
使用国办公开办函〔2019〕60号的格式。

## 示例

2022 年度报告的表三“（六）其他处理”只有一行，表二还有第二十条第（九）项，即仍在使用 2019 版的表格。

```
FMT001 [错误] 2022年度报告应使用2021版格式的统计表，但表格是2019版的
```

## 修改

按报告年度适用的格式版本重新制作统计表。2021 年度起：表二按第二十条第（一）（五）（六）（八）项填报，
表三“（六）其他处理”分三行填报。

## Requirement

Reports for 2019 and 2020 use the tables of the 2019 format (国办公开办函〔2019〕60号); reports from 2021
on use the tables of the 2021 format (国办公开办函〔2021〕30号). The tables' edition is judged from the
tables themselves (for example whether Table 3's "（六）其他处理" is one row or three, and whether Table 2
has Article 20 item (9)); the report year comes from the title, the reporting period or the file name.

When `--edition` names an edition other than the tables' own, the tables are still read and checked as what
they are (identities are reported as usual), and the mismatch with the forced edition is reported.

## Source

国办公开办函〔2021〕30号 issued the revised annual report format, applying from the 2021 reports; the 2019
and 2020 reports use the format of 国办公开办函〔2019〕60号.

## Example

A 2022 report's Table 3 has "（六）其他处理" as a single row and Table 2 still has Article 20 item (9): it
uses the 2019 edition's tables.

## Fix

Redo the tables in the edition that applies to the report year. From 2021: Table 2 covers Article 20
items (1), (5), (6) and (8), and Table 3's "（六）其他处理" has three rows.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.format.editions import edition_for_year
from nianbao.model.document import Document
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="FMT001",
    name="edition-year-mismatch",
    title="统计表的格式版本与报告年度不符",
    title_en="The tables follow a format edition other than the one for the report year",
    severity="error",
    source="国办公开办函〔2019〕60号、〔2021〕30号",
    message={
        "zh": "{year}年度报告应使用{expected}版格式的统计表，但表格是{actual}版的",
        "en": ("a report for {year} must use the {expected} edition's tables, but its tables follow the "
               "{actual} edition"),
    },
    variants={
        "requested": {
            "zh": "指定按{requested}版格式检查，但统计表是{actual}版的；统计表已按{actual}版检查",
            "en": ("the {requested} edition was asked for, but the tables follow the {actual} edition; "
                   "they were checked as {actual}-edition tables"),
        },
    },
    editions=("*",),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    meta = document.meta
    actual = meta.table_edition
    if actual is None:
        return
    requested = meta.edition_requested
    if requested is not None and requested != actual:
        yield Violation(_first_table(document, actual),
                        {"requested": requested, "actual": actual}, variant="requested", key=("requested",))
    if meta.report_year is None:
        return
    expected = edition_for_year(dict(context.editions), meta.report_year)
    if expected is not None and expected.edition != actual:
        yield Violation(_first_table(document, actual),
                        {"year": meta.report_year, "expected": expected.edition, "actual": actual})


def _first_table(document: Document, edition: str) -> Location:
    tables = sorted((t for t in document.tables.values() if t.edition == edition),
                    key=lambda t: t.ref.line or t.ref.page or 0)
    first = tables[0] if tables else None
    return Location(line=first.ref.line, page=first.ref.page, locator=first.ref.locator,
                    table=first.key) if first else Location()
