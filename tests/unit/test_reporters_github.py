"""``--format github``: workflow commands that GitHub Actions turns into annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.reporters.github import command
from nianbao.reporters.github import escape_data
from nianbao.reporters.github import escape_property
from test_reporters_support import OUTCOME_MESSAGE
from test_reporters_support import ROW_MESSAGE
from test_reporters_support import SELECT
from test_reporters_support import line_of
from test_reporters_support import run_cli
from test_reporters_support import write_report


def test_escaping() -> None:
    assert escape_data("差 1%\r\n第二行: a,b") == "差 1%25%0D%0A第二行: a,b"
    assert escape_property("年报,2020:终稿%/a.md") == "年报%2C2020%3A终稿%25/a.md"
    written = command("warning", "a\nb", file="x,y.md", line=None, title="T: 1")
    assert written == "::warning file=x%2Cy.md,title=T%3A 1::a%0Ab"
    assert command("notice", "plain") == "::notice::plain"


def test_annotations_for_a_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = write_report(tmp_path / "年报,2020:终稿", "示例区.md")
    result = run_cli("check", "--select", SELECT, "--format", "github", "年报,2020:终稿")
    assert result.exit_code == 1
    file = "年报%2C2020%3A终稿/示例区.md"
    assert result.stdout.splitlines() == [
        f"::error file={file},line={line_of(path, '三、本年度办理结果')},"
        "title=REC002 outcome-total-mismatch::"
        + OUTCOME_MESSAGE,
        f"::error file={file},line={line_of(path, '三、本年度办理结果')},title=REC003 row-total-mismatch::"
        + ROW_MESSAGE,
        "共检查 1 个文件：错误 2 个，警告 0 个，提示 0 个",
    ]


def test_unreadable_file_is_annotated_without_a_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("check", "--select", SELECT, "--format", "github", "--lang", "en", "empty.txt")
    assert result.stdout.splitlines() == [
        "::error file=empty.txt,title=DOC001 unreadable-report::cannot check this file: the file is empty",
        "Checked 1 file(s): 1 error(s), 0 warning(s), 0 note(s)",
    ]
