"""报告未说明人大代表建议和政协提案的办理（及办理结果公开）情况。

## 要求

福建省要求年度报告说明本机关办理人大代表建议和政协提案、公开办理结果的情况，通常写在
“一、总体情况”或“六、其他需要报告的事项”中。报告中必须同时提到人大代表建议和政协提案。

## 依据

福建省人民政府办公厅关于做好政府信息公开工作年度报告编制发布工作的通知（每年印发）；
《条例》第五十条第（五）项“其他需要报告的事项”。

## 示例

报告只写了“办理人大代表建议12件”，没有提到政协提案。

```
FJ002 [警告] 报告未说明政协提案的办理情况
```

## 修改

写明本年度承办的人大代表建议和政协提案件数、办结情况和办理结果的公开情况；没有承办的，写明“无”。

## Requirement

Fujian Province requires the annual report to state how the body handled suggestions of people's congress
deputies (人大代表建议) and proposals of CPPCC members (政协提案) and disclosed the results, usually in
"一、总体情况" (overview) or "六、其他需要报告的事项" (other matters). The report must mention both the
deputies' suggestions and the CPPCC proposals.

## Source

The Fujian Provincial People's Government General Office's yearly notice on preparing and publishing the
annual reports; Regulation Article 50 item (5), "其他需要报告的事项" (other matters to report).

## Example

The report says only "办理人大代表建议12件" (12 deputies' suggestions handled) and nothing about CPPCC
proposals.

## Fix

State how many deputies' suggestions and CPPCC proposals the body handled this year, how they were
concluded and how the results were disclosed; if there were none, write "无" (none).
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
    id="FJ002",
    name="deputy-proposals-not-reported",
    title="未报告人大代表建议和政协提案办理情况",
    title_en="Handling of NPC deputies' suggestions and CPPCC proposals is not reported",
    severity="warning",
    source="福建省人民政府办公厅关于做好政府信息公开工作年度报告编制发布工作的通知（每年印发）",
    message={
        "zh": "报告未说明{missing}的办理情况",
        "en": "the report does not say how {missing_en} were handled",
    },
    editions=("2019", "2021"),
    articles=("art50.5",),
    doc=__doc__,
)

SUGGESTIONS = re.compile(r"人大(?:代表)?[^。；]{0,12}建议|建议[^。；]{0,12}人大")
PROPOSALS = re.compile(r"政协[^。；]{0,12}提案")


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    text = "\n".join(p.text for p in document.paragraphs())
    missing = [(zh, en) for pattern, zh, en in (
        (SUGGESTIONS, "人大代表建议", "NPC deputies' suggestions"),
        (PROPOSALS, "政协提案", "CPPCC proposals"),
    ) if not pattern.search(text)]
    if missing:
        yield Violation(Location(), {
            "missing": "和".join(zh for zh, _ in missing),
            "missing_en": " and ".join(en for _, en in missing),
        })
