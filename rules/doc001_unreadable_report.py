"""文件无法读取、无法解码，或读取后不是一份政府信息公开工作年度报告。

## 要求

被检查的每个文件都应是一份可读取的年度报告：HTML、DOCX、PDF（有文字层）、Markdown 或纯文本，
能识别出报告的章节或统计表。无法读取的文件单独报告，同一批次的其他文件照常检查。

不是年度报告的网页（通知、新闻、报告列表）也只报告这一条，并说明理由：没有统计表，而且一、二、三……
各部分的标题没有一个说到年度报告的内容（如“一、活动时间”），或者标题表明它是一份通知、公告等，
就不按年度报告检查。

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

## Requirement

Every file checked must be a readable annual report: HTML, DOCX, PDF with a text layer, Markdown or plain
text, in which the report's sections or tables can be recognised. A file that cannot be read is reported
on its own; the other files in the batch are checked as usual.

A web page that is not an annual report (a notice, news item or list of reports) also gets only this
finding, with the reason: it has no statistics tables and none of its numbered headings (一、二、三…)
speaks of an annual report's contents (for example "一、活动时间"), or its title shows it is a notice or
announcement. It is not checked as an annual report.

## Source

Regulation on the Disclosure of Government Information, Articles 49 and 50: the annual report is
published and contains the prescribed contents; a file that cannot be read cannot show that it does.

## Example

An empty file `empty.txt` cannot be checked: the finding says the file is empty.

## Fix

Make sure the file is the report itself, not a page shell, a list of attachments or a broken download.
Save legacy Word (.doc) or WPS (.wps) files as .docx; for a scanned PDF, supply a version with a text
layer.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.lazyre import lazy_compile
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
        "not-report": {
            "zh": ("不是政府信息公开工作年度报告：{reason}，没有统计表，"
                   "各部分标题（{headings}）也不是年度报告的"),
            "en": ("not an annual report on government information disclosure: {reason_en}, it has no "
                   "statistical tables, and its parts ({headings}) are not those of an annual report"),
        },
    },
    editions=("*",),
    gate=True,
    rejects=True,
    doc=__doc__,
)


def load_failure(error: LoadError) -> tuple[str, Violation]:
    """A file no loader could read, as this rule's finding (the ``load`` message)."""
    return RULE.id, Violation(Location(), {"problem": error.message, "problem_en": error.message_en},
                              variant="load")


# What each part of an annual report speaks of, in any wording a report uses for its heading.
_PART_WORDS = {
    "overview": lazy_compile(r"总体|概述|概况|基本情况"),
    "active_disclosure": lazy_compile(r"主动公开"),
    "applications": lazy_compile(r"依申请|公开申请|申请情况"),
    "reviews": lazy_compile(r"复议|诉讼"),
    "problems": lazy_compile(r"问题|改进|不足"),
    "other": lazy_compile(r"其他|需要报告"),
}
_REPORT_TITLE = lazy_compile(r"年度报告|年报|工作报告")
_NOTICE_TITLE = lazy_compile(r"(通知|公告|通告|通报|函|意见|方案|办法)\s*$")


def _not_a_report(document: Document) -> dict[str, str] | None:
    """Why a document with numbered parts is not an annual report, or None when it may be one."""
    if document.tables:
        return None
    parts = [s for s in document.sections if s.level == 1]
    speaking = [s for s in parts if s.key in _PART_WORDS and _PART_WORDS[s.key].search(s.title)]
    title = (document.meta.title or "").strip()
    titled = bool(_REPORT_TITLE.search(title))
    notice = None if titled else _NOTICE_TITLE.search(title)
    if notice is None and speaking:
        return None
    headings = "、".join(f"“{s.number}、{s.title}”" for s in parts[:4]) + ("……" if len(parts) > 4 else "")
    if notice is not None:
        reason = f"标题“{title}”是一份{notice.group(1)}"
        reason_en = f"its title “{title}” is that of a {notice.group(1)}, not of a report"
    elif titled:
        reason = f"标题“{title}”像年度报告，但正文不是"
        reason_en = f"its title “{title}” reads like a report's, but its text does not"
    elif title:
        reason, reason_en = f"标题“{title}”不是年度报告的标题", f"its title “{title}” is not a report's"
    else:
        reason, reason_en = "没有年度报告的标题", "it has no report title"
    return {"reason": reason, "reason_en": reason_en, "headings": headings or "无"}


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    recognised = any(s.key for s in document.sections) or bool(document.tables)
    if not recognised:
        yield Violation(Location())
        return
    why = _not_a_report(document)
    if why is not None:
        yield Violation(Location(), why, variant="not-report")
