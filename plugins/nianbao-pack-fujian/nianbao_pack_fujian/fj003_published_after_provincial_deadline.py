"""年度报告晚于福建省规定的期限公布。

## 要求

《条例》第四十九条规定县级以上人民政府部门在每年1月31日前、县级以上地方人民政府在每年3月31日前公布
上一年度的年度报告。福建省的年度通知可以规定更早的期限。本规则按规则包选项 `fj_deadline`（次年的
月-日，适用于所有机关）检查报告的公布日期；未设定这一选项时不检查（法定期限由内置规则检查）。
公布日期来自 `--published-on`，或读取报告时得到的公布日期；两者都没有时不检查。

期限可在命令行用 `--fj-deadline 01-20` 设定，或在配置文件中设定：

    options:
      fj-deadline: "01-20"

## 依据

《条例》第四十九条；福建省人民政府办公厅当年关于做好政府信息公开工作年度报告编制发布工作的通知。

## 示例

2022年度报告于2023年2月15日公布，选项 `fj_deadline` 设为 `01-31`。

```
FJ003 [错误] 报告于 2023-02-15 公布，晚于省定期限 2023-01-31
```

## 修改

按省定期限公布下一年度的报告；已逾期的，在报告中说明原因。

## Requirement

Regulation Article 49 has departments of governments at county level and above publish the previous year's
report by 31 January, and local governments at county level and above by 31 March. Fujian's yearly notice
may set an earlier deadline. This rule checks the publication date against the pack option `fj_deadline`
(month-day of the following year, for every body); without the option it checks nothing (the statutory
deadlines are checked by a built-in rule). The publication date comes from `--published-on` or from the
date read with the report; without either, nothing is checked.

Set the deadline on the command line with `--fj-deadline 01-20`, or in the configuration file:

    options:
      fj-deadline: "01-20"

## Source

Regulation Article 49; the Fujian Provincial People's Government General Office's notice of that year on
preparing and publishing the annual reports.

## Example

A 2022 report was published on 15 February 2023 with `fj_deadline` set to `01-31`, after the provincial
deadline of 2023-01-31.

## Fix

Publish next year's report by the provincial deadline; if it is already late, explain why in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from nianbao import Context
from nianbao import Document
from nianbao import Location
from nianbao import Rule
from nianbao import Violation

RULE = Rule(
    id="FJ003",
    name="published-after-provincial-deadline",
    title="晚于省定期限公布",
    title_en="Published after the provincial deadline",
    severity="error",
    source="《条例》第四十九条；福建省人民政府办公厅当年的年度报告编制发布通知",
    message={
        "zh": "报告于 {published} 公布，晚于省定期限 {deadline}",
        "en": "the report was published on {published}, after the provincial deadline {deadline}",
    },
    variants={
        "bad_option": {
            "zh": "规则包选项 fj_deadline 的值 {value!r} 不是“月-日”格式（如 01-31），未检查公布期限",
            "en": "the pack option fj_deadline {value!r} is not MM-DD (e.g. 01-31); "
                  "the deadline was not checked",
        },
    },
    lowered={"bad_option": {
        "severity": "warning",
        "zh": "这是选项的问题，不是报告的问题",
        "en": "the problem is the option's, not the report's",
    }},
    articles=("art49",),
    doc=__doc__,
)

MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    published_text = context.options.get("published_on") or document.meta.published_on
    year = document.meta.report_year
    option = context.options.get("fj_deadline")
    if not published_text or year is None or not option:
        return
    option = str(option)
    match = MONTH_DAY.match(option)
    try:
        deadline = date(year + 1, int(match.group(1)), int(match.group(2))) if match else None
    except ValueError:
        deadline = None
    if deadline is None:
        yield Violation(Location(), {"value": option}, variant="bad_option")
        return
    try:
        published = date.fromisoformat(str(published_text))
    except ValueError:
        return
    if published > deadline:
        yield Violation(Location(), {"published": published.isoformat(), "deadline": deadline.isoformat()})
