"""报告缺少年度报告格式规定的六个部分之一。

## 要求

年度报告应依次包括六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；
四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。
缺少哪一部分，就报告哪一部分，每缺一部分一条。标题措辞与格式略有出入的部分仍算作存在（由 SEC003 提示），
编号的标点缺少、重复或写成“第一部分”的也算作存在（由 SEC005 提示）。找不到某一部分的标题、但报告中有这一部分
的统计表（如表三）时，这一部分的内容并未缺失：只提示标题缺失或无法识别（警告）。

## 依据

《条例》第五十条规定年度报告应当包括的五项内容；年度报告格式据此规定六个部分，“不能遗漏，也不宜泛化”
（国办公开办函〔2019〕60号、〔2021〕30号）。

## 示例

报告写完“四、政府信息公开行政复议、行政诉讼情况”后直接写“六、其他需要报告的事项”，没有第五部分。

```
SEC001 [错误] 报告缺少“五、存在的主要问题及改进情况”部分
```

## 修改

按格式补写缺少的部分，标题使用格式规定的措辞。没有需要报告的内容时，第六部分也要保留标题并说明“无”；
第五部分必须如实报告存在的问题和改进情况。

## Requirement

An annual report has six parts, in order: 一、总体情况 (overview); 二、主动公开政府信息情况 (active
disclosure); 三、收到和处理政府信息公开申请情况 (applications received and handled); 四、政府信息公开行政
复议、行政诉讼情况 (reconsideration and litigation); 五、存在的主要问题及改进情况 (main problems and
improvements); 六、其他需要报告的事项 (other matters). Each missing part is reported once, by name. A part
whose heading differs slightly from the format still counts as present (SEC003 notes it), as does one whose
number has missing, doubled or "第一部分"-style punctuation (SEC005 notes it). When no heading is found for
a part but the report has that part's table (such as Table 3), its content is not missing: only a warning
says its heading is missing or unrecognised.

## Source

Regulation Article 50 lists the five contents an annual report must include; the annual report format turns
them into six parts that "不能遗漏，也不宜泛化" (must not be left out nor blurred)
(国办公开办函〔2019〕60号, 〔2021〕30号).

## Example

After "四、政府信息公开行政复议、行政诉讼情况" the report goes straight to "六、其他需要报告的事项": part
five, "五、存在的主要问题及改进情况", is missing.

## Fix

Write the missing part with the format's heading. Part six keeps its heading and says "无" (none) when there
is nothing to report; part five must truthfully report the problems and improvements.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks.sections import official
from nianbao.checks.sections import recognised
from nianbao.checks.sections import template_sections
from nianbao.format.editions import TableSpec
from nianbao.model.document import Document
from nianbao.model.document import SourceRef
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="SEC001",
    name="missing-section",
    title="缺少格式规定的部分",
    title_en="A section required by the format is missing",
    severity="error",
    source="《条例》第五十条；年度报告格式 一、报告内容（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "报告缺少“{section}”部分",
        "en": "the report lacks section “{section}”",
    },
    variants={
        "untitled": {
            "zh": "报告中有{tables}，却找不到“{section}”的标题：标题缺失或写法无法识别",
            "en": ("the report has {tables}, but no heading “{section}” was found: it is missing or "
                   "unrecognisable"),
        },
    },
    lowered={"untitled": {
        "severity": "warning",
        "zh": "这一部分的统计表在报告中，内容并未缺失，缺的只是标题",
        "en": "the part's table is in the report, so its content is not missing, only its heading",
    }},
    articles=("art50",),
    editions=("2019", "2021"),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    present = recognised(document, context)
    found = {index for _section, index in present}
    for index, spec in enumerate(template_sections(context)):
        if index in found:
            continue
        # Point at the heading the missing part belongs before, so an editor lands where it goes.
        later = [(i, s) for s, i in present if i > index]
        ref = min(later, key=lambda pair: pair[0])[1].ref if later else SourceRef()
        tables = _tables_of(document, context, spec.key)
        if tables:
            table = document.tables[tables[0].key]
            yield Violation(Location(line=table.ref.line, page=table.ref.page, locator=table.ref.locator,
                                     section=spec.key),
                            {"section": official(spec), "tables": "、".join(t.number for t in tables)},
                            variant="untitled")
            continue
        yield Violation(Location(line=ref.line, page=ref.page, locator=ref.locator, section=spec.key),
                        {"section": official(spec)})


def _tables_of(document: Document, context: Context, section: str) -> list[TableSpec]:
    """The template tables of a section that the report holds."""
    if context.edition is None:
        return []
    return [t for t in context.edition.tables if t.section == section and t.key in document.tables]
