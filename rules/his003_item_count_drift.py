"""2019 版表二“上一年项目数量”不等于上年报告的上一年项目数量加本年增/减。

## 要求

2019 版格式表二第二十条第（五）、（六）、（八）项按行政许可、其他对外管理服务事项、行政处罚、行政强制、
行政事业性收费分别报告“上一年项目数量”和“本年增/减”。上年报告中的“上一年项目数量 + 本年增/减”就是
上年末的项目数量，也就是本年报告应填的“上一年项目数量”。两者不等，说明某一年的增减没有如实反映，
或项目清单的口径变了；口径调整应在报告中说明。

## 依据

《中华人民共和国政府信息公开工作年度报告格式（试行）》表二（国办公开办函〔2019〕60号）；《条例》第二十条
第（五）、（六）、（八）项。需要上年报告，且两年都使用 2019 版格式（2019 和 2020 年度报告）。

## 示例

上年报告行政许可“上一年项目数量”为 568、“本年增/减”为 -3，本年报告的“上一年项目数量”却仍填 568。

```
HIS003 [警告] 表二“行政许可”上一年项目数量为 568，上年报告为 568，本年增/减 -3，应为 565（多 3）
```

## 修改

以上年末实际的项目数量（上年的上一年项目数量加上年的增减）填写本年的“上一年项目数量”；清单口径调整的，
在报告中说明调整情况。

## Requirement

In the 2019 format, Table 2's Article 20 items (5), (6) and (8) report "上一年项目数量" (number of items last
year) and "本年增/减" (change this year) for 行政许可 (licensing), 其他对外管理服务事项 (other external
services), 行政处罚 (penalties), 行政强制 (coercion) and 行政事业性收费 (administrative fees). Last year's
"上一年项目数量 + 本年增/减" is the number at the end of last year, which is what this year's
"上一年项目数量" must be. If they differ, some year's change was not reported truthfully or the list was
counted differently; a change in counting should be explained in the report.

## Source

The annual report format (trial), Table 2 (国办公开办函〔2019〕60号); Regulation Article 20 items (5), (6)
and (8). Needs last year's report, with both years in the 2019 edition (the 2019 and 2020 reports).

## Example

Last year's report has 568 licensing items and a change of -3, but this year's "上一年项目数量" is still
568 where it should be 565 (3 too many).

## Fix

Fill this year's "上一年项目数量" with the real count at the end of last year (last year's
上一年项目数量 plus last year's change); if the list was counted differently, explain it in the report.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks import cell_location
from nianbao.checks import evidence_cell
from nianbao.checks.history import both_years
from nianbao.checks.history import comparable
from nianbao.checks.history import number
from nianbao.checks.history import previous_cell
from nianbao.checks.reconcile import gap_args
from nianbao.model.document import Document
from nianbao.model.findings import Derivation
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="HIS003",
    name="item-count-drift",
    title="上一年项目数量与上年报告的项目数量及增减不符",
    title_en="Last year's item count differs from last year's report and its change",
    severity="warning",
    source="年度报告格式（试行）表二第二十条第（五）、（六）、（八）项（国办公开办函〔2019〕60号）",
    message={
        "zh": "表二“{row_label}”上一年项目数量为 {actual}，上年报告为 {last}，本年增/减 {change}，"
              "应为 {expected}（{gap}）",
        "en": ("Table 2 “{row_label}”: last year's item count is {actual}, but last year's report "
               "gives {last} with a change of {change}, so {expected} ({gap_en})"),
    },
    editions=("2019",),
    needs_previous=True,
    articles=("art20", "art50.1"),
    doc=__doc__,
)

ROWS = ("licensing", "other_services", "penalty", "enforcement", "fees")
IDENTITY = "本年“上一年项目数量” = 上年“上一年项目数量” + 上年“本年增/减”"


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    tables = both_years(document, context, "active_disclosure", edition="2019")
    if tables is None:
        return
    this, last, spec = tables
    for row in ROWS:
        key = f"{row}.previous_items"
        cell = this.values.get(key)
        last_cells = [last.values.get(key), last.values.get(f"{row}.change")]
        if not comparable(cell) or not comparable(*last_cells):
            continue
        last_count, change = (number(c) for c in last_cells)
        expected, actual = last_count + change, number(cell)
        if actual == expected:
            continue
        label = spec.row(row).label
        yield Violation(
            location=cell_location(spec, this, key),
            args={"row_label": label, "actual": actual, "last": last_count, "change": change,
                  "expected": expected, **gap_args(actual, expected)},
            evidence=Derivation(
                identity=IDENTITY,
                cells=(evidence_cell(spec, this, key),
                       previous_cell(last, key, f"{label} / 上一年项目数量"),
                       previous_cell(last, f"{row}.change", f"{label} / 本年增/减")),
                expected=expected,
                actual=actual,
            ),
        )
