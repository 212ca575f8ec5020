"""``nianbao check``: the text output, ``-o``, exit codes, and bad input that never stops a batch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_reporters_support import OUTCOME_MESSAGE
from test_reporters_support import OUTCOME_MESSAGE_EN
from test_reporters_support import ROW_MESSAGE
from test_reporters_support import ROW_MESSAGE_EN
from test_reporters_support import SELECT
from test_reporters_support import line_of
from test_reporters_support import run_cli
from test_reporters_support import write_report

SUMMARY_ZH = "共检查 {files} 个文件：错误 {errors} 个，警告 0 个，提示 0 个"
SUMMARY_EN = "Checked {files} file(s): {errors} error(s), 0 warning(s), 0 note(s)"
# what was checked, under each report: SELECT's five rules, the reconciling identities
CHECKED_ZH = ("{path}: 检查：2019 版格式（据统计表），2020 年度（据标题）；规则 5 条；"
              "勾稽关系 40 处中 38 处成立")
CHECKED_EN = ("{path}: checked as the 2019 edition (from the tables), year 2020 (from the title): 5 rules; "
              "38 of 40 identity sums hold")


def finding_lines(output: str) -> list[str]:
    """The finding and summary lines, without the indented evidence."""
    return [line for line in output.splitlines() if not line.startswith("    ")]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_lines_and_summary(folder: Path) -> None:
    path = write_report(folder / "年报 2020", "示例区.md")
    result = run_cli("check", "--select", SELECT, "年报 2020")
    total, granted = line_of(path, "（七）总计"), line_of(path, "三、本年度办理结果")
    assert finding_lines(result.stdout) == [
        f"年报 2020/示例区.md:{granted}: REC002 [错误] {OUTCOME_MESSAGE}",
        f"年报 2020/示例区.md:{granted}: REC003 [错误] {ROW_MESSAGE}",
        CHECKED_ZH.format(path="年报 2020/示例区.md"),
        SUMMARY_ZH.format(files=1, errors=2),
    ]
    quiet = finding_lines(run_cli("check", "--select", SELECT, "-q", "年报 2020").stdout)
    assert quiet == [line for line in finding_lines(result.stdout) if "检查：" not in line]
    # compact evidence: the identity once, the cells with a figure, the zeros counted
    evidence = result.stdout.splitlines()[1:11]
    assert evidence == [
        "    勾稽关系：三、（七）总计 = （一）至（六）各项之和（（六）其他处理为一行）",
        f"    （七）总计 / 自然人 = 102  [第{total}行]",
        f"    （一）予以公开 / 自然人 = 56  [第{granted}行]",
        f"    （二）部分公开（区分处理的，只计这一情形，不计其他情形） / 自然人 = 10  [第{granted + 1}行]",
        f"    4.保护第三方合法权益 / 自然人 = 2  [第{granted + 5}行]",
        f"    5.属于三类内部事务信息 / 自然人 = 2  [第{granted + 6}行]",
        f"    1.本机关不掌握相关政府信息 / 自然人 = 23  [第{granted + 10}行]",
        f"    3.补正后申请内容仍不明确 / 自然人 = 1  [第{granted + 12}行]",
        f"    2.重复申请 / 自然人 = 9  [第{granted + 14}行]",
        "    （另有 12 格为 0 或空白；-v 全部列出）",
    ]
    verbose = run_cli("check", "--select", SELECT, "-v", "年报 2020").stdout.splitlines()
    assert len([line for line in verbose[:25] if " / 自然人 = " in line]) == 20
    assert result.exit_code == 1


def test_english(folder: Path) -> None:
    path = write_report(folder, "report.md")
    result = run_cli("check", "--select", SELECT, "--lang", "en", "report.md")
    assert finding_lines(result.stdout) == [
        f"report.md:{line_of(path, '三、本年度办理结果')}: REC002 [error] "
        + OUTCOME_MESSAGE_EN,
        f"report.md:{line_of(path, '三、本年度办理结果')}: REC003 [error] "
        + ROW_MESSAGE_EN,
        CHECKED_EN.format(path="report.md"),
        SUMMARY_EN.format(files=1, errors=2),
    ]
    total = line_of(path, "（七）总计")
    assert result.stdout.splitlines()[2] == f"    （七）总计 / 自然人 = 102  [line {total}]"


def test_exit_codes(folder: Path) -> None:
    write_report(folder, "clean.md", changed=False)
    write_report(folder, "wrong.md")
    assert run_cli("check", "--select", SELECT, "clean.md").exit_code == 0
    assert run_cli("check", "--select", SELECT, "wrong.md").exit_code == 1
    assert run_cli("check", "--select", SELECT, "--exit-zero", "wrong.md").exit_code == 0
    unknown = run_cli("check", "--format", "yaml", "clean.md")
    assert unknown.exit_code == 2
    assert "unknown format 'yaml'" in unknown.stderr
    assert run_cli("check", "--no-such-option", "clean.md").exit_code == 2
    assert run_cli("check").exit_code == 2


def test_missing_file_is_named_and_the_others_are_checked(folder: Path) -> None:
    write_report(folder, "wrong.md")
    result = run_cli("check", "--select", SELECT, "缺失.md", "wrong.md")
    assert result.exit_code == 2
    assert "nianbao: error: 缺失.md: 文件不存在" in result.stderr.splitlines()
    assert finding_lines(result.stdout)[-1] == SUMMARY_ZH.format(files=1, errors=2)


def test_output_file(folder: Path) -> None:
    write_report(folder / "年报", "wrong.md")
    expected = run_cli("check", "--select", SELECT, "年报").stdout
    result = run_cli("check", "--select", SELECT, "-o", "年报/结果.txt", "年报")
    assert result.exit_code == 1
    assert result.stdout == ""
    # written after the run: the output file in the folder being checked is not read as a report
    assert (folder / "年报" / "结果.txt").read_text(encoding="utf-8") == expected
    assert expected.splitlines()[-1] == SUMMARY_ZH.format(files=1, errors=2)


def test_output_file_in_json(folder: Path) -> None:
    write_report(folder, "wrong.md")
    result = run_cli("check", "--select", SELECT, "--format", "json", "--output", "out.json", "wrong.md")
    assert result.exit_code == 1
    output = json.loads((folder / "out.json").read_text(encoding="utf-8"))
    assert [f["rule_id"] for f in output["reports"][0]["findings"]] == ["REC002", "REC003"]


def test_output_never_overwrites_a_report(folder: Path) -> None:
    report = write_report(folder / "年报", "wrong.md")
    before = report.read_bytes()
    for target in ("年报/wrong.md", "./年报/../年报/wrong.md"):
        result = run_cli("check", "-o", target, "年报")
        assert result.exit_code == 2
        assert "is one of the reports being checked; nianbao never writes over a report" in result.stderr
        assert report.read_bytes() == before


def test_output_into_a_missing_folder(folder: Path) -> None:
    write_report(folder, "wrong.md")
    result = run_cli("check", "-o", "没有/out.txt", "wrong.md")
    assert result.exit_code == 2
    message = "输出文件所在的文件夹不存在"
    assert f"nianbao: error: 没有/out.txt: {message}" in result.stderr.splitlines()
    english = run_cli("check", "--lang", "en", "-o", "没有/out.txt", "wrong.md", "缺失.md")
    assert english.stderr.splitlines() == [
        "nianbao: error: 缺失.md: no such file or directory",
        "nianbao: error: 没有/out.txt: the folder for the output file does not exist"]
    assert not (folder / "没有").exists()


def test_bad_files_give_doc001_and_do_not_stop_the_batch(folder: Path) -> None:
    batch = folder / "批次"
    write_report(batch, "z-wrong.md")
    (batch / "a-binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\xff\xfe")
    (batch / "b-empty.txt").write_bytes(b"")
    (batch / "c-note.txt").write_text("会议通知\n\n请各单位于周五前报送材料。\n", encoding="utf-8")
    result = run_cli("check", "--select", SELECT, "批次")
    lines = finding_lines(result.stdout)
    assert lines[:3] == [
        "批次/a-binary.md: DOC001 [错误] 无法检查此文件：文件是二进制数据，不是文本",
        "批次/b-empty.txt: DOC001 [错误] 无法检查此文件：文件是空的",
        "批次/c-note.txt: DOC001 [错误] 不是一份可识别的政府信息公开工作年度报告："
        "未找到任何报告章节（一、总体情况 …）或统计表",
    ]
    assert [line.split(" [")[0].split(": ")[1] for line in lines[3:5]] == ["REC002", "REC003"]
    # a file that could not be read has no line saying what was checked
    assert lines[5:] == [CHECKED_ZH.format(path="批次/z-wrong.md"), SUMMARY_ZH.format(files=4, errors=5)]
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1


def test_english_load_failure(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    result = run_cli("check", "--lang", "en", "--select", SELECT, "empty.txt")
    assert finding_lines(result.stdout) == [
        "empty.txt: DOC001 [error] cannot check this file: the file is empty",
        SUMMARY_EN.format(files=1, errors=1),
    ]


def test_installed_command(folder: Path) -> None:
    write_report(folder, "wrong.md")
    command = [sys.executable, "-c", "from nianbao.cli import run; run()"]
    done = subprocess.run([*command, "check", "--select", SELECT, "wrong.md", "missing.md"],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert done.returncode == 2
    assert "nianbao: error: missing.md: 文件不存在" in done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    assert done.stdout.splitlines()[-1] == SUMMARY_ZH.format(files=1, errors=2)


@pytest.mark.parametrize("case", ["notice-page.html", "notice-with-report-headings.html", "news-page.md"])
def test_a_page_that_is_not_a_report_is_exactly_one_doc001(case: str) -> None:
    """With every rule installed and selected, a 通知 or news page with numbered parts (一、活动时间 …)
    is one finding saying why, not a list of what a report would lack."""
    path = Path(__file__).resolve().parents[1] / "cases" / "DOC001" / case
    result = run_cli("check", "--format", "json", str(path))
    (report,) = json.loads(result.stdout)["reports"]
    assert [(f["rule_id"], f["message"].split("：", 1)[0]) for f in report["findings"]] == [
        ("DOC001", "不是政府信息公开工作年度报告")]
    assert result.exit_code == 1


def test_help_is_chinese_by_default_and_english_on_request() -> None:
    import os
    import shutil

    command = shutil.which("nianbao")
    if command is None:
        pytest.skip("the nianbao command is not installed")
    env = {k: v for k, v in os.environ.items() if k != "NIANBAO_LANG"}
    chinese = subprocess.run([command, "check", "--help"], capture_output=True, text=True, env=env,
                             check=True).stdout
    assert "检查年度报告：文件、文件夹、已发布网页的 http(s) 地址" in chinese
    assert "退出码为 1 所需的最低级别" in chinese
    assert "-h, --help                      显示帮助并退出。" in chinese
    assert "Show this message" not in chinese
    for words in (["--help"], ["history", "list", "-h"]):
        assert "-h, --help" in (shown := subprocess.run([command, *words], capture_output=True, text=True,
                                                         env=env, check=True).stdout)
        assert "显示帮助并退出。" in shown and "Show this message" not in shown
    english = subprocess.run([command, "check", "--help"], capture_output=True, text=True,
                             env={**env, "NIANBAO_LANG": "en"}, check=True).stdout
    assert "Check reports: files, folders" in english and "检查年度报告" not in english
    assert "-h, --help                      Show this message and exit." in english
    asked = subprocess.run([command, "check", "--lang", "en", "--help"], capture_output=True, text=True,
                           env=env, check=True).stdout
    assert "Lowest severity of an active finding" in asked
