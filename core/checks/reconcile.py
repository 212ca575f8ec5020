"""Shared check for the REC rules whose identities are declared in the edition templates."""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.model.document import Document
from nianbao.model.findings import Violation
from nianbao.model.identities import evaluate
from nianbao.model.rule import Context


def identity_violations(rule_id: str, document: Document, context: Context) -> Iterator[Violation]:
    """A violation for every mismatch of every identity the edition assigns to ``rule_id``."""
    if context.edition is None:
        return
    for identity in context.edition.identities:
        if identity.rule != rule_id or identity.table not in document.tables:
            continue
        spec = context.edition.table(identity.table)
        table = document.tables[identity.table]
        for mismatch in evaluate(identity, spec, table):
            column = mismatch.location.column or ""
            row = mismatch.location.row or ""
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
                    "difference": round(mismatch.actual - mismatch.expected, 6),
                },
                evidence=mismatch.derivation,
            )
