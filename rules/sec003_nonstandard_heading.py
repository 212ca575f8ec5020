"""某一部分的标题措辞与格式规定的标题不一致。

## 要求

六个部分的标题应使用年度报告格式规定的措辞。比较时不计空格、全角半角和标点的差别；措辞上的增删改都会提示，
例如“五、政府信息公开工作存在的主要问题及改进情况”多了“政府信息公开工作”。检查器仍能识别这些常见变体
并照常检查该部分，本规则只提示措辞的偏差。

## 依据

年度报告格式 一、报告内容规定的六个部分标题（国办公开办函〔2019〕60号、〔2021〕30号）。

## 示例

第五部分的标题写作“五、政府信息公开工作存在的主要问题及改进情况”。

```
SEC003 [警告] 标题“五、政府信息公开工作存在的主要问题及改进情况”与格式规定的“五、存在的主要问题及改进情况”不一致
```

## 修改

把标题改为格式规定的措辞。

## Requirement

The six parts' headings use the wording of the annual report format. Spaces, full-width versus half-width
forms and punctuation are ignored; any added, removed or changed words are noted, for example
"五、政府信息公开工作存在的主要问题及改进情况" adds "政府信息公开工作". The checker still recognises these
common variants and checks the part as usual; this rule only notes the difference in wording.

## Source

The six part headings set in the annual report format, "一、报告内容" (国办公开办函〔2019〕60号,
〔2021〕30号).

## Example

Part five is headed "五、政府信息公开工作存在的主要问题及改进情况" instead of the format's
"五、存在的主要问题及改进情况".

## Fix

Change the heading to the format's wording.
"""  # noqa: E501 - the 示例 output line is quoted whole

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from nianbao.checks.sections import official
from nianbao.checks.sections import recognised
from nianbao.checks.sections import written
from nianbao.format import labels
from nianbao.model.document import Document
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule


def _wording(title: str) -> str:
    """The words of a title: folded, and without any punctuation (、 and , alike)."""
    return "".join(ch for ch in labels.fold(title) if not unicodedata.category(ch).startswith("P"))


RULE = Rule(
    id="SEC003",
    name="nonstandard-heading",
    title="部分标题措辞与格式不一致",
    title_en="A section heading is worded differently from the format",
    severity="warning",
    source="年度报告格式 一、报告内容（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "标题“{written}”与格式规定的“{official}”不一致",
        "en": "heading “{written}” differs from the format's title “{official}”",
    },
    editions=("2019", "2021"),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    if context.edition is None:
        return
    for section, _index in recognised(document, context):
        spec = context.edition.section(section.key or "")
        if _wording(section.title) == _wording(spec.title):
            continue
        yield Violation(
            Location(line=section.ref.line, page=section.ref.page, locator=section.ref.locator,
                     section=section.key),
            {"written": written(section), "official": official(spec)},
        )
