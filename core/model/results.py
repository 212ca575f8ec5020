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


@dataclass(slots=True)
class CheckedReport:
    path: str
    display_path: str
    document: Document | None
    findings: list[Finding] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)
    previous: Document | None = None


@dataclass(slots=True)
class Summary:
    files: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    suppressed: int = 0
    internal_errors: int = 0
    seconds: float = 0.0

    def add(self, report: CheckedReport) -> None:
        self.files += 1
        for finding in report.findings:
            if finding.suppressed:
                self.suppressed += 1
                continue
            self.counts[finding.severity] += 1
            self.by_rule[finding.rule_id] += 1
        self.internal_errors += sum(1 for n in report.notifications if n.level == "error")


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when below it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
