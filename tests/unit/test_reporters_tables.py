"""``--format csv`` and ``--format xlsx``: one row per finding (and, in the workbook, per report)
for the spreadsheets review offices work in."""

from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from nianbao.reporters.csv import csv_cell
from nianbao.reporters.xlsx import MIN_WIDTH
from nianbao.reporters.xlsx import text_width
from openpyxl import load_workbook
from test_reporters_support import AGENCY
from test_reporters_support import OUTCOME_MESSAGE
from test_reporters_support import ROW_MESSAGE
from test_reporters_support import SELECT
from test_reporters_support import line_of
from test_reporters_support import run_cli
from test_reporters_support import write_report

# the installed command, beside this interpreter
NIANBAO = str(Path(sys.executable).with_name("nianbao"))
HEADER_ZH = ["文件", "机关", "年度", "版本", "规则", "级别", "位置", "说明", "应为", "实为", "已接受", "指纹"]


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.chdir(tmp_path)
    bad = write_report(tmp_path / "年报", "示例区.md")
    good = write_report(tmp_path / "年报", "clean.md", changed=False)
    return bad, good


def expected_rows(bad: Path) -> list[list[str]]:
    granted = line_of(bad, "（一）予以公开")
    return [
        ["年报/示例区.md", AGENCY, "2020", "2019", "REC002", "错误",
         f"第{granted}行 表三 （一）予以公开 / 自然人", OUTCOME_MESSAGE, "103", "102", ""],
        ["年报/示例区.md", AGENCY, "2020", "2019", "REC003", "错误",
         f"第{granted}行 表三 （一）予以公开 / 自然人", ROW_MESSAGE, "61", "60", ""],
    ]


def test_csv_is_one_row_per_finding_with_a_bom(reports: tuple[Path, Path]) -> None:
    result = run_cli("check", "--select", SELECT, "--format", "csv", "年报")
    assert result.exit_code == 1, result.output
    raw = result.stdout_bytes
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADER_ZH
    assert [row[:-1] for row in rows[1:]] == expected_rows(reports[0])
    assert all(len(row[-1]) == 32 for row in rows[1:])  # the fingerprint


def test_csv_headers_and_severity_in_english(reports: tuple[Path, Path]) -> None:
    result = run_cli("check", "--select", SELECT, "--format", "csv", "--lang", "en", "年报")
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert rows[0][:10] == ["file", "agency", "year", "edition", "rule", "severity", "location", "message",
                            "expected", "actual"]
    assert [(r[4], r[5], r[6].split(" ")[:2]) for r in rows[1:]] == [
        ("REC002", "error", ["line", str(line_of(reports[0], "（一）予以公开"))]),
        ("REC003", "error", ["line", str(line_of(reports[0], "（一）予以公开"))]),
    ]


def test_csv_defuses_text_a_spreadsheet_would_run() -> None:
    assert csv_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("-1") == "-1"
    assert csv_cell(-1) == -1
    assert csv_cell("表三") == "表三"
    assert csv_cell(None) == ""


UNPAIRED = f"未配对：本次检查中没有{AGENCY}2019年度的报告"


def test_xlsx_has_a_sheet_of_reports_and_one_of_findings(reports: tuple[Path, Path], tmp_path: Path) -> None:
    result = run_cli("check", "--select", SELECT, "--format", "xlsx", "-o", "out.xlsx", "年报")
    assert result.exit_code == 1, result.output
    book = load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["报告", "问题"]
    sheet = book["报告"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["文件", "机关", "年度", "版本", "输入格式", "错误", "警告", "提示", "状态", "上年报告"],
        ["年报/clean.md", AGENCY, 2020, "2019", "markdown", 0, 0, 0, "通过", UNPAIRED],
        ["年报/示例区.md", AGENCY, 2020, "2019", "markdown", 2, 0, 0, "有错误", UNPAIRED],
    ]
    findings = book["问题"]
    rows = [[c.value for c in row] for row in findings.iter_rows()]
    assert rows[0] == HEADER_ZH
    shown = [[("" if v is None else str(v)) for v in row[:-1]] for row in rows[1:]]
    assert shown == expected_rows(reports[0])
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    # the message column is as wide as its longest Chinese text (two units a character), capped
    assert findings.column_dimensions["H"].width == min(text_width(OUTCOME_MESSAGE), 80) + 2
    # 年度 and 2020 are narrower than the minimum
    assert findings.column_dimensions["C"].width == MIN_WIDTH + 2


def test_xlsx_text_is_never_a_formula(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path, "=1+1.md")
    result = run_cli("check", "--select", SELECT, "--format", "xlsx", "-o", "out.xlsx", "=1+1.md")
    assert result.exit_code == 1, result.output
    cell = load_workbook(tmp_path / "out.xlsx")["问题"]["A2"]
    assert (cell.value, cell.data_type) == ("=1+1.md", "s")


def test_xlsx_is_never_written_to_a_terminal(reports: tuple[Path, Path], tmp_path: Path) -> None:
    main, terminal = pty.openpty()
    try:
        done = subprocess.run([NIANBAO, "check", "--format", "xlsx", "年报"],
                              stdout=terminal, stderr=subprocess.PIPE, cwd=tmp_path, timeout=120)
    finally:
        os.close(terminal)
        os.close(main)
    assert done.returncode == 2
    assert "-o FILE" in done.stderr.decode()


def test_xlsx_goes_to_a_pipe(reports: tuple[Path, Path], tmp_path: Path) -> None:
    done = subprocess.run([NIANBAO, "check", "--select", SELECT, "--format", "xlsx", "年报"],
                          capture_output=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 1, done.stderr.decode()
    (tmp_path / "piped.xlsx").write_bytes(done.stdout)
    assert load_workbook(tmp_path / "piped.xlsx").sheetnames == ["报告", "问题"]


def test_xlsx_names_last_years_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = write_report(tmp_path / "年报", "2020.md", changed=False).parent
    (folder / "2019.md").write_text((folder / "2020.md").read_text(encoding="utf-8").replace("2020", "2019"),
                                    encoding="utf-8")
    result = run_cli("check", "--select", SELECT, "--format", "xlsx", "-o", "out.xlsx", "年报")
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "out.xlsx")["报告"]
    previous = {row[0]: row[9] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert previous["年报/2020.md"] == "年报/2019.md"
    assert previous["年报/2019.md"] in (None, "未配对") or previous["年报/2019.md"].startswith("未配对：")
