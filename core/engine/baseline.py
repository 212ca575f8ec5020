"""Baselines: the findings a team has already seen, recorded by fingerprint, so that a later run
reports only new ones (``--write-baseline FILE``, ``--baseline FILE``).

Fingerprints come from the rule, the report's identity and the logical location (never a line
number or the file format), so a baseline still holds when a report is re-published as HTML, PDF
or DOCX.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nianbao.engine.atomic import write_atomically
from nianbao.model.errors import BilingualError
from nianbao.model.results import CheckedReport

FORMAT_VERSION = 1


class BaselineError(BilingualError):
    """A baseline file that cannot be read; the message names the file."""


@dataclass(frozen=True, slots=True)
class Baseline:
    path: Path
    fingerprints: frozenset[str]

    def new_only(self, report: CheckedReport) -> CheckedReport:
        """The report with the findings already in the baseline taken out, and counted."""
        kept = [f for f in report.findings if f.fingerprint not in self.fingerprints]
        report.baselined += len(report.findings) - len(kept)
        report.compared_to_baseline = True
        report.findings = kept
        return report


def read_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BaselineError(f"{path}：基线文件不存在", f"{path}: no such baseline file") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}：无法读取基线文件：{exc}",
                            f"{path}: cannot read the baseline file: {exc}") from exc
    valid = isinstance(data, dict) and data.get("version") == FORMAT_VERSION
    findings = data.get("findings") if valid else None
    if not isinstance(findings, list) or not all(
        isinstance(item, dict) and isinstance(item.get("fingerprint"), str) for item in findings
    ):
        raise BaselineError(f"{path}：不是 nianbao 基线文件（需要 version 1 和 findings[].fingerprint）",
                            f"{path}: not a nianbao baseline (needs version 1 and findings[].fingerprint)")
    return Baseline(path, frozenset(item["fingerprint"] for item in findings))


def baseline_entries(reports: Iterable[CheckedReport]) -> list[dict[str, str]]:
    """One entry per active finding, as the run printed them (accepted ones are already settled):
    the fingerprint, and for the reader the rule, file, place and message."""
    entries = [
        {"fingerprint": finding.fingerprint, "rule": finding.rule_id, "path": finding.source,
         "location": finding.location.logical, "message": finding.message}
        for report in reports for finding in report.findings if not finding.suppressed
    ]
    return sorted(entries, key=lambda e: (e["path"], e["rule"], e["location"], e["fingerprint"]))


def write_baseline(path: Path, reports: Iterable[CheckedReport]) -> int:
    """Write the baseline; returns the number of findings recorded."""
    entries = baseline_entries(reports)
    text = json.dumps({"version": FORMAT_VERSION, "findings": entries}, ensure_ascii=False, indent=2)
    write_atomically(path, text + "\n")
    return len(entries)
