"""叙述两处说同一个数字，说法不一。

## 要求

同一个统计口径（例如本年新收申请总数、行政复议案件数）在正文中说了两次以上时，数字必须相同。
本规则引用两处原句和两个数字。口径不确定的句子（某一单位的数、“其中”的一部分、约数、另一年度）
说的可能不是同一件事，不参与比较；信息条数、文件件数也不参与比较。
可有几种理解的数字（“办理申请218件”可指新收、新收加上年结转或办结总数）只与同样说法的数字比较。

## 依据

《条例》第五十条要求年度报告如实报告政府信息公开工作情况；同一报告对同一事实给出两个数字，
读者无从判断哪一个是真的。

## 示例

第 7 行写“今年共收到政府信息公开申请74件。”，第 9 行又写“全年收到政府信息公开申请80件”。

```
TXT002 [错误] 叙述两处说法不一：“依申请公开方面，全年收到政府信息公开申请80件，均在法定期限内答复。”为 80，而第 7 行“今年共收到政府信息公开申请74件。”为 74（一、本年新收政府信息公开申请数量 / 总计）
```

## 修改

以统计表为准，把两处改成同一个数字；若两处有意说不同口径，在句中写明。

## Requirement

When the text states the same measure more than once (for example applications received this year, or the
number of reconsideration cases), the figures must be the same. This rule quotes both sentences and both
figures. Sentences of uncertain scope (one office's figure, part of an "其中", approximate, another year)
may not speak of the same thing and are not compared; counts of information items and documents are not
compared either. A figure with several readings ("办理申请218件" may mean received, received plus carried
over, or concluded) is compared only with figures phrased the same way.

## Source

Regulation Article 50 requires the annual report to report the disclosure work truthfully; when one report
gives two figures for one fact, readers cannot tell which is true.

## Example

Line 7 says "今年共收到政府信息公开申请74件。" (74 applications received this year) and line 9 says
"全年收到政府信息公开申请80件" (80 received in the year).

## Fix

Make both places give the same figure, using the tables as the reference; if they deliberately speak of
different scopes, say so in the sentences.
"""  # noqa: E501 - the 示例 output line is quoted whole

from __future__ import annotations

from collections.abc import Iterator

from nianbao.model.document import Document
from nianbao.model.findings import CellEvidence
from nianbao.model.findings import Derivation
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.narrative import METRICS
from nianbao.narrative import Fact
from nianbao.narrative import extract_facts
from nianbao.narrative import read_metric
from nianbao.narrative.evidence import narrative_location
from nianbao.narrative.evidence import place
from nianbao.narrative.evidence import place_en
from nianbao.narrative.evidence import quote
from nianbao.narrative.evidence import reading_cells
from nianbao.narrative.evidence import same_number
from nianbao.narrative.evidence import statement_evidence
from nianbao.narrative.places import fact_place

_COUNTED = ("applications", "cases")

RULE = Rule(
    id="TXT002",
    name="narrative-disagrees-with-itself",
    title="叙述中同一数字前后不一",
    title_en="The narrative states the same figure twice with different numbers",
    severity="error",
    source="《条例》第五十条",
    message={
        "zh": "叙述两处说法不一：“{quote}”为 {stated}，"
              "而{first_place}“{first_quote}”为 {first_stated}（{label}）",
        "en": "the narrative disagrees with itself: “{quote}” states {stated}, but {first_place_en} "
              "“{first_quote}” states {first_stated} ({label_en})",
    },
    articles=("art50",),
    editions=("2019", "2021"),
    doc=__doc__,
)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    first: dict[tuple[str, ...], Fact] = {}
    for fact in extract_facts(document):
        # Only figures that plainly count this year's applications or cases, and only with a
        # figure of the same meanings ("办理218件" may mean 新收 or 总计: not "收到218件").
        if fact.scope != "certain" or fact.metric not in METRICS or fact.subject not in _COUNTED:
            continue
        earlier = first.setdefault(fact.meanings, fact)
        if earlier is fact or same_number(earlier.value, fact.value):
            continue
        metric = METRICS.get(fact.metric)
        label, label_en = (metric.label, metric.label_en) if metric else (fact.metric, fact.metric)
        yield Violation(
            location=narrative_location(fact.ref),
            args={
                "quote": quote(fact.sentence, fact.start, fact.end),
                "stated": fact.value,
                "first_quote": quote(earlier.sentence, earlier.start, earlier.end),
                "first_stated": earlier.value,
                "first_place": place(earlier.ref),
                "first_place_en": place_en(earlier.ref),
                "label": label,
                "label_en": label_en,
                "metric": fact.metric,
            },
            evidence=Derivation(identity=f"叙述中的“{label}”前后一致",
                                cells=_statements(document, context, earlier, fact),
                                expected=earlier.value, actual=fact.value),
            key=fact_place(document, fact),
        )


def _statements(document: Document, context: Context, earlier: Fact,
                fact: Fact) -> tuple[CellEvidence, ...]:
    """The two statements, where each stands, and the table's cells for the figure where the table
    has it: which of the two is right is for the reader to see."""
    stated = (statement_evidence(earlier.sentence, earlier.ref, earlier.value, earlier.start, earlier.end),
              statement_evidence(fact.sentence, fact.ref, fact.value, fact.start, fact.end))
    reading = read_metric(document, fact.metric)
    if reading is None or reading.value is None:
        return stated
    return stated + reading_cells(reading, context.edition)
