"""Turn what a loader read (paragraphs and raw tables, in reading order) into a :class:`Document`.

Every loader ends here, so sections, template tables and metadata are found the same way
whatever the input format. Loaders only decide what a paragraph is and what a table cell is.
Reading runs in two steps around the engine's one decision on the edition: :func:`draft_document`
finds sections, metadata and the edition the tables' shape names; :meth:`Draft.read_tables` reads
the tables against the edition the engine decided.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from nianbao.format import labels
from nianbao.format.editions import Edition
from nianbao.format.editions import RowSpec
from nianbao.format.editions import TableSpec
from nianbao.format.numerals import parse_cell
from nianbao.memo import KeptByIdentity
from nianbao.memo import keep
from nianbao.model.document import CellValue
from nianbao.model.document import Document
from nianbao.model.document import Note
from nianbao.model.document import Section
from nianbao.model.document import Source
from nianbao.model.document import SourceRef
from nianbao.model.document import Table
from nianbao.model.document import TableRow
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawCell
from nianbao.reading.blocks import RawTable
from nianbao.reading.glued import read_glued_table
from nianbao.reading.gridcolumns import GridHeaders
from nianbao.reading.gridcolumns import RowLayout
from nianbao.reading.gridcolumns import numbered_rows
from nianbao.reading.metadata import detect_meta
from nianbao.reading.sections import split_sections
from nianbao.reading.sections import tables_with_sections


@dataclass(slots=True)
class Draft:
    """A report as read, before its edition is decided: the document with its sections, paragraphs,
    metadata and the edition its tables' shape names (``meta.table_edition``), and the raw tables
    with the section each stands in, which :meth:`read_tables` matches to the decided edition.
    ``notes_after`` are a loader's notes on the file as a whole (a file cut short), listed after
    the notes on single tables."""

    document: Document
    raw_tables: list[tuple[RawTable, Section | None]]
    notes_after: list[Note] = field(default_factory=list)

    def read_tables(self, edition: Edition) -> Document:
        """Match every raw table to ``edition``'s template tables and return the document."""
        for raw, section in self.raw_tables:
            _read_table(self.document, raw, edition, section)
        self.document.notes.extend(self.notes_after)
        self.raw_tables, self.notes_after = [], []
        return self.document


def draft_document(
    source: Source,
    blocks: Iterable[Block],
    editions: Mapping[str, Edition],
    title_hint: str | None = None,
) -> Draft:
    """Sections, metadata and the tables' edition from blocks in reading order; the tables are read
    once the engine has decided the edition (:meth:`Draft.read_tables`)."""
    blocks = list(blocks)
    document = Document(source=source)
    split_sections(document, blocks, editions)
    raw_tables = list(tables_with_sections(blocks, document))
    detect_meta(document, title_hint)
    document.meta.table_edition = _edition_from_tables([t for t, _ in raw_tables], editions)
    return Draft(document, raw_tables)


# --- edition from the tables' shape ----------------------------------------------------------------


def edition_markers(editions: Mapping[str, Edition]) -> dict[str, frozenset[str]]:
    """Folded labels that occur in one edition's tables and in no other edition's; worked out once
    per set of editions (they are frozen), not for every report."""

    def markers() -> dict[str, frozenset[str]]:
        per_edition: dict[str, set[str]] = {}
        for name, edition in editions.items():
            found: set[str] = set()
            for table in edition.tables:
                for block in table.blocks:
                    found.add(labels.core(block.label))
                    found.update(labels.core(c.label) for c in block.columns)
                found.update(labels.core(c.label) for c in table.columns)
                found.update(labels.core(r.label) for r in table.all_rows())
            per_edition[name] = found
        return {
            name: frozenset(found - set().union(*(f for other, f in per_edition.items() if other != name)))
            for name, found in per_edition.items()
        }

    return _MARKERS.get(tuple(editions.values()), markers, extra=tuple(editions))


_MARKERS: KeptByIdentity[dict[str, frozenset[str]]] = KeptByIdentity(16)


