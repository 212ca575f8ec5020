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


_SOURCE_ZH = {"tables": "统计表", "year": "报告年度", "option": "命令行选项", "config": "配置",
              "plugin": "插件", "title": "标题", "period": "统计期限", "filename": "文件名"}


def checked_record(report: CheckedReport) -> dict[str, Any] | None:
    """What was checked on a report: the edition and year assumed and from what, the rules that ran
    and were skipped, and the identities' bindings checked and held."""
    if report.document is None:
        return None
    meta = report.document.meta
    checked, held = report.identities if report.identities is not None else (0, 0)
    return {
        "edition": meta.edition, "edition_source": meta.edition_source,
        "report_year": meta.report_year, "report_year_source": meta.report_year_source,
        "rules_run": [p.rule_id for p in report.plan if not p.skipped],
        "rules_skipped": [p.rule_id for p in report.plan if p.skipped],
        "identities_checked": checked, "identities_held": held,
    }


def checked_text(report: CheckedReport, lang: str = "zh") -> str | None:
    """``checked_record`` in one line, for people (None for a file not checked as a report)."""
    record = checked_record(report)
    if record is None or report.unreadable:
        return None
    edition = record["edition"] or "?"
    year = record["report_year"] or "?"
    run, skipped = len(record["rules_run"]), len(record["rules_skipped"])
    edition_from, year_from = record["edition_source"] or "?", record["report_year_source"] or "?"
    if lang == "en":
        return (f"checked as the {edition} edition (from the {edition_from}), report year {year} "
                f"(from the {year_from}); {run} rules run, {skipped} skipped; "
                f"{record['identities_checked']} identity sums checked, {record['identities_held']} hold")
    return (f"按 {edition} 版格式（依据{_SOURCE_ZH.get(edition_from, edition_from)}）、{year} 年度（依据"
            f"{_SOURCE_ZH.get(year_from, year_from)}）检查；运行规则 {run} 条，"
            f"跳过 {skipped} 条；勾稽关系核对 {record['identities_checked']} 处，"
            f"成立 {record['identities_held']} 处")


def checked_brief(report: CheckedReport, lang: str = "zh") -> str | None:
    """What was checked, in one short line (the default under each report in text output): the
    edition and year assumed and from what, the rules run, the identities' bindings that held.
    None for a file that was not checked as a report."""
    record = checked_record(report)
    if record is None or report.unreadable:
        return None
    checked, held = record["identities_checked"], record["identities_held"]
    run = len(record["rules_run"])
    edition, year = record["edition"], record["report_year"]
    edition_from, year_from = record["edition_source"] or "?", record["report_year_source"] or "?"
    if lang == "en":
        parts = [f"the {edition} edition (from the {edition_from})" if edition else "no edition",
                 f"year {year} (from the {year_from})" if year else "no report year"]
        sums = f"; {held} of {checked} identity sums hold" if checked else ""
        return f"checked as {', '.join(parts)}: {run} rule{'' if run == 1 else 's'}{sums}"
    edition_zh, year_zh = _SOURCE_ZH.get(edition_from, edition_from), _SOURCE_ZH.get(year_from, year_from)
    parts = [f"{edition} 版格式（据{edition_zh}）" if edition else "格式版本未定",
             f"{year} 年度（据{year_zh}）" if year else "报告年度未定"]
    sums = ("" if not checked else f"；勾稽关系 {checked} 处全部成立" if held == checked
            else f"；勾稽关系 {checked} 处中 {held} 处成立")
    return f"检查：{'，'.join(parts)}；规则 {run} 条{sums}"


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
        "skipped": [{"path": s.path, "reason": s.reason, "reason_en": s.reason_en} for s in summary.skipped],
        "pairs": [{"path": p.path, "previous": p.previous, "agency": p.agency, "year": p.year,
                   "origin": p.origin} for p in summary.pairs],
        "unpaired": [{"path": u.path, "reason": u.reason, "message": u.message, "message_en": u.message_en}
                     for u in summary.unpaired],
    }
