"""Compare the statistical tables of two years cell by cell, and the figures that follow from last
year's report (上年结转, documents in force, the 2019 edition's item counts)."""

from __future__ import annotations

from collections.abc import Mapping

from nianbao.compare import THRESHOLD
from nianbao.compare.model import CellChange
from nianbao.compare.model import KeyFigure
from nianbao.compare.model import Link
from nianbao.compare.model import TableComparison
from nianbao.format.editions import Edition
from nianbao.format.editions import TableSpec
from nianbao.model.document import CellValue
from nianbao.model.document import Document
from nianbao.model.document import Table
from nianbao.model.identities import cell_label

# A relative change on a handful of cases says little: 1 → 2 is +100%. Changes smaller than this
# many units are not flagged as large whatever their share.
MIN_LARGE = 5


def _value(cell: CellValue | None) -> int | float | None:
    """A cell's number; a blank is 0 as reports use it; None when absent or unreadable."""
    if cell is None or (cell.value is None and not cell.blank):
        return None
    return cell.value or 0


def compare_tables(last: Document, this: Document, editions: Mapping[str, Edition],
                   threshold: float = THRESHOLD) -> list[TableComparison]:
    out = []
    for key in _table_order(last, this, editions):
        this_table, last_table = this.tables.get(key), last.tables.get(key)
        spec = _spec(key, this_table, last_table, editions)
        if spec is None:
            continue
        out.append(_compare_table(spec, last_table, this_table, editions, threshold))
    return out


def _table_order(last: Document, this: Document, editions: Mapping[str, Edition]) -> list[str]:
    known = [t.key for e in editions.values() for t in e.tables]
    order = list(dict.fromkeys(known))
    present = set(last.tables) | set(this.tables)
    return [k for k in order if k in present]


def _spec(key: str, this: Table | None, last: Table | None,
          editions: Mapping[str, Edition]) -> TableSpec | None:
    for table in (this, last):
        if table is not None and table.edition in editions:
            return editions[table.edition].table(key)
    return None


def _compare_table(spec: TableSpec, last: Table | None, this: Table | None, editions: Mapping[str, Edition],
                   threshold: float) -> TableComparison:
    comparison = TableComparison(
        key=spec.key, number=spec.number, title=spec.title,
        last_edition=last.edition if last else None, this_edition=this.edition if this else None,
    )
    if last is None or this is None:
        comparison.note = "上年报告没有此表" if last is None else "本年报告没有此表"
    elif last.edition != this.edition:
        comparison.note = (f"两年的表格版本不同（上年 {last.edition} 版，本年 {this.edition} 版），"
                           "只比较两版共有的单元格")
    keys = list(spec.cell_keys())
    if last is not None and last.edition != (this.edition if this else None) and last.edition in editions:
        keys += [k for k in editions[last.edition].table(spec.key).cell_keys() if k not in keys]
    for key in keys:
        last_cell = last.values.get(key) if last else None
        this_cell = this.values.get(key) if this else None
        if last_cell is None and this_cell is None:
            continue
        comparison.cells.append(_cell_change(spec, editions, last, key, last_cell, this_cell, threshold))
    return comparison


def _label(spec: TableSpec, editions: Mapping[str, Edition], last: Table | None, key: str) -> str:
    try:
        return cell_label(spec, key)
    except KeyError:
        if last is not None and last.edition in editions:
            return cell_label(editions[last.edition].table(spec.key), key)
        return key


def _cell_change(spec: TableSpec, editions: Mapping[str, Edition], last_table: Table | None, key: str,
                 last: CellValue | None, this: CellValue | None, threshold: float) -> CellChange:
    a, b = _value(last), _value(this)
    flags: list[str] = []
    if last is None:
        flags.append("only-this")
    elif this is None:
        flags.append("only-last")
    elif a is None or b is None:
        flags.append("unread")
    change = relative = None
    if a is not None and b is not None:
        change = round(b - a, 4)
        relative = change / a if a else None
        if (a == 0) != (b == 0):
            flags.append("flip")
        elif relative is not None and abs(relative) >= threshold and abs(change) >= MIN_LARGE:
            flags.append("large")
    return CellChange(
        table=spec.key, key=key, label=_label(spec, editions, last_table, key),
        last=a, this=b, last_raw=last.raw if last else None, this_raw=this.raw if this else None,
        change=change, relative=relative, flags=tuple(flags),
        last_line=last.ref.line if last else None, this_line=this.ref.line if this else None,
    )


