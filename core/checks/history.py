"""What the year-over-year rules share: this year's and last year's copy of a table, and cells
compared across the two reports."""

from __future__ import annotations

from nianbao.format.editions import TableSpec
from nianbao.model.document import CellValue
from nianbao.model.document import Document
from nianbao.model.document import Table
from nianbao.model.findings import CellEvidence
from nianbao.model.rule import Context


def both_years(document: Document, context: Context, key: str,
               edition: str | None = None) -> tuple[Table, Table, TableSpec] | None:
    """This year's and last year's table ``key`` with its template, when both reports have it
    (and, with ``edition``, both were read against that edition's tables)."""
    previous = context.previous
    if context.edition is None or previous is None:
        return None
    this, last = document.tables.get(key), previous.tables.get(key)
    if this is None or last is None:
        return None
    if edition is not None and (this.edition != edition or last.edition != edition):
        return None
    return this, last, context.edition.table(key)


def comparable(*cells: CellValue | None) -> bool:
    """All cells were read as numbers or blanks, and not all are blank."""
    if any(c is None or (c.value is None and not c.blank) for c in cells):
        return False
    return not all(c.blank for c in cells if c is not None)


def number(cell: CellValue) -> int | float:
    """A read cell's value; a blank cell counts as 0, as reports use it for "none"."""
    return cell.value or 0


def previous_cell(table: Table, key: str, label: str) -> CellEvidence:
    """Evidence for a cell of last year's report (its line is a line of that report)."""
    value = table.values[key]
    return CellEvidence(key=key, label=f"上年报告 {label}", pointer=f"/tables/{table.key}/values/{key}",
                        line=value.ref.line, page=value.ref.page, raw=value.raw, value=value.value)
