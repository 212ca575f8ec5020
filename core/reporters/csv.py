"""``--format csv``: one row per finding, for Excel and WPS.

Columns: file, agency, year, edition, rule, severity, location, message, expected, actual, then
the reason where the finding was accepted and its fingerprint (headers in the run's language).
The text starts with a UTF-8 byte-order mark, without which Excel and WPS read UTF-8 as the local
code page and show Chinese as mojibake. A text cell that a spreadsheet would take for a formula
(``=``, ``+``, ``-``, ``@`` first) is written with a leading apostrophe, as spreadsheets expect.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import ClassVar
from typing import TextIO

from nianbao.reporters.rows import FINDING_COLUMNS
from nianbao.reporters.rows import Cell
from nianbao.reporters.rows import ReportFacts
from nianbao.reporters.rows import finding_row
from nianbao.reporters.rows import language

if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Summary
    from nianbao.model.rule import Rule

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def csv_cell(value: Cell) -> str | int | float:
    """The value as written to the file: blank for none, text that would run as a formula defused."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


class CsvReporter:
    name: ClassVar[str] = "csv"
    description: ClassVar[str] = "one row per finding, UTF-8 with BOM for Excel and WPS"

    def __init__(self, stream: TextIO, *, lang: str = "zh", show_suppressed: bool = False) -> None:
        self.stream = stream
        self.lang = language(lang)
        self.writer = csv.writer(stream, lineterminator="\r\n")

    def start(self, rules: Sequence[Rule]) -> None:
        self.stream.write(BOM)
        self.writer.writerow(FINDING_COLUMNS[self.lang])

    def add(self, report: CheckedReport) -> None:
        facts = ReportFacts.of(report)
        for finding in report.findings:
            self.writer.writerow([csv_cell(v) for v in finding_row(facts, finding, self.lang)])

    def finish(self, summary: Summary) -> None:
        return None
