"""Place a grid row's values by where the header puts each column, not by counting cells.

Counting fails when a data row's cells are merged differently from the header's (a value cell
over two slots, a filler cell, a column the format does not have). In an expanded grid every
header label stands over the slots of its column, so a value belongs to a column when its cell,
and no other cell, fills that column's slots.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from nianbao.format import labels
from nianbao.format.editions import ColumnSpec
from nianbao.format.editions import TableSpec
from nianbao.format.numerals import parse_cell
from nianbao.memo import KeptByIdentity
from nianbao.memo import keep

if TYPE_CHECKING:
    from nianbao.reading.blocks import RawCell as _Cell


def owners(row: Sequence[_Cell]) -> list[int | None]:
    """For each slot, the index of the cell of this row that fills it; None for the copy of a
    cell from a row above (a rowspan), which holds no value of this row."""
    owner: list[int | None] = []
    current: int | None = None
    for index, cell in enumerate(row):
        if cell.origin:
            current = index
            owner.append(index)
        elif current is not None and (cell.ref is row[current].ref or _same_cell(cell, row[current])):
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


def label_end(row: Sequence[_Cell], label: _Cell | None, owner: Sequence[int | None] | None = None) -> int:
    """The first slot after the label cell (0 for a row without a label); ``owner`` is
    :func:`owners` of the row, when the caller has it."""
    if label is None:
        return 0
    owner = owners(row) if owner is None else owner
    start = 0
    while row[start] is not label:  # a loop, not next() over a generator: a frame step a cell
        start += 1
    # the label's slots are its own and the copies of it right after (owners() never returns to it)
    end = start + 1
    while end < len(owner) and owner[end] == start:
        end += 1
    return end


def column_slots(
    spec: TableSpec, column: ColumnSpec, headers: Sequence[Sequence[_Cell]], first: int
) -> set[int]:
    """The slots from ``first`` on that the nearest header row naming ``column`` puts it over;
    a column of a group (行政复议, 法人或其他组织) only where a header row above names the group."""
    return _columns_slots(spec, (column,), headers, first)[0]


def _columns_slots(spec: TableSpec, columns: Sequence[ColumnSpec], headers: Sequence[Sequence[_Cell]],
                   first: int) -> list[set[int]]:
    """:func:`column_slots` of every column, in one pass over the header rows: a header's cells
    repeat the same few texts (a spanning cell fills every slot under it), so each text is matched
    against the columns once."""
    columns = tuple(columns)
    named = _named(spec, columns)
    cores: dict[int, set[str]] = {}
    groups = [[labels.core(g) for g in (column.group or "").split()] for column in columns]
    found: list[set[int] | None] = [None] * len(columns)
    for header in reversed(headers):
        here: dict[int, set[int]] = {}
        for j in range(first, len(header)):
            text = header[j].text
            names = named.get(text)
            if names is None:
                names = keep(named, text, tuple(
                    i for i, column in enumerate(columns)
                    if text.strip() and spec.match_column(text, (column,)) is column), _NAMED_TEXTS)
            for i in names:
                if found[i] is not None:
                    continue
                if groups[i]:
                    at = cores.get(j)
                    if at is None:
                        at = cores[j] = {labels.core(h[j].text) for h in headers if j < len(h)}
                    if not all(g in at for g in groups[i]):
                        continue
                here.setdefault(i, set()).add(j)
        for i, slots in here.items():
            found[i] = slots
    return [slots if slots is not None else set() for slots in found]


_NAMED: KeptByIdentity[dict[str, tuple[int, ...]]] = KeptByIdentity(64)
_NAMED_TEXTS = 1024


def _named(spec: TableSpec, columns: tuple[ColumnSpec, ...]) -> dict[str, tuple[int, ...]]:
    """For a template's columns, the indices of the columns each header text names, as found so far.
    Reports repeat the format's few header texts, so the answers are kept per template."""
    return _NAMED.get((spec, columns), dict)


