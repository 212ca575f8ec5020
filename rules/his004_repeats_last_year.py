"""报告的大部分文字或某张统计表与上年报告雷同。

## 要求

年度报告应如实反映本年度的工作。正文（各部分的文字，不含标题和统计表）有一半以上的句子与上年报告
相同（只有数字不同也算相同；不足 10 个字的短句不计，正文不足 5 句不检查），或某张统计表的全部数值与
上年报告一字不差，说明报告很可能是照搬上年报告改了年份和数字。全为 0 的表（例如两年都没有收到申请）
不算雷同。

## 依据

国办公开办函〔2021〕30号“（四）明确责任”：出现“发布内容不准确不全面或者内容雷同、敷衍塞责等问题并造成
不良后果的”，依《条例》第四十七条追究责任。需要上年报告（`--previous`，或把同一机关相邻年度的报告放在一起检查）。

## 示例

本年正文 9 句中有 7 句只改了年份和数字，其余与上年报告相同。

```
HIS004 [警告] 正文 78% 的句子（9 句中的 7 句，数字除外）与上年报告相同，报告内容雷同
```

## 修改

按本年度实际工作重写总体情况、存在的主要问题及改进情况等部分；统计表按本年度的实际数据填写。

## Requirement

An annual report must truthfully describe this year's work. When more than half of the sentences of the
text (the parts' prose, not headings or tables) are the same as last year's report (sentences differing
only in figures count as the same; sentences under 10 characters are ignored; texts under 5 sentences are
not checked), or when every value of a statistics table is identical to last year's, the report was very
likely copied from last year's with the year and figures changed. A table of all zeros (for example no
applications in either year) does not count as copied.

## Source

国办公开办函〔2021〕30号 "（四）明确责任" (assign responsibility): publishing "inaccurate or incomplete
content, or content that repeats earlier reports (内容雷同), perfunctorily" with bad consequences is held to
account under Regulation Article 47. Needs last year's report (`--previous`, or check one body's
consecutive reports together).

## Example

Of this year's 9 sentences, 7 differ from last year's report only in the year and the figures: 78% of the
text repeats last year's report.

## Fix

Rewrite the overview, the main problems and improvements and the other parts from this year's actual work;
fill the tables with this year's actual data.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks.history import masked_sentences
from nianbao.model.document import Document
from nianbao.model.findings import Derivation
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="HIS004",
    name="repeats-last-year",
    title="报告内容与上年报告雷同",
    title_en="The report repeats last year's report",
    severity="warning",
    source="国办公开办函〔2021〕30号“（四）明确责任”（内容雷同）",
    message={
        "zh": "正文 {percent}% 的句子（{total} 句中的 {same} 句，数字除外）与上年报告相同，报告内容雷同",
        "en": ("{percent}% of the sentences ({same} of {total}, figures aside) are the same as in "
               "last year's report"),
    },
    variants={
        "table": {
            "zh": "{table_no}的 {cells} 个数值与上年报告完全相同",
            "en": "all {cells} values of {table_no} are the same as in last year's report",
        },
    },
    needs_previous=True,
    editions=("2019", "2021"),
    doc=__doc__,
)

SHARE = 0.5
MIN_SENTENCES = 5


def _repeated_text(document: Document, previous: Document) -> Iterator[Violation]:
    this = masked_sentences(document.sections)
    last = set(masked_sentences(previous.sections))
    same = sum(1 for s in this if s in last)
    if len(this) < MIN_SENTENCES or same / len(this) < SHARE:
        return
    percent = round(100 * same / len(this))
    yield Violation(
        location=Location(),
        args={"percent": percent, "same": same, "total": len(this)},
        key=("text",),
        evidence=Derivation(identity="与上年报告相同的句子 / 正文句子", expected=f"< {round(100 * SHARE)}%",
                            actual=f"{percent}%"),
    )


def _repeated_tables(document: Document, previous: Document, context: Context) -> Iterator[Violation]:
    for key, table in document.tables.items():
        last = previous.tables.get(key)
        if last is None or last.edition != table.edition or not table.values:
            continue
        if set(table.values) != set(last.values):
            continue
        values = {k: (c.value, c.blank) for k, c in table.values.items()}
        if any(values[k] != (c.value, c.blank) for k, c in last.values.items()):
            continue
        if not any(v for v, _blank in values.values()):
            continue
        spec = context.edition.table(key) if context.edition else None
        yield Violation(
            location=Location(line=table.ref.line, page=table.ref.page, locator=table.ref.locator,
                              section=spec.section if spec else None, table=key),
            args={"table_no": spec.number if spec else key, "cells": len(values)},
            variant="table",
        )


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    if context.previous is None:
        return
    yield from _repeated_text(document, context.previous)
    yield from _repeated_tables(document, context.previous, context)
