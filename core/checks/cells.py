"""What several table rules share: naming a template cell for a message, and pointing at it."""

from __future__ import annotations

from nianbao.format.editions import TableSpec
from nianbao.format.editions import cell_label
from nianbao.model.document import CellValue
from nianbao.model.document import Table
from nianbao.model.findings import CellEvidence
from nianbao.model.findings import Derivation
from nianbao.model.findings import Location
from nianbao.model.identities import cell_location
from nianbao.model.identities import evidence_cell


def column_name(spec: TableSpec, row_key: str, column_key: str) -> str:
    """A column's label as a reader finds it: 表四's repeated 结果维持 … carry their group
    (行政复议结果维持, 复议后起诉总计) so that the name is unambiguous."""
    column = spec.column(row_key, column_key)
    if column.group and spec.key == "reviews":
        return f"{column.group.split()[-1]}{column.label}"
    return column.label


def is_whole(value: int | float) -> bool:
    """Whether a figure is a whole number (counts are; amounts of fees may not be)."""
    return float(value).is_integer()


def show(value: int | float) -> str:
    """A figure as a message shows it: ``3`` rather than ``3.0``, ``2.5`` as it is."""
    return str(int(value)) if is_whole(value) else f"{value:g}"


def cell_args(spec: TableSpec, key: str, cell: CellValue) -> dict[str, object]:
    """Message arguments every single-cell finding uses."""
    return {"table_no": spec.number, "cell": cell_label(spec, key), "raw": cell.raw}


def cell_finding_parts(
    spec: TableSpec, table: Table, key: str, what: str, expected: str | None, actual: int | float | str | None
) -> tuple[Location, Derivation]:
    """The location of one cell and the evidence that shows it, with what was expected of it."""
    cells = (evidence_cell(spec, table, key),)
    evidence = Derivation(identity=what, cells=cells, expected=expected, actual=actual)
    return cell_location(spec, table, key), evidence


def blank_columns(spec: TableSpec, table: Table, row_key: str) -> list[CellEvidence]:
    """The cells of one row that were read and are blank, in column order."""
    cells = []
    for column in spec.columns_for(row_key):
        key = f"{row_key}.{column.key}"
        value = table.values.get(key)
        if value is not None and value.blank:
            cells.append(evidence_cell(spec, table, key))
    return cells
