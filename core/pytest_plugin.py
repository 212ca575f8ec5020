"""Check annual reports as part of a pytest run: ``pytest --nianbao reports/``.

Opt-in: the plugin is installed with nianbao (entry-point group ``pytest11``) but does nothing
unless ``--nianbao`` is given or the ini setting ``nianbao = true`` is set, so an unrelated pytest
run collects nothing extra. When active, each report file is a test file and each rule that applies
to it is one item (``reports/x.html::REC002``), so ``-k``, ``-x`` and ``--junitxml`` work as usual.
A report that cannot be loaded is one failing item named after the load-failure rule (DOC001).

An item fails when its rule has an active finding of severity error or warning (the ini setting
``nianbao_fail_on`` = error, warning or note moves the bar); accepted findings (``accept:`` in the
configuration) never fail it. nianbao itself is imported only
when the plugin is active.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import pytest

if TYPE_CHECKING:
    from nianbao.engine.session import Session
    from nianbao.model.findings import Finding
    from nianbao.model.results import CheckedReport
    from nianbao.model.rule import Rule

LEVELS = ("error", "warning", "note")
_SESSION = pytest.StashKey["Session"]()
_CHECKED = pytest.StashKey["dict[Path, CheckedReport]"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("nianbao", "nianbao: check annual reports (政府信息公开工作年度报告)")
    group.addoption("--nianbao", action="store_true", default=False,
                    help="collect report files (.md .txt .html .docx .pdf) in the given paths and check each "
                         "with every applicable nianbao rule, one test item per report and rule")
    group.addoption("--nianbao-config", metavar="FILE", default=None,
                    help="nianbao configuration file (default: found by walking up from the first path)")
    group.addoption("--nianbao-allow-broken-packs", action="store_true", default=False,
                    help="go on when a nianbao rule pack fails to load (its rules are then not checked); "
                         "otherwise it is a usage error naming the pack and the error")
    parser.addini("nianbao", type="bool", default=False,
                  help="check report files with nianbao (as --nianbao)")
    parser.addini("nianbao_allow_broken_packs", type="bool", default=False,
                  help="go on when a nianbao rule pack fails to load (as --nianbao-allow-broken-packs)")
    parser.addini("nianbao_fail_on", default="warning",
                  help="lowest severity of a finding that fails its item: error, warning (default) or note")


def _active(config: pytest.Config) -> bool:
    return bool(config.getoption("nianbao") or config.getini("nianbao"))


def _arg_paths(config: pytest.Config) -> list[Path]:
    paths = [Path(str(arg).split("::", 1)[0]) for arg in config.args]
    root = Path(str(config.invocation_params.dir))
    absolute = [p if p.is_absolute() else root / p for p in paths]
    return [p for p in absolute if p.exists()]


def _session(config: pytest.Config) -> Session:
    if _SESSION not in config.stash:
        from nianbao.config.files import ConfigFileError
        from nianbao.config.files import merge_cli
        from nianbao.config.files import resolve_config
        from nianbao.engine.session import ConfigurationError
        from nianbao.engine.session import Session

        explicit = config.getoption("nianbao_config")
        paths = _arg_paths(config)
        try:
            settings = resolve_config(Path(explicit) if explicit else None, paths[0] if paths else None)
            allowed = bool(config.getoption("nianbao_allow_broken_packs")
                           or config.getini("nianbao_allow_broken_packs"))
            config.stash[_SESSION] = Session(merge_cli(settings, allow_broken_packs=allowed))
        except ConfigFileError as exc:
            raise pytest.UsageError(f"nianbao: {exc.message}") from exc
        except (ConfigurationError, RuntimeError) as exc:
            raise pytest.UsageError(f"nianbao: {exc}") from exc
        for note in config.stash[_SESSION].notifications:
            config.issue_config_time_warning(pytest.PytestWarning(f"nianbao: {note.message}"), stacklevel=2)
    return config.stash[_SESSION]


def _checked(config: pytest.Config, path: Path) -> CheckedReport:
    """The report checked once, in a batch with every report given on the command line, so that
    consecutive years of one agency are paired as ``nianbao check`` pairs them."""
    session = _session(config)
    if _CHECKED not in config.stash:
        batch = session.check_paths(_arg_paths(config))
        config.stash[_CHECKED] = {Path(report.path).resolve(): report for report in batch}
    checked = config.stash[_CHECKED]
    key = path.resolve()
    if key not in checked:
        checked[key] = session.check_file(path)
    return checked[key]


def _failing(config: pytest.Config) -> tuple[str, ...]:
    bar = str(config.getini("nianbao_fail_on")).strip().lower()
    if bar not in LEVELS:
        raise pytest.UsageError(f"nianbao: nianbao_fail_on = {bar!r}; use error, warning or note")
    return LEVELS[: LEVELS.index(bar) + 1]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Build the nianbao session up front, so that a bad configuration is a usage error (exit 4)."""
    if _active(session.config):
        _failing(session.config)
        _session(session.config)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ReportFile | None:
    config = parent.config
    if not _active(config):
        return None
    if file_path.suffix.lower() not in _session(config).suffixes:
        return None
    from nianbao.engine.inputs import not_a_report

    if not_a_report(file_path) is not None:  # README.md beside the reports, say
        return None
    return ReportFile.from_parent(parent, path=file_path)


class ReportFile(pytest.File):
    """One report: an item per applicable rule, or one failing item when it cannot be loaded."""

    def collect(self) -> Iterator[pytest.Item]:
        session = _session(self.config)
        report = _checked(self.config, self.path)
        for planned in report.plan:
            yield RuleItem.from_parent(self, name=planned.rule_id, rule=session.rule(planned.rule_id),
                                       report=report, skip_reason=planned.reason("en"))


class ReportFindings(Exception):
    """The findings that fail one item."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def finding_lines(finding: Finding) -> list[str]:
    """``path:line: RULE message`` and, for arithmetic findings, the expected and actual values."""
    from nianbao.reporters.text import position

    lines = [f"{position(finding)}: {finding.rule_id} {finding.message}"]
    evidence = finding.evidence
    if evidence is not None and (evidence.expected is not None or evidence.actual is not None):
        lines.append(f"    expected: {evidence.expected}  actual: {evidence.actual}  ({evidence.identity})")
    return lines


class RuleItem(pytest.Item):
    """One rule on one report."""

    def __init__(self, *, rule: Rule | None, report: CheckedReport, skip_reason: str | None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rule = rule
        self.report = report
        self.skip_reason = skip_reason
        if rule is not None:
            self.add_marker(pytest.mark.nianbao(rule=rule.id, severity=rule.severity))

    def findings(self) -> list[Finding]:
        return [f for f in self.report.findings if f.rule_id == self.name and not f.suppressed]

    def runtest(self) -> None:
        if self.skip_reason:
            pytest.skip(self.skip_reason)
        failing = [f for f in self.findings() if f.severity in _failing(self.config)]
        lines = [line for finding in failing for line in finding_lines(finding)]
        if self.report.document is None:
            shown = self.report.display_path
            lines += [f"{shown}: nianbao {n.level}: {n.message}" for n in self.report.notifications]
            if not lines:
                lines = [f"{self.report.display_path}: {self.name} the report could not be loaded"]
        if lines:
            raise ReportFindings(lines)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, ReportFindings):
            return "\n".join(excinfo.value.lines)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        lines = [f.location.line for f in self.findings() if f.location.line is not None]
        title = f"{self.name} {self.rule.name}" if self.rule is not None else self.name
        return self.path, (min(lines) - 1 if lines else None), title


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "nianbao(rule, severity): a nianbao rule checked on a report")
