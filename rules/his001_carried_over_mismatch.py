"""表三“二、上年结转”与上年报告的“四、结转下年度继续办理”不一致。

## 要求

上一年度结转到本年度继续办理的申请，就是上年报告表三“四、结转下年度继续办理”的件数。本年表三
“二、上年结转政府信息公开申请数量”每一列（自然人、各类法人或其他组织、总计）都必须等于上年报告
同一列的“四、结转下年度继续办理”。

## 依据

年度报告格式表三（国办公开办函〔2019〕60号、〔2021〕30号）：“二、上年结转政府信息公开申请数量”
与“四、结转下年度继续办理”是同一批申请在相邻两个年度报告中的两端。需要上年报告
（`nianbao check 本年报告 --previous 上年报告`，或把同一机关相邻年度的报告放在一起检查）。

## 示例

上年报告“四、结转下年度继续办理 / 自然人”为 0，本年报告“二、上年结转政府信息公开申请数量 / 自然人”却填了 1。

```
HIS001 [错误] 表三“二、上年结转政府信息公开申请数量 / 自然人”为 1，上年报告“四、结转下年度继续办理 / 自然人”为 0
```

## 修改

以上年报告公布的结转件数为准核对本年的上年结转；如上年报告有误，应更正上年报告并在本年报告中说明。

## Requirement

Applications carried over from last year into this year are exactly the count in last year's Table 3 row
"四、结转下年度继续办理" (carried forward to next year). Each column of this year's Table 3 row
"二、上年结转政府信息公开申请数量" (上年结转, carried over from last year) — natural persons, each kind of
legal person or other organisation, and the total — must equal the same column of last year's
"四、结转下年度继续办理".

## Source

The annual report format's Table 3 (国办公开办函〔2019〕60号, 〔2021〕30号): "二、上年结转" and
"四、结转下年度继续办理" are the two ends of the same applications in two consecutive reports. Needs last
year's report (`nianbao check THIS_YEAR --previous LAST_YEAR`, or check one body's consecutive reports
together).

## Example

Last year's report has 0 in "四、结转下年度继续办理 / 自然人" (natural persons), but this year's
"二、上年结转政府信息公开申请数量 / 自然人" is 1.

## Fix

Check this year's carried-over figures against the carried-forward figures last year's report published;
if last year's report was wrong, correct it and say so in this year's report.
"""  # noqa: E501 - the 示例 output line is quoted whole

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks import cell_location
from nianbao.checks import evidence_cell
from nianbao.checks.history import both_years
from nianbao.checks.history import comparable
from nianbao.checks.history import number
from nianbao.checks.history import previous_cell
from nianbao.model.document import Document
from nianbao.model.findings import Derivation
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="HIS001",
    name="carried-over-mismatch",
    title="上年结转与上年报告的结转下年度不一致",
    title_en="Carried over from last year differs from last year's carried forward",
    severity="error",
    source=("年度报告格式 表三“二、上年结转”“四、结转下年度继续办理”"
            "（国办公开办函〔2019〕60号、〔2021〕30号）"),
    message={
        "zh": "表三“二、上年结转政府信息公开申请数量 / {column_label}”为 {actual}，"
              "上年报告“四、结转下年度继续办理 / {column_label}”为 {expected}",
        "en": ("Table 3 “carried over from last year / {column_label}” is {actual}; "
               "last year's report carried forward {expected}"),
    },
    needs_previous=True,
    articles=("art50.2",),
    editions=("2019", "2021"),
    doc=__doc__,
)

IDENTITY = "本年表三“二、上年结转” = 上年表三“四、结转下年度继续办理”"


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    tables = both_years(document, context, "applications")
    if tables is None:
        return
    this, last, spec = tables
    for column in spec.columns:
        key, last_key = f"carried_over.{column.key}", f"carried_forward.{column.key}"
        cell, last_cell = this.values.get(key), last.values.get(last_key)
        if not comparable(cell, last_cell) or number(cell) == number(last_cell):
            continue
        yield Violation(
            location=cell_location(spec, this, key),
            args={"column_label": column.label, "actual": number(cell), "expected": number(last_cell)},
            evidence=Derivation(
                identity=IDENTITY,
                cells=(evidence_cell(spec, this, key),
                       previous_cell(last, last_key, f"四、结转下年度继续办理 / {column.label}")),
                expected=number(last_cell),
                actual=number(cell),
            ),
        )
