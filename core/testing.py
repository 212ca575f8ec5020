"""The rule test kit: a small report plus the exact findings it must give.

A case is ``<dir>/<RULE>/<name>.<md|txt|html|docx|pdf>`` with ``<name>.expected.json`` beside it
(a list of finding projections, see :func:`project`). A case whose name starts with ``pass`` may
omit the sidecar: it must give no finding. Each case runs with only its rule enabled; rule options
for one case go in ``<name>.options.json``. A case for a year-over-year rule has last year's report
beside it as ``<name>.previous.<md|txt|…>``.

The built-in rules are proved with this kit, and agencies prove their packs with it:
``nianbao test-rules DIR`` or, in a pytest ``conftest.py``::

    from nianbao.testing import collect_cases  # noqa: F401  (re-exported pytest hook)
    pytest_collect_file = collect_cases
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.findings import Finding

CASE_SUFFIXES = (".md", ".txt", ".html", ".htm", ".docx", ".pdf")
UPDATE_ENV = "NIANBAO_UPDATE_EXPECTED"
PREVIOUS_MARK = ".previous"
PROJECTION = ("rule", "severity", "line", "page", "section", "table", "row", "column", "expected", "actual",
              "message")


def project(finding: Finding) -> dict[str, Any]:
    """The part of a finding a case asserts: rule, severity, location, expected/actual, message."""
    loc = finding.location
    evidence = finding.evidence
    full = {
        "rule": finding.rule_id,
        "severity": finding.severity,
        "line": loc.line,
        "page": loc.page,
        "section": loc.section,
        "table": loc.table,
        "row": loc.row,
        "column": loc.column,
        "expected": evidence.expected if evidence else None,
        "actual": evidence.actual if evidence else None,
        "message": finding.message,
    }
    return {k: v for k, v in full.items() if v is not None}


def _sort_key(item: dict[str, Any]) -> tuple:
    return tuple(str(item.get(k, "")) for k in ("rule", "line", "page", "table", "row", "column", "message"))


@dataclass(frozen=True, slots=True)
class Case:
    path: Path
    rule_id: str

    @property
    def expected_path(self) -> Path:
        return self.path.with_name(self.path.stem + ".expected.json")

    @property
    def name(self) -> str:
        return f"{self.rule_id}/{self.path.name}"

    @property
    def previous_path(self) -> Path | None:
        """Last year's report for this case (``<name>.previous.<suffix>``), if there is one."""
        for suffix in CASE_SUFFIXES:
            candidate = self.path.with_name(self.path.stem + PREVIOUS_MARK + suffix)
            if candidate.is_file():
                return candidate
        return None

    @property
    def options_path(self) -> Path:
        """Rule options for this case (``<name>.options.json``), e.g. a deadline or a publication date."""
        return self.path.with_name(self.path.stem + ".options.json")

    def options(self) -> dict[str, Any]:
        if not self.options_path.is_file():
            return {}
        return json.loads(self.options_path.read_text(encoding="utf-8"))

    def expected(self) -> list[dict[str, Any]]:
        if self.expected_path.exists():
            return json.loads(self.expected_path.read_text(encoding="utf-8"))
        if self.path.stem.startswith("pass"):
            return []
        raise FileNotFoundError(f"{self.expected_path} is missing (only pass-* cases may omit it)")

    def actual(self, session: Session | None = None, lang: str = "zh") -> list[dict[str, Any]]:
        session = session or _kit_session(Config(select=(self.rule_id,), lang=lang))
        options = self.options()
        if options:
            import dataclasses

            merged = {**session.config.options, **options}
            session = _kit_session(dataclasses.replace(session.config, options=merged))
        if self.rule_id not in {r.id for r in session.rules}:
            raise LookupError(f"rule {self.rule_id} is not registered")
        previous = session.load(self.previous_path) if self.previous_path is not None else None
        report = session.check_file(self.path, previous)
        found = [project(f) for f in report.findings if f.rule_id == self.rule_id]
        return sorted(found, key=_sort_key)

    def write_expected(self, findings: list[dict[str, Any]]) -> None:
        text = json.dumps(findings, ensure_ascii=False, indent=2) + "\n"
        self.expected_path.write_text(text, encoding="utf-8")