@dataclass(frozen=True, slots=True)
class RowLayout:
    """Where the header puts each column of the format (``slots``, in the columns' order) for the data
    rows of one shape: their values start at slot ``first`` and their cells fill the slots as
    ``owner`` (:func:`owners`) says. ``chosen`` is the slot of each column's value cell (None when
    the header does not settle one: slots of a column filled by two cells, or one cell over two
    columns), ``others`` the slots of the row's other cells from ``first`` on."""

    slots: tuple[frozenset[int], ...]
    first: int
    owner: tuple[int | None, ...]
    chosen: tuple[int, ...] | None
    others: tuple[int, ...]
    # ``take(row)``: the cells of ``chosen`` as a tuple, in one call (an itemgetter, not a loop per row)
    take: Callable[[Sequence[_Cell]], tuple[_Cell, ...]] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        chosen = self.chosen
        take = None
        if chosen is not None:
            take = itemgetter(*chosen) if len(chosen) > 1 else lambda row: tuple(row[j] for j in chosen)
        object.__setattr__(self, "take", take)

    def outside(self, row: Sequence[_Cell]) -> list[_Cell]:
        """The cells of ``row``, a row of this shape, that hold numbers in slots of no column."""
        return [row[j] for j in self.others if parse_cell(row[j].text).value is not None]

    def agrees(self, row: Sequence[_Cell], cells: Sequence[_Cell]) -> bool:
        """Whether cells of ``row`` taken in order (one per column) each fill a slot of their column."""
        owner = self.owner
        index = {id(cell): j for j, cell in enumerate(row) if cell.origin}
        for cell, slots in zip(cells, self.slots, strict=True):
            j = index.get(id(cell))
            if j is None or not any(owner[k] == j for k in slots if k < len(row)):
                return False
        return True


def _layout(slots: tuple[frozenset[int], ...], owner: tuple[int | None, ...], first: int) -> RowLayout:
    """The layout of rows whose cells fill their slots as ``owner`` says: each column's value cell is
    the one cell that fills all of the column's slots, and no cell serves two columns."""
    width = len(owner)
    chosen: list[int] = []
    for column_slots in slots:
        filled = {owner[j] for j in column_slots if j < width}
        if len(filled) != 1 or None in filled:
            return RowLayout(slots, first, owner, None, ())
        chosen.append(filled.pop())
    taken = set(chosen)
    if len(taken) != len(chosen):
        return RowLayout(slots, first, owner, None, ())
    # a slot holds a cell of the row itself where it is the cell's own (not a span's copy)
    others = tuple(j for j in range(first, width) if owner[j] == j and j not in taken)
    return RowLayout(slots, first, owner, tuple(chosen), others)


# Tables of one format share their few row shapes: kept for the slots of a header (one tuple per
# header and template, so the key's first part is mostly compared by identity), the first value slot
# and the way a row's cells fill the slots.
_LAYOUTS: dict[tuple[tuple[frozenset[int], ...], int, tuple[int | None, ...]], RowLayout] = {}
_LAYOUTS_SIZE = 1024


