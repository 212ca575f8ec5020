"""Tables continued over a page end: the parts laid on common column rulings, a row cut in two
joined back, and the cells' locators numbered as the reader counts tables."""

from __future__ import annotations

from nianbao.loaders.pdf.columns import is_number
from nianbao.loaders.pdf.ruled import TOL
from nianbao.loaders.pdf.ruled import cluster
from nianbao.model.document import SourceRef
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawCell
from nianbao.reading.blocks import RawTable


def continue_table(head: RawTable, tail: RawTable, head_columns: list[float],
                   tail_columns: list[float]) -> list[float]:
    """Append a table's continuation, and return the column rulings of the whole.

    The two parts may not have the same rulings (the part on one page has no row that divides
    the label area into sub-columns): both are then laid on the rulings of both, a cell covering
    several columns of the whole filling each with copies. A row that the page end cut in two
    (its label's last characters, and no value, at the top of the next page) is joined back.
    """
    columns = head_columns
    if head_columns and tail_columns and abs(head_columns[0] - tail_columns[0]) <= TOL \
            and abs(head_columns[-1] - tail_columns[-1]) <= TOL:
        columns = cluster(head_columns + tail_columns)
        _spread(head, head_columns, columns)
        _spread(tail, tail_columns, columns)
    rows = tail.rows
    if head.rows and rows and len(rows[0]) == len(head.rows[-1]) and _is_cut_row(rows[0]):
        for above, below in zip(head.rows[-1], rows[0], strict=True):
            if below.origin and below.text:
                above.text += below.text
        rows = rows[1:]
    head.rows.extend(rows)
    return columns


def _spread(table: RawTable, own: list[float], columns: list[float]) -> None:
    """Lay a grid's rows on finer column rulings: a cell covering several columns fills each."""
    if len(own) == len(columns):
        return
    for index, row in enumerate(table.rows):
        spread: list[RawCell] = []
        for col, cell in enumerate(row):
            covered = [k for k in range(len(columns) - 1)
                       if columns[k] >= own[col] - TOL and columns[k + 1] <= own[col + 1] + TOL]
            for position, _ in enumerate(covered or [col]):
                spread.append(cell if position == 0 else RawCell(cell.text, cell.ref, origin=False))
        table.rows[index] = spread


def _is_cut_row(row: list[RawCell]) -> bool:
    texts = [c.text for c in row if c.origin and c.text]
    return bool(texts) and not any(is_number(t) for t in texts) and any(c.origin and not c.text for c in row)


def number_tables(blocks: list[Block]) -> None:
    """Locators count tables as the reader sees them: a table continued over a page is one table."""
    tables = [b for b in blocks if isinstance(b, RawTable)]
    for number, table in enumerate(tables, start=1):
        table.ref.locator = f"page {table.ref.page}, table {number}"
        for row_no, row in enumerate(table.rows, start=1):
            for col_no, cell in enumerate(row, start=1):
                page_no = cell.ref.page
                locator = f"page {page_no}, table {number}, row {row_no}, cell {col_no}"
                cell.ref = SourceRef(page=page_no, locator=locator)
