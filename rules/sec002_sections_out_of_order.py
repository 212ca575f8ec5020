"""报告的六个部分没有按格式规定的顺序排列。

## 要求

六个部分应按一、总体情况，二、主动公开，三、依申请公开，四、行政复议和行政诉讼，五、问题及改进，
六、其他事项的顺序排列。某一部分排在格式中位于它之后的部分后面，就报告它，并指出它排在了哪一部分之后。

## 依据

年度报告格式 一、报告内容：六个部分的顺序与《条例》第五十条各项的顺序一致（国办公开办函〔2019〕60号、
〔2021〕30号）。

## 示例

报告先写“四、政府信息公开行政复议、行政诉讼情况”，再写“三、收到和处理政府信息公开申请情况”。

```
SEC002 [警告] “三、收到和处理政府信息公开申请情况”排在“四、政府信息公开行政复议、行政诉讼情况”之后，格式规定它在前
```

## 修改

按格式顺序调整各部分的位置，并使编号与顺序一致。

## Requirement

The six parts follow the order overview, active disclosure, disclosure on request, reconsideration and
litigation, problems and improvements, other matters. A part placed after a part the format puts after it
is reported, naming the part it follows.

## Source

The annual report format, "一、报告内容" (contents of the report): the six parts follow the order of the
items of Regulation Article 50 (国办公开办函〔2019〕60号, 〔2021〕30号).

## Example

The report gives "四、政府信息公开行政复议、行政诉讼情况" first and then "三、收到和处理政府信息公开申请
情况", which the format puts before it.

## Fix

Move the parts into the format's order and make their numbers match the order.
"""  # noqa: E501 - the 示例 output line is quoted whole

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks.sections import recognised
from nianbao.checks.sections import written
from nianbao.model.document import Document
from nianbao.model.document import Section
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="SEC002",
    name="sections-out-of-order",
    title="各部分顺序与格式不一致",
    title_en="Sections are not in the format's order",
    severity="warning",
    source="年度报告格式 一、报告内容（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "“{section}”排在“{after}”之后，格式规定它在前",
        "en": "“{section}” comes after “{after}”; the format puts it before",
    },
    articles=("art50",),
    editions=("2019", "2021"),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    furthest: tuple[Section, int] | None = None
    for section, index in recognised(document, context):
        if furthest is not None and index < furthest[1]:
            yield Violation(
                Location(line=section.ref.line, page=section.ref.page, locator=section.ref.locator,
                         section=section.key),
                {"section": written(section), "after": written(furthest[0])},
            )
            continue
        if furthest is None or index > furthest[1]:
            furthest = (section, index)
