"""文件无法读取、无法解码，或读取后不是一份政府信息公开工作年度报告。

## 要求

被检查的每个文件都应是一份可读取的年度报告：HTML、DOCX、PDF（有文字层）、Markdown 或纯文本，
能识别出报告的章节或统计表。无法读取的文件单独报告，同一批次的其他文件照常检查。

## 依据

《中华人民共和国政府信息公开条例》第四十九条、第五十条：年度报告应向社会公布并包括规定内容；
无法读取的文件无法确认这一点。

## 示例

一个空文件 `empty.txt`：

```
DOC001 [错误] 无法检查此文件：文件是空的
```

## 修改

确认文件是报告本身，而不是网页外壳、附件列表或损坏的下载。旧版 Word（.doc）或 WPS（.wps）文件请另存为
.docx；扫描版 PDF 请提供带文字层的版本。
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.loaders.base import LoadError
from nianbao.model.document import Document
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

RULE = Rule(
    id="DOC001",
    name="unreadable-report",
    title="文件无法读取或不是年度报告",
    title_en="File cannot be read or is not an annual report",
    severity="error",
    source="《条例》第四十九条、第五十条",
    message={
        "zh": "不是一份可识别的政府信息公开工作年度报告：未找到任何报告章节（一、总体情况 …）或统计表",
        "en": ("not a recognisable annual report: none of its sections (一、总体情况 …) or statistical "
               "tables were found"),
    },
    variants={
        "load": {"zh": "无法检查此文件：{problem}", "en": "cannot check this file: {problem_en}"},
    },
    editions=("*",),
    gate=True,
    doc=__doc__,
)


def load_failure(error: LoadError) -> tuple[str, Violation]:
    """A file no loader could read, as this rule's finding (the ``load`` message)."""
    return RULE.id, Violation(Location(), {"problem": error.message, "problem_en": error.message_en},
                              variant="load")


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    recognised = any(s.key for s in document.sections) or bool(document.tables)
    if not recognised:
        yield Violation(Location())
