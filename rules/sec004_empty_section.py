"""报告的某一部分没有内容，或第五部分只写了“无”。

## 要求

六个部分都应有内容：文字、小标题或统计表至少有一样。第五部分“存在的主要问题及改进情况”必须报告
本机关存在的问题和改进情况，只写“无”“暂无”不符合要求；第六部分“其他需要报告的事项”没有可报告的
事项时写“无”是可以的。第五部分既要写存在的问题，也要写改进情况，只写其中一半同样不符合要求；是否写到了问题或改进，
是从用词（“问题”“不足”，“改进”“整改”“下一步”等）判断的，可能误判，所以只作警告。

## 依据

《条例》第五十条第（四）项：年度报告应当包括“政府信息公开工作存在的主要问题及改进情况”；年度报告格式
要求报告内容“不能遗漏”（国办公开办函〔2019〕60号、〔2021〕30号）。

## 示例

第五部分的标题下只写了“无。”。

```
SEC004 [错误] “五、存在的主要问题及改进情况”只写了“无。”；这一部分必须报告存在的主要问题和改进情况
```

## 修改

补写该部分的内容。第五部分应写明本年度工作中存在的主要问题、对上一年度问题的改进情况和下一步措施。

## Requirement

Each of the six parts has content: at least some text, a subheading or a table. Part five, "存在的主要问题
及改进情况" (main problems and improvements), must report the body's problems and improvements; "无" or
"暂无" (none) alone does not meet the requirement, while part six, "其他需要报告的事项", may say "无" when
there is nothing to report. Part five must cover both the problems and the improvements; covering only
one half also falls short. Whether it covers them is judged from its words ("问题", "不足"; "改进",
"整改", "下一步"), which can misjudge, so that is only a warning.

## Source

Regulation Article 50 item (4): the annual report includes "政府信息公开工作存在的主要问题及改进情况" (the
main problems of the disclosure work and their improvement); the annual report format requires that
nothing be left out (国办公开办函〔2019〕60号, 〔2021〕30号).

## Example

Under part five's heading there is only "无。" (none).

## Fix

Write the part's content. Part five states this year's main problems, how last year's problems were
addressed and the next steps.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks.sections import recognised
from nianbao.checks.sections import written
from nianbao.format import labels
from nianbao.lazyre import lazy_compile
from nianbao.model.document import Document
from nianbao.model.document import Section
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

# The part whose content may never be "nothing": problems and improvements (第五十条第（四）项).
MUST_REPORT = "problems"
NOTHING = frozenset({"无", "暂无", "没有", "无此情况", "无相关情况"})
# A text longer than this is not one of NOTHING with spaces and punctuation about it, and is not
# folded to see (a section's whole text, folded, costs tens of microseconds and is not kept).
_NOTHING_WRITTEN = 128
# Words that show section 五 names its problems, and words that show it names improvements.
PROBLEM_WORDS = lazy_compile(r"问题|不足|短板|差距|薄弱|欠缺|有待|不够|仍需|还需|尚需")
_MEASURES = "加强|提升|完善|优化|推进|丰富|强化|健全|加大|建立|编制|开展"
# A measure counts where it opens a clause ("加强培训") or follows 将, not in "有待加强".
IMPROVEMENT_WORDS = lazy_compile(
    rf"改进|整改|改正|措施|下一步|今后|计划|将(?:进一步|继续|持续|着力|切实|重点|采取|{_MEASURES})"
    rf"|(?:^|[。；;：:，,\n])\s*(?:[一二三四五六七八九十]是)?(?:{_MEASURES})"
)

RULE = Rule(
    id="SEC004",
    name="empty-section",
    title="某一部分没有内容，或第五部分只写“无”",
    title_en="A section is empty, or section 五 says only “none”",
    severity="error",
    source="《条例》第五十条；年度报告格式 一、报告内容（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "“{section}”部分没有内容",
        "en": "section “{section}” is empty",
    },
    variants={
        "nothing": {
            "zh": "“{section}”只写了“{text}”；这一部分必须报告存在的主要问题和改进情况",
            "en": ("section “{section}” says only “{text}”; "
                   "it must report the main problems and the improvements made"),
        },
        "one_sided": {
            "zh": "“{section}”没有写{missing}；这一部分必须报告存在的主要问题和改进情况",
            "en": ("section “{section}” does not state {missing_en}; it must report both the problems "
                   "and the improvements"),
        },
    },
    lowered={"one_sided": {
        "severity": "warning",
        "zh": "这一部分有内容，只是缺少问题或改进中的一方，判断依据是用词",
        "en": "the section has content and lacks only one side, judged by its wording",
    }},
    articles=("art50.4",),
    editions=("2019", "2021"),
    doc=__doc__,
)


def _is_empty(section: Section) -> bool:
    return not (section.paragraphs or section.children or section.tables or section.other_tables)


def _location(section: Section) -> Location:
    return Location(line=section.ref.line, page=section.ref.page, locator=section.ref.locator,
                    section=section.key)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    for section, _index in recognised(document, context):
        if _is_empty(section):
            yield Violation(_location(section), {"section": written(section)})
            continue
        if section.key != MUST_REPORT:
            continue  # only 五's text is read: the others are not joined for nothing
        text = section.text().strip()
        if len(text) <= _NOTHING_WRITTEN and labels.fold(text) in NOTHING:
            yield Violation(_location(section), {"section": written(section), "text": text},
                            variant="nothing")
        else:
            yield from _one_sided(section, text)


def _one_sided(section: Section, text: str) -> Iterator[Violation]:
    """Section 五 that does not name its problems, or its improvements, or either."""
    missing = [(zh, en) for words, zh, en in ((PROBLEM_WORDS, "存在的问题", "the problems"),
                                              (IMPROVEMENT_WORDS, "改进情况", "the improvements"))
               if not words.search(text)]
    if missing:
        yield Violation(_location(section), {"section": written(section),
                                             "missing": "和".join(zh for zh, _ in missing),
                                             "missing_en": " or ".join(en for _, en in missing)},
                            variant="one_sided")
