"""表三某一列的办理结果与结转之和，不等于新收与上年结转之和。

## 要求

表三“收到和处理政府信息公开申请情况”的每一列（自然人、商业企业、科研机构、社会公益组织、法律服务机构、
其他、总计）都要满足：第一项（本年新收）加第二项（上年结转）之和，等于第三项（本年度办理结果的（七）总计）
加第四项（结转下年度继续办理）之和。

## 依据

年度报告格式表三表头：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”
（国办公开办函〔2019〕60号、〔2021〕30号）。

## 示例

自然人一列：新收 103、上年结转 0，办理结果（七）总计 102、结转下年度 2，102 + 2 = 104 ≠ 103 + 0。

```
REC001 [错误] 表三“自然人”列：（七）总计 + 结转下年度 = 104，新收 + 上年结转 = 103，两者应相等（多 1）
```

## 修改

逐列核对四项数据：通常是（七）总计或结转下年度填错，或漏计了上年结转的申请。改正后四项应满足
一 + 二 = 三 + 四。

## Requirement

Every column of 表三 (Table 3, "收到和处理政府信息公开申请情况", applications received and handled) —
natural persons, commercial enterprises, research institutions, public-interest organisations, legal
service organisations, others, and the total — must satisfy: item one (received this year) plus item two
(上年结转, carried over from last year) equals item three (this year's outcomes, row （七）总计) plus
item four (carried forward to next year).

## Source

The heading of the annual report format's Table 3: "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加
第四项之和" (in each column, item one plus item two equals item three plus item four)
(国办公开办函〔2019〕60号, 〔2021〕30号).

## Example

In the natural persons (自然人) column: 103 received and 0 carried over, but 102 concluded (（七）总计) and
2 carried forward; 102 + 2 = 104 ≠ 103 + 0.

## Fix

Check the four figures column by column: usually （七）总计 or the carried-forward figure is wrong, or
applications carried over from last year were left out. Once corrected, one + two = three + four.
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
    id="REC001",
    name="balance-mismatch",
    title="表三收支不平衡：一 + 二 ≠ 三（七）+ 四",
    title_en="Application table does not balance: received + carried over ≠ concluded + carried forward",
    severity="error",
    source="年度报告格式 表三表头勾稽关系说明（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": ("{table_no}“{column_label}”列：（七）总计 + 结转下年度 = {actual}，"
               "新收 + 上年结转 = {expected}，两者应相等（{gap}）"),
        "en": ("{table_no} column “{column_label}”: concluded + carried forward = {actual}, "
               "received + carried over = {expected}; they must be equal ({gap_en})"),
    },
    editions=("2019", "2021"),
    variants=CAUSE_VARIANTS,
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    yield from identity_violations(RULE.id, document, context,
                                   short=("新收与上年结转之和", "received plus carried over"))
