"""Narrative findings point at the sentence, and show what it was compared with as related
locations: TXT002 the other statement and the table's cells, TXT004 where its base comes from."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from nianbao.cli import main

CASES = Path(__file__).resolve().parent.parent / "cases"


def sarif_result(case: Path, rule: str, monkeypatch) -> dict:
    monkeypatch.chdir(case.parent)
    out = CliRunner().invoke(main, ["check", "--select", rule, "--format", "sarif", case.name]).stdout
    [result] = json.loads(out)["runs"][0]["results"]
    return result


def related(result: dict) -> list[tuple[str, object, str | None]]:
    return [(r["message"]["text"], r["logicalLocations"][0]["fullyQualifiedName"],
             r["physicalLocation"].get("region", {}).get("startLine")) for r in result["relatedLocations"]]


def test_txt002_shows_both_statements_and_the_table_cell(monkeypatch) -> None:
    result = sarif_result(CASES / "TXT002" / "received-stated-twice.md", "TXT002", monkeypatch)
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 9}
    assert result["locations"][0]["message"]["text"] == "第9行（一、总体情况）"  # the part the sentence is in
    assert related(result) == [
        ("叙述“今年共收到政府信息公开申请74件。” = 74 [第7行]", "narrative", 7),
        ("叙述“…全年收到政府信息公开申请80件，均在法定期限内答…” = 80 [第9行]", "narrative", 9),
        ("一、本年新收政府信息公开申请数量 / 总计 = 74 [第35行]", "applications/received/total", 35),
    ]


def test_txt004_shows_where_its_base_is_stated(monkeypatch) -> None:
    result = sarif_result(CASES / "TXT004" / "percentage-off.md", "TXT004", monkeypatch)
    assert result["locations"][0]["message"]["text"] == "第7行（一、总体情况）"
    assert result["message"]["text"] == "“37件，占50%”与基数 75 不符：37÷75=49.3%，不是 50%"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 7}
    assert related(result) == [
        ("叙述“…年共办结政府信息公开申请75件，其中予以公开21…” = 75 [第7行]", "narrative", 7)]


def test_txt004_with_the_base_from_the_table_shows_its_cell(tmp_path: Path, monkeypatch) -> None:
    """No total stated: the base is the table's 本年新收 total, and that cell is shown."""
    text = (CASES / "TXT004" / "percentage-off.md").read_text(encoding="utf-8")
    assert "75件" in text
    report = tmp_path / "report.md"
    report.write_text(text.replace("办结政府信息公开申请75件，", "办结政府信息公开申请，"), encoding="utf-8")
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    lines = runner.invoke(main, ["check", "--select", "TXT004", "report.md"]).stdout.splitlines()
    assert lines[:2] == [
        "report.md:7: TXT004 [警告] “37件，占50%”与基数 75 不符：37÷75=49.3%，不是 50%"
        "（叙述没有写明基数，基数取自统计表，可能不是作者所用的基数）",
        "    （七）总计 / 总计 = 75  [第56行]"]
