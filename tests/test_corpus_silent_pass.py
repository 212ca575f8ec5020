"""No silent pass: a real report with a required 表三 row deleted, and a file that has a section
heading but neither a year nor tables, each give an error and exit 1 instead of a clean run.

The deletions are made here, on the corpus text as read, into a temporary file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from nianbao.cli import main
from nianbao.engine.session import Session
from nianbao.model.places import place_words

PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
MISSING = f"表三“三、本年度办理结果”缺少“{PARTIAL}”行"
_TR = re.compile(r"<tr[^>]*>(?:(?!</tr>).)*?部分公开(?:(?!</tr>).)*?</tr>", re.S)


def _without_line(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if "部分公开（区分" not in line)


def _without_glued_row(text: str) -> str:
    return re.sub(re.escape(PARTIAL) + r"\s*\d+", "", text, count=1)


# report, how its （二）部分公开 row is deleted, the place REC006 points at (the row read before it:
# its line, or its table, row and column where the page is written on one line)
DELETIONS = [
    ("001_guancheng-district-2020.md", _without_line, "第68行"),
    ("026_pingtan-2022.txt", _without_glued_row, "第10行"),
    ("029_pingtan-2025.txt", _without_glued_row, "第10行"),  # the row of 38 applications
    ("030_pingtan-2025.html", lambda t: _TR.sub("", t, count=1), "第2个表格第6行第1列"),  # 029's HTML twin
    ("042_pingtan-zone-2022.html", lambda t: _TR.sub("", t, count=1), "第178行"),
]


@pytest.mark.parametrize(("name", "delete", "place"), DELETIONS)
def test_a_deleted_table_row_is_an_error_naming_it(
        corpus: Path, tmp_path: Path, name: str, delete, place: str) -> None:
    text = (corpus / name).read_text(encoding="utf-8")
    mangled = delete(text)
    assert mangled != text
    path = tmp_path / name
    path.write_text(mangled, encoding="utf-8")
    report = Session().check_file(path)
    rec = [(f.rule_id, f.severity, place_words(f.location.line, f.location.page, f.location.locator),
            f.location.table, f.location.row, f.message)
           for f in report.findings if f.rule_id.startswith("REC")]
    assert rec == [("REC006", "error", place, "applications", "partially_granted", MISSING)]
    result = CliRunner().invoke(main, ["check", "--select", "REC", str(path)])
    assert result.exit_code == 1, result.output


def test_a_heading_without_year_or_tables_is_not_a_clean_pass(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("一、总体情况\n\n本机关认真贯彻《中华人民共和国政府信息公开条例》，做好政府信息公开工作。\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert "FMT006 [错误] 未按格式检查：没有找到报告年度，也没有找到统计表，无法确定适用的格式版本" in (
        result.output)
