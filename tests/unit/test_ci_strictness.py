"""A CI run that cannot go green by mistake: unknown rule IDs and broken packs are usage errors,
``--fail-on`` sets the bar, and a finding's severity is the one its rule declares."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from nianbao import Config
from nianbao import Session
from nianbao.explain import explain_text
from test_reporters_support import SELECT
from test_reporters_support import line_of
from test_reporters_support import run_cli
from test_reporters_support import write_report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nianbao.yaml").write_text("{}\n", encoding="utf-8")
    write_report(tmp_path, "r.md")
    return tmp_path


def test_an_unknown_rule_in_select_is_a_usage_error_naming_the_closest(folder: Path) -> None:
    result = run_cli("check", "--select", "XYZ999", "r.md")
    assert result.exit_code == 2
    assert result.stdout == ""
    # nothing is like it: the families there are (a pack's own, such as FJ, among them) are named
    [line] = [line for line in result.stderr.splitlines() if "XYZ999" in line]
    assert line.startswith("Error: select: 没有规则 XYZ999（unknown rule ID）；"
                           "没有 XYZ 规则族，现有的规则族是 ART, DOC, ")
    assert ", REC, SEC, TXT" in line
    result = run_cli("check", "--select", "REC0O2", "r.md")
    assert result.exit_code == 2
    assert "select: 没有规则 REC0O2（unknown rule ID）；最接近的是 REC002" in result.stderr


def test_an_unknown_rule_is_named_in_english_with_lang_en(folder: Path) -> None:
    result = run_cli("check", "--lang", "en", "--select", "REC0O2", "r.md")
    assert result.exit_code == 2
    assert "select: unknown rule ID REC0O2; closest: REC002" in result.stderr
    assert "没有规则" not in result.stderr
    result = run_cli("check", "--lang", "en", "--ignore", "XYZ999", "r.md")
    assert "ignore: unknown rule ID XYZ999; no rule family XYZ, the families are ART, DOC, " in result.stderr
    result = run_cli("check", "--lang", "en", "--ignore", "REC999", "r.md")
    assert "ignore: unknown rule ID REC999; closest: REC, REC006, REC005" in result.stderr


def test_lang_before_the_command_and_from_the_environment(folder: Path, monkeypatch) -> None:
    result = run_cli("--lang", "en", "check", "--select", "REC0O2", "r.md")
    assert result.exit_code == 2
    assert "select: unknown rule ID REC0O2; closest: REC002" in result.stderr
    monkeypatch.setenv("NIANBAO_LANG", "en")
    result = run_cli("check", "--select", "REC002", "r.md")
    assert result.stdout.splitlines()[-1] == "Checked 1 file(s): 1 error(s), 0 warning(s), 0 note(s)"
    result = run_cli("check", "--lang", "zh", "--select", "REC002", "r.md")  # the command's own wins
    assert result.stdout.splitlines()[-1] == "共检查 1 个文件：错误 1 个，警告 0 个，提示 0 个"
    assert "--lang" in run_cli("--help").stdout


def test_explain_of_an_unknown_rule_names_the_closest_in_the_run_language() -> None:
    result = run_cli("explain", "REC0O2", "--lang", "en")
    assert result.exit_code == 2
    assert "unknown rule ID REC0O2; closest: REC002" in result.stderr
    result = run_cli("explain", "REC0O2")
    assert result.exit_code == 2
    assert "没有规则 REC0O2（unknown rule ID）；最接近的是 REC002" in result.stderr


def test_an_unknown_rule_in_ignore_is_a_usage_error(folder: Path) -> None:
    result = run_cli("check", "--ignore", "SEC010", "r.md")
    assert result.exit_code == 2
    assert "ignore: 没有规则 SEC010（unknown rule ID）；最接近的是 SEC005, SEC004, SEC003" in result.stderr


def test_an_unknown_rule_in_the_config_file_is_a_usage_error(folder: Path) -> None:
    (folder / "nianbao.yaml").write_text("severity:\n  REC092: warning\n", encoding="utf-8")
    result = run_cli("check", "r.md")
    assert result.exit_code == 2
    assert "severity: 没有规则 REC092（unknown rule ID）；最接近的是 REC002" in result.stderr


def test_families_and_all_are_known_selectors(folder: Path) -> None:
    result = run_cli("check", "--select", "REC,DOC001", "--ignore", "REC004", "r.md")
    assert result.exit_code == 1
    result = run_cli("check", "--select", "ALL", "--ignore", "TXT", "r.md")
    assert result.exit_code == 1


def test_fail_on_sets_the_exit_code_bar(folder: Path) -> None:
    (folder / "nianbao.yaml").write_text("severity:\n  REC002: warning\n  REC003: warning\n",
                                         encoding="utf-8")
    result = run_cli("check", "--select", SELECT, "r.md")
    assert result.exit_code == 0
    line = line_of(folder / "r.md", "三、本年度办理结果")
    assert result.stdout.splitlines()[0].startswith(f"r.md:{line}: REC002 [警告] ")
    assert result.stdout.splitlines()[0].endswith("（按配置设为警告）")
    assert run_cli("check", "--select", SELECT, "--fail-on", "warning", "r.md").exit_code == 1
    assert run_cli("check", "--select", SELECT, "--fail-on", "note", "r.md").exit_code == 1
    assert run_cli("check", "--select", SELECT, "--fail-on", "error", "r.md").exit_code == 0
    assert run_cli("check", "--select", SELECT, "--fail-on", "bogus", "r.md").exit_code == 2


def test_a_lowered_finding_says_why_and_explain_says_when(folder: Path) -> None:
    report = ROOT / "tests" / "cases" / "REC005" / "2021-blank-and-invalid.md"
    result = run_cli("check", "--select", "REC005", str(report))
    lowered = [line for line in result.stdout.splitlines() if "REC005 [警告]" in line]
    assert lowered[0].endswith("REC005 [警告] 表三有 4 格空白：“科研机构、社会公益组织”在“一、本年新收"
                               "政府信息公开申请数量”行，“总计”在 2 行中；没有发生的应填 0"
                               "（空白多半是未填 0，并非数据缺失）")
    rule = Session(Config()).rule("REC005")
    assert rule.severity == "error"
    assert "降为警告（blank）：空白多半是未填 0，并非数据缺失" in explain_text(rule, "zh").splitlines()
    assert ("lowered to warning (blank): a blank cell is most often a 0 left unwritten, not missing data"
            in explain_text(rule, "en").splitlines())


def test_every_rule_finding_level_is_its_catalogue_level_or_a_declared_lowering() -> None:
    session = Session(Config())
    for rule in session.all_rules:
        levels = {rule.severity} | {lowering["severity"] for lowering in rule.lowered.values()}
        assert all(level in ("error", "warning", "note") for level in levels)
        for variant in rule.lowered:
            assert variant == "default" or variant in rule.variants, (rule.id, variant)


UNDECLARED = textwrap.dedent('''
    from nianbao import Location, Rule, Violation, hookimpl

    RULE = Rule(id="XX002", name="says-warning", title="t", title_en="t", severity="error",
                source="test", message={"zh": "m", "en": "m"},
                doc="t。\\n\\n## 要求\\n\\n## 依据\\n\\n## 示例\\n\\n## 修改\\n")

    @RULE.check
    def check(document, context):
        yield Violation(Location(), severity="warning")

    @hookimpl
    def nianbao_register_rules(config):
        return [RULE]
''')


def test_a_severity_the_rule_does_not_declare_is_an_internal_error(tmp_path: Path) -> None:
    plugin = tmp_path / "undeclared.py"
    plugin.write_text(UNDECLARED, encoding="utf-8")
    session = Session(Config(select=("XX002",), plugin_files=(plugin,)))
    report = session.check_file(ROOT / "examples" / "2022-clean-2021-edition.md")
    assert report.findings == []
    assert [(n.level, n.message) for n in report.notifications] == [(
        "error", f"规则 XX002（{plugin}）运行出错：RuntimeError: XX002 yields a warning for variant "
                 "'default', but its catalogue entry declares error")]


def test_what_was_checked_is_said(folder: Path) -> None:
    """JSON always, and text with -v: the edition and year assumed and from what, the rules run,
    the identity sums checked and held (the 2019 edition's 40 sums on this report; the one
    mistyped cell breaks two)."""
    import json

    result = run_cli("check", "--select", SELECT, "-v", "r.md")
    assert ("r.md: 按 2019 版格式（依据统计表）、2020 年度（依据标题）检查；运行规则 5 条，跳过 0 条；"
            "勾稽关系核对 40 处，成立 38 处") in result.stdout.splitlines()
    output = json.loads(run_cli("check", "--select", SELECT, "--format", "json", "r.md").stdout)
    assert output["reports"][0]["checked"] == {
        "edition": "2019", "edition_source": "tables", "report_year": 2020, "report_year_source": "title",
        "rules_run": ["DOC001", "REC001", "REC002", "REC003", "REC004"], "rules_skipped": [],
        "identities_checked": 40, "identities_held": 38}
