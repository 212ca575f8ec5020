"""One report at a time, output files written whole, file names as data."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import hostile
import pytest
from jsonschema import Draft4Validator
from nianbao.config.settings import Config
from nianbao.engine.atomic import write_atomically
from nianbao.engine.session import Session
from nianbao.model.document import Document
from test_reporters_sarif import SARIF_SCHEMA
from test_reporters_support import report_text
from test_reporters_support import run_cli
from test_reporters_support import write_report

SHOWN = "\\xb1\\xa8\\xb8\\xe6.md"  # 报告.md in GBK bytes, escaped byte by byte
ENCODED = "%B1%A8%B8%E6.md"


def live_documents() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Document))


def test_a_batch_holds_one_report_at_a_time(tmp_path: Path) -> None:
    for n in range(4):
        write_report(tmp_path, f"r{n}.md", agency=f"示例市第{n}区人民政府")
    session = Session(Config(select=("DOC001", "REC")))
    before = live_documents()
    held = []
    for report in session.check_paths([tmp_path]):
        assert report.document is not None
        del report
        held.append(live_documents() - before)
    assert held == [1, 1, 1, 1]  # only the report just yielded


def test_reports_of_consecutive_years_are_still_paired(tmp_path: Path) -> None:
    text = report_text(changed=False)
    (tmp_path / "2020.md").write_text(text, encoding="utf-8")
    (tmp_path / "2021.md").write_text(text.replace("2020", "2021"), encoding="utf-8")
    session = Session(Config(select=("DOC001", "HIS")))
    reports = {Path(r.path).name: r for r in session.check_paths([tmp_path])}
    assert reports["2020.md"].previous is None
    assert reports["2021.md"].previous is not None
    assert reports["2021.md"].previous.meta.report_year == 2020


def test_a_file_that_fails_in_the_pairing_pass_is_not_read_again(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    write_report(tmp_path, "a.md")
    hostile.span_page(tmp_path / "b.html")
    session = Session(Config(select=("DOC001",)))
    loads: list[str] = []
    load = Session.load

    def counting_load(self: Session, path: Path) -> Document:
        loads.append(path.name)
        return load(self, path)

    monkeypatch.setattr(Session, "load", counting_load)
    found = {Path(r.path).name: [f.rule_id for f in r.findings] for r in session.check_paths([tmp_path])}
    assert found == {"a.md": [], "b.html": ["DOC001"]}
    assert loads == ["a.md"]  # the first pass drafts a.md for pairing; b.html failed in it


# --- output files ----------------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_text("the good report\n", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomically(target, "half")
    assert target.read_text(encoding="utf-8") == "the good report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_run_that_fails_leaves_the_output_file_as_it_was(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao.reporters.json import JsonReporter

    monkeypatch.chdir(tmp_path)
    write_report(tmp_path / "reports", "a.md")
    (tmp_path / "out.json").write_text("the good report\n", encoding="utf-8")

    def broken(self: JsonReporter, report: object) -> None:
        raise RuntimeError("disk went away")

    monkeypatch.setattr(JsonReporter, "add", broken)
    result = run_cli("check", "--format", "json", "-o", "out.json", "reports")
    assert isinstance(result.exception, RuntimeError)
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "the good report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "reports"]


def test_output_and_baseline_are_written_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path / "reports", "a.md")
    result = run_cli("check", "--select", "REC002", "--format", "json", "-o", "out.json",
                     "--write-baseline", "base.json", "reports")
    assert result.exit_code == 0, result.output
    assert [f["rule_id"] for f in json.loads((tmp_path / "out.json").read_text())["reports"][0]["findings"]] \
        == ["REC002"]
    assert [f["rule"] for f in json.loads((tmp_path / "base.json").read_text())["findings"]] == ["REC002"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base.json", "out.json", "reports"]


# --- file names --------------------------------------------------------------------------------------


@pytest.fixture
def gbk_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    hostile.gbk_named(tmp_path, report_text())
    return tmp_path


def run_format(fmt: str) -> str:
    result = run_cli("check", "--select", "REC002", "--format", fmt, "-o", f"out.{fmt}", ".")
    assert result.exit_code == 1, result.output
    data = Path(f"out.{fmt}").read_bytes()
    return data.decode("utf-8")  # valid UTF-8, or this raises


def test_an_undecodable_file_name_is_escaped_in_text(gbk_folder: Path) -> None:
    lines = run_format("text").splitlines()
    assert lines[0].startswith(f"{SHOWN}:") and "REC002 [错误]" in lines[0]


def test_an_undecodable_file_name_is_escaped_in_json(gbk_folder: Path) -> None:
    data = json.loads(run_format("json"))
    found = [(r["path"], [f["rule_id"] for f in r["findings"]]) for r in data["reports"]]
    assert found == [(SHOWN, ["REC002"])]


def test_an_undecodable_file_name_is_percent_encoded_in_sarif(gbk_folder: Path) -> None:
    log = json.loads(run_format("sarif"))
    (result,) = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == ENCODED
    if SARIF_SCHEMA.exists():
        validator = Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
        assert [e.message for e in validator.iter_errors(log)] == []


def test_an_undecodable_file_name_is_escaped_in_junit(gbk_folder: Path) -> None:
    root = ElementTree.fromstring(run_format("junit").encode("utf-8"))
    names = {case.get("classname") or "" for case in root.iter("testcase")} | {
        suite.get("name") or "" for suite in root.iter("testsuite")}
    assert any(SHOWN in name for name in names)


def test_an_undecodable_file_name_is_escaped_in_github_annotations(gbk_folder: Path) -> None:
    assert f"file={SHOWN}" in run_format("github")


def test_an_undecodable_file_name_on_stdout(gbk_folder: Path) -> None:
    """The real command, writing to a UTF-8 pipe."""
    command = [sys.executable, "-c", "from nianbao.cli import run; run()", "check", "--select", "REC002", "."]
    result = subprocess.run(command,
                            capture_output=True, cwd=gbk_folder, check=False,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8").startswith(f"{SHOWN}:")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_in_a_batch_is_one_doc001(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path, "a.md")
    hostile.fifo(tmp_path / "pipe.md")
    result = run_cli("check", "--select", "DOC001,REC002", "--format", "json", "a.md", "pipe.md")
    found = {r["path"]: [(f["rule_id"], f["message"]) for f in r["findings"]]
             for r in json.loads(result.stdout)["reports"]}
    assert found["pipe.md"] == [("DOC001", "无法检查此文件：这是命名管道（FIFO），不是普通文件，未读取")]
    assert [rule for rule, _ in found["a.md"]] == ["REC002"]
