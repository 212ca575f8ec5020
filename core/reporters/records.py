"""Plain-data forms of rules, reports and findings, shared by the machine-readable reporters."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from nianbao.model.findings import Derivation
from nianbao.model.findings import Finding
from nianbao.model.findings import Location

if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Summary
    from nianbao.model.rule import Rule

META_FIELDS = ("title", "agency", "report_year", "report_year_source", "edition", "edition_source",
               "table_edition", "body_type", "published_on")


def location_record(location: Location) -> dict[str, Any]:
    return {
        "line": location.line,
        "page": location.page,
        "locator": location.locator,
        "section": location.section,
        "table": location.table,
        "row": location.row,
        "column": location.column,
        "label": location.label,
        "pointer": location.pointer,
        "logical": location.logical,
    }


def evidence_record(evidence: Derivation | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {
        "identity": evidence.identity,
        "cells": [
            {"key": c.key, "label": c.label, "pointer": c.pointer, "line": c.line, "page": c.page,
             "raw": c.raw, "value": c.value}
            for c in evidence.cells
        ],
        "expected": evidence.expected,
        "actual": evidence.actual,
    }


def finding_record(finding: Finding) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "rule_name": finding.rule_name,
        "severity": finding.severity,
        "message": finding.message,
        "args": finding.args,
        "location": location_record(finding.location),
        "evidence": evidence_record(finding.evidence),
        "fingerprint": finding.fingerprint,
        "suppressed": finding.suppressed,
    }


def meta_record(report: CheckedReport) -> dict[str, Any] | None:
    if report.document is None:
        return None
    meta = report.document.meta
    return {name: getattr(meta, name) for name in META_FIELDS}


def summary_record(summary: Summary) -> dict[str, Any]:
    return {
        "files": summary.files,
        "errors": summary.counts["error"],
        "warnings": summary.counts["warning"],
        "notes": summary.counts["note"],
        "suppressed": summary.suppressed,
        "internal_errors": summary.internal_errors,
        "by_rule": dict(sorted(summary.by_rule.items())),
    }


def rules_run(report: CheckedReport, rules: Sequence[Rule]) -> list[Rule]:
    """The rules that ran on ``report``, in catalogue order.

    Mirrors the engine: a file that could not be loaded is checked by the load-failure rule alone;
    otherwise the rules that apply to the report's edition and year ran, gate rules first, except
    that an error from a gate stops every other rule and any finding of a gate stops the rules it
    names in ``stops``. A rule that produced a finding always counts as having run.
    """
    reported = {f.rule_id for f in report.findings}
    document = report.document
    ran: Iterable[Rule] = ()
    if document is not None:
        applicable = [r for r in rules if r.applies_to(document.meta.edition, document.meta.report_year)
                      and not r.needs_previous]
        gates = [r for r in applicable if r.gate]
        gate_ids = {r.id for r in gates}
        gate_error = any(f.severity == "error" for f in report.findings if f.rule_id in gate_ids)
        stopped = {name for r in gates if r.id in reported for name in r.stops}
        ran = [r for r in applicable if r.gate or not (gate_error or r.is_stopped_by(stopped))]
    names = {r.id for r in ran} | reported
    return [r for r in rules if r.id in names]
