"""报告采用 2019 年以前的旧版年度报告格式，不按现行格式检查。

## 要求

2019 年度起的年度报告应采用国务院办公厅政府信息与政务公开办公室印发的年度报告格式（国办公开办函
〔2019〕60号，2021 年度起为〔2021〕30号）：六个部分，表二至表四为统一的统计表。此前的报告按 2008 年
施行的《条例》编写，章节为“概述、主动公开、依申请公开、复议诉讼、问题和改进措施”，并附一张
“政府信息公开情况统计表”（指标名称、计量单位、本年度、历年累计）。

本规则识别这类旧版报告并给出一条提示；识别后不再按现行格式检查章节、条例内容、统计表和格式细节
（SEC、ART、REC、FMT 各规则），以免对旧版报告报出一串不适用的错误。

## 依据

《中华人民共和国政府信息公开条例》（2019 年修订）第五十条；年度报告格式（国办公开办函〔2019〕60号、
〔2021〕30号）自 2019 年度报告起适用。

## 示例

一份 2018 年度报告，附有“指标名称 / 计量单位 / 2018年度 / 历年累计”的旧版统计表。

```
FMT004 [提示] 报告采用2019年以前的旧版格式（报告年度2018年早于2019年），不按现行格式检查
```

## 修改

旧版报告无需修改。如这是 2019 年度及以后的报告，请按现行年度报告格式重新编写，使用表二至表四。

## Requirement

Annual reports from 2019 on use the format issued by the General Office of the State Council's office for
government information and affairs disclosure (国办公开办函〔2019〕60号; 〔2021〕30号 from 2021): six parts,
with Tables 2 to 4 as uniform statistics tables. Earlier reports followed the Regulation of 2008, with the
sections 概述、主动公开、依申请公开、复议诉讼、问题和改进措施 (overview, active disclosure, disclosure on
request, review and litigation, problems and improvements) and one "政府信息公开情况统计表" (indicator,
unit, this year, cumulative).

This rule recognises such older reports and gives one note; once recognised, the report is not checked
against the current format's sections, items, tables and format details (the SEC, ART, REC and FMT rules),
so that it does not get a string of findings that do not apply.

## Source

Regulation on the Disclosure of Government Information (revised 2019), Article 50; the annual report format
(国办公开办函〔2019〕60号, 〔2021〕30号) applies from the 2019 reports.

## Example

A 2018 report with the older statistics table (指标名称 / 计量单位 / 2018年度 / 历年累计) gets one note
that it uses the pre-2019 format and is not checked against the current one.

## Fix

An older report needs no change. If this is a report for 2019 or later, rewrite it in the current annual
report format, with Tables 2 to 4.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.format import labels
from nianbao.model.document import Document
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.narrative.sentences import all_paragraphs

RULE = Rule(
    id="FMT004",
    name="older-format",
    title="报告采用 2019 年以前的旧版格式",
    title_en="The report uses the format in force before 2019",
    severity="note",
    source="年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）的适用年度",
    message={
        "zh": "报告采用2019年以前的旧版格式（{evidence}），不按现行格式检查",
        "en": "the report uses the annual-report format in force before 2019 ({evidence_en}); "
              "it is not checked against the current format",
    },
    editions=("*",),
    gate=True,
    stops=("SEC", "ART", "REC", "FMT"),
    articles=("art50",),
    doc=__doc__,
)

# The statistical table that reports carried before the 2019 format: its part and its column headings.
OLD_TABLE_SECTION = "政府信息公开情况统计表"
OLD_TABLE_HEADINGS = ("指标名称", "计量单位", "历年累计")


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    if document.tables:
        return  # the current format's tables were found, whatever the year says
    first_year = min((e.first_year for e in context.editions.values()), default=None)
    year = document.meta.report_year
    if year is not None and first_year is not None and year < first_year:
        yield Violation(
            Location(),
            {
                "evidence": f"报告年度{year}年早于{first_year}年",
                "evidence_en": f"its report year {year} is before {first_year}, "
                               "the first year of the current format",
            },
        )
        return
    for section in document.sections:
        if labels.core(section.title) == OLD_TABLE_SECTION:
            yield Violation(
                Location(line=section.ref.line, page=section.ref.page, locator=section.ref.locator),
                {
                    "evidence": f"“{section.heading}”是旧版的统计表部分",
                    "evidence_en": f"“{section.heading}” is the statistical-table part of the old format",
                },
            )
            return
    for paragraph in all_paragraphs(document):
        compact = "".join(paragraph.text.split())
        if all(heading in compact for heading in OLD_TABLE_HEADINGS):
            yield Violation(
                Location(line=paragraph.ref.line, page=paragraph.ref.page, locator=paragraph.ref.locator),
                {
                    "evidence": "统计表表头为指标名称、计量单位、历年累计",
                    "evidence_en": "its statistical table has the old headings "
                                   "指标名称, 计量单位 and 历年累计",
                },
            )
            return
