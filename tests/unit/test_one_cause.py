"""A draft with one mistyped 表三 cell, in every input format: the findings name that cell, with a
place a person can follow (table, row and column in Word; page, table, row and column in PDF; the
line in Markdown and HTML), in the text, JSON and SARIF outputs, and none asks to change a cell the
identities show to be right.

The draft is built with python-docx from the hand-verified figures of a real report (corpus 011);
（一）予以公开 / 自然人 is typed 51 instead of 50. The HTML and PDF copies are LibreOffice's
conversions of that draft (skipped where LibreOffice is not installed).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_docx_loader import convert
from test_docx_loader import real_figures
from test_docx_loader import write_report_docx
from test_pdf_loader import can_print
from test_reporters_support import OUTCOME_MESSAGE
from test_reporters_support import ROW_MESSAGE
from test_reporters_support import line_of
from test_reporters_support import run_cli
from test_reporters_support import write_report

WRONG = "applications/granted/natural_person"
CAUSE = "表三“（一）予以公开 / 自然人”为 51，很可能填错，应为 50（多 1）：改正这一格，" \
        "“（七）总计 / 自然人”、“（一）予以公开 / 总计”的勾稽关系就都成立"
CAUSED = "表三“（一）予以公开 / 总计”为 50，与各类申请人之和 51 不符；这一格本身很可能没错，" \
         "原因是“（一）予以公开 / 自然人”填错（见 REC002）"
HEADING = "三、收到和处理政府信息公开申请情况"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drafts")
    figures = real_figures()
    assert figures["applications"]["granted.natural_person"] == 50
    figures["applications"]["granted.natural_person"] = 51
    write_report_docx(folder / "draft.docx", figures, page_breaks=True)
    return folder


def outputs(folder: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, dict, dict]:
    monkeypatch.chdir(folder)
    args = ("check", "--select", "REC", name)
    text = run_cli(*args).stdout
    found = json.loads(run_cli(*args, "--format", "json").stdout)
    sarif = json.loads(run_cli(*args, "--format", "sarif").stdout)
    return text, found, sarif


def assert_one_story(text: str, found: dict, sarif: dict, name: str, place: str) -> None:
    """Two findings, both at the wrong cell: REC002 names it, REC003 refers to it."""
    findings = found["reports"][0]["findings"]
    assert [(f["rule_id"], f["location"]["logical"]) for f in findings] == [
        ("REC002", WRONG), ("REC003", WRONG)]
    assert [f["location"]["place"] for f in findings] == [place, place]
    assert [f["location"]["heading"] for f in findings] == [HEADING, HEADING]
    lines = [line for line in text.splitlines() if not line.startswith("    ")]
    line = re.fullmatch(r"第(\d+)行", place)
    where = f"{name}:{line.group(1)}" if line else f"{name}:{place}（{HEADING}）"
    assert lines[:2] == [f"{where}: REC002 [错误] {findings[0]['message']}",
                         f"{where}: REC003 [错误] {findings[1]['message']}"]
    results = sarif["runs"][0]["results"]
    logical = [r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in results]
    assert logical == [WRONG, WRONG]
    assert [r["locations"][0]["message"]["text"] for r in results] == [f"{place}（{HEADING}）"] * 2
    if line is None:  # no line leads there: no region, the file's own place as a logical location
        assert [r["locations"][0]["physicalLocation"].get("region") for r in results] == [None, None]
        assert [r["locations"][0]["logicalLocations"][1]["fullyQualifiedName"] for r in results] == [
            f["location"]["locator"] for f in findings]
    # no message asks for a different value in any cell but the wrong one
    for finding in findings:
        asked = re.findall(r"“([^”]+)”为 \d+，很可能填错", finding["message"])
        assert asked in ([], ["（一）予以公开 / 自然人"])
        assert "应为六类申请人之和" not in finding["message"]
        assert "应为（一）至（六）" not in finding["message"]


def test_word_draft(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, found, sarif = outputs(drafts, "draft.docx", monkeypatch)
    assert [f["message"] for f in found["reports"][0]["findings"]] == [CAUSE, CAUSED]
    locators = [f["location"]["locator"] for f in found["reports"][0]["findings"]]
    assert locators == ["table[2]/row[6]/cell[4]"] * 2
    assert_one_story(text, found, sarif, "draft.docx", "第2个表格第6行第4列")
    evidence = [line.strip() for line in text.splitlines() if line.startswith("    ")]
    assert "（七）总计 / 自然人 = 95  [第2个表格第27行第4列]" in evidence
    english = run_cli("check", "--select", "REC", "--lang", "en", "draft.docx").stdout.splitlines()[0]
    place = f"table 2, row 6, column 4 (under “{HEADING}”)"
    assert english.startswith(f"draft.docx:{place}: REC002 [error] ")


def test_printed_draft(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    can_print()
    pdf = convert(drafts / "draft.docx", "pdf", drafts / "pdf")
    text, found, sarif = outputs(pdf.parent, pdf.name, monkeypatch)
    assert [f["message"] for f in found["reports"][0]["findings"]] == [CAUSE, CAUSED]
    place = found["reports"][0]["findings"][0]["location"]["place"]
    assert re.fullmatch(r"第2页第2个表格第\d+行第4列", place), place
    assert_one_story(text, found, sarif, pdf.name, place)


def test_web_page_of_the_draft(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    can_print()
    page = convert(drafts / "draft.docx", "html", drafts / "html")
    text, found, sarif = outputs(page.parent, page.name, monkeypatch)
    assert [f["message"] for f in found["reports"][0]["findings"]] == [CAUSE, CAUSED]
    line = found["reports"][0]["findings"][0]["location"]["line"]
    source = page.read_text(encoding="utf-8").splitlines()
    # the cell's tag starts on that line, its text (51) follows
    assert "<td" in source[line - 1] and re.search(r">\s*51\s*<", "\n".join(source[line - 1:line + 2]))
    assert_one_story(text, found, sarif, page.name, f"第{line}行")
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] == {"startLine": line}


def test_web_page_of_the_draft_on_one_line(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same page with its line breaks taken out, as some sites publish it: line 1 leads nowhere,
    so the cell is named by table, row and column, as in the Word file it came from."""
    can_print()
    page = convert(drafts / "draft.docx", "html", drafts / "html")
    flat = drafts / "flat" / "draft.html"
    flat.parent.mkdir(exist_ok=True)
    flat.write_text(" ".join(page.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    text, found, sarif = outputs(flat.parent, flat.name, monkeypatch)
    assert [f["message"] for f in found["reports"][0]["findings"]] == [CAUSE, CAUSED]
    assert [f["location"]["line"] for f in found["reports"][0]["findings"]] == [None, None]
    assert [f["location"]["locator"] for f in found["reports"][0]["findings"]] == [
        "table[2]/row[6]/cell[4]"] * 2
    assert_one_story(text, found, sarif, flat.name, "第2个表格第6行第4列")
    evidence = [line.strip() for line in text.splitlines() if line.startswith("    ")]
    assert "（七）总计 / 自然人 = 95  [第2个表格第27行第4列]" in evidence
    github = run_cli("check", "--select", "REC", "--format", "github", flat.name).stdout.splitlines()[0]
    assert github.startswith(f"::error file=draft.html,title=REC002 outcome-total-mismatch::"
                             f"第2个表格第6行第4列（{HEADING}）：{CAUSE}")


def test_markdown_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_report(tmp_path, "draft.md")  # corpus 001's figures, 予以公开 / 自然人 56 for 55
    text, found, sarif = outputs(tmp_path, "draft.md", monkeypatch)
    assert [f["message"] for f in found["reports"][0]["findings"]] == [OUTCOME_MESSAGE, ROW_MESSAGE]
    line = line_of(path, "三、本年度办理结果")
    assert_one_story(text, found, sarif, "draft.md", f"第{line}行")
