"""表三（七）总计不等于（一）至（六）各项办理结果之和。

## 要求

表三“三、本年度办理结果”中，每一列的（七）总计必须等于（一）予以公开、（二）部分公开、（三）不予公开
1–8 项、（四）无法提供 1–3 项、（五）不予处理 1–5 项、（六）其他处理（2021 版为 1–3 项，2019 版为一行）之和。

## 依据

年度报告格式表三的结构：（七）总计为本年度办理结果各情形的合计（国办公开办函〔2019〕60号、〔2021〕30号）。

## 示例

自然人一列（一）至（六）各项相加为 102，（七）总计却填了 103。

```
REC002 [错误] 表三“（七）总计 / 自然人”为 103，应为（一）至（六）各项之和 102（多 1）
```

## 修改

逐项核对办理结果各行。每件申请只计入一种情形（部分公开只计“部分公开”），（七）总计是它们的和。

## Requirement

In Table 3's "三、本年度办理结果" (this year's outcomes), each column's （七）总计 (total) must equal the sum
of （一）予以公开 (disclosed), （二）部分公开 (partly disclosed), （三）不予公开 (not disclosed) rows 1–8,
（四）无法提供 (cannot be provided) rows 1–3, （五）不予处理 (not handled) rows 1–5 and （六）其他处理
(other handling: rows 1–3 in the 2021 edition, one row in 2019).

## Source

The structure of the format's Table 3: （七）总计 totals this year's outcomes (国办公开办函〔2019〕60号,
〔2021〕30号).

## Example

In the natural persons column, rows （一） to （六） add up to 102, but （七）总计 is 103.

## Fix

Check each outcome row. Each application counts under exactly one outcome (a partial disclosure only under
"部分公开"), and （七）总计 is their sum.
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
    id="REC002",
    name="outcome-total-mismatch",
    title="表三（七）总计不等于各办理结果之和",
    title_en="Application table: (7) total is not the sum of the outcome rows",
    severity="error",
    source="年度报告格式 表三“三、本年度办理结果”（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "{table_no}“{cell}”为 {actual}，应为（一）至（六）各项之和 {expected}（{gap}）",
        "en": ("{table_no} “{cell}” is {actual}; the sum of outcomes (1)–(6) is {expected} "
               "({gap_en})"),
    },
    editions=("2019", "2021"),
    variants=CAUSE_VARIANTS,
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    yield from identity_violations(RULE.id, document, context,
                                   short=("（一）至（六）各项之和", "the sum of outcomes (1)–(6)"))
