"""Baselines: ``--write-baseline`` records the current findings by fingerprint, ``--baseline``
reports only new ones; fingerprints survive re-publishing a report in another file format."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from nianbao.cli import main
from nianbao.config.settings import Config
from nianbao.engine.baseline import BaselineError
from nianbao.engine.baseline import read_baseline
from nianbao.engine.session import Session
from nianbao.testing import project

ROOT = Path(__file__).resolve().parent.parent
DEFECTS = ROOT / "examples" / "2022-with-defects.md"
# 001 表四 (2019 edition), line 95: 复议 3 1 1 0 | 5, 直接起诉 5 2 3 2 | 12, 复议后起诉 0 2 0 0 | 2.
REVIEWS_FILE = "001_guancheng-district-2020.md"
REVIEWS_LINE = 95
REVIEWS_ROW = "3\t1\t1\t0\t5\t5\t2\t3\t2\t12\t0\t2\t0\t0\t2"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def corpus_copy(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The corpus copied into tmp_path (never into the project) with an empty config beside it, so
    that findings depend on the reports alone; the working directory is tmp_path."""
    target = tmp_path / "corpus"
    shutil.copytree(corpus, target)
    (tmp_path / "nianbao.yaml").write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return target


def test_baseline_of_the_corpus_silences_the_next_run(corpus_copy: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    code, first, told = run("check", "corpus", "--write-baseline", str(baseline))
    assert code == 0  # recording the baseline succeeded; the findings are what it records
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert recorded["version"] == 1
    reports = Session(Config()).check_paths([corpus_copy])
    expected = sorted(f.fingerprint for report in reports for f in report.findings)
    assert sorted(e["fingerprint"] for e in recorded["findings"]) == expected
    counts = re.search(r"错误 (\d+) 个，警告 (\d+) 个，提示 (\d+) 个", first)
    printed = sum(int(n) for n in counts.groups())
    assert printed == len(expected)
    assert told == f"nianbao: 已将 {printed} 个发现写入基线 {baseline}\n"
    code, second, _ = run("check", "corpus", "--baseline", str(baseline))
    assert code == 0
    files = len(list(Session(Config()).expand([corpus_copy])))
    assert second.splitlines()[-1] == (f"共检查 {files} 个文件：错误 0 个，警告 0 个，提示 0 个，"
                                       f"基线中已有 {printed} 个未列出")
    assert not any(": " in line and "[" in line for line in second.splitlines())  # no finding line


def test_one_changed_cell_is_exactly_one_new_finding(corpus_copy: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run("check", "corpus", "--write-baseline", str(baseline))
    report = corpus_copy / REVIEWS_FILE
    lines = report.read_text(encoding="utf-8").split("\n")
    assert lines[REVIEWS_LINE - 1] == REVIEWS_ROW
    lines[REVIEWS_LINE - 1] = "4" + REVIEWS_ROW[1:]
    report.write_text("\n".join(lines), encoding="utf-8")

    session = Session(Config())
    known = read_baseline(baseline)
    new = [f for r in session.check_paths([corpus_copy]) for f in known.new_only(r).findings]
    assert [(f.source, project(f)) for f in new] == [(
        f"corpus/{REVIEWS_FILE}",
        {"rule": "REC004", "severity": "error", "line": REVIEWS_LINE, "section": "reviews",
         "table": "reviews",
         "row": "cases", "column": "review_total", "expected": 6, "actual": 5,
         "message": new[0].message},
    )]
    assert "5" in new[0].message and "6" in new[0].message
    code, stdout, _ = run("check", "corpus", "--baseline", str(baseline))
    assert code == 1
    assert stdout.splitlines()[0].startswith(f"corpus/{REVIEWS_FILE}:{REVIEWS_LINE}: REC004 [错误] ")


def test_fingerprints_survive_another_file_format(tmp_path: Path) -> None:
    """The same report as Markdown and as plain text, under other names and folders: same fingerprints."""
    markdown = tmp_path / "a" / "2022-report.md"
    text = tmp_path / "b" / "published-copy.txt"
    markdown.parent.mkdir()
    text.parent.mkdir()
    shutil.copyfile(DEFECTS, markdown)
    text.write_text(re.sub(r"(?m)^#+ ", "", DEFECTS.read_text(encoding="utf-8")), encoding="utf-8")
    session = Session(Config(select=("REC",)))
    first = session.check_file(markdown)
    second = session.check_file(text)
    assert (first.document.source.format, second.document.source.format) == ("markdown", "text")
    assert sorted(f.rule_id for f in first.findings) == ["REC001", "REC002", "REC003"]
    assert sorted(f.fingerprint for f in first.findings) == sorted(f.fingerprint for f in second.findings)


BOUND_RULE = """\
rules:
  - id: XQ001
    title: 新收申请过多
    severity: warning
    editions: ["2021"]
    message: {zh: "{cell} 为 {value}", en: "{cell} is {value}"}
    doc: 新收申请超过 50 件。
    bound: {table: applications, cells: [received.total], max: 50}
"""


@pytest.mark.parametrize(("text_file", "html_file", "received"), [
    ("029_pingtan-2025.txt", "030_pingtan-2025.html", 154),  # narrative: 共收到政府信息公开申请154件
    ("026_pingtan-2022.txt", "042_pingtan-zone-2022.html", 74),  # MANIFEST: 表三 新收 71+3=74
])
def test_fingerprints_survive_html_and_text_of_one_published_report(
        corpus: Path, tmp_path: Path, text_file: str, html_file: str, received: int) -> None:
    """The archive's text and the page's HTML of one report: a finding on both has one fingerprint."""
    rules = tmp_path / "rules.yaml"
    rules.write_text(BOUND_RULE, encoding="utf-8")
    session = Session(Config(select=("XQ",), rule_files=(rules,)))
    text = session.check_file(corpus / text_file).findings
    html = session.check_file(corpus / html_file).findings
    assert [(f.rule_id, f.location.logical, f.args["value"]) for f in text] == [
        ("XQ001", "applications/received/total", received)]
    assert [(f.rule_id, f.location.logical, f.args["value"]) for f in html] == [
        ("XQ001", "applications/received/total", received)]
    assert text[0].fingerprint == html[0].fingerprint


def test_writing_a_baseline_over_a_report_is_refused(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    shutil.copyfile(DEFECTS, report)
    before = report.read_bytes()
    code, _, stderr = run("check", str(report), "--write-baseline", str(report))
    assert code == 2
    assert "nianbao never writes over a report" in stderr
    assert report.read_bytes() == before


@pytest.mark.parametrize(("content", "problem"), [
    (None, "基线文件不存在"),
    ("not json", "无法读取基线文件"),
    ('{"version": 1, "findings": [{"rule": "REC001"}]}', "不是 nianbao 基线文件"),
    ("[1, 2]", "不是 nianbao 基线文件"),
    ('{"version": 2, "findings": []}', "不是 nianbao 基线文件"),
])
def test_bad_baseline_is_a_clear_error(tmp_path: Path, content: str | None, problem: str) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=problem):
        read_baseline(path)
    report = tmp_path / "r.md"
    shutil.copyfile(DEFECTS, report)
    code, stdout, stderr = run("check", str(report), "--baseline", str(path))
    assert code == 2
    assert stdout == ""
    assert stderr.startswith(f"nianbao: error: {path}：{problem}")


def test_bad_baseline_in_english(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text("[1]", encoding="utf-8")
    code, _, stderr = run("check", str(DEFECTS), "--baseline", str(path), "--lang", "en")
    assert code == 2
    assert stderr.startswith(f"nianbao: error: {path}: not a nianbao baseline")
