"""``--format json``: the whole run as one document, valid against findings.schema.json."""

from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.schemas import validator_for
from test_reporters_support import AGENCY
from test_reporters_support import OUTCOME_MESSAGE
from test_reporters_support import OUTCOME_MESSAGE_EN
from test_reporters_support import ROW_MESSAGE
from test_reporters_support import ROW_MESSAGE_EN
from test_reporters_support import line_of
from test_reporters_support import run_json
from test_reporters_support import write_report

FOLDER = "年报 2020（终稿）"


@pytest.fixture
def checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict]:
    monkeypatch.chdir(tmp_path)
    path = write_report(tmp_path / FOLDER, "示例区.md")
    return path, run_json(FOLDER)


def assert_valid(output: dict) -> None:
    errors = sorted(validator_for("findings").iter_errors(output), key=lambda e: list(e.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_output_is_valid_against_the_schema(checked: tuple[Path, dict]) -> None:
    assert_valid(checked[1])


def test_tool_rules_and_summary(checked: tuple[Path, dict]) -> None:
    output = checked[1]
    assert output["format_version"] == 1
    assert output["tool"] == {"name": "nianbao", "version": "0.1.0"}
    assert output["lang"] == "zh"
    assert output["rules"] == [
        {"id": "DOC001", "name": "unreadable-report", "severity": "error"},
        {"id": "REC001", "name": "balance-mismatch", "severity": "error"},
        {"id": "REC002", "name": "outcome-total-mismatch", "severity": "error"},
        {"id": "REC003", "name": "row-total-mismatch", "severity": "error"},
        {"id": "REC004", "name": "case-total-mismatch", "severity": "error"},
    ]
    assert output["summary"] == {"files": 1, "errors": 2, "warnings": 0, "notes": 0, "suppressed": 0,
                                 "baselined": 0,
                                 "internal_errors": 0, "by_rule": {"REC002": 1, "REC003": 1},
                                 "skipped": [], "pairs": [], "unpaired": []}


def test_report_path_and_meta(checked: tuple[Path, dict]) -> None:
    (report,) = checked[1]["reports"]
    assert report["path"] == f"{FOLDER}/示例区.md"
    assert report["meta"] == {
        "title": f"{AGENCY}2020年政府信息公开工作年度报告",
        "agency": AGENCY,
        "report_year": 2020,
        "report_year_source": "title",
        "edition": "2019",
        "edition_source": "tables",
        "table_edition": "2019",
        "body_type": "government",
        "published_on": None,
    }
    assert report["notifications"] == []


def test_outcome_total_finding(checked: tuple[Path, dict]) -> None:
    path, output = checked
    finding = output["reports"][0]["findings"][0]
    total_line = line_of(path, "（七）总计")
    assert finding["rule_id"] == "REC002"
    assert finding["rule_name"] == "outcome-total-mismatch"
    assert finding["severity"] == "error"
    granted_line = line_of(path, "三、本年度办理结果")
    assert finding["message"] == OUTCOME_MESSAGE
    # the finding points at the cell that is most likely wrong, not at the total it breaks
    assert finding["location"] == {
        "line": granted_line,
        "page": None,
        "locator": f"line {granted_line}, cell 4",
        "section": "applications",
        "table": "applications",
        "row": "granted",
        "column": "natural_person",
        "label": "（一）予以公开 / 自然人",
        "pointer": "/tables/applications/values/granted.natural_person",
        "logical": "applications/granted/natural_person",
        "heading": "三、收到和处理政府信息公开申请情况",
        "place": f"第{granted_line}行",
    }
    assert (finding["args"]["cause_value"], finding["args"]["cause_should"]) == (56, 55)
    evidence = finding["evidence"]
    assert (evidence["expected"], evidence["actual"]) == (103, 102)
    assert evidence["cells"][0] == {
        "key": "total.natural_person", "label": "（七）总计 / 自然人",
        "pointer": "/tables/applications/values/total.natural_person",
        "line": total_line, "page": None, "raw": "102", "value": 102,
        "locator": f"line {total_line}, cell 4", "place": f"第{total_line}行",
    }
    assert evidence["cells"][1] == {
        "key": "granted.natural_person", "label": "（一）予以公开 / 自然人",
        "pointer": "/tables/applications/values/granted.natural_person",
        "line": line_of(path, "三、本年度办理结果"), "page": None, "raw": "56", "value": 56,
        "locator": f"line {line_of(path, '三、本年度办理结果')}, cell 4",
        "place": f"第{line_of(path, '三、本年度办理结果')}行",
    }
    # the written total and the nineteen outcome rows of the 2019 edition it should add up
    assert len(evidence["cells"]) == 20
    assert sum(c["value"] for c in evidence["cells"][1:]) == 103
    assert finding["suppressed"] is None
    assert len(finding["fingerprint"]) == 32


def test_row_total_finding(checked: tuple[Path, dict]) -> None:
    path, output = checked
    finding = output["reports"][0]["findings"][1]
    granted_line = line_of(path, "三、本年度办理结果")
    assert (finding["rule_id"], finding["severity"]) == ("REC003", "error")
    assert finding["message"] == ROW_MESSAGE
    assert finding["location"]["line"] == granted_line
    assert finding["location"]["logical"] == "applications/granted/natural_person"
    assert finding["args"]["expected"] == 61
    assert finding["args"]["actual"] == 60
    assert [(c["key"], c["value"]) for c in finding["evidence"]["cells"]] == [
        ("granted.total", 60), ("granted.natural_person", 56), ("granted.business", 3),
        ("granted.research", 0), ("granted.public_interest", 0), ("granted.legal_services", 0),
        ("granted.other", 2),
    ]


def test_english_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path, "report.md")
    output = run_json("--lang", "en", "report.md")
    assert output["lang"] == "en"
    assert [f["message"] for f in output["reports"][0]["findings"]] == [
        OUTCOME_MESSAGE_EN,
        ROW_MESSAGE_EN,
    ]
    assert_valid(output)


def test_fingerprints_do_not_depend_on_file_name_format_or_lines(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    md = write_report(tmp_path / "网站版", "2020年报.md")
    txt = write_report(tmp_path / "归档", "guancheng-2020.txt", spacing=4)
    assert line_of(md, "三、本年度办理结果") != line_of(txt, "三、本年度办理结果")
    output = run_json(md.relative_to(tmp_path), txt.relative_to(tmp_path))
    md_report, txt_report = output["reports"]
    assert [f["location"]["line"] for f in md_report["findings"]] == [line_of(md, "三、本年度办理结果")] * 2
    assert [f["location"]["line"] for f in txt_report["findings"]] == [line_of(txt, "三、本年度办理结果")] * 2
    fingerprints = [[f["fingerprint"] for f in r["findings"]] for r in (md_report, txt_report)]
    assert fingerprints[0] == fingerprints[1]
    assert md_report["findings"][0]["fingerprint"] != md_report["findings"][1]["fingerprint"]


def test_unreadable_file_has_no_meta(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "空白.txt").write_bytes(b"")
    output = run_json("空白.txt")
    assert_valid(output)
    (report,) = output["reports"]
    assert report["meta"] is None
    (finding,) = report["findings"]
    assert finding["rule_id"] == "DOC001"
    assert finding["message"] == "无法检查此文件：文件是空的"
    assert finding["location"]["logical"] == "document"
    assert finding["location"]["pointer"] == ""
    assert finding["evidence"] is None
    assert finding["args"] == {"problem": "文件是空的", "problem_en": "the file is empty"}


def test_empty_run_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nothing").mkdir()
    output = run_json("nothing")
    assert output["reports"] == []
    assert output["summary"]["files"] == 0
    assert_valid(output)
