"""Place a grid row's values by where the header puts each column, not by counting cells.

Counting fails when a data row's cells are merged differently from the header's (a value cell
over two slots, a filler cell, a column the format does not have). In an expanded grid every
header label stands over the slots of its column, so a value belongs to a column when its cell,
and no other cell, fills that column's slots.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nianbao.format import labels
from nianbao.format.editions import ColumnSpec
from nianbao.format.editions import TableSpec
from nianbao.format.numerals import parse_cell

if TYPE_CHECKING:
    from nianbao.reading.blocks import RawCell as _Cell


@dataclass(frozen=True, slots=True)
class HeaderPlacement:
    """The value cell of each column, in the columns' order, and the numbers the row holds in
    slots that belong to no column of the format."""

    values: list[_Cell]
    outside: list[_Cell]


def owners(row: Sequence[_Cell]) -> list[int | None]:
    """For each slot, the index of the cell of this row that fills it; None for the copy of a
    cell from a row above (a rowspan), which holds no value of this row."""
    owner: list[int | None] = []
    current: int | None = None
    for index, cell in enumerate(row):
        if cell.origin:
            current = index
            owner.append(index)
        elif current is not None and _same_cell(cell, row[current]):
            owner.append(current)
        else:
            current = None
            owner.append(None)
    return owner


def _same_cell(copy: _Cell, cell: _Cell) -> bool:
    if copy.ref is cell.ref:
        return True
    locator = getattr(cell.ref, "locator", None)
    return bool(locator) and copy.ref == cell.ref and copy.text == cell.text


def label_end(row: Sequence[_Cell], label: _Cell | None) -> int:
    """The first slot after the label cell (0 for a row without a label)."""
    if label is None:
        return 0
    owner = owners(row)
    start = next(i for i, cell in enumerate(row) if cell is label)
    return max(i for i, o in enumerate(owner) if o == start) + 1


def column_slots(
    spec: TableSpec, column: ColumnSpec, headers: Sequence[Sequence[_Cell]], first: int
) -> set[int]:
    """The slots from ``first`` on that the nearest header row naming ``column`` puts it over;
    a column of a group (行政复议, 法人或其他组织) only where a header row above names the group."""
    groups = [labels.core(g) for g in (column.group or "").split()]
    for header in reversed(headers):
        found = {
            j for j in range(first, len(header))
            if header[j].text.strip() and spec.match_column(header[j].text, (column,)) is column
            and all(any(j < len(h) and labels.core(h[j].text) == g for h in headers) for g in groups)
        }
        if found:
            return found
    return set()


@dataclass(frozen=True, slots=True)
class HeaderColumns:
    """Where the header puts each column of the format (``slots``, in the columns' order) for one
    data row, whose values start at slot ``first``."""

    row: Sequence[_Cell]
    slots: list[set[int]]
    first: int

    def place(self) -> HeaderPlacement | None:
        """The value cell of every column, or None when the header does not settle each one: slots
        of a column filled by two cells, or one cell over two columns."""
        owner = owners(self.row)
        chosen: list[int] = []
        for slots in self.slots:
            filled = {owner[j] for j in slots if j < len(self.row)}
            if len(filled) != 1 or None in filled:
                return None
            chosen.append(filled.pop())
        if len(set(chosen)) != len(chosen):
            return None
        outside = [cell for j, cell in enumerate(self.row) if j >= self.first and cell.origin
                   and j not in chosen and parse_cell(cell.text).value is not None]
        return HeaderPlacement([self.row[j] for j in chosen], outside)

    def agrees(self, cells: Sequence[_Cell]) -> bool:
        """Whether cells taken in order (one per column) each fill a slot of their column."""
        owner = owners(self.row)
        index = {id(cell): j for j, cell in enumerate(self.row) if cell.origin}
        for cell, slots in zip(cells, self.slots, strict=True):
            j = index.get(id(cell))
            if j is None or not any(owner[k] == j for k in slots if k < len(self.row)):
                return False
        return True


def header_columns(
    spec: TableSpec,
    columns: Sequence[ColumnSpec],
    rows: Sequence[Sequence[_Cell]],
    index: int,
    label: _Cell | None,
    numbered: Sequence[bool] | None = None,
) -> HeaderColumns | None:
    """The header's place for every column of row ``index``; None when the header rows above it do
    not name every column. ``numbered`` says for each row whether it holds a number, when the caller
    has worked it out once for the whole table."""
    headers = header_rows(rows, index, numbered)
    row = rows[index]
    first = label_end(row, label)
    slots = _slots(spec, tuple(columns), tuple(headers), first)
    if not headers or not all(slots):
        return None
    return HeaderColumns(row, slots, first)


_SLOTS: dict[tuple[int, ...], tuple[tuple[object, ...], list[set[int]]]] = {}
_SLOTS_CACHE_SIZE = 256


def _slots(spec: TableSpec, columns: tuple[ColumnSpec, ...], headers: tuple[Sequence[_Cell], ...],
           first: int) -> list[set[int]]:
    """:func:`column_slots` of every column. The data rows of one table share their header rows, so
    the answer is remembered for the header rows themselves (the entry holds them, so their ids stay
    theirs while it lives)."""
    owners_ = (spec, *columns, *headers)
    key = (first, *map(id, owners_))
    cached = _SLOTS.get(key)
    if cached is not None and all(a is b for a, b in zip(cached[0], owners_, strict=True)):
        return [set(s) for s in cached[1]]
    slots = [column_slots(spec, column, headers, first) for column in columns]
    if len(_SLOTS) >= _SLOTS_CACHE_SIZE:
        _SLOTS.clear()
    _SLOTS[key] = (owners_, [set(s) for s in slots])
    return slots


def header_rows(rows: Sequence[Sequence[_Cell]], before: int,
                numbered: Sequence[bool] | None = None) -> list[Sequence[_Cell]]:
    """The rows above row ``before`` that hold no number: the header rows of the table (and of
    each 表二 block)."""
    if numbered is None:
        numbered = numbered_rows(rows[:before])
    return [row for row, number in zip(rows[:before], numbered[:before], strict=True) if not number]


def numbered_rows(rows: Sequence[Sequence[_Cell]]) -> list[bool]:
    """For each row, whether a cell of it holds a number."""
    return [any(parse_cell(c.text).value is not None for c in row) for row in rows]
