"""A figure of thousands of digits (garbled or hostile input) is read as not a number, in a table
cell and in the narrative alike: int() refuses over 4300 digits, which stopped the whole reading
or every narrative rule with a traceback."""

from __future__ import annotations

from pathlib import Path

from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.format.numerals import parse_cell
from nianbao.format.numerals import parse_number

CASE = Path(__file__).resolve().parent.parent / "cases" / "TXT001" / "sub-unit-count.md"
HUGE = "9" * 5000


def test_a_run_of_too_many_digits_is_not_a_number() -> None:
    assert parse_number(HUGE) is None
    assert (parse_cell(HUGE).value, parse_cell(HUGE).problem) == (None, "not-a-number")
    assert parse_cell("9" * 4000).value == int("9" * 4000)  # still read, to be reported as it is
    assert parse_number("9" * 30) == int("9" * 30)
    assert parse_number("1,000,000") == 1000000


def test_a_report_with_a_huge_figure_is_checked_and_the_cell_named(tmp_path: Path) -> None:
    text = CASE.read_text(encoding="utf-8")
    row = "| 一、本年新收政府信息公开申请数量 |  |  | "
    text = text.replace(f"{row}71 |", f"{row}{HUGE} |")
    text = text.replace("受理政府信息公开申请17件", f"受理政府信息公开申请{HUGE}件")
    report = tmp_path / "report.md"
    report.write_text(text, encoding="utf-8")
    checked = Session(Config(select=("DOC001", "REC005", "TXT001", "TXT002"))).check_file(report)
    assert checked.notifications == []
    assert [(f.rule_id, f.location.row, f.location.column) for f in checked.findings] == [
        ("REC005", "received", "natural_person")]
