"""Table rows whose cells lost their separators: ``640020470`` for 64, 0, 0, 2, 0, 4, 70.

Text extracted from web pages often glues a row's cells into one run of digits. A run is split
into the template's number of columns only where the split is certain: when it has exactly one
possible split, or when the table's reconciliation identities (edition data) leave exactly one.
Every other row is left unread with a ``row-unreadable`` note; a value is never guessed.

A loader hands such rows over as a :class:`~nianbao.reading.assemble.RawTable` of kind ``glued`` whose
rows are ``[label cell, run cell]``; :func:`read_glued_table` places and resolves them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import TYPE_CHECKING

from nianbao.format import labels
from nianbao.format.editions import Edition
from nianbao.format.editions import Identity
from nianbao.format.editions import RowSpec
from nianbao.format.editions import TableSpec
from nianbao.format.numerals import parse_cell
from nianbao.memo import KeptByIdentity
from nianbao.model.document import CellValue
from nianbao.model.document import Document
from nianbao.model.document import Note
from nianbao.model.document import Section
from nianbao.model.document import SourceRef
from nianbao.model.document import Table
from nianbao.model.document import TableRow
from nianbao.model.identities import TOLERANCE
from nianbao.reading.runsplits import MAX_SPLITS
from nianbao.reading.runsplits import run_parts
from nianbao.reading.runsplits import splits

if TYPE_CHECKING:
    from nianbao.reading.blocks import RawTable

Number = int | float
Keys = tuple[str, ...]

MAX_COMBINATIONS = 20_000


def _value(text: str) -> Number:
    parsed = parse_cell(text)
    assert parsed.value is not None  # every part matched _PART
    return parsed.value


@dataclass(slots=True)
class RowResult:
    """What came of one glued row: its values when certain, else why not."""

    key: str
    text: str
    columns: tuple[str, ...]
    candidates: list[tuple[Number, ...]] = field(default_factory=list)
    too_many: bool = False
    split_count: int = 0
    checked: bool = False
    minus_misplaced: bool = False

    @property
    def values(self) -> tuple[Number, ...] | None:
        return self.candidates[0] if len(self.candidates) == 1 and not self.too_many else None


Binding = tuple[Keys, Keys, frozenset[str]]
_BINDINGS: KeptByIdentity[list[Binding]] = KeptByIdentity(64)


def _bindings(identities: Sequence[Identity], spec: TableSpec) -> list[Binding]:
    """The bindings of the identities on ``spec``: their two sides' cell keys and the rows they
    touch. They depend on the edition alone, so they are worked out once per table template."""
    return _BINDINGS.get((spec, *identities), lambda: [
        (left, right, frozenset(k.split(".")[0] for k in (*left, *right)))
        for identity in identities if identity.table == spec.key
        for _binding, left, right in identity.bindings(spec)])


def _holds(left: Keys, right: Keys, cells: dict[str, Number]) -> bool:
    return abs(sum(cells[k] for k in left) - sum(cells[k] for k in right)) <= TOLERANCE


def _cells_of(row: RowResult, values: tuple[Number, ...]) -> dict[str, Number]:
    return {f"{row.key}.{column}": value for column, value in zip(row.columns, values, strict=True)}


def resolve(spec: TableSpec, identities: Sequence[Identity], runs: dict[str, str]) -> dict[str, RowResult]:
    """Split each row's run (``runs`` maps a row key to its glued text) as far as it is certain.

    A row with one possible split keeps it, so that an arithmetic error in the report is still
    reported. A row with several keeps those that satisfy the identities within the row (REC003,
    REC004), then those that, together with the other rows, satisfy the identities across rows
    (REC001, REC002); it is certain only when all surviving combinations agree on it.
    """
    bindings = _bindings(identities, spec)
    rows: dict[str, RowResult] = {}
    numbers: dict[str, Number] = {}  # each part's value: the splits of a run share most parts
    for key, text in runs.items():
        specs = spec.columns_for(key)
        columns = tuple(c.key for c in specs)
        row = RowResult(key=key, text=text, columns=columns)
        found = splits(text, len(columns), signed=[c.signed for c in specs])
        if found is None:
            row.too_many = True
        else:
            for split in found:
                for part in split:
                    if part not in numbers:
                        numbers[part] = _value(part)
            row.candidates = [tuple(map(numbers.__getitem__, split)) for split in found]
            row.split_count = len(found)
            # A minus sign that fits no signed column is the reason, not the digits' count.
            row.minus_misplaced = (not found and any(m in text for m in "-−")
                                   and bool(splits(text, len(columns))))
        rows[key] = row
    for row in rows.values():
        if row.too_many or len(row.candidates) < 2:
            continue
        own = [(lt, rt) for lt, rt, bound in bindings if bound == {row.key}]
        if own:
            row.checked = True
            kept = []
            for candidate in row.candidates:
                cells = _cells_of(row, candidate)
                if all(_holds(lt, rt, cells) for lt, rt in own):
                    kept.append(candidate)
            row.candidates = kept
    _resolve_across(rows, bindings)
    return rows


def _resolve_across(rows: dict[str, RowResult], bindings: list[Binding]) -> None:
    known = {r.key for r in rows.values() if not r.too_many and r.candidates}
    undecided = {r.key for r in rows.values() if r.key in known and len(r.candidates) > 1}
    across = []
    for left, right, touched in bindings:
        if len(touched) > 1 and touched <= known and touched & undecided:
            across.append((left, right))
    involved = {k.split(".")[0] for left, right in across for k in (*left, *right)}
    open_rows = [r for r in rows.values() if r.key in undecided and r.key in involved]
    if not open_rows:
        return
    combinations = 1
    for row in open_rows:
        combinations *= len(row.candidates)
    if combinations > MAX_COMBINATIONS:
        return
    fixed: dict[str, Number] = {}
    for row in rows.values():
        if row.key in known and len(row.candidates) == 1:
            fixed.update(_cells_of(row, row.candidates[0]))
    surviving: list[tuple[tuple[Number, ...], ...]] = []
    for choice in itertools.product(*(r.candidates for r in open_rows)):
        cells = dict(fixed)
        for row, values in zip(open_rows, choice, strict=True):
            cells.update(_cells_of(row, values))
        if all(_holds(left, right, cells) for left, right in across):
            surviving.append(choice)
    for index, row in enumerate(open_rows):
        row.checked = True
        row.candidates = list(dict.fromkeys(choice[index] for choice in surviving))


# --- placing glued rows into template tables ---------------------------------------------------------


def _place(label: str, edition: Edition) -> tuple[TableSpec, RowSpec] | None:
    for spec in edition.tables:
        row = spec.match_row(label)
        if row is not None:
            return spec, row
    # A single-row table (表四) has no row label: its run follows the column header.
    folded = labels.fold(label)
    for spec in edition.tables:
        rows = spec.all_rows()
        if len(rows) != 1:
            continue
        groups = {labels.core(g) for c in spec.columns if c.group for g in c.group.split()}
        names = {labels.core(c.label) for c in spec.columns}
        if groups and all(g in folded for g in groups | names):
            return spec, rows[0]
    return None


def _number_text(value: Number) -> str:
    return str(value)


def read_glued_table(document: Document, raw: RawTable, edition: Edition, section: Section | None) -> None:
    """Place each ``[label, run]`` row of ``raw`` in its template table and fill what is certain."""
    placed: dict[str, tuple[TableSpec, list[tuple[RowSpec, str, str, SourceRef]]]] = {}
    merged: list[tuple[TableSpec, RowSpec, str, str, SourceRef]] = []
    seen: set[tuple[str, str]] = set()
    for cells in raw.rows:
        if len(cells) != 2:
            continue
        label_cell, run_cell = cells
        found = _place(label_cell.text, edition)
        if found is None:
            older = _place_merged(label_cell.text, edition)
            if older is not None:
                merged.append((*older, label_cell.text.strip(), run_cell.text, run_cell.ref))
            continue
        spec, row_spec = found
        entry = placed.setdefault(spec.key, (spec, []))
        if (spec.key, row_spec.key) in seen:
            document.notes.append(Note(
                code="duplicate-row",
                message=f"{spec.number}的“{row_spec.label}”行出现两次，只读取了第一次出现的数值",
                message_en=f"{spec.number} row “{row_spec.label}” appears twice; only the first one was read",
                ref=run_cell.ref, table=spec.key, row=row_spec.key,
            ))
            continue
        seen.add((spec.key, row_spec.key))
        entry[1].append((row_spec, label_cell.text.strip(), run_cell.text, run_cell.ref))
    for spec, rows in placed.values():
        table = document.tables.get(spec.key)
        if table is None:
            table = Table(key=spec.key, edition=edition.edition, ref=rows[0][3])
            document.tables[spec.key] = table
        if section is not None and spec.key not in section.tables:
            section.tables.append(spec.key)
        table.grid.extend([label, run.strip()] for _row, label, run, _ref in rows)
        results = resolve(spec, edition.identities, {r.key: run for r, _label, run, _ref in rows})
        present = {row.key for row in table.rows}
        for row_spec, label, run, ref in rows:
            if row_spec.key in present:
                continue
            present.add(row_spec.key)
            table.rows.append(TableRow(row_spec.key, label, ref))
            result = results[row_spec.key]
            values = result.values
            if values is None:
                document.notes.append(_unreadable(spec, row_spec, result, ref))
                continue
            _chunks, unit = run_parts(run)
            last = result.columns[-1]
            for column, value in zip(result.columns, values, strict=True):
                # raw, value, blank, ref, unit (on the last column, where it was written)
                table.values[f"{row_spec.key}.{column}"] = CellValue(
                    _number_text(value), value, False, ref, unit if column == last else None)


    for spec, row_spec, label, run, ref in merged:
        _read_merged(document, spec, row_spec, label, run, ref)


def _place_merged(label: str, edition: Edition) -> tuple[TableSpec, RowSpec] | None:
    for spec in edition.tables:
        row = spec.match_merged(label)
        if row is not None:
            return spec, row
    return None


def _read_merged(document: Document, spec: TableSpec, row_spec: RowSpec, label: str, run: str,
                 ref: SourceRef) -> None:
    """An older edition's row printed instead of the rows it stands for (the 2019 single （六）其他处理
    in a 2021 表三). Where the parts were printed too, it is only their group's heading."""
    table = document.tables.get(spec.key)
    if table is None or any(table.row(part) is not None for part in row_spec.parts):
        return
    if table.merged_row(row_spec.key) is not None:
        return
    table.merged_rows.append(TableRow(row_spec.key, label, ref))
    columns = spec.columns_for(row_spec.key)
    result = RowResult(key=row_spec.key, text=run, columns=tuple(c.key for c in columns))
    found = splits(run, len(columns), signed=[c.signed for c in columns])
    if found is None:
        result.too_many = True
    else:
        result.candidates = [tuple(_value(p) for p in split) for split in found]
        result.split_count = len(found)
    values = result.values
    if values is None:
        document.notes.append(_unreadable(spec, row_spec, result, ref))
        return
    for column, value in zip(result.columns, values, strict=True):
        table.merged_values[f"{row_spec.key}.{column}"] = CellValue(
            raw=_number_text(value), value=value, blank=False, ref=ref)


