"""Batches: list files, --exclude, files that are not reports, worker processes with a per-file
timeout, input order, the progress bar, and the year-over-year pairing summary."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from nianbao.engine.pairing import body_key
from nianbao.model.findings import Finding
from nianbao.model.findings import Location
from nianbao.model.results import CheckedReport
from nianbao.progress import Progress
from test_reporters_support import AGENCY
from test_reporters_support import SELECT
from test_reporters_support import report_text
from test_reporters_support import run_cli
from test_reporters_support import write_report

# loaders for two kinds of file that misbehave: one never finishes, one ends its process
MISBEHAVING = '''
import os
import signal
import time

from nianbao import hookimpl


class Hangs:
    name = "hangs"
    suffixes = (".hang",)

    def sniff(self, head):
        return False

    def load(self, path, data, editions):
        time.sleep(600)


class Stuck:
    name = "stuck"
    suffixes = (".stuck",)

    def sniff(self, head):
        return False

    def load(self, path, data, editions):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as C code that never yields
        time.sleep(600)


class Crashes:
    name = "crashes"
    suffixes = (".crash",)

    def sniff(self, head):
        return False

    def load(self, path, data, editions):
        os._exit(7)


@hookimpl
def nianbao_register_loaders():
    return [Hangs(), Stuck(), Crashes()]
'''


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings_of(output: dict) -> list[tuple[str, str, int | None, str]]:
    return [(r["path"], f["rule_id"], f["location"]["line"], f["message"])
            for r in output["reports"] for f in r["findings"]]


def test_list_file_folders_exclude_and_files_that_are_not_reports(folder: Path) -> None:
    write_report(folder / "reports", "wrong.md")
    write_report(folder / "reports" / "草稿", "draft.md")
    write_report(folder / "reports", "old.txt")
    (folder / "reports" / "README.md").write_text("# 说明\n这些是各区的年报。\n", encoding="utf-8")
    (folder / "reports" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "reports" / "统计.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "reports" / "all.zip").write_bytes(b"PK\x03\x04")
    write_report(folder / "more", "single.md")
    (folder / "list.txt").write_text(
        "# 本批次\n\nmore/single.md\n  reports  \n# more/ignored.md\n", encoding="utf-8")
    result = run_cli("check", "--select", SELECT, "--format", "json", "--exclude", "草稿",
                     "--exclude", "*.txt", "@list.txt")
    output = json.loads(result.stdout)
    alone = [json.loads(run_cli("check", "--select", SELECT, "--format", "json", name).stdout)
             for name in ("more/single.md", "reports/wrong.md")]
    assert findings_of(output) == [f for checked in alone for f in findings_of(checked)]
    assert [(path, rule) for path, rule, _, _ in findings_of(output)] == [
        ("more/single.md", "REC002"), ("more/single.md", "REC003"),
        ("reports/wrong.md", "REC002"), ("reports/wrong.md", "REC003")]
    assert output["summary"]["skipped"] == [
        {"path": "reports/README.md", "reason": "项目说明文件", "reason_en": "a project file"},
        {"path": "reports/all.zip", "reason": "压缩包", "reason_en": "an archive"},
        {"path": "reports/logo.png", "reason": "图片", "reason_en": "an image"},
        {"path": "reports/统计.xlsx", "reason": "电子表格", "reason_en": "a spreadsheet"},
    ]
    text = run_cli("check", "--select", SELECT, "--exclude", "草稿", "--exclude", "*.txt", "@list.txt").stdout
    assert text.splitlines()[-6:] == [
        "跳过 4 个不是报告的文件：",
        "  reports/README.md（项目说明文件）",
        "  reports/all.zip（压缩包）",
        "  reports/logo.png（图片）",
        "  reports/统计.xlsx（电子表格）",
        "共检查 2 个文件：错误 4 个，警告 0 个，提示 0 个",
    ]


def test_a_file_named_explicitly_that_is_not_a_report_is_doc001(folder: Path) -> None:
    (folder / "README.md").write_text("# 说明\n这些是各区的年报。\n", encoding="utf-8")
    result = run_cli("check", "--select", SELECT, "README.md")
    assert result.stdout.splitlines()[0].startswith("README.md: DOC001 [错误] ")
    assert result.exit_code == 1


def test_excluded_in_configuration(folder: Path) -> None:
    write_report(folder, "wrong.md")
    write_report(folder / "旧", "wrong.md")
    (folder / "nianbao.yaml").write_text("exclude: ['旧/*']\njobs: 1\nlimits: {timeout: 5}\n",
                                         encoding="utf-8")
    output = json.loads(run_cli("check", "--select", SELECT, "--format", "json", ".").stdout)
    assert [r["path"] for r in output["reports"]] == ["wrong.md"]
    (folder / "nianbao.yaml").write_text("exclude: []\n", encoding="utf-8")
    result = run_cli("check", ".")
    assert result.exit_code == 2
    assert "exclude" in result.stderr


def test_missing_list_file_and_missing_entry(folder: Path) -> None:
    write_report(folder, "wrong.md")
    (folder / "list.txt").write_text("wrong.md\nnot-there.md\n", encoding="utf-8")
    result = run_cli("check", "--select", SELECT, "@list.txt", "@absent.txt")
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert "nianbao: error: not-there.md: 文件不存在" in errors
    assert "nianbao: error: @absent.txt: 文件不存在" in errors
    assert result.stdout.splitlines()[-1] == "共检查 1 个文件：错误 2 个，警告 0 个，提示 0 个"


def test_workers_give_what_one_process_gives_in_input_order(folder: Path) -> None:
    for name in ("c.md", "a.md", "b.txt"):
        write_report(folder / "批", name)
    write_report(folder / "批", "clean.md", changed=False)
    (folder / "批" / "empty.txt").write_bytes(b"")
    one = run_cli("check", "--select", SELECT, "--format", "json", "--jobs", "1", "批")
    two = run_cli("check", "--select", SELECT, "--format", "json", "--jobs", "2", "批")
    assert one.stdout == two.stdout
    output = json.loads(two.stdout)
    assert [r["path"] for r in output["reports"]] == ["批/a.md", "批/b.txt", "批/c.md", "批/clean.md",
                                                      "批/empty.txt"]
    assert [(r["path"], f["rule_id"]) for r in output["reports"] for f in r["findings"]] == [
        ("批/a.md", "REC002"), ("批/a.md", "REC003"), ("批/b.txt", "REC002"), ("批/b.txt", "REC003"),
        ("批/c.md", "REC002"), ("批/c.md", "REC003"), ("批/empty.txt", "DOC001")]


def test_a_file_that_hangs_or_crashes_its_worker_is_one_doc001(folder: Path) -> None:
    (folder / "misbehaving.py").write_text(MISBEHAVING, encoding="utf-8")
    (folder / "nianbao.yaml").write_text("plugin-files: [misbehaving.py]\n", encoding="utf-8")
    write_report(folder / "批", "a.md")
    (folder / "批" / "b.hang").write_text("x", encoding="utf-8")
    (folder / "批" / "b.stuck").write_text("x", encoding="utf-8")
    (folder / "批" / "c.crash").write_text("x", encoding="utf-8")
    write_report(folder / "批", "d.md")
    result = run_cli("check", "-q", "--select", SELECT, "--jobs", "2", "--limit", "timeout=1",
                     "--trust-config", "批")
    lines = [line for line in result.stdout.splitlines() if not line.startswith("    ")]
    assert [line.split(":")[0] for line in lines[:7]] == ["批/a.md", "批/a.md", "批/b.hang", "批/b.stuck",
                                                          "批/c.crash", "批/d.md", "批/d.md"]
    assert lines[2].startswith("批/b.hang: DOC001 [错误] 无法检查此文件：检查一份报告所用的时间超过上限 1 秒")
    assert lines[3] == "批/b.stuck: DOC001 [错误] 无法检查此文件：检查超过 1 秒仍未停止，已终止检查它的进程"
    assert lines[4] == "批/c.crash: DOC001 [错误] 无法检查此文件：检查此文件时进程意外退出（退出码 7）"
    assert lines[-1] == "共检查 5 个文件：错误 7 个，警告 0 个，提示 0 个"
    assert result.exit_code == 1


def test_progress_bar_on_a_terminal_only(folder: Path) -> None:
    write_report(folder, "a.md")
    result = run_cli("check", "--select", SELECT, "a.md")
    assert "\r" not in result.stderr and "份/秒" not in result.stderr
    stream = io.StringIO()
    progress = Progress(stream, total=3)
    failing = Finding(rule_id="REC002", rule_name="outcome-total-mismatch", severity="error", message="m",
                      args={}, location=Location(), evidence=None, source="a.md", fingerprint="0" * 32)
    for findings in ([failing], [], [failing]):
        progress(CheckedReport(path="a.md", display_path="a.md", document=None, findings=findings))
    drawn = stream.getvalue().split("\r")
    assert drawn[1].startswith("[████████·") and " 1/3  有错误 1 份  " in drawn[1]
    assert drawn[-1].startswith("[" + "█" * 24 + "] 3/3  有错误 2 份  ")
    assert drawn[-1].endswith(" 份/秒\x1b[K")


@pytest.mark.parametrize(("one", "other", "same"), [
    ("示例市示例区人民政府", "示例市示例区政府", True),
    ("示例市 示例区人民政府", "示例市示例区人民政府", True),
    ("ＡＢ市示例区人民政府", "AB市示例区人民政府", True),
    ("示例区人民政府办公室", "示例区政府办", True),
    ("示例区人民政府办公室", "示例区人民政府", False),
    ("示例区财政局", "示例区人民政府", False),
])
def test_bodies_are_matched_on_a_normalised_name(one: str, other: str, same: bool) -> None:
    assert (body_key(one) == body_key(other)) is same


def _year(folder: Path, name: str, year: int, agency: str = AGENCY) -> Path:
    text = report_text(form="md").replace(str(2020), str(year)).replace(AGENCY, agency)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pairing_summary_names_every_pair_and_every_report_left_unpaired(folder: Path) -> None:
    _year(folder / "批", "2019.md", 2019)
    _year(folder / "批", "2020.md", 2020, agency="示例市示例区政府")
    _year(folder / "批", "2021-a.md", 2021, agency="示例市示例区人民政府办公室")
    _year(folder / "批", "2022-a.md", 2022, agency="示例市示例区政府办")
    _year(folder / "批", "2022-b.md", 2022, agency="示例市示例区人民政府办公室")
    _year(folder / "批", "2023.md", 2023, agency="示例市示例区人民政府办公室")
    untitled = _year(folder / "批", "untitled.md", 2021)
    untitled.write_text(untitled.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    output = json.loads(run_cli("check", "--select", "HIS", "--format", "json", "批").stdout)
    assert output["summary"]["pairs"] == [
        {"path": "批/2020.md", "previous": "批/2019.md", "agency": "示例市示例区政府", "year": 2020,
         "origin": "batch"},
        {"path": "批/2022-a.md", "previous": "批/2021-a.md", "agency": "示例市示例区政府办", "year": 2022,
         "origin": "batch"},
        {"path": "批/2022-b.md", "previous": "批/2021-a.md", "agency": "示例市示例区人民政府办公室",
         "year": 2022, "origin": "batch"},
    ]
    unpaired = [(u["path"], u["reason"], u["message"]) for u in output["summary"]["unpaired"]]
    assert unpaired == [
        ("批/2019.md", "no-previous", f"本次检查中没有{AGENCY}2018年度的报告"),
        ("批/2021-a.md", "no-previous", "本次检查中没有示例市示例区人民政府办公室2020年度的报告"),
        ("批/2023.md", "candidates",
         "同一机关的2022年度报告有多份（批/2022-a.md、批/2022-b.md），未做跨年度核对；请用 --previous 指定"),
        ("批/untitled.md", "no-agency", "标题中没有机关名称"),
    ]
    text = run_cli("check", "--select", "HIS", "批").stdout.splitlines()
    assert text[text.index("与上年报告对比 3 份："):] == [
        "与上年报告对比 3 份：",
        "  批/2020.md ← 批/2019.md",
        "  批/2022-a.md ← 批/2021-a.md",
        "  批/2022-b.md ← 批/2021-a.md",
        "未与上年报告对比 4 份：",
        f"  批/2019.md：本次检查中没有{AGENCY}2018年度的报告",
        "  批/2021-a.md：本次检查中没有示例市示例区人民政府办公室2020年度的报告",
        "  批/2023.md：同一机关的2022年度报告有多份（批/2022-a.md、批/2022-b.md），未做跨年度核对；"
        "请用 --previous 指定",
        "  批/untitled.md：标题中没有机关名称",
        # the same figures every year: HIS001, HIS003, HIS004
        "共检查 7 个文件：错误 9 个，警告 12 个，提示 0 个",
    ]


def test_previous_refuses_what_cannot_be_last_years_report(folder: Path) -> None:
    this = _year(folder, "2021.md", 2021)
    other = _year(folder, "other.md", 2020, agency="示例市示例区财政局")
    older = _year(folder, "2018.md", 2018)
    note = folder / "note.txt"
    note.write_text("会议通知\n\n请各单位于周五前报送材料。\n", encoding="utf-8")
    copy = folder / "copy.md"
    copy.write_bytes(this.read_bytes())

    def refusal(previous: Path, *lang: str) -> str:
        result = run_cli("check", *lang, "--select", "HIS", "2021.md", "--previous", previous.name)
        assert result.exit_code == 2
        assert result.stdout == ""
        return result.stderr

    assert "2021.md: 与被检查的报告是同一份文件" in refusal(this)
    assert "2021.md: it is the same file as the report being checked" in refusal(this, "--lang", "en")
    assert "与被检查的报告是同一份文件" in refusal(copy)
    assert ("是示例市示例区财政局的报告，被检查的是示例市示例区人民政府的报告；不同机关的报告不做跨年度比较"
            in refusal(other))
    assert "是2018年度的报告，被检查的是2021年度的报告；上年报告应为2020年度" in refusal(older)
    assert "note.txt: 其中没有找到年度报告的统计表，不是年度报告" in refusal(note)
    assert "note.txt: no table of an annual report was found in it" in refusal(note, "--lang", "en")
    good = _year(folder, "2020.md", 2020, agency="示例市示例区政府")
    result = run_cli("check", "--select", "HIS", "--format", "json", "2021.md", "--previous", good.name)
    output = json.loads(result.stdout)
    assert {f["rule_id"] for r in output["reports"] for f in r["findings"]} == {"HIS001", "HIS003", "HIS004"}
    assert output["summary"]["pairs"] == [
        {"path": "2021.md", "previous": "2020.md", "agency": AGENCY, "year": 2021, "origin": "option"}]
