"""年度报告在《条例》第四十九条规定的期限之后才公布。

## 要求

县级以上人民政府部门应在每年 1 月 31 日前公布本机关上一年度的年度报告；县级以上地方人民政府的年度报告
应在每年 3 月 31 日前公布。公布日期取自 `--published-on`，或报告网页自身的发布日期；机关是政府
还是部门，取自配置文件 `options` 中的 `body-type`（`government` 或 `department`），没有配置时
取自标题中的机关名称。分不清是政府还是部门时，只有晚于 3 月 31 日才报告。

## 依据

《中华人民共和国政府信息公开条例》第四十九条。

## 示例

某区财政局 2023 年度报告于 2024 年 2 月 5 日公布（`--published-on 2024-02-05`）。

```
PUB001 [错误] 2023 年度报告于 2024-02-05 公布，晚于第四十九条规定的部门公布期限 2024-01-31（迟 5 天）
```

## 修改

按期公布下一年度的报告。网页上的日期是后来更新或转载的日期的，用 `--published-on` 给出首次公布的日期。

## Requirement

Departments of people's governments at county level and above publish their annual report for the previous
year by 31 January; local people's governments at county level and above publish theirs by 31 March. The
publication date comes from `--published-on` or from the report page's own publication date; whether the
body is a government or a department comes from `body-type` (`government` or `department`) under `options`
in the configuration file, or otherwise from the body's name in the title. When that cannot be told, only a
date after 31 March is reported.

## Source

Regulation on the Disclosure of Government Information, Article 49.

## Example

A district finance bureau published its 2023 report on 5 February 2024 (`--published-on 2024-02-05`),
5 days after the department deadline of 2024-01-31.

## Fix

Publish next year's report on time. If the page's date is that of a later update or reposting, give the
date it was first published with `--published-on`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from datetime import datetime

import click
from nianbao.model.document import Document
from nianbao.model.findings import Derivation
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="PUB001",
    name="published-after-deadline",
    title="年度报告逾期公布",
    title_en="The report was published after the statutory deadline",
    severity="error",
    source="《条例》第四十九条",
    message={
        "zh": ("{year} 年度报告于 {published} 公布，晚于第四十九条规定的{body}公布期限 {deadline}"
               "（迟 {days} 天）"),
        "en": "the {year} report was published on {published}, after the Article 49 deadline for {body_en} "
              "({deadline}; {days} days late)",
    },
    variants={
        "page": {
            "zh": ("{year} 年度报告于 {published} 公布（网页所载日期），"
                   "晚于第四十九条规定的{body}公布期限 {deadline}（迟 {days} 天）"),
            "en": ("the {year} report was published on {published} (the date on its page), "
                   "after the Article 49 deadline for {body_en} ({deadline}; {days} days late)"),
        },
    },
    lowered={"page": {
        "severity": "warning",
        "zh": ("网页所载日期可能是之后更新的日期，而不是首次公布的日期；"
               "用 --published-on 给出公布日期即为错误"),
        "en": "the date on a page may be that of a later update, not of first publication; "
              "give the date with --published-on to make it an error",
    }},
    editions=("*",),
    articles=("art49",),
    doc=__doc__,
)

def _iso(context: click.Context, param: click.Parameter, value: datetime | None) -> str | None:
    return value.date().isoformat() if value is not None else None


# ``nianbao check --published-on``, added through nianbao_add_options; rules read it as
# ``context.options["published_on"]``.
OPTIONS = (
    click.Option(["--published-on"], type=click.DateTime(formats=["%Y-%m-%d"]), callback=_iso,
                 help="Date the report was published (YYYY-MM-DD), for the deadline rule PUB001."),
)

DEADLINES = {"department": (1, 31), "government": (3, 31)}
BODY = {"department": ("部门", "departments"), "government": ("人民政府", "governments"),
        None: ("人民政府或部门", "governments and departments")}


def _published(document: Document, context: Context) -> tuple[date, str] | None:
    """The publication date and where it came from: the option, else the page's own metadata."""
    candidates = ((context.options.get("published_on"), "option"), (document.meta.published_on, "page"))
    for value, origin in candidates:
        if value:
            try:
                return (value if isinstance(value, date) else date.fromisoformat(str(value))), origin
            except ValueError:
                continue
    return None


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    year = document.meta.report_year
    published = _published(document, context)
    if year is None or published is None:
        return
    when, origin = published
    body = context.options.get("body_type") or document.meta.body_type
    if body not in DEADLINES:
        body = None
    month, day = DEADLINES[body or "government"]
    deadline = date(year + 1, month, day)
    if when <= deadline:
        return
    zh, en = BODY[body]
    yield Violation(
        location=Location(),
        args={"year": year, "published": when.isoformat(), "deadline": deadline.isoformat(), "body": zh,
              "body_en": en, "days": (when - deadline).days},
        evidence=Derivation(identity="公布日期 ≤ 第四十九条规定的公布期限",
                            expected=f"≤ {deadline.isoformat()}", actual=when.isoformat()),
        variant="page" if origin == "page" else "default",
    )
