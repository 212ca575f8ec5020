"""表格的某一部分无法确定地读取，检查器没有读取或只读取了一部分。

## 要求

检查器只读取能够确定的数值：某一行的数值个数与格式的列数对不上、同一行出现两次、数字粘连无法唯一拆分时，
宁可不读，也不猜测。每一处这样的情况报告一条，说明哪张表的哪一行、为什么没有读取。无法读取整行的是警告
（该行的勾稽关系未经核对），文件在中途结束（没有下载或保存完整）也是警告，其余的是提示。

## 依据

年度报告格式表二至表四的行列结构（国办公开办函〔2019〕60号、〔2021〕30号）；《条例》第五十条要求年度报告
包括这些统计数据。

## 示例

表三“（六）其他处理”一行只有 6 个数值，格式要求 7 列。

```
DOC002 [警告] 表三“（六）其他处理”行只读到6个数值，格式要求7个，无法确定各数值所属的列，未读取该行
```

## 修改

核对源文件中该行的单元格：补上漏填的数值（没有发生的填 0），去掉多余的单元格，不要合并单元格。
如果源文件本身无误，可以用 `nianbao extract --table` 查看读取结果，并对该条提示作接受处理。

## Requirement

The checker reads only values it can be sure of: when the number of values in a row does not match the
format's columns, a row appears twice, or run-together digits cannot be split in exactly one way, it
leaves the row unread rather than guess. Each such place gets one finding naming the table, the row and
why it was not read. A row that could not be read at all is a warning (its identities were not
checked), and so is a file that ends midway (a download or save cut short); the rest are notes.

## Source

The row and column structure of the format's Tables 2 to 4 (国办公开办函〔2019〕60号, 〔2021〕30号);
Regulation Article 50 requires the annual report to contain these statistics.

## Example

Table 3's row "（六）其他处理" (other handling) has only 6 values where the format has 7 columns, so the
columns of the values cannot be determined and the row is not read.

## Fix

Check that row's cells in the source file: add the missing value (0 for what did not happen), remove extra
cells, and do not merge cells. If the source is correct, view what was read with
`nianbao extract --table` and accept the finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.model.document import Document
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.keys import Occurrences
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

# A row left unread removes its cells from every arithmetic check: that deserves a warning. Other
# notes (a duplicate row, cells dropped at the edge of a row) still leave the row read.
# A file that ends midway (a download cut short) has lost what followed: a warning too.
WARNING_CODES = frozenset({"row-unreadable", "file-cut-off"})

RULE = Rule(
    id="DOC002",
    name="uncertain-table-part",
    title="表格的某一部分无法确定地读取",
    title_en="Part of a table could not be read with certainty",
    severity="warning",
    source="年度报告格式表二至表四（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "{message}",
        "en": "{message_en}",
    },
    variants={"read": {"zh": "{message}", "en": "{message_en}"}},
    lowered={"read": {
        "severity": "note",
        "zh": "该行已读取，只是其中一部分有疑问",
        "en": "the row was read; only part of it is in doubt",
    }},
    editions=("*",),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    occurrences = Occurrences()
    for note in document.notes:
        section = None
        if context.edition is not None and note.table:
            section = next((t.section for t in context.edition.tables if t.key == note.table), None)
        yield Violation(
            Location(line=note.ref.line, page=note.ref.page, locator=note.ref.locator, section=section,
                     table=note.table, row=note.row),
            {"message": note.message, "message_en": note.message_en or note.message, "code": note.code},
            variant="default" if note.code in WARNING_CODES else "read",
            key=(note.code, occurrences.next((note.code, note.table, note.row))),
        )
