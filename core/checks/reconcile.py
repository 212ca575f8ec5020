"""Shared check for the REC rules whose identities are declared in the edition templates."""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks.cause import Cause
from nianbao.checks.cause import checked_bindings
from nianbao.checks.cause import likely_cause
from nianbao.format.editions import cell_label
from nianbao.model.document import Document
from nianbao.model.findings import Violation
from nianbao.model.identities import cell_location
from nianbao.model.identities import evaluate
from nianbao.model.rule import Context

# The two messages every identity rule adds to its own: the finding that names the likely wrong
# cell, and the findings of the other identities it breaks, which refer to it.
_CAUSE_ZH = ("{table_no}“{cause_cell}”为 {cause_value}，很可能填错，应为 {cause_should}（{gap}）："
             "改正这一格，{totals}的勾稽关系就都成立")
_CAUSE_EN = ("{table_no} “{cause_cell}” is {cause_value} and is most likely wrong: {cause_should} ({gap_en}) "
             "makes the sums at {totals_en} hold")
_CAUSED_ZH = ("{table_no}“{cell}”为 {actual}，与{identity_short} {expected} 不符；这一格本身很可能没错，"
              "原因是“{cause_cell}”填错（见 {cause_rule}）")
_CAUSED_EN = ("{table_no} “{cell}” is {actual}, not {expected} as {identity_short_en}; this cell is most "
              "likely right: the cause is “{cause_cell}” (see {cause_rule})")
_SAME_ZH = "{table_no}“{cell}”为 {actual}，不是{identity_short} {expected}（同一格，见 {cause_rule}）"
_SAME_EN = ("{table_no} “{cell}” is {actual}, not {expected} as {identity_short_en} either: the same cell "
            "{cause_rule} names")
CAUSE_VARIANTS = {
    "cause": {"zh": _CAUSE_ZH, "en": _CAUSE_EN},
    "caused": {"zh": _CAUSED_ZH, "en": _CAUSED_EN},
    "same-cell": {"zh": _SAME_ZH, "en": _SAME_EN},
}


def gap_words(change: float) -> tuple[str, str]:
    """A difference as a reader says it: 多 2 / 少 2 (the cell reads that much more or less)."""
    size = abs(change)
    shown = int(size) if float(size).is_integer() else size
    if change > 0:
        return f"多 {shown}", f"{shown} too many"
    return f"少 {shown}", f"{shown} too few"


def gap_args(actual: float, expected: float) -> dict[str, object]:
    """The message arguments of a mismatch: the signed ``difference`` for machines, and ``gap`` /
    ``gap_en`` (多 1 / 1 too many) for the sentence a reader sees."""
    difference = round(actual - expected, 6)
    gap, gap_en = gap_words(difference)
    return {"difference": difference, "gap": gap, "gap_en": gap_en}


def _cause_args(cause: Cause, spec_number: str, labels: dict[str, str]) -> dict[str, object]:
    gap, gap_en = gap_words(cause.value - cause.should)
    totals = list(dict.fromkeys(labels[first] for _, _, first in cause.explains))
    return {
        "cause_cell": cause.label, "cause_value": cause.value, "cause_should": cause.should,
        "cause_rule": cause.first_rule, "gap": gap, "gap_en": gap_en,
        "totals": "、".join(f"“{t}”" for t in totals), "totals_en": ", ".join(f"“{t}”" for t in totals),
        "table_no": spec_number,
    }


def identity_violations(rule_id: str, document: Document, context: Context,
                        short: tuple[str, str] = ("", "")) -> Iterator[Violation]:
    """A violation for every mismatch of every identity the edition assigns to ``rule_id``.
    ``short`` names, in Chinese and English, what the rule's identities sum (各类申请人之和), for
    the message of a finding that another finding's likely wrong cell explains."""
    if context.edition is None:
        return
    causes: dict[str, Cause | None] = {}  # worked out per table at its first mismatch only
    checked = checked_bindings(context.edition, document)
    for identity in context.edition.identities:
        if identity.rule != rule_id or identity.table not in document.tables:
            continue
        table = document.tables[identity.table]
        if checked.holds(identity) and not table.merged_rows and not table.merged_values:
            continue  # evaluate reads these very bindings and sums here: it would find no mismatch
        spec = context.edition.table(identity.table)
        named = False
        for mismatch in evaluate(identity, spec, table):
            column = mismatch.location.column or ""
            row = mismatch.location.row or ""
            if table.key not in causes:
                causes[table.key] = likely_cause(context.edition, table)
            cause = causes[table.key]
            if cause is not None and (rule_id, identity.id, mismatch.left[0]) in cause.explains:
                labels = {first: cell_label(spec, first) for _, _, first in cause.explains}
                args = _cause_args(cause, spec.number, labels)
                first = rule_id == cause.first_rule and not named
                named = named or first
                args.update({"cell": mismatch.location.label, "actual": mismatch.actual,
                             "expected": mismatch.expected, "identity": identity.text,
                             "identity_short": short[0], "identity_short_en": short[1]})
                yield Violation(location=cell_location(spec, table, cause.key), args=args,
                                key=(identity.id, mismatch.left[0]),
                                evidence=mismatch.derivation,
                                variant="cause" if first else
                                "same-cell" if mismatch.left[0] == cause.key else "caused")
                continue
            yield Violation(
                location=mismatch.location,
                args={
                    "table_no": spec.number,
                    "cell": mismatch.location.label,
                    "row_label": spec.row(row).label if row else "",
                    "column_label": spec.column(row, column).label if row and column else "",
                    "identity": identity.text,
                    "actual": mismatch.actual,
                    "expected": mismatch.expected,
                    **gap_args(mismatch.actual, mismatch.expected),
                },
                evidence=mismatch.derivation,
            )
