"""表四行政复议或行政诉讼的“总计”不等于四种结果之和。

## 要求

表四“政府信息公开行政复议、行政诉讼情况”中，行政复议、未经复议直接起诉、复议后起诉三组各自的“总计”
必须等于结果维持、结果纠正、其他结果、尚未审结四项之和。

## 依据

年度报告格式表四表头：每组五列，前四列为结果分类，第五列为总计（国办公开办函〔2019〕60号、〔2021〕30号）。

## 示例

行政复议：结果维持 10、结果纠正 1、其他结果 0、尚未审结 0，总计却填了 0。

```
REC004 [错误] 表四“案件数 / 行政复议总计”为 0，应为结果维持、结果纠正、其他结果、尚未审结之和 11（少 11）
```

## 修改

把该组总计改为四种结果之和；若总计正确，检查是否漏填了某种结果。

## Requirement

In 表四 (Table 4, "政府信息公开行政复议、行政诉讼情况", administrative reconsideration and litigation), the
总计 (total) of each of the three groups — reconsideration, suits without reconsideration, and suits after
reconsideration — must equal the sum of its four outcomes: upheld (结果维持), corrected (结果纠正), other
(其他结果) and pending (尚未审结).

## Source

The heading of the format's Table 4: five columns per group, four outcome columns and a total
(国办公开办函〔2019〕60号, 〔2021〕30号).

## Example

Reconsideration: 10 upheld, 1 corrected, 0 other and 0 pending, but the total is 0 where it should be 11.

## Fix

Make the group's total the sum of its four outcomes; if the total is right, look for an outcome that was
left out.
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
    id="REC004",
    name="case-total-mismatch",
    title="表四复议、诉讼总计不等于各结果之和",
    title_en="Review/litigation table: a group's total is not the sum of its outcomes",
    severity="error",
    source="年度报告格式 表四（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": ("{table_no}“{cell}”为 {actual}，应为结果维持、结果纠正、其他结果、尚未审结之和 {expected}"
               "（{gap}）"),
        "en": ("{table_no} “{cell}” is {actual}; upheld + corrected + other + pending is {expected} "
               "({gap_en})"),
    },
    editions=("2019", "2021"),
    variants=CAUSE_VARIANTS,
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    yield from identity_violations(RULE.id, document, context,
                                   short=("各结果之和", "the sum of the results"))
