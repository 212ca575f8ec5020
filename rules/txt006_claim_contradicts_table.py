"""叙述中的定性说法与统计表矛盾。

## 要求

不带数字的说法也要与统计表一致：说行政复议、行政诉讼“均获维持”，表四的结果纠正、其他结果和尚未审结
都应为 0；说“均已结案”，尚未审结应为 0；说“未发生行政复议（行政诉讼）”，表四相应总计应为 0；说申请
“全部办结”或“办结率100%”，表三“四、结转下年度继续办理”应为 0；说“未收到政府信息公开申请”，表三
“一、本年新收”应为 0。本规则引用原句并指明与之矛盾的单元格。

说的是另一年度或历年（“2019年以来未发生行政复议”）的句子不与本年度的表比较；说的是下属单位或
某一单位代表本机关的，只给警告并说明原因；网站留言、信箱、咨询、人大代表建议等的“全部办结”不是申请的办结。
矛盾的单元格本身不符合表内勾稽关系（REC004 等报告了该格）时，只给警告并指向那条表格问题。

## 依据

《条例》第五十条要求年度报告报告行政复议、行政诉讼和申请办理情况；年度报告格式表三、表四是这些情况
的统计，叙述不能与之相反。

## 示例

叙述写“因政府信息公开工作被申请行政复议2件，均获维持。”，表四行政复议“结果纠正”为 1。

```
TXT006 [错误] 叙述“因政府信息公开工作被申请行政复议2件，均获维持。”称“均获维持”，但表四“案件数 / 行政复议结果纠正”为 1
```

## 修改

按统计表改写叙述，例如“行政复议7件，已审结的5件均获维持，2件尚未审结”。

## Requirement

Statements without figures must also agree with the tables. Saying reconsideration or litigation cases were
"均获维持" (all upheld) needs Table 4's corrected, other and pending outcomes to be 0; "均已结案" (all closed)
needs pending to be 0; "未发生行政复议（行政诉讼）" (no reconsideration or litigation) needs the
corresponding Table 4 total to be 0; saying applications were "全部办结" (all concluded) or "办结率100%" needs
Table 3's "四、结转下年度继续办理" (carried forward) to be 0; "未收到政府信息公开申请" (no applications
received) needs Table 3's "一、本年新收" (received this year) to be 0. This rule quotes the sentence and
names the cell that contradicts it.

Sentences about another year or earlier years ("2019年以来未发生行政复议") are not compared with this year's
tables; sentences about a subordinate unit, or one office acting for the body, give only a warning with the
reason; "全部办结" said of website messages, mailboxes, enquiries or deputies' suggestions is not about
applications. When the contradicting cell itself breaks a table identity (reported by REC004 and others),
the finding is only a warning pointing to that table finding.

## Source

Regulation Article 50 requires the annual report to cover reconsideration, litigation and the handling of
applications; the format's Tables 3 and 4 count these, and the text must not say the opposite.

## Example

The text says "因政府信息公开工作被申请行政复议2件，均获维持。" (2 reconsideration cases, all upheld), but
Table 4's reconsideration "结果纠正" (corrected) is 1.

## Fix

Rewrite the text to match the tables, for example "行政复议7件，已审结的5件均获维持，2件尚未审结"
(7 reconsideration cases; the 5 decided were all upheld, 2 are pending).
"""  # noqa: E501 - the 示例 output line is quoted whole

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks import evidence_cell
from nianbao.model.document import Document
from nianbao.model.findings import Derivation
from nianbao.model.findings import Violation
from nianbao.model.keys import Occurrences
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.narrative.claims import Claim
from nianbao.narrative.claims import extract_claims
from nianbao.narrative.evidence import locatable
from nianbao.narrative.evidence import narrative_location
from nianbao.narrative.evidence import quote
from nianbao.narrative.faults import FaultsByTable
from nianbao.narrative.places import sentence_place
from nianbao.narrative.scope import SCOPE_REASONS

_BASE_ZH = "叙述“{quote}”称“{words}”，但{table_no}“{cell}”为 {value}"
_BASE_EN = "the narrative “{quote}” says “{words}”, but {table_no} “{cell}” is {value}"