def _unreadable(spec: TableSpec, row: RowSpec, result: RowResult, ref: SourceRef) -> Note:
    digits = result.text.strip()
    columns = len(result.columns)
    if result.too_many:
        why = f"可能的拆分超过{MAX_SPLITS}种"
        why_en = f"there are more than {MAX_SPLITS} possible splits"
    elif result.minus_misplaced:
        signed = [c.label for c in spec.columns_for(row.key) if c.signed]
        if signed:
            why = f"其中的负号只能是“{'、'.join(signed)}”列的符号，按此无法拆成{columns}个数"
            why_en = (f"a minus sign can only belong to the column(s) {', '.join(signed)}, and so they "
                      f"cannot be cut into {columns} numbers")
        else:
            why = f"其中有负号，而这些列都不能为负数，无法拆成{columns}个数"
            why_en = f"they hold a minus sign, but none of these columns can be negative ({columns} columns)"
    elif result.split_count == 0:
        why = f"无法拆成{columns}个数"
        why_en = f"they cannot be cut into {columns} numbers"
    elif not result.candidates:
        why = f"{result.split_count}种可能的拆分中没有一种满足勾稽关系"
        why_en = f"none of the {result.split_count} possible splits satisfies the reconciliation identities"
    elif result.checked:
        why = f"{result.split_count}种可能的拆分中仍有{len(result.candidates)}种满足勾稽关系"
        why_en = (f"{len(result.candidates)} of the {result.split_count} possible splits satisfy the "
                  "reconciliation identities")
    else:
        why = f"有{result.split_count}种可能的拆分，且没有勾稽关系可用来判断"
        why_en = (f"there are {result.split_count} possible splits and no reconciliation identity "
                  "to choose one")
    return Note(
        code="row-unreadable",
        message=(f"{spec.number}“{row.label}”行的数字“{digits}”粘连在一起，需拆成{columns}列，{why}，"
                 "无法确定各列数值，未读取该行"),
        message_en=(f"{spec.number} row “{row.label}”: the digits “{digits}” are run together and must "
                    f"be cut into {columns} columns, but {why_en}; the row was not read"),
        ref=ref, table=spec.key, row=row.key,
    )
