"""A table's blank cells are one habit and one REC005: named by column, every cell in the evidence
(``-v``) and as a SARIF related location, with a fingerprint that another blank cell or an
unrelated edit does not change."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from nianbao.cli import main
from nianbao.config.settings import Config
from nianbao.engine.session import Session

ROOT = Path(__file__).resolve().parent.parent.parent
CASE = ROOT / "tests" / "cases" / "REC005" / "2019-html-blank-cells.html"
MESSAGE = ("表三有 12 格空白：“商业企业、科研机构、社会公益组织、法律服务机构、其他”在 2 行中，"
           "“自然人、总计”在“2.其他法律行政法规禁止公开”行；没有发生的应填 0")
BLANK = [f"withheld_state_secret.{c}" for c in ("business", "research", "public_interest", "legal_services",
                                                "other")] + [
    f"withheld_prohibited.{c}" for c in ("natural_person", "business", "research", "public_interest",
                                         "legal_services", "other", "total")]


def blank_findings(path: Path) -> list:
    session = Session(Config(select=("REC005",)))
    return [f for f in session.check_file(path).findings if f.rule_id == "REC005"]


def test_one_finding_names_the_columns_and_lists_every_cell() -> None:
    [finding] = blank_findings(CASE)
    assert (finding.severity, finding.message, finding.location.logical) == (
        "warning", MESSAGE, "applications")
    assert finding.location.line == 13  # the first blank cell: 1.属于国家秘密 / 商业企业
    assert [c.key for c in finding.evidence.cells] == BLANK
    assert {c.value for c in finding.evidence.cells} == {None}


def test_verbose_text_and_sarif_show_each_blank_cell(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(CASE.parent)
    runner = CliRunner()
    short = runner.invoke(main, ["check", "--select", "REC005", CASE.name]).stdout.splitlines()
    assert short[:2] == [f"{CASE.name}:13: REC005 [警告] {MESSAGE}（空白多半是未填 0，并非数据缺失）",
                         "    （12 格均为 0 或空白；-v 逐格列出）"]
    text = runner.invoke(main, ["check", "--select", "REC005", "-v", CASE.name]).stdout.splitlines()
    assert text[0] == f"{CASE.name}:13: REC005 [警告] {MESSAGE}（空白多半是未填 0，并非数据缺失）"
    assert text[1:3] == ["    1.属于国家秘密 / 商业企业 = (空)  [第13行]",
                         "    1.属于国家秘密 / 科研机构 = (空)  [第13行]"]
    assert text[12] == "    2.其他法律行政法规禁止公开 / 总计 = (空)  [第14行]"
    sarif = json.loads(runner.invoke(main, ["check", "--select", "REC005", "--format", "sarif",
                                            CASE.name]).stdout)
    [result] = sarif["runs"][0]["results"]
    related = result["relatedLocations"]
    assert [r["logicalLocations"][0]["fullyQualifiedName"] for r in related] == [
        "applications/" + key.replace(".", "/") for key in BLANK]
    assert related[-1]["message"]["text"] == "2.其他法律行政法规禁止公开 / 总计 =  [第14行]"
    assert related[-1]["physicalLocation"]["region"] == {"startLine": 14}


def test_the_fingerprint_stays_when_another_cell_is_left_blank(tmp_path: Path) -> None:
    [before] = blank_findings(CASE)
    page = CASE.read_text(encoding="utf-8")
    assert page.count("<td>110</td>") == 1
    changed = tmp_path / CASE.name
    changed.write_text(page.replace("<td>110</td>", "<td></td>"), encoding="utf-8")
    [after] = blank_findings(changed)
    assert len(after.evidence.cells) == len(before.evidence.cells) + 1
    assert after.fingerprint == before.fingerprint