RULE = Rule(
    id="TXT006",
    name="claim-contradicts-table",
    title="叙述中的说法与统计表矛盾",
    title_en="A claim in words contradicts the tables",
    severity="error",
    source="《条例》第五十条；年度报告格式 表三、表四（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={"zh": _BASE_ZH, "en": _BASE_EN},
    variants={
        "ambiguous": {"zh": _BASE_ZH + "；{reason}，请核对口径",
                      "en": _BASE_EN + "; {reason_en}: check what the sentence speaks of"},
        "table-wrong": {"zh": _BASE_ZH + "；但表格本身不符合“{identity}”（见 {table_rule}），"
                              "请先改正表格，再核对叙述",
                        "en": _BASE_EN + "; but the table itself breaks “{identity}” (see {table_rule}): "
                                         "correct the table first, then check the narrative"},
        "unlocated": {"zh": _BASE_ZH + "（原句或单元格在原文中无法定位，请人工核对）",
                      "en": _BASE_EN + " (the sentence or the cell cannot be located in the source; "
                                       "check by hand)"},
    },
    lowered={
        "ambiguous": {"severity": "warning", "zh": "句子说的可能是其他单位或另一口径",
                      "en": "the sentence may speak of another body or another scope"},
        "table-wrong": {"severity": "warning", "zh": "表格本身的勾稽关系不成立，由表格问题报告错误",
                        "en": "the table's own arithmetic fails; the table finding carries the error"},
        "unlocated": {"severity": "warning", "zh": "原句或单元格在原文中无法定位",
                      "en": "the sentence or the cell cannot be located in the source"},
    },
    articles=("art50",),
    editions=("2019", "2021"),
    doc=__doc__,
)


def _cells(claim: Claim) -> tuple[str, tuple[str, ...]]:
    """The table and the cells that must all be 0 for the claim to hold."""
    if claim.kind == "all-upheld":
        results = ("corrected", "other", "pending")
        return "reviews", tuple(f"cases.{g}_{r}" for g in claim.groups for r in results)
    if claim.kind == "all-closed":
        return "reviews", tuple(f"cases.{g}_pending" for g in claim.groups)
    if claim.kind in ("no-review", "no-litigation"):
        return "reviews", tuple(f"cases.{g}_total" for g in claim.groups)
    if claim.kind == "all-concluded":
        return "applications", ("carried_forward.total",)
    return "applications", ("received.total",)


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    if context.edition is None:
        return
    faults = FaultsByTable(document, context.edition)
    occurrences = Occurrences()
    for claim in extract_claims(document):
        if not claim.compared:
            continue  # "2019年以来未发生行政复议" says nothing of this year's table alone
        table_key, cells = _cells(claim)
        table = document.tables.get(table_key)
        if table is None:
            continue
        spec = context.edition.table(table_key)
        for key in cells:
            cell = table.values.get(key)
            if cell is None or cell.blank or not isinstance(cell.value, (int, float)) or cell.value == 0:
                continue
            evidence = evidence_cell(spec, table, key)
            where = sentence_place(document, claim.sentence)
            args = {"quote": quote(claim.sentence, claim.sentence.find(claim.words)), "words": claim.words,
                    "table_no": spec.number, "cell": evidence.label, "value": cell.value}
            variant, severity = "default", None
            if (fault := faults.at(table_key, key)) is not None:
                args["table_rule"], args["identity"] = fault.rule, fault.identity
                variant, severity = "table-wrong", "warning"
            elif claim.reason:
                args["reason"], args["reason_en"] = SCOPE_REASONS[claim.reason]
                variant, severity = "ambiguous", "warning"
            elif not (locatable(claim.ref) and locatable(cell.ref)):
                variant, severity = "unlocated", "warning"
            yield Violation(
                location=narrative_location(claim.ref, edition=context.edition, cell=key, table=table_key),
                args=args,
                evidence=Derivation(identity=f"“{claim.words}” ⇒ {evidence.label} = 0", cells=(evidence,),
                                    expected=0, actual=cell.value),
                variant=variant,
                severity=severity,
                key=(where, claim.kind, occurrences.next((where, claim.kind, key))),
            )
