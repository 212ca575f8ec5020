"""The pytest plugin (``pytest --nianbao PATHS``), exercised with pytester."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from nianbao.config.settings import Config
from nianbao.engine.session import Session

pytest_plugins = ("pytester",)

ROOT = Path(__file__).resolve().parent.parent
DEFECTS = ROOT / "examples" / "2022-with-defects.md"
CLEAN = ROOT / "examples" / "2022-clean-2021-edition.md"
RULES = ("DOC001", "REC001", "REC002", "REC003", "REC004")


@pytest.fixture()
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with an ordinary test, a report with three arithmetic errors, and a nianbao
    configuration limited to the REC rules."""
    pytester.makepyfile(test_unrelated="def test_nothing_to_do_with_reports():\n    assert True\n")
    reports = pytester.mkdir("reports")
    shutil.copyfile(DEFECTS, reports / "defects.md")
    shutil.copyfile(CLEAN, reports / "clean.md")
    (pytester.path / "nianbao.yaml").write_text(f"select: [{', '.join(RULES)}]\n", encoding="utf-8")
    return pytester


def test_without_the_option_nothing_extra_is_collected(project: pytest.Pytester) -> None:
    result = project.runpytest("--collect-only", "-q", "-p", "no:cacheprovider")
    assert result.ret == 0
    collected = [line for line in result.outlines if "::" in line]
    assert collected == ["test_unrelated.py::test_nothing_to_do_with_reports"]


def test_each_report_and_rule_is_an_item(project: pytest.Pytester) -> None:
    result = project.runpytest("--nianbao", "reports", "--collect-only", "-q", "-p", "no:cacheprovider")
    assert result.ret == 0
    collected = [line for line in result.outlines if "::" in line]
    assert sorted(collected) == sorted(
        [f"reports/clean.md::{r}" for r in RULES] + [f"reports/defects.md::{r}" for r in RULES])


def test_failing_items_print_the_findings(project: pytest.Pytester) -> None:
    result = project.runpytest("--nianbao", "reports", "-p", "no:cacheprovider")
    assert result.ret == 1
    result.assert_outcomes(passed=7, failed=3)
    result.stdout.fnmatch_lines([
        "reports/defects.md:76: REC001 表三“（七）总计 / 商业企业”为 4，很可能填错，应为 3（多 1）："
        "改正这一格，“（七）总计 / 商业企业”、“（七）总计 / 总计”的勾稽关系就都成立",
        "    expected: 3  actual: 4  (三、（七）总计 + 四、结转下年度继续办理 = 一、本年新收 + 二、上年结转)",
    ])
    assert sorted(line.split(" - ")[0] for line in result.outlines if line.startswith("FAILED")) == [
        "FAILED reports/defects.md::REC001",
        "FAILED reports/defects.md::REC002",
        "FAILED reports/defects.md::REC003",
    ]


def test_select_with_k_and_stop_with_x(project: pytest.Pytester) -> None:
    result = project.runpytest("--nianbao", "reports", "-k", "REC002", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1, deselected=8)
    result = project.runpytest("--nianbao", "reports/defects.md", "-x", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)


def test_accepted_findings_do_not_fail(project: pytest.Pytester) -> None:
    (project.path / "nianbao.yaml").write_text(
        f"select: [{', '.join(RULES)}]\n"
        "accept:\n  - {rule: REC, paths: ['reports/defects.md'], reason: 已向上级说明}\n",
        encoding="utf-8")
    result = project.runpytest("--nianbao", "reports", "-p", "no:cacheprovider")
    assert result.ret == 0
    result.assert_outcomes(passed=10)


