"""正文中的统计期限或报告年度与标题的年度不一致。

## 要求

年度报告的统计期限是标题所写年度的 1 月 1 日至 12 月 31 日。正文中写明的统计期限、引言中提到的
“××年政府信息公开工作年度报告”以及“一、总体情况”开头的年份，都应与标题的年度一致。不一致通常是沿用
上年报告时漏改了年份。（正文其他地方提到上年报告是正常的，例如第五部分说明上年报告所提问题的整改，
不在检查之列。）

## 依据

《条例》第四十九条、第五十条：年度报告报告的是上一年度的政府信息公开工作；年度报告格式（国办公开办函
〔2019〕60号、〔2021〕30号）的报告标题写明年度。

## 示例

标题为“……2022年度政府信息公开工作年度报告”，引言却写“本报告所列数据的统计期限为2021年1月1日至2021年12月31日”。

```
FMT003 [错误] 统计期限“2021年1月1日至2021年12月31日”与标题的年度（2022年）不一致
```

## 修改

把统计期限、正文提到的报告年度和总体情况开头的年份改为标题所写的年度；如标题的年度有误，改标题。

## Requirement

An annual report covers 1 January to 31 December of the year in its title. The reporting period stated in
the text, the "××年政府信息公开工作年度报告" named in the introduction and the year opening
"一、总体情况" (overview) must all agree with the title's year. A mismatch usually means a year was left
unchanged when last year's report was reused. (Mentions of last year's report elsewhere are normal, for
example part five on fixing the problems raised last year, and are not checked.)

## Source

Regulation Articles 49 and 50: the annual report covers the previous year's disclosure work; the annual
report format (国办公开办函〔2019〕60号, 〔2021〕30号) names the year in the report's title.

## Example

The title reads "……2022年度政府信息公开工作年度报告" but the introduction says the figures cover
"2021年1月1日至2021年12月31日" (1 January to 31 December 2021).

## Fix

Change the reporting period, the report year named in the text and the year opening the overview to the
title's year; if the title's year is wrong, correct the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.lazyre import lazy_compile
from nianbao.model.document import Document
from nianbao.model.document import Paragraph
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.narrative.places import paragraph_places
from nianbao.narrative.sentences import all_paragraphs

RULE = Rule(
    id="FMT003",
    name="year-disagrees-with-title",
    title="统计期限或报告年度与标题不一致",
    title_en="The statistics period or report year in the text disagrees with the title",
    severity="error",
    source="《条例》第四十九条、第五十条；年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "统计期限“{period}”与标题的年度（{title_year}年）不一致",
        "en": "the statistics period “{period}” disagrees with the title's year ({title_year})",
    },
    variants={
        "partial": {
            "zh": "统计期限“{period}”不是标题年度（{title_year}年）的全年（1月1日至12月31日）",
            "en": "the statistics period “{period}” is not the whole of the title's year ({title_year})",
        },
        "mention": {
            "zh": "正文提到“{mention}”，与标题的年度（{title_year}年）不一致",
            "en": "the text names “{mention}”, which disagrees with the title's year ({title_year})",
        },
        "overview": {
            "zh": "“一、总体情况”以“{mention}”开头，与标题的年度（{title_year}年）不一致",
            "en": ("section 1 (overview) opens with “{mention}”, which disagrees with the title's year "
                   "({title_year})"),
        },
    },
    lowered={
        "partial": {"severity": "warning", "zh": "期限在标题年度之内，只是不满全年",
                    "en": "the period lies within the title's year and only falls short of the whole year"},
        "overview": {"severity": "warning", "zh": "开头提到的年度可能是在说上一年的情况",
                     "en": "the year named at the opening may be about the year before"},
    },
    editions=("*",),
    articles=("art49", "art50"),
    doc=__doc__,
)

_YEAR = r"((?:19|20)\d{2})\s*年"
_TITLE_YEAR = lazy_compile(_YEAR)
REPORT_TITLE = lazy_compile(r"(?:政府信息公开|政务公开).{0,6}年度?报告|信息公开年报")
PERIOD = lazy_compile(
    r"统计[^。；;]{0,20}?" + _YEAR + r"\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起?\s*(?:至|到|—|－|-|~|～)\s*"
    r"(?:" + _YEAR + r")?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
MENTION = lazy_compile(_YEAR + r"度?\s*(?:政府信息公开|政务公开)工作年度报告")
OPENING = lazy_compile(r"^\s*" + _YEAR + r"(?:度)?(?=[，,])")  # not "2021年以来", a look back


def _where(paragraph: Paragraph) -> Location:
    return Location(line=paragraph.ref.line, page=paragraph.ref.page, locator=paragraph.ref.locator)


def _place(document: Document, index: int) -> str:
    """The place of paragraph ``index`` (worked out for the report when a finding first asks)."""
    return paragraph_places(document)[index]


def _periods(paragraph: Paragraph, year: int, document: Document, index: int) -> Iterator[Violation]:
    for nth, match in enumerate(PERIOD.finditer(paragraph.text)):
        start_year, start_month, start_day, end_year, end_month, end_day = match.groups()
        years = {int(start_year), int(end_year or start_year)}
        period = re.sub(r"\s+", "", match.group(0)[match.start(1) - match.start(0):])
        args = {"period": period, "title_year": year}
        if years != {year}:
            yield Violation(_where(paragraph), args, key=(_place(document, index), "period", nth))
        elif (int(start_month), int(start_day), int(end_month), int(end_day)) != (1, 1, 12, 31):
            yield Violation(_where(paragraph), args, variant="partial",
                            key=(_place(document, index), "period", nth))


def _mentions(paragraph: Paragraph, year: int, document: Document, index: int) -> Iterator[Violation]:
    for nth, match in enumerate(MENTION.finditer(paragraph.text)):
        if int(match.group(1)) != year:
            mention = re.sub(r"\s+", "", match.group(0))
            args = {"mention": mention, "title_year": year}
            yield Violation(_where(paragraph), args, variant="mention",
                            key=(_place(document, index), "mention", nth))


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    title = document.meta.title or ""
    found = _TITLE_YEAR.search(title)
    if not found or not REPORT_TITLE.search(title):
        return
    year = int(found.group(1))
    preamble = {id(p) for p in document.preamble}
    shown_title = title.strip()
    for index, paragraph in enumerate(all_paragraphs(document)):
        if paragraph.text.strip() == shown_title:
            continue
        if "统计" in paragraph.text:  # every period opens with it: most paragraphs name none
            yield from _periods(paragraph, year, document, index)
        if id(paragraph) in preamble:
            # Elsewhere a report may well name last year's report (the problems it raised).
            yield from _mentions(paragraph, year, document, index)
    overview = document.section("overview")
    if overview is not None and overview.paragraphs:
        first = overview.paragraphs[0]
        opening = OPENING.match(first.text)
        if opening and int(opening.group(1)) != year:
            yield Violation(_where(first), {"mention": opening.group(0).strip(), "title_year": year},
                            variant="overview")