def _edition_from_tables(tables: list[RawTable], editions: Mapping[str, Edition]) -> str | None:
    # a table's cells repeat a few texts (a spanning cell fills every slot under it): each is folded once
    texts = {labels.core(text) for text in {cell.text for t in tables for row in t.rows for cell in row}
             if text.strip()}
    scores = {name: len(markers & texts) for name, markers in edition_markers(editions).items()}
    best = max(scores.values(), default=0)
    if best == 0:
        return None
    winners = [name for name, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None


# --- template tables -------------------------------------------------------------------------------


def _read_table(document: Document, raw: RawTable, edition: Edition, section: Section | None) -> None:
    if raw.kind == "glued":
        read_glued_table(document, raw, edition, section)
        return
    header_text = _TableText(raw.rows)
    # the templates this table holds rows of, in the order first met (a set's order would change from
    # run to run with str hashing, and with it the table a stray row before any placed one is noted in)
    touched: dict[str, None] = {}
    strays: list[tuple[str | None, list[RawCell]]] = []
    current: str | None = None
    rows_read: dict[str, set[str]] = {}  # per template table, the keys of its rows read so far
    numbered = numbered_rows(raw.rows) if raw.kind == "grid" else None
    headers = GridHeaders(raw.rows, numbered) if numbered is not None else None
    row_names = _ROWS_NAMED.get((edition,), dict)
    for index, row in enumerate(raw.rows):
        cells = [c for c in row if c.origin]
        placed = _place_row(cells, edition, row_names, header_text, raw.kind)
        if placed is None:
            if numbered is not None and not numbered[index]:
                continue  # a header row: no number to read or to note as not read
            merged = _place_merged(cells, edition, current) if current is not None else None
            if merged is not None:
                spec, row_spec, label_index = merged
                _read_merged(document, raw, index, cells, spec, row_spec, label_index, headers)
            elif _stray_label(cells):
                strays.append((current, cells))
            continue
        spec, row_spec, label_index = placed
        touched.setdefault(spec.key)
        current = spec.key
        table = document.tables.get(spec.key)
        if table is None:
            table = Table(key=spec.key, edition=edition.edition, ref=_first_ref(cells))
            document.tables[spec.key] = table
            if section is not None and spec.key not in section.tables:
                section.tables.append(spec.key)
        if row_spec is None:
            label = "".join(c.text.strip() for c in cells[: label_index + 1]) if label_index >= 0 else ""
            if _has_numbers(cells[label_index + 1:]):
                table.unmatched.append(label)
            continue
        read = rows_read.get(spec.key)
        if read is None:  # a set: Table.row walks the rows, and this asks for every row
            read = rows_read[spec.key] = {r.key for r in table.rows}
        if row_spec.key in read:
            document.notes.append(Note(
                code="duplicate-row",
                message=f"{spec.number}的“{row_spec.label}”行出现两次，只读取了第一次出现的数值",
                message_en=f"{spec.number} row “{row_spec.label}” appears twice; only the first one was read",
                ref=_first_ref(cells), table=spec.key, row=row_spec.key,
            ))
            continue
        label_text = cells[label_index].text.strip() if label_index >= 0 else row_spec.label
        table.rows.append(TableRow(row_spec.key, label_text, _first_ref(cells)))
        read.add(row_spec.key)
        _fill_values(document, table, spec, row_spec, row, cells, label_index, raw.kind, headers, index)
    if not touched and section is not None:
        section.other_tables += 1
    if touched:
        _note_strays(document, edition, strays, next(iter(touched)))
        kept = [texts for texts in ([c.text.strip() for c in row] for row in raw.rows) if any(texts)]
        for n, key in enumerate(touched):
            document.tables[key].grid.extend(kept if n == 0 else [list(texts) for texts in kept])


class _TableText:
    """The whole table's folded text, worked out when first asked: only a row without a label (表四)
    asks, and most tables have none (a plain class: functools.cache costs more to make per table)."""

    __slots__ = ("_rows", "_text")

    def __init__(self, rows: list[list[RawCell]]) -> None:
        self._rows = rows
        self._text: str | None = None

    def __call__(self) -> str:
        if self._text is None:
            self._text = "".join(labels.core(c.text) for row in self._rows for c in row)
        return self._text


def _place_merged(
    cells: list[RawCell], edition: Edition, current: str
) -> tuple[TableSpec, RowSpec, int] | None:
    """A row of an older edition that the current table's template declares as standing for several
    of its rows (the 2019 single （六）其他处理 in a 2021 表三), with the index of its label cell."""
    spec = edition.table(current)
    for index in range(len(cells) - 1, -1, -1):
        text = cells[index].text
        if not text.strip() or parse_cell(text).value is not None:
            continue
        row_spec = spec.match_merged(text)
        if row_spec is not None and _has_numbers(cells[index + 1:]):
            return spec, row_spec, index
    return None


def _read_merged(
    document: Document, raw: RawTable, index: int, cells: list[RawCell], spec: TableSpec, row_spec: RowSpec,
    label_index: int, headers: GridHeaders | None,
) -> None:
    table = document.tables[spec.key]
    if table.merged_row(row_spec.key) is not None or any(table.row(p) is not None for p in row_spec.parts):
        document.notes.append(Note(
            code="duplicate-row",
            message=f"{spec.number}的“{row_spec.label}”与其分项同时出现或出现两次，只读取了分项或第一次出现的数值",
            message_en=(f"{spec.number} row “{row_spec.label}” appears beside its parts or twice; only the "
                        "parts or its first occurrence were read"),
            ref=_first_ref(cells), table=spec.key, row=row_spec.key,
        ))
        return
    table.merged_rows.append(TableRow(row_spec.key, cells[label_index].text.strip(), _first_ref(cells)))
    _fill_values(document, table, spec, row_spec, raw.rows[index], cells, label_index, raw.kind, headers,
                 index, into=table.merged_values)


def _stray_label(cells: list[RawCell]) -> str | None:
    """The label of a row that carries numbers but names no template row (e.g. a 2019-style
    （六）其他处理 single row in a 2021-edition table), so its values are not silently lost."""
    numbers, word = False, None
    for cell in cells:
        text = cell.text.strip()
        if text:
            parsed = parse_cell(text)
            if parsed.value is not None:
                numbers = True
            elif not parsed.blank:
                word = text  # the last word wins
    return word if numbers else None


def _note_strays(document: Document, edition: Edition, strays: list[tuple[str | None, list[RawCell]]],
                 fallback: str) -> None:
    for key, cells in strays:
        spec = edition.table(key or fallback)
        label = _stray_label(cells) or ""
        values = "、".join(c.text.strip() for c in cells if parse_cell(c.text).value is not None)
        document.notes.append(Note(
            code="row-unreadable",
            message=f"{spec.number}中“{label}”一行不是{edition.edition}版格式规定的行，未读取其数值（{values}）",
            message_en=(f"{spec.number} row “{label}” is not a row of the {edition.edition} edition's table; "
                        f"its values ({values}) were not read"),
            ref=_first_ref(cells), table=spec.key,
        ))


def _first_ref(cells: list[RawCell]) -> SourceRef:
    return cells[0].ref if cells else SourceRef()


def _has_numbers(cells: list[RawCell]) -> bool:
    return any(parse_cell(c.text).value is not None for c in cells)


def _place_row(
    cells: list[RawCell], edition: Edition, row_names: dict[str, tuple[TableSpec, RowSpec] | None],
    header_text: Callable[[], str], kind: str,
) -> tuple[TableSpec, RowSpec | None, int] | None:
    """Find the template table and row a raw row belongs to, and the index of its label cell.

    The label is the rightmost cell that names a template row; cells to its left are group labels
    (三、本年度办理结果, （三）不予公开). A row with no label but a full set of numbers belongs to a
    single-row table whose column groups appear in the raw table (表四).
    """
    grid = kind == "grid"
    filled = False  # whether a number (in a grid, also a blank) stands right of the cell
    worded = False  # whether a cell holds words: text that is neither a number nor a blank
    known = _VALUE_PARTS
    for index in range(len(cells) - 1, -1, -1):
        text = cells[index].text
        raw, value, blank, _, _ = known.get(text) or _value_parts(text)
        if value is not None:
            filled = True
        # without anything to its right, a cell is a header cell such as 总计 ending a header row
        elif filled and raw:
            named = row_names[text] if text in row_names else _row_named(edition, text, row_names)
            if named is not None:
                return named[0], named[1], index
            worded = worded or not blank
        elif blank:
            filled = filled or grid
        elif raw:
            worded = True
    if worded:
        return None  # a row with a label of no template row
    read = [(c, parse_cell(c.text)) for c in cells]
    numbers = [c for c, p in read if p.value is not None]
    # In a grid an empty cell is a blank value and still holds its column's place; in text a blank
    # is only what is written as one (-, —, /).
    slots = [c for c, p in read if p.blank and (kind == "grid" or c.text.strip())] if numbers else []
    for spec in edition.tables:
        if len(spec.all_rows()) != 1:
            continue
        groups = _GROUPS.get((spec,), lambda spec=spec: frozenset(
            labels.core(g) for c in spec.columns if c.group for g in c.group.split()))
        fills_columns = len(numbers) + len(slots) >= len(spec.columns)
        if fills_columns and groups and all(g in header_text() for g in groups):
            return spec, spec.all_rows()[0], -1
    return None


_ROWS_NAMED: KeptByIdentity[dict[str, tuple[TableSpec, RowSpec] | None]] = KeptByIdentity(16)
_ROWS_NAMED_TEXTS = 4096
_GROUPS: KeptByIdentity[frozenset[str]] = KeptByIdentity(256)


def _row_named(edition: Edition, text: str,
               known: dict[str, tuple[TableSpec, RowSpec] | None]) -> tuple[TableSpec, RowSpec] | None:
    """The first of ``edition``'s template tables with a row ``text`` names, and that row, kept in
    ``known`` (the edition's answers so far: reports repeat the format's few row labels)."""
    found = None
    for spec in edition.tables:
        row_spec = spec.match_row(text)
        if row_spec is not None:
            found = spec, row_spec
            break
    return keep(known, text, found, _ROWS_NAMED_TEXTS)


def _fill_values(
    document: Document, table: Table, spec: TableSpec, row_spec: RowSpec, row: list[RawCell],
    row_cells: list[RawCell], label_index: int, kind: str, headers: GridHeaders | None, index: int,
    into: dict[str, CellValue] | None = None,
) -> None:
    """Read the values of ``row``, row ``index`` (its own cells ``row_cells``, the label at
    ``label_index``), into ``table``; in a grid with ``headers``, placed by the header's columns."""
    columns = spec.columns_for(row_spec.key)
    layout = headers.layout(spec, columns, index, row_cells, label_index) if headers is not None else None
    values: Sequence[RawCell]
    if layout is not None and layout.take is not None:
        values = layout.take(row)
        outside = [c.text.strip() for c in layout.outside(row)] if layout.others else None
        if outside:
            document.notes.append(Note(
                code="row-extra-cells",
                message=(f"{spec.number}“{row_spec.label}”行按表头读取了格式规定的{len(columns)}列，"
                         f"舍去不属于格式的列中的数值（{'、'.join(outside)}）"),
                message_en=(f"{spec.number} row “{row_spec.label}”: the {len(columns)} columns of the "
                            "format were read by the header; values in columns the format does not have "
                            f"were left out ({', '.join(outside)})"),
                ref=_first_ref(row_cells[label_index + 1:]), table=spec.key, row=row_spec.key,
            ))
    else:
        found = _counted_values(document, spec, row_spec, row, row_cells[label_index + 1:], kind, layout)
        if found is None:
            return
        values = found
    target = table.values if into is None else into
    known = _VALUE_PARTS
    for key, cell in zip(spec.row_cell_keys(row_spec.key), values, strict=True):
        text = cell.text
        raw, value, blank, unit, problem = known.get(text) or _value_parts(text)
        target[key] = CellValue(raw, value, blank, cell.ref, unit, problem)


# A cell's text stripped, value, blank, unit and problem (parse_cell's answer), by its text: _place_row
# and _fill_values ask for every cell they read, and reports repeat the same few texts. A plain dict
# they look up themselves: half the cost of a call through parse_cell's lru_cache (Python 3.11).
_VALUE_PARTS: dict[str, tuple[str, int | float | None, bool, str | None, str | None]] = {}
_VALUE_PARTS_SIZE = 4096


def _value_parts(text: str) -> tuple[str, int | float | None, bool, str | None, str | None]:
    parsed = parse_cell(text)
    return keep(_VALUE_PARTS, text, (text.strip(), parsed.value, parsed.blank, parsed.unit, parsed.problem),
                _VALUE_PARTS_SIZE)


def _counted_values(
    document: Document, spec: TableSpec, row_spec: RowSpec, row: list[RawCell], cells: list[RawCell],
    kind: str, layout: RowLayout | None,
) -> list[RawCell] | None:
    """A row's value cells counted in order from its ``cells`` right of the label, one per column of
    the format, where the header does not place them (``layout`` when it names every column); None,
    with a note, when they cannot be told apart."""
    columns = spec.columns_for(row_spec.key)
    ref = _first_ref(cells)
    values = _in_order(cells, kind, len(columns))
    if layout is not None and (len(values) != len(columns) or not layout.agrees(row, values)):
        document.notes.append(Note(
            code="row-unreadable",
            message=(f"{spec.number}“{row_spec.label}”行的单元格与表头的列对不齐，"
                     "无法确定各数值所属的列，未读取该行"),
            message_en=(f"{spec.number} row “{row_spec.label}”: its cells do not line up with the "
                        "header's columns; which value belongs to which column is uncertain, so the row "
                        "was not read"),
            ref=ref, table=spec.key, row=row_spec.key,
        ))
        return None
    if len(values) < len(columns):
        document.notes.append(Note(
            code="row-unreadable",
            message=(f"{spec.number}“{row_spec.label}”行只读到{len(values)}个数值，格式要求{len(columns)}个，"
                     "无法确定各数值所属的列，未读取该行"),
            message_en=(f"{spec.number} row “{row_spec.label}” has {len(values)} value(s) where the "
                        f"format has {len(columns)} columns; which value belongs to which column is "
                        "uncertain, so the row was not read"),
            ref=ref, table=spec.key, row=row_spec.key,
        ))
        return None
    if len(values) > len(columns):
        extra = len(values) - len(columns)
        dropped = [c.text.strip() for c in values[:extra]]
        document.notes.append(Note(
            code="row-extra-cells",
            message=(f"{spec.number}“{row_spec.label}”行有{len(values)}个数值，格式只有{len(columns)}列；"
                     f"按右对齐读取后{len(columns)}个，舍去左侧的{extra}个（{'、'.join(dropped)}）"),
            message_en=(f"{spec.number} row “{row_spec.label}” has {len(values)} values where the format "
                        f"has {len(columns)} columns; the last {len(columns)} were read and the {extra} on "
                        f"the left dropped ({', '.join(dropped)})"),
            ref=ref, table=spec.key, row=row_spec.key,
        ))
        values = values[extra:]
    return values


def _in_order(cells: list[RawCell], kind: str, width: int) -> list[RawCell]:
    """A row's value cells taken in order, for ``width`` columns: in text, the cells with text; in a
    grid, every cell, less empty ones at either end beyond ``width``."""
    if kind == "text":
        return [c for c in cells if c.text.strip()]
    values = list(cells)
    while len(values) > width and values and not values[-1].text.strip():
        values.pop()
    while len(values) > width and values and not values[0].text.strip():
        values.pop(0)
    return values