def test_fail_on_sets_the_bar(project: pytest.Pytester) -> None:
    (project.path / "nianbao.yaml").write_text(
        f"select: [{', '.join(RULES)}]\nseverity: {{REC001: warning, REC002: note}}\n", encoding="utf-8")
    project.makeini("[pytest]\nnianbao_fail_on = error\n")
    result = project.runpytest("--nianbao", "reports", "-p", "no:cacheprovider")
    assert [line.split(" - ")[0] for line in result.outlines if line.startswith("FAILED")] == [
        "FAILED reports/defects.md::REC003"]
    project.makeini("[pytest]\nnianbao_fail_on = warning\n")
    result = project.runpytest("--nianbao", "reports", "-p", "no:cacheprovider")
    assert [line.split(" - ")[0] for line in result.outlines if line.startswith("FAILED")] == [
        "FAILED reports/defects.md::REC001", "FAILED reports/defects.md::REC003"]
    project.makeini("[pytest]\nnianbao_fail_on = note\n")
    result = project.runpytest("--nianbao", "reports", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=7, failed=3)
    project.makeini("[pytest]\nnianbao_fail_on = fatal\n")
    result = project.runpytest("--nianbao", "reports", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_unloadable_report_is_one_failing_item_and_the_others_still_run(project: pytest.Pytester) -> None:
    (project.path / "reports" / "empty.md").write_bytes(b"")
    result = project.runpytest("--nianbao", "reports", "-p", "no:cacheprovider")
    assert result.ret == 1
    result.assert_outcomes(passed=7, failed=4)
    result.stdout.fnmatch_lines(["reports/empty.md: DOC001 无法检查此文件：文件是空的"])
    assert "FAILED reports/empty.md::DOC001" in [line.split(" - ")[0] for line in result.outlines]


def test_ini_setting_turns_it_on(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\nnianbao = true\ntestpaths = reports\n")
    result = project.runpytest("--collect-only", "-q", "-p", "no:cacheprovider")
    assert sorted(line for line in result.outlines if "::" in line)[:2] == [
        "reports/clean.md::DOC001", "reports/clean.md::REC001"]


def test_bad_config_is_a_usage_error(project: pytest.Pytester) -> None:
    (project.path / "nianbao.yaml").write_text("selct: [REC]\n", encoding="utf-8")
    result = project.runpytest("--nianbao", "reports", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    config = (project.path / "nianbao.yaml").resolve()
    result.stderr.fnmatch_lines([f"*nianbao: {config}：未知的配置项 selct*"])


def test_corpus_one_item_per_report_and_rule_with_junit(pytester: pytest.Pytester, corpus: Path) -> None:
    """Over the real reports: every report × applicable rule is an item, the run fails (the corpus
    has real errors), and the JUnit XML names each failing rule."""
    xml = pytester.path / "junit.xml"
    result = pytester.runpytest("--nianbao", str(corpus), f"--junitxml={xml}", "-p", "no:cacheprovider")
    assert result.ret == 1

    session = Session(Config())
    expected: dict[tuple[str, str], str] = {}
    for report in session.check_paths([corpus]):
        name = Path(report.path).name
        if report.document is None:
            expected[(name, "DOC001")] = "failed"
            continue
        config = session.config.for_path(report.path)
        rules = session.applicable_rules(report.document, report.previous, config)
        ran = {f.rule_id for f in report.findings}
        gate_error = any(f.severity == "error" for f in report.findings if session.rule(f.rule_id).gate)
        stopped = {n for r in rules if r.gate and r.id in ran for n in r.stops}
        for rule in rules:
            failing = [f for f in report.findings
                       if f.rule_id == rule.id and not f.suppressed and f.severity in ("error", "warning")]
            if not rule.gate and (gate_error or rule.is_stopped_by(stopped)):
                expected[(name, rule.id)] = "skipped"
            else:
                expected[(name, rule.id)] = "failed" if failing else "passed"

    files = sorted({name for name, _ in expected}, key=len, reverse=True)
    found: dict[tuple[str, str], str] = {}
    for case in ET.parse(xml).getroot().iter("testcase"):
        classname = case.get("classname")
        file = next(f for f in files if classname == f or classname.endswith("." + f))
        outcome = "failed" if case.find("failure") is not None else (
            "skipped" if case.find("skipped") is not None else "passed")
        found[(file, case.get("name"))] = outcome
    assert found == expected
    named = [(case.get("name"), case.find("failure").get("message").split(": ", 2)[1].split(" ")[0])
             for case in ET.parse(xml).getroot().iter("testcase") if case.find("failure") is not None]
    assert named and all(rule == shown for rule, shown in named)
    # Facts checked by hand (MANIFEST.tsv): 001's tables reconcile (R1–R4 hold), and the README
    # beside the reports is not a report, so it is not collected.
    reconciled = [expected[("001_guancheng-district-2020.md", rule)]
                  for rule in ("REC001", "REC002", "REC003", "REC004")]
    assert reconciled == ["passed"] * 4
    assert not any(name == "README.md" for name, _ in expected)
    cases = ET.parse(xml).getroot().iter("testcase")
    assert not any("README" in (case.get("classname") or "") for case in cases)


def test_yaml_rules_are_items_too(project: pytest.Pytester) -> None:
    shutil.copyfile(ROOT / "examples" / "agency-rules.yaml", project.path / "agency-rules.yaml")
    (project.path / "nianbao.yaml").write_text("select: [DF]\nrule-files: [agency-rules.yaml]\n",
                                               encoding="utf-8")
    result = project.runpytest("--nianbao", "reports", "-p", "no:cacheprovider")
    assert result.ret == 1
    result.assert_outcomes(passed=5, failed=1)
    result.stdout.fnmatch_lines([
        "reports/defects.md:76: DF002 表三“（七）总计 / 商业企业”为 4，"
        "本机关要求当年办结，应等于新收与上年结转之和 3",
    ])
    assert [line.split(" - ")[0] for line in result.outlines if line.startswith("FAILED")] == [
        "FAILED reports/defects.md::DF002"]


def test_config_named_on_the_command_line(project: pytest.Pytester) -> None:
    elsewhere = project.mkdir("settings") / "only-rec002.yaml"
    elsewhere.write_text("select: [REC002]\n", encoding="utf-8")
    result = project.runpytest("--nianbao", "reports", f"--nianbao-config={elsewhere}",
                               "--collect-only", "-q", "-p", "no:cacheprovider")
    assert sorted(line for line in result.outlines if "::" in line) == [
        "reports/clean.md::REC002", "reports/defects.md::REC002"]


def test_nianbao_junit_has_exactly_pytests_items(pytester: pytest.Pytester, corpus: Path) -> None:
    """For one run over the real reports, ``nianbao check --format junit`` and ``pytest --nianbao
    --junitxml`` list the same report × rule cases with the same outcomes, so their counts agree."""
    from click.testing import CliRunner
    from nianbao.cli import main

    xml = pytester.path / "junit.xml"
    pytester.runpytest("--nianbao", str(corpus), f"--junitxml={xml}", "-p", "no:cacheprovider")
    ours = CliRunner().invoke(main, ["check", "--format", "junit", str(corpus)])

    # pytest writes a report's path into the class name with its separators turned into dots (so a
    # corpus outside the working directory starts with dots and folder names): find the report in it
    stems = sorted((p.stem for p in corpus.iterdir()), key=len, reverse=True)

    def report_of(case: ET.Element) -> str:
        where = case.get("file") or case.get("classname") or ""
        return next((stem for stem in stems if stem in where), where)

    def outcomes(root: ET.Element, rule_of) -> list[tuple[str, str, str]]:
        found = []
        for case in root.iter("testcase"):
            outcome = "failed" if case.find("failure") is not None else (
                "skipped" if case.find("skipped") is not None else "passed")
            found.append((report_of(case), rule_of(case.get("name")), outcome))
        return sorted(found)

    theirs_root = ET.parse(xml).getroot()
    ours_root = ET.fromstring(ours.stdout.split("\n", 1)[1])
    pytest_cases = outcomes(theirs_root, lambda name: name)
    nianbao_cases = outcomes(ours_root, lambda name: name.split(" ")[0])
    assert len(pytest_cases) > 100
    assert nianbao_cases == pytest_cases
    suite = theirs_root.find("testsuite") if theirs_root.tag == "testsuites" else theirs_root
    assert int(ours_root.get("tests")) == int(suite.get("tests")) == len(pytest_cases)
    assert int(ours_root.get("skipped")) == int(suite.get("skipped"))
