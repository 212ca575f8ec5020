"""第六部分未报告本年度政务公开工作要点的落实情况。

## 要求

福建省要求各级行政机关在年度报告“六、其他需要报告的事项”中报告落实本年度政务公开工作要点的情况
（国务院办公厅和省政府办公厅每年印发的政务公开工作要点）。只报告信息处理费、不提工作要点的，不符合要求。

## 依据

福建省人民政府办公厅每年印发的关于总结政务公开工作要点落实情况、做好政府信息公开工作年度报告编制
发布工作的通知；《条例》第五十条第（五）项“其他需要报告的事项”。

## 示例

第六部分只写了“本年度无收取信息处理费情况。”

```
FJ001 [警告] “六、其他需要报告的事项”未报告本年度政务公开工作要点的落实情况
```

## 修改

在第六部分逐项说明本年度政务公开工作要点的落实情况，例如“落实2022年政务公开工作要点情况：……”。

## Requirement

Fujian Province requires every administrative body to report, in the annual report's part
"六、其他需要报告的事项" (other matters to report), how it carried out this year's key points of government
affairs disclosure (政务公开工作要点, issued each year by the General Office of the State Council and the
provincial government's general office). Reporting only processing fees without the key points does not
meet the requirement.

## Source

The notice the Fujian Provincial People's Government General Office issues each year on summing up the
key points' implementation and preparing and publishing the annual reports; Regulation Article 50 item (5),
"其他需要报告的事项" (other matters to report).

## Example

Part six says only "本年度无收取信息处理费情况。" (no processing fees were charged this year).

## Fix

In part six, state point by point how this year's key points were carried out, for example
"落实2022年政务公开工作要点情况：……".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao import Context
from nianbao import Document
from nianbao import Location
from nianbao import Rule
from nianbao import Violation

RULE = Rule(
    id="FJ001",
    name="key-points-not-reported",
    title="第六部分未报告政务公开工作要点落实情况",
    title_en="Section 6 does not report how the year's open-government key points were carried out",
    severity="warning",
    source="福建省人民政府办公厅关于做好年度政务公开工作要点落实情况总结和年度报告编制发布工作的通知（每年印发）",
    message={
        "zh": "“六、其他需要报告的事项”未报告本年度政务公开工作要点的落实情况",
        "en": "section 六 (other matters) does not report how the year's open-government key points "
              "were carried out",
    },
    variants={
        "missing": {
            "zh": "报告没有“六、其他需要报告的事项”，无法报告本年度政务公开工作要点的落实情况",
            "en": "the report has no section 六 (other matters), so the key points' implementation "
                  "is not reported",
        },
    },
    editions=("2019", "2021"),
    articles=("art50.5",),
    doc=__doc__,
)

KEY_POINTS = re.compile(r"工作要点")


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    section = document.section("other")
    if section is None:
        yield Violation(Location(section="other"), variant="missing")
        return
    if not KEY_POINTS.search(section.heading + "\n" + section.text()):
        yield Violation(Location(line=section.ref.line, page=section.ref.page, locator=section.ref.locator,
                                 section="other"))
