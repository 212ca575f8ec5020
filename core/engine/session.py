"""Run the rules over reports: load, validate, detect the edition, check, build findings.

One bad file never stops a batch: a file that cannot be read becomes one DOC001 finding, and an
internal failure on one file becomes a :class:`Notification` while the others are still checked.

The module is kept whole around :class:`Session`: registration, loading within the limits and
checking share one set of plugins, editions, rules and configuration; the steps that need none of
that state live beside it (pairing, fingerprints, baselines, limits).
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from nianbao.checks.cause import identity_tally
from nianbao.config.settings import Config
from nianbao.engine.edition import decide_edition
from nianbao.engine.fingerprint import fingerprint
from nianbao.engine.fingerprint import report_identity
from nianbao.engine.inputs import not_a_report
from nianbao.engine.pairing import pair_consecutive_years
from nianbao.engine.pairing import sketch_batch
from nianbao.engine.pairing import year_gap_warning
from nianbao.engine.selection import unknown_selectors
from nianbao.format.editions import Edition
from nianbao.format.editions import EditionError
from nianbao.format.editions import builtin_editions
from nianbao.format.editions import load_edition_file
from nianbao.loaders.base import Loader
from nianbao.loaders.base import LoadError
from nianbao.loaders.base import limits_as_load_errors
from nianbao.loaders.base import open_report
from nianbao.model.document import Document
from nianbao.model.document import DocumentInvalid
from nianbao.model.document import Paragraph
from nianbao.model.document import validate_document
from nianbao.model.findings import Finding
from nianbao.model.findings import Violation
from nianbao.model.limits import LimitExceeded
from nianbao.model.limits import findings_capped
from nianbao.model.limits import time_limit
from nianbao.model.limits import using_limits
from nianbao.model.results import CheckedReport
from nianbao.model.results import Notification
from nianbao.model.results import PlannedRule
from nianbao.model.results import Summary
from nianbao.model.results import display_path
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.model.rule import Scope
from nianbao.plugin.manager import Plugins
from nianbao.plugin.manager import add_plugins
from nianbao.plugin.manager import create_plugins
from nianbao.plugin.manager import is_builtin
from nianbao.plugin.reporter import ReporterTable

_LEVEL_ZH = {"error": "错误", "warning": "警告", "note": "提示"}
_SELECTIONS_KEPT = 64


@dataclass(frozen=True, slots=True)
class Unloaded:
    """A file that could not be loaded: the exception and its traceback, reported once by
    :meth:`Session.check_file` (as DOC001, or an internal error)."""

    error: Exception
    trace: str


class DuplicateFingerprint(AssertionError):
    """A rule gave two findings in one report with one fingerprint (see :attr:`Violation.key`)."""


class ConfigurationError(Exception):
    """A problem with rules, plugins or editions that makes the run meaningless (exit code 2)."""


class Session:
    """Everything a run needs, built once: plugins, editions, rules, loaders, reporters.

    ``strict_identity`` makes two findings of one rule with one fingerprint an error
    (:class:`DuplicateFingerprint`) instead of a warning; tests and the rule-pack test kit set it.
    """

    strict_identity = False

    def __init__(self, config: Config | None = None, plugins: Plugins | None = None) -> None:
        self.config = config or Config()
        if plugins is None:
            plugins = create_plugins(self.config.plugins, self.config.plugin_files)
        else:  # the run's plugins, created once (the CLI's options came from them)
            add_plugins(plugins, self.config.plugins, self.config.plugin_files)
        self.plugins = plugins
        self.notifications: list[Notification] = [
            Notification("warning", f"plugin {p.plugin} failed to load: {p.message}"
                         if self.config.lang == "en" else f"插件 {p.plugin} 未能加载：{p.message}")
            for p in self.plugins.problems
        ]
        hook = self.plugins.manager.hook
        self.editions = self._editions()
        if self.config.edition != "auto" and self.config.edition not in self.editions:
            known = ", ".join(sorted(self.editions))
            raise self._usage(f"没有 {self.config.edition} 版格式（已知：auto, {known}）",
                              f"no {self.config.edition} edition (known: auto, {known})")
        self._register_rule_files()
        self.rule_packs: dict[str, frozenset[str]] = {}
        self._chosen: dict[tuple[object, ...], tuple[Rule, ...]] = {}  # see rules_for
        self._chosen_from: tuple[list[Rule], int] | None = None
        self._ran: dict[str, PlannedRule] = {}  # a rule that ran, one (frozen) entry per rule ID, see plan
        self.all_rules = self._rules()
        self._refuse_broken_packs()
        self._refuse_unknown_selectors()
        self.rules = self.rules_for(*self.config.variants())
        hook.nianbao_configure.call_historic(kwargs={"config": self.config})

    # --- registration ----------------------------------------------------------------------------

    # Loaders and reporters are registered when first used: `nianbao rules` and `explain` need
    # neither, and registering them imports python-docx, pypdfium2, lxml, openpyxl and jinja2.
    @cached_property
    def loaders(self) -> list[Loader]:
        hook = self.plugins.manager.hook
        return [loader for batch in hook.nianbao_register_loaders() for loader in batch]

    @cached_property
    def reporters(self) -> ReporterTable:
        hook = self.plugins.manager.hook
        return ReporterTable(cls for batch in hook.nianbao_register_reporters() for cls in batch)

    def _editions(self) -> dict[str, Edition]:
        editions = dict(builtin_editions())
        for batch in self.plugins.manager.hook.nianbao_register_editions():
            for path in batch:
                try:
                    edition = load_edition_file(Path(path))
                except EditionError as exc:
                    raise ConfigurationError(str(exc)) from exc
                editions[edition.edition] = edition
        return editions

    def _register_rule_files(self) -> None:
        if not self.config.rule_files:  # YAML rules import the regex engine their patterns run on
            return
        from nianbao.yaml_rules import YamlRuleError
        from nianbao.yaml_rules import YamlRules

        for path in self.config.rule_files:
            try:
                self.plugins.manager.register(YamlRules.from_file(path, self.editions), name=str(path))
            except YamlRuleError as exc:
                raise ConfigurationError(exc.text(self.config.lang)) from exc

    def _usage(self, zh: str, en: str) -> ConfigurationError:
        """A configuration error in the run's language."""
        return ConfigurationError(en if self.config.lang == "en" else zh)

    def _refuse_broken_packs(self) -> None:
        """A pack that failed to load would leave its rules unchecked while the run looks clean."""
        if self.config.allow_broken_packs or not self.notifications:
            return
        names = "; ".join(note.message for note in self.notifications)
        if self.config.lang == "en":
            raise ConfigurationError(f"{names} (a rule pack failed to load, so the check would be "
                                     "incomplete; use --allow-broken-packs to go on regardless)")
        raise ConfigurationError(
            f"{names}（规则包未能加载，检查结果不完整；确需继续时用 --allow-broken-packs）")

    def _refuse_unknown_selectors(self) -> None:
        problems = unknown_selectors(self.config, self.all_rules)
        if problems:
            raise ConfigurationError("\n".join(problems))

    def rules_for(self, *configs: Config) -> list[Rule]:
        """The rules selected by any of ``configs`` (the run's, or one report's after its overrides)."""
        return list(self._chosen_rules(configs))

    def _chosen_rules(self, configs: tuple[Config, ...],
                      report: tuple[str | None, int | None] | None = None) -> tuple[Rule, ...]:
        """:meth:`rules_for`, or, given a ``report``'s edition and year, those of them that apply to it."""
        # Every report of a run asks again with the same selection (and nearly always an edition and
        # year asked before): the answer is kept by what it depends on, for a few selections.
        key = (tuple((tuple(c.select), tuple(c.ignore), tuple(c.packs), c.scoped_packs) for c in configs),
               report)
        rules, count = self._chosen_from or (None, 0)
        if rules is not self.all_rules or count != len(self.all_rules):  # the rules were replaced
            self._chosen.clear()
            self._chosen_from = (self.all_rules, len(self.all_rules))
        chosen = self._chosen.get(key)
        if chosen is None:
            if report is not None:
                chosen = tuple(r for r in self._chosen_rules(configs) if r.applies_to(*report))
            else:
                chosen = tuple(
                    r for r in self.all_rules
                    if any(c.is_selected(r.id) and c.pack_enabled(self.rule_packs.get(r.id, ()))
                           for c in configs))
            if len(self._chosen) >= _SELECTIONS_KEPT:
                self._chosen.clear()
            self._chosen[key] = chosen
        return chosen

    def _rules(self) -> list[Rule]:
        rules: dict[str, Rule] = {}
        manager = self.plugins.manager
        # built-ins first, so that their families are known before any pack's rules are checked
        impls = sorted(manager.hook.nianbao_register_rules.get_hookimpls(),
                       key=lambda impl: not is_builtin(impl.plugin))
        builtin_families: set[str] = set()
        for impl in impls:
            name = impl.plugin_name
            try:
                batch = impl.function(config=self.config)
            except Exception as exc:  # noqa: BLE001 - a broken pack warns by name
                self.notifications.append(Notification(
                    "warning", f"plugin {name} failed to register its rules: {exc}"
                    if self.config.lang == "en" else f"插件 {name} 注册规则失败：{exc}"))
                continue
            builtin = is_builtin(impl.plugin)
            for rule in batch or ():
                if not builtin and rule.family in builtin_families:
                    raise self._usage(
                        f"插件 {name} 的规则 {rule.id} 使用了内置规则族前缀 {rule.family}；"
                        "请使用本机构自己的 2–4 个大写字母前缀",
                        f"rule {rule.id} of plugin {name} uses the built-in family prefix {rule.family}; "
                        "use a prefix of your own, 2–4 capital letters")
                if rule.id in rules:
                    raise self._usage(f"规则编号 {rule.id} 重复（插件 {name}）",
                                      f"rule ID {rule.id} is registered twice (plugin {name})")
                if not builtin and rule.origin == "nianbao":
                    rule.origin = name
                module = getattr(impl.plugin, "__name__", name).split(".")[0]
                self.rule_packs[rule.id] = frozenset((name, module, rule.origin))
                rules[rule.id] = rule
                if builtin:
                    builtin_families.add(rule.family)
        return sorted(rules.values(), key=lambda r: r.id)

    def rule(self, rule_id: str) -> Rule | None:
        for rule in self.all_rules:
            if rule.id == rule_id.upper():
                return rule
        return None

    # --- files -----------------------------------------------------------------------------------

    @property
    def suffixes(self) -> tuple[str, ...]:
        return tuple(s for loader in self.loaders for s in loader.suffixes)

    def expand(self, paths: Iterable[Path]) -> Iterator[Path]:
        """Files to check: each file given, and every report file below each directory given."""
        for path in paths:
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    rel = child.relative_to(path)
                    if any(part.startswith(".") for part in rel.parts):
                        continue
                    if child.is_file() and child.suffix.lower() in self.suffixes and not not_a_report(child):
                        yield child
            else:
                yield path

    def loader_for(self, path: Path, head: bytes) -> Loader | None:
        suffix = path.suffix.lower()
        for loader in self.loaders:
            if suffix in loader.suffixes:
                return loader
        for loader in sorted(self.loaders, key=lambda item: item.name == "text"):
            if loader.sniff(head):
                return loader
        return None

    def load(self, path: Path, data: bytes | None = None) -> Document:
        """Load and validate one report (from ``data`` when given: a fetched page); raises
        :class:`LoadError` for an unreadable file or one over a limit (see :mod:`nianbao.model.limits`)."""
        with limits_as_load_errors(self.config.limits) as limits:
            loader, data = open_report(path, limits, self.loader_for, data)
            draft = loader.load(path, data, self.editions)
            del data
            edition = self.decide_edition(draft.document)
            document = draft.read_tables(edition or self.editions[max(self.editions)])
            validate_document(document)
        self.plugins.manager.hook.nianbao_document_loaded(document=document)
        return document

    def decide_edition(self, document: Document) -> Edition | None:
        """The one decision on a report's edition (:func:`~nianbao.engine.edition.decide_edition`)."""
        hook = self.plugins.manager.hook
        return decide_edition(document, self.editions, self.config.edition,
                              lambda read: hook.nianbao_detect_edition(document=read, editions=self.editions))

    # --- checking --------------------------------------------------------------------------------

    def check_paths(self, paths: Sequence[Path], previous: Document | None = None) -> Iterator[CheckedReport]:
        """Check every report below ``paths``, one at a time (:meth:`check_files`). Last year's report
        is ``previous`` (``--previous``), or else the batch's one report of the same agency for the
        year before (:func:`pair_consecutive_years`)."""
        return self.check_files(list(self.expand(paths)), previous)

    def check_files(self, files: Sequence[Path], previous: Document | None = None) -> Iterator[CheckedReport]:
        """:meth:`check_paths` for expanded files: each report is loaded, checked and yielded before
        the next is read; pairing years takes a first pass (:func:`sketch_batch`)."""
        paired = previous is None and len(files) > 1
        sketches, failed = sketch_batch(files, self.config.limits, self.loader_for, self.editions) \
            if paired else ({}, {})
        earlier, problems = pair_consecutive_years(sketches)
        for path in files:
            last = previous or (self.try_load(Path(earlier[path].source.path)) if path in earlier else None)
            report = self.check_file(path, last if isinstance(last, Document) else None,
                                     document=Unloaded(*failed[path]) if path in failed else None)
            warning = problems.get(path) or (year_gap_warning(report.document, previous)
                                             if previous is not None and report.document else None)
            if warning:
                report.notifications.append(Notification("warning", warning, report.display_path))
            yield report

    def try_load(self, path: Path) -> Document | Unloaded:
        """The loaded report, or why it could not be loaded (for :meth:`check_file` to report),
        within the time limit."""
        try:
            with using_limits(self.config.limits), time_limit(self.config.limits["timeout"]):
                return self.load(path)
        except LimitExceeded as exc:
            return Unloaded(LoadError(exc.message, exc.message_en, reason="limit"), "")
        except Exception as exc:  # noqa: BLE001 - one file never stops the batch
            return Unloaded(exc, traceback.format_exc())

    def check_file(self, path: Path, previous: Document | None = None,
                   document: Document | Unloaded | None = None, *, name: str | None = None,
                   load: Callable[[], Document] | None = None) -> CheckedReport:
        """Check one report; ``document`` is what :meth:`try_load` gave for it, if it was read already.
        A report that is not a local file has a ``name`` (shown for the path) and ``load`` reads it."""
        report = CheckedReport(path=name or str(path), display_path=name or display_path(path), document=None,
                               previous=previous)
        config = self.config.for_path(report.path)
        try:
            with using_limits(self.config.limits), time_limit(self.config.limits["timeout"]):
                loaded = document if document is not None else load() if load else self.load(path)
                if isinstance(loaded, Document):
                    report.document = loaded
                    applicable = self.applicable_rules(loaded, previous, config)
                    report.findings = self.run_rules(loaded, report.display_path, previous, config=config,
                                                     notifications=report.notifications, rules=applicable)
                    report.plan = self.plan(loaded, report.findings, previous, config, rules=applicable)
                    rejecting = {r.id for r in self.rules if r.rejects}
                    report.unreadable = any(f.rule_id in rejecting for f in report.findings)
                    edition = self.editions.get(loaded.meta.edition or "")
                    if edition is not None and edition.identities:
                        report.identities = identity_tally(edition, loaded)
        except LimitExceeded as exc:  # the time limit: while loading, or while the rules ran
            report.document, report.findings, report.plan = None, [], []
            loaded = Unloaded(LoadError(exc.message, exc.message_en, reason="limit"), "")
        except DuplicateFingerprint:
            raise
        except Exception as exc:  # noqa: BLE001 - one file never stops the batch
            if report.document is not None:
                raise
            loaded = Unloaded(exc, traceback.format_exc())
        if isinstance(loaded, Unloaded):
            self._unloaded(report, loaded, config)
        return report

    def plan(self, document: Document, findings: Sequence[Finding], previous: Document | None = None,
             config: Config | None = None, *, rules: Sequence[Rule] | None = None) -> list[PlannedRule]:
        """The rules that applied to a checked report, each run or skipped with the reason: an error
        from a gate rule stops every other rule, a finding of a gate the rules it names in ``stops``.
        ``rules`` are :meth:`applicable_rules` when the caller has them already."""
        if rules is None:
            rules = self.applicable_rules(document, previous, config)
        gates = {r.id: r for r in rules if r.gate}
        gate_error = any(f.severity == "error" for f in findings if f.rule_id in gates)
        stopped = {name for f in findings if f.rule_id in gates for name in gates[f.rule_id].stops}
        if not gate_error and not stopped:  # the usual report: every rule ran
            ran = self._ran
            return [ran.get(rule.id) or ran.setdefault(rule.id, PlannedRule(rule.id)) for rule in rules]
        planned = []
        for rule in rules:
            skipped = None
            if not rule.gate and gate_error:
                skipped = "gate-error"
            elif not rule.gate and rule.is_stopped_by(stopped):
                skipped = "gate-stopped"
            planned.append(PlannedRule(rule.id, skipped))
        return planned

    def _unloaded(self, report: CheckedReport, unloaded: Unloaded, config: Config) -> None:
        exc = unloaded.error
        if isinstance(exc, LoadError):
            self._load_failure(report, exc, config)
        elif isinstance(exc, DocumentInvalid):
            report.notifications.append(Notification("error", f"读取结果不符合文档模型：{exc}",
                                                     report.display_path))
        else:
            self._load_failure(report, LoadError(
                f"读取文件时出错（{type(exc).__name__}: {exc}）",
                f"reading the file failed ({type(exc).__name__}: {exc})",
            ), config)
            report.notifications.append(Notification("error", unloaded.trace, report.display_path))

    def _load_failure(self, report: CheckedReport, error: LoadError, config: Config | None = None) -> None:
        """A file no loader could read becomes the finding ``nianbao_load_failed`` answers (DOC001's)."""
        config = config or self.config
        report.unreadable = True
        answer = self.plugins.manager.hook.nianbao_load_failed(error=error)
        if answer is None:
            report.notifications.append(Notification("error", error.message, report.display_path))
            return
        rule_id, violation = answer
        rule = self.rule(rule_id)
        if rule is None:
            raise self._usage(f"nianbao_load_failed 的规则 {rule_id} 没有注册",
                              f"the rule {rule_id} that nianbao_load_failed names is not registered")
        report.plan = [PlannedRule(rule.id)]
        if config.is_selected(rule.id):
            report.findings.append(self._finding(rule, violation, None, report.display_path, config))

    def context_for(self, document: Document, previous: Document | None = None) -> Context:
        edition = self.editions.get(document.meta.edition or "")
        return Context(edition=edition, editions=self.editions, previous=previous,
                       options=self.config.options)

    def applicable_rules(self, document: Document, previous: Document | None = None,
                         config: Config | None = None) -> list[Rule]:
        """The selected rules that apply to this report's edition and year, and, for a pack that
        declares where it applies, to the body the report is of."""
        meta = document.meta
        rules = self._chosen_rules((config or self.config,), (meta.edition, meta.report_year))
        admitted: dict[int, bool] = {}  # a pack's rules share its scope: it is asked once a report

        def admits(scope: Scope) -> bool:
            if id(scope) not in admitted:
                admitted[id(scope)] = scope.admits(document)
            return admitted[id(scope)]

        return [r for r in rules if (r.scope is None or admits(r.scope))
                and (not r.needs_previous or previous is not None)]

    def run_rules(self, document: Document, shown_path: str, previous: Document | None = None,
                  config: Config | None = None,
                  notifications: list[Notification] | None = None, *,
                  rules: Sequence[Rule] | None = None) -> list[Finding]:
        """Run the applicable rules (``rules``, when the caller has :meth:`applicable_rules` already).
        A rule that raises is reported in ``notifications`` (an internal error, exit code 2) and the
        other rules still run."""
        config = config or self.config
        failures = notifications if notifications is not None else []
        context = self.context_for(document, previous)
        findings: list[Finding] = []
        applicable = self.applicable_rules(document, previous, config) if rules is None else rules
        gates = [r for r in applicable if r.gate]
        stopped: set[str] = set()
        cap = int(self.config.limits["max-findings"])
        for rule in gates:
            found = self._run(rule, document, context, shown_path, config, failures, cap=cap)
            if found:
                stopped.update(rule.stops)
            findings.extend(found)
        if not any(f.severity == "error" for f in findings):
            for rule in applicable:
                if not rule.gate and not rule.is_stopped_by(stopped):
                    findings.extend(self._run(rule, document, context, shown_path, config, failures, cap=cap))
        self.plugins.manager.hook.nianbao_modify_findings(document=document, findings=findings)
        return findings

    def _run(self, rule: Rule, document: Document, context: Context, shown_path: str,
             config: Config | None = None, failures: list[Notification] | None = None, *,
             cap: int | None = None) -> list[Finding]:
        """One rule's findings on one report (``cap``: the run's ``max-findings``, when the caller has it)."""
        out = []
        seen: dict[str, Violation] = {}
        if cap is None:
            cap = int(self.config.limits["max-findings"])
        try:
            for violation in rule.run(document, context):
                finding = self._finding(rule, violation, document, shown_path, config)
                if finding.fingerprint in seen:
                    self._same_fingerprint(rule, seen[finding.fingerprint], violation, shown_path, failures)
                if len(out) >= cap:
                    if failures is not None:
                        failures.append(Notification("warning", findings_capped(rule.id, cap), shown_path))
                    break
                seen[finding.fingerprint] = violation
                out.append(finding)
        except DuplicateFingerprint:
            raise
        except Exception as exc:  # noqa: BLE001 - a broken rule must not stop the others
            if failures is None:
                raise
            failures.append(Notification(
                "error", f"规则 {rule.id}（{rule.origin}）运行出错：{type(exc).__name__}: {exc}", shown_path,
            ))
            return []
        return out

    def _same_fingerprint(self, rule: Rule, first: Violation, second: Violation, shown_path: str,
                          failures: list[Notification] | None) -> None:
        """Two findings of one rule with one fingerprint: the rule gave them the same location and
        key. Both are reported (a baseline cannot tell them apart); under ``strict_identity`` (the
        test suite and the rule-pack test kit) it is an error in the rule."""
        where = f"{second.location.logical} {list(second.key)}"
        if self.strict_identity:
            raise DuplicateFingerprint(f"{rule.id} gave two findings at {where} in {shown_path}: "
                                       f"{first.args} and {second.args}")
        if failures is not None:
            message = f"规则 {rule.id}（{rule.origin}）在同一位置（{where}）给出两条指纹相同的发现"
            failures.append(Notification("warning", message, shown_path))

    def _finding(self, rule: Rule, violation: Violation, document: Document | None, shown_path: str,
                 config: Config | None = None) -> Finding:
        config = config or self.config
        lang = self.config.lang
        declared = rule.severity_of(violation.variant)
        if violation.severity is not None and violation.severity != declared:
            raise RuntimeError(f"{rule.id} yields a {violation.severity} for variant {violation.variant!r}, "
                               f"but its catalogue entry declares {declared}")
        severity, reason = declared, rule.lowered_reason(violation.variant, lang)
        if rule.id in config.severity and config.severity[rule.id] != declared:
            severity = config.severity[rule.id]
            reason = f"configured as {severity}" if lang == "en" else f"按配置设为{_LEVEL_ZH[severity]}"
        location = violation.location
        if location.section and location.heading is None and document is not None:
            section = document.section(location.section)
            if section is not None:
                location = location.under(section.heading)
        elif location.heading is None and document is not None and (location.line or location.locator):
            # a sentence's place: the part of the report whose paragraph stands there
            place = (location.line, location.page, location.locator)
            heading = document.derived(_headings_by_place).get(place)
            if heading is not None:
                location = location.under(heading)
        args = dict(violation.args)
        message = rule.render(args, lang, violation.variant)
        key = fingerprint(rule.id, report_identity(document, shown_path), violation.location, violation.key)
        accepted = config.acceptance(rule.id, key, shown_path)
        return Finding(
            rule_id=rule.id,
            rule_name=rule.name,
            severity=severity,
            message=message,
            args=args,
            location=location,
            evidence=violation.evidence,
            source=shown_path,
            fingerprint=key,
            suppressed=accepted.reason if accepted else None,
            severity_reason=reason,
        )


def _headings_by_place(document: Document) -> dict[tuple[int | None, int | None, str | None], str]:
    """The heading of the part of the report each paragraph stands in, by the paragraph's place."""
    headings = {}
    for section in document.sections:
        for paragraph in (Paragraph(section.heading, section.ref), *section.all_paragraphs()):
            ref = paragraph.ref
            headings.setdefault((ref.line, ref.page, ref.locator), section.heading)
    return headings


def timed(reports: Iterable[CheckedReport], summary: Summary) -> Iterator[CheckedReport]:
    """Pass reports through while counting them into ``summary`` and timing the run."""
    start = time.perf_counter()
    for report in reports:
        summary.add(report)
        yield report
    summary.seconds = time.perf_counter() - start
