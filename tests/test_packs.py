"""Agency packs: the Fujian pack (plugins/nianbao-pack-fujian) lists, runs, is turned off by --ignore
and by configuration, proves its rules with its own cases; a broken pack warns by name while the
built-in rules still run; ``nianbao explain`` prints the regulation's text."""

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
from nianbao.testing import run_cases

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "plugins" / "nianbao-pack-fujian"
PACK_CASES = PACK / "tests" / "cases"
CLEAN = ROOT / "examples" / "2022-clean-2021-edition.md"


def fujian_copy(target: Path) -> Path:
    """The clean example as the report of a county of Fujian (福州市示例县): the pack applies to it."""
    target.write_text(CLEAN.read_text(encoding="utf-8").replace("示例县", "福州市示例县"), encoding="utf-8")
    return target

DEFECTS = ROOT / "examples" / "2022-with-defects.md"
FJ_RULES = ["FJ001", "FJ002", "FJ003"]


@pytest.fixture(autouse=True)
def pack_importable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pack's source on sys.path, so that ``plugins: [nianbao_pack_fujian]`` works whether or not
    it is installed (CI installs it: .ci/run)."""
    monkeypatch.syspath_prepend(str(PACK))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a config enabling the pack and a copy of the clean example (it reports
    人大代表建议和政协提案 but not the 工作要点), as the working directory."""
    (tmp_path / "nianbao.yaml").write_text("plugins: [nianbao_pack_fujian]\n", encoding="utf-8")
    fujian_copy(tmp_path / "report.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fj_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if " FJ0" in line]


def test_pack_rules_are_listed(workdir: Path) -> None:
    code, stdout, _ = run("rules", "--json")
    assert code == 0
    listed = {r["id"]: r for r in json.loads(stdout)}
    assert [(i, listed[i]["name"], listed[i]["severity"]) for i in FJ_RULES] == [
        ("FJ001", "key-points-not-reported", "warning"),
        ("FJ002", "deputy-proposals-not-reported", "warning"),
        ("FJ003", "published-after-provincial-deadline", "error"),
    ]
    assert {listed[i]["origin"] for i in FJ_RULES} <= {"fujian", "nianbao_pack_fujian"}
    assert [listed[i]["articles"] for i in FJ_RULES] == [["art50.5"], ["art50.5"], ["art49"]]
    _, table, _ = run("rules")
    assert any(line.startswith("FJ001") and "第六部分未报告政务公开工作要点落实情况" in line
               for line in table.splitlines())


def test_pack_rules_run(workdir: Path) -> None:
    code, stdout, _ = run("check", "report.md")
    assert code == 0
    assert fj_lines(stdout) == [
        "report.md:91: FJ001 [警告] “六、其他需要报告的事项”未报告本年度政务公开工作要点的落实情况"]


def test_pack_option_reaches_the_rule(workdir: Path) -> None:
    code, stdout, _ = run("check", "report.md", "--published-on", "2023-01-25")
    assert (code, fj_lines(stdout)) == (0, [
        "report.md:91: FJ001 [警告] “六、其他需要报告的事项”未报告本年度政务公开工作要点的落实情况"])
    (workdir / "nianbao.yaml").write_text(
        "plugins: [nianbao_pack_fujian]\noptions: {fj-deadline: '01-20'}\n", encoding="utf-8")
    code, stdout, _ = run("check", "report.md", "--published-on", "2023-01-25")
    assert (code, fj_lines(stdout)) == (1, [
        "report.md:91: FJ001 [警告] “六、其他需要报告的事项”未报告本年度政务公开工作要点的落实情况",
        "report.md: FJ003 [错误] 报告于 2023-01-25 公布，晚于省定期限 2023-01-20",
    ])


def test_ignore_turns_the_pack_off(workdir: Path) -> None:
    _, stdout, _ = run("check", "report.md", "--ignore", "FJ")
    assert fj_lines(stdout) == []
    _, stdout, _ = run("check", "report.md", "--ignore", "FJ001")
    assert fj_lines(stdout) == []


def test_config_turns_the_pack_off(workdir: Path) -> None:
    (workdir / "nianbao.yaml").write_text("plugins: [nianbao_pack_fujian]\nignore: [FJ]\n", encoding="utf-8")
    _, stdout, _ = run("check", "report.md")
    assert fj_lines(stdout) == []


def test_override_limits_a_pack_to_its_paths(workdir: Path) -> None:
    (workdir / "fujian").mkdir()
    fujian_copy(workdir / "fujian" / "report.md")
    (workdir / "nianbao.yaml").write_text(
        "plugins: [nianbao_pack_fujian]\n"
        "overrides:\n  - {paths: ['fujian/*'], packs: [nianbao_pack_fujian]}\n",
        encoding="utf-8")
    _, stdout, _ = run("check", "report.md", "fujian/report.md")
    assert fj_lines(stdout) == [
        "fujian/report.md:91: FJ001 [警告] “六、其他需要报告的事项”未报告本年度政务公开工作要点的落实情况"]
    _, sarif, _ = run("check", "--format", "sarif", "report.md", "fujian/report.md")
    listed = [r["id"] for r in json.loads(sarif)["runs"][0]["tool"]["driver"]["rules"]]
    assert [i for i in listed if i.startswith("FJ")] == FJ_RULES


def test_pack_cases_pass_with_the_test_kit() -> None:
    results = run_cases(PACK_CASES, Config(plugins=("nianbao_pack_fujian",)))
    assert [(r.case.name, r.problem) for r in results] == [
        ("FJ001/fail-fee-only.md", None),
        ("FJ001/pass-key-points-reported.md", None),
        ("FJ002/fail-both-missing.md", None),
        ("FJ002/fail-proposals-missing.md", None),
        ("FJ002/pass-both-reported.md", None),
        ("FJ002/pass-short-names.md", None),
        ("FJ003/fail-bad-deadline-option.md", None),
        ("FJ003/fail-published-late.md", None),
        ("FJ003/fail-stricter-deadline.md", None),
        ("FJ003/pass-no-date.md", None),
        ("FJ003/pass-no-deadline-option.md", None),
        ("FJ003/pass-published-on-time.md", None),
    ]


def test_test_rules_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = tmp_path / "cases"
    shutil.copytree(PACK_CASES / "FJ002", cases / "FJ002")
    (tmp_path / "nianbao.yaml").write_text("plugins: [nianbao_pack_fujian]\n", encoding="utf-8")
    code, stdout, _ = run("test-rules", str(cases))
    assert (code, stdout) == (0, "ok   FJ002/fail-both-missing.md\nok   FJ002/fail-proposals-missing.md\n"
                                 "ok   FJ002/pass-both-reported.md\nok   FJ002/pass-short-names.md\n"
                                 "4 passed, 0 failed\n")
    expected = cases / "FJ002" / "fail-proposals-missing.expected.json"
    wrong = json.loads(expected.read_text(encoding="utf-8"))
    wrong[0]["message"] = "报告未说明人大代表建议的办理情况"
    expected.write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    code, stdout, _ = run("test-rules", str(cases))
    assert code == 1
    assert stdout.splitlines()[1] == "FAIL FJ002/fail-proposals-missing.md"
    assert stdout.splitlines()[-1] == "3 passed, 1 failed"
    unexpected = {"rule": "FJ002", "severity": "warning", "message": "报告未说明政协提案的办理情况"}
    assert "+ unexpected: " + json.dumps(unexpected, ensure_ascii=False) in stdout


def test_test_rules_on_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = run("test-rules", str(tmp_path))
    assert code == 2
    assert f"nianbao: error: {tmp_path}：没有找到规则用例" in stderr


def test_broken_pack_stops_the_run_unless_allowed(broken_pack: None) -> None:
    problem = ("插件 broken 未能加载：cannot import nianbao_pack_broken_missing: "
               "ModuleNotFoundError: No module named 'nianbao_pack_broken_missing'")
    with pytest.raises(ConfigurationError, match="--allow-broken-packs") as refused:
        Session(Config(select=("REC",)))
    assert str(refused.value).startswith(problem)
    code, stdout, stderr = run("check", "--select", "REC", str(DEFECTS))
    assert (code, stdout) == (2, "")
    assert problem in stderr

    session = Session(Config(select=("REC",), allow_broken_packs=True))
    assert [n.message for n in session.notifications if "broken" in n.message] == [problem]
    findings = session.check_file(DEFECTS).findings
    assert sorted((f.rule_id, f.location.line) for f in findings) == [
        ("REC001", 76), ("REC002", 76), ("REC003", 76)]
    code, _, stderr = run("check", "--allow-broken-packs", "--select", "REC", str(DEFECTS))
    assert code == 1
    assert "nianbao: warning: 插件 broken 未能加载" in stderr

    code, stdout, stderr = run("check", "--lang", "en", "--select", "REC", str(DEFECTS))
    assert (code, stdout) == (2, "")
    assert ("plugin broken failed to load: cannot import nianbao_pack_broken_missing: "
            "ModuleNotFoundError: No module named 'nianbao_pack_broken_missing' (a rule pack failed to load, "
            "so the check would be incomplete; use --allow-broken-packs to go on regardless)") in stderr
    assert "未能加载" not in stderr


def test_explain_prints_the_regulation_text(workdir: Path) -> None:
    code, stdout, _ = run("explain", "FJ003")
    assert code == 0
    assert stdout.startswith("FJ003 published-after-provincial-deadline：晚于省定期限公布\n")
    regulation = stdout.split("## 条例原文\n\n", 1)[1].rstrip("\n")
    assert regulation.splitlines() == [
        "《中华人民共和国政府信息公开条例》",
        "第四十九条 县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门"
        "提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。",
        "县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度"
        "政府信息公开工作年度报告。",
    ]
    _, english, _ = run("explain", "FJ001", "--lang", "en")
    assert "## Regulation text (official Chinese)\n\n《中华人民共和国政府信息公开条例》\n第五十条" in english
    assert "（五）其他需要报告的事项。" in english


@pytest.mark.parametrize("rule_id", ["FJ001", "FJ002", "FJ003"])
def test_pack_rules_explain_themselves_in_english(rule_id: str) -> None:
    _, english, _ = run("explain", rule_id, "--lang", "en")
    for heading in ("Requirement", "Source", "Example", "Fix"):
        assert f"\n## {heading}\n\n" in english
    assert "## 要求" not in english and "## 修改" not in english
    assert "no English version" not in english
    _, chinese, _ = run("explain", rule_id)
    assert "## 要求\n\n" in chinese and "## Requirement" not in chinese


def test_pack_case_projection_matches_its_doc_example() -> None:
    """Each pack rule's 示例 line is the output its failing case produces."""
    session = Session(Config(plugins=("nianbao_pack_fujian",), select=("FJ",)))
    for rule_id in FJ_RULES:
        rule = session.rule(rule_id)
        example = rule.doc_section("示例").split("```")[1].strip()
        shown = []
        for expected in sorted((PACK_CASES / rule_id).glob("fail-*.expected.json")):
            for item in json.loads(expected.read_text(encoding="utf-8")):
                level = {"error": "错误", "warning": "警告", "note": "提示"}[item["severity"]]
                shown.append(f"{item['rule']} [{level}] {item['message']}")
        assert example in shown, rule_id


LOCAL_PLUGIN = '''
from nianbao import Location, Rule, Violation, hookimpl

RULE = Rule(
    id="LC001", name="title-missing", title="报告没有标题", title_en="The report has no title",
    severity="note", source="本机关要求", message={"zh": "报告没有可识别的标题", "en": "no title found"},
    doc="报告没有可识别的标题。",
)


@RULE.check
def check(document, context):
    if not document.meta.title:
        yield Violation(Location())


@hookimpl
def nianbao_register_rules(config):
    return [RULE]
'''


def test_a_configuration_found_beside_the_reports_loads_no_python(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking a folder received from someone else never runs the Python its nianbao.yaml names."""
    marker = tmp_path / "ran"
    (tmp_path / "evil.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    (tmp_path / "nianbao.yaml").write_text("plugin-files: [evil.py]\n", encoding="utf-8")
    shutil.copyfile(CLEAN, tmp_path / "titled.md")
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run("check", "titled.md")
    assert code == 0 and not marker.exists()
    assert "plugin-files 指定的 Python 文件" in stderr and "--trust-config" in stderr
    run("check", "--config", "nianbao.yaml", "titled.md")
    assert marker.exists()


def test_local_plugin_file_is_loaded_without_packaging(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "local_rules.py").write_text(LOCAL_PLUGIN, encoding="utf-8")
    (tmp_path / "nianbao.yaml").write_text("plugin-files: [local_rules.py]\nselect: [LC]\n", encoding="utf-8")
    text = CLEAN.read_text(encoding="utf-8")
    (tmp_path / "untitled.md").write_text(text.split("\n", 1)[1], encoding="utf-8")
    shutil.copyfile(CLEAN, tmp_path / "titled.md")
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run("check", "--trust-config", "untitled.md", "titled.md")
    assert code == 0
    assert stdout.splitlines() == [
        "untitled.md: LC001 [提示] 报告没有可识别的标题",
        "untitled.md: 检查：2021 版格式（据统计表），2022 年度（据统计期限）；规则 1 条；"
        "勾稽关系 42 处全部成立",
        "titled.md: 检查：2021 版格式（据统计表），2022 年度（据标题）；规则 1 条；勾稽关系 42 处全部成立",
        "共检查 2 个文件：错误 0 个，警告 0 个，提示 1 个",
    ]
    _, listing, _ = run("rules", "--json", "--config", "nianbao.yaml")
    assert [r["origin"] for r in json.loads(listing) if r["id"] == "LC001"] == [
        str((tmp_path / "local_rules.py").resolve())]
