"""未能确定报告的格式版本或报告年度，相应的格式检查没有进行。

## 要求

检查器按报告年度和统计表的样式确定报告适用的格式版本（2019 版或 2021 版），再按该版本检查六个部分、
表二至表四和勾稽关系。既找不到报告年度（标题、正文的统计期限、文件名中都没有），又找不到统计表时，无法
确定格式版本，这些检查都没有进行：本规则报告一次错误，说明原因，而不是让报告“零问题”通过。

找到了统计表、但找不到报告年度时，格式版本按统计表确定，各项检查照常进行；但无法核对格式版本与年度是否
相符、报告是否逾期公布，本规则提示一次（警告）。

## 依据

《条例》第五十条；年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）的适用年度：年度报告应写明
报告年度，并按该年度适用的格式编写。

## 示例

文件只有“一、总体情况”及一段文字：没有标题和年度，也没有统计表。

```
FMT006 [错误] 未按格式检查：没有找到报告年度，也没有找到统计表，无法确定适用的格式版本
```

## 修改

在标题中写明报告年度（“××2022年政府信息公开工作年度报告”），在正文写明统计期限，并按格式附上统计表；
或用 ``--edition`` 指定格式版本。

## Requirement

The checker decides which format edition applies (2019 or 2021) from the report year and the style of its
tables, then checks the six parts, Tables 2 to 4 and their identities against that edition. When it finds
neither a report year (not in the title, the reporting period or the file name) nor any statistics table,
the edition cannot be decided and none of those checks runs: this rule reports one error saying why,
rather than letting the report pass with no findings.

When tables are found but no report year, the edition is taken from the tables and the checks run as
usual, but whether the edition suits the year and whether the report was published late cannot be checked:
this rule gives one warning.

## Source

Regulation Article 50; the years the annual report format applies to (国办公开办函〔2019〕60号,
〔2021〕30号): a report states its year and follows the format for that year.

## Example

A file holds only "一、总体情况" and one paragraph: no title, no year and no tables, so no edition can
be decided.

## Fix

State the report year in the title ("××2022年政府信息公开工作年度报告") and the reporting period in the
text, and include the format's tables; or name the edition with ``--edition``.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.model.document import Document
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="FMT006",
    name="format-not-checked",
    title="未能确定格式版本或报告年度，未按格式检查",
    title_en="The format edition or report year could not be found, so the format was not checked",
    severity="error",
    source="《条例》第五十条；年度报告格式的适用年度（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "未按格式检查：没有找到报告年度，也没有找到统计表，无法确定适用的格式版本",
        "en": ("the format was not checked: neither a report year nor a statistical table was found, so the "
               "edition that applies is unknown"),
    },
    variants={
        "year": {
            "zh": ("没有找到报告年度（标题、统计期限、文件名中都没有）；格式版本按统计表定为"
                   "{edition}版，无法核对版本与年度是否相符、报告是否逾期公布"),
            "en": ("no report year was found (not in the title, the statistics period or the file name); "
                   "the edition was taken from the tables ({edition}), but whether it fits the year and "
                   "whether the report was published in time cannot be checked"),
        },
    },
    lowered={"year": {
        "severity": "warning",
        "zh": "其余格式检查已按统计表的版本进行，只有与年度有关的核对没有进行",
        "en": ("the other format checks ran against the tables' edition; only the checks that need the year "
               "did not"),
    }},
    editions=("*",),
    articles=("art50",),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    if context.edition is None:
        yield Violation(Location(), key=("edition",))
    elif document.meta.report_year is None:
        yield Violation(Location(), {"edition": context.edition.edition}, variant="year", key=("year",))