# --- figures that follow from last year's report ------------------------------------------------------


def links(last: Document, this: Document, editions: Mapping[str, Edition]) -> list[Link]:
    out: list[Link] = []
    applications = _both(last, this, "applications")
    if applications:
        a, b = applications
        spec = editions[b.edition].table("applications") if b.edition in editions else None
        for column in spec.columns if spec else ():
            now = _value(b.values.get(f"carried_over.{column.key}"))
            before = _value(a.values.get(f"carried_forward.{column.key}"))
            if now is not None and before is not None:
                out.append(Link("carried_over", f"上年结转 / {column.label}", now, before,
                                f"本年“二、上年结转” = 上年“四、结转下年度继续办理”（{before}）"))
    disclosure = _both(last, this, "active_disclosure")
    if disclosure:
        a, b = disclosure
        out.extend(_in_force(a, b) if a.edition == b.edition == "2021" else [])
        out.extend(_item_counts(a, b) if a.edition == b.edition == "2019" else [])
    return out


def _both(last: Document, this: Document, key: str) -> tuple[Table, Table] | None:
    a, b = last.tables.get(key), this.tables.get(key)
    return (a, b) if a is not None and b is not None else None


def _in_force(last: Table, this: Table) -> list[Link]:
    out = []
    for row, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        before = _value(last.values.get(f"{row}.in_force"))
        issued, repealed, now = (_value(this.values.get(f"{row}.{column}"))
                                 for column in ("issued", "repealed", "in_force"))
        if None in (before, issued, repealed, now):
            continue
        expected = before + issued - repealed  # type: ignore[operator]
        out.append(Link("in_force", f"{label}现行有效件数", now, expected,  # type: ignore[arg-type]
                        f"上年现行有效 {before} + 本年制发 {issued} − 本年废止 {repealed}"))
    return out


def _item_counts(last: Table, this: Table) -> list[Link]:
    out = []
    rows = (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"), ("penalty", "行政处罚"),
            ("enforcement", "行政强制"), ("fees", "行政事业性收费"))
    for row, label in rows:
        before, change = (_value(last.values.get(f"{row}.{c}")) for c in ("previous_items", "change"))
        now = _value(this.values.get(f"{row}.previous_items"))
        if None in (before, change, now):
            continue
        out.append(Link("item_count", f"{label}上一年项目数量", now, before + change,  # type: ignore[operator,arg-type]
                        f"上年“上一年项目数量” {before} + 上年“本年增/减” {change}"))
    return out


# --- key figures ---------------------------------------------------------------------------------------


def key_figures(last: Document, this: Document) -> list[KeyFigure]:
    def cell(document: Document, table: str, key: str) -> int | float | None:
        found = document.tables.get(table)
        return _value(found.values.get(key)) if found else None

    def share(document: Document) -> float | None:
        granted = cell(document, "applications", "granted.total")
        total = cell(document, "applications", "total.total")
        return round(100 * granted / total, 1) if granted is not None and total else None

    def lawsuits(document: Document) -> int | float | None:
        return _sum(cell(document, "reviews", "cases.direct_total"),
                    cell(document, "reviews", "cases.after_review_total"))

    figures = [
        KeyFigure("received", "新收政府信息公开申请", cell(last, "applications", "received.total"),
                  cell(this, "applications", "received.total")),
        KeyFigure("handled", "办理结果总计", cell(last, "applications", "total.total"),
                  cell(this, "applications", "total.total")),
        KeyFigure("granted_share", "予以公开占办理结果的比例", share(last), share(this), unit="%"),
        KeyFigure("reviews", "行政复议总计", cell(last, "reviews", "cases.review_total"),
                  cell(this, "reviews", "cases.review_total")),
        KeyFigure("lawsuits", "行政诉讼总计",
                  lawsuits(last), lawsuits(this)),
        KeyFigure("normative_in_force", "行政规范性文件现行有效件数",
                  cell(last, "active_disclosure", "normative_documents.in_force"),
                  cell(this, "active_disclosure", "normative_documents.in_force")),
    ]
    return [f for f in figures if f.last is not None or f.this is not None]


def _sum(*values: int | float | None) -> int | float | None:
    return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]
