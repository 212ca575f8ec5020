"""2021 版报告的“六、其他需要报告的事项”没有报告收取信息处理费的情况。

## 要求

2021 版格式要求在“六、其他需要报告的事项”中报告本年度收取信息处理费的情况；没有收取的，也要写明
（例如“本年度未收取信息处理费”）。报告没有第六部分的，全文任何地方都没有提到信息处理费同样不符合要求。

## 依据

《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）模板第六部分：“（文字描述，
收取信息处理费情况在此处报告。）”；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）。

## 示例

“六、其他需要报告的事项”只写了人大代表建议和政协提案的办理情况。

```
FMT002 [警告] “六、其他需要报告的事项”未报告收取信息处理费的情况（未收取也应写明）
```

## 修改

在第六部分写明本年度收取信息处理费的情况：收取的，写明件数和金额；未收取的，写“本年度未收取信息处理费”。

## Requirement

The 2021 format requires the report's part "六、其他需要报告的事项" (other matters to report) to state
whether information processing fees (信息处理费) were charged this year; if none were, it must say so (for
example "本年度未收取信息处理费"). A report without a sixth part that nowhere mentions processing fees does
not meet the requirement either.

## Source

The annual report format (国办公开办函〔2021〕30号), template part six: "（文字描述，收取信息处理费情况在
此处报告。）" (describe in words; report processing fees here); the Measures on Information Processing Fees
(国办函〔2020〕109号).

## Example

Part six reports only how deputies' suggestions and CPPCC proposals were handled, saying nothing about
processing fees.

## Fix

State this year's processing fees in part six: if charged, the number of cases and the amount; if not,
write "本年度未收取信息处理费" (no processing fees were charged this year).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model.document import Document
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.narrative.sentences import all_paragraphs

RULE = Rule(
    id="FMT002",
    name="processing-fee-not-reported",
    title="未报告收取信息处理费的情况",
    title_en="The information processing fee is not reported",
    severity="warning",
    source="年度报告格式 六、其他需要报告的事项（国办公开办函〔2021〕30号）",
    message={
        "zh": "“六、其他需要报告的事项”未报告收取信息处理费的情况（未收取也应写明）",
        "en": ("section 6 (other matters) does not report the information processing fee charged "
               "(state it even if none)"),
    },
    variants={
        "nowhere": {
            "zh": "报告没有“六、其他需要报告的事项”，全文也未报告收取信息处理费的情况",
            "en": ("the report has no section 6 (other matters) and does not report the information "
                   "processing fee anywhere"),
        },
    },
    editions=("2021",),
    doc=__doc__,
)

FEE = re.compile(r"处\s*理\s*费")


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    if context.edition is None:
        return  # no edition decided: the 2021 requirement is not known to apply
    section = document.section("other")
    if section is not None:
        if not FEE.search(section.heading + "\n" + section.text()):
            yield Violation(Location(line=section.ref.line, page=section.ref.page, section="other"))
        return
    if not any(FEE.search(p.text) for p in all_paragraphs(document)):
        yield Violation(Location(), variant="nowhere")
