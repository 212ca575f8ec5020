"""The table cells a narrative figure can describe.

A metric is named like a template cell (``applications.received.total``); a few name a group of
cells that narratives count together (``applications.withheld.total`` is the sum of the eight
（三）不予公开 rows). Each metric lists its cells per edition: the first set whose cells all exist
in the document's table is used.
"""

from __future__ import annotations

from dataclasses import dataclass

from nianbao.model.document import CellValue
from nianbao.model.document import Document

APPLICANT_COLUMNS = ("natural_person", "business", "research", "public_interest", "legal_services", "other")
LEGAL_ENTITY_COLUMNS = APPLICANT_COLUMNS[1:]
WITHHELD_ROWS = ("withheld_state_secret", "withheld_prohibited", "withheld_three_safety",
                 "withheld_third_party", "withheld_internal", "withheld_process", "withheld_enforcement_file",
                 "withheld_query")
UNAVAILABLE_ROWS = ("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear")
REJECTED_ROWS = ("rejected_petition", "rejected_repeat", "rejected_publication", "rejected_mass_repeat",
                 "rejected_confirmation")
OTHER_ROWS_2021 = ("other_no_correction", "other_unpaid_fee", "other_misc")
COLUMN_LABELS = {
    "natural_person": ("自然人", "natural persons"),
    "business": ("商业企业", "businesses"),
    "research": ("科研机构", "research institutions"),
    "public_interest": ("社会公益组织", "public-interest organisations"),
    "legal_services": ("法律服务机构", "legal-service firms"),
    "other": ("其他", "others"),
    "legal_entities": ("法人或其他组织", "legal persons and other organisations"),
    "total": ("总计", "total"),
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
    metrics.append(Metric(f"applications.{row}.legal_entities", "applications", f"{label} / 法人或其他组织",
                          f"{label_en} / legal persons and other organisations",
                          (tuple(f"{row}.{c}" for c in LEGAL_ENTITY_COLUMNS),)))
    return metrics


def _group(key: str, label: str, label_en: str, *alternatives: tuple[str, ...],
           table: str = "applications") -> Metric:
    return Metric(key, table, label, label_en, tuple(alternatives))


CASE_RESULTS = {"upheld": ("结果维持", "upheld"), "corrected": ("结果纠正", "corrected"),
                "other": ("其他结果", "other results"), "pending": ("尚未审结", "pending")}


def _case_results() -> list[Metric]:
    metrics = []
    for result, (zh, en) in CASE_RESULTS.items():
        metrics.append(_group(f"reviews.cases.review_{result}", f"行政复议 / {zh}",
                              f"administrative review / {en}", (f"cases.review_{result}",), table="reviews"))
        metrics.append(_group(f"reviews.cases.litigation_{result}",
                              f"行政诉讼（未经复议直接起诉 + 复议后起诉） / {zh}",
                              f"litigation (direct + after review) / {en}",
                              (f"cases.direct_{result}", f"cases.after_review_{result}"), table="reviews"))
    return metrics


def _build() -> dict[str, Metric]:
    metrics = [
        *_row_metrics("received", "一、本年新收政府信息公开申请数量", "1. applications received this year"),
        *_row_metrics("carried_over", "二、上年结转政府信息公开申请数量", "2. carried over from last year"),
        *_row_metrics("total", "（七）总计", "(7) total concluded"),
        *_row_metrics("carried_forward", "四、结转下年度继续办理", "4. carried forward to next year"),
        _group("applications.received_and_carried_over.total", "一、本年新收 + 二、上年结转 / 总计",
               "1. received + 2. carried over / total", ("received.total", "carried_over.total")),
        _group("applications.granted.total", "（一）予以公开 / 总计", "(1) granted / total",
               ("granted.total",)),
        _group("applications.partially_granted.total", "（二）部分公开 / 总计",
               "(2) partially granted / total",
               ("partially_granted.total",)),
        _group("applications.granted_or_partial.total", "（一）予以公开 + （二）部分公开 / 总计",
               "(1) granted + (2) partially granted / total", ("granted.total", "partially_granted.total")),
        _group("applications.withheld.total", "（三）不予公开 1–8 / 总计", "(3) withheld 1–8 / total",
               tuple(f"{r}.total" for r in WITHHELD_ROWS)),
        _group("applications.unavailable.total", "（四）无法提供 1–3 / 总计",
               "(4) cannot be provided 1–3 / total",
               tuple(f"{r}.total" for r in UNAVAILABLE_ROWS)),
        _group("applications.rejected.total", "（五）不予处理 1–5 / 总计", "(5) not processed 1–5 / total",
               tuple(f"{r}.total" for r in REJECTED_ROWS)),
        _group("applications.other_handling.total", "（六）其他处理 / 总计", "(6) other handling / total",
               tuple(f"{r}.total" for r in OTHER_ROWS_2021), ("other_handling.total",)),
        _group("reviews.cases.review_total", "行政复议 / 总计", "administrative review / total",
               ("cases.review_total",), table="reviews"),
        _group("reviews.cases.litigation_total", "行政诉讼（未经复议直接起诉 + 复议后起诉） / 总计",
               "litigation (direct + after review) / total",
               ("cases.direct_total", "cases.after_review_total"), table="reviews"),
        *_case_results(),
        _group("active_disclosure.normative_documents.issued", "行政规范性文件 / 本年制发件数",
               "normative documents / issued this year", ("normative_documents.issued",),
               ("normative_documents.new_made",), table="active_disclosure"),
        _group("active_disclosure.normative_documents.in_force", "行政规范性文件 / 现行有效件数",
               "normative documents / in force", ("normative_documents.in_force",),
               table="active_disclosure"),
    ]
    return {m.key: m for m in metrics}


METRICS: dict[str, Metric] = _build()


def _number(cell: CellValue) -> int | float | None:
    return cell.value if isinstance(cell.value, (int, float)) and not cell.blank else None


def _blank_total(values: dict[str, CellValue], key: str) -> int | float | None:
    """The sum of the applicant columns of a row whose 总计 cell is blank (blank columns as 0), or
    None when a column is missing or holds something other than a number or a blank."""
    row = key.rsplit(".", 1)[0]
    total: int | float = 0
    for column in APPLICANT_COLUMNS:
        cell = values.get(f"{row}.{column}")
        if cell is None or (not cell.blank and _number(cell) is None):
            return None
        total += _number(cell) or 0
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
                row = cell_key.rsplit(".", 1)[0]
                parts.extend((f"{row}.{c}", values[f"{row}.{c}"]) for c in APPLICANT_COLUMNS
                             if f"{row}.{c}" in values and not values[f"{row}.{c}"].blank)
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
