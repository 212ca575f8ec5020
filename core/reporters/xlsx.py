"""``--format xlsx``: an Excel workbook (needs ``-o FILE``; never written to a terminal).

Sheet 报告 has one row per report (agency, year, edition, input format, counts, status, and last
year's report it was compared with, or why it was not), sheet 问题 one row per finding with the
columns of the CSV format, and a sheet lists the files skipped as plainly not reports, if any.
Every sheet has a frozen header row, filters and column widths fitted to their text, counting a
Chinese character as two. Rows are spooled to a temporary file as they arrive and the workbook is
written in openpyxl's streaming mode on ``finish``, so memory stays flat however large the batch.
Text is always stored as text, never as a formula.
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from collections.abc import Iterator
from collections.abc import Sequence
from typing import IO
from typing import TYPE_CHECKING
from typing import Any
from typing import ClassVar

from nianbao.reporters.rows import FINDING_COLUMNS
from nianbao.reporters.rows import REPORT_COLUMNS
from nianbao.reporters.rows import Cell
from nianbao.reporters.rows import ReportFacts
from nianbao.reporters.rows import finding_row
from nianbao.reporters.rows import language
from nianbao.reporters.rows import report_row
from nianbao.reporters.rows import run_pairing

# openpyxl is imported when a workbook is written, not when the reporters are registered: every
# run registers them, few write a workbook.
if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Summary
    from nianbao.model.rule import Rule
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

SHEETS = {"zh": ("报告", "问题"), "en": ("Reports", "Findings")}
SKIPPED_SHEET = {"zh": "跳过的文件", "en": "Skipped"}
SKIPPED_COLUMNS = {"zh": ("文件", "原因"), "en": ("file", "reason")}
MAX_CELL = 32767  # Excel's limit on the characters of one cell
MIN_WIDTH, MAX_WIDTH = 6, 80
HEADER_FILL = "DDE4EE"


def text_width(text: str) -> int:
    """Columns the text takes in a spreadsheet: two for a wide (Chinese) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


class _Spool:
    """Rows of one sheet kept in a temporary file, with the widest text seen in each column."""

    def __init__(self, header: Sequence[str]) -> None:
        self.header = tuple(header)
        self.widths = [text_width(h) for h in header]
        self.file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")

    def append(self, row: Sequence[Cell]) -> None:
        for i, value in enumerate(row):
            if value is not None:
                longest = max(str(value).splitlines() or [""], key=text_width)
                self.widths[i] = max(self.widths[i], text_width(longest))
        self.file.write(json.dumps(list(row), ensure_ascii=False) + "\n")

    def rows(self) -> Iterator[list[Any]]:
        self.file.seek(0)
        for line in self.file:
            yield json.loads(line)

    def close(self) -> None:
        self.file.close()


class XlsxReporter:
    name: ClassVar[str] = "xlsx"
    description: ClassVar[str] = "Excel workbook: a sheet of reports and a sheet of findings (needs -o FILE)"
    binary: ClassVar[bool] = True

    def __init__(self, stream: IO[bytes], *, lang: str = "zh", show_suppressed: bool = False) -> None:
        self.stream = stream
        self.lang = language(lang)
        self.reports = _Spool(REPORT_COLUMNS[self.lang])
        self.findings = _Spool(FINDING_COLUMNS[self.lang])

    def start(self, rules: Sequence[Rule]) -> None:
        return None

    def add(self, report: CheckedReport) -> None:
        facts = ReportFacts.of(report)
        self.reports.append(report_row(facts, self.lang))
        for finding in report.findings:
            self.findings.append(finding_row(facts, finding, self.lang))

    def finish(self, summary: Summary) -> None:
        reports = self._with_pairing(summary)
        spools = [reports, self.findings]
        titles = list(SHEETS[self.lang])
        pairing = run_pairing(summary, {}, self.lang)
        if pairing.skipped:
            skipped = _Spool(SKIPPED_COLUMNS[self.lang])
            for row in pairing.skipped:
                skipped.append(row)
            spools.append(skipped)
            titles.append(SKIPPED_SHEET[self.lang])
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        for title, spool in zip(titles, spools, strict=True):
            self._write_sheet(book.create_sheet(title), spool)
            spool.close()
        self.reports.close()
        book.save(self.stream)

    def _with_pairing(self, summary: Summary) -> _Spool:
        """The report rows with their last column (last year's report) as the run's pairing says:
        the report it was compared with and from where, or why it was not compared."""
        previous = REPORT_COLUMNS["en"].index("previous year")
        carried = {row[0]: row[previous] for row in self.reports.rows() if row[previous]}
        pairing = run_pairing(summary, carried, self.lang)
        spool = _Spool(self.reports.header)
        for row in self.reports.rows():
            row[previous] = pairing.text(row[0], self.lang)
            spool.append(row)
        return spool

    @staticmethod
    def _write_sheet(sheet: WriteOnlyWorksheet, spool: _Spool) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment
        from openpyxl.styles import Font
        from openpyxl.styles import PatternFill
        from openpyxl.utils import get_column_letter

        # the layout goes before the first row in streaming mode
        for i, width in enumerate(spool.widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(max(width, MIN_WIDTH), MAX_WIDTH) + 2
        sheet.freeze_panes = "A2"
        last = get_column_letter(len(spool.header))
        header = []
        for text in spool.header:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            header.append(cell)
        sheet.append(header)
        count = 0
        wrap = Alignment(vertical="top", wrap_text=True)
        for row in spool.rows():
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet)
                if isinstance(value, str):
                    cell.value = sheet_text(value)
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                    if "\n" in value:
                        cell.alignment = wrap
                else:
                    cell.value = value
                cells.append(cell)
            sheet.append(cells)
            count += 1
        sheet.auto_filter.ref = f"A1:{last}{count + 1}"