def is_previous_report(path: Path) -> bool:
    """True for last year's report beside a case: it is input to the case, not a case itself."""
    return path.stem.endswith(PREVIOUS_MARK)


def find_cases(root: Path) -> Iterator[Case]:
    """Every case below ``root``: files in a folder named like a rule ID."""
    for path in sorted(root.rglob("*")):
        if (path.suffix.lower() in CASE_SUFFIXES and path.is_file() and not path.name.startswith(".")
                and not is_previous_report(path)):
            rule_id = path.parent.name
            if rule_id.isupper() or rule_id[:2].isupper():
                yield Case(path, rule_id)


def diff(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> str:
    lines = []
    for item in expected:
        if item not in actual:
            lines.append("- missing: " + json.dumps(item, ensure_ascii=False))
    for item in actual:
        if item not in expected:
            lines.append("+ unexpected: " + json.dumps(item, ensure_ascii=False))
    return "\n".join(lines)


def run_case(case: Case, session: Session | None = None) -> str | None:
    """None when the case passes, else a readable difference. With NIANBAO_UPDATE_EXPECTED=1 the
    expected file is rewritten from the actual findings instead (review the diff before committing)."""
    actual = case.actual(session)
    if os.environ.get(UPDATE_ENV) == "1" and not (case.path.stem.startswith("pass") and not actual):
        case.write_expected(actual)
        return None
    expected = case.expected()
    if expected == actual:
        return None
    return diff(expected, actual) or "order differs"


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: Case
    problem: str | None


def run_cases(root: Path, config: Config | None = None) -> list[CaseResult]:
    """Run every case below ``root`` (``nianbao test-rules``), each with only its rule enabled on top
    of ``config`` (packs, plugin files, YAML rule files and options still apply)."""
    import dataclasses

    base = config or Config()
    sessions: dict[str, Session] = {}
    results = []
    for case in find_cases(root):
        try:
            if case.rule_id not in sessions:
                sessions[case.rule_id] = _kit_session(dataclasses.replace(
                    base, select=(case.rule_id,), ignore=(), overrides=(), accept=()))
            problem = run_case(case, sessions[case.rule_id])
        except (LookupError, FileNotFoundError, ValueError) as exc:
            problem = str(exc)
        results.append(CaseResult(case, problem))
    return results


# --- pytest integration ----------------------------------------------------------------------------

try:
    import pytest
except ImportError:  # pragma: no cover - pytest is only needed for the pytest integration
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    class CaseFailed(Exception):
        pass

    class CaseItem(pytest.Item):
        def __init__(self, *, case: Case, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.case = case

        def runtest(self) -> None:
            problem = run_case(self.case)
            if problem:
                raise CaseFailed(problem)

        def repr_failure(self, excinfo: Any, style: Any = None) -> str:
            if isinstance(excinfo.value, CaseFailed):
                expected = self.case.expected_path.name
                return f"{self.case.name}: findings differ from {expected}\n{excinfo.value}"
            return super().repr_failure(excinfo)

        def reportinfo(self) -> tuple[Path, int, str]:
            return self.path, 0, f"case {self.case.name}"

    class CaseFile(pytest.File):
        def collect(self) -> Iterator[CaseItem]:
            rule_id = self.path.parent.name
            yield CaseItem.from_parent(self, name=f"{rule_id}::{self.path.stem}",
                                       case=Case(self.path, rule_id))

    def collect_cases(file_path: Path, parent: Any) -> CaseFile | None:
        """A ``pytest_collect_file`` implementation for a folder of cases."""
        if file_path.suffix.lower() not in CASE_SUFFIXES or is_previous_report(file_path):
            return None
        rule_id = file_path.parent.name
        if not (rule_id[:2].isupper() and rule_id[-3:].isdigit()):
            return None
        return CaseFile.from_parent(parent, path=file_path)


def _kit_session(config: Config) -> Session:
    """A session for running cases: two findings of one rule with one fingerprint fail the case."""
    session = Session(config)
    session.strict_identity = True
    return session
