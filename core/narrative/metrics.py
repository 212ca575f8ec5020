"""The table cells a narrative figure can describe.

A metric is named like a template cell (``applications.received.total``); a few name a group of
cells that narratives count together (``applications.withheld.total`` is the sum of the eight
（三）不予公开 rows). Each metric lists its cells per edition: the first set whose cells all exist
in the document's table is used.

The row and column keys, their groups and their Chinese labels come from the built-in edition
templates (``schemas/editions/*.yaml``), which own them; only the English words, which the templates
do not carry, are written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from nianbao.format.editions import RowSpec
from nianbao.format.editions import TableSpec
from nianbao.format.editions import builtin_editions
from nianbao.model.document import CellValue
from nianbao.model.document import Document

# The newest edition's tables: the older one's rows are the same or, for （六）其他处理, its merged row.
_EDITION = builtin_editions()[max(builtin_editions())]
_APPLICATIONS: TableSpec = _EDITION.table("applications")
_REVIEWS: TableSpec = _EDITION.table("reviews")
_ACTIVE: TableSpec = _EDITION.table("active_disclosure")


def _same_group(spec: TableSpec, first: str) -> tuple[str, ...]:
    """The keys of the rows that share the group of row ``first`` (（三）不予公开's eight, …)."""
    group = spec.row(first).group
    return tuple(row.key for row in spec.rows if row.group == group)


def _shown(row: RowSpec) -> str:
    """A row's label as messages show it: the shortest of its official label and its variants
    (（二）部分公开 rather than the label's bracketed instruction)."""
    return min((row.label, *row.variants), key=len)


APPLICANT_COLUMNS = tuple(c.key for c in _APPLICATIONS.columns if c.key != "total")
_LEGAL_ENTITIES = next(c.group for c in _APPLICATIONS.columns if c.group)  # 法人或其他组织
LEGAL_ENTITY_COLUMNS = tuple(c.key for c in _APPLICATIONS.columns if c.group == _LEGAL_ENTITIES)
WITHHELD_ROWS = _same_group(_APPLICATIONS, "withheld_state_secret")
UNAVAILABLE_ROWS = _same_group(_APPLICATIONS, "unavailable_not_held")
REJECTED_ROWS = _same_group(_APPLICATIONS, "rejected_petition")
_OTHER_HANDLING = _APPLICATIONS.row("other_handling")  # the 2019 edition's row, merged in the 2021 one
OTHER_ROWS_2021 = _OTHER_HANDLING.parts
_COLUMNS_EN = {
    "natural_person": "natural persons",
    "business": "businesses",
    "research": "research institutions",
    "public_interest": "public-interest organisations",
    "legal_services": "legal-service firms",
    "other": "others",
    "legal_entities": "legal persons and other organisations",
    "total": "total",
}
COLUMN_LABELS = {
    **{c.key: (c.label, _COLUMNS_EN[c.key]) for c in _APPLICATIONS.columns},
    "legal_entities": (_LEGAL_ENTITIES, _COLUMNS_EN["legal_entities"]),
}


_SUBJECTS = {"applications": "applications", "reviews": "cases", "active_disclosure": "documents"}


@dataclass(frozen=True, slots=True)
class Metric:
    """What a narrative figure can describe: a key named like a template cell, its table, labels for
    messages, and per edition the cells whose sum it is (the first set present is used)."""

    key: str
    table: str
    label: str
    label_en: str
    cells: tuple[tuple[str, ...], ...]

    @property
    def row(self) -> str:
        return self.key.split(".")[1]

    @property
    def column(self) -> str:
        return self.key.split(".")[2]

    @property
    def subject(self) -> str:
        """What the cells count, in the words of :class:`~nianbao.narrative.facts.Fact`."""
        return _SUBJECTS.get(self.table, self.table)


@dataclass(frozen=True, slots=True)
class Reading:
    """A metric's value in one document: the cells used and their sum (None when any cell is
    missing or unreadable). ``filled`` lists the 总计 cells left blank in the source whose value was
    taken as the sum of the row's applicant columns, blank columns counting as 0: such a reading
    is for a warning, never for an error."""

    metric: Metric
    cells: tuple[tuple[str, CellValue], ...]
    value: int | float | None
    filled: tuple[str, ...] = ()
    parts: tuple[tuple[str, CellValue], ...] = ()

    @property
    def shown(self) -> tuple[tuple[str, CellValue], ...]:
        """The cells a person checks: the applicant columns summed in place of a blank 总计 cell,
        the metric's own cells otherwise."""
        return self.parts or self.cells

    @property
    def single_cell(self) -> str | None:
        return self.cells[0][0] if len(self.cells) == 1 else None


def _row_metrics(row: str, label: str, label_en: str) -> list[Metric]:
    metrics = []
    for column in (*APPLICANT_COLUMNS, "total"):
        col_zh, col_en = COLUMN_LABELS[column]
        metrics.append(Metric(f"applications.{row}.{column}", "applications", f"{label} / {col_zh}",
                              f"{label_en} / {col_en}", ((f"{row}.{column}",),)))
    entities_zh, entities_en = COLUMN_LABELS["legal_entities"]
    metrics.append(Metric(f"applications.{row}.legal_entities", "applications", f"{label} / {entities_zh}",
                          f"{label_en} / {entities_en}",
                          (tuple(f"{row}.{c}" for c in LEGAL_ENTITY_COLUMNS),)))
    return metrics


def _group(key: str, label: str, label_en: str, *alternatives: tuple[str, ...],
           table: str = "applications") -> Metric:
    return Metric(key, table, label, label_en, tuple(alternatives))


_RESULTS_EN = {"upheld": "upheld", "corrected": "corrected", "other": "other results", "pending": "pending"}
CASE_RESULTS = {key: (_REVIEWS.column("cases", f"review_{key}").label, en) for key, en in _RESULTS_EN.items()}
_REVIEW = _REVIEWS.column("cases", "review_total").group or ""


def _row_label(key: str) -> str:
    return _shown(_APPLICATIONS.row(key))


def _range(rows: tuple[str, ...]) -> str:
    """``（三）不予公开 1–8``: a group of numbered rows by its heading and their numbers."""
    return f"{_APPLICATIONS.row(rows[0]).group} 1–{len(rows)}"


def _case_results() -> list[Metric]:
    metrics = []
    for result, (zh, en) in CASE_RESULTS.items():
        metrics.append(_group(f"reviews.cases.review_{result}", f"{_REVIEW} / {zh}",
                              f"administrative review / {en}", (f"cases.review_{result}",), table="reviews"))
        metrics.append(_group(f"reviews.cases.litigation_{result}",
                              f"行政诉讼（未经复议直接起诉 + 复议后起诉） / {zh}",
                              f"litigation (direct + after review) / {en}",
                              (f"cases.direct_{result}", f"cases.after_review_{result}"), table="reviews"))
    return metrics


def _build() -> dict[str, Metric]:
    total = COLUMN_LABELS["total"][0]
    active_row = _ACTIVE.row("normative_documents")
    metrics = [
        *_row_metrics("received", _row_label("received"), "1. applications received this year"),
        *_row_metrics("carried_over", _row_label("carried_over"), "2. carried over from last year"),
        *_row_metrics("total", _row_label("total"), "(7) total concluded"),
        *_row_metrics("carried_forward", _row_label("carried_forward"), "4. carried forward to next year"),
        _group("applications.received_and_carried_over.total", "一、本年新收 + 二、上年结转 / 总计",
               "1. received + 2. carried over / total", ("received.total", "carried_over.total")),
        _group("applications.granted.total", f"{_row_label('granted')} / {total}", "(1) granted / total",
               ("granted.total",)),
        _group("applications.partially_granted.total", f"{_row_label('partially_granted')} / {total}",
               "(2) partially granted / total",
               ("partially_granted.total",)),
        _group("applications.granted_or_partial.total",
               f"{_row_label('granted')} + {_row_label('partially_granted')} / {total}",
               "(1) granted + (2) partially granted / total", ("granted.total", "partially_granted.total")),
        _group("applications.withheld.total", f"{_range(WITHHELD_ROWS)} / {total}",
               f"(3) withheld 1–{len(WITHHELD_ROWS)} / total",
               tuple(f"{r}.total" for r in WITHHELD_ROWS)),
        _group("applications.unavailable.total", f"{_range(UNAVAILABLE_ROWS)} / {total}",
               f"(4) cannot be provided 1–{len(UNAVAILABLE_ROWS)} / total",
               tuple(f"{r}.total" for r in UNAVAILABLE_ROWS)),
        _group("applications.rejected.total", f"{_range(REJECTED_ROWS)} / {total}",
               f"(5) not processed 1–{len(REJECTED_ROWS)} / total",
               tuple(f"{r}.total" for r in REJECTED_ROWS)),
        _group("applications.other_handling.total", f"{_OTHER_HANDLING.label} / {total}",
               "(6) other handling / total",
               tuple(f"{r}.total" for r in OTHER_ROWS_2021), (f"{_OTHER_HANDLING.key}.total",)),
        _group("reviews.cases.review_total", f"{_REVIEW} / {total}", "administrative review / total",
               ("cases.review_total",), table="reviews"),
        _group("reviews.cases.litigation_total", "行政诉讼（未经复议直接起诉 + 复议后起诉） / 总计",
               "litigation (direct + after review) / total",
               ("cases.direct_total", "cases.after_review_total"), table="reviews"),
        *_case_results(),
        _group("active_disclosure.normative_documents.issued",
               f"{active_row.label} / {_ACTIVE.column('normative_documents', 'issued').label}",
               "normative documents / issued this year", ("normative_documents.issued",),
               ("normative_documents.new_made",), table="active_disclosure"),
        _group("active_disclosure.normative_documents.in_force",
               f"{active_row.label} / {_ACTIVE.column('normative_documents', 'in_force').label}",
               "normative documents / in force", ("normative_documents.in_force",),
               table="active_disclosure"),
    ]
    return {m.key: m for m in metrics}


METRICS: dict[str, Metric] = _build()


def _number(cell: CellValue) -> int | float | None:
    return cell.value if isinstance(cell.value, (int, float)) and not cell.blank else None


@lru_cache(maxsize=256)  # keys of the template's rows: a few dozen
def _applicant_cells(key: str) -> tuple[str, ...]:
    """The keys of the applicant columns in the row of the 总计 cell ``key``."""
    row = key.rsplit(".", 1)[0]
    return tuple(f"{row}.{column}" for column in APPLICANT_COLUMNS)


def _blank_total(values: dict[str, CellValue], key: str) -> int | float | None:
    """The sum of the applicant columns of a row whose 总计 cell is blank (blank columns as 0), or
    None when a column is missing or holds something other than a number or a blank."""
    total: int | float = 0
    for column in _applicant_cells(key):
        cell = values.get(column)
        if cell is None:
            return None
        if cell.blank:
            continue  # counts as 0
        if not isinstance(cell.value, (int, float)):
            return None
        total += cell.value or 0  # a 0.0 adds 0, leaving a sum of whole counts an int (15, not 15.0)
    return total


def read_metric(document: Document, key: str) -> Reading | None:
    """The metric's cells and value in ``document``, or None when its table or cells are absent."""
    metric = METRICS.get(key)
    if metric is None or metric.table not in document.tables:
        return None
    values = document.tables[metric.table].values
    for cells in metric.cells:
        if not all(c in values for c in cells):
            continue
        found = tuple((c, values[c]) for c in cells)
        total: int | float | None = 0
        filled = []
        parts: list[tuple[str, CellValue]] = []
        for cell_key, cell in found:
            number = _number(cell)
            blank_total = cell.blank and metric.table == "applications" and cell_key.endswith(".total")
            if number is None and blank_total:
                number = _blank_total(values, cell_key)
                filled.append(cell_key)
                parts.extend((c, values[c]) for c in _applicant_cells(cell_key)
                             if c in values and not values[c].blank)
            else:
                parts.append((cell_key, cell))
            if number is None or total is None:
                total = None
                continue
            total += number
        if isinstance(total, float) and total.is_integer():
            total = int(total)
        return Reading(metric, found, total, tuple(filled), tuple(parts) if filled else ())
    return None


def part_values(document: Document, reading: Reading) -> list[tuple[str, int | float]]:
    """Each cell of a group metric with its value (a blank 总计 taken as its row's sum), for telling
    the reader when a figure matches one part of the group only."""
    values = document.tables[reading.metric.table].values
    parts = []
    for key, cell in reading.cells:
        number = _number(cell)
        if number is None and cell.blank and key.endswith(".total"):
            number = _blank_total(values, key)
        if number is not None:
            parts.append((key, number))
    return parts