class GridHeaders:
    """The header rows of one grid table, for placing each of its data rows: the rows above a row
    that hold no number (the table's header, and each 表二 block's). Rows under the same header rows
    share them, and most share a few shapes, so each row's layout is worked out once per shape."""

    def __init__(self, rows: Sequence[Sequence[_Cell]], numbered: Sequence[bool]) -> None:
        self._rows = rows
        # for each row, the header rows above it and their texts
        above: list[tuple[tuple[Sequence[_Cell], ...], tuple[tuple[str, ...], ...]]] = []
        current: tuple[tuple[Sequence[_Cell], ...], tuple[tuple[str, ...], ...]] = ((), ())
        for row, number in zip(rows, numbered, strict=True):
            above.append(current)
            if not number:
                current = ((*current[0], row), (*current[1], tuple([cell.text for cell in row])))
        self._above = above
        # per header rows (kept alive by ``_above``, so their ids stay theirs), template, label and shape
        self._layouts: dict[tuple[int, int, int, int, int | tuple[int | None, ...]], RowLayout | None] = {}
        # and per header rows, template and first value slot: rows of several shapes share these, and
        # _slots' own look-up hashes and compares the header's every text
        self._slots: dict[tuple[int, int, int, int], tuple[frozenset[int], ...]] = {}

    def layout(self, spec: TableSpec, columns: tuple[ColumnSpec, ...], index: int,
               cells: Sequence[_Cell], label_index: int) -> RowLayout | None:
        """The header's place for every column of row ``index``, whose own cells (a span's copies
        left out) are ``cells`` with the label at ``label_index`` (-1: none); None when the header
        rows above it do not name every column."""
        headers, texts = self._above[index]
        if not headers:
            return None
        row = self._rows[index]
        # no copies: each slot holds its own cell (most rows), and the width is the shape
        shape = len(row) if len(cells) == len(row) else tuple(owners(row))
        key = (id(headers), id(spec), id(columns), label_index, shape)
        try:
            return self._layouts[key]
        except KeyError:
            pass
        if type(shape) is int:
            owner: tuple[int | None, ...] = _own_slots(shape)
            first = label_index + 1
        else:
            owner = shape
            first = label_end(row, cells[label_index] if label_index >= 0 else None, owner)
        slots = self._slots.get((id(headers), id(spec), id(columns), first))
        if slots is None:
            slots = self._slots[(id(headers), id(spec), id(columns), first)] = _slots(
                spec, columns, headers, texts, first)
        layout = None
        if all(slots):
            layout = _LAYOUTS.get((slots, first, owner))
            if layout is None:
                layout = keep(_LAYOUTS, (slots, first, owner), _layout(slots, owner, first), _LAYOUTS_SIZE)
        self._layouts[key] = layout
        return layout


@lru_cache(maxsize=256)
def _own_slots(width: int) -> tuple[int, ...]:
    """:func:`owners` of a row of ``width`` cells that each fill their own slot."""
    return tuple(range(width))


_SLOTS: KeptByIdentity[dict[tuple[int, tuple[tuple[str, ...], ...]], tuple[frozenset[int], ...]]] = \
    KeptByIdentity(64)
_SLOTS_BY_CORES: KeptByIdentity[dict[tuple[int, tuple[tuple[str, ...], ...]], tuple[frozenset[int], ...]]] = \
    KeptByIdentity(64)
_SLOTS_PER_TEMPLATE = 256


def _slots(spec: TableSpec, columns: tuple[ColumnSpec, ...], headers: tuple[Sequence[_Cell], ...],
           texts: tuple[tuple[str, ...], ...], first: int) -> tuple[frozenset[int], ...]:
    """:func:`column_slots` of every column, frozen. The answer depends only on the header rows'
    ``texts``, and reports of one format repeat the same few headers, so it is kept per template for
    the header texts (a table's shape, not its values)."""
    known = _SLOTS.get((spec, columns), dict)
    slots = known.get((first, texts))
    if slots is None:
        # The answer depends only on the texts' cores (match_column and the groups compare cores), so
        # a header worded with other spaces or line breaks than one seen before is looked up by them.
        cores = tuple(tuple(map(labels.core, row)) for row in texts)
        by_cores = _SLOTS_BY_CORES.get((spec, columns), dict)
        slots = by_cores.get((first, cores))
        if slots is None:
            found = _columns_slots(spec, columns, headers, first)
            slots = keep(by_cores, (first, cores), tuple(map(frozenset, found)), _SLOTS_PER_TEMPLATE)
        keep(known, (first, texts), slots, _SLOTS_PER_TEMPLATE)
    return slots


# Whether a cell's text is a number, by the text: numbered_rows asks of every cell of a table, and a
# plain dict read in place costs less than a call through parse_cell's cache.
_IS_NUMBER: dict[str, bool] = {}
_IS_NUMBER_SIZE = 4096


def numbered_rows(rows: Sequence[Sequence[_Cell]]) -> list[bool]:
    """For each row, whether a cell of it holds a number."""
    numbered = []
    known = _IS_NUMBER
    for row in rows:  # loops, not any() over a generator: half the time for a table's every cell
        for cell in reversed(row):  # from the right, where a data row's numbers stand
            text = cell.text
            number = known.get(text)
            if number is None:
                number = keep(known, text, parse_cell(text).value is not None, _IS_NUMBER_SIZE)
            if number:
                numbered.append(True)
                break
        else:
            numbered.append(False)
    return numbered
