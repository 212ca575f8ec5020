"""Declarative YAML rules: validation that names the file, the rule and the key, and the three kinds
of check behaving like Python rules end to end (check, SARIF, explain, rules)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from nianbao.cli import main
from nianbao.config.settings import Config
from nianbao.engine.session import ConfigurationError
from nianbao.engine.session import Session
from nianbao.testing import project
from nianbao.yaml_rules import YamlRuleError
from nianbao.yaml_rules import load_rule_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_RULES = ROOT / "examples" / "agency-rules.yaml"
CLEAN = ROOT / "examples" / "2022-clean-2021-edition.md"
DEFECTS = ROOT / "examples" / "2022-with-defects.md"

VALID = """\
rules:
  - id: XQ001
    title: 标题
    severity: warning
    message: {zh: 中文, en: English}
    doc: 说明。
    require: {section: other, pattern: 信息处理费}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def session_with_examples() -> Session:
    return Session(Config(select=("DF",), rule_files=(EXAMPLE_RULES,)))


def edited_copy(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    target = tmp_path / source.name
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


def test_example_file_holds_three_kinds() -> None:
    rules = load_rule_file(EXAMPLE_RULES)
    assert [(r.id, r.name, r.severity, r.editions) for r in rules] == [
        ("DF001", "policy-interpretation-not-reported", "warning", ("2019", "2021")),
        ("DF002", "applications-left-open", "warning", ("2021",)),
        ("DF003", "negative-fee-amount", "error", ("2021",)),
    ]
    assert [r.articles for r in rules] == [("art50.1",), (), ("art20.8",)]


def test_clean_report_passes_every_example_rule() -> None:
    assert session_with_examples().check_file(CLEAN).findings == []


def test_required_phrase_in_section(tmp_path: Path) -> None:
    report = edited_copy(tmp_path, CLEAN, "，对重要政策文件同步开展解读。", "。")
    findings = session_with_examples().check_file(report).findings
    assert [project(f) for f in findings] == [{
        "rule": "DF001", "severity": "warning", "line": 5, "section": "overview",
        "message": "“一、总体情况”未报告政策解读工作",
    }]


def test_required_section_missing(tmp_path: Path) -> None:
    text = CLEAN.read_text(encoding="utf-8")
    report = tmp_path / "no-overview.md"
    before, after = text.split("## 一、总体情况")
    report.write_text(before + "## 二、" + after.split("## 二、", 1)[1], encoding="utf-8")
    findings = session_with_examples().check_file(report).findings
    assert [project(f) for f in findings] == [{
        "rule": "DF001", "severity": "warning", "section": "overview",
        "message": "“一、总体情况”未报告政策解读工作",
    }]


def test_identity_between_template_cells() -> None:
    findings = session_with_examples().check_file(DEFECTS).findings
    assert [project(f) for f in findings] == [{
        "rule": "DF002", "severity": "warning", "line": 76, "section": "applications",
        "table": "applications",
        "row": "total", "column": "business", "expected": 3, "actual": 4,
        "message": "表三“（七）总计 / 商业企业”为 4，本机关要求当年办结，应等于新收与上年结转之和 3",
    }]
    evidence = findings[0].evidence
    assert [(c.key, c.value, c.line) for c in evidence.cells] == [
        ("total.business", 4, 76), ("received.business", 3, 53), ("carried_over.business", 0, 54)]


def test_numeric_bound(tmp_path: Path) -> None:
    report = edited_copy(tmp_path, CLEAN, "| 行政事业性收费 | 9116.36 |", "| 行政事业性收费 | -12.5 |")
    findings = session_with_examples().check_file(report).findings
    assert [project(f) for f in findings] == [{
        "rule": "DF003", "severity": "error", "line": 45, "section": "active_disclosure",
        "table": "active_disclosure", "row": "fees", "column": "amount",
        "expected": "0 ≤ x ≤", "actual": -12.5,
        "message": "表二“行政事业性收费 / 本年收费金额（单位：万元）”为 -12.5，收费金额不能小于 0",
    }]


def test_english_messages(tmp_path: Path) -> None:
    report = edited_copy(tmp_path, CLEAN, "| 行政事业性收费 | 9116.36 |", "| 行政事业性收费 | -12.5 |")
    session = Session(Config(select=("DF",), rule_files=(EXAMPLE_RULES,), lang="en"))
    assert [f.message for f in session.check_file(report).findings] == [
        "表二 “行政事业性收费 / 本年收费金额（单位：万元）” is -12.5; a fee amount cannot be below 0"]


# --- like a Python rule everywhere --------------------------------------------------------------------


@pytest.fixture()
def configured(tmp_path: Path) -> Path:
    shutil.copyfile(EXAMPLE_RULES, tmp_path / "agency-rules.yaml")
    (tmp_path / "nianbao.yaml").write_text("rule-files: [agency-rules.yaml]\n", encoding="utf-8")
    report = tmp_path / DEFECTS.name
    shutil.copyfile(DEFECTS, report)
    return report


def test_cli_check_rules_and_explain(configured: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(configured.parent)
    code, stdout, _ = run("check", "--select", "DF", configured.name)
    assert code == 0
    assert stdout.splitlines()[0] == (
        f"{configured.name}:76: DF002 [警告] 表三“（七）总计 / 商业企业”为 4，"
        "本机关要求当年办结，应等于新收与上年结转之和 3")
    _, listing, _ = run("rules", "--json")
    entries = {r["id"]: r for r in json.loads(listing)}
    assert entries["DF003"]["title"] == "行政事业性收费金额为负数"
    assert entries["DF003"]["origin"] == str((configured.parent / "agency-rules.yaml").resolve())
    _, text, _ = run("explain", "DF001")
    assert text.startswith("DF001 policy-interpretation-not-reported：总体情况未报告政策解读工作\n")
    assert text.split("## 条例原文\n\n", 1)[1].rstrip("\n").splitlines() == [
        "《中华人民共和国政府信息公开条例》",
        "第五十条 政府信息公开工作年度报告应当包括下列内容：",
        "（一）行政机关主动公开政府信息的情况；",
    ]


def test_sarif_lists_yaml_rules(configured: Path) -> None:
    code, stdout, _ = run("check", "--select", "DF", "--format", "sarif", str(configured))
    assert code == 0
    run_ = json.loads(stdout)["runs"][0]
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["DF001", "DF002", "DF003"]
    assert [r["ruleId"] for r in run_["results"]] == ["DF002"]


# --- invalid files: the file, the rule, the key -------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    doc: 说明。\n", "    doc: 说明。\n    colour: red\n", "规则 XQ001：colour：未知的键"),
    ("    message: {zh: 中文, en: English}\n", "    message: {zh: 中文}\n",
     "规则 XQ001：message：缺少必填的键"),
    ("    severity: warning\n", "    severity: fatal\n", "规则 XQ001：severity：值无效"),
    ("    severity: warning\n", "", "规则 XQ001：缺少必填的键"),
    ("  - id: XQ001\n", "  - id: X1\n", "规则 X1：id：值无效"),
    ("    require: {section: other, pattern: 信息处理费}\n",
     "    require: {section: other, pattern: 信息处理费}\n"
     "    bound: {table: applications, cells: [received.total], max: 9}\n",
     "规则 XQ001：require / bound：每条规则必须有且只有 require、identity、bound 之一"),
    ("    require: {section: other, pattern: 信息处理费}\n",
     "    require: {section: other, pattern: '信息(处理费'}\n",
     "规则 XQ001：require.pattern：不是有效的正则表达式"),
    ("    require: {section: other, pattern: 信息处理费}\n", "    require: {section: annex}\n",
     "规则 XQ001：require.section：2019 版格式没有章节 'annex'"),
    ("    require: {section: other, pattern: 信息处理费}\n",
     "    identity: {table: applications, left: [total.total], right: [recieved.total]}\n",
     "规则 XQ001：identity.right：2019 版表三没有单元格 'recieved.total'（行键.列键）"),
    ("    require: {section: other, pattern: 信息处理费}\n",
     "    bound: {table: applications, cells: [received.total]}\n", "规则 XQ001：bound：需要以下之一"),
])
def test_invalid_file_names_file_rule_and_key(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert VALID.count(old) == 1
    path = tmp_path / "rules.yaml"
    path.write_text(VALID.replace(old, new), encoding="utf-8")
    with pytest.raises(YamlRuleError) as caught:
        load_rule_file(path)
    assert str(caught.value).startswith(f"{path}：")
    assert expected in str(caught.value)


def test_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert [r.id for r in load_rule_file(path)] == ["XQ001"]


def test_builtin_prefix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(VALID.replace("XQ001", "REC009"), encoding="utf-8")
    with pytest.raises(ConfigurationError, match="REC009 使用了内置规则族前缀"):
        Session(Config(rule_files=(path,)))


def test_invalid_file_from_config_exits_2(tmp_path: Path) -> None:
    broken = VALID.replace("severity: warning", "severity: fatal")
    (tmp_path / "rules.yaml").write_text(broken, encoding="utf-8")
    (tmp_path / "nianbao.yaml").write_text("rule-files: [rules.yaml]\n", encoding="utf-8")
    report = tmp_path / "r.md"
    shutil.copyfile(CLEAN, report)
    code, _, stderr = run("check", str(report))
    assert code == 2
    assert f"{(tmp_path / 'rules.yaml').resolve()}：规则 XQ001：severity：值无效" in stderr
    assert "Traceback" not in stderr


def test_invalid_file_in_english(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(VALID.replace("pattern: 信息处理费", "pattern: '信息(处理费'"), encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        Session(Config(rule_files=(path,), lang="en"))
    expected = f"{path}: rule XQ001: require.pattern: not a valid regular expression: "
    assert str(caught.value).startswith(expected)
