"""Reports and findings as flat rows with headers, shared by the spreadsheet-like formats (CSV,
XLSX) and the reviewer's page: one row per finding, one row per report, in the user's language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from pathlib import PurePath
from typing import TYPE_CHECKING

from nianbao.format.editions import builtin_editions
from nianbao.model.findings import Finding
from nianbao.model.places import place_words
from nianbao.model.results import display_path

if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Summary

Cell = str | int | float | None


FINDING_COLUMNS = {
    "zh": ("文件", "机关", "年度", "版本", "规则", "级别", "位置", "说明", "应为", "实为", "已接受", "指纹"),
    "en": ("file", "agency", "year", "edition", "rule", "severity", "location", "message", "expected",
           "actual", "accepted", "fingerprint"),
}
REPORT_COLUMNS = {
    "zh": ("文件", "机关", "年度", "版本", "输入格式", "错误", "警告", "提示", "状态", "上年报告"),
    "en": ("file", "agency", "year", "edition", "input format", "errors", "warnings", "notes", "status",
           "previous year"),
}
LEVEL = {
    "zh": {"error": "错误", "warning": "警告", "note": "提示"},
    "en": {"error": "error", "warning": "warning", "note": "note"},
}
STATUS = {
    "zh": {"unreadable": "无法读取", "error": "有错误", "warning": "有警告", "pass": "通过"},
    "en": {"unreadable": "unreadable", "error": "errors", "warning": "warnings", "pass": "passed"},
}


def language(lang: str) -> str:
    return lang if lang in LEVEL else "zh"


def table_number(edition: str | None, table: str) -> str:
    """The table's number in the format (``表三``), or its key where the edition is not a built-in one."""
    spec_edition = builtin_editions().get(edition or "")
    if spec_edition is not None:
        for spec in spec_edition.tables:
            if spec.key == table:
                return spec.number
    return table


def section_title(edition: str | None, section: str) -> str:
    """The section's heading in the format (``五、存在的主要问题及改进情况``), or its key."""
    spec_edition = builtin_editions().get(edition or "")
    if spec_edition is not None:
        for spec in spec_edition.sections:
            if spec.key == section:
                return f"{spec.number}、{spec.title}"
    return section


def place(finding: Finding, lang: str) -> str:
    """Where in the file, in words: a line, or a page, table, row and column of a Word or PDF file."""
    loc = finding.location
    return place_words(loc.line, loc.page, loc.locator, lang)


def location_text(finding: Finding, edition: str | None, lang: str) -> str:
    """``76行 表三 （七）总计 / 商业企业``: the place in the file, then the cell, row or section."""
    loc = finding.location
    what = ""
    if loc.table:
        what = table_number(edition, loc.table)
        if loc.label:
            what += f" {loc.label}"
        elif loc.row:
            what += " " + "/".join(p for p in (loc.row, loc.column) if p)
    elif loc.section:
        what = section_title(edition, loc.section)
    return " ".join(p for p in (place(finding, lang), what) if p)


def expected_actual(finding: Finding) -> tuple[Cell, Cell]:
    """The expected and actual values of an arithmetic finding (its evidence, else its message
    arguments), blank where the finding has none."""
    evidence = finding.evidence
    if evidence is not None and (evidence.expected is not None or evidence.actual is not None):
        return evidence.expected, evidence.actual
    args = finding.args
    return _plain(args.get("expected")), _plain(args.get("actual"))


def _plain(value: object) -> Cell:
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What the summaries show of a report besides its findings."""

    file: str
    agency: str | None
    year: int | None
    edition: str | None
    input_format: str
    counts: Counter[str]
    status: str
    previous: str | None
    comparison: str | None = None

    @classmethod
    def of(cls, report: CheckedReport) -> ReportFacts:
        document = report.document
        meta = document.meta if document is not None else None
        counts: Counter[str] = Counter(f.severity for f in report.findings if not f.suppressed)
        unreadable = document is None or report.unreadable
        if unreadable:
            status = "unreadable"
        elif counts["error"]:
            status = "error"
        elif counts["warning"]:
            status = "warning"
        else:
            status = "pass"
        input_format = document.source.format if document is not None else ""
        if not input_format:
            input_format = PurePath(report.display_path).suffix.lstrip(".").lower()
        previous = display_path(Path(report.previous.source.path)) if report.previous is not None else None
        return cls(
            file=report.display_path,
            agency=meta.agency if meta else None,
            year=meta.report_year if meta else None,
            edition=meta.edition if meta else None,
            input_format=input_format,
            counts=counts,
            status=status,
            previous=previous,
            comparison=report.comparison,
        )


def report_row(facts: ReportFacts, lang: str) -> tuple[Cell, ...]:
    lang = language(lang)
    return (facts.file, facts.agency, facts.year, facts.edition, facts.input_format, facts.counts["error"],
            facts.counts["warning"], facts.counts["note"], STATUS[lang][facts.status], facts.previous)


def finding_row(facts: ReportFacts, finding: Finding, lang: str) -> tuple[Cell, ...]:
    lang = language(lang)
    expected, actual = expected_actual(finding)
    return (facts.file, facts.agency, facts.year, facts.edition, finding.rule_id,
            LEVEL[lang][finding.severity], location_text(finding, facts.edition, lang), finding.message,
            expected, actual, finding.suppressed, finding.fingerprint)


ORIGIN = {
    "zh": {"batch": "", "option": "--previous", "history": "历史库"},
    "en": {"batch": "", "option": "--previous", "history": "history store"},
}


@dataclass(slots=True)
class Pairing:
    """The run's year-over-year pairing, by report: last year's report and where it came from
    (this batch, --previous, the history store), or why there is none; and the files skipped
    as plainly not reports."""

    previous: dict[str, tuple[str, str]]
    unpaired: dict[str, str]
    skipped: list[tuple[str, str]]

    @property
    def paired(self) -> set[str]:
        return set(self.previous)

    def text(self, file: str, lang: str) -> str | None:
        """``last.html (历史库)`` where the report was paired, ``未配对：reason`` where it was not."""
        if file in self.previous:
            previous, origin = self.previous[file]
            return f"{previous} ({origin})" if origin else previous
        if file in self.unpaired:
            reason = self.unpaired[file]
            return f"not paired: {reason}" if lang == "en" else f"未配对：{reason}"
        return None


def run_pairing(summary: Summary, carried: Mapping[str, str], lang: str) -> Pairing:
    """The pairing the run summary lists; where the summary has none, ``carried``: the last year's
    report each report was checked with (file → last year's file)."""
    lang = language(lang)
    pairs = getattr(summary, "pairs", None)
    if pairs is None:
        return Pairing({file: (previous, "") for file, previous in carried.items()}, {}, [])
    origin = ORIGIN[lang]
    en = lang == "en"
    return Pairing(
        previous={p.path: (p.previous, origin.get(p.origin, p.origin)) for p in pairs},
        unpaired={u.path: (u.message_en if en else u.message) for u in getattr(summary, "unpaired", ())},
        skipped=[(s.path, s.reason_en if en else s.reason) for s in getattr(summary, "skipped", ())],
    )
