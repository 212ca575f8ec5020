"""The results of a run: each checked report with its findings, the tool's own notifications, and
the run's summary. Reporters read these; the engine produces them."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from nianbao.model.document import Document
from nianbao.model.findings import Finding


@dataclass(frozen=True, slots=True)
class Notification:
    """A problem of the tool, not of the report: a plugin that failed, an internal error."""

    level: str
    message: str
    path: str | None = None


SKIP_REASONS = {
    "gate-error": {"zh": "未运行：前置规则在本报告中发现了错误",
                   "en": "not run: a gate rule found an error in this report"},
    "gate-stopped": {"zh": "未运行：前置规则的发现使其不适用（如旧版格式）",
                     "en": "not run: stopped by a gate rule's finding (e.g. an older format)"},
}


@dataclass(frozen=True, slots=True)
class PlannedRule:
    """A rule that applies to a report: it ran, or was skipped for ``skipped`` (a key of SKIP_REASONS).
    The pytest items and the JUnit test cases of a report are exactly its planned rules."""

    rule_id: str
    skipped: str | None = None

    def reason(self, lang: str = "zh") -> str | None:
        return SKIP_REASONS[self.skipped][lang if lang in ("zh", "en") else "zh"] if self.skipped else None


@dataclass(slots=True)
class CheckedReport:
    """One report as checked: its findings, the rules planned for it (run or skipped) and, where
    its edition has identities, how many of their bindings could be checked and how many held.
    ``unreadable`` is True when the file was not checked as a report: no loader could read it (the
    finding ``nianbao_load_failed`` gave), or a ``rejects`` rule found it is not one."""

    path: str
    display_path: str
    document: Document | None
    findings: list[Finding] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    previous: Document | None = None
    baselined: int = 0
    compared_to_baseline: bool = False
    plan: list[PlannedRule] = field(default_factory=list)
    identities: tuple[int, int] | None = None
    comparison: str | None = None  # where its comparison with last year's report was written (--diff-dir)
    unreadable: bool = False


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file found in a folder and left out because it is plainly not a report (README, an image,
    an archive, a spreadsheet …); ``reason`` and ``reason_en`` say what it is."""

    path: str
    reason: str
    reason_en: str


@dataclass(frozen=True, slots=True)
class YearPair:
    """A report compared with last year's report of the same body. ``previous`` is the path or URL
    of last year's report; ``origin`` is ``batch`` (checked in the same run), ``option``
    (``--previous``) or ``history`` (read from the ``--history`` store)."""

    path: str
    previous: str
    agency: str | None
    year: int | None
    origin: str


@dataclass(frozen=True, slots=True)
class Unpaired:
    """A report not compared with last year's, and why: ``no-previous`` (no report of the body for
    the year before), ``candidates`` (several, none chosen), ``no-agency`` (the title names no
    body), ``no-year``, ``unread`` (the report could not be read)."""

    path: str
    reason: str
    message: str
    message_en: str


@dataclass(slots=True)
class Summary:
    files: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    suppressed: int = 0
    baselined: int = 0
    internal_errors: int = 0
    seconds: float = 0.0
    skipped: list[Skipped] = field(default_factory=list)
    pairs: list[YearPair] = field(default_factory=list)
    unpaired: list[Unpaired] = field(default_factory=list)

    def add(self, report: CheckedReport) -> None:
        self.files += 1
        self.baselined += report.baselined
        for finding in report.findings:
            if finding.suppressed:
                self.suppressed += 1
                continue
            self.counts[finding.severity] += 1
            self.by_rule[finding.rule_id] += 1
        self.internal_errors += sum(1 for n in report.notifications if n.level == "error")

    def fails(self, bar: str) -> bool:
        """True when an active finding is at ``bar`` (error, warning or note) or above."""
        levels = ("error", "warning", "note")
        return any(self.counts[level] for level in levels[: levels.index(bar) + 1])


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when below it.

    A file name is data: bytes that do not decode (a GBK name on a UTF-8 file system) are shown
    as ``\\xc4`` escapes, so that every output stays valid UTF-8, JSON and XML."""
    try:
        shown = os.path.relpath(path)
    except ValueError:
        shown = str(path)
    return escape_undecodable(shown)


def escape_undecodable(text: str) -> str:
    """``text`` with each byte that the file system could not decode (a lone surrogate left by
    ``surrogateescape``) written as ``\\xNN``; other text unchanged."""
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
