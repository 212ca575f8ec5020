"""An edition's reconciliation identities evaluated against a loaded table: each failing binding as a
:class:`~nianbao.model.findings.Derivation` (cells, expected, actual) with the location to report."""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

from nianbao.format.editions import Identity
from nianbao.format.editions import TableSpec
from nianbao.format.editions import cell_label
from nianbao.model.document import CellValue
from nianbao.model.document import Table
from nianbao.model.findings import CellEvidence
from nianbao.model.findings import Derivation
from nianbao.model.findings import Location

# How far apart two sums may be and still agree (floats of amounts in 万元): one tolerance for every
# check of an identity, so that a sum held here holds wherever else it is checked.
TOLERANCE = 1e-6


def evidence_cell(spec: TableSpec, table: Table, key: str) -> CellEvidence:
    """One read cell as evidence: its key, official label, JSON pointer, line or page, raw text, value."""
    merged = key not in table.values and key in table.merged_values
    value = table.merged_values[key] if merged else table.values[key]
    return CellEvidence(
        key=key,
        label=cell_label(spec, key),
        pointer=f"/tables/{table.key}/{'merged_values' if merged else 'values'}/{key}",
        line=value.ref.line,
        page=value.ref.page,
        raw=value.raw,
        value=value.value,
        locator=value.ref.locator,
    )


def cell_location(spec: TableSpec, table: Table, key: str) -> Location:
    """Where a finding about one cell points: the cell's line or page, and its table, row and column
    keys (the row's line when the cell itself was not read)."""
    row_key, column_key = key.split(".", 1)
    value = table.values.get(key) or table.merged_values.get(key)
    ref = value.ref if value is not None else (table.row(row_key).ref if table.row(row_key) else table.ref)
    return Location(
        line=ref.line, page=ref.page, locator=ref.locator, section=spec.section,
        table=table.key, row=row_key, column=column_key, label=cell_label(spec, key),
    )


@dataclass(frozen=True, slots=True)
class Mismatch:
    binding: dict[str, str]
    left: list[str]
    right: list[str]
    actual: int | float
    expected: int | float
    derivation: Derivation
    location: Location


def _number(x: int | float) -> int | float:
    return int(x) if float(x).is_integer() else round(x, 6)


def _with_merged(spec: TableSpec, table: Table, keys: list[str]) -> list[str]:
    """``keys`` with the cells of rows the report printed as one older-edition row (2019's single
    （六）其他处理 in a 2021 表三) replaced by that row's cell: its value is their sum."""
    for merged in spec.merged_rows:
        if table.merged_row(merged.key) is None or any(table.row(p) is not None for p in merged.parts):
            continue
        prefixes = tuple(f"{part}." for part in merged.parts)
        parts = [k for k in keys if k.startswith(prefixes)]
        columns = {k.split(".", 1)[1] for k in parts}
        if len(parts) != len(merged.parts) or len(columns) != 1:
            continue  # the identity does not take the parts together (the row-total identity)
        first = keys.index(parts[0])
        keys = [k for k in keys if k not in parts]
        keys.insert(first, f"{merged.key}.{columns.pop()}")
    return keys


def checkable_sums(values: Mapping[str, CellValue], left: Sequence[str],
                   right: Sequence[str]) -> tuple[float, float] | None:
    """The sums of a binding's two sides, or None when it cannot be checked: a cell missing or not a
    number, or one side all blank."""
    get = values.get
    sums = []
    for keys in (left, right):
        total: int | float = 0  # added in order, as sum() would
        all_blank = True
        for key in keys:
            cell = get(key)
            if cell is None:
                return None
            if not cell.blank:
                if cell.value is None:
                    return None
                all_blank = False
            total += cell.value or 0
        if all_blank:
            return None
        sums.append(total)
    return sums[0], sums[1]


def evaluate(identity: Identity, spec: TableSpec, table: Table) -> Iterator[Mismatch]:
    """Yield every binding where sum(left) ≠ sum(right).

    A binding is skipped when one of its cells was not read or is not a number (other rules report
    those), or when every cell of one side is blank, so the identity cannot be checked. Blank cells
    otherwise count as 0, as reports use them for "none".
    """
    values = {**table.merged_values, **table.values} if table.merged_values else table.values
    merged = any(table.merged_row(m.key) is not None for m in spec.merged_rows)
    extra_rows = tuple(r.key for r in table.merged_rows)
    for binding, shared_left, shared_right in identity.bindings(spec, extra_rows):
        left: Sequence[str] = shared_left
        right: Sequence[str] = shared_right
        if merged:  # otherwise _with_merged changes nothing
            left, right = _with_merged(spec, table, list(left)), _with_merged(spec, table, list(right))
        sums = checkable_sums(values, left, right)
        if sums is None:
            continue
        actual, expected = sums
        if abs(actual - expected) <= TOLERANCE:
            continue
        derivation = Derivation(
            identity=identity.text,
            cells=tuple(evidence_cell(spec, table, k) for k in (*left, *right)),
            expected=_number(expected),
            actual=_number(actual),
        )
        yield Mismatch(dict(binding), list(left), list(right), _number(actual), _number(expected), derivation,
                       cell_location(spec, table, left[0]))
