"""表二“现行有效件数”不等于上年现行有效件数加本年制发减本年废止。

## 要求

2021 版格式表二第二十条第（一）项按规章、行政规范性文件分别报告本年制发件数、本年废止件数和现行
有效件数。没有其他变动时，本年现行有效件数 = 上年报告的现行有效件数 + 本年制发件数 − 本年废止件数。
集中清理、统计口径调整等会使两者不等，这是允许的，但应在报告中说明原因，所以这是警告而非错误。

## 依据

年度报告格式表二“第二十条第（一）项”（国办公开办函〔2021〕30号）；《条例》第二十条第（一）项。
需要上年报告（`--previous`，或把同一机关相邻年度的报告放在一起检查），且两年都使用 2021 版格式。

## 示例

上年报告行政规范性文件现行有效 470 件，本年制发 62 件、废止 33 件，本年现行有效却为 440 件。

```
HIS002 [警告] 表二“行政规范性文件”现行有效件数为 440，上年现行有效 470 + 本年制发 62 − 本年废止 33 = 499（少 59）；如经清理或口径调整，请在报告中说明
```

## 修改

核对三个数：上年公布的现行有效件数、本年制发件数、本年废止件数（含清理中宣布失效的文件）。确因清理或
口径调整而不一致的，在“一、总体情况”或表下说明清理情况和调整后的基数。

## Requirement

In the 2021 format, Table 2's Article 20 item (1) block reports, separately for 规章 (rules) and
行政规范性文件 (normative documents), the number issued this year, the number repealed this year and the
number in force (现行有效). Without other changes, in force this year = in force in last year's report +
issued this year − repealed this year. A general clean-up or a change in counting can break this, which is
allowed but should be explained in the report, so this is a warning, not an error.

## Source

The annual report format's Table 2, Article 20 item (1) (国办公开办函〔2021〕30号); Regulation Article 20
item (1). Needs last year's report (`--previous`, or check one body's consecutive reports together), with
both years in the 2021 edition.

## Example

Last year 470 normative documents were in force; this year 62 were issued and 33 repealed, yet this year's
in-force count is 440 instead of 499 (59 too few).

## Fix

Check the three figures: last year's published in-force count, this year's issued count and this year's
repealed count (including documents declared void in a clean-up). Where a clean-up or a change in counting
explains the difference, describe it and the adjusted base in "一、总体情况" or under the table.
"""  # noqa: E501 - the 示例 output line is quoted whole

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
    id="HIS002",
    name="in-force-count-drift",
    title="现行有效件数与上年件数及本年增减不符",
    title_en="Documents in force do not follow from last year's count and this year's changes",
    severity="warning",
    source="年度报告格式 表二第二十条第（一）项（国办公开办函〔2021〕30号）",
    message={
        "zh": "表二“{row_label}”现行有效件数为 {actual}，上年现行有效 {last} + 本年制发 {issued} − 本年废止 "
              "{repealed} = {expected}（{gap}）；如经清理或口径调整，请在报告中说明",
        "en": ("Table 2 “{row_label}”: {actual} in force, but last year's {last} + {issued} issued "
               "− {repealed} repealed = {expected} ({gap_en}); "
               "explain a clean-up or a change of scope"),
    },
    editions=("2021",),
    needs_previous=True,
    articles=("art20", "art50.1"),
    doc=__doc__,
)

ROWS = ("regulations", "normative_documents")
IDENTITY = "本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数"


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    tables = both_years(document, context, "active_disclosure", edition="2021")
    if tables is None:
        return
    this, last, spec = tables
    for row in ROWS:
        keys = [f"{row}.issued", f"{row}.repealed", f"{row}.in_force"]
        last_key = f"{row}.in_force"
        cells = [this.values.get(k) for k in keys]
        last_cell = last.values.get(last_key)
        if not comparable(*cells, last_cell):
            continue
        issued, repealed, actual = (number(c) for c in cells)
        expected = number(last_cell) + issued - repealed
        if actual == expected:
            continue
        label = spec.row(row).label
        yield Violation(
            location=cell_location(spec, this, keys[2]),
            args={"row_label": label, "actual": actual, "expected": expected, "last": number(last_cell),
                  "issued": issued, "repealed": repealed, **gap_args(actual, expected)},
            evidence=Derivation(
                identity=IDENTITY,
                cells=(*(evidence_cell(spec, this, k) for k in keys),
                       previous_cell(last, last_key, f"{label} / 现行有效件数")),
                expected=expected,
                actual=actual,
            ),
        )
