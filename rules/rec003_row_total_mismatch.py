"""表三某一行的“总计”列不等于六类申请人之和。

## 要求

表三每一行的“总计”必须等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。
“总计”单元格留空的行无法核对，由 REC005 提示。

一个单元格填错，往往同时破坏一行和一列的勾稽关系。只改一个单元格就能让所有不成立的勾稽关系都成立、
且不破坏已成立的关系时，编号最小的规则指出这个单元格“很可能填错”，其余规则的发现都指向它，
不会建议去改一个勾稽关系表明正确的总计。
## 依据

年度报告格式表三表头：“申请人情况”下六类申请人的合计为“总计”（国办公开办函〔2019〕60号、〔2021〕30号）。

## 示例

“一、本年新收政府信息公开申请数量”一行：103 + 5 + 0 + 0 + 0 + 2 = 110，总计却填了 111。这一格同时使
“总计”列的收支平衡（REC001）不成立，由 REC001 指出它很可能填错，REC003 指向同一格。

```
REC003 [错误] 表三“一、本年新收政府信息公开申请数量 / 总计”为 111，不是各类申请人之和 110（同一格，见 REC001）
```

## 修改

核对该行各类申请人的数量和总计，使总计等于各列之和。

## Requirement

Each row's 总计 (total) in Table 3 must equal the sum of its six applicant columns: natural persons,
commercial enterprises, research institutions, public-interest organisations, legal service organisations
and others. A row whose total cell is blank cannot be checked; REC005 notes it.

One wrong cell often breaks both a row's and a column's identity. When changing a single cell would make
every failing identity hold without breaking one that holds, the lowest-numbered rule names that cell as
"probably wrong" and the other rules' findings point to it, instead of suggesting a change to a total that
an identity shows is right.

## Source

The heading of the format's Table 3: 总计 is the sum of the six kinds of applicant under "申请人情况"
(国办公开办函〔2019〕60号, 〔2021〕30号).

## Example

In row "一、本年新收政府信息公开申请数量" (received this year): 103 + 5 + 0 + 0 + 0 + 2 = 110, but the total
is 111. The same cell breaks the balance of the total column (REC001), so REC001 names it as probably wrong
and REC003 points to the same cell.

## Fix

Check the row's applicant counts and total so that the total equals the sum of the columns.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks.reconcile import CAUSE_VARIANTS
from nianbao.checks.reconcile import identity_violations
from nianbao.model.document import Document
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="REC003",
    name="row-total-mismatch",
    title="表三行总计不等于各类申请人之和",
    title_en="Application table: a row's total is not the sum of the applicant columns",
    severity="error",
    source="年度报告格式 表三表头“申请人情况”（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "{table_no}“{cell}”为 {actual}，应为六类申请人之和 {expected}（{gap}）",
        "en": ("{table_no} “{cell}” is {actual}; the six applicant columns add up to {expected} "
               "({gap_en})"),
    },
    editions=("2019", "2021"),
    variants=CAUSE_VARIANTS,
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    yield from identity_violations(RULE.id, document, context,
                                   short=("各类申请人之和", "the sum of the applicant columns"))
