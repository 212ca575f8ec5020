"""报告中留有模板占位符：XX、××、某某、【单位】、……

## 要求

公布的年度报告不能留有起草模板里的占位符：用 XX、××、○○ 代替的名称和数字，“某某局”这样的代称，
【单位】【日期】这样的填空标记，以及代替数字的省略号（“共公开信息……条”）。

## 依据

《条例》第四十九条、第五十条：年度报告应向社会公布并包括规定的内容；国办公开办函〔2021〕30号
“（四）明确责任”：发布内容不准确不全面、敷衍塞责的，依《条例》第四十七条追究责任。

## 示例

“一、总体情况”开头写着“2022年，XX区坚持以公开为常态……”，地名没有替换。

```
FMT005 [错误] 留有占位符“XX”：“2022年，XX区坚持以公开为常态，全年…”
```

## 修改

用实际的名称、日期和数字替换占位符；确实没有的，写“无”或 0。

## Requirement

A published annual report must not keep the drafting template's placeholders: names and figures written as
XX, ×× or ○○, stand-ins such as "某某局" (such-and-such bureau), fill-in marks such as 【单位】 or 【日期】,
and ellipses in place of a figure ("共公开信息……条").

## Source

Regulation Articles 49 and 50: the annual report is published and contains the prescribed contents;
国办公开办函〔2021〕30号 "（四）明确责任" (assign responsibility): publishing inaccurate, incomplete or
perfunctory content is held to account under Regulation Article 47.

## Example

The overview opens "2022年，XX区坚持以公开为常态……": the district's name was never filled in.

## Fix

Replace placeholders with the real names, dates and figures; where there is genuinely nothing, write
"无" (none) or 0.
"""

from __future__ import annotations

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
    id="FMT005",
    name="placeholder-left-in",
    title="留有模板占位符",
    title_en="A template placeholder is left in",
    severity="error",
    source="《条例》第四十九条、第五十条；国办公开办函〔2021〕30号“（四）明确责任”",
    message={
        "zh": "留有占位符“{placeholder}”：“{context}”",
        "en": "placeholder “{placeholder}” left in: “{context}”",
    },
    editions=("*",),
    articles=("art50",),
    doc=__doc__,
)

_UNIT = (r"(?:单位|机关|部门|名称|日期|时间|年份|数量|数字|金额|姓名|地址|电话"
         r"|区县|县区|市县|镇街|乡镇|街道|文号)")
_BODY = r"|局|委|办|厅|区|县|市|省|镇|乡|街道|公司|条|件|年|月|日|号"
PLACEHOLDERS = lazy_compile(
    r"(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])"  # XX区, 20XX年, XX条
    r"|[×✕╳○□]{2,}"  # ××局, ○○条, □□ (not 〇, the zero of 二〇〇八年)
    r"|(?<![\u4e00-\u9fff])某某|某某(?=" + _UNIT + _BODY + r")"
    r"|[【\[［]\s*(?:请?填写?|待定|待补充|此处)?\s*" + _UNIT + r"?\s*(?:名称|全称)?\s*[】\]］]"
    r"|[…]{2,}\s*(?=[条件个项次万元%％年月日号人])|(?<=[共计为有收发开])\s*[…]{2,}"
)
# Every placeholder holds one of these characters: most paragraphs hold none and are not scanned
# with the whole pattern (its look-behinds try every position).
_MAY_HOLD = lazy_compile(r"[XxＸｘ×✕╳○□某【\[［…]")
_CONTEXT = 12


def _excerpt(text: str, start: int, end: int) -> str:
    before = text[max(0, start - _CONTEXT):start]
    after = text[end:end + _CONTEXT]
    lead = "…" if start > _CONTEXT else ""
    tail = "…" if end + _CONTEXT < len(text) else ""
    return lead + before + text[start:end] + after + tail


def _in(paragraph: Paragraph, place: str) -> Iterator[Violation]:
    """Placeholders in one paragraph; ``place`` is where it stands (its section and index)."""
    text = paragraph.text
    if not _MAY_HOLD.search(text):
        return
    matches = [m for m in PLACEHOLDERS.finditer(text) if m.group(0).strip()]
    for nth, match in enumerate(matches):
        yield Violation(
            Location(line=paragraph.ref.line, page=paragraph.ref.page, locator=paragraph.ref.locator),
            {"placeholder": match.group(0).strip(), "context": _excerpt(text, match.start(), match.end())},
            key=(place, nth),
        )


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    if document.meta.title:
        yield from _in(Paragraph(document.meta.title), "title")
    title = (document.meta.title or "").strip()
    may_hold = _MAY_HOLD.search  # asked here too: most paragraphs hold no placeholder's character
    for index, paragraph in enumerate(all_paragraphs(document)):
        if may_hold(paragraph.text) and paragraph.text.strip() != title:
            yield from _in(paragraph, paragraph_places(document)[index])
