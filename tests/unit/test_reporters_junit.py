"""``--format junit``: a test suite per report, a test case per rule that ran on it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
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

RULES = ["DOC001 unreadable-report", "REC001 balance-mismatch", "REC002 outcome-total-mismatch",
         "REC003 row-total-mismatch", "REC004 case-total-mismatch"]


def run_junit(*args: str) -> ET.Element:
    result = run_cli("check", "--select", SELECT, "--format", "junit", *args)
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n'), result.output
    return ET.fromstring(result.stdout.split("\n", 1)[1])


def test_one_suite_per_report_and_one_case_per_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    broken = write_report(tmp_path / "年报", "有误.md")
    write_report(tmp_path / "年报", "无误.md", changed=False)
    (tmp_path / "年报" / "空.txt").write_bytes(b"")
    root = run_junit("年报")
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("11", "3", "0")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["年报/无误.md", "年报/有误.md", "年报/空.txt"]

    clean = suites["年报/无误.md"]
    assert [c.get("name") for c in clean.findall("testcase")] == RULES
    assert (clean.get("tests"), clean.get("failures")) == ("5", "0")
    assert all(not list(case) for case in clean.findall("testcase"))

    wrong = suites["年报/有误.md"]
    assert (wrong.get("tests"), wrong.get("failures")) == ("5", "2")
    cases = {c.get("name"): c for c in wrong.findall("testcase")}
    assert cases["REC001 balance-mismatch"].find("failure") is None
    failure = cases["REC002 outcome-total-mismatch"].find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == f"REC002: {OUTCOME_MESSAGE}"
    assert failure.text == (f"年报/有误.md:{line_of(broken, '三、本年度办理结果')}: REC002 [错误] "
                            + OUTCOME_MESSAGE)
    assert cases["REC003 row-total-mismatch"].find("failure").text == (
        f"年报/有误.md:{line_of(broken, '三、本年度办理结果')}: REC003 [错误] "
        + ROW_MESSAGE)
    assert cases["REC002 outcome-total-mismatch"].get("classname") == "年报/有误.md"

    empty = suites["年报/空.txt"]
    (case,) = empty.findall("testcase")
    assert case.get("name") == "DOC001 unreadable-report"
    assert case.find("failure").text == "年报/空.txt: DOC001 [错误] 无法检查此文件：文件是空的"


def test_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path, "r.md")
    root = run_junit("--lang", "en", "r.md")
    failures = [f.text for f in root.iter("failure")]
    assert failures == [
        f"r.md:{line_of(tmp_path / 'r.md', '三、本年度办理结果')}: REC002 [error] "
        + OUTCOME_MESSAGE_EN,
        f"r.md:{line_of(tmp_path / 'r.md', '三、本年度办理结果')}: REC003 [error] "
        + ROW_MESSAGE_EN,
    ]


def test_rules_stopped_by_a_gate_are_skipped_cases(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """022 is a 2018 report in the pre-2019 format: FMT004 notes it and stops the checks against
    the current format, so REC001 and SEC001 are skipped cases on it, with the reason, as pytest
    skips their items; on 025 (2021 edition) they ran."""
    monkeypatch.chdir(corpus.parent)
    older, current = f"{corpus.name}/022_pingtan-2018-older.txt", f"{corpus.name}/025_pingtan-2021.txt"
    result = run_cli("check", "--select", "DOC001,FMT004,REC001,SEC001", "--format", "junit", older, current)
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    cases = suites[older].findall("testcase")
    assert [(c.get("name"), c.find("skipped").get("message") if c.find("skipped") is not None else None)
            for c in cases] == [
        ("DOC001 unreadable-report", None), ("FMT004 older-format", None),
        ("REC001 balance-mismatch", "未运行：前置规则的发现使其不适用（如旧版格式）"),
        ("SEC001 missing-section", "未运行：前置规则的发现使其不适用（如旧版格式）")]
    note = suites[older].find("testcase[@name='FMT004 older-format']")
    assert note.find("failure") is None
    assert note.find("system-out").text.startswith(f"{older}: FMT004 [提示] ")
    assert [c.get("name") for c in suites[current].findall("testcase")] == [
        "DOC001 unreadable-report", "FMT004 older-format", "REC001 balance-mismatch",
        "SEC001 missing-section"]
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("8", "0", "2")
