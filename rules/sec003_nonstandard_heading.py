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

把标题改为格式规定的措辞。几个标题以同样的方式偏离（增加、缺少或改写了同样的字词，例如都多了“政府信息公开”）
是同一个习惯，报告为一条，列出这些标题。

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

Change the heading to the format's wording. Several headings that deviate the same way (the same words
added, left out or changed, e.g. all add "政府信息公开") are one habit and one finding, naming them all.
"""  # noqa: E501 - the 示例 output line is quoted whole

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator

from nianbao.checks.sections import official
from nianbao.checks.sections import recognised
from nianbao.checks.sections import written
from nianbao.format import labels
from nianbao.format.editions import SectionSpec
from nianbao.memo import kept_texts
from nianbao.model.document import Document
from nianbao.model.document import Section
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule


@kept_texts(1024)  # the format's titles, and headings written alike, come again
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
    variants={"alike": {
        "zh": "{count} 个标题都与格式规定的措辞不一致，都{change}：{headings}",
        "en": ("{count} headings differ from the format's titles the same way, they {change_en}: "
               "{headings_en}"),
    }},
    editions=("2019", "2021"),
    doc=__doc__,
)


def _change(official_title: str, written_title: str) -> tuple[tuple[str, str], ...]:
    """What was done to the format's words to get the written ones: each run removed and the run put
    in its place (``("", "政府信息公开")`` for words added, ``("的", "")`` for a word left out)."""
    before, after = _wording(official_title), _wording(written_title)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return tuple((before[i1:i2], after[j1:j2])
                 for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def _describe(change: tuple[tuple[str, str], ...], lang: str) -> str:
    parts = []
    for removed, added in change:
        if not removed:
            parts.append(f"多了“{added}”" if lang == "zh" else f"add “{added}”")
        elif not added:
            parts.append(f"少了“{removed}”" if lang == "zh" else f"leave out “{removed}”")
        else:
            parts.append(f"把“{removed}”写作“{added}”" if lang == "zh"
                         else f"write “{added}” for “{removed}”")
    return "、".join(parts) if lang == "zh" else ", ".join(parts)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    if context.edition is None:
        return
    # Headings that deviate the same way (the same words added, left out or changed) are one habit.
    alike: dict[tuple[tuple[str, str], ...], list[tuple[Section, SectionSpec]]] = {}
    for section, _index in recognised(document, context):
        spec = context.edition.section(section.key or "")
        if _wording(section.title) == _wording(spec.title):
            continue
        alike.setdefault(_change(spec.title, section.title), []).append((section, spec))
    for change, headings in alike.items():
        section, spec = headings[0]
        location = Location(line=section.ref.line, page=section.ref.page, locator=section.ref.locator,
                            section=section.key)
        if len(headings) == 1:
            yield Violation(location, {"written": written(section), "official": official(spec)})
            continue
        yield Violation(location, {
            "count": len(headings), "sections": [s.key for s, _ in headings],
            "change": _describe(change, "zh"), "change_en": _describe(change, "en"),
            "headings": "、".join(f"“{written(s)}”（应为“{official(p)}”）" for s, p in headings),
            "headings_en": ", ".join(f"“{written(s)}” (the format: “{official(p)}”)" for s, p in headings),
        }, variant="alike", key=tuple(s.key or "" for s, _ in headings))
