"""叙述中的百分比与它所说的件数不符。

## 要求

“予以公开42件，占51.85%”这样的百分比必须等于件数除以基数。基数取同一段中多数百分比都与之相符的那个
数：叙述中写出的办结或收到总数、这些件数之和，或者表三的相应总数。至少两个百分比与同一基数相符，
基数才算认定（件数单位不同的百分比分开认定）；不相符的百分比按写出的小数位数（四舍五入或截尾均可）判断。基数取自统计表而非叙述时只给警告。

## 依据

《条例》第五十条要求年度报告如实报告收到和处理政府信息公开申请的情况；百分比是从件数算出的，
与件数不符的百分比会误导读者。

## 示例

叙述写“共办结政府信息公开申请75件，其中予以公开21件，占28%；部分公开9件，占12%；无法提供37件，占50%；其他处理4件，占5.33%”，37÷75 是 49.3%。

```
TXT004 [错误] “37件，占50%”与基数 75 不符：37÷75=49.3%，不是 50%
```

## 修改

以统计表为准核对件数和基数，重新计算百分比。

## Requirement

A percentage such as "予以公开42件，占51.85%" (42 disclosed, 51.85%) must equal the count divided by the
base. The base is the figure that most percentages in the same paragraph agree with: a concluded or received
total stated in the text, the sum of the counts, or the corresponding total of Table 3. A base is accepted
only when at least two percentages agree with it (percentages of counts in different units are settled
separately); a percentage that disagrees is judged to the decimal places it gives (rounded or truncated).
When the base comes from the tables rather than the text, the finding is only a warning.

## Source

Regulation Article 50 requires the annual report to report applications received and handled truthfully;
percentages are computed from counts, and a percentage that disagrees with its count misleads readers.

## Example

The text says 75 applications were concluded: 21 disclosed (28%), 9 partly disclosed (12%), 37 could not
be provided (50%) and 4 otherwise handled (5.33%). But 37 ÷ 75 is 49.3%, not 50%.

## Fix

Check the counts and the base against the tables, and recompute the percentages.
"""  # noqa: E501 - the 示例 output line is quoted whole

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from functools import partial

from nianbao.format.editions import Edition
from nianbao.model.document import Document
from nianbao.model.findings import CellEvidence
from nianbao.model.findings import Derivation
from nianbao.model.findings import Violation
from nianbao.model.keys import Occurrences
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.narrative import Fact
from nianbao.narrative import Share
from nianbao.narrative import extract_facts
from nianbao.narrative import extract_shares
from nianbao.narrative import read_metric
from nianbao.narrative.evidence import narrative_location
from nianbao.narrative.evidence import reading_cells
from nianbao.narrative.evidence import statement_evidence
from nianbao.narrative.places import sentence_place

RULE = Rule(
    id="TXT004",
    name="percentage-mismatch",
    title="百分比与件数不符",
    title_en="A percentage does not match its counts",
    severity="error",
    source="《条例》第五十条",
    message={
        "zh": "“{written}”与基数 {base} 不符：{count}÷{base}={computed}%，不是 {percent}%",
        "en": "“{written}” does not match the base {base}: {count}÷{base} = {computed}%, not {percent}%",
    },
    variants={"unstated": {
        "zh": "“{written}”与基数 {base} 不符：{count}÷{base}={computed}%，不是 {percent}%",
        "en": "“{written}” does not match the base {base}: {count}÷{base} = {computed}%, not {percent}%",
    }},
    lowered={"unstated": {
        "severity": "warning",
        "zh": "叙述没有写明基数，基数取自统计表，可能不是作者所用的基数",
        "en": ("the narrative does not state its base; the base is taken from the table "
               "and may not be the one meant"),
    }},
    articles=("art50",),
    editions=("2019", "2021"),
    doc=__doc__,
)

BASE_METRICS = ("applications.total.total", "applications.received.total",
                "applications.received_and_carried_over.total")


def _fits(share: Share, base: int | float) -> bool:
    # Reports round or cut off at the places they show: rounding gives P from [P-u/2, P+u/2),
    # cutting off from [P, P+u), u being one unit of the last place shown.
    unit = 10 ** -share.places
    exact = share.count / base * 100
    return share.percent - unit / 2 - 1e-9 <= exact < share.percent + unit - 1e-9


# A base: its value, whether the narrative states it, and where it comes from (the statement, the
# counts summed, or the table's cells) as evidence, worked out only for a base a finding shows.
Base = tuple[int | float, bool, Callable[[], tuple[CellEvidence, ...]]]


def _stated(fact: Fact) -> tuple[CellEvidence, ...]:
    return (statement_evidence(fact.sentence, fact.ref, fact.value, fact.start, fact.end),)


def _summed(shares: Sequence[Share]) -> tuple[CellEvidence, ...]:
    return tuple(statement_evidence(s.sentence, s.ref, s.count, s.start, s.start + len(s.written))
                 for s in shares)


def _bases(document: Document, edition: Edition | None, facts: Sequence[Fact], paragraph: int,
           shares: Sequence[Share]) -> list[Base]:
    """Candidate bases: stated totals first, then the sum of the counts, then the table's totals."""
    bases: list[Base] = []
    for fact in facts:
        if fact.paragraph == paragraph and fact.metric in BASE_METRICS:
            bases.append((fact.value, True, partial(_stated, fact)))
    bases.append((sum(s.count for s in shares), True, partial(_summed, shares)))
    for metric in BASE_METRICS:
        reading = read_metric(document, metric)
        if reading is not None and reading.value:
            bases.append((reading.value, False, partial(reading_cells, reading, edition)))
    return [base for base in bases if base[0] > 0]


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    # Shares of different things ("信息1592条，占76.9%" beside "申请42件，占51.85%") have different
    # bases: group them by paragraph and unit.
    facts = extract_facts(document)
    occurrences = Occurrences()
    groups: dict[tuple[int, str], list[Share]] = {}
    for share in extract_shares(document):
        groups.setdefault((share.paragraph, share.unit), []).append(share)
    for (paragraph, _unit), shares in groups.items():
        if len(shares) < 2:
            continue
        candidates = _bases(document, context.edition, facts, paragraph, shares)
        best = max(candidates, key=lambda b: sum(_fits(s, b[0]) for s in shares), default=None)
        if best is None or sum(_fits(s, best[0]) for s in shares) < 2:
            continue
        base, stated, evidence = best
        base_cells: tuple[CellEvidence, ...] | None = None
        for share in shares:
            own_sentence = sum(s.count for s in shares if s.sentence == share.sentence)
            if _fits(share, base) or (own_sentence != base and _fits(share, own_sentence)):
                continue
            computed = round(share.count / base * 100, max(share.places, 1))
            base_cells = evidence() if base_cells is None else base_cells
            yield Violation(
                location=narrative_location(share.ref),
                args={"written": share.written, "count": share.count, "base": base, "computed": computed,
                      "percent": share.percent_text},
                evidence=Derivation(identity=f"{share.count}÷{base}×100", cells=base_cells,
                                    expected=computed, actual=share.percent),
                variant="default" if stated else "unstated",
                key=(sentence_place(document, share.sentence, share.paragraph),
                     occurrences.next((share.sentence, share.paragraph))),
            )
