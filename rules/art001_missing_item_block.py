"""表二缺少年度报告格式要求的某一项第二十条主动公开内容。

## 要求

表二“主动公开政府信息情况”按《条例》第二十条分项统计。2019 版格式要求第二十条
第（一）（五）（六）（八）（九）项五栏，2021 版要求第（一）（五）（六）（八）项四栏。
每缺一栏报告一条，并列出该栏应有的行。
要求哪些栏、每栏有哪些行，取自所用版本的格式模板。

## 依据

《条例》第二十条第（一）（五）（六）（八）（九）项、第五十条第（一）项；年度报告格式表二
（国办公开办函〔2019〕60号、〔2021〕30号）。

## 示例

2021 年度报告的表二只有第二十条第（一）（五）（六）项，没有第（八）项行政事业性收费。

```
ART001 [错误] 表二缺少“第二十条第（八）项”一栏（行政事业性收费）
```

## 修改

按所用版本的格式补全表二缺少的栏目；本年度没有发生的事项填 0，不要删去栏目。

## Requirement

表二 (Table 2, "active disclosure") counts items under Article 20 of the Regulation. The 2019 edition
requires five blocks, for Article 20 items (1), (5), (6), (8) and (9); the 2021 edition requires four, for
items (1), (5), (6) and (8). Each missing block is reported once, listing the rows it should contain.
Which blocks are required and which rows each has come from the edition's format template.

## Source

Regulation Article 20 items (1), (5), (6), (8), (9) and Article 50 item (1); the annual report format's
Table 2 (国办公开办函〔2019〕60号 and 〔2021〕30号).

## Example

A 2021 report's Table 2 has only Article 20 items (1), (5) and (6): the block for item (8),
administrative fees (行政事业性收费), is missing.

## Fix

Complete Table 2 with the blocks the edition requires; fill 0 for anything that did not happen this
year rather than deleting the block.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks.blocks import block_items
from nianbao.checks.blocks import block_present
from nianbao.checks.blocks import block_tables
from nianbao.model.document import Document
from nianbao.model.document import SourceRef
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="ART001",
    name="missing-item-block",
    title="表二缺少第二十条某项的统计栏",
    title_en="Active-disclosure table lacks an Article 20 item block",
    severity="error",
    source="《条例》第二十条、第五十条第（一）项；年度报告格式表二（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "{table_no}缺少“{block}”一栏（{rows}）",
        "en": "{table_no} lacks the block “{block}” ({rows})",
    },
    articles=("art20", "art50.1"),
    editions=("2019", "2021"),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    for spec in block_tables(context):
        table = document.tables.get(spec.key)
        section = document.section(spec.section)
        ref = table.ref if table is not None else (section.ref if section is not None else SourceRef())
        for block in spec.blocks:
            if block_present(table, block):
                continue
            yield Violation(
                Location(line=ref.line, page=ref.page, locator=ref.locator, section=spec.section,
                         table=spec.key),
                {"table_no": spec.number, "block": block.label, "rows": block_items(block)},
                key=(block.key,),
            )
