"""Plain-data forms of rules, reports and findings, shared by the machine-readable reporters."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from nianbao.model.findings import Derivation
from nianbao.model.findings import Finding
from nianbao.model.findings import Location
from nianbao.model.places import place_words

if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Summary

META_FIELDS = ("title", "agency", "report_year", "report_year_source", "edition", "edition_source",
               "table_edition", "body_type", "published_on")


def location_record(location: Location, lang: str = "zh") -> dict[str, Any]:
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
        "heading": location.heading,
        "place": place_words(location.line, location.page, location.locator, lang) or None,
    }


def evidence_record(evidence: Derivation | None, lang: str = "zh") -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {
        "identity": evidence.identity,
        "cells": [
            {"key": c.key, "label": c.label, "pointer": c.pointer, "line": c.line, "page": c.page,
             "raw": c.raw, "value": c.value, "locator": c.locator,
             "place": place_words(c.line, c.page, c.locator, lang) or None}
            for c in evidence.cells
        ],
        "expected": evidence.expected,
        "actual": evidence.actual,
    }


def finding_record(finding: Finding, lang: str = "zh") -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "rule_name": finding.rule_name,
        "severity": finding.severity,
        "message": finding.message,
        "args": finding.args,
        "location": location_record(finding.location, lang),
        "evidence": evidence_record(finding.evidence, lang),
        "fingerprint": finding.fingerprint,
        "suppressed": finding.suppressed,
        "severity_reason": finding.severity_reason,
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
        "baselined": summary.baselined,
        "internal_errors": summary.internal_errors,
        "by_rule": dict(sorted(summary.by_rule.items())),
    }
