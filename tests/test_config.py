"""Configuration files: discovery, validation with the key and the file named, CLI merging, per-path
overrides and accepted findings."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from nianbao.cli import main
from nianbao.config.files import ConfigFileError
from nianbao.config.files import config_from_file
from nianbao.config.files import find_config
from nianbao.config.files import merge_cli
from nianbao.config.settings import Config
from nianbao.engine.session import Session

ROOT = Path(__file__).resolve().parent.parent
DEFECTS = ROOT / "examples" / "2022-with-defects.md"


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    """A copy of the example report with three arithmetic errors (REC001, REC002, REC003 on line 76)."""
    target = tmp_path / "reports" / "2022" / "town.md"
    target.parent.mkdir(parents=True)
    shutil.copyfile(DEFECTS, target)
    return target


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def rules_found(stdout: str) -> list[str]:
    return sorted({line.split(": ", 2)[1].split(" ")[0] for line in stdout.splitlines() if ": REC" in line})


# --- discovery and reading ----------------------------------------------------------------------------


def test_nianbao_yaml_is_found_walking_up_from_the_report(report: Path, tmp_path: Path) -> None:
    (tmp_path / "nianbao.yaml").write_text("ignore: [REC002]\n", encoding="utf-8")
    assert find_config(report) == tmp_path / "nianbao.yaml"
    assert find_config(report.parent) == tmp_path / "nianbao.yaml"


def test_pyproject_counts_only_with_a_tool_nianbao_table(report: Path, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (report.parent / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    assert find_config(report) is None
    (tmp_path / "pyproject.toml").write_text("[tool.nianbao]\nselect = ['REC001']\nlang = 'en'\n",
                                             encoding="utf-8")
    found = find_config(report)
    assert found == tmp_path / "pyproject.toml"
    config = config_from_file(found)
    assert (config.select, config.lang, config.path) == (("REC001",), "en", found)


def test_every_key_is_read(tmp_path: Path) -> None:
    (tmp_path / "local_rules.py").write_text("", encoding="utf-8")
    (tmp_path / "rules.yaml").write_text("rules: []\n", encoding="utf-8")
    (tmp_path / "nianbao.yaml").write_text(
        "select: [REC, HIS001]\n"
        "ignore: [REC004]\n"
        "severity: {REC003: warning}\n"
        "edition: '2021'\n"
        "lang: en\n"
        "plugins: [nianbao_pack_fujian]\n"
        "plugin-files: [local_rules.py]\n"
        "rule-files: [rules.yaml]\n"
        "options: {fj-deadline: '01-20'}\n"
        "overrides:\n"
        "  - paths: ['old/*.md']\n"
        "    select: [REC001]\n"
        "    ignore: [REC003]\n"
        "    severity: {REC001: note}\n"
        "    packs: [fujian]\n"
        "accept:\n"
        "  - {rule: REC002, paths: ['reports/2022/*'], reason: 上级已核实，原表如此}\n"
        "  - {fingerprint: 0123456789abcdef0123456789abcdef, reason: 已更正并重新公布}\n",
        encoding="utf-8",
    )
    config = config_from_file(tmp_path / "nianbao.yaml")
    assert config.select == ("REC", "HIS001")
    assert config.ignore == ("REC004",)
    assert config.severity == {"REC003": "warning"}
    assert (config.edition, config.lang) == ("2021", "en")
    assert config.plugins == ("nianbao_pack_fujian",)
    assert config.plugin_files == ((tmp_path / "local_rules.py").resolve(),)
    assert config.rule_files == ((tmp_path / "rules.yaml").resolve(),)
    assert config.options == {"fj_deadline": "01-20"}
    override = config.overrides[0]
    assert (override.paths, override.select, override.ignore, override.severity, override.packs) == (
        ("old/*.md",), ("REC001",), ("REC003",), {"REC001": "note"}, ("fujian",))
    assert [(a.rule, a.paths, a.fingerprint, a.reason) for a in config.accept] == [
        ("REC002", ("reports/2022/*",), None, "上级已核实，原表如此"),
        (None, (), "0123456789abcdef0123456789abcdef", "已更正并重新公布"),
    ]


# --- errors name the key and the file -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "key"), [
    ("selct: [REC]\n", "未知的配置项 selct"),
    ("overrides: [{paths: [a], ignor: [REC001]}]\n", "未知的配置项 overrides.0.ignor"),
    ("severity: {REC001: fatal}\n", "配置项 severity.REC001 的值无效"),
    ("lang: fr\n", "配置项 lang 的值无效"),
    ("select: [rec001]\n", "配置项 select.0 的值无效"),
    ("accept: [{rule: REC002}]\n", "accept.0 缺少必填项"),
    ("accept: [{reason: 已核实}]\n", "accept.0 需要以下之一：fingerprint / rule"),
    ("overrides: [{select: [REC001]}]\n", "overrides.0 缺少必填项"),
])
def test_bad_yaml_config_names_key_and_file(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "nianbao.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigFileError) as caught:
        config_from_file(path)
    assert caught.value.message.startswith(f"{path.resolve()}：")
    assert key in caught.value.message


def test_bad_toml_config_names_key_and_file_and_exits_2(report: Path, tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.nianbao]\nignore = ['REC002']\nseverty = {REC001 = 'warning'}\n", encoding="utf-8")
    code, stdout, stderr = run("check", str(report))
    assert code == 2
    assert stdout == ""
    assert stderr.strip().startswith(f"nianbao: error: {path}：未知的配置项 severty")


def test_tool_nianbao_must_be_a_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool]\nnianbao = 'on'\n", encoding="utf-8")
    with pytest.raises(ConfigFileError, match="tool.nianbao 必须是一个表"):
        config_from_file(path)


def test_missing_plugin_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nianbao.yaml"
    path.write_text("plugin-files: [nowhere.py]\n", encoding="utf-8")
    with pytest.raises(ConfigFileError, match="plugin-files 中的文件 nowhere.py 不存在"):
        config_from_file(path)


def test_unreadable_yaml_is_an_error_not_a_traceback(report: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("select: [REC\n", encoding="utf-8")
    code, _, stderr = run("check", "--config", str(path), str(report))
    assert code == 2
    assert f"{path.resolve()}：无法读取 YAML" in stderr
    assert "Traceback" not in stderr


def test_english_message_with_lang_en(report: Path, tmp_path: Path) -> None:
    path = tmp_path / "nianbao.yaml"
    path.write_text("colour: red\n", encoding="utf-8")
    code, _, stderr = run("check", "--lang", "en", str(report))
    assert code == 2
    assert f"{path.resolve()}: unknown key colour" in stderr


# --- effect on a run ----------------------------------------------------------------------------------


def test_config_selects_ignores_and_sets_severity(report: Path, tmp_path: Path) -> None:
    (tmp_path / "nianbao.yaml").write_text(
        "select: [REC]\nignore: [REC002]\nseverity: {REC003: warning}\n", encoding="utf-8")
    code, stdout, _ = run("check", str(report))
    assert code == 1
    assert rules_found(stdout) == ["REC001", "REC003"]
    assert "REC003 [警告]" in stdout


def test_command_line_select_replaces_and_ignore_adds(report: Path, tmp_path: Path) -> None:
    (tmp_path / "nianbao.yaml").write_text("select: [REC001]\nignore: [REC003]\n", encoding="utf-8")
    _, stdout, _ = run("check", "--select", "REC", str(report))
    assert rules_found(stdout) == ["REC001", "REC002"]
    _, stdout, _ = run("check", "--select", "REC", "--ignore", "REC001", str(report))
    assert rules_found(stdout) == ["REC002"]


def test_explicit_config_wins_over_the_found_one(report: Path, tmp_path: Path) -> None:
    (tmp_path / "nianbao.yaml").write_text("ignore: [REC]\n", encoding="utf-8")
    other = tmp_path / "elsewhere.yaml"
    other.write_text("select: [REC002]\n", encoding="utf-8")
    _, stdout, _ = run("check", "--config", str(other), str(report))
    assert rules_found(stdout) == ["REC002"]


def test_per_path_override(report: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "other" / "town.md"
    elsewhere.parent.mkdir()
    shutil.copyfile(report, elsewhere)
    (tmp_path / "nianbao.yaml").write_text(
        "select: [REC]\n"
        "overrides:\n"
        "  - paths: ['reports/2022/*.md']\n"
        "    ignore: [REC001]\n"
        "    severity: {REC002: note}\n",
        encoding="utf-8",
    )
    config = config_from_file(tmp_path / "nianbao.yaml")
    session = Session(config)
    inside = session.check_file(report)
    outside = session.check_file(elsewhere)
    assert sorted((f.rule_id, f.severity) for f in inside.findings) == [
        ("REC002", "note"), ("REC003", "error")]
    assert sorted((f.rule_id, f.severity) for f in outside.findings) == [
        ("REC001", "error"), ("REC002", "error"), ("REC003", "error")]


def test_acceptance_by_rule_and_path_shows_reason_and_no_suppress_lists_it(
        report: Path, tmp_path: Path) -> None:
    (tmp_path / "nianbao.yaml").write_text(
        "select: [REC]\naccept:\n  - {rule: REC002, paths: ['reports/**'], reason: 原表如此，已向上级说明}\n",
        encoding="utf-8")
    code, stdout, _ = run("check", str(report))
    assert code == 1
    assert "REC002" not in stdout
    assert "已接受 1 个" in stdout
    findings = Session(config_from_file(tmp_path / "nianbao.yaml")).check_file(report).findings
    assert sorted((f.rule_id, f.suppressed) for f in findings) == [
        ("REC001", None), ("REC002", "原表如此，已向上级说明"), ("REC003", None)]
    _, audit, _ = run("check", "--no-suppress", str(report))
    assert rules_found(audit) == ["REC001", "REC002", "REC003"]
    assert "已接受" not in audit


def test_acceptance_by_fingerprint(report: Path, tmp_path: Path) -> None:
    session = Session(Config(select=("REC",)))
    target = next(f for f in session.check_file(report).findings if f.rule_id == "REC003")
    (tmp_path / "nianbao.yaml").write_text(
        f"accept:\n  - {{fingerprint: {target.fingerprint}, reason: 已在更正稿中修改}}\n", encoding="utf-8")
    config = config_from_file(tmp_path / "nianbao.yaml")
    findings = Session(merge_cli(config, select=("REC",))).check_file(report).findings
    assert sorted((f.rule_id, f.suppressed) for f in findings) == [
        ("REC001", None), ("REC002", None), ("REC003", "已在更正稿中修改")]


def test_accepted_errors_do_not_fail_the_run(report: Path, tmp_path: Path) -> None:
    (tmp_path / "nianbao.yaml").write_text(
        "select: [REC]\naccept:\n  - {rule: REC, reason: 已核实}\n", encoding="utf-8")
    code, stdout, _ = run("check", "--quiet", str(report))
    assert code == 0
    assert stdout.strip() == "共检查 1 个文件：错误 0 个，警告 0 个，提示 0 个，已接受 3 个"


def test_example_configuration_works_end_to_end() -> None:
    config = config_from_file(ROOT / "examples" / "nianbao.yaml")
    assert config.rule_files == ((ROOT / "examples" / "agency-rules.yaml").resolve(),)
    session = Session(config)
    assert {"DF001", "DF002", "DF003"} <= {r.id for r in session.rules}
    findings = session.check_file(DEFECTS).findings
    assert [(f.rule_id, f.location.logical, f.suppressed) for f in findings if f.rule_id == "REC003"] == [
        ("REC003", "applications/total/business", "原表已公布，更正说明见 2023 年报告第六部分")]
    older = str(ROOT / "examples" / "2020-clean-2019-edition.md")
    assert session.config.for_path(older).ignore == ("TXT003", "DF")


def test_every_configuration_key_is_documented() -> None:
    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", text, re.M))
    assert documented == set(schema["properties"])


def test_configured_language_applies_to_rules_and_explain(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "nianbao.yaml").write_text("lang: en\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, listing, _ = run("rules")
    assert listing.splitlines()[0].split() == ["ID", "name", "severity", "editions", "title"]
    _, text, _ = run("explain", "REC002")
    assert text.startswith("REC002 outcome-total-mismatch: Application table: (7) total is not the sum")
    _, text, _ = run("explain", "REC002", "--lang", "zh")
    assert text.startswith("REC002 outcome-total-mismatch：表三（七）总计不等于各办理结果之和")
